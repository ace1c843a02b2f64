/* The page tables the kernel starts on: all RAM mapped at identity and at
 * DIRECT_MAP_BASE, and [KERNEL_VBASE, KERNEL_VBASE + 1 GiB) mapped to [0, 1 GiB). */
#ifndef BOOT_PAGING_H
#define BOOT_PAGING_H

#include <stdint.h>

/* The most RAM the boot page tables map (one page-directory-pointer table). */
#define PAGING_MAX_GIB 512

/* Builds 4-level tables with 2 MiB pages, present and writable, mapping physical
 * [0, ram_top rounded up to 1 GiB) at identity and at DIRECT_MAP_BASE, plus the
 * kernel window, in BOOT_MEM_LOADER_PT pages. Returns the physical address of the
 * PML4. Fails the boot if RAM ends above PAGING_MAX_GIB or the CPU runs with 5-level
 * paging. */
uint64_t paging_build(uint64_t ram_top);

#endif
