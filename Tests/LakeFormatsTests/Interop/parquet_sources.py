"""Writes the small pyarrow files the legacy-layout tests rewrite page by page (PageRewriter.swift)
or expect to be refused, plus the canonical values of each (see interop_common.py).

  src_v1.parquet, src_v2.parquet  uncompressed, dictionary on, small pages, nulls, an all-null
                                  column, RLE booleans in v2
  src_bytes_decimal.parquet       binary columns holding minimal big-endian two's-complement
                                  integers, to be annotated DECIMAL(p, s) by the rewriter
  refuse_decimal256.parquet       decimal256(50, 2) (precision over 38: unsupported)
  refuse_brotli.parquet           BROTLI pages (codec not supported)

usage: parquet_sources.py OUTDIR   -> files and OUTDIR/values.json {file: canonical table}
"""
import decimal
import json
import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq

from interop_common import canonical_table

ROWS = 1200

# (precision, scale, unscaled values) of the byte-array decimal columns.
BYTE_DECIMALS = [
    (9, 2, [0, 1, -1, 123456789, -99999999, 128, -129, 255]),
    (18, 4, [0, 10**17, -(10**17) + 7, 2**40, -(2**40), 32767, -32768]),
    (30, 5, [0, 10**29 - 1, -(10**29) + 1, 2**64, -(2**64), 5]),
]


def minimal_bytes(v):
    n = max(1, (v.bit_length() + 8) // 8)
    return v.to_bytes(n, "big", signed=True)


def main():
    decimal.getcontext().prec = 100  # exact text for 38-digit values
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    values = {}
    table = pa.table({
        "id": pa.array(range(ROWS), pa.int64()),
        "s": pa.array([None if i % 3 == 0 else "v%d" % (i % 11) for i in range(ROWS)]),
        "b": pa.array([None if i % 5 == 0 else i % 2 == 0 for i in range(ROWS)]),
        "f": pa.array([None if i % 7 == 0 else i * 0.5 for i in range(ROWS)], pa.float64()),
        "nothing": pa.nulls(ROWS, pa.int32()),
        "req": pa.array([i % 13 for i in range(ROWS)], pa.int32()),
    }, schema=pa.schema([
        ("id", pa.int64()), ("s", pa.string()), ("b", pa.bool_()), ("f", pa.float64()),
        ("nothing", pa.int32()), pa.field("req", pa.int32(), nullable=False)]))
    for version in ["1.0", "2.0"]:
        path = os.path.join(out, f"src_v{version[0]}.parquet")
        pq.write_table(table, path, compression="none", data_page_version=version, data_page_size=512,
                       row_group_size=700, column_encoding=None, use_dictionary=["s", "f", "nothing"])
        values[path] = canonical_table(pq.read_table(path))

    columns = {}
    for p, s, raw in BYTE_DECIMALS:
        columns[f"dec{p}"] = pa.array(
            [None if i % 6 == 5 else minimal_bytes(raw[i % len(raw)]) for i in range(300)], pa.binary())
    path = os.path.join(out, "src_bytes_decimal.parquet")
    pq.write_table(pa.table(columns), path, compression="none", use_dictionary=False)
    expected = {"names": list(columns), "columns": []}
    for p, s, raw in BYTE_DECIMALS:
        col = []
        for i in range(300):
            if i % 6 == 5:
                col.append(None)
            else:
                col.append(format(decimal.Decimal(raw[i % len(raw)]).scaleb(-s), "f"))
        expected["columns"].append(col)
    values[path] = expected

    path = os.path.join(out, "refuse_decimal256.parquet")
    pq.write_table(pa.table({"d": pa.array([decimal.Decimal("1.50")], pa.decimal256(50, 2))}), path)
    path = os.path.join(out, "refuse_brotli.parquet")
    pq.write_table(pa.table({"id": [1, 2]}), path, compression="brotli")

    with open(os.path.join(out, "values.json"), "w") as f:
        json.dump(values, f)
    print(json.dumps({"byte_decimals": [[p, s] for p, s, _ in BYTE_DECIMALS]}))


if __name__ == "__main__":
    main()
