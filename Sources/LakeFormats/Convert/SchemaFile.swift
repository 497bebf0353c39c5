import Foundation

/// The `--schema FILE` format of `lake convert`: a JSON object
/// `{"columns":[{"name":"id","type":"int64","nullable":false}, ...]}`. `type` takes the text
/// forms of ``ColumnType`` (`int64`, `timestamp[ms]`, `decimal(12,2)`, aliases like `bigint`);
/// `nullable` defaults to true. Unknown keys are errors, so typos do not pass silently.
public enum SchemaFile {
    private struct File: Decodable {
        var columns: [Entry]
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            try SchemaFile.rejectUnknown(c.allKeys, allowed: ["columns"], at: "the top level")
            columns = try c.decode([Entry].self, forKey: AnyKey("columns"))
        }
    }

    private struct Entry: Decodable {
        var name: String
        var type: String
        var nullable: Bool
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: AnyKey.self)
            try SchemaFile.rejectUnknown(c.allKeys, allowed: ["name", "type", "nullable"], at: "a column")
            name = try c.decode(String.self, forKey: AnyKey("name"))
            type = try c.decode(String.self, forKey: AnyKey("type"))
            nullable = try c.decodeIfPresent(Bool.self, forKey: AnyKey("nullable")) ?? true
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private struct UnknownKey: Error, CustomStringConvertible {
        var description: String
    }

    private static func rejectUnknown(_ keys: [AnyKey], allowed: Set<String>, at place: String) throws {
        for k in keys where !allowed.contains(k.stringValue) {
            throw UnknownKey(description: "unknown key '\(k.stringValue)' in \(place) (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    /// Reads a schema file.
    public static func load(url: URL) throws(FormatError) -> Schema {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw FormatError.at(.io, "cannot read the schema file", path: url.path)
        }
        return try parse(data, path: url.path)
    }

    /// Parses the JSON text of a schema file.
    public static func parse(_ data: Data, path: String? = nil) throws(FormatError) -> Schema {
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch let e as UnknownKey {
            throw FormatError.at(.invalidSchema, e.description, path: path)
        } catch let DecodingError.dataCorrupted(ctx) {
            throw FormatError.at(.invalidSchema, "the schema file is not valid JSON: \(ctx.debugDescription)", path: path)
        } catch {
            throw FormatError.at(
                .invalidSchema, "the schema file must look like {\"columns\":[{\"name\":\"id\",\"type\":\"int64\"}]}",
                path: path)
        }
        return try schema(file.columns.map { ($0.name, $0.type, $0.nullable) }, path: path)
    }

    /// The schema as schema-file JSON, one column per line, so `lake schema FILE > s.json`
    /// can be edited and passed back as `lake convert --schema s.json`.
    public static func render(_ schema: Schema) -> String {
        let lines = schema.fields.map { f -> String in
            let name = String(decoding: (try? JSONEncoder().encode(f.name)) ?? Data("\"\"".utf8), as: UTF8.self)
            return "    {\"name\": \(name), \"type\": \"\(f.type)\", \"nullable\": \(f.nullable)}"
        }
        return "{\"columns\": [\n" + lines.joined(separator: ",\n") + "\n]}\n"
    }

    /// A schema from `name:type` pairs (`["id:int64", "name:string"]`); all fields nullable.
    public static func parse(pairs: [String]) throws(FormatError) -> Schema {
        var entries: [(String, String, Bool)] = []
        for p in pairs {
            guard let colon = p.firstIndex(of: ":") else {
                throw FormatError.at(.invalidSchema, "'\(p)' is not name:type")
            }
            entries.append((String(p[..<colon]).trimmingCharacters(in: .whitespaces), String(p[p.index(after: colon)...]), true))
        }
        return try schema(entries, path: nil)
    }

    private static func schema(_ entries: [(String, String, Bool)], path: String?) throws(FormatError) -> Schema {
        guard !entries.isEmpty else { throw FormatError.at(.invalidSchema, "the schema has no columns", path: path) }
        var seen = Set<String>()
        var fields: [Field] = []
        for (name, typeText, nullable) in entries {
            guard !name.isEmpty, seen.insert(name).inserted else {
                throw FormatError.at(.invalidSchema, "column names must be non-empty and unique ('\(name)')", path: path)
            }
            guard let type = ColumnType(parsing: typeText) else {
                throw FormatError.at(
                    .invalidSchema,
                    "unknown type '\(typeText)' (use bool, int32, int64, float, double, string, binary, date, timestamp[ms], timestamp[us], decimal(p,s))",
                    column: name, path: path)
            }
            fields.append(Field(name: name, type: type, nullable: nullable))
        }
        return Schema(fields)
    }
}
