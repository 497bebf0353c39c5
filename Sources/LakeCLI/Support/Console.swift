import Foundation
import LakeRuntime

/// Writes to stdout and stderr; JSON for scripts, text for people.
enum Console {
    static func error(_ text: String) {
        fflush(nil)
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Progress and notes for people: stderr, so stdout stays clean for `--json`.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func json<T: Encodable>(_ value: T) throws {
        let data = try jsonEncoder.encode(value)
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// The encoder of every `--json`: the read models as the HTTP API writes them.
    static let jsonEncoder = LakeJSON.encoder()

    /// Renders rows as an aligned text table.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                i == cells.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }
}

/// ISO 8601 times with milliseconds, UTC.
enum ISOTime {
    static func string(_ date: Date) -> String { LakeJSON.timestamp(date) }
}
