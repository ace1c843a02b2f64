/* Kernel page tables. Four levels; 2 MiB pages for the direct map where a whole
 * aligned 2 MiB block is RAM of one range, 4 KiB pages elsewhere. */
#include "paging.h"

#include <stddef.h>

#include "cpu.h"
#include "memlayout.h"
#include "panic.h"
#include "pmm.h"

#define LARGE_PAGE (2ull << 20)
#define ENTRIES 512

static uint64_t kernel_pml4; /* physical */
static struct paging_features features;

static unsigned index_at(uint64_t va, int level) { return (va >> (12 + 9 * (level - 1))) & (ENTRIES - 1); }

static uint64_t *table_of(uint64_t entry) { return phys_to_virt(entry & PTE_ADDR_MASK); }

/* Returns the entry for va at level (1 = page table, 2 = page directory) in the tables
 * rooted at pml4, allocating missing intermediate tables when alloc is set. Returns
 * NULL when a table is missing (and !alloc or out of memory) or a large page is in the
 * way. */
static uint64_t *walk(uint64_t pml4, uint64_t va, int level, bool alloc)
{
	uint64_t *table = phys_to_virt(pml4);
	for (int l = 4; l > level; l--) {
		uint64_t *e = &table[index_at(va, l)];
		if (!(*e & PTE_P)) {
			if (!alloc)
				return NULL;
			uint64_t pa = pmm_alloc(1);
			if (!pa)
				return NULL;
			uint64_t *fresh = phys_to_virt(pa);
			for (int i = 0; i < ENTRIES; i++)
				fresh[i] = 0;
			*e = pa | PTE_P | PTE_W;
		} else if (*e & PTE_PS) {
			return NULL;
		}
		table = table_of(*e);
	}
	return &table[index_at(va, level)];
}

static uint64_t global_bit(void) { return features.global ? PTE_G : 0; }

static void map_or_panic(uint64_t va, uint64_t pa, uint64_t flags, int level)
{
	uint64_t *e = walk(kernel_pml4, va, level, true);
	if (!e || (*e & PTE_P))
		panic("paging_init: cannot map 0x%lx (level %d)", va, level);
	*e = pa | flags | PTE_P | (level == 2 ? PTE_PS : 0) | global_bit();
}

static void map_direct_range(uint64_t base, uint64_t end, uint64_t flags)
{
	for (uint64_t pa = base; pa < end;) {
		if (pa % LARGE_PAGE == 0 && end - pa >= LARGE_PAGE) {
			map_or_panic(DIRECT_MAP_BASE + pa, pa, flags, 2);
			pa += LARGE_PAGE;
		} else {
			map_or_panic(DIRECT_MAP_BASE + pa, pa, flags, 1);
			pa += PAGE_SIZE;
		}
	}
}

static bool is_ram_type(uint32_t type) { return type != BOOT_MEM_RESERVED; }

/* Maps the kernel image with 4 KiB pages: text RX, rodata R, data and bss RW, all but
 * text NX. The page under the boot stack stays unmapped as a guard. */
static void map_kernel_image(void)
{
	uint64_t nx = features.nx ? PTE_NX : 0;
	for (uint64_t va = (uint64_t)__kernel_start; va < (uint64_t)__kernel_end; va += PAGE_SIZE) {
		uint64_t flags;
		if (va < (uint64_t)__text_end)
			flags = 0;
		else if (va < (uint64_t)__rodata_end)
			flags = nx;
		else if (va == (uint64_t)__stack_guard)
			continue;
		else
			flags = PTE_W | nx;
		map_or_panic(va, kernel_image_phys((void *)va), flags, 1);
	}
}

static void detect_features(void)
{
	uint32_t r[4];
	cpuid(0x80000001, 0, r);
	features.nx = r[3] & (1u << 20);
	cpuid(1, 0, r);
	features.global = r[3] & (1u << 13);
	cpuid(0, 0, r);
	if (r[0] >= 7) {
		cpuid(7, 0, r);
		features.smep = r[1] & (1u << 7);
		features.smap = r[1] & (1u << 20);
	}
}

static void enable_protections(void)
{
	if (features.nx)
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
	write_cr0(read_cr0() | CR0_WP);
	uint64_t cr4 = read_cr4();
	if (features.smep)
		cr4 |= CR4_SMEP;
	if (features.smap)
		cr4 |= CR4_SMAP;
	if (features.global)
		cr4 |= CR4_PGE;
	write_cr4(cr4);
}

void paging_init(const struct boot_info *bi)
{
	detect_features();
	kernel_pml4 = pmm_alloc(1);
	if (!kernel_pml4)
		panic("paging_init: no frame for the PML4");
	uint64_t *root = phys_to_virt(kernel_pml4);
	for (int i = 0; i < ENTRIES; i++)
		root[i] = 0;
	for (uint32_t i = 0; i < bi->mem_count; i++) {
		const struct boot_mem_range *r = &bi->mem[i];
		/* The image's alias stays read-only, or W^X would be void. */
		uint64_t flags = (r->type == BOOT_MEM_KERNEL ? 0 : PTE_W) | (features.nx ? PTE_NX : 0);
		if (is_ram_type(r->type))
			map_direct_range(r->base, r->base + r->pages * PAGE_SIZE, flags);
	}
	map_kernel_image();
	enable_protections();
	write_cr3(kernel_pml4);
	pmm_release_loader_tables(bi);
}

const struct paging_features *paging_features(void) { return &features; }

int paging_map(uint64_t va, uint64_t pa, uint64_t flags)
{
	uint64_t *e = walk(kernel_pml4, va, 1, true);
	if (!e || (*e & PTE_P))
		return -1;
	*e = (pa & PTE_ADDR_MASK) | flags | PTE_P | global_bit();
	return 0;
}

uint64_t paging_unmap(uint64_t va)
{
	uint64_t *e = walk(kernel_pml4, va, 1, false);
	if (!e || !(*e & PTE_P))
		return 0;
	uint64_t pa = *e & PTE_ADDR_MASK;
	*e = 0;
	invlpg(va);
	return pa;
}

bool paging_translate(uint64_t va, uint64_t *pa, uint64_t *flags)
{
	uint64_t *table = phys_to_virt(read_cr3() & PTE_ADDR_MASK);
	for (int l = 4; l >= 1; l--) {
		uint64_t e = table[index_at(va, l)];
		if (!(e & PTE_P))
			return false;
		if (l == 1 || (e & PTE_PS)) {
			uint64_t page = 1ull << (12 + 9 * (l - 1));
			*pa = (e & PTE_ADDR_MASK & ~(page - 1)) | (va & (page - 1));
			*flags = e & ~PTE_ADDR_MASK;
			return true;
		}
		table = table_of(e);
	}
	return false;
}

#define KERNEL_MMIO_RANGES 16

/* Physical ranges the kernel mapped for itself with paging_map_mmio. */
static struct {
	uint64_t base, end;
} kernel_mmio[KERNEL_MMIO_RANGES];
static unsigned kernel_mmio_count;

bool paging_is_kernel_mmio(uint64_t pa)
{
	for (unsigned i = 0; i < kernel_mmio_count; i++)
		if (pa >= kernel_mmio[i].base && pa < kernel_mmio[i].end)
			return true;
	return false;
}

static void remember_mmio(uint64_t pa, uint64_t size)
{
	if (kernel_mmio_count == KERNEL_MMIO_RANGES)
		panic("paging_map_mmio: more than %d device ranges", KERNEL_MMIO_RANGES);
	kernel_mmio[kernel_mmio_count].base = PAGE_ROUND_DOWN(pa);
	kernel_mmio[kernel_mmio_count].end = PAGE_ROUND_UP(pa + size);
	kernel_mmio_count++;
}

void *paging_map_mmio(uint64_t pa, uint64_t size)
{
	remember_mmio(pa, size);
	uint64_t nx = features.nx ? PTE_NX : 0;
	for (uint64_t p = PAGE_ROUND_DOWN(pa); p < pa + size; p += PAGE_SIZE) {
		uint64_t mapped, flags;
		if (paging_translate(DIRECT_MAP_BASE + p, &mapped, &flags))
			continue; /* RAM (or already mapped): keep its mapping */
		uint64_t *e = walk(kernel_pml4, DIRECT_MAP_BASE + p, 1, true);
		if (!e)
			panic("paging_map_mmio: cannot map 0x%lx", p);
		*e = p | PTE_P | PTE_W | PTE_PCD | PTE_PWT | nx;
		invlpg(DIRECT_MAP_BASE + p);
	}
	return phys_to_virt(pa);
}

uint64_t paging_kernel_root(void) { return kernel_pml4; }
