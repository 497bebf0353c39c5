/// Builds small XML request bodies (DeleteObjects, CompleteMultipartUpload, bucket configurations).
public struct XMLWriter: Sendable {
    private(set) var output: String

    /// Starts a document with the XML declaration.
    public init() { output = #"<?xml version="1.0" encoding="UTF-8"?>"# }

    /// Opens an element, with an optional `xmlns`.
    public mutating func open(_ name: String, xmlns: String? = nil) {
        output += "<\(name)"
        if let xmlns { output += #" xmlns=""# + XMLWriter.escape(xmlns) + #"""# }
        output += ">"
    }

    /// Closes an element.
    public mutating func close(_ name: String) { output += "</\(name)>" }

    /// Writes `<name>text</name>`, the text escaped.
    public mutating func element(_ name: String, _ text: String) {
        output += "<\(name)>\(XMLWriter.escape(text))</\(name)>"
    }

    /// The document.
    public var text: String { output }

    /// Escapes `& < > " '` and characters XML 1.0 cannot carry literally (as numeric references).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "&#x\(String(scalar.value, radix: 16, uppercase: true));"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
