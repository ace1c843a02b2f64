#!/usr/bin/env python3
# The C library's random.h and hex_dump (user/libc) against this file's own models,
# byte for byte, through the native driver random_hexdump (its path is the first
# argument). random.h is Pintos' generator: the RC4 keystream keyed by the seed's 4
# bytes, little-endian, seed 0 before any random_init; the model is checked against
# published RC4 keystreams first. hex_dump is Pintos' 16-bytes-a-line dump.
import subprocess
import sys
import unittest

DRIVER = None  # set from the command line in main


def run(*ops):
    result = subprocess.run([DRIVER, *[str(op) for op in ops]], capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError('driver failed (%d): %s' % (result.returncode, result.stderr))
    return result.stdout


def rc4_keystream(key):
    """Yields the RC4 keystream for key (bytes): key schedule, then output."""
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    while True:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        yield s[(s[i] + s[j]) % 256]


class RandomModel:
    """random.h: one stream, restarted by init, seed 0 until the first init."""

    def __init__(self):
        self.stream = None

    def init(self, seed):
        self.stream = rc4_keystream(seed.to_bytes(4, 'little'))

    def take(self, n):
        if self.stream is None:
            self.init(0)
        return bytes(next(self.stream) for _ in range(n))

    def expect(self, *ops):
        """What the driver should print for ops."""
        out, ops = [], list(ops)
        while ops:
            op = ops.pop(0)
            if op == 'init':
                self.init(ops.pop(0))
            elif op == 'bytes':
                out.append(self.take(ops.pop(0)).hex())
            elif op == 'ulong':
                out.append('%016x' % int.from_bytes(self.take(8), 'little'))
        return ''.join(line + '\n' for line in out)


def hex_dump(ofs, data, ascii):
    """Pintos' hex_dump: per line, the 16-aligned offset in 16 hex digits, two spaces,
    16 three-character columns ("xx" and '-' after the 8th, ' ' otherwise; blanks
    before the first byte, and after the last only with ascii), then with ascii
    "|chars|" (printable bytes as is, others '.', absent columns ' ')."""
    out = []
    while data:
        first = ofs % 16
        n = min(16 - first, len(data))
        cells, chars = [], []
        for col in range(16):
            if first <= col < first + n:
                b = data[col - first]
                cells.append('%02x%s' % (b, '-' if col == 7 else ' '))
                chars.append(chr(b) if 0x20 <= b < 0x7f else '.')
            elif col < first or ascii:
                cells.append('   ')
                chars.append(' ')
        line = '%016x  ' % (ofs - first) + ''.join(cells)
        if ascii:
            line += '|' + ''.join(chars) + '|'
        out.append(line + '\n')
        ofs = (ofs + n) % (1 << 64)
        data = data[n:]
    return ''.join(out)


class RandomTest(unittest.TestCase):
    def test_model_is_rc4(self):
        # Published RC4 keystreams (the test vectors on Wikipedia's RC4 page).
        for key, stream in ((b'Key', 'eb9f7781b734ca72a719'), (b'Wiki', '6044db6d41b7'),
                            (b'Secret', '04d46b053ca87b59')):
            ks = rc4_keystream(key)
            self.assertEqual(bytes(next(ks) for _ in range(len(stream) // 2)).hex(), stream)

    def test_seed_bytes_are_the_key_little_endian(self):
        # "Wiki" as a 4-byte key is the seed 0x696b6957 on a little-endian machine.
        self.assertEqual(run('init', 0x696b6957, 'bytes', 6), '6044db6d41b7\n')

    def test_no_init_is_seed_zero(self):
        ops = ('bytes', 40, 'ulong', 'ulong', 'bytes', 3)
        self.assertEqual(run(*ops), RandomModel().expect(*ops))
        self.assertEqual(run(*ops), run('init', 0, *ops))

    def test_seeds(self):
        for seed in (0, 1, 0x04030201, 42, 0xdeadbeef, 0x80000000, 0xffffffff):
            with self.subTest(seed=hex(seed)):
                ops = ('init', seed, 'bytes', 300, 'ulong', 'bytes', 1, 'ulong')
                self.assertEqual(run(*ops), RandomModel().expect(*ops))

    def test_init_restarts_and_pieces_continue(self):
        ops = ('init', 7, 'bytes', 1, 'bytes', 17, 'ulong', 'init', 7, 'bytes', 26,
               'init', 8, 'bytes', 5)
        out = run(*ops)
        self.assertEqual(out, RandomModel().expect(*ops))
        lines = out.split('\n')
        whole = bytes.fromhex(lines[0] + lines[1]) + bytes.fromhex(lines[2])[::-1]
        self.assertEqual(whole.hex(), lines[3])


class HexDumpTest(unittest.TestCase):
    def check(self, ofs, data, ascii):
        with self.subTest(ofs=hex(ofs), size=len(data), ascii=ascii):
            got = run('dump', ofs, int(ascii), data.hex())
            self.assertEqual(got, hex_dump(ofs, data, ascii))

    def test_cases(self):
        every = bytes(range(256))
        text = b'Hello, world!\n\x00\x7f\x80\xff ~'
        cases = [
            (0, b''), (5, b''), (0, b'A'), (7, b'A'), (8, b'A'), (15, b'AB'),
            (0, every[:16]), (5, b'0123456789'), (0x1e, b'Hi!\n'), (16, every[32:64]),
            (3, every[:100]), (0, every), (9, every), (0x7fff0000abcd, text * 3),
            (0xfffffffffffffff5, every[60:100]),
        ]
        for ofs, data in cases:
            for ascii in (True, False):
                self.check(ofs, data, ascii)

    def test_example_in_header(self):
        # The example in user/libc/include/stdio.h.
        self.assertEqual(run('dump', 5, 1, b'0123456789'.hex()),
                         '0000000000000000                 30 31 32-33 34 35 36 37 38 39'
                         '    |     0123456789 |\n')


if __name__ == '__main__':
    DRIVER = sys.argv.pop(1)
    unittest.main()
