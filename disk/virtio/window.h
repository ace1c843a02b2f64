/* The driver's window of virtual addresses: device registers (device-memory frames,
 * which the kernel maps uncached) and DMA pages (fresh frames whose physical addresses
 * the driver hands to the device), mapped one after the other. */
#ifndef VIRTIO_WINDOW_H
#define VIRTIO_WINDOW_H

#include <stdint.h>

#include "errors.h"

/* Addresses [next, end) of the address space in slot vspace are still free. */
struct window {
	uint64_t vspace;
	uint64_t devmem;
	uint64_t next;
	uint64_t end;
};

/* A window of size bytes at base (page aligned) in vspace, taking device frames from
 * the device-memory capability devmem. */
void window_init(struct window *w, uint64_t vspace, uint64_t devmem, uint64_t base,
		 uint64_t size);

/* Maps the device memory [phys, phys + len) (len > 0) readable and writable; *va = the
 * address of phys. Returns 0, VIRTIO_ERR_WINDOW_FULL or the kernel's ERR_* (the pages
 * mapped so far stay mapped). */
int64_t window_map_device(struct window *w, uint64_t phys, uint64_t len, volatile void **va);

/* A fresh zeroed frame from the pool (objects.h) mapped readable and writable; *va and
 * *phys = its addresses. Returns 0, VIRTIO_ERR_WINDOW_FULL or the kernel's ERR_*. */
int64_t window_map_dma(struct window *w, void **va, uint64_t *phys);

#endif
