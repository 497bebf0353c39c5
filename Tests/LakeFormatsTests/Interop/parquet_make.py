"""Writes Parquet files with pyarrow (several layouts) and DuckDB, plus a manifest of the
values each holds, in canonical form (see interop_common.py).

usage: parquet_make.py OUTDIR   -> OUTDIR/*.parquet and OUTDIR/manifest.json
"""
import datetime
import decimal
import json
import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq

from interop_common import canonical_table

ROWS = 3000


def pick(i, values, null_every=0):
    if null_every and i % null_every == 0:
        return None
    return values[i % len(values)]


def arrow_table():
    D = decimal.Decimal
    cols = {
        "i8": (pa.int8(), [-128, 127, 0, -1, 5]),
        "i16": (pa.int16(), [-32768, 32767, 0, 12]),
        "i32": (pa.int32(), [-2**31, 2**31 - 1, 0, 7, -7]),
        "i64": (pa.int64(), [-2**63, 2**63 - 1, 0, 42, -42]),
        "u8": (pa.uint8(), [0, 255, 17]),
        "u32": (pa.uint32(), [0, 2**32 - 1, 2**31, 5]),
        "u64": (pa.uint64(), [0, 2**64 - 1, 2**63, 9]),
        "f32": (pa.float32(), [1.5, float("nan"), float("inf"), float("-inf"), -0.0, 0.0, -2.25]),
        "f64": (pa.float64(), [0.1, float("nan"), float("inf"), float("-inf"), -0.0, 1e300, -5e-324]),
        "b": (pa.bool_(), [True, False, False]),
        "s": (pa.string(), ["", "héllo", "日本語", "a\"b\\c\n", "x" * 300, "zz"]),
        "bin": (pa.binary(), [b"", b"\x00\xff", b"abc"]),
        "fixed": (pa.binary(4), [b"abcd", b"\x00\x00\x00\x01"]),
        "d": (pa.date32(), [datetime.date(1969, 12, 31), datetime.date(2024, 2, 29), datetime.date(1900, 1, 1)]),
        "ts_ms": (pa.timestamp("ms", tz="UTC"), [-1, 0, 1_700_000_000_123, -86_400_001]),
        "ts_us": (pa.timestamp("us", tz="UTC"), [-1, 0, 1_700_000_000_123_456]),
        "ts_ns": (pa.timestamp("ns", tz="UTC"), [1_700_000_000_123_456_789, -1_000, 0]),
        "ts_naive": (pa.timestamp("us"), [1_600_000_000_000_001, -5]),
        "dec9": (pa.decimal128(9, 2), [D("1234567.89"), D("-0.01"), D("0.00")]),
        "dec18": (pa.decimal128(18, 4), [D("99999999999999.9999"), D("-12.3456")]),
        "dec38": (pa.decimal128(38, 10), [D("9999999999999999999999999999.9999999999"), D("-1.0000000001"), D("0E-10")]),
    }
    arrays = {}
    for k, (name, (t, values)) in enumerate(cols.items()):
        null_every = 0 if k % 4 == 0 else (3 + k % 5)
        raw = [pick(i, values, null_every) for i in range(ROWS)]
        arrays[name] = pa.array(raw, type=t)
    return pa.table(arrays)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    table = arrow_table()
    expected = canonical_table(table)
    manifest = []
    configs = {
        "pa_default": dict(),
        "pa_plain_none_v2": dict(use_dictionary=False, compression="none", data_page_version="2.0"),
        "pa_gzip_v1_small_groups": dict(compression="gzip", data_page_version="1.0", row_group_size=700),
        "pa_dict_v2_small_pages": dict(compression="snappy", data_page_version="2.0", data_page_size=2048),
        "pa_v1_plain_snappy": dict(use_dictionary=False, compression="snappy", data_page_version="1.0",
                                   write_statistics=False),
    }
    for name, kwargs in configs.items():
        path = os.path.join(out, name + ".parquet")
        pq.write_table(table, path, **kwargs)
        manifest.append({"file": path, **expected})

    import duckdb
    con = duckdb.connect()
    con.execute("""
        CREATE TABLE t AS SELECT
            i::INTEGER AS i32,
            (i * 1000003 - 5000)::BIGINT AS i64,
            CASE WHEN i % 7 = 0 THEN NULL ELSE i / 3.0 END::DOUBLE AS f64,
            (i / 4.0)::FLOAT AS f32,
            CASE WHEN i % 5 = 0 THEN NULL ELSE 'name_' || (i % 37)::VARCHAR END AS s,
            CASE WHEN i % 11 = 0 THEN 'ünï ' || i::VARCHAR ELSE '' END AS s2,
            (i % 3 = 0) AS b,
            (DATE '1969-12-01' + i::INTEGER) AS d,
            (TIMESTAMP '1969-12-31 23:00:00' + i * INTERVAL 1 SECOND) AS ts,
            (TIMESTAMPTZ '2024-01-01 00:00:00+00' + i * INTERVAL 1 MILLISECOND) AS tstz,
            (i * 1.25 - 100)::DECIMAL(9,2) AS dec9,
            (i * 1000.125)::DECIMAL(18,3) AS dec18,
            CASE WHEN i % 9 = 0 THEN NULL ELSE (i * -12345678901234567.12345)::DECIMAL(38,5) END AS dec38,
            ('\\x00\\x01' || i::VARCHAR)::BLOB AS blob,
            (i * 3)::UBIGINT AS u64,
            (i % 100)::SMALLINT AS i16,
            (i % 100)::TINYINT AS i8
        FROM range(5000) r(i)
    """)
    duck_expected = canonical_table(con.sql("SELECT * FROM t").to_arrow_table())
    for codec in ["snappy", "gzip", "uncompressed"]:
        path = os.path.join(out, f"duck_{codec}.parquet")
        con.execute(f"COPY t TO '{path}' (FORMAT parquet, COMPRESSION {codec})")
        manifest.append({"file": path, **duck_expected})
    path = os.path.join(out, "duck_small_groups.parquet")
    con.execute(f"COPY t TO '{path}' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 1000)")
    manifest.append({"file": path, **duck_expected})

    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f)


if __name__ == "__main__":
    main()
