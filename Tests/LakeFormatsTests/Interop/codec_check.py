"""Compresses or decompresses files with pyarrow's snappy, zstd and lz4_raw (raw LZ4 block)
codecs or Python's gzip.

usage: codec_check.py compress snappy|gzip|zstd|lz4_raw IN OUT [IN OUT ...]
       codec_check.py decompress snappy|gzip|zstd|lz4_raw IN OUT SIZE [IN OUT SIZE ...]
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
            out = gzip.compress(data) if codec == "gzip" else pa.compress(data, codec=codec, asbytes=True)
        else:
            size = int(args[i + 2])
            if codec == "gzip":
                out = gzip.decompress(data)
            else:
                out = pa.decompress(data, decompressed_size=size, codec=codec, asbytes=True)
            assert len(out) == size, f"{src}: decompressed {len(out)} bytes, expected {size}"
        open(dst, "wb").write(out)


if __name__ == "__main__":
    main()
