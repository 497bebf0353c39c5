"""Reads a Parquet file with pyarrow or DuckDB and writes its values and statistics as JSON.

usage: parquet_dump.py pyarrow|duckdb FILE OUT.json
"""
import json
import sys

import pyarrow.parquet as pq

from interop_common import canonical_table


def dump_pyarrow(path):
    pf = pq.ParquetFile(path)
    out = canonical_table(pf.read())
    md = pf.metadata
    out["num_row_groups"] = md.num_row_groups
    out["created_by"] = md.created_by
    out["key_value"] = {k.decode(): v.decode() for k, v in (md.metadata or {}).items()}
    stats = []
    for rg in range(md.num_row_groups):
        cols = []
        for i in range(md.num_columns):
            c = md.row_group(rg).column(i)
            s = c.statistics
            cols.append({
                "has_min_max": bool(s is not None and s.has_min_max),
                "null_count": None if s is None or not s.has_null_count else s.null_count,
                "min": str(s.min) if s is not None and s.has_min_max else None,
                "max": str(s.max) if s is not None and s.has_min_max else None,
                "encodings": list(c.encodings),
                "compression": c.compression,
            })
        stats.append(cols)
    out["stats"] = stats
    return out


def dump_duckdb(path):
    import duckdb
    con = duckdb.connect()
    table = con.sql(f"SELECT * FROM read_parquet('{path}')").to_arrow_table()
    out = canonical_table(table)
    rows = con.execute(
        "SELECT row_group_id, column_id, stats_min_value, stats_max_value, stats_null_count "
        "FROM parquet_metadata(?) ORDER BY row_group_id, column_id", [path]).fetchall()
    stats = {}
    for rg, col, lo, hi, nulls in rows:
        stats.setdefault(rg, []).append({"min": lo, "max": hi, "null_count": nulls})
    out["stats"] = [stats[k] for k in sorted(stats)]
    return out


def main():
    engine, path, out_path = sys.argv[1:4]
    result = dump_pyarrow(path) if engine == "pyarrow" else dump_duckdb(path)
    with open(out_path, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
