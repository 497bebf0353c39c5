/// Character rules for the names lake.yaml defines beyond those in `LakeNames` (DESIGN §2).
enum NameRules {
    /// `[a-z0-9]`.
    static func lowerAlnum(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }

    /// `[A-Za-z0-9_]`: WLM level names (they name queues).
    static func levelCharacter(_ c: UInt8) -> Bool {
        lowerAlnum(c) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || c == UInt8(ascii: "_")
    }

    /// `[A-Za-z0-9_-]`: named transforms.
    static func transformCharacter(_ c: UInt8) -> Bool {
        levelCharacter(c) || c == UInt8(ascii: "-")
    }

    /// True when every byte of `name` passes `allowed` and its length is in `length`.
    static func matches(_ name: String, _ allowed: (UInt8) -> Bool, length: ClosedRange<Int>) -> Bool {
        length.contains(name.utf8.count) && name.utf8.allSatisfy(allowed)
    }

    /// Named transforms: 1-64 of `[A-Za-z0-9_-]`, starting with a letter or digit.
    static func isValidTransformName(_ name: String) -> Bool {
        guard let first = name.utf8.first, levelCharacter(first), first != UInt8(ascii: "_") else { return false }
        return matches(name, transformCharacter, length: 1...64)
    }

    /// How to fix a name that breaks the `[a-z0-9]{n,m}` rule, with a cleaned-up suggestion.
    static func hint(for name: String, length: ClosedRange<Int>) -> String {
        var hint = "use \(length.lowerBound)-\(length.upperBound) lowercase letters or digits (no capitals, '-', '_' or spaces)"
        let cleaned = String(name.lowercased().unicodeScalars.filter { $0.isASCII && lowerAlnum(UInt8($0.value)) }.prefix(length.upperBound).map(Character.init))
        if cleaned != name, matches(cleaned, lowerAlnum, length: length) { hint += ", e.g. '\(cleaned)'" }
        return hint
    }
}
