import Foundation
import Testing

@testable import LakeFormats

/// Key names matched where they lie (one masked word for up to eight bytes) agree with plain
/// byte comparison, whatever follows the key and however much of it may be read.
@Suite("Short keys")
struct ShortKeyTests {
    @Test("matches exactly when the bytes are equal, with the text cut right after the key or not")
    func matchesEqualBytes() {
        var random = Mutator(seed: 5)
        for _ in 0..<20_000 {
            let n = random.next(14)
            let key = (0..<n).map { _ in UInt8(random.next(3)) }
            // The text: the key or a near miss (one byte changed), then a few more bytes.
            var text = key
            if n > 0, random.next(2) == 0 { text[random.next(n)] ^= UInt8(1 + random.next(2)) }
            let tail = (0..<random.next(10)).map { _ in UInt8(random.next(3)) }
            text += tail
            let k = ShortKey(key)
            text.withUnsafeBufferPointer { b in
                guard let p = b.baseAddress else { return }
                let expected = Array(text.prefix(n)) == key
                #expect(k.matches(p, readable: b.count) == expected, "\(key) in \(text)")
                #expect(k.matches(p, readable: n) == expected, "\(key) in \(text), nothing after it readable")
            }
        }
    }

    @Test("keys made of zero bytes are not confused with the padding of shorter ones")
    func zeroBytes() {
        let text: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        text.withUnsafeBufferPointer { b in
            guard let p = b.baseAddress else { return }
            #expect(ShortKey([0, 0, 0]).matches(p, readable: b.count))
            #expect(!ShortKey([0, 1]).matches(p, readable: b.count))
            #expect(!ShortKey([0, 0, 0, 0, 0, 0, 0, 1]).matches(p, readable: b.count))
            #expect(ShortKey([]).matches(p, readable: 0))
        }
    }
}
