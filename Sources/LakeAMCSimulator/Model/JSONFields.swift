import Foundation

/// Reading the fields of a request's JSON object, each wrong one a 400 that names it.
enum JSONFields {
    /// A string field; nil when absent or null.
    static func string(_ object: [String: JSONValue], _ key: String) throws -> String? {
        switch object[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw AMCAPIError.badRequest("\(key) must be a string")
        }
    }

    /// A string field that must be there and not empty.
    static func requiredString(_ object: [String: JSONValue], _ key: String) throws -> String {
        guard let text = try string(object, key), !text.isEmpty else { throw AMCAPIError.badRequest("\(key) is required") }
        return text
    }

    /// A boolean sent as `true`/`false` or as the strings `"true"`/`"false"` (any case).
    static func lenientBool(_ object: [String: JSONValue], _ key: String) throws -> Bool? {
        switch object[key] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        case .string(let text)? where text.lowercased() == "true": return true
        case .string(let text)? where text.lowercased() == "false": return false
        default: throw AMCAPIError.badRequest("\(key) must be true or false")
        }
    }

    /// A whole number sent as a number or as a string of digits.
    static func lenientInt(_ object: [String: JSONValue], _ key: String) throws -> Int? {
        switch object[key] {
        case nil, .null?: return nil
        case .int(let value)?: return value
        case .double(let value)? where value.rounded() == value && abs(value) < 1e15: return Int(value)
        case .string(let text)?:
            if let value = Int(text.trimmingCharacters(in: .whitespaces)) { return value }
            throw AMCAPIError.badRequest("\(key) must be a whole number")
        default: throw AMCAPIError.badRequest("\(key) must be a whole number")
        }
    }

    /// An object of string values; numbers and booleans are taken as their text.
    static func stringMap(_ object: [String: JSONValue], _ key: String) throws -> [String: String] {
        switch object[key] {
        case nil, .null?: return [:]
        case .object(let map)?:
            var result: [String: String] = [:]
            for (name, value) in map {
                switch value {
                case .string(let text): result[name] = text
                case .int(let number): result[name] = String(number)
                case .double(let number): result[name] = String(number)
                case .bool(let flag): result[name] = String(flag)
                default: throw AMCAPIError.badRequest("\(key).\(name) must be a string")
                }
            }
            return result
        default: throw AMCAPIError.badRequest("\(key) must be an object of strings")
        }
    }
}
