/* The ACPI root pointer (ACPI spec 6.5, 5.2.5.3): "RSD PTR ", a checksum over the first
 * 20 bytes, and for revision 2+ an extended checksum over `length` bytes. */
#include "acpi.h"

#include <stdbool.h>

#include "bootinfo.h"
#include "console.h"
#include "memlayout.h"
#include "paging.h"

#define RSDP_V1_SIZE 20
#define RSDP_V2_MIN_SIZE 36

struct rsdp {
	char signature[8];
	uint8_t checksum;
	char oem_id[6];
	uint8_t revision;
	uint32_t rsdt_phys;
	uint32_t length; /* revision 2+ */
	uint64_t xsdt_phys;
	uint8_t extended_checksum;
	uint8_t reserved[3];
} __attribute__((packed));
_Static_assert(sizeof(struct rsdp) == RSDP_V2_MIN_SIZE, "rsdp layout");

static bool sums_to_zero(const uint8_t *p, uint32_t n)
{
	uint8_t sum = 0;
	for (uint32_t i = 0; i < n; i++)
		sum += p[i];
	return sum == 0;
}

struct sdt_header {
	char signature[4];
	uint32_t length;
	uint8_t revision;
	uint8_t checksum;
	char oem[6];
	char oem_table[8];
	uint32_t oem_revision;
	uint32_t creator_id;
	uint32_t creator_revision;
} __attribute__((packed));
_Static_assert(sizeof(struct sdt_header) == 36, "ACPI table header layout");

#define TABLE_MAX_LENGTH (1u << 20)

static const struct rsdp *root_pointer;

/* ACPI data may sit in firmware-reserved memory, outside the direct map of RAM. */
static const void *reach(uint64_t pa, uint64_t size)
{
	uint64_t mapped, flags;
	for (uint64_t p = PAGE_ROUND_DOWN(pa); p < pa + size; p += PAGE_SIZE)
		if (!paging_translate((uint64_t)phys_to_virt(p), &mapped, &flags))
			return paging_map_mmio(pa, size);
	return phys_to_virt(pa);
}

static bool same4(const char *a, const char *b) { return a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3]; }

/* The table at pa if its signature matches and its checksum is right. */
static const struct sdt_header *table_at(uint64_t pa, const char *signature)
{
	const struct sdt_header *h = reach(pa, sizeof *h);
	if (!same4(h->signature, signature) || h->length < sizeof *h || h->length > TABLE_MAX_LENGTH)
		return NULL;
	h = reach(pa, h->length);
	return sums_to_zero((const uint8_t *)h, h->length) ? h : NULL;
}

const void *acpi_find_table(const char *signature, uint32_t *length)
{
	if (!root_pointer)
		return NULL;
	bool x = root_pointer->revision >= 2 && root_pointer->xsdt_phys;
	const struct sdt_header *root = x ? table_at(root_pointer->xsdt_phys, "XSDT")
					  : table_at(root_pointer->rsdt_phys, "RSDT");
	if (!root)
		return NULL;
	uint32_t entry = x ? 8 : 4;
	const uint8_t *entries = (const uint8_t *)(root + 1);
	for (uint32_t off = 0; off + entry <= root->length - sizeof *root; off += entry) {
		uint64_t pa = 0;
		for (uint32_t b = 0; b < entry; b++)
			pa |= (uint64_t)entries[off + b] << (8 * b);
		const struct sdt_header *h = table_at(pa, signature);
		if (h) {
			*length = h->length;
			return h;
		}
	}
	return NULL;
}

int acpi_init(const struct boot_info *bi)
{
	if (!bi->rsdp_phys) {
		kprintf("acpi: the firmware gave no RSDP\n");
		return -1;
	}
	const struct rsdp *r = reach(bi->rsdp_phys, RSDP_V2_MIN_SIZE);
	const char *sig = "RSD PTR ";
	for (int i = 0; i < 8; i++) {
		if (r->signature[i] != sig[i]) {
			kprintf("acpi: no RSDP signature at 0x%lx\n", bi->rsdp_phys);
			return -1;
		}
	}
	bool v2 = r->revision >= 2;
	if (!sums_to_zero((const uint8_t *)r, RSDP_V1_SIZE) ||
	    (v2 && (r->length < RSDP_V2_MIN_SIZE || r->length > PAGE_SIZE ||
		    !sums_to_zero((const uint8_t *)r, RSDP_V2_MIN_SIZE)))) {
		kprintf("acpi: RSDP at 0x%lx has a bad checksum\n", bi->rsdp_phys);
		return -1;
	}
	kprintf("acpi: RSDP revision %u at 0x%lx, OEM '%c%c%c%c%c%c', %s at 0x%lx\n", r->revision,
		bi->rsdp_phys, r->oem_id[0], r->oem_id[1], r->oem_id[2], r->oem_id[3], r->oem_id[4],
		r->oem_id[5], v2 ? "XSDT" : "RSDT", v2 ? r->xsdt_phys : (uint64_t)r->rsdt_phys);
	root_pointer = r;
	return r->revision;
}
