/// Buffers for assembling and compressing one page, shared by all column writers of a file
/// (pages are built one at a time), so scratch memory does not grow with the column count.
final class PageScratch {
    /// The uncompressed page body: levels then values.
    let body = OutputBuffer(capacity: 1 << 16)
    /// The compressed page body.
    let compressed = OutputBuffer(capacity: 1 << 16)

    /// Gives back memory after an unusually large page (a huge value).
    func trim(limit: Int) {
        body.removeAll()
        compressed.removeAll()
        body.shrink(to: limit)
        compressed.shrink(to: limit)
    }
}
