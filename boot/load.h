/* Loading the kernel at its physical addresses and reading the boot modules. */
#ifndef BOOT_LOAD_H
#define BOOT_LOAD_H

#include <stdint.h>

#include "bootinfo.h"
#include "config.h"

/* Reads the kernel ELF at path into BOOT_MEM_KERNEL_FILE pages, checks it, copies each
 * PT_LOAD to BOOT_MEM_KERNEL pages at its p_paddr (zeroing past filesz) and records the
 * file in info. Returns the (virtual) entry point. Fails the boot on any error. */
uint64_t load_kernel(const char *path, struct boot_info *info);

/* Reads module m into BOOT_MEM_MODULE pages, checks it as a user program and records
 * it in *out. Fails the boot on any error. */
void load_module(const struct config_module *m, struct boot_module *out);

#endif
