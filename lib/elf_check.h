/* Validation of ELF64 images: the kernel (loaded at p_paddr) and user programs (boot
 * modules and executables). Pure C: the loader, user programs and host unit tests
 * build it. */
#ifndef LIB_ELF_CHECK_H
#define LIB_ELF_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "elf64.h"

#define ELF_PAGE_SIZE 4096ull
/* The kernel's segments must lie below this physical address: the loader's page
 * tables map [KERNEL_VBASE, KERNEL_VBASE + 1 GiB) to physical [0, 1 GiB). */
#define ELF_KERNEL_PHYS_LIMIT (1ull << 30)
/* Lowest user address: page 0 stays unmapped to catch null pointers. */
#define ELF_USER_MIN 0x1000ull

enum elf_err {
	ELF_OK = 0,
	ELF_ERR_SHORT,        /* a = file size */
	ELF_ERR_MAGIC,
	ELF_ERR_CLASS,        /* not ELFCLASS64 + ELFDATA2LSB */
	ELF_ERR_MACHINE,      /* a = e_machine */
	ELF_ERR_TYPE,         /* a = e_type */
	ELF_ERR_PHENTSIZE,    /* a = e_phentsize */
	ELF_ERR_PHDRS,        /* a = end of the header table, b = file size */
	ELF_ERR_NO_LOAD,
	ELF_ERR_FILESZ,       /* seg; a = filesz, b = memsz */
	ELF_ERR_TRUNCATED,    /* seg; a = end of its bytes in the file, b = file size */
	ELF_ERR_VADDR,        /* seg; a = vaddr, b = paddr */
	ELF_ERR_OUTSIDE_MEM,  /* seg; a = paddr, b = memsz */
	ELF_ERR_OUTSIDE_USER, /* seg; a = vaddr, b = memsz */
	ELF_ERR_OVERLAP,      /* seg and seg2 */
	ELF_ERR_ENTRY,        /* a = e_entry */
};

/* The verdict on one image: what is wrong and the numbers that show it. */
struct elf_check {
	enum elf_err err;
	unsigned seg, seg2;       /* program header indexes */
	unsigned long long a, b;  /* meaning depends on err, see enum elf_err */
};

/* Checks a kernel image of size bytes: ELF64 little-endian x86-64 ET_EXEC, program
 * headers and PT_LOAD bytes inside the file, filesz <= memsz, vaddr == paddr +
 * KERNEL_VBASE, physical range below ELF_KERNEL_PHYS_LIMIT, no two PT_LOADs sharing a
 * page, entry inside an executable PT_LOAD. Returns the verdict (err == ELF_OK when
 * the image may be loaded); reads only inside [file, file + size). */
struct elf_check elf_check_kernel(const void *file, uint64_t size);

/* Checks a user program the same way, except that each PT_LOAD must lie inside user
 * space [ELF_USER_MIN, KERN_BASE) and physical addresses are ignored. */
struct elf_check elf_check_user(const void *file, uint64_t size);

/* Copies program header i of a file that passed a check into *ph. */
void elf_phdr(const void *file, unsigned i, struct elf64_phdr *ph);

/* Writes a one-line description of c (no trailing newline) into buf, e.g.
 * "segments 1 and 2 overlap". Returns the length, as fmt_snprintf. */
size_t elf_describe(const struct elf_check *c, char *buf, size_t size);

#endif
