import Foundation
import LakeAWS
import LakeSigV4

/// The decoded `swiftlake-sigv4-vectors/1` document of ``sigV4VectorsJSON``.
struct SigV4Fixture: Decodable {
    struct Request: Decodable {
        var method: String
        var path: String
        var query: String
        var headers: [[String]]
        var body: String
        var payloadHash: String?
    }

    struct Case: Decodable {
        var name: String
        var request: Request
        var canonicalRequest: String
        var stringToSign: String?
        var authorization: String?
        var sessionToken: String?
        var presignExpiresSeconds: Int?
        var presignedQuery: String?
    }

    struct Suite: Decodable {
        var name: String
        var source: String
        var accessKeyId: String
        var secretAccessKey: String
        var region: String
        var service: String
        var date: String
        var cases: [Case]
    }

    var format: String
    var suites: [Suite]

    /// The fixture, decoded once.
    static let shared: SigV4Fixture = {
        do {
            return try JSONDecoder().decode(SigV4Fixture.self, from: Data(sigV4VectorsJSON.utf8))
        } catch {
            return SigV4Fixture(format: "invalid: \(error)", suites: [])
        }
    }()

    /// `suite/case` names of the header-signing cases.
    static var headerCaseNames: [String] {
        shared.suites.flatMap { suite in
            suite.cases.filter { $0.presignExpiresSeconds == nil }.map { "\(suite.name)/\($0.name)" }
        }
    }

    /// `suite/case` names of the presigning cases.
    static var presignCaseNames: [String] {
        shared.suites.flatMap { suite in
            suite.cases.filter { $0.presignExpiresSeconds != nil }.map { "\(suite.name)/\($0.name)" }
        }
    }

    /// The suite and case named `suite/case`.
    static func lookup(_ qualified: String) -> (Suite, Case)? {
        for suite in shared.suites {
            for item in suite.cases where "\(suite.name)/\(item.name)" == qualified { return (suite, item) }
        }
        return nil
    }

    /// A signer and the request of a case, as the signer sees it.
    static func prepare(_ suite: Suite, _ item: Case) -> (SigV4Signer, SigV4Request, Date)? {
        guard let date = AWSDateFormat.parseISO8601(suite.date) else { return nil }
        let credentials = AWSCredentials(
            accessKeyId: suite.accessKeyId, secretAccessKey: Secret(suite.secretAccessKey),
            sessionToken: item.sessionToken.map(Secret.init))
        let signer = SigV4Signer(credentials: credentials, region: suite.region, service: suite.service)
        var host = ""
        var headers: [HeaderField] = []
        for pair in item.request.headers where pair.count == 2 {
            if pair[0].lowercased() == "host" { host = pair[1] } else { headers.append(HeaderField(pair[0], pair[1])) }
        }
        let request = SigV4Request(
            method: item.request.method, host: host, path: item.request.path, query: QueryItem.parse(item.request.query),
            headers: headers, payloadHash: item.request.payloadHash ?? Hex.sha256(item.request.body))
        return (signer, request, date)
    }
}
