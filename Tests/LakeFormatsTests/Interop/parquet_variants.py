"""Writes the Parquet layouts real writers produce, with pyarrow and DuckDB, plus a manifest of
what pyarrow reads back from each file, in canonical form (see interop_common.py).

Covers every codec (none, snappy, gzip, zstd, lz4_raw), data page versions 1.0 and 2.0,
dictionary on and off, the DELTA_* / BYTE_STREAM_SPLIT / RLE encodings, INT96 timestamps,
FLOAT16, decimals of several precisions (INT32, INT64 and FIXED_LEN_BYTE_ARRAY), format
version 1.0 (PLAIN_DICTIONARY pages), page indexes and checksums, empty tables, empty row
groups and all-null columns.

usage: parquet_variants.py OUTDIR   -> OUTDIR/*.parquet and OUTDIR/manifest.json
"""
import datetime
import decimal
import json
import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq

from interop_common import canonical_table

ROWS = 2000
D = decimal.Decimal


def column(i, values, null_every):
    if null_every and i % null_every == 0:
        return None
    return values[i % len(values)]


def base_table(rows=ROWS):
    us = 1_700_000_000_123_456
    cols = {
        "i32": (pa.int32(), [0, 1, -1, 2**31 - 1, -2**31, 77], 0),
        "i64": (pa.int64(), [0, -2**63, 2**63 - 1, 123456789012, -5], 7),
        "u16": (pa.uint16(), [0, 65535, 300], 5),
        "f32": (pa.float32(), [1.5, -0.0, float("inf"), float("nan"), 3.25e-8], 6),
        "f64": (pa.float64(), [0.1, -2.5, float("-inf"), float("nan"), 1e300], 4),
        "half": (pa.float16(), [0.5, -2.0, 65504.0, 6.1e-05, 5.96e-08, float("inf"), 0.0], 3),
        "b": (pa.bool_(), [True, False, False, True, True], 3),
        "b_req": (pa.bool_(), [True, False, True], 0),
        "s": (pa.string(), ["", "héllo", "日本語", "a,b\"c", "x" * 70, "same", "same"], 5),
        "bin": (pa.binary(), [b"", b"\x00\xff", b"abc", b"\x80" * 20], 6),
        "fixed": (pa.binary(3), [b"abc", b"\x00\x00\x01", b"\xff\xfe\xfd"], 4),
        "d": (pa.date32(), [datetime.date(1969, 12, 31), datetime.date(2024, 2, 29), datetime.date(1, 1, 1)], 5),
        "ts_us": (pa.timestamp("us", tz="UTC"), [us, -1, 0, -86_400_000_001], 6),
        "ts_ms": (pa.timestamp("ms"), [1_700_000_000_123, -1, 0], 0),
        "dec3": (pa.decimal128(3, 1), [D("99.9"), D("-0.1"), D("0.0")], 4),
        "dec9": (pa.decimal128(9, 2), [D("1234567.89"), D("-0.01"), D("0.00")], 5),
        "dec15": (pa.decimal128(15, 5), [D("1234567890.12345"), D("-99999.99999")], 0),
        "dec18": (pa.decimal128(18, 0), [D("999999999999999999"), D("-999999999999999999"), D("1")], 6),
        "dec25": (pa.decimal128(25, 4), [D("123456789012345678901.2345"), D("-0.0001")], 3),
        "dec38": (pa.decimal128(38, 10), [D("9999999999999999999999999999.9999999999"), D("-1.5")], 7),
        "null_i64": (pa.int64(), [None], 0),
        "null_s": (pa.string(), [None], 0),
        "null_b": (pa.bool_(), [None], 0),
    }
    arrays = {}
    for name, (t, values, null_every) in cols.items():
        arrays[name] = pa.array([column(i, values, null_every) for i in range(rows)], type=t)
    fields = [pa.field(n, a.type, nullable=not n.endswith("_req")) for n, a in arrays.items()]
    return pa.table(arrays, schema=pa.schema(fields))


def int96_table():
    ns = [1_700_000_000_123_456_789, 0, 946_684_800_000_000_001, -1_000_000_000, -86_400_000_000_000]
    arrays = {
        "id": pa.array(range(300), pa.int32()),
        "ts": pa.array([None if i % 4 == 0 else ns[i % len(ns)] for i in range(300)], pa.timestamp("ns")),
        "ts_us": pa.array([ns[i % len(ns)] // 1000 for i in range(300)], pa.timestamp("us", tz="UTC")),
    }
    return pa.table(arrays)


ENCODINGS = {
    "i32": "DELTA_BINARY_PACKED", "i64": "DELTA_BINARY_PACKED", "u16": "DELTA_BINARY_PACKED",
    "d": "DELTA_BINARY_PACKED", "ts_us": "DELTA_BINARY_PACKED", "ts_ms": "BYTE_STREAM_SPLIT",
    "dec9": "BYTE_STREAM_SPLIT", "dec18": "DELTA_BINARY_PACKED",
    "f32": "BYTE_STREAM_SPLIT", "f64": "BYTE_STREAM_SPLIT", "half": "BYTE_STREAM_SPLIT",
    "fixed": "BYTE_STREAM_SPLIT", "dec25": "BYTE_STREAM_SPLIT", "dec38": "DELTA_BYTE_ARRAY",
    "s": "DELTA_BYTE_ARRAY", "bin": "DELTA_LENGTH_BYTE_ARRAY",
    "b": "RLE", "b_req": "RLE", "null_b": "RLE", "null_i64": "DELTA_BINARY_PACKED",
    "null_s": "DELTA_LENGTH_BYTE_ARRAY",
}


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    manifest = []

    def record(path, note):
        entry = canonical_table(pq.read_table(path))
        md = pq.ParquetFile(path).metadata
        entry.update(file=path, note=note, row_groups=md.num_row_groups, rows=md.num_rows)
        manifest.append(entry)

    table = base_table()
    for codec in ["none", "snappy", "gzip", "zstd", "lz4"]:  # pyarrow's "lz4" writes LZ4_RAW
        for version in ["1.0", "2.0"]:
            for dictionary in [True, False]:
                name = f"pa_{codec}_v{version[0]}_{'dict' if dictionary else 'plain'}"
                path = os.path.join(out, name + ".parquet")
                pq.write_table(table, path, compression=codec, data_page_version=version,
                               use_dictionary=dictionary, data_page_size=4096, row_group_size=1500,
                               store_decimal_as_integer=(codec in ("zstd", "gzip")))
                record(path, name)

    for version in ["1.0", "2.0"]:
        for codec in ["snappy", "zstd"]:
            name = f"pa_encodings_v{version[0]}_{codec}"
            path = os.path.join(out, name + ".parquet")
            pq.write_table(table, path, compression=codec, data_page_version=version, use_dictionary=False,
                           column_encoding=ENCODINGS, data_page_size=2048, store_decimal_as_integer=True)
            record(path, name)

    specials = {
        "pa_format_1_0": dict(version="1.0", data_page_version="1.0"),  # PLAIN_DICTIONARY pages
        "pa_page_index": dict(write_page_index=True, write_page_checksum=True, data_page_size=1024),
        "pa_small_pages": dict(data_page_size=128, row_group_size=333, compression="zstd"),
        "pa_stats_off": dict(write_statistics=False, compression="lz4", data_page_version="2.0"),
    }
    for name, kwargs in specials.items():
        path = os.path.join(out, name + ".parquet")
        pq.write_table(table, path, **kwargs)
        record(path, name)

    for codec in ["snappy", "zstd"]:
        name = f"pa_int96_{codec}"
        path = os.path.join(out, name + ".parquet")
        pq.write_table(int96_table(), path, use_deprecated_int96_timestamps=True, compression=codec)
        record(path, name)

    # Empty tables and empty row groups.
    empty = base_table(0)
    path = os.path.join(out, "pa_empty_table.parquet")
    pq.write_table(empty, path)
    record(path, "pa_empty_table")
    for version in ["1.0", "2.0"]:
        path = os.path.join(out, f"pa_empty_group_v{version[0]}.parquet")
        small = base_table(50)
        with pq.ParquetWriter(path, small.schema, data_page_version=version, compression="zstd") as w:
            w.write_table(small)
            w.write_table(small.slice(0, 0))
            w.write_table(small)
            w.write_table(small.slice(0, 0))
        record(path, f"pa_empty_group_v{version[0]}")
    nulls = pa.table({n: pa.nulls(500, type=t) for n, t in [
        ("i", pa.int32()), ("s", pa.string()), ("b", pa.bool_()), ("d", pa.decimal128(20, 2)), ("h", pa.float16())]})
    for version in ["1.0", "2.0"]:
        for dictionary in [True, False]:
            name = f"pa_all_null_v{version[0]}_{'dict' if dictionary else 'plain'}"
            path = os.path.join(out, name + ".parquet")
            pq.write_table(nulls, path, data_page_version=version, use_dictionary=dictionary, compression="snappy")
            record(path, name)

    import duckdb
    con = duckdb.connect()
    con.execute("""
        CREATE TABLE t AS SELECT
            i::INTEGER AS i32,
            CASE WHEN i % 7 = 0 THEN NULL ELSE (i * 1000003 - 5000)::BIGINT END AS i64,
            (i / 3.0)::DOUBLE AS f64,
            CASE WHEN i % 5 = 0 THEN NULL ELSE (i / 4.0)::FLOAT END AS f32,
            CASE WHEN i % 5 = 0 THEN NULL ELSE 'name_' || (i % 37)::VARCHAR END AS s,
            md5(i::VARCHAR) AS uniq,
            CASE WHEN i % 4 = 0 THEN NULL ELSE i % 3 = 0 END AS b,
            (DATE '1969-12-01' + i::INTEGER) AS d,
            (TIMESTAMP '1969-12-31 23:00:00' + i * INTERVAL 1 SECOND) AS ts,
            ((i % 3000) * 0.03 - 45)::DECIMAL(4,2) AS dec4,
            (i * 1000.125)::DECIMAL(18,3) AS dec18,
            CASE WHEN i % 9 = 0 THEN NULL ELSE (i * -12345678901234567.12345)::DECIMAL(38,5) END AS dec38,
            NULL::INTEGER AS nothing
        FROM range(4000) r(i)
    """)
    for codec in ["uncompressed", "snappy", "gzip", "zstd", "lz4_raw"]:
        for version in ["V1", "V2"]:
            name = f"duck_{codec}_{version}"
            path = os.path.join(out, name + ".parquet")
            con.execute(f"COPY t TO '{path}' (FORMAT parquet, COMPRESSION {codec}, PARQUET_VERSION {version}, "
                        f"ROW_GROUP_SIZE 2048)")
            record(path, name)
    path = os.path.join(out, "duck_empty.parquet")
    con.execute(f"COPY (SELECT * FROM t LIMIT 0) TO '{path}' (FORMAT parquet)")
    record(path, "duck_empty")

    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f)


if __name__ == "__main__":
    main()
