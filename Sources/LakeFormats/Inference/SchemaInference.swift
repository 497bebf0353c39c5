import Foundation

/// Infers a table schema from the first rows of a CSV or JSON file (`lake schema FILE`).
///
/// Each column's type is the narrowest that fits every non-null value of the sample: bool,
/// int32, int64, decimal (opt-in), double, date, timestamp, else string. ``FormatConverter``
/// starts from this schema and widens it when a later row disagrees.
public enum SchemaInference {
    /// Reads up to `options.sampleRows` rows of `url` and returns their schema.
    ///
    /// - Parameters:
    ///   - format: the input format; nil takes it from the file extension or the first byte.
    ///   - csv: CSV dialect options (delimiter and header are detected when not set).
    ///   - json: JSON options (flattening of nested objects).
    ///   - options: sample size, null tokens, optional types.
    public static func infer(
        url: URL, format: InputFormat? = nil, csv: CSVOptions = CSVOptions(), json: JSONOptions = JSONOptions(),
        options: InferenceOptions = InferenceOptions()
    ) throws(FormatError) -> InferredSchema {
        let resolved = InputFormat.resolve(format, url: url)
        let source = try openSource(url: url, format: resolved, csv: csv, json: json)
        var profiler = SchemaProfiler(options: options, quote: source.quote, nested: source.keepsNested)
        try source.profileSample(into: &profiler, rows: options.sampleRows)
        let names = source.columnNames
        guard !names.isEmpty else {
            throw FormatError.at(.emptyInput, "the input has no columns to infer a schema from", path: url.path)
        }
        let schema = profiler.schema(names: names)
        let csvReader = source as? CSVReader
        return InferredSchema(
            schema: schema, format: resolved, rowsSampled: profiler.rows,
            nullCounts: names.indices.map { $0 < profiler.profiles.count ? profiler.profiles[$0].nulls : 0 },
            delimiter: csvReader?.delimiter, hasHeader: csvReader?.hasHeader)
    }

    /// Opens the reader for `format`.
    static func openSource(
        url: URL, format: InputFormat, csv: CSVOptions, json: JSONOptions
    ) throws(FormatError) -> any TokenSource {
        switch format {
        case .csv:
            var o = csv
            if o.delimiter == nil, url.pathExtension.lowercased() == "tsv" { o.delimiter = 9 }
            return try CSVReader(url: url, options: o)
        case .json, .jsonl:
            return try JSONReader(url: url, options: json)
        }
    }
}
