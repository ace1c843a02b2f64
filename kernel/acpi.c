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

/* The RSDP may sit in firmware-reserved memory, outside the direct map of RAM. */
static const struct rsdp *reach(uint64_t pa)
{
	uint64_t mapped, flags;
	if (!paging_translate((uint64_t)phys_to_virt(pa), &mapped, &flags) ||
	    !paging_translate((uint64_t)phys_to_virt(pa + RSDP_V2_MIN_SIZE - 1), &mapped, &flags))
		return paging_map_mmio(pa, RSDP_V2_MIN_SIZE);
	return phys_to_virt(pa);
}

int acpi_init(const struct boot_info *bi)
{
	if (!bi->rsdp_phys) {
		kprintf("acpi: the firmware gave no RSDP\n");
		return -1;
	}
	const struct rsdp *r = reach(bi->rsdp_phys);
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
	return r->revision;
}
