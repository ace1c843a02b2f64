/* The kernel's page tables: a direct map of physical memory, the kernel image mapped
 * W^X, MMIO on request; and the CPU protections (NX, WP, SMEP, SMAP) that go with them. */
#ifndef KERNEL_PAGING_H
#define KERNEL_PAGING_H

#include <stdbool.h>
#include <stdint.h>

#define PTE_P (1ull << 0)
#define PTE_W (1ull << 1)
#define PTE_U (1ull << 2)
#define PTE_PWT (1ull << 3)
#define PTE_PCD (1ull << 4)
#define PTE_PS (1ull << 7)
#define PTE_G (1ull << 8)
#define PTE_NX (1ull << 63)
#define PTE_ADDR_MASK 0x000ffffffffff000ull

struct boot_info;

/* CPU protections in force, set by paging_init. */
struct paging_features {
	bool nx, smep, smap, global;
};

/* Builds the kernel page tables from the memory map, enables the protections the CPU
 * has, switches CR3 and frees the loader's tables. Panics if memory runs out. */
void paging_init(const struct boot_info *bi);
/* The protections paging_init found and enabled. */
const struct paging_features *paging_features(void);
/* Maps one 4 KiB page at kernel address va to pa with flags (PTE_W, PTE_NX, ...).
 * Returns 0, or -1 if va is already mapped or a page table cannot be allocated. */
int paging_map(uint64_t va, uint64_t pa, uint64_t flags);
/* Unmaps the 4 KiB page at va and returns its physical address (0 if unmapped). */
uint64_t paging_unmap(uint64_t va);
/* Looks va up in the active tables: on success sets *pa and the leaf entry's *flags. */
bool paging_translate(uint64_t va, uint64_t *pa, uint64_t *flags);
/* Physical address of the kernel's PML4; every address space shares its upper half. */
uint64_t paging_kernel_root(void);
/* True if pa lies in device memory the kernel mapped for itself (paging_map_mmio):
 * such pages are never handed to user space. */
bool paging_is_kernel_mmio(uint64_t pa);
/* Maps device memory uncached at its direct-map address (pages already mapped keep
 * their mapping); returns that address. */
void *paging_map_mmio(uint64_t pa, uint64_t size);

#endif
