#!/usr/bin/env python3
# tools/run's exit status tells how the run ended, and its last line says so in words:
# 0 when the first process exits 0, 1 when it exits with another status, 2 when the
# system kills it (the crash report on stderr, the console on stdout holding only its
# exit line), 3 when the kernel panics, 4 when the user quits with Ctrl-A X. Ctrl-C typed
# on the terminal reaches the system: it ends the program the shell runs, not QEMU.
import os
import pty
import select
import subprocess
import time
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUN = os.path.join(ROOT, 'tools', 'run')
TIMEOUT = 60


def run(*args):
    return subprocess.run([RUN, *args], stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=TIMEOUT)


def last_line(text):
    return text.strip().splitlines()[-1]


class RunStatus(unittest.TestCase):
    def test_exit_zero(self):
        proc = run('--', 'echo')
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertIn('echo (pid 1) exited with status 0', last_line(proc.stdout))

    def test_exit_two(self):
        proc = run('--', 'oops')  # without an argument: usage, exit(2)
        self.assertEqual(proc.returncode, 1, proc.stdout + proc.stderr)
        self.assertIn('oops (pid 1) exited with status 2', last_line(proc.stdout))

    def test_killed(self):
        proc = run('--', 'oops', 'null')
        self.assertEqual(proc.returncode, 2, proc.stdout + proc.stderr)
        self.assertIn('oops (pid 1) was killed', last_line(proc.stdout))
        self.assertIn('crash: oops (pid 1, running oops) killed by a page fault', proc.stderr)
        self.assertIn('why:   0x0 is in no mapping', proc.stderr)
        stream = proc.stdout.split('disk: ready', 1)[1].split('kernel: power off', 1)[0]
        self.assertEqual(stream.strip().splitlines()[1:], ['oops: exit(-1)'])

    def test_kernel_panic(self):
        proc = run('--cmdline', 'test=fault-gp')
        self.assertEqual(proc.returncode, 3, proc.stdout + proc.stderr)
        self.assertIn('PANIC', proc.stdout)
        self.assertIn('the system failed', last_line(proc.stdout))

    def test_quit_with_ctrl_a_x(self):
        text, status = self.terminal([(b'pagos shell', b'\x01x')])
        self.assertEqual(status, 4, text[-2000:])
        self.assertIn('run: quit by the user (Ctrl-A X)', text)

    def test_ctrl_c_ends_the_program_not_qemu(self):
        text, status = self.terminal([(b'pagos shell', b'busy spin\r'),
                                      (b'busy: spin', b'\x03'),
                                      (b'interrupted (Ctrl-C)', b'exit\r')])
        self.assertEqual(status, 0, text[-2000:])
        self.assertIn('busy: killed: interrupted (Ctrl-C)', text)
        self.assertIn('shell (pid 1) exited with status 0', text)

    def terminal(self, script):
        """(what the terminal showed, tools/run's exit status) when, with the shell on a
        terminal, each (text, keys) of script types keys once text has been shown."""
        pid, fd = pty.fork()
        if pid == 0:  # the child: tools/run on a terminal, with the shell
            os.execv(RUN, [RUN])
        seen, deadline, steps = b'', time.monotonic() + TIMEOUT, list(script)
        start = 0  # where the next step's text is looked for: after the last step's
        try:
            while time.monotonic() < deadline:
                ready, _, _ = select.select([fd], [], [], 1)
                if not ready:
                    continue
                try:
                    chunk = os.read(fd, 4096)
                except OSError:  # the terminal closed: tools/run has ended
                    break
                if not chunk:
                    break
                seen += chunk
                if steps and steps[0][0] in seen[start:]:
                    start = seen.index(steps[0][0], start) + len(steps[0][0])
                    os.write(fd, steps.pop(0)[1])
        finally:
            os.close(fd)
        _, wait_status = os.waitpid(pid, 0)
        text = seen.decode('utf-8', 'replace')
        self.assertFalse(steps, text[-2000:])
        return text, os.waitstatus_to_exitcode(wait_status)


if __name__ == '__main__':
    unittest.main()
