/// Looks at the first records of a CSV sample to choose the delimiter and decide whether the
/// first row is a header. Works on small samples only (a slow, simple scanner).
enum CSVSniffer {
    /// One record of the sample: unescaped fields and the byte offset just after it.
    struct Record {
        var fields: [[UInt8]]
        var quoted: [Bool]
        var end: Int
    }

    static let candidates: [UInt8] = [44, 59, 9, 124]  // , ; tab |

    /// Up to `limit` complete records of `buf[0..<n]` (the last one may end at `n` when `final`).
    static func records(
        _ buf: UnsafePointer<UInt8>, _ n: Int, delimiter: UInt8, quote: UInt8, final: Bool, limit: Int
    ) -> [Record] {
        var out: [Record] = []
        var pos = 0
        while pos < n, out.count < limit {
            var fields: [[UInt8]] = []
            var quoted: [Bool] = []
            var field: [UInt8] = []
            var inQuote = false
            var wasQuoted = false
            var i = pos
            var complete = false
            while i < n {
                let c = buf[i]
                if inQuote {
                    if c == quote {
                        if i + 1 < n, buf[i + 1] == quote {
                            field.append(quote)
                            i += 2
                            continue
                        }
                        if i + 1 >= n, !final { break }
                        inQuote = false
                    } else {
                        field.append(c)
                    }
                    i += 1
                    continue
                }
                if c == quote {
                    inQuote = true
                    wasQuoted = true
                    i += 1
                } else if c == delimiter {
                    fields.append(field)
                    quoted.append(wasQuoted)
                    field = []
                    wasQuoted = false
                    i += 1
                } else if c == 10 || c == 13 {
                    if c == 13 {
                        if i + 1 < n {
                            i += buf[i + 1] == 10 ? 2 : 1
                        } else if final {
                            i += 1
                        } else {
                            break
                        }
                    } else {
                        i += 1
                    }
                    complete = true
                    break
                } else {
                    field.append(c)
                    i += 1
                }
            }
            if !complete {
                guard final, i >= n, !inQuote else { break }
            }
            fields.append(field)
            quoted.append(wasQuoted)
            pos = i
            if fields.count == 1, fields[0].isEmpty, !quoted[0] { continue }  // blank line
            out.append(Record(fields: fields, quoted: quoted, end: i))
        }
        return out
    }

    /// The candidate delimiter whose field counts are most consistent across the sample and
    /// greater than one; `,` when nothing stands out.
    static func detectDelimiter(_ buf: UnsafePointer<UInt8>, _ n: Int, quote: UInt8, final: Bool) -> UInt8 {
        var best: UInt8 = 44
        var bestScore = 0.0
        for d in candidates {
            let recs = records(buf, n, delimiter: d, quote: quote, final: final, limit: 50)
            guard !recs.isEmpty else { continue }
            var counts: [Int: Int] = [:]
            for r in recs { counts[r.fields.count, default: 0] += 1 }
            guard let (mode, freq) = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }),
                mode > 1
            else { continue }
            // Consistency first, then more fields.
            let score = Double(freq) / Double(recs.count) * 1000 + Double(min(mode, 999))
            if score > bestScore {
                bestScore = score
                best = d
            }
        }
        return best
    }

    /// Whether the first record looks like a header: every field non-empty text that is not a
    /// number, bool, date or timestamp, and no two alike.
    static func looksLikeHeader(_ recs: [Record]) -> Bool {
        guard let first = recs.first else { return false }
        var seen = Set<[UInt8]>()
        for f in first.fields {
            guard !f.isEmpty, seen.insert(f).inserted else { return false }
            var profile = ColumnProfile()
            f.withUnsafeBufferPointer { b in profile.observe(b.baseAddress, b.count, kind: CellKind.plain) }
            if !profile.candidates.isEmpty { return false }
        }
        return true
    }
}
