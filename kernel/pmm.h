/* The physical frame allocator, built from the loader's memory map. Frames are named
 * by physical address; the kernel touches them through the direct map. */
#ifndef KERNEL_PMM_H
#define KERNEL_PMM_H

#include <stdint.h>

struct boot_info;

/* Frees every BOOT_MEM_FREE range except frame 0 and the bitmap's own pages.
 * Kernel, modules, boot info and loader page tables stay in use. */
void pmm_init(const struct boot_info *bi);
/* Returns the physical address of count contiguous frames (not zeroed), or 0 when no
 * such run is free. */
uint64_t pmm_alloc(uint64_t count);
/* Returns frames from pmm_alloc. Freeing a frame that is not allocated panics. */
void pmm_free(uint64_t pa, uint64_t count);
/* Frees the pages of the loader's page tables; call once the kernel's own are live. */
void pmm_release_loader_tables(const struct boot_info *bi);
/* Frames free now. */
uint64_t pmm_free_frames(void);
/* Frames free at boot (plus the loader's tables once released): the most that can be
 * free at once. */
uint64_t pmm_total_frames(void);

#endif
