#!/usr/bin/env python3
# tools/run's files and disks: a --disk image keeps files from run to run and gets the
# built system back when its copy is damaged; bad input (a missing --put file, a file
# too big for the disk, a --get of a missing file, an unknown firmware, bad sizes) gives
# one line naming the problem and a failing status, and leaves a --disk image as it was.
import hashlib
import os
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUN = os.path.join(ROOT, 'tools', 'run')
sys.path.insert(0, os.path.join(ROOT, 'tools'))
sys.dont_write_bytecode = True
import fatimg  # noqa: E402


def run(cwd, *args):
    return subprocess.run([RUN, *args], cwd=cwd, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60)


def digest(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


class RunTool(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.addCleanup(self.tmp.cleanup)

    def write(self, name, data):
        with open(os.path.join(self.dir, name), 'wb') as f:
            f.write(data)

    def assertOneLineError(self, proc, text):
        self.assertEqual(proc.returncode, 5)  # tools/run's own problem
        lines = proc.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, proc.stderr)
        self.assertIn(text, lines[0])

    def test_disk_keeps_files_and_gets_the_system_back(self):
        self.write('notes.txt', b'kept between runs\n')
        first = run(self.dir, '--disk', 'my.img', '--put', 'notes.txt:keep/notes.txt',
                    '--', 'cat', 'keep/notes.txt')
        self.assertEqual(first.returncode, 0, first.stdout + first.stderr)
        self.assertIn('kept between runs', first.stdout)
        disk = os.path.join(self.dir, 'my.img')
        fatimg.write(disk, 'boot/kernel.elf', b'damaged')
        second = run(self.dir, '--disk', 'my.img', '--get', 'keep/notes.txt:back.txt',
                     '--', 'echo', 'two')
        self.assertEqual(second.returncode, 0, second.stdout + second.stderr)
        self.assertIn("\ntwo\n", second.stdout)
        with open(os.path.join(self.dir, 'back.txt'), 'rb') as f:
            self.assertEqual(f.read(), b'kept between runs\n')

    def test_missing_put_file(self):
        self.assertOneLineError(run(self.dir, '--put', 'nosuch.bin', '--', 'echo'),
                                'run: --put nosuch.bin: no such file')

    def test_full_disk_leaves_the_image_as_it_was(self):
        self.assertEqual(run(self.dir, '--disk', 'my.img', '--', 'echo').returncode, 0)
        disk = os.path.join(self.dir, 'my.img')
        before = digest(disk)
        with open(os.path.join(self.dir, 'big.bin'), 'wb') as f:
            f.truncate(300 << 20)  # more than the 272 MiB disk
        proc = run(self.dir, '--disk', 'my.img', '--put', 'small.txt', '--put', 'big.bin',
                   '--', 'echo')
        self.assertOneLineError(proc, 'run: --put small.txt: no such file')
        self.write('small.txt', b'x')
        proc = run(self.dir, '--disk', 'my.img', '--put', 'small.txt', '--put', 'big.bin',
                   '--', 'echo')
        self.assertOneLineError(proc, 'run: --put big.bin: 314572800 bytes do not fit')
        self.assertEqual(digest(disk), before)
        self.assertEqual(sorted(os.listdir(self.dir)), ['big.bin', 'my.img', 'small.txt'])

    def test_get_of_a_missing_file(self):
        proc = run(self.dir, '--get', 'nosuch.txt', '--', 'echo')
        self.assertEqual(proc.returncode, 5)
        self.assertIn('echo: exit(0)', proc.stdout)
        self.assertEqual(proc.stderr.strip(), 'run: --get nosuch.txt: no such file on the disk')
        self.assertFalse(os.path.exists(os.path.join(self.dir, 'nosuch.txt')))

    def test_bad_arguments(self):
        for args, text in ((['--firmware', 'bios'], "--firmware: invalid choice: 'bios'"),
                           (['--swap', '12Q'], "'12Q' is not a size"),
                           (['--swap', '5000'], 'not a multiple of 4K'),
                           (['--swap', '4G'], 'more than the largest swap disk'),
                           (['--mem', 'lots'], "'lots' is not a size"),
                           (['--get', 'a:'], "'a:' is not NAME[:HOST]")):
            with self.subTest(args=args):
                self.assertOneLineError(run(self.dir, *args), text)


if __name__ == '__main__':
    unittest.main()
