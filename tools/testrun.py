#!/usr/bin/env python3
# Runs one QEMU test for meson: boots a private copy of the disk image (disk 0) and a
# fresh empty swap disk (disk 1, 16 MiB unless the case says) as a case file says, with
# the firmware named by --firmware (default: qemu.DEFAULT_FIRMWARE), follows the console
# live, and judges it. Exit 0 pass, 1 fail.
#   testrun.py --image build/disk.img --case tests/cases/NAME.test --workdir DIR
#              [--firmware u-boot|ovmf]
# The environment variable PAGOS_CLOCK picks the guest clock of every case: icount (the
# default: as the case says, see "icount:") or realtime (no case runs under -icount; the
# guest clock is the host's; tools/test --realtime sets it).
#
# Case files (tests/cases/NAME.test): one "directive: value" per line; lines starting
# with '#' are comments (the first one says what the test checks), blank lines are ignored.
#   cmdline: TEXT           kernel command line via fw_cfg (none if absent)
#   icount: on|off          default on: with -icount the guest runs the same instruction
#                           stream every time, so a failure reproduces run to run;
#                           PAGOS_CLOCK=realtime turns it off for every case
#   timeout: SECONDS        default 30; QEMU is killed and the test fails after it
#   file-delete: PATH       delete PATH (e.g. boot/kernel.elf) from the image copy
#   file-corrupt: PATH MODE replace PATH by tools/corrupt_elf.py MODE of it
#   file-line: PATH TEXT    append the line TEXT to PATH (created if missing)
#   file-copy: SRC DST      copy SRC to DST inside the image
#   put: HOST NAME          copy HOST (a path in the repository) into the image as NAME
#                           (directories made as needed)
#   swap: SIZE              size of the swap disk, e.g. 64M (default 16M, qemu.SWAP_TEST)
#   root: ktest|pager       the root task: the kernel tests' (boot/ktest.cfg) or the
#                           pager (default); applied before every other image edit
#   file-fill: PATH BYTES   write PATH as BYTES bytes of a known pattern (i % 251)
#   fat-loop: PATH          corrupt the FAT: the last cluster of PATH's chain points
#                           back to its first, in every FAT copy (a looping chain)
#   exit: OUTCOME           expected outcome (required): success (the first process
#                           exited 0, or every kernel test passed), failure (the
#                           system failed: a panic), nonzero (the first process
#                           exited with another status) or killed (the system killed
#                           it); qemu.OUTCOMES
#   expect: TEXT            a console line contains TEXT; all expect lines match
#                           distinct console lines in file order
#   output: TEXT            the program stream (the console lines after the disk
#                           server's "disk: ready" line, before "kernel: power off")
#                           is exactly the output lines, one each, in file order;
#                           TEXT is what follows "output: ", its leading spaces kept
#   report: TEXT            a line of the report channel (COM2: crash reports, the
#                           run's end; saved as DIR/report.log) contains TEXT; in order
#   report-match: REGEX     the same, for a line re.search finds REGEX in; report and
#                           report-match lines match distinct lines together in order
#   reject: TEXT            no console line contains TEXT (nor the firmware's
#                           "no kernel started" line, unless a line expects it)
#   input: TRIGGER => TEXT  once a console line contains TRIGGER, type TEXT and Enter
#                           (a carriage return) into the console; input lines fire in
#                           file order, each once. In TEXT, \xHH is that byte (\x03:
#                           Ctrl-C), \e is Escape (\e[A: the up arrow), \\ a backslash
#   host-fsck: yes          after QEMU exits, `fsck.fat -n` on the image copy must
#                           report a clean file system (exit 0)
#   host-file: PATH TEXT    after QEMU exits, PATH in the image copy, as mtools reads it,
#                           must hold exactly TEXT (no newline added)
#   host-zeros: PATH BYTES  after QEMU exits, PATH in the image copy must be BYTES bytes,
#                           all zero (a file made by create(PATH, BYTES))
# Image edits apply in file order. Unknown directives fail the test. The host checks run
# only when the run itself passed, before anything is deleted. The console log (escape
# sequences stripped) is saved as DIR/console.log, the report channel as DIR/report.log;
# the image copy DIR/disk.img and the swap disk DIR/swap.img are kept only when the test
# fails.
import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
import corrupt_elf  # noqa: E402
import fatimg  # noqa: E402
import qemu  # noqa: E402


ESCAPE = re.compile(r'\\(x[0-9a-fA-F]{2}|e|\\)')


def unescape(text):
    """TEXT of an input: line with its escapes (\\xHH, \\e, \\\\) made bytes."""
    def byte(m):
        code = m.group(1)
        return '\x1b' if code == 'e' else '\\' if code == '\\' else chr(int(code[1:], 16))
    return ESCAPE.sub(byte, text)


class CaseError(Exception):
    pass


class Case:
    def __init__(self, path):
        self.cmdline = ''
        self.icount = True
        self.timeout = 30.0
        self.swap = qemu.SWAP_TEST
        self.edits = []   # (directive, [arguments]) in file order
        self.exit = None  # True: success expected, False: failure expected
        self.expect = []
        self.output = []
        self.report = []
        self.inputs = []  # (trigger, text) in file order
        self.reject = []
        self.host_fsck = False
        self.host_files = []  # (path, text)
        self.host_zeros = []  # (path, bytes)
        with open(path) as f:
            for number, line in enumerate(f, 1):
                line = line.rstrip('\n')
                if not line.strip() or line.startswith('#'):
                    continue
                try:
                    self._directive(line)
                except CaseError as e:
                    raise CaseError(f'{path}:{number}: {e}') from None
        if self.exit is None:
            raise CaseError(f'{path}: missing "exit: OUTCOME" '
                            f'({" or ".join(qemu.OUTCOMES.values())})')
        # A loader that returns to the firmware must not pass as one that failed cleanly.
        if not any(qemu.NO_KERNEL in want for want in self.expect):
            self.reject.append(qemu.NO_KERNEL)

    def _directive(self, line):
        key, sep, value = line.partition(':')
        verbatim = value[1:] if value.startswith(' ') else value
        key, value = key.strip(), value.strip()
        if not sep:
            raise CaseError(f'expected "directive: value", got {line!r}')
        if key == 'cmdline':
            self.cmdline = value
        elif key == 'icount':
            self.icount = self._choice(key, value, {'on': True, 'off': False})
        elif key == 'timeout':
            try:
                self.timeout = float(value)
            except ValueError:
                raise CaseError(f'timeout: not a number: {value!r}') from None
        elif key == 'swap':
            try:
                self.swap = qemu.swap_size(value)
            except ValueError as e:
                raise CaseError(f'swap: {e}') from None
        elif key == 'exit':
            self.exit = self._choice(key, value, {k: k for k in qemu.OUTCOMES.values()})
        elif key == 'output':
            self.output.append(verbatim.rstrip())
        elif key == 'report-match':
            try:
                self.report.append(re.compile(value))
            except re.error as e:
                raise CaseError(f'report-match: bad regular expression: {e}') from None
        elif key in ('expect', 'reject', 'report'):
            if not value:
                raise CaseError(f'{key}: empty text')
            getattr(self, key).append(value)
        elif key == 'input':
            trigger, arrow, text = value.partition(' => ')
            if not arrow or not trigger.strip():
                raise CaseError(f'input: expected "TRIGGER => TEXT", got {value!r}')
            self.inputs.append((trigger.strip(), unescape(text)))
        elif key == 'host-fsck':
            self.host_fsck = self._choice(key, value, {'yes': True, 'no': False})
        elif key == 'host-file':
            path, _, text = value.partition(' ')
            if not path or not text:
                raise CaseError(f'host-file: expected "PATH TEXT", got {value!r}')
            self.host_files.append((path, text))
        elif key == 'host-zeros':
            path, _, size = value.partition(' ')
            if not path or not size.strip().isdigit():
                raise CaseError(f'host-zeros: expected "PATH BYTES", got {value!r}')
            self.host_zeros.append((path, int(size)))
        elif key == 'root':
            cfg = self._choice(key, value, {'ktest': 'boot/ktest.cfg', 'pager': None})
            if cfg:
                self.edits.insert(0, ('file-copy', [cfg, 'boot/boot.cfg']))
        elif key in ('file-delete', 'file-corrupt', 'file-line', 'file-copy', 'file-fill',
                     'fat-loop', 'put'):
            self.edits.append((key, self._edit_args(key, value)))
        else:
            raise CaseError(f'unknown directive {key!r}')

    @staticmethod
    def _choice(key, value, choices):
        if value not in choices:
            raise CaseError(f'{key}: expected {" or ".join(choices)}, got {value!r}')
        return choices[value]

    @staticmethod
    def _edit_args(key, value):
        if key in ('file-delete', 'fat-loop'):
            args = [value] if value else []
            want = 1
        elif key == 'file-line':
            args = value.split(None, 1)
            want = 2
        else:
            args = value.split()
            want = 2
        if len(args) != want:
            raise CaseError(f'{key}: expected {want} argument(s), got {value!r}')
        if key == 'file-fill' and not args[1].isdigit():
            raise CaseError(f'file-fill: BYTES must be a number, got {args[1]!r}')
        if key == 'file-corrupt' and args[1] not in corrupt_elf.MODES:
            raise CaseError(f'file-corrupt: unknown mode {args[1]!r} '
                            f'(modes: {", ".join(corrupt_elf.MODES)})')
        return args


def edit_image(image, edits):
    for key, args in edits:
        path = args[0]
        if key == 'put':
            host = os.path.join(qemu.ROOT, path)
            if not os.path.isfile(host):
                raise CaseError(f'put: {path}: no such file in the repository')
            fatimg.put_path(image, host, args[1])
            continue
        if key == 'file-fill':
            fatimg.write(image, path, bytes(i % 251 for i in range(int(args[1]))))
            continue
        if key == 'file-line':
            old = fatimg.read(image, path) or b''
            if old and not old.endswith(b'\n'):
                old += b'\n'
            fatimg.write(image, path, old + args[1].encode() + b'\n')
            continue
        data = fatimg.read(image, path)
        if data is None:
            raise CaseError(f'{key}: {path}: no such file in the image')
        if key == 'file-delete':
            fatimg.delete(image, path)
        elif key == 'file-corrupt':
            try:
                fatimg.write(image, path, corrupt_elf.corrupt(args[1], data))
            except corrupt_elf.ElfError as e:
                raise CaseError(f'file-corrupt: {path}: {e}') from None
        elif key == 'file-copy':
            fatimg.write(image, args[1], data)
        elif key == 'fat-loop':
            fatimg.loop_chain(image, path)


# The program stream: the console lines after START, before END.
STREAM_START = 'disk: ready'
STREAM_END = 'kernel: power off'


def program_stream(lines):
    """The console lines the programs wrote (between STREAM_START and STREAM_END)."""
    start = next((i + 1 for i, line in enumerate(lines) if STREAM_START in line), len(lines))
    end = next((i for i in range(start, len(lines)) if STREAM_END in lines[i]), len(lines))
    return lines[start:end]


def found(want, line):
    """Whether line holds want: a text, or a compiled regular expression it finds."""
    return want.search(line) is not None if isinstance(want, re.Pattern) else want in line


def in_order(wanted, lines):
    """The first of `wanted` (texts or regular expressions) not found in distinct
    `lines` in order, or None."""
    at = 0
    for want in wanted:
        while at < len(lines) and not found(want, lines[at]):
            at += 1
        if at == len(lines):
            return want
        at += 1
    return None


def judge(case, status, lines, report):
    """The reason the run failed, or None if it passed (report: the report channel's
    lines)."""
    kind, text = qemu.outcome(status)
    if kind != case.exit:
        return f'expected exit {case.exit}, got {kind or "no power-off"}: {text}'
    missing = in_order(case.expect, lines)
    if missing is not None:
        return f'expected line not found (in order): {missing!r}'
    for bad in case.reject:
        for line in lines:
            if bad in line:
                return f'rejected text found: {line.strip()!r}'
    if case.output:
        stream = program_stream(lines)
        if stream != case.output:
            return f'program output {stream!r}, expected exactly {case.output!r}'
    missing = in_order(case.report, report)
    if missing is not None:
        missing = getattr(missing, 'pattern', missing)
        return f'report line not found (in order): {missing!r}; the report channel has ' \
               f'{len(report)} lines: {report[-12:]!r}'
    return None


def host_checks(case, image):
    """The reason the image copy fails the case's host checks, or None."""
    if case.host_fsck:
        fsck = shutil.which('fsck.fat') or '/usr/sbin/fsck.fat'
        proc = subprocess.run([fsck, '-n', image], stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if proc.returncode != 0:
            return f'fsck.fat -n found problems (exit {proc.returncode}):\n{proc.stdout.strip()}'
    for path, text in case.host_files:
        data = fatimg.read(image, path)
        if data is None:
            return f'host-file: {path}: no such file in the image'
        if data != text.encode():
            return f'host-file: {path}: holds {data[:200]!r}, expected {text!r}'
    for path, size in case.host_zeros:
        data = fatimg.read(image, path)
        if data is None:
            return f'host-zeros: {path}: no such file in the image'
        if len(data) != size or data.strip(b'\0'):
            first = len(data) - len(data.lstrip(b'\0'))
            return f'host-zeros: {path}: {len(data)} bytes, expected {size}; ' \
                   f'first non-zero byte at {first if first < len(data) else "none"}'
    return None


def read_report(path):
    """The lines of the report channel's log (none if QEMU never wrote it)."""
    if not os.path.exists(path):
        return []
    with open(path, encoding='utf-8', errors='replace') as f:
        return [qemu.strip_ansi(line) for line in f.read().splitlines()]


# PAGOS_CLOCK's values: whether a case may run under -icount.
CLOCKS = {'icount': True, 'realtime': False}


def clock_icount():
    """Whether PAGOS_CLOCK lets cases run under -icount (icount, or unset) or not
    (realtime). Raises CaseError for another value."""
    clock = os.environ.get('PAGOS_CLOCK') or 'icount'
    if clock not in CLOCKS:
        raise CaseError(f'PAGOS_CLOCK: expected {" or ".join(CLOCKS)}, got {clock!r}')
    return CLOCKS[clock]


def run(args):
    case = Case(args.case)
    case.icount = case.icount and clock_icount()
    os.makedirs(args.workdir, exist_ok=True)
    image = os.path.join(args.workdir, 'disk.img')
    qemu.copy_image(args.image, image)
    edit_image(image, case.edits)
    swap = os.path.join(args.workdir, 'swap.img')
    qemu.swap_create(swap, case.swap)
    qemu.check_available(args.firmware)

    pending = list(case.inputs)

    def feed(line):
        if pending and pending[0][0] in line:
            return (pending.pop(0)[1] + '\r').encode()
        return None

    report_log = os.path.join(args.workdir, 'report.log')
    if os.path.exists(report_log):
        os.unlink(report_log)
    # QEMU option values escape a comma by doubling it.
    cmd = qemu.command(image, swap, cmdline=case.cmdline, icount=case.icount,
                       report='file:' + report_log.replace(',', ',,'), firmware=args.firmware)
    with tempfile.TemporaryFile() as err:
        status, lines, reason = qemu.watch(cmd, case.timeout, lambda line: None, stderr=err,
                                           feed=feed if pending else None)
        err.seek(0)
        stderr = err.read().decode('utf-8', 'replace').strip()
    with open(os.path.join(args.workdir, 'console.log'), 'w') as f:
        f.write('\n'.join(lines) + '\n')
    if reason is None:
        reason = judge(case, status, lines, read_report(report_log))
    if reason is None:
        reason = host_checks(case, image)
    return reason, lines, stderr, cmd


# What a failure shows of the console and of QEMU's stderr: their last lines, each cut
# to LINE_CHARS; the whole console is in the test's console.log.
CONSOLE_LINES = 40
STDERR_LINES = 10
LINE_CHARS = 300


def tail(lines, count):
    """The last `count` of `lines`, each at most LINE_CHARS characters long."""
    return [line if len(line) <= LINE_CHARS else line[:LINE_CHARS] + ' [...]'
            for line in lines[-count:]]


def main():
    parser = argparse.ArgumentParser(description='Run one pagos QEMU test case.')
    parser.add_argument('--image', required=True, help='pristine disk image')
    parser.add_argument('--case', required=True, help='tests/cases/NAME.test')
    parser.add_argument('--workdir', required=True, help='directory for this test\'s files')
    qemu.add_firmware_option(parser)
    args = parser.parse_args()
    try:
        reason, lines, stderr, cmd = run(args)
    except (CaseError, fatimg.FatError, OSError) as e:
        print(f'FAIL: {e}')
        return 1
    if reason is None:
        for disk in ('disk.img', 'swap.img'):  # kept only on failure
            os.remove(os.path.join(args.workdir, disk))
        print(f'PASS ({len(lines)} console lines, log in {args.workdir}/console.log)')
        return 0
    # The reason first and last (meson's error log shows only the end), and a screenful
    # of console between: a run that printed megabytes must not bury the reason.
    print(f'FAIL: {reason}')
    print('QEMU command: ' + shlex.join(cmd))
    if stderr:
        print('QEMU stderr (end): ' + '\n'.join(tail(stderr.splitlines(), STDERR_LINES)))
    log = os.path.abspath(os.path.join(args.workdir, 'console.log'))
    shown = tail(lines, CONSOLE_LINES)
    print(f'--- last {len(shown)} of {len(lines)} console lines (all in {log}) ---')
    print('\n'.join(shown))
    print(f'--- end of console ---\nFAIL: {reason.splitlines()[0]}')
    return 1


if __name__ == '__main__':
    sys.exit(main())
