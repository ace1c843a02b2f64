/* PCI configuration space through ports 0xcf8 (address) and 0xcfc (data): registers,
 * enumeration across bridges, capabilities, BARs (pci.h). */
#include "pci.h"

#include "objects.h"
#include "ops.h"

#define CONFIG_ADDRESS 0xcf8
#define CONFIG_DATA 0xcfc
#define CONFIG_PORTS 8
#define CONFIG_ENABLE 0x80000000u
#define PCI_BUSES 256
#define PCI_DEVICES 32
#define PCI_FUNCTIONS 8
#define VENDOR_NONE 0xffff
#define HEADER_MULTIFUNCTION 0x80
#define HEADER_LAYOUT 0x7f
#define HEADER_BRIDGE 1
#define CLASS_PCI_BRIDGE 0x0604
#define CAP_LIST_MAX 48 /* (256 - 64) / 4: a longer list loops */
#define BAR_IO 1u
#define BAR_TYPE_MASK 6u
#define BAR_TYPE_64 4u
#define BAR_MEM_MASK 0xfffffff0u

int64_t pci_open(struct pci *p, uint64_t all_ports)
{
	p->ports = slot_alloc();
	if (!p->ports)
		return ERR_SLOT_FULL;
	return ioport_issue(all_ports, CONFIG_ADDRESS, CONFIG_PORTS, p->ports);
}

/* Selects register reg & ~3 of bdf; returns the data port of byte reg & 3. */
static uint64_t select(const struct pci *p, uint32_t bdf, unsigned reg)
{
	ioport_out(p->ports, CONFIG_ADDRESS, 4, CONFIG_ENABLE | bdf << 8 | (reg & 0xfc));
	return CONFIG_DATA + (reg & 3);
}

static uint32_t config_in(const struct pci *p, uint32_t bdf, unsigned reg, unsigned width)
{
	uint64_t v = 0;
	ioport_in(p->ports, select(p, bdf, reg), width, &v);
	return (uint32_t)v;
}

uint32_t pci_read32(const struct pci *p, uint32_t bdf, unsigned reg)
{
	return config_in(p, bdf, reg, 4);
}

uint16_t pci_read16(const struct pci *p, uint32_t bdf, unsigned reg)
{
	return (uint16_t)config_in(p, bdf, reg, 2);
}

uint8_t pci_read8(const struct pci *p, uint32_t bdf, unsigned reg)
{
	return (uint8_t)config_in(p, bdf, reg, 1);
}

void pci_write32(const struct pci *p, uint32_t bdf, unsigned reg, uint32_t value)
{
	ioport_out(p->ports, select(p, bdf, reg), 4, value);
}

void pci_write16(const struct pci *p, uint32_t bdf, unsigned reg, uint16_t value)
{
	ioport_out(p->ports, select(p, bdf, reg), 2, value);
}

/* The enumeration's state: what it looks for and how many matches are still to skip. */
struct search {
	const struct pci *p;
	bool (*match)(uint16_t vendor, uint16_t device);
	unsigned skip;
	unsigned depth; /* buses entered: bounds a bridge loop */
};

static bool search_bus(struct search *s, unsigned bus, uint32_t *bdf);

/* Checks function bdf and, if it is a bridge, the bus behind it. */
static bool search_function(struct search *s, uint32_t f, uint32_t *bdf)
{
	if (s->match(pci_read16(s->p, f, PCI_VENDOR), pci_read16(s->p, f, PCI_DEVICE))) {
		if (s->skip == 0) {
			*bdf = f;
			return true;
		}
		s->skip--;
	}
	if ((pci_read8(s->p, f, PCI_HEADER_TYPE) & HEADER_LAYOUT) != HEADER_BRIDGE ||
	    pci_read16(s->p, f, PCI_CLASS) != CLASS_PCI_BRIDGE)
		return false;
	unsigned secondary = pci_read8(s->p, f, PCI_SECONDARY_BUS);
	return secondary > PCI_BUS(f) && search_bus(s, secondary, bdf);
}

static bool search_bus(struct search *s, unsigned bus, uint32_t *bdf)
{
	if (++s->depth > PCI_BUSES)
		return false;
	for (unsigned dev = 0; dev < PCI_DEVICES; dev++) {
		if (pci_read16(s->p, PCI_BDF(bus, dev, 0), PCI_VENDOR) == VENDOR_NONE)
			continue;
		bool multi = pci_read8(s->p, PCI_BDF(bus, dev, 0), PCI_HEADER_TYPE) & HEADER_MULTIFUNCTION;
		for (unsigned fn = 0; fn < (multi ? PCI_FUNCTIONS : 1); fn++) {
			uint32_t f = PCI_BDF(bus, dev, fn);
			if (pci_read16(s->p, f, PCI_VENDOR) != VENDOR_NONE && search_function(s, f, bdf))
				return true;
		}
	}
	return false;
}

bool pci_find(const struct pci *p, bool (*match)(uint16_t vendor, uint16_t device),
	      unsigned index, uint32_t *bdf)
{
	struct search s = { p, match, index, 0 };
	return search_bus(&s, 0, bdf);
}

unsigned pci_cap_find(const struct pci *p, uint32_t bdf, uint8_t id, unsigned after)
{
	if (!(pci_read16(p, bdf, PCI_STATUS) & PCI_STATUS_CAPS))
		return 0;
	unsigned at = after ? pci_read8(p, bdf, after + 1) : pci_read8(p, bdf, PCI_CAP_PTR);
	for (unsigned n = 0; n < CAP_LIST_MAX && at >= 0x40; n++) {
		at &= 0xfc;
		if (pci_read8(p, bdf, at) == id)
			return at;
		at = pci_read8(p, bdf, at + 1);
	}
	return 0;
}

bool pci_bar(const struct pci *p, uint32_t bdf, unsigned bar, uint64_t *phys)
{
	if (bar >= PCI_BARS)
		return false;
	uint32_t low = pci_read32(p, bdf, PCI_BAR0 + 4 * bar);
	if (low & BAR_IO)
		return false;
	*phys = low & BAR_MEM_MASK;
	if ((low & BAR_TYPE_MASK) == BAR_TYPE_64) {
		if (bar + 1 >= PCI_BARS)
			return false;
		*phys |= (uint64_t)pci_read32(p, bdf, PCI_BAR0 + 4 * (bar + 1)) << 32;
	}
	return *phys != 0;
}
