/* PCI configuration space through the legacy I/O-port mechanism (ports 0xcf8/0xcfc):
 * register access, enumeration of bus 0 and the buses behind PCI-to-PCI bridges, the
 * capability list and memory BARs. */
#ifndef VIRTIO_PCI_CONFIG_H
#define VIRTIO_PCI_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

/* A function's address: bus << 8 | device << 3 | function. */
#define PCI_BDF(bus, dev, fn) ((uint32_t)(bus) << 8 | (uint32_t)(dev) << 3 | (uint32_t)(fn))
#define PCI_BUS(bdf) ((bdf) >> 8)
#define PCI_DEV(bdf) (((bdf) >> 3) & 0x1f)
#define PCI_FN(bdf) ((bdf) & 7)

/* Configuration registers (type 0 and 1 headers, PCI Local Bus 3.0 section 6). */
#define PCI_VENDOR 0x00
#define PCI_DEVICE 0x02
#define PCI_COMMAND 0x04
#define PCI_STATUS 0x06
#define PCI_CLASS 0x0a /* subclass (low byte) and base class */
#define PCI_HEADER_TYPE 0x0e
#define PCI_BAR0 0x10
#define PCI_SECONDARY_BUS 0x19 /* bridges */
#define PCI_CAP_PTR 0x34
#define PCI_BARS 6

#define PCI_COMMAND_MEMORY (1u << 1)
#define PCI_COMMAND_MASTER (1u << 2) /* the device may do DMA */
#define PCI_COMMAND_INTX_OFF (1u << 10)
#define PCI_STATUS_CAPS (1u << 4)
#define PCI_CAP_VENDOR 0x09
#define PCI_CAP_MSIX 0x11

/* The capability for ports 0xcf8..0xcff, in the caller's table. */
struct pci {
	uint64_t ports;
};

/* Issues the configuration ports from all_ports (a capability covering 0xcf8..0xcff)
 * into a fresh slot (objects.h). Returns 0 or the kernel's ERR_*. Afterwards no access
 * can fail: a register of an absent function reads as all ones. */
int64_t pci_open(struct pci *p, uint64_t all_ports);

uint32_t pci_read32(const struct pci *p, uint32_t bdf, unsigned reg);
uint16_t pci_read16(const struct pci *p, uint32_t bdf, unsigned reg);
uint8_t pci_read8(const struct pci *p, uint32_t bdf, unsigned reg);
void pci_write32(const struct pci *p, uint32_t bdf, unsigned reg, uint32_t value);
void pci_write16(const struct pci *p, uint32_t bdf, unsigned reg, uint16_t value);

/* Walks bus 0 and every bus behind a bridge, depth first in bus/device/function order,
 * and stores in *bdf the index-th function (counting from 0) for which match(vendor,
 * device) holds. Returns false when there are not that many. */
bool pci_find(const struct pci *p, bool (*match)(uint16_t vendor, uint16_t device),
	      unsigned index, uint32_t *bdf);

/* The configuration offset of the first capability with this id after the one at
 * offset after (0: from the start of the list), or 0 if there is none. */
unsigned pci_cap_find(const struct pci *p, uint32_t bdf, uint8_t id, unsigned after);

/* Stores in *phys the address of memory BAR bar (0..5; a 64-bit BAR takes two). Returns
 * false for an I/O BAR, an unassigned one (address 0) or an index out of range. */
bool pci_bar(const struct pci *p, uint32_t bdf, unsigned bar, uint64_t *phys);

#endif
