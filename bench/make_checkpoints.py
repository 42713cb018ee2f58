#!/usr/bin/python3
"""Files for bench/scanner-throughput.sh (Debian's Python with python3-torch):

    make_checkpoints.py DIR

DIR/torch-1gib.pt      a real torch.save checkpoint of 1 GiB (four float32 tensors of 256 MiB)
DIR/zip-100mb.pt       a torch zip checkpoint of 100 MB (the data.pkl torch writes, four stored tensors)
DIR/zip-5gb.pt         the same pickle with four stored tensors of 1.25 GiB, written sparse (zip64), so it takes no disk
DIR/small/             10,000 small files: the benign corpus, copied round-robin
"""
import io
import os
import shutil
import struct
import sys
import zipfile
import zlib

import torch

CHUNK = 16 << 20


def crc_of_zeros(size):
    crc, zeros = 0, bytes(CHUNK)
    while size:
        n = min(size, CHUNK)
        crc = zlib.crc32(zeros[:n] if n < CHUNK else zeros, crc)
        size -= n
    return crc


def sparse_checkpoint(path, tensor_bytes, names=4):
    """A torch-layout zip: torch's own data.pkl for `names` tensors, then stored entries of zeros (holes)."""
    template = io.BytesIO()
    torch.save({"w%d" % i: torch.zeros(tensor_bytes // 4) if tensor_bytes < (1 << 26) else torch.zeros(1) for i in range(names)}, template)
    pkl = zipfile.ZipFile(io.BytesIO(template.getvalue())).read("archive/data.pkl")
    entries = [("archive/data.pkl", len(pkl), zlib.crc32(pkl), pkl), ("archive/version", 2, zlib.crc32(b"3\n"), b"3\n")]
    zero_crc = crc_of_zeros(tensor_bytes)
    entries += [("archive/data/%d" % i, tensor_bytes, zero_crc, None) for i in range(names)]
    central = bytearray()
    with open(path, "wb") as f:
        for name, size, crc, data in entries:
            offset = f.tell()
            raw = name.encode()
            extra = struct.pack("<HHQQ", 1, 16, size, size)
            f.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 0, 0, 0x21, crc, 0xFFFFFFFF, 0xFFFFFFFF, len(raw), len(extra)) + raw + extra)
            if data is None:
                f.seek(size, 1)  # a hole: the file system stores no zeros
            else:
                f.write(data)
            cextra = struct.pack("<HHQQQ", 1, 24, size, size, offset)
            central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 0, 0, 0x21, crc, 0xFFFFFFFF, 0xFFFFFFFF, len(raw),
                                   len(cextra), 0, 0, 0, 0, 0xFFFFFFFF) + raw + cextra
        cd_offset = f.tell()
        f.write(central)
        end64 = f.tell()
        f.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(entries), len(entries), len(central), cd_offset))
        f.write(struct.pack("<IIQI", 0x07064B50, 0, end64, 1))
        f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    torch.save({"w%d" % i: torch.ones(1 << 26) for i in range(4)}, os.path.join(out, "torch-1gib.pt"))
    sparse_checkpoint(os.path.join(out, "zip-100mb.pt"), 25 * 1000 * 1000)
    sparse_checkpoint(os.path.join(out, "zip-5gb.pt"), 5 * (1 << 30) // 4)
    corpus = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ejb", "src", "test", "resources", "corpus", "benign")
    files = sorted(f for f in os.listdir(corpus) if f != "manifest.tsv")
    small = os.path.join(out, "small")
    os.makedirs(small, exist_ok=True)
    for i in range(10000):
        name = files[i % len(files)]
        shutil.copyfile(os.path.join(corpus, name), os.path.join(small, "%05d-%s" % (i, name)))


if __name__ == "__main__":
    main()
