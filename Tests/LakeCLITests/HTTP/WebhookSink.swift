import Foundation
import LakeCore

/// A webhook receiver for notification tests: `Scripts/webhook_sink.py` on a free port, which
/// answers 500 to the first `failFirst` posts and 200 after, and appends one line per post to
/// `received`. `stop()` (or releasing it) closes its stdin, which ends it.
final class WebhookSink {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/webhook_sink.py")

    let port: Int
    private let process: ChildProcess
    private let input = Pipe()

    init(writingTo received: URL, failFirst: Int = 1) throws {
        let output = Pipe()
        process = try ChildProcess.launch(
            "/usr/bin/env", ["python3", Self.script.path, received.path, String(failFirst)],
            stdin: .descriptor(input.fileHandleForReading.fileDescriptor),
            stdout: .descriptor(output.fileHandleForWriting.fileDescriptor))
        try? input.fileHandleForReading.close()
        try? output.fileHandleForWriting.close()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = Int(line) else {
            process.terminate()
            throw LakeError(.io, "the webhook sink did not print its port: '\(line)'", hint: "run python3 \(Self.script.path) by hand")
        }
        self.port = port
    }

    /// Whether the sink still runs (for failure messages).
    var isRunning: Bool { process.isRunning }

    func stop() { try? input.fileHandleForWriting.close() }

    deinit { stop() }
}
