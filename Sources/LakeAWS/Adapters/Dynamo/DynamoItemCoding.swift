import Foundation
import LakeCore

/// Builds an item field by field, leaving out nil values.
struct DynamoItemWriter {
    private(set) var item: DynamoItem = [:]

    mutating func string(_ name: String, _ value: String?) {
        if let value { item[name] = .s(value) }
    }
    mutating func number<N: BinaryInteger>(_ name: String, _ value: N?) {
        if let value { item[name] = .number(value) }
    }
    mutating func double(_ name: String, _ value: Double?) {
        if let value { item[name] = .number(value) }
    }
    mutating func bool(_ name: String, _ value: Bool?) {
        if let value { item[name] = .bool(value) }
    }
    /// Dates as ISO 8601 with milliseconds: readable in a console, ordered as text.
    mutating func date(_ name: String, _ value: Date?) {
        if let value { item[name] = .s(AWSDateFormat.formatISO8601(value)) }
    }
    mutating func strings(_ name: String, _ values: [String]) {
        item[name] = .l(values.map { .s($0) })
    }
    mutating func map(_ name: String, _ values: [String: String]) {
        item[name] = .m(values.mapValues { .s($0) })
    }
    mutating func raw(_ name: String, _ value: AttributeValue) {
        item[name] = value
    }
}

/// Reads fields of an item, naming the table and field when one is missing or malformed.
struct DynamoItemReader {
    let item: DynamoItem
    let table: String

    func string(_ name: String) throws(LakeError) -> String {
        guard let value = item[name]?.string else { throw missing(name) }
        return value
    }
    func optionalString(_ name: String) -> String? { item[name]?.string }
    func int(_ name: String) throws(LakeError) -> Int {
        guard let value = item[name]?.int else { throw missing(name) }
        return Int(value)
    }
    func int64(_ name: String) throws(LakeError) -> Int64 {
        guard let value = item[name]?.int else { throw missing(name) }
        return value
    }
    func optionalInt64(_ name: String) -> Int64? { item[name]?.int }
    func optionalDouble(_ name: String) -> Double? { item[name]?.double }
    func bool(_ name: String) -> Bool? { item[name]?.bool }
    func date(_ name: String) throws(LakeError) -> Date {
        guard let value = optionalDate(name) else { throw missing(name) }
        return value
    }
    func optionalDate(_ name: String) -> Date? { item[name]?.string.flatMap(AWSDateFormat.parseISO8601) }
    func strings(_ name: String) -> [String] { item[name]?.list?.compactMap(\.string) ?? [] }
    func map(_ name: String) -> [String: String] { item[name]?.map?.compactMapValues(\.string) ?? [:] }

    private func missing(_ name: String) -> LakeError {
        LakeError(
            .metadata, "a row of \(table) has no valid '\(name)'", hint: "the row was written by something else; fix or delete it",
            context: ["table": table, "field": name])
    }
}
