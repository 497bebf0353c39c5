/// One pass of a conversion over the input: tokenize, decode into batches, hand each batch to
/// `emit`. When a value misfits an inferred schema, the pass stops emitting, profiles the rest
/// of the input, and ends with the widened schema instead.
final class ConversionPass: @unchecked Sendable {
    /// What the pass sends to the writer.
    enum Message: Sendable {
        case batch(RecordBatch)
        case finished
        case widen(Schema, [Widening])
        case failed(FormatError)
    }

    let source: any TokenSource
    let schema: Schema
    var builder: BatchBuilder
    var profiler: SchemaProfiler?

    /// `profiler` (nil for an explicit schema) holds the sample's profiles, so widening keeps
    /// everything the sample showed.
    init(source: any TokenSource, schema: Schema, explicit: Bool, positional: Bool, nulls: NullTokens,
         profiler: SchemaProfiler?) {
        self.source = source
        self.schema = schema
        self.profiler = profiler
        builder = BatchBuilder(schema: schema, explicit: explicit, positional: positional, nulls: nulls, source: source)
        if let profiler { builder.undetermined = profiler.undetermined(names: schema.fields.map(\.name)) }
    }

    /// The schema's nested fields by name, which a JSON source decodes as it reads.
    var nestedTypes: [String: ColumnType] {
        var types: [String: ColumnType] = [:]
        for field in schema.fields where field.type.isNested && types[field.name] == nil { types[field.name] = field.type }
        return types
    }

    /// Runs the pass from the start of the input; `emit` returns false to stop early.
    func run(emit: (Message) -> Bool) {
        do {
            source.decodeNestedWhileReading(nestedTypes)
            try source.rewind()
            while let grid = try source.nextGrid() {
                switch try builder.build(grid, source: source) {
                case .batch(let batch):
                    guard emit(.batch(batch)) else { return }
                case .misfit(let column, _):
                    let widened = try widen(from: grid, misfitColumn: column)
                    _ = emit(.widen(widened.0, widened.1))
                    return
                }
            }
            _ = emit(.finished)
        } catch {
            _ = emit(.failed(error))
        }
    }

    /// Profiles `grid` and the rest of the input, and returns the widened schema and what changed.
    private func widen(from grid: TokenGrid, misfitColumn: Int) throws(FormatError) -> (Schema, [Widening]) {
        source.decodeNestedWhileReading([:])  // the rest is only profiled
        return try widen(from: grid, misfitColumn: misfitColumn) { () throws(FormatError) -> TokenGrid? in try source.nextGrid() }
    }

    /// Profiles `grid` and the grids `rest` gives until nil (the rest of the input), and returns
    /// the widened schema and what changed.
    func widen(from grid: TokenGrid, misfitColumn: Int, rest: () throws(FormatError) -> TokenGrid?) throws(FormatError) -> (Schema, [Widening]) {
        var p = profiler ?? SchemaProfiler(options: InferenceOptions(), quote: source.quote, nested: source.keepsNested)
        p.observe(grid, rowLimit: grid.rowCount)
        while let g = try rest() {
            // A grid decoded without cells has no text to profile; `rest` reads such grids again.
            guard g.records == nil else {
                throw FormatError(
                    .schemaMismatch, "a batch decoded while reading reached the schema widening without its text",
                    hint: "this is a bug in SwiftLake; convert again with an explicit schema (--schema) meanwhile")
            }
            p.observe(g, rowLimit: g.rowCount)
        }
        var next = p.schema(names: source.columnNames)
        if misfitColumn >= 0, misfitColumn < next.fields.count, !builder.undetermined.contains(misfitColumn),
            next.fields[misfitColumn].type == schema.fields[misfitColumn].type
        {
            // Parsing and classification disagree about this value: fall back to text.
            next.fields[misfitColumn].type = .string
        }
        var changes: [Widening] = []
        for (i, f) in next.fields.enumerated() {
            if i >= schema.fields.count {
                changes.append(Widening(column: f.name, from: nil, to: f.type))
            } else if schema.fields[i].type != f.type {
                // A later value may widen beyond the profile of the sample: keep the wider one.
                changes.append(Widening(column: f.name, from: schema.fields[i].type, to: f.type))
            }
        }
        profiler = p
        return (next, changes)
    }
}
