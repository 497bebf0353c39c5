import Foundation

/// The opaque `nextToken` of a listing: the key of the last item of the page before. An empty or
/// absent token is the first page; anything that does not decode is a 400.
enum PageCursor {
    static func encode(_ key: String) -> String { Data(("v1:" + key).utf8).base64EncodedString() }

    /// The key after which the page starts; nil for the first page.
    static func decode(_ token: String?) throws -> String? {
        guard let token, !token.isEmpty else { return nil }
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8), text.hasPrefix("v1:") else {
            throw AMCAPIError.badRequest("nextToken is not a token this API issued")
        }
        return String(text.dropFirst(3))
    }

    /// One page of `items` (sorted by `key`) after the token's key, and the next token when
    /// more items follow.
    static func page<T>(_ items: [T], after token: String?, size: Int, key: (T) -> String, isAfter: (T, String) -> Bool) throws -> (items: [T], next: String?) {
        let cursor = try decode(token)
        let rest = cursor.map { c in items.filter { isAfter($0, c) } } ?? items
        let page = Array(rest.prefix(max(1, size)))
        let next = rest.count > page.count ? page.last.map { encode(key($0)) } : nil
        return (page, next)
    }
}
