/* I/O APIC (82093AA datasheet; ACPI MADT entries 1 and 2 give its address and the
 * ISA source overrides). One I/O APIC covering the ISA lines is assumed. */
#include "ioapic.h"

#include "acpi.h"
#include "apic.h"
#include "console.h"
#include "paging.h"

#define MADT_HEADER 44 /* SDT header + local APIC address + flags */
#define MADT_IOAPIC 1
#define MADT_OVERRIDE 2
#define IOREGSEL 0
#define IOWIN 4 /* in 32-bit words */
#define REDIR_BASE 0x10
#define REDIR_MASKED (1u << 16)
#define REDIR_LEVEL (1u << 15)
#define REDIR_ACTIVE_LOW (1u << 13)

struct line {
	uint32_t gsi;
	bool level, active_low;
};

static volatile uint32_t *regs;
static uint32_t gsi_base;
static struct line lines[ISA_IRQS];

static void write_reg(uint32_t reg, uint32_t v)
{
	regs[IOREGSEL] = reg;
	regs[IOWIN] = v;
}

static uint32_t read_reg(uint32_t reg)
{
	regs[IOREGSEL] = reg;
	return regs[IOWIN];
}

static uint32_t redir_low(unsigned irq) { return REDIR_BASE + 2 * (lines[irq].gsi - gsi_base); }

static void parse_override(const uint8_t *e)
{
	uint8_t source = e[3];
	uint32_t gsi = e[4] | e[5] << 8 | e[6] << 16 | (uint32_t)e[7] << 24;
	uint16_t flags = (uint16_t)(e[8] | e[9] << 8);
	if (source >= ISA_IRQS)
		return;
	lines[source].gsi = gsi;
	lines[source].active_low = (flags & 3) == 3;
	lines[source].level = ((flags >> 2) & 3) == 3;
}

bool ioapic_init(void)
{
	uint32_t length;
	const uint8_t *madt = acpi_find_table("APIC", &length);
	if (!madt)
		return false;
	for (unsigned i = 0; i < ISA_IRQS; i++)
		lines[i] = (struct line){ i, false, false };
	uint64_t address = 0;
	for (uint32_t off = MADT_HEADER; off + 2 <= length && madt[off + 1] >= 2; off += madt[off + 1]) {
		const uint8_t *e = madt + off;
		if (e[0] == MADT_IOAPIC && e[1] >= 12 && !address) {
			address = e[4] | e[5] << 8 | e[6] << 16 | (uint64_t)e[7] << 24;
			gsi_base = e[8] | e[9] << 8 | e[10] << 16 | (uint32_t)e[11] << 24;
		} else if (e[0] == MADT_OVERRIDE && e[1] >= 10) {
			parse_override(e);
		}
	}
	if (!address)
		return false;
	regs = paging_map_mmio(address, 0x20);
	uint32_t count = ((read_reg(1) >> 16) & 0xff) + 1;
	for (unsigned i = 0; i < ISA_IRQS; i++)
		if (lines[i].gsi < gsi_base || lines[i].gsi - gsi_base >= count)
			lines[i].gsi = UINT32_MAX;
	for (uint32_t i = 0; i < count; i++)
		write_reg(REDIR_BASE + 2 * i, REDIR_MASKED);
	kprintf("ioapic: at 0x%lx, %u lines from GSI %u\n", address, count, gsi_base);
	return true;
}

bool ioapic_present(void) { return regs != 0; }

bool ioapic_route(unsigned irq, uint8_t vector)
{
	if (!regs || lines[irq].gsi == UINT32_MAX)
		return false;
	uint32_t low = vector | REDIR_MASKED | (lines[irq].level ? REDIR_LEVEL : 0) |
		       (lines[irq].active_low ? REDIR_ACTIVE_LOW : 0);
	write_reg(redir_low(irq) + 1, apic_id() << 24);
	write_reg(redir_low(irq), low);
	return true;
}

void ioapic_mask(unsigned irq, bool masked)
{
	if (lines[irq].gsi == UINT32_MAX)
		return;
	uint32_t low = read_reg(redir_low(irq));
	write_reg(redir_low(irq), masked ? low | REDIR_MASKED : low & ~REDIR_MASKED);
}

bool ioapic_is_level(unsigned irq) { return lines[irq].level; }
