import Foundation
import LakeEngine

/// The JSON document a webhook receives and an SNS message carries for one notification.
public struct NotificationDocument: Sendable, Codable, Hashable {
    public var kind: String
    public var team: String?
    public var dataset: String?
    public var stage: String?
    public var executionId: String?
    public var errorCode: String?
    public var message: String
    public var hint: String?
    public var at: Date
    /// The dashboard page about it, when the lake is served (`lake serve`, `lake run --http`).
    public var link: String?

    public init(_ n: LakeNotification, dashboardURL: String?) {
        kind = n.kind.rawValue
        team = n.team
        dataset = n.dataset
        stage = n.stage
        executionId = n.executionId
        errorCode = n.errorCode
        message = n.message
        hint = n.hint
        at = n.at
        link = dashboardURL.map { base in
            let root = base.hasSuffix("/") ? String(base.dropLast()) : base
            return n.executionId.map { "\(root)/executions/\($0)" } ?? root + "/"
        }
    }

    /// A one-line subject: `[swiftlake] failed: demoteam/legislators stage b`.
    public var subject: String {
        "[swiftlake] \(kind): \(team ?? "?")/\(dataset ?? "?")" + (stage.map { " stage \($0)" } ?? "")
    }

    /// The document as compact JSON with every key present.
    public func json() throws -> Data {
        try LakeJSON.encoder(pretty: false).encode(self)
    }

    enum CodingKeys: String, CodingKey { case kind, team, dataset, stage, executionId, errorCode, message, hint, at, link }

    /// Encodes absent values as null, so receivers see every key.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(team, forKey: .team)
        try c.encode(dataset, forKey: .dataset)
        try c.encode(stage, forKey: .stage)
        try c.encode(executionId, forKey: .executionId)
        try c.encode(errorCode, forKey: .errorCode)
        try c.encode(message, forKey: .message)
        try c.encode(hint, forKey: .hint)
        try c.encode(at, forKey: .at)
        try c.encode(link, forKey: .link)
    }
}
