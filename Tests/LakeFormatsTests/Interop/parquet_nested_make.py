"""Writes nested Parquet files the way real writers do (pyarrow with 1.0 and 2.0 data pages,
dictionary on and off, every codec, compliant and legacy list element names; DuckDB), plus a
manifest of what pyarrow reads back from each file in the nested canonical form of
parquet_nested_dump.py.

usage: parquet_nested_make.py OUTDIR   -> OUTDIR/*.parquet and OUTDIR/manifest.json
"""
import datetime
import decimal
import json
import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq

from parquet_nested_dump import dump

ROWS = 1500
D = decimal.Decimal


def row(r):
    k = r % 7
    def maybe(v, every):
        return None if r % every == every - 1 else v
    tags = [] if k == 0 else [None if j == 2 else f"t{r % 13}-{j}" for j in range(k)]
    point = {"x": maybe(r / 4, 3), "y": float(-r), "label": None if k == 4 else f"p{r % 5}"}
    attrs = [(f"k{j}", None if j == 1 else r * 10 + j) for j in range(r % 4)]
    orders = [None if (o == 1 and r % 2 == 0) else
              {"sku": f"sku{r}-{o}", "qty": o + 1, "opts": None if r % 5 == 0 else [j * r for j in range(o)]}
              for o in range(r % 3)]
    grid = [None if g == 2 else [g * 100 + j for j in range(g)] for g in range(r % 4)]
    deep = {"a": {"b": [{"c": [r, None]}, None] if r % 3 else None}} if r % 4 else None
    return {
        "id": r, "tags": maybe(tags, 5), "point": maybe(point, 6), "attrs": maybe(attrs, 4),
        "orders": maybe(orders, 7), "grid": maybe(grid, 5),
        "days": [datetime.date(2020, 1, 1) + datetime.timedelta(days=r % 400), None],
        "times": maybe([datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(microseconds=r * 1000003)], 2),
        "amounts": [D(f"-1234567890123456{r % 10}.123"), None],
        "bools": [r % 2 == 0, None, True][: r % 4],
        "deep": deep,
        "empty_or_null": None if r % 2 else [],
    }


SCHEMA = pa.schema([
    ("id", pa.int64()),
    ("tags", pa.list_(pa.string())),
    ("point", pa.struct([("x", pa.float64()), pa.field("y", pa.float64(), nullable=False), ("label", pa.string())])),
    ("attrs", pa.map_(pa.string(), pa.int64())),
    ("orders", pa.list_(pa.struct([("sku", pa.string()), pa.field("qty", pa.int32(), nullable=False),
                                   ("opts", pa.list_(pa.int64()))]))),
    ("grid", pa.list_(pa.list_(pa.field("item", pa.int32(), nullable=False)))),
    ("days", pa.list_(pa.date32())),
    ("times", pa.list_(pa.timestamp("us", tz="UTC"))),
    ("amounts", pa.list_(pa.decimal128(20, 3))),
    ("bools", pa.list_(pa.bool_())),
    ("deep", pa.struct([("a", pa.struct([("b", pa.list_(pa.struct([("c", pa.list_(pa.int64()))])))]))])),
    ("empty_or_null", pa.list_(pa.string())),
])


def table(rows=ROWS):
    return pa.Table.from_pylist([row(r) for r in range(rows)], schema=SCHEMA)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    t = table()
    files = {}
    for version in ["1.0", "2.0"]:
        for dictionary in [True, False]:
            for codec in ["none", "snappy", "gzip", "zstd", "lz4"]:
                if dictionary is False and codec not in ["none", "zstd"]:
                    continue
                name = f"pa_v{version}_{'dict' if dictionary else 'plain'}_{codec}.parquet"
                pq.write_table(t, os.path.join(out, name), data_page_version=version, use_dictionary=dictionary,
                               compression=codec, row_group_size=600, data_page_size=700)
                files[name] = None
    name = "pa_legacy_names.parquet"
    pq.write_table(t, os.path.join(out, name), use_compliant_nested_type=False, row_group_size=1000)
    files[name] = None
    name = "pa_empty.parquet"
    pq.write_table(t.slice(0, 0), os.path.join(out, name))
    files[name] = None
    import duckdb
    con = duckdb.connect()
    con.register("t", t)
    name = "duckdb.parquet"
    con.execute(f"COPY t TO '{os.path.join(out, name)}' (FORMAT PARQUET, ROW_GROUP_SIZE 700)")
    files[name] = None
    manifest = {}
    for name in files:
        manifest[name] = dump(pq.read_table(os.path.join(out, name)))
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
