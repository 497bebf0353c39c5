/// LZ4 through the system `liblz4.so.1`, loaded at run time (``SharedLibrary``): the raw block
/// format (Parquet's LZ4_RAW) and, for reading, the legacy Hadoop framing of Parquet's LZ4
/// codec (``decompressHadoop(_:into:)``).
///
/// When the library is missing, every call throws an `unsupported` ``FormatError`` naming the
/// package to install (liblz4-1).
public enum LZ4 {
    typealias CompressBound = @convention(c) (Int32) -> Int32
    typealias CompressDefault = @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<CChar>?, Int32, Int32) -> Int32
    typealias DecompressSafe = @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<CChar>?, Int32, Int32) -> Int32

    /// The functions SwiftLake calls, resolved once.
    struct API: Sendable {
        let compressBound: CompressBound
        let compress: CompressDefault
        let decompress: DecompressSafe
    }

    /// The largest input one LZ4 block can hold (`LZ4_MAX_INPUT_SIZE`).
    public static let maxInputSize = 0x7E00_0000

    private static let loaded: Result<API, FormatError> = Result { () throws(FormatError) -> API in
        let lib = try SharedLibrary.open(["liblz4.so.1", "liblz4.so", "liblz4.dylib", "liblz4.1.dylib"], codec: "LZ4", package: "liblz4-1")
        return API(
            compressBound: try lib.function("LZ4_compressBound", as: CompressBound.self),
            compress: try lib.function("LZ4_compress_default", as: CompressDefault.self),
            decompress: try lib.function("LZ4_decompress_safe", as: DecompressSafe.self))
    }

    static func api() throws(FormatError) -> API { try loaded.get() }

    /// Throws the missing-library error now, if any (writers call it before writing a byte).
    public static func checkAvailable() throws { _ = try api() }

    /// The most bytes compressing `sourceLength` bytes can produce.
    public static func maxCompressedLength(_ sourceLength: Int) throws -> Int {
        guard sourceLength <= maxInputSize else {
            throw FormatError.invalidArgument("LZ4 blocks hold at most \(maxInputSize) bytes, not \(sourceLength)")
        }
        return Int(try api().compressBound(Int32(sourceLength)))
    }

    /// Compresses `source` into one raw block in `destination` (at least
    /// ``maxCompressedLength(_:)`` bytes); returns the compressed length.
    public static func compress(
        _ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer
    ) throws -> Int {
        let api = try api()
        guard source.count <= maxInputSize, destination.count <= Int(Int32.max) else {
            throw FormatError.invalidArgument("LZ4 blocks hold at most \(maxInputSize) bytes, not \(source.count)")
        }
        let n = api.compress(
            source.baseAddress?.assumingMemoryBound(to: CChar.self),
            destination.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(source.count), Int32(destination.count))
        guard n > 0 else { throw FormatError(.io, "LZ4 compression failed (output buffer too small)") }
        return Int(n)
    }

    /// Compresses `bytes` into one raw block in a new array.
    public static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        let bound = try maxCompressedLength(bytes.count)
        var out = [UInt8](repeating: 0, count: bound)
        let n = try bytes.withUnsafeBytes { src in
            try out.withUnsafeMutableBytes { dst in try compress(src, into: dst) }
        }
        out.removeSubrange(n...)
        return out
    }

    /// Decompresses one raw block into exactly `destination.count` bytes.
    public static func decompress(
        _ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer
    ) throws {
        let api = try api()
        guard source.count <= Int(Int32.max), destination.count <= Int(Int32.max) else {
            throw FormatError.corrupt("LZ4 block of \(source.count) bytes is larger than LZ4 allows")
        }
        // liblz4 wants non-null pointers even for empty buffers.
        var empty: CChar = 0
        let n = withUnsafeMutablePointer(to: &empty) { placeholder in
            api.decompress(
                source.baseAddress?.assumingMemoryBound(to: CChar.self) ?? UnsafePointer(placeholder),
                destination.baseAddress?.assumingMemoryBound(to: CChar.self) ?? placeholder,
                Int32(source.count), Int32(destination.count))
        }
        guard n >= 0 else { throw FormatError.corrupt("LZ4 data is corrupt or larger than its page size") }
        guard Int(n) == destination.count else {
            throw FormatError.corrupt("LZ4 data decompresses to \(n) bytes, \(destination.count) expected")
        }
    }

    /// Decompresses one raw block into a new array of exactly `length` bytes.
    public static func decompress(_ bytes: [UInt8], length: Int) throws -> [UInt8] {
        guard length >= 0, length <= maxInputSize else {
            throw FormatError.corrupt("LZ4 block announces \(length) bytes, more than LZ4 allows")
        }
        var out = [UInt8](repeating: 0, count: length)
        try bytes.withUnsafeBytes { src in
            try out.withUnsafeMutableBytes { dst in try decompress(src, into: dst) }
        }
        return out
    }
}
