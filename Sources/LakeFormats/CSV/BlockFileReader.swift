import Foundation

/// Reads a file in large blocks into one reusable buffer, carrying the unconsumed tail of the
/// previous block to the front: the buffer holds `[carry][new block]`, so memory stays at about
/// one block (it grows only when a single record is larger than a block).
final class BlockFileReader {
    private let fd: Int32
    let path: String
    private(set) var buffer: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes of `buffer` holding data.
    private(set) var filled = 0
    /// File offset of `buffer[0]`.
    private(set) var bufferOffset: Int64 = 0
    /// No more bytes after `filled`.
    private(set) var atEOF = false
    let blockSize: Int
    /// Total bytes of the file (at open).
    let fileSize: Int64

    init(url: URL, blockSize: Int) throws(FormatError) {
        path = url.path
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else {
            throw FormatError.at(.io, "cannot open the input: \(String(cString: strerror(errno)))", path: url.path)
        }
        self.fd = fd
        var st = stat()
        let known = fstat(fd, &st) == 0
        fileSize = known ? Int64(st.st_size) : 0
        // A small regular file gets a buffer its size (a stage-B batch opens hundreds of
        // 300-byte files: 8 MiB per open was most of the batch's time, in page faults). Reads
        // still go on to the end of the file if it grew since, in blocks of this size.
        let isRegular = known && (st.st_mode & S_IFMT) == S_IFREG
        let smallFile = isRegular ? max(4096, Int(clamping: fileSize) + 1) : Int.max
        self.blockSize = max(64, min(blockSize, smallFile))
        capacity = self.blockSize * 2
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        close(fd)
        buffer.deallocate()
    }

    /// Drops the first `consumed` bytes, then reads one more block after what remains.
    /// Grows the buffer when the remaining carry alone fills most of it.
    func advance(consumed: Int) throws(FormatError) {
        let keep = filled - consumed
        if consumed > 0 {
            if keep > 0 { buffer.update(from: buffer + consumed, count: keep) }
            bufferOffset += Int64(consumed)
            filled = keep
        }
        guard !atEOF else { return }
        if capacity - filled < blockSize {
            let newCapacity = max(capacity * 2, filled + blockSize)
            let b = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            b.update(from: buffer, count: filled)
            buffer.deallocate()
            buffer = b
            capacity = newCapacity
        }
        var want = blockSize
        while want > 0 {
            let r = read(fd, buffer + filled, want)
            if r < 0 {
                if errno == EINTR { continue }
                throw FormatError.at(.io, "cannot read the input: \(String(cString: strerror(errno)))", path: path)
            }
            if r == 0 {
                atEOF = true
                break
            }
            filled += r
            want -= r
        }
    }

    /// Goes back to the start of the file (for a second pass).
    func rewind() throws(FormatError) {
        try seek(to: 0)
    }

    /// Empties the buffer and goes on reading at file offset `offset`.
    func seek(to offset: Int64) throws(FormatError) {
        guard lseek(fd, off_t(offset), SEEK_SET) == off_t(offset) else {
            throw FormatError.at(.io, "cannot seek in the input", path: path)
        }
        filled = 0
        bufferOffset = offset
        atEOF = false
    }

    /// Maps up to `count` bytes at file offset `offset` read-only, instead of copying them
    /// (fewer only at the end of the file); nil when the input cannot be mapped (not a regular
    /// file, or the system refuses), so the caller copies instead. The pages are mapped up front
    /// (`MAP_POPULATE`): one call, where a copy paid for both the kernel's copy and the buffer.
    func mapBytes(count: Int, at offset: Int64) -> MappedBytes? {
        #if os(Linux)
        var st = stat()
        // The size now, not at open: the file may have grown, and a mapping past its end
        // cannot be read.
        guard count > 0, fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, offset >= 0 else { return nil }
        let available = Int64(st.st_size) - offset
        guard available > 0 else { return MappedBytes.empty }
        let page = Int64(sysconf(Int32(_SC_PAGESIZE)))
        guard page > 0 else { return nil }
        let aligned = offset - offset % page
        let want = Int(min(Int64(count), available))
        let length = want + Int(offset - aligned)
        guard let base = mmap(nil, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, off_t(aligned)),
            base != MAP_FAILED
        else { return nil }
        return MappedBytes(mapping: base, length: length, bytes: UnsafePointer((base + Int(offset - aligned)).assumingMemoryBound(to: UInt8.self)), count: want)
        #else
        return nil
        #endif
    }

    /// Reads up to `count` bytes at file offset `offset` into `into`, without moving the
    /// buffer or the read position; fewer only at the end of the file.
    func copyBytes(into: UnsafeMutablePointer<UInt8>, count: Int, at offset: Int64) throws(FormatError) -> Int {
        var got = 0
        while got < count {
            let r = pread(fd, into + got, count - got, off_t(offset + Int64(got)))
            if r < 0 {
                if errno == EINTR { continue }
                throw FormatError.at(.io, "cannot read the input: \(String(cString: strerror(errno)))", path: path)
            }
            if r == 0 { break }
            got += r
        }
        return got
    }
}

/// Bytes of a file mapped read-only by ``BlockFileReader/mapBytes(count:at:)``; the owner
/// calls ``unmap()`` once nothing points into them.
struct MappedBytes {
    /// The mapping (page-aligned), nil for no bytes.
    let mapping: UnsafeMutableRawPointer?
    let length: Int
    /// The bytes asked for, inside the mapping.
    let bytes: UnsafePointer<UInt8>?
    let count: Int

    /// No bytes: the offset is at or past the end of the file.
    static var empty: MappedBytes { MappedBytes(mapping: nil, length: 0, bytes: nil, count: 0) }

    func unmap() {
        if let mapping { munmap(mapping, length) }
    }
}
