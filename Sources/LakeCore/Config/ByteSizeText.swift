import Foundation

/// Sizes as lake.yaml and the CLI write them: `128MB`, `1GB`, `500KB`, `64B` or plain bytes
/// (binary units: 1 MB = 1,048,576 bytes).
public enum ByteSizeText {
    /// The size in bytes, or nil when the text is not a positive size.
    public static func parse(_ text: String) -> Int64? {
        let upper = text.uppercased().trimmingCharacters(in: .whitespaces)
        for (suffix, factor) in [("GB", Int64(1) << 30), ("MB", Int64(1) << 20), ("KB", Int64(1) << 10), ("B", Int64(1))] where upper.hasSuffix(suffix) {
            guard let n = Double(upper.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), n > 0 else { return nil }
            return Int64(n * Double(factor))
        }
        return Int64(upper).flatMap { $0 > 0 ? $0 : nil }
    }

    /// The shortest exact text for `bytes` (`128MB`, `1536KB`, `1000B`).
    public static func format(_ bytes: Int64) -> String {
        for (suffix, factor) in [("GB", Int64(1) << 30), ("MB", Int64(1) << 20), ("KB", Int64(1) << 10)] where bytes % factor == 0 {
            return "\(bytes / factor)\(suffix)"
        }
        return "\(bytes)B"
    }
}

/// A dataset's automatic compaction (`compaction:` in lake.yaml): `lake run` compacts a
/// partition of its tables once it holds `afterFiles` files smaller than `targetSize`.
public struct CompactionConfig: Sendable, Hashable {
    public var afterFiles: Int
    public var targetSize: Int64
    public init(afterFiles: Int = 8, targetSize: Int64 = 128 << 20) {
        self.afterFiles = afterFiles
        self.targetSize = targetSize
    }
}
