import Foundation
import Testing

@testable import LakeFormats

@Suite("CSV reader")
struct CSVReaderTests {
    @Test("quotes, doubled quotes, newlines inside quotes")
    func quoting() throws {
        let d = TempDir()
        let u = d.file("a.csv", "name,text\nx,\"a,b\"\ny,\"say \"\"hi\"\"\"\nz,\"line1\nline2\"\n")
        let (names, rows, _) = try readAllStrings(u)
        #expect(names == ["name", "text"])
        #expect(rows == [["x", "a,b"], ["y", "say \"hi\""], ["z", "line1\nline2"]])
    }

    @Test("CRLF line ends, BOM, missing final newline")
    func crlfAndBOM() throws {
        let d = TempDir()
        let u = d.file("a.csv", [0xEF, 0xBB, 0xBF] + Array("id,name\r\n1,\"a\r\nb\"\r\n2,c".utf8))
        let (names, rows, _) = try readAllStrings(u)
        #expect(names == ["id", "name"])
        #expect(rows == [["1", "a\r\nb"], ["2", "c"]])
    }

    @Test("delimiter detection", arguments: [",", ";", "\t", "|"])
    func delimiters(_ delimiter: String) throws {
        let d = TempDir()
        let text = ["id", "name", "score"].joined(separator: delimiter) + "\n"
            + ["1", "\"x\(delimiter)y\"", "2.5"].joined(separator: delimiter) + "\n"
            + ["2", "z", "3.5"].joined(separator: delimiter) + "\n"
        let u = d.file("a.txt", text)
        let (names, rows, reader) = try readAllStrings(u)
        #expect(reader.delimiter == Array(delimiter.utf8)[0])
        #expect(names == ["id", "name", "score"])
        #expect(rows == [["1", "x\(delimiter)y", "2.5"], ["2", "z", "3.5"]])
    }

    @Test("header detection: typed rows under a text header; no header when the first row is data")
    func headerDetection() throws {
        let d = TempDir()
        let (names, rows, r1) = try readAllStrings(d.file("h.csv", "id,amount\n1,2.5\n2,3\n"))
        #expect(r1.hasHeader && names == ["id", "amount"] && rows.count == 2)
        let (names2, rows2, r2) = try readAllStrings(d.file("n.csv", "1,2.5\n2,3\n"))
        #expect(!r2.hasHeader && names2 == ["column1", "column2"] && rows2.count == 2)
        let (names3, rows3, _) = try readAllStrings(d.file("x.csv", "a,b\nc,d\n"), CSVOptions(header: .absent))
        #expect(names3 == ["column1", "column2"] && rows3 == [["a", "b"], ["c", "d"]])
    }

    @Test("ragged rows: error names the line; skip and pad are counted")
    func raggedRows() throws {
        let d = TempDir()
        let u = d.file("r.csv", "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n")
        let e = formatError {
            _ = try readAllStrings(u)
        }
        #expect(e?.code == .raggedRow)
        #expect(e?.context.line == 3)
        let (_, skipped, r1) = try readAllStrings(u, CSVOptions(raggedRows: .skip))
        #expect(skipped == [["1", "2", "3"], ["10", "11", "12"]])
        #expect(r1.rowsSkipped == 2)
        let (_, padded, r2) = try readAllStrings(u, CSVOptions(raggedRows: .pad))
        #expect(padded == [["1", "2", "3"], ["4", "5", nil], ["6", "7", "8"], ["10", "11", "12"]])
        #expect(r2.rowsPadded == 2)
    }

    @Test("invalid UTF-8: error with line number, or U+FFFD")
    func invalidUTF8() throws {
        let d = TempDir()
        let u = d.file("u.csv", Array("id,name\n1,ok\n2,\"x".utf8) + [0xFF] + Array("y\"\n".utf8))
        let e = formatError {
            _ = try readAllStrings(u)
        }
        #expect(e?.code == .invalidUTF8)
        #expect(e?.context.line == 3)
        #expect(e?.context.column == "name")
        let (_, rows, _) = try readAllStrings(u, CSVOptions(invalidUTF8: .replace))
        #expect(rows[1] == ["2", "x\u{FFFD}y"])
    }

    @Test("trimming unquoted whitespace")
    func trimming() throws {
        let d = TempDir()
        let u = d.file("t.csv", "a , b\n  1 ,  \"x \" \n")
        let (names, rows, _) = try readAllStrings(u, CSVOptions(trimWhitespace: true))
        #expect(names == ["a", "b"])
        #expect(rows == [["1", "x "]])
    }

    @Test("block boundaries anywhere: inside quotes, between CR and LF", arguments: [64, 65, 67, 71, 97])
    func tinyBlocks(_ block: Int) throws {
        var text = "id,text,n\r\n"
        var expected: [[String?]] = []
        for i in 0..<200 {
            let t = i % 3 == 0 ? "q \"\"\(i)\"\" ,\r\nz" : "p\(i)"
            text += "\(i),\"\(t)\",\(i * 7)\r\n"
            expected.append(["\(i)", t.replacingOccurrences(of: "\"\"", with: "\""), "\(i * 7)"])
        }
        let d = TempDir()
        let u = d.file("b.csv", text)
        let (_, rows, _) = try readAllStrings(u, CSVOptions(blockSize: block, batchRows: 7))
        #expect(rows == expected)
    }

    @Test("line numbers count newlines inside quoted fields")
    func lineNumbers() throws {
        let d = TempDir()
        let u = d.file("l.csv", "a,b\n1,\"x\ny\"\n2,3,4\n")
        let e = formatError {
            _ = try readAllStrings(u)
        }
        #expect(e?.context.line == 4)
    }

    @Test("typed read with an explicit schema; a misfit is an error with line and column")
    func typedRead() throws {
        let d = TempDir()
        let u = d.file("t.csv", "id,when\n1,2026-11-22T07:00:00Z\n2,\n")
        let reader = try CSVReader(url: u)
        let schema = Schema([Field(name: "id", type: .int64), Field(name: "when", type: .timestamp(.millis))])
        let batch = try #require(try reader.next(schema: schema))
        #expect(batch.columns[0].values == .int64([1, 2]))
        #expect(batch.columns[1].values == .int64([1_795_330_800_000, 0]))
        #expect(batch.columns[1].validity == [true, false])
        let bad = try CSVReader(url: d.file("b.csv", "id\n1\nx\n"))
        #expect(throws: FormatError.self) { _ = try bad.next(schema: Schema([Field(name: "id", type: .int64)])) }
    }

    @Test("normalizer writes comma-separated UTF-8 with a header")
    func normalize() throws {
        let d = TempDir()
        let u = d.file("in.csv", "a; b\n 1 ;\"x;y\"\n2;\"say \"\"hi\"\"\"\n")
        let out = d.path("out.csv")
        let s = try CSVNormalizer.normalize(input: u, output: out)
        #expect(s.inputDelimiter == 59 && s.rows == 2)
        let text = try String(contentsOf: out, encoding: .utf8)
        #expect(text == "a,b\n1,x;y\n2,\"say \"\"hi\"\"\"\n")
        let noHeader = try CSVNormalizer.normalize(input: d.file("n.csv", "1\t2\n3\t4\n"), output: out)
        #expect(!noHeader.inputHadHeader)
        #expect(try String(contentsOf: out, encoding: .utf8) == "column1,column2\n1,2\n3,4\n")
    }
}

@Suite("CSV reader errors")
struct CSVReaderErrorTests {
    @Test("an unterminated quote at the end of the input is an error")
    func unterminated() throws {
        let d = TempDir()
        let e = formatError { _ = try readAllStrings(d.file("q.csv", "a,b\n1,\"open\n2,3\n")) }
        #expect(e?.code == .unterminated)
        #expect(e?.context.line == 2)
    }

    @Test("text after a closing quote is kept (lenient), doubled quotes inside still unescaped")
    func mixed() throws {
        let d = TempDir()
        let (_, rows, _) = try readAllStrings(d.file("m.csv", "a,b\n\"x\"\"y\"z,1\n"))
        #expect(rows == [["x\"yz", "1"]])
    }

    @Test("a header-only file has columns and no rows")
    func headerOnly() throws {
        let d = TempDir()
        let (names, rows, _) = try readAllStrings(d.file("h.csv", "a,b\n"), CSVOptions(header: .present))
        #expect(names == ["a", "b"] && rows.isEmpty)
    }
}
