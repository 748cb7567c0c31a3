"""Writes the test vectors for Specter's DEFLATE decoder into the folder given: each NAME.plain is
the original bytes, NAME.raw / NAME.zlib / NAME.gzip its compressed forms made with Python's zlib
and gzip (Specter must decode them to NAME.plain exactly). Deterministic: the same files every run."""
import gzip
import os
import random
import sys
import zlib

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = random.Random(1951)


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def raw(data, level, strategy=zlib.Z_DEFAULT_STRATEGY):
    c = zlib.compressobj(level, zlib.DEFLATED, -15, 9, strategy)
    return c.compress(data) + c.flush()


# Text that compresses well (JSON lines with varying fields), 1.5 MB: long enough to slide the window many times.
lines = [b'{"id": %d, "name": "%s", "tags": ["%s"], "price": %d.%02d}\n' % (
    i, "".join(rng.choice("abcdefghij") for _ in range(rng.randint(3, 12))).encode(),
    rng.choice(["cat", "dog", "bird", "fish"]).encode(), rng.randint(1, 999), rng.randint(0, 99)) for i in range(24000)]
text = b"".join(lines)
# Bytes that hardly compress, so literals and stored blocks dominate.
noise = bytes(rng.getrandbits(8) for _ in range(300000))
# Long runs (distance-1 matches) and short repeats that overlap their source.
runs = bytes(70000) + b"ab" * 40000 + b"xyz" * 30000 + bytes(range(256)) * 300

for name, data in [("text", text), ("noise", noise), ("runs", runs), ("empty", b""), ("one", b"x")]:
    write(name + ".plain", data)
    for level in (0, 1, 6, 9):
        write(f"{name}-{level}.raw", raw(data, level))
    write(f"{name}-fixed.raw", raw(data, 6, zlib.Z_FIXED))
    write(f"{name}-huffman.raw", raw(data, 6, zlib.Z_HUFFMAN_ONLY))
    write(f"{name}-rle.raw", raw(data, 6, zlib.Z_RLE))
    for level in (1, 9):
        write(f"{name}-{level}.zlib", zlib.compress(data, level))
    for level in (0, 1, 6, 9):
        write(f"{name}-{level}.gzip", gzip.compress(data, level, mtime=0))

# A gzip body in two members (concatenated gzip files decode to the concatenation).
write("members.plain", text[:100000] + noise[:50000])
write("members-2.gzip", gzip.compress(text[:100000], 6, mtime=0) + gzip.compress(noise[:50000], 1, mtime=0))
# A member with a file name, a comment and an extra field in its header.
header = b"\x1f\x8b\x08" + bytes([0x04 | 0x08 | 0x10]) + b"\x00\x00\x00\x00\x00\xff" + b"\x03\x00abc" + b"name.json\x00" + b"a comment\x00"
body = raw(text[:5000], 6)
crc = zlib.crc32(text[:5000]).to_bytes(4, "little") + (5000).to_bytes(4, "little")
write("header.plain", text[:5000])
write("header-fields.gzip", header + body + crc)
