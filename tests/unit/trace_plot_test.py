#!/usr/bin/env python3
# tools/trace-plot on a real console log (tests/data/trace-fork-cow-stack-grow.log: the
# shell running fork-cow, then stack-grow through a 64-frame budget, recorded with
#   (sleep 8; echo fork-cow; sleep 3; echo stack-grow; sleep 5; echo exit) |
#       tools/run --icount --mem 256K --trace=pager > LOG 2>&1 ):
# the SVG and the PNG it draws (type, size, and in the SVG every fault outcome and
# eviction of the log in the legends, the frame budget read from the lines' state), the
# same log without the state suffix of older logs, and one-line errors for a missing
# file, an empty log, a log without trace lines and an unknown picture type.
import os
import re
import struct
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
TOOL = os.path.join(ROOT, 'tools', 'trace-plot')
LOG = os.path.join(ROOT, 'tests', 'data', 'trace-fork-cow-stack-grow.log')
SVG = '{http://www.w3.org/2000/svg}'
# The log's kinds, read here without the tool's reader.
FAULT = re.compile(r'pager: pid \d+ fault \w+ 0x[0-9a-f]+ -> ([a-z-]+)')
EVICT = re.compile(r'pager: pid \d+ evict 0x[0-9a-f]+ -> ([a-z-]+)')
MIN_BYTES = 20000  # a picture with three panels and legends; the data log's are 50-100 KB


def plot(log, out):
    return subprocess.run([TOOL, log, '-o', out], capture_output=True, text=True)


def legends(path):
    """{legend id: [its labels]} of the SVG at path."""
    found = {}
    for group in ET.parse(path).getroot().iter(SVG + 'g'):
        if group.get('id', '').startswith('legend-'):
            found[group.get('id')] = [t.text for t in group.iter(SVG + 'text')]
    return found


class TracePlot(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        with open(LOG, errors='replace') as f:
            cls.log = f.read()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def write(self, name, text):
        with open(self.path(name), 'w') as f:
            f.write(text)
        return self.path(name)

    def test_svg(self):
        proc = plot(LOG, self.path('trace.svg'))
        self.assertEqual((proc.returncode, proc.stdout, proc.stderr), (0, '', ''))
        self.assertGreater(os.path.getsize(self.path('trace.svg')), MIN_BYTES)
        self.assertEqual(ET.parse(self.path('trace.svg')).getroot().tag, SVG + 'svg')
        drawn = legends(self.path('trace.svg'))
        outcomes = set(FAULT.findall(self.log))
        evicts = {'evict: ' + how for how in EVICT.findall(self.log)}
        self.assertGreaterEqual(len(outcomes), 7)  # the log is worth drawing
        self.assertTrue(evicts)
        self.assertEqual(outcomes - set(drawn['legend-faults']), set(), 'not in the legend')
        self.assertEqual((evicts | {'swap-in'}) - set(drawn['legend-swapping']), set(),
                         'not in the legend')
        self.assertEqual(drawn['legend-memory'], ['frames', 'swap slots',
                                                  'frame budget (64)'])

    def test_png(self):
        proc = plot(LOG, self.path('trace.png'))
        self.assertEqual((proc.returncode, proc.stderr), (0, ''))
        with open(self.path('trace.png'), 'rb') as f:
            data = f.read()
        self.assertGreater(len(data), MIN_BYTES)
        self.assertEqual(data[:8], b'\x89PNG\r\n\x1a\n')
        width, height = struct.unpack('>II', data[16:24])  # the IHDR chunk comes first
        self.assertGreater(min(width, height), 300)

    def test_log_without_state(self):
        """A log made before the lines ended with "[frames F/B swap S]"."""
        old = self.write('old.log', re.sub(r' \[frames \d+/\d+ swap \d+\]', '', self.log))
        proc = plot(old, self.path('old.svg'))
        self.assertEqual((proc.returncode, proc.stderr), (0, ''))
        drawn = legends(self.path('old.svg'))
        self.assertEqual(set(FAULT.findall(self.log)) - set(drawn['legend-faults']), set())
        self.assertNotIn('legend-memory', drawn)

    def assertFails(self, log, out, message):
        proc = plot(log, out)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(proc.stderr, f'trace-plot: {message}\n')
        self.assertFalse(os.path.exists(out))

    def test_missing_log(self):
        missing = self.path('missing.log')
        self.assertFails(missing, self.path('m.svg'), f'{missing}: No such file or directory')

    def test_empty_log(self):
        empty = self.write('empty.log', '')
        self.assertFails(empty, self.path('e.svg'), f'{empty}: the log is empty')

    def test_no_trace_lines(self):
        plain = self.write('plain.log', 'pagos kernel 0.1: 249 MiB free\ncat: exit(0)\n')
        self.assertFails(plain, self.path('p.png'),
                         f'{plain}: no trace=pager lines found: boot with trace=pager')

    def test_unknown_type(self):
        out = self.path('trace.jpg')
        self.assertFails(LOG, out, f'{out}: unknown picture type .jpg: name it .svg or .png')


if __name__ == '__main__':
    unittest.main()
