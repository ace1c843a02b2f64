# The one place that knows how to start QEMU for pagos: the command line, the meaning of
# its exit status, the disks, and a console watcher (tools/run.py, testrun.py, bench and
# boot-time use it).
import contextlib
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

# isa-debug-exit: the guest writes a DEBUG_EXIT_* byte (abi/poweroff.h) to port 0xf4
# and QEMU exits with (value << 1) | 1. The outcomes, by QEMU status, with their words:
#   success  the first process exited 0 (or every kernel test passed)
#   failure  the system failed: a kernel or pager panic, no kernel started
#   nonzero  the first process exited with another status
#   killed   the system killed the first process (a fault or an exception)
OUTCOMES = {
    0x10 << 1 | 1: 'success',  # 33
    0x11 << 1 | 1: 'failure',  # 35
    0x12 << 1 | 1: 'nonzero',  # 37
    0x13 << 1 | 1: 'killed',   # 39
}
OUTCOME_WORDS = {
    'success': 'success',
    'failure': 'failure (the system stopped: see the console)',
    'nonzero': 'the program exited with a non-zero status',
    'killed': 'the program was killed',
}
# The line each firmware prints when it started no kernel, before it powers off with
# failure: U-Boot's boot script (tools/uboot_rom.py), OVMF's startup.nsh (tools/mkimage.py).
NO_KERNEL = 'firmware: no kernel started'
# Sizes of the swap disk (disk 1): tests' and benchmarks' unless a case says otherwise;
# tools/run's, which holds Pintos-KAIST's largest (its VM tests give up to 200 swap units
# of 0xfc000 bytes, 197 MiB); and the largest accepted (the pager keeps 16 bytes a slot).
SWAP_TEST = 16 << 20
SWAP_RUN = 256 << 20
SWAP_MAX = 1 << 30
# A terminal's answer to "where is the cursor?" (ESC [ 6 n): U-Boot asks before it starts
# an EFI program and waits 100 ms for the answer when none comes.
CURSOR_QUERY = b'\x1b[6n'
CURSOR_REPLY = b'\x1b[25;80R'

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build_dir():
    """The meson build directory: $BUILD_DIR (relative to the repository root) or build/."""
    return os.path.join(ROOT, os.environ.get('BUILD_DIR') or 'build')


# The UEFI firmwares that can start BOOTX64.EFI, each with the QEMU machine it boots
# fastest on (README: Firmware). path: the image, relative to the build directory when
# not absolute; source: what provides it.
FIRMWARES = {
    'u-boot': {'path': 'u-boot.rom', 'machine': 'pc',
               'source': 'the build (tools/uboot_rom.py from package u-boot-qemu)'},
    'ovmf': {'path': '/usr/share/ovmf/OVMF.fd', 'machine': 'q35', 'source': 'package ovmf'},
}
DEFAULT_FIRMWARE = 'u-boot'


def firmware_path(firmware):
    """The image file of `firmware` (a FIRMWARES key)."""
    return os.path.join(build_dir(), FIRMWARES[firmware]['path'])


def command(image, swap, cmdline='', icount=False, gdb=None, serial='stdio', report=None,
            firmware=DEFAULT_FIRMWARE):
    """The QEMU argument list booting the raw FAT disk `image` with `firmware`.

    Both disks are virtio-blk PCI devices, in this order on the PCI bus: disk 0 is
    `image` (the firmware boots from it), disk 1 the raw swap disk `swap` (see
    swap_create).
    cmdline: kernel command line passed through fw_cfg (omitted when empty).
    icount: deterministic instruction counting (guest TSC = 128 per instruction).
    gdb: None, or where a gdb stub listens: a TCP port on localhost (an int) or a Unix
    socket (a path); the CPU halts until gdb continues.
    serial: QEMU -serial backend for COM1, the console.
    report: None, or the QEMU -serial backend for COM2, the report channel (crash
    reports, the run's end; pager/report.c); without it the pager drops reports.
    firmware: a FIRMWARES key."""
    cmd = ['qemu-system-x86_64',
           '-machine', FIRMWARES[firmware]['machine'], '-nodefaults', '-cpu', 'max',
           '-bios', firmware_path(firmware),
           '-display', 'none', '-no-reboot', '-m', '256',
           '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04']
    for number, path in enumerate([image, swap]):
        # QEMU option values escape a comma by doubling it.
        cmd += ['-drive', f'if=none,id=disk{number},format=raw,file=' + path.replace(',', ',,'),
                '-device', f'virtio-blk-pci,drive=disk{number}']
    cmd += ['-serial', serial]
    if report:
        cmd += ['-serial', report]
    if cmdline:
        cmd += ['-fw_cfg', 'name=opt/cmdline,string=' + cmdline.replace(',', ',,')]
    if icount:
        cmd += ['-icount', 'shift=7,sleep=off']
    if isinstance(gdb, int):
        cmd += ['-gdb', f'tcp:localhost:{gdb}', '-S']
    elif gdb is not None:
        cmd += ['-gdb', 'unix:' + gdb.replace(',', ',,') + ',server=on,wait=off', '-S']
    return cmd


def outcome(status):
    """(kind, text) for a QEMU exit status: kind is an OUTCOMES word when the guest
    powered off, else None; text says it in words."""
    if status in OUTCOMES:
        kind = OUTCOMES[status]
        return kind, OUTCOME_WORDS[kind]
    if status == 0:
        return None, 'QEMU exited 0 (guest reset or halted without isa-debug-exit)'
    if status < 0:
        return None, f'QEMU killed by signal {-status}'
    return None, f'QEMU exited {status}'


_ANSI = re.compile(r'\x1b(\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])')


def strip_ansi(text):
    """Text without terminal escape sequences and carriage returns."""
    return _ANSI.sub('', text).replace('\r', '')


def copy_image(source, dest):
    """Copies disk image `source` to `dest` keeping it sparse: the boot disk is 272 MiB, of
    which about 20 MiB are written, and every test boots its own copy."""
    subprocess.run(['cp', '--sparse=always', source, dest], check=True)


def image_copy(build):
    """A private copy of build/disk.img in the build directory, for one QEMU run at a
    time (QEMU locks its image; parallel runs each need their own). Returns its path;
    the caller removes it."""
    pristine = os.path.join(build, 'disk.img')
    if not os.path.exists(pristine):
        sys.exit(f'{pristine} not found: build first (tools/setup)')
    fd, image = tempfile.mkstemp(prefix='run-', suffix='.img', dir=build)
    os.close(fd)
    try:
        copy_image(pristine, image)
    except BaseException:
        os.unlink(image)
        raise
    return image


SIZE_UNITS = {'': 1, 'K': 1 << 10, 'M': 1 << 20, 'G': 1 << 30}


def parse_size(text):
    """Bytes of a size written as the pager's mem= reads it: digits, then K, M or G
    (binary units) or nothing (bytes). Raises ValueError with a one-line reason."""
    digits = text.rstrip('KMG')
    unit = text[len(digits):]
    if not digits.isdigit() or len(unit) > 1 or int(digits) == 0:
        raise ValueError(f'{text!r} is not a size such as 4M, 512K or 1G')
    return int(digits) * SIZE_UNITS[unit]


def swap_size(text):
    """Bytes of a swap disk size (parse_size): whole 4 KiB slots, at most SWAP_MAX."""
    size = parse_size(text)
    if size % 4096:
        raise ValueError(f'{text!r} is not a multiple of 4K (the swap slot size)')
    if size > SWAP_MAX:
        raise ValueError(f'{text!r} is more than the largest swap disk, {SWAP_MAX >> 30}G')
    return size


def swap_create(path, size=SWAP_TEST):
    """Makes `path` a fresh swap disk: a sparse file of `size` bytes of zeros."""
    with open(path, 'wb') as f:
        f.truncate(size)


@contextlib.contextmanager
def run_disks(build):
    """(image, swap) for one run: a copy of build/disk.img (image_copy) and a fresh swap
    disk beside it, both removed when the block ends."""
    image = image_copy(build)
    swap = image[:-len('.img')] + '-swap.img'
    try:
        swap_create(swap)
        yield image, swap
    finally:
        os.unlink(image)
        if os.path.exists(swap):
            os.unlink(swap)


def check_available(firmware=DEFAULT_FIRMWARE):
    """Exit with a clear message if QEMU or the firmware's image is missing."""
    if not shutil.which('qemu-system-x86_64'):
        sys.exit('qemu-system-x86_64 not found: install qemu-system-x86 (tools/setup does)')
    path = firmware_path(firmware)
    if not os.path.exists(path):
        sys.exit(f'{path} not found: firmware {firmware} comes from '
                 f'{FIRMWARES[firmware]["source"]}; run tools/setup')


def watch(cmd, timeout, on_line, stderr=None, feed=None, answer_cursor=False):
    """Run QEMU with COM1 on a pipe and follow the console as it arrives.

    answer_cursor: answer cursor-position queries as a terminal would (CURSOR_QUERY).
    Only for runs without -icount that read no console input (tools/boot-time): U-Boot
    waits 100 ms for the answer, and one that comes after it stopped waiting is read by
    the next reader of the console, e.g. the shell. Under -icount the 100 ms pass in a
    few ms of host time; in real time a loaded host may run this watcher late (a test's
    shell read "ESC[25;80Recho ..."). Unanswered, the wait costs 100 ms at most.
    on_line(line) sees every console line, escape sequences stripped; if it returns a
    string, QEMU is killed at once and that string is the reason. feed(line), if given,
    may return bytes to type into the console after that line. QEMU is also killed
    after `timeout` seconds. Returns (status or None if killed, lines, reason or None)."""
    # Unbuffered: typed bytes go out at once, and nothing is left to flush into a pipe
    # QEMU has closed.
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
                            bufsize=0)
    lines = []
    pending = b''
    reason = None
    deadline = time.monotonic() + timeout
    fd = proc.stdout.fileno()

    def type_in(data):
        try:
            proc.stdin.write(data)
        except BrokenPipeError:  # QEMU has gone; its status tells why
            pass

    def emit(raw):
        line = strip_ansi(raw.decode('utf-8', 'replace'))
        lines.append(line)
        typed = feed(line) if feed else None
        if typed:
            type_in(typed)
        return on_line(line)

    try:
        while reason is None:
            left = deadline - time.monotonic()
            if left <= 0:
                reason = f'timed out after {timeout} s'
                break
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                if pending:
                    reason = emit(pending)
                break
            # A query may straddle two reads; one already answered cannot fit the tail.
            tail = pending[len(pending) - len(CURSOR_QUERY) + 1:]
            if answer_cursor and CURSOR_QUERY in tail + chunk:
                type_in(CURSOR_REPLY)
            pending += chunk
            *complete, pending = pending.split(b'\n')
            for raw in complete:
                reason = emit(raw)
                if reason:
                    break
    except BaseException:  # Ctrl-C, a signal turned into SystemExit: QEMU goes too
        proc.kill()
        raise
    finally:
        if reason is not None:
            proc.kill()
        proc.stdout.close()
        proc.stdin.close()
        status = proc.wait()
    return (None if reason else status), lines, reason


def add_firmware_option(parser):
    """Adds --firmware NAME (a FIRMWARES key, default DEFAULT_FIRMWARE) to parser."""
    parser.add_argument('--firmware', choices=sorted(FIRMWARES), default=DEFAULT_FIRMWARE,
                        help=f'UEFI firmware that starts the loader (default {DEFAULT_FIRMWARE})')
