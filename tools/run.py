#!/usr/bin/env python3
# tools/run's body (after tools/setup): boots pagos in QEMU with the console on this
# terminal, with files put on the disk before and got from it after.
#   tools/run [--put HOST[:NAME]]... [--get NAME[:HOST]]... [--disk IMAGE] [--mem SIZE]
#             [--swap SIZE] [--trace LIST] [--cmdline TEXT] [--firmware NAME] [--gdb]
#             [--icount] [-- PROGRAM ARGS]
#
# The disk: without --disk, a temporary copy of build/disk.img, removed at the end. With
# --disk IMAGE, that image, kept from run to run: made from build/disk.img when missing;
# otherwise every file of build/disk.img (the loader, kernel, servers and built programs)
# is copied over it, so a rebuilt system boots, and the other files stay. Puts go to a
# copy of IMAGE that replaces it only once all of them are in: a put that fails leaves
# IMAGE as it was. Gets read the disk after QEMU has exited, whatever the outcome.
# Exit status 0 when the system powered off cleanly and every get succeeded.
import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
import fatimg  # noqa: E402
import qemu  # noqa: E402


class RunError(Exception):
    """A problem with the run's input: reported in one line, exit status 1."""


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
                        help='wait for gdb on localhost:1234 (writes build/gdbinit)')
    parser.add_argument('--icount', action='store_true',
                        help='deterministic instruction counting (-icount shift=7)')
    qemu.add_firmware_option(parser)
    program = []
    if '--' in argv:
        split = argv.index('--')
        argv, program = argv[:split], argv[split + 1:]
    args = parser.parse_args(argv)
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
            shutil.copyfile(disk, new)
            fatimg.copy_all(pristine, new)
        else:
            shutil.copyfile(pristine, new)
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


def boot(args, build, image, swap, cmdline):
    """Boots `image` with the swap disk `swap` interactively; returns whether the system
    powered off cleanly."""
    if args.gdb:
        gdbinit = os.path.join(build, 'gdbinit')
        with open(gdbinit, 'w') as f:
            f.write('# Written by tools/run --gdb. Use hardware breakpoints (hbreak): the\n'
                    '# loader copies the kernel into memory after gdb attaches, which\n'
                    '# overwrites software (int3) breakpoints set with "break".\n'
                    f'symbol-file {os.path.join(build, "kernel", "kernel.elf")}\n'
                    'target remote localhost:1234\n')
        shown = os.path.relpath(gdbinit)
        if shown.startswith('..'):
            shown = gdbinit
        print(f'run: QEMU waits for gdb; in another terminal: gdb -x {shown}')
    print(f'run: command line: {cmdline or "(none)"}')
    print('run: quit QEMU with Ctrl-A X')
    sys.stdout.flush()

    cmd = qemu.command(image, swap, cmdline=cmdline, icount=args.icount, gdb=args.gdb,
                       serial='mon:stdio', firmware=args.firmware)
    # Ctrl-C reaches QEMU (which exits) through the terminal; do not die before it does.
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    status = subprocess.call(cmd)
    signal.signal(signal.SIGINT, previous)
    ok, text = qemu.outcome(status)
    print(f'\nrun: {text}')
    return ok


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
        ok = boot(args, build, image, swap, cmdline)
        problems = get_files(image, args.get)
    finally:
        os.unlink(swap)
        if not args.disk:
            os.unlink(image)
    for problem in problems:
        print(f'run: {problem}', file=sys.stderr)
    return 0 if ok and not problems else 1


if __name__ == '__main__':
    sys.exit(main())
