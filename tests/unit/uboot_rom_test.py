#!/usr/bin/env python3
# tools/uboot_rom.py: on a made-up image, both copies of the default environment get the
# boot command, no delay and the boot script in bootcmd_dhcp's room, and nothing else
# changes; an image without that environment, or with too little room, is refused with a
# one-line error and a non-zero exit; Debian's own image (tools/setup installs it) patches.
import os
import subprocess
import sys
import tempfile
import unittest

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tools')
sys.path.insert(0, TOOLS)
sys.dont_write_bytecode = True
import uboot_rom  # noqa: E402

DHCP_VALUE = b'x' * 600


def environment(dhcp_value=DHCP_VALUE):
    return (b'\0arch=x86\0bootcmd=run distro_bootcmd\0bootdelay=2\0baudrate=115200\0'
            b'bootcmd_dhcp=' + dhcp_value + b'\0bootcmd_pxe=pxe get\0\0')


def rom(dhcp_value=DHCP_VALUE):
    return b'\x90' * 100 + environment(dhcp_value) + b'\xaa' * 50 + environment(dhcp_value)


def entries(data):
    """name -> value of every environment entry found in data (the last copy wins)."""
    found = {}
    for part in data.split(b'\0'):
        name, sep, value = part.partition(b'=')
        if sep:
            found[name] = value
    return found


class Patch(unittest.TestCase):
    def test_both_copies_patched_in_place(self):
        before = rom()
        after = uboot_rom.patch(before)
        self.assertEqual(len(after), len(before))
        self.assertEqual(after.count(b'\0bootcmd=run pagos_boot'), 2)
        self.assertEqual(after.count(b'\0bootdelay=0\0'), 2)
        self.assertEqual(after.count(b'\0pagos_boot=' + uboot_rom.BOOT_SCRIPT.encode()), 2)
        self.assertNotIn(b'distro_bootcmd', after)
        self.assertNotIn(b'bootcmd_dhcp', after)
        # Everything outside the two changed entries is as it was.
        self.assertEqual(after[:100], before[:100])
        self.assertEqual(entries(after)[b'bootcmd_pxe'], b'pxe get')
        self.assertEqual(entries(after)[b'baudrate'], b'115200')
        # The script's entry keeps bootcmd_dhcp's length: the next entry did not move.
        self.assertEqual(after.index(b'bootcmd_pxe'), before.index(b'bootcmd_pxe'))

    def test_no_environment_refused(self):
        with self.assertRaisesRegex(uboot_rom.RomError, 'default environment not found'):
            uboot_rom.patch(b'\0' * 4096)

    def test_too_little_room_refused(self):
        with self.assertRaisesRegex(uboot_rom.RomError, 'boot script needs'):
            uboot_rom.patch(rom(b'x' * 20))

    def test_command_line_error_is_one_line(self):
        with tempfile.TemporaryDirectory() as tmp:
            bad = os.path.join(tmp, 'bad.rom')
            with open(bad, 'wb') as f:
                f.write(b'\0' * 4096)
            out = os.path.join(tmp, 'out.rom')
            proc = subprocess.run([sys.executable, os.path.join(TOOLS, 'uboot_rom.py'),
                                   '--rom', bad, '--out', out],
                                  capture_output=True, text=True)
            self.assertNotEqual(proc.returncode, 0)
            self.assertEqual(len(proc.stderr.strip().splitlines()), 1, proc.stderr)
            self.assertIn('default environment not found', proc.stderr)
            self.assertFalse(os.path.exists(out))

    def test_debian_image(self):
        with open(uboot_rom.DEBIAN_ROM, 'rb') as f:
            before = f.read()
        after = uboot_rom.patch(before)
        self.assertEqual(len(after), len(before))
        self.assertGreaterEqual(after.count(b'\0bootcmd=run pagos_boot'), 1)


if __name__ == '__main__':
    unittest.main()
