import Foundation
import Testing

@testable import LakeFormats

/// The byte-string dictionary gives each distinct value one index, in order of first sight,
/// whatever its length and bytes (slots hold the first eight bytes and a length tag).
@Suite("Byte-array dictionary")
struct ByteArrayDictionaryTests {
    /// Values that differ only where a slot's word and tag cannot tell them apart alone: zero
    /// padding against zero bytes, the eighth byte, lengths 8 and 9, 255 and 256 and more.
    static let lookAlikes: [[UInt8]] = [
        [], [0], [0, 0], [97], [97, 0], [97, 98, 99, 100, 101], [97, 98, 99, 100, 101, 0, 0, 5],
        [97, 98, 99, 100, 101, 0, 0, 0], [97, 98, 99, 100, 101, 0, 0], Array("abcdefgh".utf8),
        Array("abcdefghi".utf8), Array("abcdefghj".utf8), Array("abcdefgh\u{0}".utf8),
        Array(repeating: 120, count: 255), Array(repeating: 120, count: 256), Array(repeating: 120, count: 511),
        Array(repeating: 120, count: 254) + [121], Array(repeating: 120, count: 255) + [121],
    ]

    @Test("indices and the page body match a reference dictionary over random and look-alike values")
    func matchesReference() {
        var random = Mutator(seed: 11)
        var values: [[UInt8]] = Self.lookAlikes + Self.lookAlikes.reversed()
        // Enough distinct values to grow the table several times; short ones from a small
        // alphabet so many repeat, and some long ones sharing their first eight bytes.
        for _ in 0..<30_000 {
            let n = random.next(4) == 0 ? 8 + random.next(40) : random.next(9)
            var v = (0..<n).map { _ in UInt8(random.next(3)) }
            if n > 8 { v.replaceSubrange(0..<8, with: [1, 2, 3, 4, 5, 6, 7, 8]) }
            values.append(v)
        }
        var offsets: [Int32] = [0]
        var data: [UInt8] = []
        for v in values {
            data += v
            offsets.append(Int32(data.count))
        }
        data.append(0)  // never empty, so its base address is never nil
        var dictionary = ByteArrayDictionary()
        var indices: [UInt32] = []
        offsets.withUnsafeBufferPointer { o in
            data.withUnsafeBytes { d in
                guard let base = d.baseAddress else { return }
                // Slices of uneven size, as the column writer encodes them.
                var row = 0
                while row < values.count {
                    let end = min(values.count, row + 1 + random.next(5000))
                    dictionary.encode(offsets: o, data: base, rows: row..<end, valid: nil, into: &indices)
                    row = end
                }
            }
        }
        var reference: [[UInt8]: UInt32] = [:]
        var order: [[UInt8]] = []
        var expected: [UInt32] = []
        for v in values {
            if let i = reference[v] {
                expected.append(i)
            } else {
                reference[v] = UInt32(order.count)
                expected.append(UInt32(order.count))
                order.append(v)
            }
        }
        #expect(indices == expected)
        #expect(dictionary.count == order.count)
        var entries: [[UInt8]] = []
        dictionary.forEachEntry { entries.append(Array($0)) }
        #expect(entries == order)
        var plain: [UInt8] = []
        for v in order {
            withUnsafeBytes(of: UInt32(v.count).littleEndian) { plain += $0 }
            plain += v
        }
        #expect(dictionary.plain == plain)
    }

    @Test("after removeAll the dictionary starts over")
    func removeAllStartsOver() {
        var dictionary = ByteArrayDictionary()
        let texts = ["zip", "code", "zip", "a\u{0}", "a"].map { Array($0.utf8) }
        func index(_ t: [UInt8]) -> UInt32 {
            // One byte more, so the base address is never nil.
            (t + [0]).withUnsafeBytes { raw in raw.baseAddress.map { dictionary.index(of: $0, count: t.count) } ?? .max }
        }
        for t in texts { _ = index(t) }
        #expect(dictionary.count == 4)
        dictionary.removeAll()
        #expect(dictionary.count == 0)
        let again = texts.reversed().map(index)
        #expect(again == [0, 1, 2, 3, 2])
    }
}
