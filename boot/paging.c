/* The boot page tables (see paging.h). Layout: one PML4, one PDPT shared by the
 * identity map (PML4 slot 0) and the direct map (slot 256), one PDPT for the kernel
 * window (slot 511), and one page directory per GiB, shared by all three maps. */
#include "paging.h"

#include "bootinfo.h"
#include "firmware.h"
#include "mem.h"

#define PTE_PRESENT 0x1ull
#define PTE_WRITE 0x2ull
#define PTE_LARGE 0x80ull /* in a page directory: a 2 MiB page */
/* No entry sets NX (bit 63): handoff_enter clears EFER.NXE, which makes it reserved. */
#define ENTRIES 512
#define GIB (1ull << 30)
#define MIB2 (1ull << 21)
#define CR4_LA57 (1ull << 12)

static unsigned index_of(uint64_t va, unsigned level_shift)
{
	return (unsigned)((va >> level_shift) & (ENTRIES - 1));
}

static uint64_t read_cr4(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

uint64_t paging_build(uint64_t ram_top)
{
	uint64_t gib = ram_top ? (ram_top + GIB - 1) / GIB : 1;
	uint64_t *pml4, *pdpt_low, *pdpt_kernel, *pd;

	if (read_cr4() & CR4_LA57)
		fail(NULL, "firmware runs with 5-level paging; the loader builds 4-level tables");
	if (gib > PAGING_MAX_GIB)
		fail(NULL, "RAM ends at 0x%llx, above the %u GiB the boot page tables map", ram_top,
		     PAGING_MAX_GIB);
	pml4 = (uint64_t *)fw_alloc_pages(OS_MEM(BOOT_MEM_LOADER_PT), 3 + gib, "page tables");
	memset(pml4, 0, (3 + gib) * PAGE_SIZE);
	pdpt_low = pml4 + ENTRIES;
	pdpt_kernel = pdpt_low + ENTRIES;
	pd = pdpt_kernel + ENTRIES;

	for (uint64_t i = 0; i < gib * ENTRIES; i++)
		pd[i] = i * MIB2 | PTE_LARGE | PTE_WRITE | PTE_PRESENT;
	for (uint64_t g = 0; g < gib; g++)
		pdpt_low[g] = (uint64_t)&pd[g * ENTRIES] | PTE_WRITE | PTE_PRESENT;
	pdpt_kernel[index_of(KERNEL_VBASE, 30)] = (uint64_t)pd | PTE_WRITE | PTE_PRESENT;
	pml4[0] = (uint64_t)pdpt_low | PTE_WRITE | PTE_PRESENT;
	pml4[index_of(DIRECT_MAP_BASE, 39)] = (uint64_t)pdpt_low | PTE_WRITE | PTE_PRESENT;
	pml4[index_of(KERNEL_VBASE, 39)] = (uint64_t)pdpt_kernel | PTE_WRITE | PTE_PRESENT;
	return (uint64_t)pml4;
}
