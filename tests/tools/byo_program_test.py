#!/usr/bin/env python3
# A program from outside the tree, as a student brings one: in an empty temporary
# directory, two C files and a header of their own, including <stdio.h>, <random.h> and
# <syscall.h>, are built with tools/cc (a warning stays a warning) and run with
# tools/run --put (the program and a data file); the program writes a file that
# tools/run --get brings back, holding the data file's checksum and the first bytes of
# Pintos' random stream for the seed given on the command line (RC4 keyed by the seed).
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'unit'))
sys.dont_write_bytecode = True
import random_hexdump_test  # noqa: E402  (its RC4 model of Pintos' random.h)

STATS_H = '''#ifndef STATS_H
#define STATS_H
#include <stddef.h>
#include <stdint.h>
#define RESULT "result.txt"
uint32_t checksum(const uint8_t *buf, size_t size);
#endif
'''
STATS_C = '''#include "stats.h"
uint32_t checksum(const uint8_t *buf, size_t size)
{
	uint32_t sum = 0;
	for (size_t i = 0; i < size; i++)
		sum = sum * 31 + buf[i];
	return sum;
}
'''
MAIN_C = '''#include <random.h>
#include <stdio.h>
#include <stdlib.h>
#include <syscall.h>
#include "stats.h"

int main(int argc, char **argv)
{
	static uint8_t data[4096];
	uint8_t stream[8];
	char line[128];
	int unused; /* a warning, not an error */
	int fd = open("data/input.txt");
	int size = read(fd, data, sizeof data);
	close(fd);
	random_init((unsigned)atoi(argv[1]));
	random_bytes(stream, sizeof stream);
	int n = snprintf(line, sizeof line, "%d bytes, checksum %08x, random", size,
			 (unsigned)checksum(data, (size_t)size));
	for (unsigned i = 0; i < sizeof stream; i++)
		n += snprintf(line + n, sizeof line - n, " %02x", stream[i]);
	n += snprintf(line + n, sizeof line - n, "\\n");
	if (!create(RESULT, 0) || (fd = open(RESULT)) < 0 || write(fd, line, n) != n)
		return 1;
	close(fd);
	printf("byo: wrote %s\\n", RESULT);
	return 0;
}
'''
INPUT = b'Pintos programs run here.\n' * 3
SEED = 1234567


def expected():
    total = 0
    for b in INPUT:
        total = (total * 31 + b) & 0xffffffff
    keystream = random_hexdump_test.rc4_keystream(SEED.to_bytes(4, 'little'))
    stream = [next(keystream) for _ in range(8)]
    return (f'{len(INPUT)} bytes, checksum {total:08x}, random '
            + ' '.join(f'{b:02x}' for b in stream) + '\n').encode()


class BringYourOwnProgram(unittest.TestCase):
    def test_build_put_run_get(self):
        with tempfile.TemporaryDirectory() as tmp:
            for name, text in (('stats.h', STATS_H), ('stats.c', STATS_C), ('main.c', MAIN_C)):
                with open(os.path.join(tmp, name), 'w') as f:
                    f.write(text)
            with open(os.path.join(tmp, 'input.txt'), 'wb') as f:
                f.write(INPUT)
            cc = subprocess.run([os.path.join(ROOT, 'tools', 'cc'), '-o', 'byo', 'main.c',
                                 'stats.c'], cwd=tmp, capture_output=True, text=True)
            self.assertEqual(cc.returncode, 0, cc.stderr)
            self.assertIn('warning: unused variable', cc.stderr)
            self.assertIn('cc: built ' + os.path.join(tmp, 'byo'), cc.stdout)
            run = subprocess.run([os.path.join(ROOT, 'tools', 'run'), '--put', 'byo',
                                  '--put', 'input.txt:data/input.txt',
                                  '--get', 'result.txt:got.txt', '--', 'byo', str(SEED)],
                                 cwd=tmp, stdin=subprocess.DEVNULL, capture_output=True,
                                 text=True, timeout=60)
            self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
            self.assertIn('byo: wrote result.txt', run.stdout)
            self.assertIn('byo: exit(0)', run.stdout)
            with open(os.path.join(tmp, 'got.txt'), 'rb') as f:
                self.assertEqual(f.read(), expected())


if __name__ == '__main__':
    unittest.main()
