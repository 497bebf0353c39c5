import Foundation
import LakeFormats

/// Deterministic batches shaped like the CSV -> Parquet benchmark's 14 columns (ids, timestamps,
/// dates, low- and high-cardinality strings, doubles, decimals, bools, nullable free text).
enum SyntheticBatches {
    static let schema = Schema([
        Field(name: "id", type: .int64, nullable: false),
        Field(name: "event_time", type: .timestamp(.micros)),
        Field(name: "event_date", type: .date),
        Field(name: "user_id", type: .int64),
        Field(name: "user_name", type: .string),
        Field(name: "email", type: .string),
        Field(name: "country", type: .string),
        Field(name: "city", type: .string),
        Field(name: "amount", type: .double),
        Field(name: "quantity", type: .int32),
        Field(name: "price", type: .decimal(precision: 10, scale: 2)),
        Field(name: "active", type: .bool),
        Field(name: "category", type: .string),
        Field(name: "comment", type: .string),
    ])

    /// A CSV row of these columns averages about this many bytes (300 MB / 2 M rows).
    static let csvBytesPerRow = 150

    struct Generator {
        var state: UInt64
        init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    static let countries = (0..<50).map { "country_\($0)" }
    static let categories = ["books", "music", "garden", "toys", "sports", "home", "beauty", "games", "tools", "food",
                             "auto", "baby", "office", "pets", "shoes", "jewelry", "health", "movies", "outdoor", "art"]
    static let words = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do",
                        "eiusmod", "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "ünïcødé"]

    /// Rows `start..<start+count` of the synthetic table.
    static func batch(start: Int, count: Int) -> RecordBatch {
        var g = Generator(seed: UInt64(start + 1))
        var id = [Int64](), ts = [Int64](), day = [Int32](), user = [Int64](), amount = [Double]()
        var qty = [Int32](), price = [Int64](), active = [Bool](), commentValid = [Bool]()
        var name = ByteArrayColumn(), email = ByteArrayColumn(), country = ByteArrayColumn()
        var city = ByteArrayColumn(), category = ByteArrayColumn(), comment = ByteArrayColumn()
        for k in 0..<count {
            let i = start + k
            id.append(Int64(i))
            ts.append(1_700_000_000_000_000 + Int64(i) * 1_000_317 + Int64(g.int(1_000_000)))
            day.append(19_700 + Int32(i / 50_000))
            let u = g.int(100_000)
            user.append(Int64(u))
            name.append("user_\(u)".utf8)
            email.append("user\(u).\(g.int(1000))@example.com".utf8)
            country.append(countries[g.int(countries.count)].utf8)
            city.append("city_\(g.int(1000))".utf8)
            amount.append(Double(g.int(10_000_000)) / 100)
            qty.append(Int32(1 + g.int(100)))
            price.append(Int64(g.int(100_000_000)))
            active.append(g.int(2) == 0)
            category.append(categories[g.int(categories.count)].utf8)
            if g.int(10) == 0 {
                comment.appendEmpty()
                commentValid.append(false)
            } else {
                var text = ""
                for w in 0..<(3 + g.int(6)) {
                    if w > 0 { text += " " }
                    text += words[g.int(words.count)]
                }
                comment.append(text.utf8)
                commentValid.append(true)
            }
        }
        let columns: [Column] = [
            Column(values: .int64(id)), Column(values: .int64(ts)), Column(values: .int32(day)),
            Column(values: .int64(user)), Column(values: .bytes(name)), Column(values: .bytes(email)),
            Column(values: .bytes(country)), Column(values: .bytes(city)), Column(values: .double(amount)),
            Column(values: .int32(qty)), Column(values: .int64(price)), Column(values: .bool(active)),
            Column(values: .bytes(category)), Column(values: .bytes(comment), validity: commentValid),
        ]
        return RecordBatch(schema: schema, columns: columns, rowCount: count)
    }

    /// CPU time of the calling thread, in seconds: on a shared machine wall time is noise.
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Writes `batches` to `url`; returns the writer's wall time and thread CPU time.
    static func timeWrite(_ batches: [RecordBatch], to url: URL, options: ParquetWriterOptions = .init()) throws
        -> (seconds: Double, cpuSeconds: Double, summary: ParquetFileSummary)
    {
        let clock = ContinuousClock()
        let cpuStart = threadCPUSeconds()
        var summary: ParquetFileSummary?
        let elapsed = try clock.measure {
            let writer = try ParquetWriter(url: url, schema: schema, options: options)
            for b in batches { try writer.write(b) }
            summary = try writer.close()
        }
        let cpu = threadCPUSeconds() - cpuStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        guard let summary else { throw FormatError.invalidArgument("writer returned no summary") }
        return (seconds, cpu, summary)
    }
}
