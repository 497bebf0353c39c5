import Foundation
import Testing

@testable import LakeFormats

/// The nested leaves' one-pass number reading (`JSONCursor.double()` and `int64()`) takes and
/// refuses exactly what the two-pass reading did (RFC 8259 grammar, then `ByteParse`), with
/// the same bits and the same position after it.
@Suite("JSON cursor numbers")
struct JSONCursorNumberTests {
    /// The two-pass reading: the number's text checked, then converted.
    static func twoPass<T>(_ text: String, _ convert: (UnsafePointer<UInt8>, Int) -> T?) -> (T?, Int) {
        Array(text.utf8).withUnsafeBytes { raw in
            var c = JSONCursor(raw)
            guard let digits = c.number(), let p = digits.baseAddress, let v = convert(p, digits.count) else { return (nil, 0) }
            return (v, c.pos)
        }
    }

    static func onePass<T>(_ text: String, _ read: (inout JSONCursor) -> T?) -> (T?, Int) {
        Array(text.utf8).withUnsafeBytes { raw in
            var c = JSONCursor(raw)
            guard let v = read(&c) else { return (nil, 0) }
            return (v, c.pos)
        }
    }

    /// Texts around every branch: signs, leading zeros, fractions, exponents, 18-20 digits,
    /// mantissas past 2^53, more than 22 fraction digits, and what follows a number.
    static func samples() -> [String] {
        var texts = [
            "0", "-0", "7", "-7", "00", "01", "-01", "0.5", "-0.5", "0.", ".5", "-", "+1", "1e5", "1E+5", "1e-5",
            "1.5e3", "1.e3", "1e", "9007199254740993", "9007199254740993.5", "123456789012345678",
            "1234567890123456789", "12345678901234567890", "-9223372036854775808", "9223372036854775807",
            "9223372036854775808", "0.1234567890123456789", "0.00000000000000000000001", "0.4219", "10.22",
            "37.95", "123,", "123}", "123]", "1.5,", "12 ", "nan", "inf", "-inf", "1-", "0x10", "",
        ]
        var random = Mutator(seed: 99)
        let pieces = ["", "-", "0", "5", "12", "900719925474099", "3", ".", "e", "E+", "e-", "7", ",", "}", " ", "x"]
        for _ in 0..<20_000 {
            texts.append((0..<(1 + random.next(6))).map { _ in pieces[random.next(pieces.count)] }.joined())
        }
        return texts
    }

    @Test("doubles: the same value bits, refusals and position as checking then converting")
    func doubles() {
        for text in Self.samples() {
            let old = Self.twoPass(text) { ByteParse.double($0, $1) }
            let new = Self.onePass(text) { $0.double() }
            #expect(old.0?.bitPattern == new.0?.bitPattern && old.1 == new.1, "\(text)")
        }
    }

    @Test("integers: the same values, refusals and position as checking then converting")
    func integers() {
        for text in Self.samples() {
            let old = Self.twoPass(text) { ByteParse.int64($0, $1) }
            let new = Self.onePass(text) { $0.int64() }
            #expect(old.0 == new.0 && old.1 == new.1, "\(text)")
        }
    }
}
