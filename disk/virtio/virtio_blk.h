/* A virtio-blk disk (virtio 1.x section 5.2) on a modern PCI device: open the index-th
 * one on the bus, read and write 512-byte sectors by DMA, flush. One request at a time;
 * each call waits for its completion interrupt (MSI-X) on a notification. */
#ifndef VIRTIO_VIRTIO_BLK_H
#define VIRTIO_VIRTIO_BLK_H

#include <stdbool.h>
#include <stdint.h>

#include "errors.h"
#include "virtio_pci.h"
#include "virtqueue.h"

#define VBLK_SECTOR_SIZE 512
#define VBLK_MAX_SECTORS 256 /* per vblk_read_phys/vblk_write_phys request: 128 KiB */
#define VBLK_BOUNCE_PAGES 16 /* vblk_read/vblk_write copy through this many pages */

/* The request header and status byte the device reads and writes, in one DMA page. */
struct vblk_request {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
	uint8_t status;
};

struct vblk {
	struct virtio_pci dev;
	struct virtqueue vq;
	uint64_t capacity; /* sectors */
	bool read_only;
	bool flush;        /* the device caches writes until a flush */
	volatile struct vblk_request *request;
	uint64_t request_phys;
	uint8_t *bounce;   /* VBLK_BOUNCE_PAGES pages, contiguous here */
	uint64_t bounce_phys[VBLK_BOUNCE_PAGES];
	uint64_t requests;   /* requests completed (reads, writes, flushes) */
	uint64_t bytes;      /* bytes the completed reads and writes moved */
	uint64_t interrupts; /* waits ended by the device's interrupt */
};

/* Opens the index-th virtio-blk device on the PCI bus (0: the boot disk, 1: swap) with
 * the capabilities and the address window of env (VIRTIO_WINDOW_SIZE bytes, one window
 * per device). Returns 0, VIRTIO_ERR_NO_DEVICE, VIRTIO_ERR_BAD_DEVICE,
 * VIRTIO_ERR_FEATURES, VIRTIO_ERR_QUEUE, VIRTIO_ERR_WINDOW_FULL or the kernel's ERR_*;
 * on failure the slots and mappings made so far stay, unused. */
int64_t vblk_open(struct vblk *d, const struct virtio_env *env, unsigned index);

/* Reads count sectors (1..VBLK_MAX_SECTORS) from sector on into physical memory: the
 * bytes from phys[0] to the end of its page, then from phys[1] to the end of its page,
 * and so on (frames the caller owns). Returns 0, VIRTIO_ERR_RANGE (sectors past the
 * capacity, a bad count, or more than VBLK_MAX_SECTORS / 8 + 1 pieces), VIRTIO_ERR_IO,
 * VIRTIO_ERR_UNSUPPORTED or the kernel's ERR_*. */
int64_t vblk_read_phys(struct vblk *d, uint64_t sector, uint32_t count, const uint64_t *phys);

/* Writes count sectors from physical memory laid out as for vblk_read_phys. Returns as
 * vblk_read_phys; VIRTIO_ERR_UNSUPPORTED on a read-only device. */
int64_t vblk_write_phys(struct vblk *d, uint64_t sector, uint32_t count, const uint64_t *phys);

/* Reads count sectors (any number) from sector on into buf, through the bounce pages.
 * Returns as vblk_read_phys; a range error is found before anything is read. */
int64_t vblk_read(struct vblk *d, uint64_t sector, uint64_t count, void *buf);

/* Writes count sectors from buf, through the bounce pages. Returns as vblk_write_phys;
 * a range error is found before anything is written. */
int64_t vblk_write(struct vblk *d, uint64_t sector, uint64_t count, const void *buf);

/* Makes every completed write durable (VIRTIO_BLK_T_FLUSH when the device caches
 * writes; nothing to do otherwise). Returns 0, VIRTIO_ERR_IO or the kernel's ERR_*. */
int64_t vblk_flush(struct vblk *d);

#endif
