"""Compresses or decompresses a file with pyarrow's snappy or Python's gzip.

usage: codec_check.py compress snappy|gzip IN OUT
       codec_check.py decompress snappy|gzip IN OUT SIZE
"""
import gzip
import sys

import pyarrow as pa


def main():
    mode, codec, src, dst = sys.argv[1:5]
    data = open(src, "rb").read()
    if mode == "compress":
        out = pa.compress(data, codec="snappy", asbytes=True) if codec == "snappy" else gzip.compress(data)
    else:
        size = int(sys.argv[5])
        if codec == "snappy":
            out = pa.decompress(data, decompressed_size=size, codec="snappy", asbytes=True)
        else:
            out = gzip.decompress(data)
        assert len(out) == size, f"decompressed {len(out)} bytes, expected {size}"
    open(dst, "wb").write(out)


if __name__ == "__main__":
    main()
