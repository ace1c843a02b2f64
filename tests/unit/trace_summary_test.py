#!/usr/bin/env python3
# tools/trace-summary on a hand-written trace=pager console log with noise around the
# trace lines: the counts it reports per outcome, per process and per event, names taken
# from the exit line just before a process's exit trace line, the log read from a file,
# a cut-short trace line, and a log with no trace.
import os
import subprocess
import sys
import tempfile
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                      '..', '..', 'tools', 'trace-summary')

# pid 1 and its children 2, 3 and 4 (never traced itself); pid 10 sorts after 4.
# compressed-in is an outcome the script does not know. "fake: exit(-1)" is program output
# with a trace line after it, so it must not name pid 3; "other: exit(4)" has another
# status than pid 11's exit, so it must not name pid 11.
LOG = '''BdsDxe: loading Boot0001 "UEFI Non-Block Boot Device" from PciRoot(0x0)/Pci(0x1,0x0)
pagos kernel 0.1: 249 MiB free, 2 module(s), cpu nx smep smap, timer 100 Hz
  cmdline: 'run=demo trace=pager'
kernel: starting root task 'pager' (241 MiB in its pool)
pager: pid 1 exec demo: ok
pager: pid 1 fault exec 0x401000 -> lazy-file
pager: pid 1 fault read 0x402000 -> lazy-file
pager: pid 1 fault write 0x405000 -> zero-fill
pager: pid 1 fork -> pid 2 (5 frames shared)
\r\rpager: pid 2 fault write 0x405000 -> cow-copy
pager: pid 2 fault write 0x7ffff000 -> cow-copy
[    0.512] pager: pid 2 fault exec 0x403000 -> lazy-file
pager: pid 2 mmap 0x20000000 2 pages fd 3 offset 0x0
pager: pid 2 fault write 0x20000000 -> mmap-file
pager: pid 2 munmap 0x20000000
pager: pid 2 write-back 0x20000000
demo-child: wrote 1 page, pager: fine
demo-child: exit(3)
pager: pid 2 exit 3 (4 faults)
pager: pid 1 fault write 0x406000 -> zero-fill
pager: pid 1 fault read 0x407000 -> compressed-in
pager: pid 1 evict 0x405000 -> swap-out
pager: pid 1 evict 0x406000 -> swap-out
pager: pid 4 evict 0x401000 -> drop
pager: pid 1 fork -> pid 3 (5 frames shared)
pager: pid 1 fork -> pid 4 (5 frames shared)
fake: exit(-1)
pager: pid 3 fault write 0x500000 -> kill
pager: pid 3 exit -1 (1 faults)
pager: pid 10 exec-fail nosuch: no such file
other: exit(4)
pager: pid 11 exit 5 (0 faults)
demo: all done
demo: exit(0)
pager: pid 1 exit 0 (5 faults)
kernel: power off (success)
'''


def run(text, *args):
    return subprocess.run([sys.executable, SCRIPT, *args], input=text, capture_output=True,
                          text=True)


def section(out, title):
    """The rows of the table titled title (header line skipped), each split in fields."""
    lines = out.split('\n')
    start = lines.index(title) + 2
    rows = []
    for line in lines[start:]:
        if not line.strip():
            break
        rows.append(line.split())
    return rows


class TraceSummary(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.proc = run(LOG)

    def test_succeeds_quietly(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        self.assertEqual(self.proc.stderr, '')

    def test_outcomes(self):
        rows = section(self.proc.stdout, 'fault outcomes')
        self.assertEqual(dict(rows), {'lazy-file': '3', 'zero-fill': '2', 'cow-copy': '2',
                                      'mmap-file': '1', 'kill': '1', 'compressed-in': '1',
                                      'total': '10'})
        # Known outcomes in pager/trace.c's order, unknown ones after, the total last.
        self.assertEqual([row[0] for row in rows], ['zero-fill', 'lazy-file', 'mmap-file',
                                                    'cow-copy', 'kill', 'compressed-in', 'total'])

    def test_processes(self):
        rows = section(self.proc.stdout, 'processes')
        self.assertEqual([' '.join(row) for row in rows], [
            '1 demo 5 0 zero-fill 2, lazy-file 2, compressed-in 1',  # ties in trace.c's order
            '2 demo-child 4 3 cow-copy 2, lazy-file 1, mmap-file 1',  # most first
            '3 ? 1 -1 kill 1',
            '4 ? 0 -',
            '10 ? 0 -',
            '11 ? 0 5',
        ])

    def test_events(self):
        rows = section(self.proc.stdout, 'events')
        self.assertEqual(rows, [['exec', '1'], ['exec-fail', '1'], ['fork', '3'],
                                ['mmap', '1'], ['munmap', '1'], ['write-back', '1'],
                                ['evict:swap-out', '2'], ['evict:drop', '1'], ['exit', '4']])

    def test_log_file(self):
        with tempfile.NamedTemporaryFile('w', suffix='.log') as f:
            f.write(LOG)
            f.flush()
            proc = run('', f.name)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stdout, self.proc.stdout)

    def test_malformed_line(self):
        proc = run(LOG + 'pager: pid 1 fault read 0x4\n')  # cut short
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("not a trace line, ignored: 'pager: pid 1 fault read 0x4'", proc.stderr)
        self.assertEqual(section(proc.stdout, 'fault outcomes')[-1], ['total', '10'])
        self.assertNotIn('fault', dict(section(proc.stdout, 'events')))

    def test_no_trace(self):
        proc = run('pagos kernel 0.1: 249 MiB free\ndemo: exit(0)\npager: panic\n')
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(proc.stdout, '')
        self.assertIn('no trace=pager lines found: boot with trace=pager', proc.stderr)


if __name__ == '__main__':
    unittest.main()
