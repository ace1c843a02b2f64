/* The UEFI memory map: fetching it into a buffer sized before ExitBootServices, and
 * converting the final one into the boot-info memory ranges afterwards. */
#ifndef BOOT_MEMMAP_H
#define BOOT_MEMMAP_H

#include <stdint.h>

#include "bootinfo.h"
#include "uefi.h"

struct efi_map {
	uint8_t *buf;        /* descriptors, desc_size bytes apart */
	UINTN cap;           /* bytes in buf */
	UINTN size;          /* bytes filled by the last GetMemoryMap */
	UINTN key;
	UINTN desc_size;
	UINT32 version;
	struct boot_mem_range *scratch; /* cap / desc_size entries for the conversion */
};

/* Allocates m's buffers with room for the current map plus the descriptors the
 * loader's remaining allocations may add. Fails the boot on error. */
void memmap_alloc(struct efi_map *m);

/* Fetches the current map into m (GetMemoryMap and nothing else, so it may run
 * between ExitBootServices attempts). Returns the firmware status. */
EFI_STATUS memmap_get(struct efi_map *m);

/* The end of the highest range of RAM (not MMIO or reserved) in the fetched map. */
uint64_t memmap_ram_top(const struct efi_map *m);

/* Converts the fetched map into info->mem and info->mem_count: boot_mem_type per
 * range, sorted by base, adjacent ranges of one type merged. Runs after
 * ExitBootServices: more than BOOT_MAX_MEMRANGES merged ranges fail the boot (the
 * line goes to COM1); otherwise calls no firmware service. */
void memmap_convert(const struct efi_map *m, struct boot_info *info);

#endif
