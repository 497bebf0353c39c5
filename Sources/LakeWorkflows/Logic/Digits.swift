/// Small helpers for reading and writing fixed-width decimal numbers in date texts.
enum Digits {
    /// `value` zero-padded to `width` digits (a minus sign first for negative values).
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }

    /// The value of `text` when it is made only of ASCII digits (no sign), else nil.
    static func unsigned<S: StringProtocol>(_ text: S) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(text)
    }
}
