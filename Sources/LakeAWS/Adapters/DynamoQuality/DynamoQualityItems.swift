import Foundation
import LakeCore

/// Data-quality records as DynamoDB items, and the sort keys that order them.
///
/// Every field is stored under its Swift name; `at` as epoch seconds (exact), `value` and
/// `observed` as numbers (a non-finite one as its text, which DynamoDB numbers cannot hold);
/// `observed` and `threshold` are left out when nil, `executionId` of an outcome when empty (an
/// index key may not be empty). `sequence` orders records of the same time as they were recorded.
enum QualityItems {
    /// A record read back with the sequence that orders records of equal time.
    struct Stored<Record: Sendable>: Sendable {
        var record: Record
        var sequence: String
    }

    // MARK: Keys

    /// Epoch milliseconds of `date`, floored and clamped to what 15 digits hold.
    static func millis(_ date: Date) -> Int64 {
        let millis = (date.timeIntervalSince1970 * 1000).rounded(.down)
        guard millis.isFinite, millis > 0 else { return 0 }
        return millis >= 999_999_999_999_999 ? 999_999_999_999_999 : Int64(millis)
    }

    /// The time part of a sort key: epoch milliseconds, zero-padded to 15 digits.
    static func timeKey(_ date: Date) -> String { padded(millis(date), width: 15) }

    /// The milliseconds a sort key starts with, nil when it is not one of ours.
    static func millis(ofSortKey key: String) -> Int64? {
        key.split(separator: "#", maxSplits: 1).first.flatMap { Int64($0) }
    }

    /// `<microseconds, 17 digits>-<index, 9 digits>`: sorts as the records were recorded.
    static func sequence(base: Int64, index: Int) -> String {
        padded(base, width: 17) + "-" + padded(Int64(index), width: 9)
    }

    /// The metrics partition of a table.
    static func series(dataset: String, table: String) -> String { "\(dataset)#\(table)" }

    static func padded(_ value: Int64, width: Int) -> String {
        let digits = String(max(0, value))
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A few random characters, so two writers with the same time and sequence never collide.
    static func randomSuffix() -> String { String(UUID().uuidString.prefix(8)).lowercased() }

    /// At most 200 Unicode scalars of `text`, keeping sort keys far below DynamoDB's 1 KB.
    static func readable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(200)))
    }

    // MARK: Numbers

    static func number(_ value: Double) -> AttributeValue { value.isFinite ? .number(value) : .s(String(value)) }

    static func double(_ value: AttributeValue?) -> Double? {
        switch value {
        case .n(let text), .s(let text): return Double(text)
        default: return nil
        }
    }

    // MARK: Metrics

    static func item(_ m: QualityMetricRecord, sequence: String) -> DynamoItem {
        var w = DynamoItemWriter()
        w.string("series", series(dataset: m.dataset, table: m.table))
        w.string("sk", [timeKey(m.at), readable(m.name), readable(m.column), sequence, randomSuffix()].joined(separator: "#"))
        w.string("dataset", m.dataset)
        w.string("table", m.table)
        w.string("scope", m.scope)
        w.string("partition", m.partition)
        w.string("executionId", m.executionId)
        w.double("at", m.at.timeIntervalSince1970)
        w.string("name", m.name)
        w.string("column", m.column)
        w.raw("value", number(m.value))
        w.string("sequence", sequence)
        return w.item
    }

    static func metric(_ item: DynamoItem, table: String) throws(LakeError) -> Stored<QualityMetricRecord> {
        let r = DynamoItemReader(item: item, table: table)
        guard let value = double(item["value"]) else { throw malformed("value", table: table) }
        let record = QualityMetricRecord(
            dataset: try r.string("dataset"), table: try r.string("table"), scope: try r.string("scope"),
            partition: r.optionalString("partition") ?? "", executionId: r.optionalString("executionId") ?? "", at: try date(r, table: table),
            name: try r.string("name"), column: r.optionalString("column") ?? "", value: value)
        return Stored(record: record, sequence: r.optionalString("sequence") ?? "")
    }

    // MARK: Rule outcomes

    static func item(_ o: QualityRuleRecord, sequence: String, table: String) throws(LakeError) -> DynamoItem {
        guard !o.dataset.isEmpty else {
            throw LakeError(
                .metadata, "a rule outcome without a dataset cannot be stored in \(table)",
                hint: "the dataset (`team/dataset`) is the table's partition key; pass it with every outcome",
                context: ["table": table, "executionId": o.executionId])
        }
        var w = DynamoItemWriter()
        w.string("dataset", o.dataset)
        w.string("sk", [timeKey(o.at), sequence, randomSuffix()].joined(separator: "#"))
        if !o.executionId.isEmpty { w.string("executionId", o.executionId) }
        w.string("table", o.table)
        w.string("rule", o.rule)
        w.string("level", o.level)
        w.string("outcome", o.outcome)
        if let observed = o.observed { w.raw("observed", number(observed)) }
        w.string("threshold", o.threshold)
        w.string("message", o.message)
        w.double("at", o.at.timeIntervalSince1970)
        w.string("sequence", sequence)
        return w.item
    }

    static func rule(_ item: DynamoItem, table: String) throws(LakeError) -> Stored<QualityRuleRecord> {
        let r = DynamoItemReader(item: item, table: table)
        let record = QualityRuleRecord(
            executionId: r.optionalString("executionId") ?? "", dataset: try r.string("dataset"), table: try r.string("table"),
            rule: try r.string("rule"), level: try r.string("level"), outcome: try r.string("outcome"), observed: double(item["observed"]),
            threshold: r.optionalString("threshold"), message: r.optionalString("message") ?? "", at: try date(r, table: table))
        return Stored(record: record, sequence: r.optionalString("sequence") ?? "")
    }

    // MARK: Support

    private static func date(_ r: DynamoItemReader, table: String) throws(LakeError) -> Date {
        guard let seconds = r.optionalDouble("at") else { throw malformed("at", table: table) }
        return Date(timeIntervalSince1970: seconds)
    }

    private static func malformed(_ field: String, table: String) -> LakeError {
        LakeError(
            .metadata, "a row of \(table) has no valid '\(field)'", hint: "the row was written by something else; fix or delete it",
            context: ["table": table, "field": field])
    }
}
