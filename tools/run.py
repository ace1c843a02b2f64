#!/usr/bin/env python3
# tools/run's body (after tools/setup): boots pagos in QEMU with the console on this
# terminal, with files put on the disk before and got from it after.
#   tools/run [--put HOST[:NAME]]... [--get NAME[:HOST]]... [--disk IMAGE] [--mem SIZE]
#             [--swap SIZE] [--trace LIST] [--cmdline TEXT] [--firmware NAME] [--gdb]
#             [--gdb-port PORT] [--icount] [-- PROGRAM ARGS]
#
# The disk: without --disk, a temporary copy of build/disk.img, removed at the end. With
# --disk IMAGE, that image, kept from run to run: made from build/disk.img when missing;
# otherwise every file of build/disk.img (the loader, kernel, servers and built programs)
# is copied over it, so a rebuilt system boots, and the other files stay. Puts go to a
# copy of IMAGE that replaces it only once all of them are in: a put that fails leaves
# IMAGE as it was. Gets read the disk after QEMU has exited, whatever the outcome.
# The report channel (COM2: crash reports, "end: ..." of the first process) goes to
# stderr. The exit status says how the run ended (EXIT_STATUS): 0 the first process
# exited 0, 1 it exited non-zero, 2 it was killed, 3 the system failed, 4 the user quit,
# 5 a problem of tools/run's own (an argument, a --put or --get).
import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading

sys.dont_write_bytecode = True
import fatimg  # noqa: E402
import qemu  # noqa: E402


GDB_PORT = 1234  # --gdb's port unless --gdb-port


class RunError(Exception):
    """A problem with the run's input: reported in one line, exit status 5."""


class Parser(argparse.ArgumentParser):
    def error(self, message):
        """One line naming the problem (argparse would add the usage)."""
        sys.exit(f'run: {message} (tools/run --help)')


def put_arg(text):
    """(host path, disk name) of HOST[:NAME]; NAME defaults to HOST's file name."""
    host, sep, name = text.rpartition(':')
    if not sep:
        host, name = text, os.path.basename(text)
    if not host or not name or '..' in name.split('/'):
        raise argparse.ArgumentTypeError(f'{text!r} is not HOST[:NAME]')
    return host, name.strip('/')


def get_arg(text):
    """(disk name, host path) of NAME[:HOST]; HOST defaults to NAME's file name here."""
    name, sep, host = text.partition(':')
    name = name.strip('/')
    if not name or (sep and not host):
        raise argparse.ArgumentTypeError(f'{text!r} is not NAME[:HOST]')
    return name, host or os.path.basename(name)


def port_arg(text):
    """A TCP port number, 1 to 65535."""
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f'{text!r} is not a TCP port (1 to 65535)')
    return int(text)


def size_arg(parse, keep_text=False):
    """An argparse type: parse(text), or text itself when keep_text, once parse accepts
    it; parse's ValueError becomes the one-line error."""
    def convert(text):
        try:
            value = parse(text)
        except ValueError as e:
            raise argparse.ArgumentTypeError(str(e)) from None
        return text if keep_text else value
    return convert


def parse_args(argv):
    parser = Parser(
        prog='tools/run',
        description='Boot pagos in QEMU with the console on this terminal.',
        epilog='"-- PROGRAM ARGS" boots with the command line "run \'PROGRAM ARGS\'".')
    parser.add_argument('--put', type=put_arg, action='append', default=[],
                        metavar='HOST[:NAME]',
                        help='copy a host file onto the disk before booting, as NAME '
                             '(default: its file name, in the root directory); repeatable')
    parser.add_argument('--get', type=get_arg, action='append', default=[],
                        metavar='NAME[:HOST]',
                        help='copy a file from the disk to the host after power-off '
                             '(default: its file name, here); repeatable')
    parser.add_argument('--disk', metavar='IMAGE',
                        help='boot this image and keep it (made from build/disk.img if missing)')
    parser.add_argument('--mem', type=size_arg(qemu.parse_size, keep_text=True), metavar='SIZE',
                        help='frames for user pages, e.g. 4M (the boot option mem=SIZE)')
    parser.add_argument('--swap', type=size_arg(qemu.swap_size), default=qemu.SWAP_RUN,
                        metavar='SIZE',
                        help=f'size of the swap disk (default {qemu.SWAP_RUN >> 20}M)')
    parser.add_argument('--trace', metavar='LIST',
                        help='trace option, e.g. --trace=pager adds "trace=pager"')
    parser.add_argument('--cmdline', default='', help='extra kernel command line text')
    parser.add_argument('--gdb', action='store_true',
                        help=f'wait for gdb on localhost:{GDB_PORT} (writes build/gdbinit, '
                             'which loads the symbols and connects)')
    parser.add_argument('--gdb-port', type=port_arg, metavar='PORT',
                        help='--gdb, on this TCP port (writes build/gdbinit-PORT)')
    parser.add_argument('--icount', action='store_true',
                        help='deterministic instruction counting (-icount shift=7)')
    qemu.add_firmware_option(parser)
    program = []
    if '--' in argv:
        split = argv.index('--')
        argv, program = argv[:split], argv[split + 1:]
    args = parser.parse_args(argv)
    if args.gdb and args.gdb_port is None:
        args.gdb_port = GDB_PORT
    args.program = ' '.join(program)
    if "'" in args.program:
        parser.error("PROGRAM ARGS cannot contain a single quote (')")
    return args


def cmdline_of(args):
    words = []
    if args.program:
        words.append(f"run '{args.program}'")
    if args.mem:
        words.append('mem=' + args.mem)
    if args.trace:
        words.append('trace=' + args.trace)
    if args.cmdline:
        words.append(args.cmdline)
    return ' '.join(words)


def put_files(image, puts):
    """Copies each (host, name) of puts onto image, or raises RunError."""
    for host, name in puts:
        if not os.path.isfile(host):
            raise RunError(f'--put {host}: no such file')
        size = os.path.getsize(host)
        free = fatimg.free_bytes(image)
        if fatimg.exists(image, name):
            free += len(fatimg.read(image, name))
        if size > free:
            raise RunError(f'--put {host}: {size} bytes do not fit on the disk '
                           f'({free} bytes free)')
        try:
            fatimg.put_path(image, host, name)
        except fatimg.FatError as e:
            raise RunError(f'--put {host}: cannot store it as {name}: {e}') from None


def prepare_disk(args, build):
    """The image to boot (see the top); a temporary one is the caller's to remove."""
    pristine = os.path.join(build, 'disk.img')
    if not args.disk:
        image = qemu.image_copy(build)
        try:
            put_files(image, args.put)
        except BaseException:
            os.unlink(image)
            raise
        return image
    disk = os.path.abspath(args.disk)
    fd, new = tempfile.mkstemp(prefix=os.path.basename(disk) + '.', suffix='.new',
                               dir=os.path.dirname(disk))
    os.close(fd)
    try:
        if os.path.exists(disk):
            qemu.copy_image(disk, new)
            fatimg.copy_all(pristine, new)
        else:
            qemu.copy_image(pristine, new)
        put_files(new, args.put)
        os.replace(new, disk)
    except fatimg.FatError as e:
        raise RunError(f'--disk {args.disk}: {e}') from None
    finally:
        if os.path.exists(new):
            os.unlink(new)
    return disk


def get_files(image, gets):
    """Copies each (name, host) of gets from image to the host; returns the problems."""
    problems = []
    for name, host in gets:
        data = fatimg.read(image, name)
        if data is None:
            problems.append(f'--get {name}: no such file on the disk')
            continue
        tmp = host + '.part'
        try:
            with open(tmp, 'wb') as f:
                f.write(data)
            os.replace(tmp, host)
        except OSError as e:
            problems.append(f'--get {name}: cannot write {host}: {e.strerror}')
            continue
        print(f'run: got {name} -> {host} ({len(data)} bytes)')
    return problems


def program_elf(args, build):
    """The host ELF file of the first process: the program of "-- PROGRAM", or the
    shell; a --put file stored under its name wins over the built program. None when
    neither exists (a program only on a --disk image)."""
    name = args.program.split()[0] if args.program else 'shell'
    for host, disk_name in reversed(args.put):
        if disk_name == name:
            return os.path.abspath(host)
    built = os.path.join(build, 'user', 'programs', name)
    return built if os.path.isfile(built) else None


def write_gdbinit(args, build):
    """Writes the gdb script of this run into the build directory (gdbinit, or
    gdbinit-PORT for another port than GDB_PORT) and returns its path: it loads the
    symbols of the kernel, the pager, the disk server and the first process, and
    connects."""
    port = args.gdb_port
    path = os.path.join(build, 'gdbinit' if port == GDB_PORT else f'gdbinit-{port}')
    program = program_elf(args, build)
    if program:
        load_program = f'add-symbol-file {program}\n'
    else:
        load_program = f'# No symbols for {args.program.split()[0]}: not built here, not put.\n'
    with open(path, 'w') as f:
        f.write('# Written by tools/run --gdb. Use hardware breakpoints (hbreak): the\n'
                '# loader copies the kernel into memory after gdb attaches, which\n'
                '# overwrites software (int3) breakpoints set with "break", and a\n'
                '# program\'s code pages may be shared with other processes.\n'
                '# The pager and the disk server are linked at addresses of their own\n'
                '# (0x70000000, 0x78000000), every program at 0x400000: only the first\n'
                '# process\'s symbols are loaded, and a breakpoint in it fires in any\n'
                '# process running the same address. Name the file of a function\n'
                '# several have: "hbreak pager/main.c:umain", "hbreak PROG.c:main".\n'
                'set confirm off\n'  # add-symbol-file would ask before each file
                f'symbol-file {os.path.join(build, "kernel", "kernel.elf")}\n'
                f'add-symbol-file {os.path.join(build, "pager", "pager.elf")}\n'
                f'add-symbol-file {os.path.join(build, "disk", "server", "disk.elf")}\n'
                + load_program +
                'set confirm on\n'
                f'target remote localhost:{port}\n')
    return path


# tools/run's exit status: how the run ended.
EXIT_STATUS = {
    'success': 0,   # the first process exited 0 (and every --get succeeded)
    'nonzero': 1,   # it exited with another status
    'killed': 2,    # the system killed it (a fault or an exception)
    'failure': 3,   # the system failed: a panic, no kernel, a reset, QEMU trouble
    'quit': 4,      # the user quit QEMU (Ctrl-A X)
}
EXIT_RUN_PROBLEM = 5  # tools/run's own: a bad argument, a --put or --get that failed
# How the user ends QEMU, by what QEMU writes: on the console (Ctrl-A X), or on its
# stderr (Ctrl-C or another signal; gdb's "kill").
QUIT_TEXT = 'QEMU: Terminated'
QUIT_STDERR = {'terminating on signal': 'a signal (Ctrl-C)',
               'Terminated via GDBstub': 'gdb (kill)'}


class Relay(threading.Thread):
    """Copies a pipe's lines to stderr as they arrive (QEMU writes `write_fd`), keeping
    the last line that starts with `keep` instead of showing it, and noting which of
    `notice` (texts) the lines held."""

    def __init__(self, keep=None, notice=()):
        super().__init__(daemon=True)
        self.read_fd, self.write_fd = os.pipe()
        self.keep, self.kept = keep, None
        self.notice, self.noticed = notice, set()

    def run(self):
        with os.fdopen(self.read_fd, 'rb') as pipe:
            for raw in pipe:
                line = qemu.strip_ansi(raw.decode('utf-8', 'replace'))
                self.noticed.update(text for text in self.notice if text in line)
                if self.keep and line.startswith(self.keep):
                    self.kept = line[len(self.keep):].strip()
                    continue
                sys.stderr.write(line)
                sys.stderr.flush()


def ending(status, console_log, end, quits):
    """(kind, words) of a run: kind is an EXIT_STATUS key. end: the report channel's
    "end: " line, if any; console_log: the console's log file; quits: the QUIT_STDERR
    texts QEMU wrote on stderr."""
    kind, text = qemu.outcome(status)
    if kind is None and status == 0:
        with open(console_log, 'rb') as f:
            tail = f.read()[-200:].decode('utf-8', 'replace').strip()
        if tail.endswith(QUIT_TEXT):
            return 'quit', 'quit by the user (Ctrl-A X)'
        if quits:
            return 'quit', f'quit by the user: {QUIT_STDERR[min(quits)]}'
    if kind is None:
        return 'failure', text
    if kind == 'failure':
        return kind, f'the system failed{": " + end if end else " (see the console)"}'
    return kind, end or text


def boot(args, build, image, swap, cmdline):
    """Boots `image` with the swap disk `swap` interactively: the console on this
    terminal, the report channel on stderr. Prints how the run ended and returns its
    kind (an EXIT_STATUS key)."""
    if args.gdb_port:
        gdbinit = write_gdbinit(args, build)
        shown = os.path.relpath(gdbinit)
        if shown.startswith('..'):
            shown = gdbinit
        print(f'run: QEMU waits for gdb; in another terminal: gdb -x {shown}')
    print(f'run: command line: {cmdline or "(none)"}')
    print('run: quit QEMU with Ctrl-A X')
    sys.stdout.flush()

    reports = Relay(keep='end: ')
    errors = Relay(notice=QUIT_STDERR)
    fd, console_log = tempfile.mkstemp(prefix='run-', suffix='-console.log', dir=build)
    os.close(fd)
    # The console and QEMU's monitor share this terminal (Ctrl-A C switches), as with
    # -serial mon:stdio, and the console is also logged: that is where Ctrl-A X shows.
    cmd = qemu.command(image, swap, cmdline=cmdline, icount=args.icount,
                       gdb=args.gdb_port, serial='chardev:console',
                       report=f'file:/dev/fd/{reports.write_fd}', firmware=args.firmware)
    # Ctrl-C is a key for the system (signal=off): it ends the program the shell runs.
    cmd += ['-chardev', 'stdio,id=console,mux=on,signal=off,logfile='
            + console_log.replace(',', ',,'), '-mon', 'chardev=console,mode=readline']
    # A SIGINT from elsewhere still reaches QEMU (which exits); do not die before it does.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    proc = None
    try:
        proc = subprocess.Popen(cmd, pass_fds=(reports.write_fd,), stderr=errors.write_fd)
        for relay in (reports, errors):
            os.close(relay.write_fd)
            relay.start()
        status = proc.wait()
        for relay in (reports, errors):
            relay.join()
        kind, words = ending(status, console_log, reports.kept, errors.noticed)
    except BaseException:  # SIGTERM or SIGHUP (made SystemExit): QEMU must not stay
        if proc:
            proc.kill()
            proc.wait()
        raise
    finally:
        signal.signal(signal.SIGINT, previous)
        os.unlink(console_log)
    print(f'\nrun: {words} (exit status {EXIT_STATUS[kind]})')
    return kind


def main():
    args = parse_args(sys.argv[1:])
    cmdline = cmdline_of(args)
    qemu.check_available(args.firmware)
    build = qemu.build_dir()
    # A closed terminal or a kill still unwinds through the finally below.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda signum, frame: sys.exit(128 + signum))
    try:
        image = prepare_disk(args, build)
    except (RunError, fatimg.FatError) as e:
        sys.exit('run: ' + ' '.join(str(e).split()))
    except OSError as e:
        sys.exit(f'run: {e.filename}: {e.strerror}')
    fd, swap = tempfile.mkstemp(prefix='run-', suffix='-swap.img', dir=build)
    os.close(fd)
    try:
        qemu.swap_create(swap, args.swap)
        kind = boot(args, build, image, swap, cmdline)
        problems = get_files(image, args.get)
    finally:
        os.unlink(swap)
        if not args.disk:
            os.unlink(image)
    for problem in problems:
        print(f'run: {problem}', file=sys.stderr)
    return EXIT_RUN_PROBLEM if problems else EXIT_STATUS[kind]


if __name__ == '__main__':
    try:
        sys.exit(main())
    except SystemExit as e:
        if not isinstance(e.code, str):
            raise
        print(e.code, file=sys.stderr)  # a one-line problem, found here or in qemu.py
        sys.exit(EXIT_RUN_PROBLEM)
