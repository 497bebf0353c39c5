import Foundation
import LakeCore

/// What a message on the catalog queue can hold: a ``LandingEvent`` (sent by the raw-directory
/// watcher), ``LandingEvents`` (sent by `lake ingest`, one per chunk), or an ``S3EventNotification`` (sent by S3 for the raw bucket,
/// directly or wrapped in an SNS notification), including S3's test event.
enum CatalogMessage {
    /// The landing events in `body`: one for a landing event, those of a batch, one per raw-zone record of an S3
    /// notification, none for S3's test event or records outside the raw zone (the message is
    /// then simply deleted). Throws `.queue` for anything else.
    static func landingEvents(in body: String, queue: QueueName, raw: RawZoneAddress?, now: Date) throws -> [LandingEvent] {
        let data = Data(body.utf8)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return [try MessageCodec.decode(LandingEvent.self, body, queue: queue)]
        }
        // SNS fan-out wraps the S3 body in a notification envelope.
        if object["Type"] as? String == "Notification", let inner = object["Message"] as? String {
            return try landingEvents(in: inner, queue: queue, raw: raw, now: now)
        }
        if object["Event"] as? String == "s3:TestEvent" { return [] }
        if object["events"] != nil { return try MessageCodec.decode(LandingEvents.self, body, queue: queue).events }
        guard object["Records"] != nil else {
            return [try MessageCodec.decode(LandingEvent.self, body, queue: queue)]
        }
        let notification: S3EventNotification
        do {
            notification = try JSONDecoder().decode(S3EventNotification.self, from: data)
        } catch {
            throw LakeError(
                .queue, "a message on \(queue) looks like an S3 event notification but is not a valid one",
                hint: "inspect it in the catalog dead-letter queue and delete it", context: ["queue": queue.rawValue],
                underlying: SendableErrorBox(error))
        }
        guard let raw else { return [] }
        return notification.landingEvents(raw: raw, now: now)
    }
}
