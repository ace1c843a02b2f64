/* The UEFI memory map, before and after ExitBootServices (see memmap.h). */
#include "memmap.h"

#include "firmware.h"
#include "mem.h"

/* Descriptors the loader's own allocations after memmap_alloc may add to the map
 * (page tables; each allocation can split a free range in two). */
#define MAP_SLACK_DESCS 64

static const EFI_MEMORY_DESCRIPTOR *desc(const struct efi_map *m, UINTN i)
{
	return (const EFI_MEMORY_DESCRIPTOR *)(m->buf + i * m->desc_size);
}

void memmap_alloc(struct efi_map *m)
{
	EFI_BOOT_SERVICES *bs = g_st->BootServices;
	EFI_STATUS st;

	m->size = 0;
	st = bs->GetMemoryMap(&m->size, NULL, &m->key, &m->desc_size, &m->version);
	if (st != EFI_BUFFER_TOO_SMALL || m->desc_size < sizeof(EFI_MEMORY_DESCRIPTOR))
		fail(NULL, "cannot size the memory map (%s)", fw_status(st));
	/* Both allocations below may add descriptors too: the slack covers them. */
	m->cap = m->size + MAP_SLACK_DESCS * m->desc_size;
	m->buf = (uint8_t *)fw_alloc_pages(EfiLoaderData, PAGES(m->cap), "the memory map");
	m->scratch = (struct boot_mem_range *)fw_alloc_pages(
		EfiLoaderData, PAGES(m->cap / m->desc_size * sizeof *m->scratch),
		"the memory map");
}

EFI_STATUS memmap_get(struct efi_map *m)
{
	m->size = m->cap;
	return g_st->BootServices->GetMemoryMap(&m->size, (EFI_MEMORY_DESCRIPTOR *)m->buf,
						&m->key, &m->desc_size, &m->version);
}

static int is_ram(UINT32 type)
{
	return type != EfiReservedMemoryType && type != EfiUnusableMemory &&
	       type != EfiMemoryMappedIO && type != EfiMemoryMappedIOPortSpace &&
	       type != EfiPalCode;
}

uint64_t memmap_ram_top(const struct efi_map *m)
{
	uint64_t top = 0;

	for (UINTN i = 0; i < m->size / m->desc_size; i++) {
		const EFI_MEMORY_DESCRIPTOR *d = desc(m, i);
		uint64_t end = d->PhysicalStart + d->NumberOfPages * PAGE_SIZE;

		if (is_ram(d->Type) && end > top)
			top = end;
	}
	return top;
}

static uint32_t boot_type(UINT32 efi)
{
	switch (efi) {
	case EfiConventionalMemory:
	case EfiBootServicesCode:
	case EfiBootServicesData:
	case EfiLoaderCode:
	case EfiLoaderData:
		return BOOT_MEM_FREE;
	case EfiACPIReclaimMemory:
		return BOOT_MEM_ACPI_RECLAIM;
	case EfiACPIMemoryNVS:
		return BOOT_MEM_ACPI_NVS;
	}
	if (efi > 0x80000000u && efi <= 0x80000000u + BOOT_MEM_LOADER_PT)
		return efi - 0x80000000u;
	return BOOT_MEM_RESERVED;
}

/* Insertion sort by base: the map has a few hundred entries at most. */
static void sort(struct boot_mem_range *r, UINTN n)
{
	for (UINTN i = 1; i < n; i++) {
		struct boot_mem_range x = r[i];
		UINTN j = i;

		for (; j > 0 && r[j - 1].base > x.base; j--)
			r[j] = r[j - 1];
		r[j] = x;
	}
}

/* Merges adjacent ranges of one type in sorted r[0..n) in place; returns how many remain. */
static UINTN merge(struct boot_mem_range *r, UINTN n)
{
	UINTN out = 0;

	for (UINTN i = 0; i < n; i++) {
		struct boot_mem_range *last = out ? &r[out - 1] : NULL;

		if (last && last->type == r[i].type && last->base + last->pages * PAGE_SIZE == r[i].base)
			last->pages += r[i].pages;
		else
			r[out++] = r[i];
	}
	return out;
}

void memmap_convert(const struct efi_map *m, struct boot_info *info)
{
	UINTN n = m->size / m->desc_size;
	struct boot_mem_range *r = m->scratch;

	for (UINTN i = 0; i < n; i++) {
		const EFI_MEMORY_DESCRIPTOR *d = desc(m, i);
		struct boot_mem_range x = { d->PhysicalStart, d->NumberOfPages, boot_type(d->Type), 0 };
		r[i] = x;
	}
	sort(r, n);
	n = merge(r, n);
	if (n > BOOT_MAX_MEMRANGES)
		fail(NULL, "memory map has %llu ranges after merging, more than %u",
		     (unsigned long long)n, BOOT_MAX_MEMRANGES);
	memcpy(info->mem, r, n * sizeof *r);
	info->mem_count = (uint32_t)n;
}
