#!/usr/bin/env python3
# gdb on the whole system, as the README shows it: tools/run --gdb (on a free port of its
# own) boots "echo a b", and gdb in batch mode, with the script tools/run wrote, stops in
# the pager's fault handler and at echo's main. The handler's arguments must name echo's
# faults (the first: the fetch of its entry point) and main's must be echo's own. The
# script must load the kernel's, the pager's, the disk server's and echo's symbols, and
# no two of them may share an address: a hardware breakpoint in one would stop in the
# others too.
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUN = os.path.join(ROOT, 'tools', 'run')
sys.path.insert(0, os.path.join(ROOT, 'tools'))
sys.dont_write_bytecode = True
import qemu  # noqa: E402

USER_BASE, USER_STACK = 0x400000, 0x47480000  # abi/rootinfo.h
PF_FETCH = 0x10                                # page-fault error code: instruction fetch
TIMEOUT = 30                                   # seconds for the boot and the gdb session

# Every fault the pager handles is printed and passed; the session stops at main.
SCRIPT = r'''
hbreak fault_handle
commands
  silent
  printf "fault pid %d addr %#lx err %#lx\n", p->pid, addr, err
  continue
end
hbreak echo.c:main
continue
printf "main argc %d argv1 %s argv2 %s\n", argc, argv[1], argv[2]
kill
'''


def free_port():
    """A TCP port nobody listens on now (the kernel's choice for port 0)."""
    with socket.socket() as s:
        s.bind(('localhost', 0))
        return s.getsockname()[1]


def entry_point(elf):
    """e_entry of an ELF64 file."""
    with open(elf, 'rb') as f:
        return struct.unpack_from('<Q', f.read(32), 24)[0]


def loaded_ranges(elf):
    """[(start, end)] of the PT_LOAD segments of an ELF64 file."""
    with open(elf, 'rb') as f:
        data = f.read()
    phoff, = struct.unpack_from('<Q', data, 32)
    phentsize, phnum = struct.unpack_from('<HH', data, 54)
    ranges = []
    for i in range(phnum):
        kind, _, _, vaddr, _, _, memsz, _ = struct.unpack_from('<IIQQQQQQ', data,
                                                              phoff + i * phentsize)
        if kind == 1:
            ranges.append((vaddr, vaddr + memsz))
    return ranges


class GdbSession(unittest.TestCase):
    def test_pager_fault_handler_and_program_main(self):
        port = free_port()
        gdbinit = os.path.join(qemu.build_dir(), f'gdbinit-{port}')
        self.addCleanup(lambda: os.path.exists(gdbinit) and os.unlink(gdbinit))
        # Its own session, so the cleanup ends tools/run and QEMU whatever happens.
        run = subprocess.Popen([RUN, '--icount', '--gdb-port', str(port), '--', 'echo', 'a', 'b'],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
        self.addCleanup(self.stop, run)
        # tools/run prints this once the script is written, just before QEMU starts; gdb
        # retries a refused connection (set tcp auto-retry, on by default) while it starts.
        before = []
        for line in run.stdout:
            if line.startswith('run: QEMU waits for gdb'):
                break
            before.append(line)
        else:
            self.fail('tools/run ended before starting QEMU:\n' + ''.join(before))
        with tempfile.NamedTemporaryFile('w', suffix='.gdb') as script:
            script.write(SCRIPT)
            script.flush()
            gdb = subprocess.run(['gdb', '-nx', '-batch', '-x', gdbinit, '-x', script.name],
                                 stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                 timeout=TIMEOUT)
        out = gdb.stdout + gdb.stderr
        faults = re.findall(r'^fault pid (\d+) addr (0x[0-9a-f]+) err (0x[0-9a-f]+)$', out, re.M)
        self.assertTrue(faults, out)
        entry = entry_point(os.path.join(qemu.build_dir(), 'user', 'programs', 'echo'))
        self.assertEqual(int(faults[0][1], 16), entry, out)
        self.assertTrue(int(faults[0][2], 16) & PF_FETCH, out)
        for pid, addr, _ in faults:
            self.assertEqual(pid, faults[0][0], out)
            self.assertTrue(USER_BASE <= int(addr, 16) < USER_STACK, out)
        self.assertRegex(out, r'(?m)^main argc 3 argv1 a argv2 b$')
        self.assertDisjointSymbolFiles(gdbinit)

    def assertDisjointSymbolFiles(self, gdbinit):
        """The script loads the kernel's, the pager's, the disk server's and echo's
        symbols, and no two of their loaded segments overlap."""
        with open(gdbinit) as f:
            files = re.findall(r'^(?:add-)?symbol-file (\S+)$', f.read(), re.M)
        self.assertEqual([os.path.basename(path) for path in files],
                         ['kernel.elf', 'pager.elf', 'disk.elf', 'echo'])
        ranges = sorted((r, path) for path in files for r in loaded_ranges(path))
        for ((_, end), path), ((start, _), next_path) in zip(ranges, ranges[1:]):
            self.assertLessEqual(end, start, f'{path} and {next_path} share addresses')

    @staticmethod
    def stop(run):
        """Ends tools/run and its QEMU (gdb's kill has normally ended them), by force if
        they do not go within 5 seconds."""
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGTERM)
        try:
            run.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)
            run.communicate()


if __name__ == '__main__':
    # meson's timeout sends SIGTERM: unwind, so the cleanups stop QEMU.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    unittest.main()
