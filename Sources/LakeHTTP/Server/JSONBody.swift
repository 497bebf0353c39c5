import Foundation
import HTTPTypes
import Hummingbird
import LakeRuntime
import NIOCore

/// Reading and writing JSON bodies: read models written as the CLI's `--json` writes them
/// (compact), and request documents read strictly — an unknown or ill-typed field is a 400 that
/// names it.
enum JSONBody {
    static let encoder = LakeJSON.encoder(pretty: false)

    /// `value` as a JSON response.
    static func response<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let data = try encoder.encode(value)
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The request's body as a JSON object whose keys are all in `allowed`; a missing body is
    /// `{}`. Mutating routes take JSON only (`Content-Type: application/json`).
    static func object(_ request: Request, context: LakeRequestContext, allowed: Set<String>) async throws -> [String: JSONInput] {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/json") else {
            throw APIError(.unsupportedMediaType, code: "bad-request", "send the body as JSON", hint: "set Content-Type: application/json")
        }
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let data = Data(buffer.readableBytesView)
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return [:] }
        let parsed: JSONInput
        do {
            parsed = try JSONDecoder().decode(JSONInput.self, from: data)
        } catch {
            throw APIError.badRequest("the body is not valid JSON", hint: "send a JSON object")
        }
        guard case .object(let object) = parsed else { throw APIError.badRequest("the body must be a JSON object") }
        for key in object.keys.sorted() where !allowed.contains(key) {
            throw APIError.badRequest("unknown field '\(key)'", hint: "fields: " + (allowed.isEmpty ? "none" : allowed.sorted().joined(separator: ", ")))
        }
        return object
    }

    /// A string field, or a 400 naming it.
    static func string(_ object: [String: JSONInput], _ key: String, required: Bool = false) throws -> String? {
        switch object[key] {
        case nil, .null?:
            if required { throw APIError.badRequest("field '\(key)' is required") }
            return nil
        case .string(let text)?: return text
        default: throw APIError.badRequest("field '\(key)' must be a string")
        }
    }

    /// A whole-number field, or a 400 naming it.
    static func int(_ object: [String: JSONInput], _ key: String) throws -> Int? {
        switch object[key] {
        case nil, .null?: return nil
        case .int(let value)?: return value
        default: throw APIError.badRequest("field '\(key)' must be a whole number")
        }
    }

    /// A boolean field, or a 400 naming it.
    static func bool(_ object: [String: JSONInput], _ key: String) throws -> Bool? {
        switch object[key] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        default: throw APIError.badRequest("field '\(key)' must be true or false")
        }
    }
}

/// A JSON value as a request sent it, with booleans, whole numbers and other numbers apart.
enum JSONInput: Decodable, Sendable {
    case null, bool(Bool), int(Int), number(Double), string(String), array([JSONInput]), object([String: JSONInput])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let value = try? c.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? c.decode(Int.self) {
            self = .int(value)
        } else if let value = try? c.decode(Double.self) {
            self = .number(value)
        } else if let value = try? c.decode(String.self) {
            self = .string(value)
        } else if let value = try? c.decode([JSONInput].self) {
            self = .array(value)
        } else {
            self = .object(try c.decode([String: JSONInput].self))
        }
    }
}
