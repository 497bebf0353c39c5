"""Reads a Parquet file with nested columns through pyarrow or DuckDB and writes every cell's
nested canonical form as JSON text (see nested_canonical), for value-by-value comparison with
SwiftLake's reader and writer.

usage: parquet_nested_dump.py pyarrow|duckdb FILE OUT.json
"""
import json
import sys

import pyarrow as pa
import pyarrow.parquet as pq

from interop_common import canonical_column


def nested_canonical(value, t):
    """Lists as {"l": [...]}, structs as {"s": [[name, v], ...]}, maps as {"m": [[k, v], ...]},
    leaves as their canonical string (interop_common) or None."""
    if value is None:
        return None
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return {"l": [nested_canonical(v, t.value_type) for v in value]}
    if pa.types.is_map(t):
        return {"m": [[nested_canonical(k, t.key_type), nested_canonical(v, t.item_type)] for k, v in value]}
    if pa.types.is_struct(t):
        return {"s": [[t.field(i).name, nested_canonical(value.get(t.field(i).name), t.field(i).type)]
                      for i in range(t.num_fields)]}
    return canonical_column(pa.array([value], type=t))[0]


def cell_text(value, t):
    c = nested_canonical(value, t)
    if c is None:
        return None
    return json.dumps(c, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def dump(table):
    columns = []
    for i in range(table.num_columns):
        t = table.schema.field(i).type
        columns.append([cell_text(v, t) for v in table.column(i).to_pylist()])
    return {"names": table.column_names, "types": [str(f.type) for f in table.schema], "columns": columns}


def main():
    engine, path, out_path = sys.argv[1:4]
    if engine == "pyarrow":
        table = pq.read_table(path)
    else:
        import duckdb
        table = duckdb.connect().sql(f"SELECT * FROM read_parquet('{path}')").to_arrow_table()
    with open(out_path, "w") as f:
        json.dump(dump(table), f, ensure_ascii=False)


if __name__ == "__main__":
    main()
