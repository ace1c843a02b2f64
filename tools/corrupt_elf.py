#!/usr/bin/env python3
# Makes a broken copy of an ELF64 file for the loader's bad-input tests:
#   corrupt_elf.py MODE IN OUT   (MODE: see MODES below; also usable as a module)
import struct
import sys

KERNEL_VBASE = 0xffffffff80000000  # abi/bootinfo.h
KERN_BASE = 0x8004000000           # abi/bootinfo.h: first address above user space
NO_RAM_PADDR = 0x3f000000          # ~1008 MiB: no RAM there with QEMU -m 256
KERNEL_PHYS_LIMIT = 0x40000000     # 1 GiB: boot/elf_check.h ELF_KERNEL_PHYS_LIMIT
PT_LOAD = 1

EHDR = struct.Struct('<16sHHIQQQIHHHHHH')
PHDR = struct.Struct('<IIQQQQQQ')
# Offsets inside the ELF header.
EI_CLASS, EI_DATA = 4, 5
E_TYPE, E_MACHINE = 16, 18
# Offsets inside a program header.
P_VADDR, P_PADDR = 16, 24


class ElfError(Exception):
    pass


def _loads(data):
    """(offset of its program header, fields) for every PT_LOAD of `data`."""
    if len(data) < EHDR.size or data[:4] != b'\x7fELF':
        raise ElfError('not an ELF file')
    if data[EI_CLASS] != 2 or data[EI_DATA] != 1:
        raise ElfError('not a 64-bit little-endian ELF file')
    fields = EHDR.unpack_from(data)
    phoff, phentsize, phnum = fields[5], fields[9], fields[10]
    if phentsize != PHDR.size or phoff + phnum * PHDR.size > len(data):
        raise ElfError('bad program header table')
    loads = []
    for i in range(phnum):
        off = phoff + i * PHDR.size
        ph = PHDR.unpack_from(data, off)
        if ph[0] == PT_LOAD:
            loads.append((off, ph))
    if not loads:
        raise ElfError('no PT_LOAD segment')
    return loads


def _put(data, offset, fmt, value):
    struct.pack_into(fmt, data, offset, value)


def bad_magic(data):
    data[0:4] = b'\x7fELG'


def wrong_class(data):
    data[EI_CLASS] = 1  # ELFCLASS32


def wrong_machine(data):
    _put(data, E_MACHINE, '<H', 3)  # EM_386


def not_exec(data):
    _put(data, E_TYPE, '<H', 3)  # ET_DYN


def truncate(data):
    """Cut the file in the middle of the last PT_LOAD's file data."""
    with_data = [ph for _, ph in _loads(data) if ph[5] > 0]
    if not with_data:
        raise ElfError('no PT_LOAD with file data to truncate')
    ph = with_data[-1]
    del data[ph[2] + ph[5] // 2:]


def overlap(data):
    """Give the second PT_LOAD the first one's addresses."""
    loads = _loads(data)
    if len(loads) < 2:
        raise ElfError('need two PT_LOAD segments to make them overlap')
    first, second = loads[0][1], loads[1][0]
    _put(data, second + P_VADDR, '<Q', first[3])
    _put(data, second + P_PADDR, '<Q', first[4])


def outside_memory(data):
    """Move the last PT_LOAD to a physical address without RAM but below 1 GiB, keeping
    vaddr - paddr (KERNEL_VBASE for the kernel) so that only the allocation there fails."""
    off, ph = _loads(data)[-1]
    delta = (ph[3] - ph[4]) % 2**64
    paddr = NO_RAM_PADDR + ph[4] % 4096  # keep the offset in the page, as p_align wants
    _put(data, off + P_PADDR, '<Q', paddr)
    _put(data, off + P_VADDR, '<Q', (paddr + delta) % 2**64)


def above_1g(data):
    """Move the last PT_LOAD of the kernel to 1 GiB, above the loader's kernel window
    (vaddr stays paddr + KERNEL_VBASE, so only the limit check can refuse it)."""
    off, ph = _loads(data)[-1]
    paddr = KERNEL_PHYS_LIMIT + ph[4] % 4096  # keep the offset in the page, as p_align wants
    _put(data, off + P_PADDR, '<Q', paddr)
    _put(data, off + P_VADDR, '<Q', paddr + KERNEL_VBASE)


def outside_user(data):
    """Move the last PT_LOAD of a user program to KERN_BASE, just above user space."""
    off, ph = _loads(data)[-1]
    vaddr = KERN_BASE + ph[3] % 4096  # keep the offset in the page, as p_align wants
    _put(data, off + P_VADDR, '<Q', vaddr)
    _put(data, off + P_PADDR, '<Q', vaddr)


def empty(data):
    del data[:]


MODES = {
    'bad-magic': bad_magic,
    'wrong-class': wrong_class,
    'wrong-machine': wrong_machine,
    'not-exec': not_exec,
    'truncate': truncate,
    'overlap': overlap,
    'outside-memory': outside_memory,
    'above-1g': above_1g,
    'outside-user': outside_user,
    'empty': empty,
}


def corrupt(mode, data):
    """The bytes of ELF file `data` broken as `mode` says. Raises ElfError."""
    if mode not in MODES:
        raise ElfError(f'unknown mode {mode!r} (modes: {", ".join(MODES)})')
    _loads(data)  # every mode starts from an ELF file this script understands
    out = bytearray(data)
    MODES[mode](out)
    return bytes(out)


def main():
    if len(sys.argv) != 4:
        sys.exit(f'usage: corrupt_elf.py MODE IN OUT\nmodes: {", ".join(MODES)}')
    mode, src, dst = sys.argv[1:]
    with open(src, 'rb') as f:
        data = f.read()
    try:
        out = corrupt(mode, data)
    except ElfError as e:
        sys.exit(f'corrupt_elf: {src}: {e}')
    with open(dst, 'wb') as f:
        f.write(out)


if __name__ == '__main__':
    main()
