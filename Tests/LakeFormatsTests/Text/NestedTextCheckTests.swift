import Foundation
import LakeTestSupport
import Testing

@testable import LakeFormats

/// Strings inside nested columns are checked as UTF-8 like top-level ones: an error naming the
/// record's line, or U+FFFD under `invalidUTF8: .replace`; never invalid text in the file.
@Suite("UTF-8 of strings inside nested columns")
struct NestedTextCheckTests {
    static let type = ColumnType.list(Field(name: "element", type: .structure([Field(name: "name", type: .string)])))

    /// Rows: [{a}], [], [{b}, {bad}], null.
    static func column() -> Column {
        var names = ByteArrayColumn()
        names.append(Array("a".utf8))
        names.append(Array("b".utf8))
        names.append([0x62, 0x80, 0x64])
        let element = Column(values: .structure(count: 3, fields: [Column(values: .bytes(names))]))
        return Column(values: .list(offsets: [0, 1, 1, 3, 3], values: element), validity: [true, true, true, false])
    }

    @Test("the row holding an invalid value, or the value repaired")
    func rows() throws {
        #expect(throws: NestedTextCheck.Invalid.self) { _ = try NestedTextCheck.checked(Self.column(), Self.type, policy: .error) }
        do {
            _ = try NestedTextCheck.checked(Self.column(), Self.type, policy: .error)
        } catch {
            #expect(error.row == 2)
        }
        let repaired = try NestedTextCheck.checked(Self.column(), Self.type, policy: .replace)
        #expect(
            repaired.value(at: 2, type: Self.type)
                == .list([.structure(names: ["name"], values: [.string("b")]), .structure(names: ["name"], values: [.string("b\u{FFFD}d")])]))
        #expect(repaired.isNull(3))
    }

    @Test("a conversion fails naming the line, or repairs, in small and in large input", arguments: [10, 40_000])
    func conversion(records: Int) throws {
        let d = TempDir()
        var bytes: [UInt8] = []
        let bad = records * 3 / 4
        for i in 0..<records {
            bytes += Array(#"{"id":\#(i),"user":{"tags":["x","#.utf8)
            bytes += i == bad ? [0x22, 0x79, 0xC3, 0x28] : Array("\"y".utf8)
            bytes += Array(#""]},"n":1.5}"#.utf8) + [10]
        }
        let input = d.url.appendingPathComponent("in.jsonl")
        try Data(bytes).write(to: input)
        let output = d.path("out.parquet")
        let inference = InferenceOptions(sampleRows: 5)
        let e = formatError {
            _ = try FormatConverter.convert(
                input: input, output: output, options: ConvertOptions(json: JSONOptions(nested: .keep), inference: inference))
        }
        #expect(e?.code == .invalidUTF8 && e?.context.line == bad + 1 && e?.context.column == "user", "\(String(describing: e))")
        #expect(!FileManager.default.fileExists(atPath: output.path))
        _ = try FormatConverter.convert(
            input: input, output: output,
            options: ConvertOptions(json: JSONOptions(nested: .keep, invalidUTF8: .replace), inference: inference))
        let tags = try ParquetReader(url: output).readRowGroup(0).columns[1]
        let type = ColumnType.structure([Field(name: "tags", type: .list(Field(name: "element", type: .string)))])
        #expect(tags.value(at: bad, type: type) == .structure(names: ["tags"], values: [.list([.string("x"), .string("y\u{FFFD}(")])]))
    }
}
