/// One header field of a request.
public struct HeaderField: Sendable, Hashable {
    /// The name as sent; SigV4 lower-cases it.
    public var name: String
    /// The value as sent; SigV4 trims it and collapses inner runs of spaces.
    public var value: String
    /// Creates a header field.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// One query parameter, decoded.
public struct QueryItem: Sendable, Hashable {
    /// The decoded name.
    public var name: String
    /// The decoded value (`""` for a name without `=`).
    public var value: String
    /// Creates a query parameter.
    public init(_ name: String, _ value: String = "") {
        self.name = name
        self.value = value
    }

    /// Parses a raw query string (`a=1&b=x%20y`) into decoded items, in their order.
    public static func parse(_ raw: String) -> [QueryItem] {
        raw.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            if let eq = pair.firstIndex(of: "=") {
                return QueryItem(
                    URIEncoding.decode(String(pair[..<eq])), URIEncoding.decode(String(pair[pair.index(after: eq)...])))
            }
            return QueryItem(URIEncoding.decode(String(pair)), "")
        }
    }

    /// The items as a query string, each name and value percent-encoded the SigV4 way, in the
    /// given order (the canonical form sorts them; the wire form need not).
    public static func encode(_ items: [QueryItem]) -> String {
        items.map { URIEncoding.encode($0.name) + "=" + URIEncoding.encode($0.value) }.joined(separator: "&")
    }
}

/// A request as SigV4 sees it: what gets signed.
public struct SigV4Request: Sendable, Hashable {
    /// `GET`, `PUT`, `POST`...
    public var method: String
    /// The `Host` header: the host, plus `:port` when it is not the scheme's default.
    public var host: String
    /// The path as it goes on the wire. S3 paths are already percent-encoded by the caller.
    public var path: String
    /// Query parameters, decoded.
    public var query: [QueryItem]
    /// The headers to sign (besides `host`, `x-amz-date` and `x-amz-security-token`, which the
    /// signer sets). Headers sent but not listed here are not signed.
    public var headers: [HeaderField]
    /// Hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`.
    public var payloadHash: String

    /// Creates a request to sign.
    public init(
        method: String, host: String, path: String, query: [QueryItem] = [], headers: [HeaderField] = [],
        payloadHash: String = Hex.emptySHA256
    ) {
        self.method = method
        self.host = host
        self.path = path
        self.query = query
        self.headers = headers
        self.payloadHash = payloadHash
    }
}
