"""Canonical text forms of Arrow values, shared by the interop scripts.

Both sides of a test (these scripts and the Swift tests) turn every cell into the same
string, so values compare exactly: ints as digits, floats as their IEEE bit pattern ("nan"
for any NaN; float16 widened to float32), timestamps as microseconds since the epoch, dates as days, decimals as exact
fixed-point text, binary as "b64:" + base64, null as JSON null.
"""
import base64
import datetime
import decimal
import struct

import pyarrow as pa
import pyarrow.compute as pc

EPOCH_DATE = datetime.date(1970, 1, 1)


def _float_bits(x, single):
    if x != x:
        return "nan"
    if single:
        return str(struct.unpack("<i", struct.pack("<f", x))[0])
    return str(struct.unpack("<q", struct.pack("<d", x))[0])


def canonical_column(col):
    """Canonical strings (or None) for one Arrow column (Array or ChunkedArray)."""
    t = col.type
    if pa.types.is_timestamp(t):
        col = pc.cast(col, pa.timestamp("us", tz=t.tz), safe=False)
        col = pc.cast(col, pa.int64())
        return [None if v is None else str(v) for v in col.to_pylist()]
    if pa.types.is_date32(t):
        col = pc.cast(col, pa.int32())
        return [None if v is None else str(v) for v in col.to_pylist()]
    if pa.types.is_float16(t):
        col = pc.cast(col, pa.float32())  # exact: every half is a float
        t = pa.float32()
    values = col.to_pylist()
    out = []
    single = pa.types.is_float32(t)
    for v in values:
        if v is None:
            out.append(None)
        elif isinstance(v, bool):
            out.append("true" if v else "false")
        elif isinstance(v, int):
            out.append(str(v))
        elif isinstance(v, float):
            out.append(_float_bits(v, single))
        elif isinstance(v, decimal.Decimal):
            out.append(format(v, "f"))
        elif isinstance(v, (bytes, bytearray)):
            out.append("b64:" + base64.b64encode(bytes(v)).decode())
        elif isinstance(v, str):
            out.append(v)
        elif isinstance(v, datetime.date):
            out.append(str((v - EPOCH_DATE).days))
        else:
            raise TypeError(f"no canonical form for {type(v)}")
    return out


def canonical_table(table):
    return {
        "names": table.column_names,
        "types": [str(f.type) for f in table.schema],
        "columns": [canonical_column(table.column(i)) for i in range(table.num_columns)],
    }
