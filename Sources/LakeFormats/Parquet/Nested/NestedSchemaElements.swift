/// Lays out a field as Parquet schema elements the way pyarrow writes them, so every reader
/// (pyarrow, DuckDB, Spark, Athena) sees the standard forms:
///
/// ```
/// optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
/// optional group attrs (MAP) { repeated group key_value { required binary key (STRING); optional int64 value; } }
/// optional group address { optional binary city (STRING); optional int32 zip; }
/// ```
enum NestedSchemaElements {
    /// Appends `field`'s elements (the field, then its children depth-first) to `out`.
    static func append(_ field: Field, into out: inout [ParquetThrift.SchemaElement]) {
        let repetition = (field.nullable ? ParquetThrift.Repetition.optional : .required).rawValue
        switch field.type {
        case .structure(let children):
            out.append(group(field.name, repetition: repetition, children: children.count))
            for child in children { append(child, into: &out) }
        case .list(let element):
            var outer = group(field.name, repetition: repetition, children: 1)
            outer.convertedType = ParquetThrift.ConvertedType.list.rawValue
            outer.logicalType = .list
            out.append(outer)
            out.append(group("list", repetition: ParquetThrift.Repetition.repeated.rawValue, children: 1))
            append(Field(name: "element", type: element.type, nullable: element.nullable), into: &out)
        case .map(let key, let value):
            var outer = group(field.name, repetition: repetition, children: 1)
            outer.convertedType = ParquetThrift.ConvertedType.map.rawValue
            outer.logicalType = .map
            out.append(outer)
            out.append(group("key_value", repetition: ParquetThrift.Repetition.repeated.rawValue, children: 2))
            append(Field(name: "key", type: key, nullable: false), into: &out)
            append(Field(name: "value", type: value.type, nullable: value.nullable), into: &out)
        default:
            let m = ParquetColumnMapping(writing: field.type)
            var e = ParquetThrift.SchemaElement(name: field.name)
            e.type = m.physical.rawValue
            e.typeLength = m.typeLength
            e.repetition = repetition
            e.convertedType = m.converted?.rawValue
            e.logicalType = m.logical
            if case .decimal(let p, let s) = field.type {
                e.precision = Int32(p)
                e.scale = Int32(s)
            }
            out.append(e)
        }
    }

    private static func group(_ name: String, repetition: Int32, children: Int) -> ParquetThrift.SchemaElement {
        var e = ParquetThrift.SchemaElement(name: name)
        e.repetition = repetition
        e.numChildren = Int32(children)
        return e
    }
}
