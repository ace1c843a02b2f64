/* Loading the kernel at its physical addresses and reading the boot modules. */
#ifndef BOOT_LOAD_H
#define BOOT_LOAD_H

#include <stdint.h>

#include "bootinfo.h"
#include "config.h"

#define KERNEL_SEGMENTS_MAX 16

/* One kernel segment, whole pages: prepared at src, to be copied to its physical
 * home dst by handoff_enter once the firmware is gone. */
struct kernel_copy {
	uint64_t dst, src, bytes;
};

/* The kernel as loaded: its entry point and the copies that put it in place. */
struct kernel_load {
	uint64_t entry;
	unsigned count;
	struct kernel_copy copies[KERNEL_SEGMENTS_MAX];
};

/* Reads the kernel ELF at path into BOOT_MEM_KERNEL_FILE pages, checks it, claims the
 * BOOT_MEM_KERNEL pages at each PT_LOAD's p_paddr, prepares each segment (zeroed past
 * filesz) in loader pages elsewhere and records the file in info. The segments are
 * not written to their p_paddr yet: a firmware may keep its own stack or tables in RAM
 * it reports as free (U-Boot does, below 2 MiB), so handoff_enter copies them after
 * ExitBootServices. Returns the load, in loader memory. Fails the boot on any error. */
const struct kernel_load *load_kernel(const char *path, struct boot_info *info);

/* Reads module m into BOOT_MEM_MODULE pages, checks it as a user program and records
 * it in *out. Fails the boot on any error. */
void load_module(const struct config_module *m, struct boot_module *out);

#endif
