import Foundation

/// One HTTP answer: status, headers (names lowercased, first value) and body.
struct Reply: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    /// The body as a JSON object (empty when it is not one).
    var object: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }
    /// `object[key]` as a string.
    func string(_ key: String) -> String? { object[key] as? String }
    /// The objects of the array under `key`.
    func items(_ key: String) -> [[String: Any]] { (object[key] as? [[String: Any]]) ?? [] }
}

/// A failure of the test harness itself.
struct HarnessFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
