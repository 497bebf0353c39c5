"""Compresses or decompresses files with pyarrow's snappy or Python's gzip.

usage: codec_check.py compress snappy|gzip IN OUT [IN OUT ...]
       codec_check.py decompress snappy|gzip IN OUT SIZE [IN OUT SIZE ...]
"""
import gzip
import sys

import pyarrow as pa


def main():
    mode, codec = sys.argv[1:3]
    args = sys.argv[3:]
    step = 2 if mode == "compress" else 3
    for i in range(0, len(args), step):
        src, dst = args[i], args[i + 1]
        data = open(src, "rb").read()
        if mode == "compress":
            out = pa.compress(data, codec="snappy", asbytes=True) if codec == "snappy" else gzip.compress(data)
        else:
            size = int(args[i + 2])
            if codec == "snappy":
                out = pa.decompress(data, decompressed_size=size, codec="snappy", asbytes=True)
            else:
                out = gzip.decompress(data)
            assert len(out) == size, f"{src}: decompressed {len(out)} bytes, expected {size}"
        open(dst, "wb").write(out)


if __name__ == "__main__":
    main()
