import Foundation
import LakeFormats

/// A row-level rule's counter: how many rows of a column satisfy its condition
/// (`ColumnValues`, `ColumnLength`, `DataFreshness`). Text columns cache each distinct value's
/// answer (up to 65,536 values), so a regex or a list runs once per distinct value.
struct RowCheck {
    enum Subject {
        /// The value itself.
        case value
        /// Its length in characters.
        case length
        /// Its age in seconds at the check's time (a date or timestamp column).
        case age
    }

    let column: String
    let subject: Subject
    let test: ValueTest
    let now: Date
    private(set) var rows = 0
    private(set) var passed = 0
    private var cache = HashTable<Bool>(limit: 65_536, filler: false)

    init(column: String, subject: Subject, test: ValueTest, now: Date) {
        self.column = column
        self.subject = subject
        self.test = test
        self.now = now
    }

    /// The share of rows that passed (1 for no rows).
    var compliance: Double { rows == 0 ? 1 : Double(passed) / Double(rows) }

    /// Counts `count` rows of a file that lacks the column: they are nulls.
    mutating func addMissing(_ count: Int) {
        rows += count
        if test.test(.null) { passed += count }
    }

    mutating func add(_ column: Column, type: ColumnType) {
        rows += column.count
        let nullPasses = test.test(.null)
        let nulls = column.nullCount
        if nullPasses { passed += nulls }
        switch (subject, column.values) {
        case (.value, .bytes(let v)) where type == .string:
            addText(v, column.validity)
        case (.length, .bytes(let v)):
            var count = 0
            let test = self.test
            ColumnAccess.lengths(v, validity: column.validity) { _, n in if test.test(.number(Double(n))) { count += 1 } }
            passed += count
        case (.length, _):
            for row in 0..<column.count where !column.isNull(row) {
                let n = ColumnAccess.text(column, type: type, row: row)?.count ?? 0
                if test.test(.number(Double(n))) { passed += 1 }
            }
        case (.age, _):
            let nowSeconds = now.timeIntervalSince1970
            var count = 0
            let test = self.test
            ColumnAccess.numbers(column, type: type) { _, x in
                guard let seconds = ColumnAccess.epochSeconds(x, type: type) else { return }
                if test.test(.number(nowSeconds - seconds)) { count += 1 }
            }
            passed += count
        case (.value, _):
            if ColumnAccess.isNumeric(type) {
                var count = 0
                let test = self.test
                if let fast = test.numberTest, ColumnAccess.epochSeconds(0, type: type) == nil {
                    ColumnAccess.numbers(column, type: type) { _, x in if fast(x) { count += 1 } }
                } else {
                    ColumnAccess.numbers(column, type: type) { _, x in
                        let value = ColumnAccess.epochSeconds(x, type: type) ?? x
                        if test.test(.number(value)) { count += 1 }
                    }
                }
                passed += count
            } else {
                for row in 0..<column.count where !column.isNull(row) {
                    if test.test(.text(ColumnAccess.text(column, type: type, row: row) ?? "")) { passed += 1 }
                }
            }
        }
    }

    private mutating func addText(_ v: ByteArrayColumn, _ validity: [Bool]?) {
        var count = 0
        var cache = self.cache
        let test = self.test
        v.bytes.withUnsafeBytes { raw in
            for i in 0..<v.count where validity?[i] ?? true {
                let slice = UnsafeRawBufferPointer(rebasing: raw[Int(v.offsets[i])..<Int(v.offsets[i + 1])])
                let key = StableHash.hash(slice)
                let ok: Bool
                if let known = cache.value(key) {
                    ok = known
                } else {
                    ok = test.test(.text(String(decoding: slice, as: UTF8.self)))
                    _ = cache.update(key, initial: ok) { $0 }
                }
                if ok { count += 1 }
            }
        }
        self.cache = cache
        passed += count
    }
}
