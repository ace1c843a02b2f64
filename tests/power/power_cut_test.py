#!/usr/bin/env python3
# Power cuts (disk/README.md, disk/fat/README.md): `write-heavy heavy` runs on a copy of
# the disk image, and QEMU is killed just before the disk server's Nth write to the boot
# disk (a breakpoint on blockdev.c's dev_write through QEMU's gdb stub), for CUTS values
# of N; then the image boots `args` and must show: the disk server's ready line saying it
# repaired the volume, `fsck.fat -n` clean, every file write-heavy reported closed (or
# removed) before the cut exactly as it wrote it (or gone), except that the one file the
# cut caught in the middle of a step may already be in its next state (longer, or gone),
# and every write-heavy file present holding the start of its bytes.
#
# A whole run first stops at every write and every line write-heavy prints (a second
# breakpoint, on its printf), noting each write's sector and the lines before it, and is
# checked the same way. The cut points are spread over the run, each moved forward to
# the next write of a kind that finds the disk inconsistent, the kinds in turn: to FAT
# copy 1 (copy 0 is written: the copies differ), to a directory right after the FAT
# copies while a file is being extended (the FAT has a chain past the size in its
# entry), to a directory sector just written (a long name without its short entry), or
# any write. A cut run stops only at printf up to the line before the cut's step, then
# at each write. Under -icount the guest makes the same writes every run, so the cuts
# are the same every time.
#   power_cut_test.py      (BUILD_DIR as for tools/run; run by tools/test)
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, 'tools'))
import fatimg  # noqa: E402
import qemu  # noqa: E402

CUTS = 10
DIR = 'heavy'
PROGRAM = f'write-heavy {DIR}'
REBOOT = 'args rebooted'
TIMEOUT = 60  # seconds per boot
REPAIRED = 'repaired after an unclean shutdown'
CLOSED = re.compile(r'^write-heavy: closed (\S+) (\d+)$')
REMOVED = re.compile(r'^write-heavy: removed (\S+)$')
# gdb's numbers of the registers read at a stop (8 bytes each in its 'g' packet): rsi,
# dev_write's second argument (the sector), and rip.
RSI, RIP = 4, 16


class Stub:
    """Just enough of the gdb remote protocol, over QEMU's stub on a Unix socket, to stop
    at a breakpoint, read a register and go on."""

    def __init__(self, path, proc):
        deadline = time.monotonic() + TIMEOUT
        while True:
            self.sock = socket.socket(socket.AF_UNIX)
            try:
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f'QEMU gdb stub at {path} never answered')
                time.sleep(0.02)
        self.sock.settimeout(TIMEOUT)
        self.buf = b''

    def send(self, data):
        """Sends a packet. (One at a time: a byte that reaches QEMU's stub while the
        guest runs stops the guest.)"""
        self.sock.sendall(b'$%s#%02x' % (data.encode(), sum(data.encode()) % 256))

    def packet(self):
        """The next packet from QEMU (acknowledged), or None once it has gone."""
        while True:
            start, end = self.buf.find(b'$'), self.buf.find(b'#')
            if start >= 0 and end > start and len(self.buf) >= end + 3:
                data = self.buf[start + 1:end].decode()
                self.buf = self.buf[end + 3:]
                self.sock.sendall(b'+')
                return data
            chunk = self.sock.recv(4096)
            if not chunk:
                return None
            self.buf += chunk

    def command(self, data):
        """Sends a packet; returns QEMU's answer (None if it has gone)."""
        self.send(data)
        return self.packet()

    def close(self):
        self.sock.close()


def symbol(elf, name, source=None):
    """The address of function name in elf (the one defined in source, if given)."""
    nm = shutil.which('nm') or 'llvm-nm'
    out = subprocess.run([nm, '--defined-only', '-l', elf], capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        fields = line.split()
        if fields[2:3] == [name] and (source is None or source in line):
            return int(fields[0], 16)
    raise RuntimeError(f'{elf}: no {name}' + (f' of {source}' if source else ''))


def write_address():
    """Where blockdev.c's dev_write starts in disk.elf: every write to the boot disk."""
    elf = os.path.join(qemu.build_dir(), 'disk', 'server', 'disk.elf')
    return symbol(elf, 'dev_write', 'disk/server/blockdev.c')


def printf_address():
    """Where printf starts in write-heavy: once per line it prints (only it runs at its
    addresses in these boots)."""
    return symbol(os.path.join(qemu.build_dir(), 'user', 'programs', 'write-heavy'), 'printf')


class Guest:
    """QEMU running PROGRAM on an image under -icount, halted at its start, driven through
    its gdb stub: it runs from breakpoint to breakpoint (the same stops in every run)
    until it is killed or powers off."""

    def __init__(self, image, swap, console):
        self.sock = image[:-len('.img')] + '.sock'
        if os.path.exists(self.sock):
            os.unlink(self.sock)
        cmd = qemu.command(image, swap, cmdline=f"run '{PROGRAM}'", icount=True,
                           gdb=self.sock, serial='file:' + console)
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        self.stub = Stub(self.sock, self.proc)
        self.at_breakpoint = False

    def breakpoint(self, address, on=True):
        if self.stub.command(f'{"Z" if on else "z"}1,{address:x},1') != 'OK':
            raise RuntimeError(f'QEMU refused to {"set" if on else "clear"} a breakpoint')

    def next_stop(self):
        """Runs to the next breakpoint: (rip, rsi) there, or None if the guest powered
        off."""
        if self.at_breakpoint:  # a continue from a breakpoint would stop there again
            self.stub.command('s')
        reply = self.stub.command('c')
        self.at_breakpoint = reply is not None and reply[:1] in ('T', 'S')
        if not self.at_breakpoint:
            return None
        regs = bytes.fromhex(self.stub.command('g'))  # ('p', one register, is not there)
        return tuple(int.from_bytes(regs[8 * r:8 * r + 8], 'little') for r in (RIP, RSI))

    def end(self, kill):
        """Kills QEMU (kill) or waits for it to power off; returns its status (None if
        killed)."""
        self.stub.close()
        try:
            if kill:
                self.proc.kill()
            status = self.proc.wait(TIMEOUT)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            if os.path.exists(self.sock):
                os.unlink(self.sock)
        return None if kill else status


class Layout:
    """Where a run's writes went, from the image it left: FAT copy 1's sectors and those
    of the directories write-heavy writes in (the root and DIR)."""

    def __init__(self, image):
        with open(image, 'rb') as f:
            bpb = f.read(48)
            self.per, = struct.unpack_from('<B', bpb, 13)
            reserved, = struct.unpack_from('<H', bpb, 14)
            fat_size, root = struct.unpack_from('<II', bpb, 36)[0], \
                struct.unpack_from('<I', bpb, 44)[0]
            self.fat1 = range(reserved + fat_size, reserved + 2 * fat_size)
            self.data = reserved + 2 * fat_size
            f.seek(reserved * 512)
            self.fat = f.read(fat_size * 512)
            root_sectors = self._sectors(root)
            self.dirs = root_sectors | self._sectors(self._subdir(f, sorted(root_sectors)))

    def _sectors(self, cluster):
        """The sectors of the chain that starts at cluster."""
        found = set()
        while 2 <= cluster < 0x0FFFFFF8:
            start = self.data + (cluster - 2) * self.per
            found.update(range(start, start + self.per))
            cluster = struct.unpack_from('<I', self.fat, cluster * 4)[0] & 0x0FFFFFFF
        return found

    @staticmethod
    def _subdir(f, sectors):
        """The first cluster of DIR, from its short entry in the root (sectors)."""
        for sector in sectors:
            f.seek(sector * 512)
            entries = f.read(512)
            for at in range(0, 512, 32):
                if entries[at:at + 11] == DIR.upper().ljust(11).encode():
                    hi, lo = struct.unpack_from('<H', entries, at + 20)[0], \
                        struct.unpack_from('<H', entries, at + 26)[0]
                    return hi << 16 | lo
        raise RuntimeError(f'no {DIR} in the root directory')


def cut_points(writes, layout, done):
    """CUTS write numbers (1-based: the cut comes just before that write) spread over
    the run, each moved forward to the next write of its kind, the kinds in turn. done:
    the steps write-heavy reported in the whole run."""
    fat1, dirs = layout.fat1, layout.dirs

    def sector(i):
        return writes[i][0]

    def extending(i):
        """Whether write i belongs to a step that extends a file closed before."""
        step = writes[i][1]
        return step < len(done) and done[step][0] == 'closed' and \
            any(name == done[step][1] for _, name, _ in done[:step])
    kinds = [lambda i: sector(i) in fat1,
             lambda i: sector(i - 1) in fat1 and sector(i) in dirs and extending(i),
             lambda i: sector(i) == sector(i - 1) and sector(i) in dirs,
             lambda i: True]
    cuts = []
    for k in range(CUTS):
        target = max((2 * k + 1) * len(writes) // (2 * CUTS), cuts[-1] if cuts else 1)
        kind = kinds[k % len(kinds)]
        cuts.append(next((i for i in range(target, len(writes)) if kind(i)), target) + 1)
    return cuts


def reboot(image, swap):
    """Boots REBOOT on the image; returns (the reason it failed or None, what the disk
    server's ready line says it repaired)."""
    cmd = qemu.command(image, swap, cmdline=f"run '{REBOOT}'", icount=True)
    status, lines, reason = qemu.watch(cmd, TIMEOUT, lambda line: None,
                                       stderr=subprocess.DEVNULL)
    kind, text = qemu.outcome(status)
    ready = next((line for line in lines if 'disk: ready' in line), '')
    repaired = ready.partition(REPAIRED)[2].strip(': ')
    if reason or kind != 'success':
        return f'the reboot failed: {reason or text}', repaired
    if REPAIRED not in ready:
        return f'the reboot did not repair the volume: {ready!r}', repaired
    if not any("argv[1] = 'rebooted'" in line for line in lines):
        return 'the reboot did not run args', repaired
    return None, repaired


def content(name, size):
    """The bytes write-heavy writes into name (write-heavy.c: content_byte)."""
    h = 2166136261
    for c in name.encode():
        h = ((h ^ c) * 16777619) & 0xFFFFFFFF
    return bytes(((h >> (k % 4 * 8)) + k * 131 + (k >> 9)) & 0xFF for k in range(size))


def steps(console):
    """[('closed', name, size) or ('removed', name, None)]: what write-heavy has
    reported on the console so far, in order."""
    found = []
    with open(console, encoding='utf-8', errors='replace') as f:
        for line in f:
            line = qemu.strip_ansi(line).strip()
            closed, removed = CLOSED.match(line), REMOVED.match(line)
            if closed:
                found.append(('closed', closed.group(1), int(closed.group(2))))
            elif removed:
                found.append(('removed', removed.group(1), None))
    return found


def reported(console):
    """{name: size, or None if removed}: each file's state in write-heavy's lines."""
    return {name: size for _, name, size in steps(console)}


def files_on(image, tmp):
    """{name: bytes} of every write-heavy file on the image."""
    out = os.path.join(tmp, 'files')
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    env = dict(os.environ, MTOOLS_SKIP_CHECK='1')
    subprocess.run(['mcopy', '-n', '-s', '-i', image, '::/write-heavy-file-*', f'::/{DIR}', out],
                   env=env, stdin=subprocess.DEVNULL, capture_output=True, check=True)
    found = {}
    for where, _, names in os.walk(out):
        for name in names:
            path = os.path.join(where, name)
            with open(path, 'rb') as f:
                found[os.path.relpath(path, out)] = f.read()
    return found


def check_image(image, state, tmp):
    """The reason the image does not hold what write-heavy reported, or None."""
    fsck = subprocess.run([shutil.which('fsck.fat') or '/usr/sbin/fsck.fat', '-n', image],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if fsck.returncode:
        return f'fsck.fat -n found problems:\n{fsck.stdout.strip()}'
    found = files_on(image, tmp)
    for name, data in found.items():
        if data != content(name, len(data)):
            return f'{name}: {len(data)} bytes that are not what write-heavy wrote'
    ahead = []
    for name, size in state.items():
        got = found.get(name)
        if size is None and got is not None:
            return f'{name}: its removal was reported, yet it is there'
        if size is not None and (got is None or len(got) != size):
            if got is not None and len(got) < size:
                return f'{name}: {len(got)} bytes, {size} reported'
            ahead.append(name)
    if len(ahead) > 1:
        return f'more than one file is not as reported: {ahead}'
    return None


class Boot:
    """One run of PROGRAM on a fresh copy of the image, in the work directory."""

    def __init__(self, workdir, pristine, name):
        self.image = os.path.join(workdir, name + '.img')
        self.swap = os.path.join(workdir, name + '-swap.img')
        self.console = os.path.join(workdir, name + '.log')
        qemu.copy_image(pristine, self.image)
        qemu.swap_create(self.swap)

    def finish(self, reason):
        """Removes the disks, but the image when the run failed."""
        os.unlink(self.swap)
        if reason is None:
            os.unlink(self.image)


def whole_run(workdir, pristine, at, tmp):
    """PROGRAM to its end, stopping at every write to the boot disk and every line it
    prints: (reason or None, [(sector, lines printed before it)] of its writes, the
    Layout it left, the steps it reported)."""
    boot, writes, lines = Boot(workdir, pristine, 'whole'), [], 0
    guest = Guest(boot.image, boot.swap, boot.console)
    try:
        guest.breakpoint(at.write)
        guest.breakpoint(at.printf)
        while (stop := guest.next_stop()) is not None:
            if stop[0] == at.printf:
                lines += 1
            else:
                writes.append((stop[1], lines))
    except BaseException:
        guest.end(kill=True)
        raise
    kind, text = qemu.outcome(guest.end(kill=False))
    done = steps(boot.console)
    reason = None if kind == 'success' else f'the run failed: {text}'
    if reason is None and lines != len(done) + 1:  # the steps and "write-heavy: done"
        reason = f'{lines} stops at printf for {len(done) + 1} lines printed'
    reason = reason or check_image(boot.image, reported(boot.console), tmp)
    layout = Layout(boot.image) if reason is None else None
    boot.finish(reason)
    return reason, writes, layout, done


def cut_run(workdir, pristine, at, writes, cut, tmp):
    """PROGRAM cut before write `cut` (writes: the whole run's), then REBOOT: (reason or
    None, what happened). The guest runs to the printf before the cut's step first (a
    stop per line, not per write), then from write to write."""
    boot = Boot(workdir, pristine, f'cut-{cut}')
    lines = writes[cut - 1][1]
    seen = next(i for i, (_, before) in enumerate(writes) if before >= lines)
    guest = Guest(boot.image, boot.swap, boot.console)
    try:
        if lines:
            guest.breakpoint(at.printf)
            for _ in range(lines):
                guest.next_stop()
            guest.breakpoint(at.printf, on=False)
        guest.breakpoint(at.write)
        while seen < cut and guest.next_stop() is not None:
            seen += 1
    except BaseException:
        guest.end(kill=True)
        raise
    guest.end(kill=seen == cut)
    state, repaired = reported(boot.console), ''
    if seen != cut:
        reason = f'the run ended after {seen} writes, before write {cut}'
    else:
        reason, repaired = reboot(boot.image, boot.swap)
    reason = reason or check_image(boot.image, state, tmp)
    boot.finish(reason)
    return reason, f'{len(steps(boot.console))} steps reported, repaired: {repaired or "-"}'


class Addresses:
    """Where the breakpoints go: every write to the boot disk, every line printed."""

    def __init__(self):
        self.write, self.printf = write_address(), printf_address()


def main():
    workdir = os.path.join(qemu.build_dir(), 'tests', 'power-cut')
    os.makedirs(workdir, exist_ok=True)
    qemu.check_available()
    pristine = os.path.join(workdir, 'pristine.img')
    qemu.copy_image(os.path.join(qemu.build_dir(), 'disk.img'), pristine)
    fatimg.mkdir(pristine, DIR)
    at, started, failures = Addresses(), time.monotonic(), []
    with tempfile.TemporaryDirectory() as tmp:
        reason, writes, layout, done = whole_run(workdir, pristine, at, tmp)
        print(f'whole run: {len(writes)} writes to the boot disk, {len(done)} steps reported; '
              f'{reason or "ok"}')
        if reason:
            failures.append(f'whole run: {reason.splitlines()[0]}')
        for cut in cut_points(writes, layout, done) if not reason else []:
            reason, said = cut_run(workdir, pristine, at, writes, cut, tmp)
            print(f'cut before write {cut}: {said}; {reason or "ok"}')
            if reason:
                failures.append(f'cut before write {cut}: {reason.splitlines()[0]}')
    os.unlink(pristine)
    print(f'{CUTS} cuts in {time.monotonic() - started:.1f} s')
    for failure in failures:
        print(f'FAIL: {failure} (image and console in {workdir})')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
