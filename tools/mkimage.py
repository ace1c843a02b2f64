#!/usr/bin/env python3
# Builds the pagos boot disk: a 272 MiB FAT32 image of 4 KiB clusters, a page each (no
# partition table; U-Boot and OVMF
# boot it) holding the UEFI loader, the kernel, the boot modules, the boot configurations
# (boot/boot.cfg, the default, and others a test may copy over it), the user programs in
# the root directory, and startup.nsh, OVMF's way out when it finds no loader.
import argparse
import os
import re
import sys

sys.dont_write_bytecode = True
import fatimg  # noqa: E402

# FAT32 needs at least 65525 clusters: 256 MiB of 4 KiB ones, and room for the FATs. The
# image is sparse (about 20 MiB on the host's disk), and so are its copies (qemu.copy_image).
IMAGE_MIB = 272
CLUSTER_SECTORS = 8


def module_arg(text):
    name, sep, path = text.partition('=')
    if not sep or not re.fullmatch(r'[a-z0-9_-]+', name) or not path:
        raise argparse.ArgumentTypeError(
            f'expected NAME=PATH with NAME of [a-z0-9_-], got {text!r}')
    return name, path


def config_arg(text):
    name, sep, modules = text.partition('=')
    if not sep or not re.fullmatch(r'[a-z0-9_-]+\.cfg', name) or not modules:
        raise argparse.ArgumentTypeError(
            f'expected NAME.cfg=MODULE,MODULE,..., got {text!r}')
    return name, modules.split(',')


def boot_cfg(modules):
    lines = ['# pagos boot configuration, read by the loader (EFI/BOOT/BOOTX64.EFI).',
             '# One directive per line: "kernel PATH", "module NAME PATH"; # starts a comment.',
             '# The first module is the root task.',
             'kernel boot/kernel.elf']
    lines += [f'module {name} boot/{name}.elf' for name in modules]
    return ('\n'.join(lines) + '\n').encode()


# OVMF falls into the UEFI shell when \EFI\BOOT\BOOTX64.EFI is missing or fails; the shell
# runs startup.nsh from the disk after a 5 s countdown. This one says why, as U-Boot does
# (tools/uboot_rom.py), and powers off with failure: it writes DEBUG_EXIT_FAILURE
# (abi/poweroff.h) to the isa-debug-exit port 0xf4 (tools/qemu.py).
STARTUP_NSH = ('@echo -off\r\n'
               'echo "firmware: no kernel started: /EFI/BOOT/BOOTX64.EFI is missing or failed"\r\n'
               'mm F4 11 -IO -w 1 -n\r\n').encode()


def main():
    parser = argparse.ArgumentParser(description="Build the pagos boot disk image.")
    parser.add_argument('--out', required=True, help='image file to write')
    parser.add_argument('--loader', required=True, help='BOOTX64.EFI')
    parser.add_argument('--kernel', required=True, help='kernel ELF file')
    parser.add_argument('--module', type=module_arg, action='append', default=[],
                        metavar='NAME=PATH', help='boot module, stored as boot/NAME.elf')
    parser.add_argument('--config', type=config_arg, action='append', default=[],
                        metavar='NAME.cfg=MODULE,...',
                        help='boot configuration boot/NAME.cfg loading those modules in order')
    parser.add_argument('--program', action='extend', nargs='+', default=[], metavar='PATH',
                        help='user programs, stored in the root directory under their file names')
    args = parser.parse_args()

    names = [name for name, _ in args.module]
    if len(set(names)) != len(names):
        parser.error(f'duplicate module name in {names}')
    for cfg, modules in args.config:
        for m in modules:
            if m not in names:
                parser.error(f'{cfg}: {m} is not a --module')
    for path in [args.loader, args.kernel] + [path for _, path in args.module] + args.program:
        if not os.path.isfile(path):
            parser.error(f'{path}: no such file')

    tmp = args.out + '.tmp'
    try:
        fatimg.check_mtools()
        if os.path.exists(tmp):
            os.remove(tmp)
        fatimg.create(tmp, IMAGE_MIB, CLUSTER_SECTORS)
        for d in ('EFI', 'EFI/BOOT', 'boot'):
            fatimg.mkdir(tmp, d)
        fatimg.put(tmp, args.loader, 'EFI/BOOT/BOOTX64.EFI')
        fatimg.put(tmp, args.kernel, 'boot/kernel.elf')
        for name, path in args.module:
            fatimg.put(tmp, path, f'boot/{name}.elf')
        for cfg, modules in args.config:
            fatimg.write(tmp, f'boot/{cfg}', boot_cfg(modules))
        fatimg.write(tmp, 'startup.nsh', STARTUP_NSH)
        for path in args.program:
            name = os.path.basename(path)
            fatimg.put(tmp, path, name[:-4] if name.endswith('.elf') else name)
        os.replace(tmp, args.out)
    except fatimg.FatError as e:
        if os.path.exists(tmp):
            os.remove(tmp)
        sys.exit(f'mkimage: {e}')


if __name__ == '__main__':
    main()
