/// ZSTD (RFC 8878) through the system `libzstd.so.1`, loaded at run time (``SharedLibrary``):
/// one frame per call, with the content size in the frame header, as pyarrow and DuckDB write.
///
/// When the library is missing, every call throws an `unsupported` ``FormatError`` naming the
/// package to install (libzstd1).
public enum Zstd {
    /// The compression level used when none is given (zstd's own default).
    public static let defaultLevel: Int32 = 3

    typealias CompressBound = @convention(c) (Int) -> Int
    typealias Compress = @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int, Int32) -> Int
    typealias Decompress = @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int) -> Int
    typealias FrameContentSize = @convention(c) (UnsafeRawPointer?, Int) -> UInt64
    typealias IsError = @convention(c) (Int) -> UInt32
    typealias ErrorName = @convention(c) (Int) -> UnsafePointer<CChar>?

    /// The functions SwiftLake calls, resolved once.
    struct API: Sendable {
        let compressBound: CompressBound
        let compress: Compress
        let decompress: Decompress
        let frameContentSize: FrameContentSize
        let isError: IsError
        let errorName: ErrorName

        func check(_ code: Int, _ call: String) throws -> Int {
            guard isError(code) != 0 else { return code }
            let text = errorName(code).map { String(cString: $0) } ?? "code \(code)"
            throw FormatError(.corrupt, "zstd data is corrupt or does not match its page size", underlying: "\(call): \(text)")
        }
    }

    /// `ZSTD_CONTENTSIZE_UNKNOWN` and `ZSTD_CONTENTSIZE_ERROR`.
    static let contentSizeUnknown = UInt64.max
    static let contentSizeError = UInt64.max - 1

    private static let loaded: Result<API, FormatError> = Result { () throws(FormatError) -> API in
        let lib = try SharedLibrary.open(["libzstd.so.1", "libzstd.so", "libzstd.dylib", "libzstd.1.dylib"], codec: "ZSTD", package: "libzstd1")
        return API(
            compressBound: try lib.function("ZSTD_compressBound", as: CompressBound.self),
            compress: try lib.function("ZSTD_compress", as: Compress.self),
            decompress: try lib.function("ZSTD_decompress", as: Decompress.self),
            frameContentSize: try lib.function("ZSTD_getFrameContentSize", as: FrameContentSize.self),
            isError: try lib.function("ZSTD_isError", as: IsError.self),
            errorName: try lib.function("ZSTD_getErrorName", as: ErrorName.self))
    }

    static func api() throws(FormatError) -> API { try loaded.get() }

    /// Throws the missing-library error now, if any (writers call it before writing a byte).
    public static func checkAvailable() throws { _ = try api() }

    /// The most bytes compressing `sourceLength` bytes can produce.
    public static func maxCompressedLength(_ sourceLength: Int) throws -> Int {
        try api().compressBound(sourceLength)
    }

    /// Compresses `source` into `destination` (at least ``maxCompressedLength(_:)`` bytes);
    /// returns the compressed length.
    public static func compress(
        _ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer, level: Int32 = defaultLevel
    ) throws -> Int {
        let api = try api()
        let n = api.compress(destination.baseAddress, destination.count, source.baseAddress, source.count, level)
        guard api.isError(n) == 0 else {
            let text = api.errorName(n).map { String(cString: $0) } ?? "code \(n)"
            throw FormatError(.io, "zstd compression failed", underlying: text)
        }
        return n
    }

    /// Compresses `bytes` into a new array.
    public static func compress(_ bytes: [UInt8], level: Int32 = defaultLevel) throws -> [UInt8] {
        let bound = try maxCompressedLength(bytes.count)
        var out = [UInt8](repeating: 0, count: bound)
        let n = try bytes.withUnsafeBytes { src in
            try out.withUnsafeMutableBytes { dst in try compress(src, into: dst, level: level) }
        }
        out.removeSubrange(n...)
        return out
    }

    /// Checks the first frame header of `source`: valid, and announcing (when it records its
    /// content size) no more than `expected` bytes. Callers run it before allocating.
    public static func checkFrame(_ source: UnsafeRawBufferPointer, expected: Int) throws {
        let announced = try api().frameContentSize(source.baseAddress, source.count)
        if announced == contentSizeError {
            throw FormatError.corrupt("zstd data does not start with a valid frame header")
        }
        if announced != contentSizeUnknown, announced > UInt64(expected) {
            throw FormatError.corrupt("zstd frame announces \(announced) bytes, more than the \(expected) expected")
        }
    }

    /// Decompresses `source` into exactly `destination.count` bytes. A frame announcing more
    /// than that is rejected before anything is decoded.
    public static func decompress(
        _ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer
    ) throws {
        let api = try api()
        try checkFrame(source, expected: destination.count)
        let n = try api.check(
            api.decompress(destination.baseAddress, destination.count, source.baseAddress, source.count), "ZSTD_decompress")
        guard n == destination.count else {
            throw FormatError.corrupt("zstd data decompresses to \(n) bytes, \(destination.count) expected")
        }
    }

    /// Decompresses a single frame that records its content size, into a new array of at
    /// most `maxLength` bytes.
    public static func decompress(_ bytes: [UInt8], maxLength: Int = 1 << 30) throws -> [UInt8] {
        let api = try api()
        let announced = bytes.withUnsafeBytes { api.frameContentSize($0.baseAddress, $0.count) }
        guard announced != contentSizeError, announced != contentSizeUnknown else {
            throw FormatError.corrupt("zstd data has no valid frame header with a content size")
        }
        guard announced <= UInt64(maxLength) else {
            throw FormatError.corrupt("zstd frame announces \(announced) bytes, more than the \(maxLength) allowed")
        }
        var out = [UInt8](repeating: 0, count: Int(announced))
        try bytes.withUnsafeBytes { src in
            try out.withUnsafeMutableBytes { dst in try decompress(src, into: dst) }
        }
        return out
    }
}
