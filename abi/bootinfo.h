/* Boot-info handed from the UEFI loader to the kernel, and the layout both agree on.
 * The loader fills one struct boot_info, passes its physical address in rdi. */
#ifndef ABI_BOOTINFO_H
#define ABI_BOOTINFO_H

#include <stdint.h>

/* The kernel image is linked at physical address + KERNEL_VBASE. */
#define KERNEL_VBASE 0xffffffff80000000ull
/* All physical memory is mapped at DIRECT_MAP_BASE + physical address. */
#define DIRECT_MAP_BASE 0xffff800000000000ull
/* User space ends here (exclusive); nothing user-visible is mapped above. */
#define KERN_BASE 0x8004000000ull

#define BOOTINFO_MAGIC 0x4f464e49544f4f42ull /* "BOOTINFO" little-endian */
#define BOOTINFO_VERSION 1

#define BOOT_MAX_MODULES 16
#define BOOT_MAX_MEMRANGES 256
#define BOOT_CMDLINE_MAX 512
#define BOOT_NAME_MAX 32

/* What a physical range holds when the kernel starts. Only BOOT_MEM_FREE may be
 * handed out at once; BOOT_MEM_LOADER_PT becomes free once the kernel has left the
 * loader's page tables. */
enum boot_mem_type {
	BOOT_MEM_FREE = 1,
	BOOT_MEM_RESERVED,     /* firmware, MMIO, unusable */
	BOOT_MEM_ACPI_RECLAIM, /* ACPI tables */
	BOOT_MEM_ACPI_NVS,
	BOOT_MEM_KERNEL,       /* the loaded kernel segments */
	BOOT_MEM_KERNEL_FILE,  /* the kernel ELF file as read (symbols for backtraces) */
	BOOT_MEM_MODULE,       /* a boot module's file image */
	BOOT_MEM_BOOTINFO,     /* this structure */
	BOOT_MEM_LOADER_PT,    /* the loader's page tables */
};

struct boot_mem_range {
	uint64_t base;  /* physical, page aligned */
	uint64_t pages; /* 4 KiB pages */
	uint32_t type;  /* enum boot_mem_type */
	uint32_t reserved;
};
_Static_assert(sizeof(struct boot_mem_range) == 24, "boot_mem_range layout");

/* A boot module: an ELF file read whole from the ESP, page aligned. */
struct boot_module {
	char name[BOOT_NAME_MAX]; /* NUL-terminated, from the config file */
	uint64_t phys;
	uint64_t size; /* bytes of the file */
};
_Static_assert(sizeof(struct boot_module) == 48, "boot_module layout");

/* On entry to the kernel: long mode, interrupts off, rdi = physical address of this
 * structure; the loader's page tables map all physical memory both at identity and at
 * DIRECT_MAP_BASE, and [KERNEL_VBASE, KERNEL_VBASE + 1 GiB) to physical [0, 1 GiB).
 * Protections off: EFER.NXE, CR0.WP, CR4.SMEP and CR4.SMAP are clear whatever the
 * firmware set; the kernel enables NX, WP, SMEP, SMAP itself.
 * Memory ranges are sorted by base and do not overlap. */
struct boot_info {
	uint64_t magic;   /* BOOTINFO_MAGIC */
	uint32_t version; /* BOOTINFO_VERSION */
	uint32_t size;    /* sizeof(struct boot_info) */
	uint64_t rsdp_phys;         /* ACPI RSDP, 0 if none */
	uint64_t kernel_file_phys;  /* the kernel ELF file, for its symbol table */
	uint64_t kernel_file_size;
	uint32_t mem_count;
	uint32_t module_count;
	uint32_t cmdline_len;       /* bytes in cmdline, without the NUL */
	uint32_t reserved;
	char cmdline[BOOT_CMDLINE_MAX]; /* from the ESP file; NUL-terminated */
	struct boot_module modules[BOOT_MAX_MODULES];
	struct boot_mem_range mem[BOOT_MAX_MEMRANGES];
};
_Static_assert(sizeof(struct boot_info) == 56 + BOOT_CMDLINE_MAX + 48 * BOOT_MAX_MODULES +
				      24 * BOOT_MAX_MEMRANGES,
	       "boot_info layout");

#endif
