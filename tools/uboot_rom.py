#!/usr/bin/env python3
# Makes the fast boot firmware: Debian's U-Boot for QEMU x86-64 (package u-boot-qemu)
# with a default environment that boots \EFI\BOOT\BOOTX64.EFI from the first virtio disk
# at once. The image's own environment waits 2 s for a key, then scans USB, SCSI and
# IDE, and looks for partitions; this build of U-Boot keeps its environment nowhere
# but in the image, so the image is where the boot command is set.
#   tools/uboot_rom.py [--rom /usr/lib/u-boot/qemu-x86_64/u-boot.rom] --out FILE
#
# The default environment is a list of NUL-terminated "name=value" strings. Two of its
# entries are replaced in place, each by one of the same length, so nothing else in the
# image moves: bootcmd (with bootdelay) and bootcmd_dhcp (network boot, unused here),
# whose room holds the boot script, pagos_boot.
import argparse
import os
import sys

DEBIAN_ROM = '/usr/lib/u-boot/qemu-x86_64/u-boot.rom'

# isa-debug-exit (tools/qemu.py): writing DEBUG_EXIT_FAILURE (abi/poweroff.h) to port
# 0xf4 ends QEMU with the failure status.
BOOT_SCRIPT = ('virtio scan; '
               'if load virtio 0 ${loadaddr} efi/boot/bootx64.efi; '
               'then bootefi ${loadaddr}; fi; '
               'echo firmware: no kernel started: /EFI/BOOT/BOOTX64.EFI is missing or failed; '
               'iow.b 0xf4 0x11')

OLD_BOOTCMD = b'\0bootcmd=run distro_bootcmd\0bootdelay=2\0'
NEW_BOOTCMD = b'\0bootcmd=run pagos_boot    \0bootdelay=0\0'
DHCP = b'\0bootcmd_dhcp='


class RomError(Exception):
    pass


def entry_at(rom, start):
    """(start, end) of the NUL-terminated environment entry beginning at start."""
    end = rom.find(b'\0', start)
    if end < 0:
        raise RomError('environment entry not terminated')
    return start, end


def patch(rom):
    """rom (bytes) with every copy of the default environment changed as described at
    the top. Raises RomError if the image is not the one this was written for."""
    out = bytearray(rom)
    copies = rom.count(OLD_BOOTCMD)
    if copies == 0 or rom.count(DHCP) != copies:
        raise RomError('default environment not found (bootcmd "run distro_bootcmd", '
                       'bootdelay 2 and bootcmd_dhcp expected): not the Debian 12 image?')
    out = out.replace(OLD_BOOTCMD, NEW_BOOTCMD)
    at = 0
    for _ in range(copies):
        at = out.find(DHCP, at)
        start, end = entry_at(out, at + 1)
        room = end - start
        script = b'pagos_boot=' + BOOT_SCRIPT.encode()
        if len(script) > room:
            raise RomError(f'boot script needs {len(script)} bytes, bootcmd_dhcp has {room}')
        # Trailing spaces end the script harmlessly; the entry keeps its length.
        out[start:end] = script.ljust(room, b' ')
        at = end
    assert len(out) == len(rom)
    return bytes(out)


def main():
    parser = argparse.ArgumentParser(
        description="Make pagos' fast boot firmware from Debian's U-Boot for QEMU x86-64.")
    parser.add_argument('--rom', default=DEBIAN_ROM, help=f'input image (default {DEBIAN_ROM})')
    parser.add_argument('--out', required=True, help='image to write')
    args = parser.parse_args()
    try:
        with open(args.rom, 'rb') as f:
            rom = f.read()
        data = patch(rom)
    except OSError as e:
        sys.exit(f'uboot_rom: {args.rom}: {e.strerror} (tools/setup installs u-boot-qemu)')
    except RomError as e:
        sys.exit(f'uboot_rom: {args.rom}: {e}')
    tmp = args.out + '.tmp'
    try:
        with open(tmp, 'wb') as f:
            f.write(data)
        os.replace(tmp, args.out)
    except OSError as e:
        if os.path.exists(tmp):
            os.unlink(tmp)
        sys.exit(f'uboot_rom: {args.out}: {e.strerror}')


if __name__ == '__main__':
    main()
