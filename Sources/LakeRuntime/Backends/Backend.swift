import Foundation
import LakeAWS
import LakeCore
import LakeEmbedded

/// The adapters behind a runtime, kept for what only one backend does: the embedded raw-directory
/// watcher and lease recovery, the AWS connection's shutdown.
enum Backend: Sendable {
    case embedded(EmbeddedLake)
    case aws(AWSLake, workDirectory: URL)

    var name: String {
        switch self {
        case .embedded: return "embedded"
        case .aws: return "aws"
        }
    }

    var embedded: EmbeddedLake? {
        if case .embedded(let lake) = self { return lake }
        return nil
    }

    func close() async {
        if case .aws(let lake, let work) = self {
            try? await lake.shutdown()
            AWSWorkDirectory.remove(work)
        }
    }
}
