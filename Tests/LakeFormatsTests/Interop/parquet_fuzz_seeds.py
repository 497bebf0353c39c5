"""Writes small pyarrow files to seed the Parquet reader's mutation fuzz test
(ParquetFuzzTests.swift): v2 pages, delta and byte-stream-split encodings, RLE booleans,
dictionaries, INT96, FLOAT16, decimals, each codec, and nested lists, structs and maps.

usage: parquet_fuzz_seeds.py OUTDIR   -> OUTDIR/seed-*.parquet
"""
import datetime
import decimal
import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq

ROWS = 120


def table():
    def col(values, t, null_every=0):
        return pa.array([None if null_every and i % null_every == 0 else values[i % len(values)] for i in range(ROWS)], t)
    return pa.table({
        "i32": col([1, -7, 2**31 - 1, 0], pa.int32(), 5),
        "i64": col([10**12, -3, 0], pa.int64()),
        "f": col([0.5, float("nan"), -2.25], pa.float32(), 4),
        "d": col([1e10, -0.0, 3.5], pa.float64(), 3),
        "half": col([0.5, -1.0, 2.0], pa.float16(), 6),
        "b": col([True, False, False], pa.bool_(), 7),
        "s": col(["a", "bc", "", "héllo", "a"], pa.string(), 4),
        "bin": col([b"\x00", b"xyz", b""], pa.binary(), 5),
        "fix": col([b"ab", b"\xff\x00"], pa.binary(2), 3),
        "dt": col([datetime.date(2024, 1, 2), datetime.date(1960, 5, 6)], pa.date32(), 8),
        "ts": col([1_700_000_000_000_000, -5], pa.timestamp("us", tz="UTC"), 6),
        "dec": col([decimal.Decimal("1.25"), decimal.Decimal("-99.99")], pa.decimal128(9, 2), 5),
        "dec30": col([decimal.Decimal("12345678901234567890.1234")], pa.decimal128(30, 4), 4),
    })


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    t = table()
    encodings = {"i32": "DELTA_BINARY_PACKED", "i64": "DELTA_BINARY_PACKED", "f": "BYTE_STREAM_SPLIT",
                 "d": "BYTE_STREAM_SPLIT", "half": "BYTE_STREAM_SPLIT", "b": "RLE", "s": "DELTA_BYTE_ARRAY",
                 "bin": "DELTA_LENGTH_BYTE_ARRAY", "fix": "DELTA_BYTE_ARRAY", "dt": "DELTA_BINARY_PACKED"}
    layouts = {
        "seed-v2-delta-zstd": dict(data_page_version="2.0", use_dictionary=False, column_encoding=encodings,
                                   compression="zstd"),
        "seed-v1-delta-lz4": dict(data_page_version="1.0", use_dictionary=False, column_encoding=encodings,
                                  compression="lz4"),
        "seed-v2-dict-snappy": dict(data_page_version="2.0", compression="snappy", data_page_size=256),
        "seed-v1-dict-gzip": dict(data_page_version="1.0", compression="gzip", version="1.0"),
        "seed-int96-none": dict(compression="none", use_deprecated_int96_timestamps=True, row_group_size=50),
    }
    for name, kwargs in layouts.items():
        pq.write_table(t, os.path.join(out, name + ".parquet"), **kwargs)
    nested = pa.table({
        "xs": pa.array([None if i % 5 == 0 else [i, None, -i][: i % 4] for i in range(ROWS)], pa.list_(pa.int64())),
        "st": pa.array([None if i % 6 == 0 else {"a": f"s{i}", "b": [[i], []] if i % 2 else None} for i in range(ROWS)],
                       pa.struct([("a", pa.string()), ("b", pa.list_(pa.list_(pa.int32())))])),
        "m": pa.array([[(f"k{j}", j) for j in range(i % 3)] for i in range(ROWS)], pa.map_(pa.string(), pa.int32())),
    })
    pq.write_table(nested, os.path.join(out, "seed-nested-v2.parquet"), data_page_version="2.0", data_page_size=128)
    pq.write_table(nested, os.path.join(out, "seed-nested-v1.parquet"), data_page_version="1.0", compression="none")


if __name__ == "__main__":
    main()
