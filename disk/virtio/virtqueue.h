/* A split virtqueue (virtio 1.x section 2.6): descriptor table, available ring and used
 * ring, each in its own DMA page, with one request in flight at a time. */
#ifndef VIRTIO_VIRTQUEUE_H
#define VIRTIO_VIRTQUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include "window.h"

/* Queue size: the rings of this many entries each fit in one page. */
#define VQ_SIZE 128

#define VQ_DESC_NEXT 1u
#define VQ_DESC_WRITE 2u /* the device writes this buffer */

struct vq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};
_Static_assert(sizeof(struct vq_desc) == 16, "virtq_desc layout");

struct vq_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[VQ_SIZE];
	uint16_t used_event;
};
_Static_assert(sizeof(struct vq_avail) == 6 + 2 * VQ_SIZE, "virtq_avail layout");

struct vq_used_elem {
	uint32_t id;
	uint32_t len;
};

struct vq_used {
	uint16_t flags;
	uint16_t idx;
	struct vq_used_elem ring[VQ_SIZE];
	uint16_t avail_event;
};
_Static_assert(sizeof(struct vq_used) == 8 + 8 * VQ_SIZE, "virtq_used layout");
_Static_assert(sizeof(struct vq_desc) * VQ_SIZE <= 4096, "the descriptor table fits a page");

/* One buffer of a request: physical address, length, whether the device writes it. */
struct vq_buf {
	uint64_t phys;
	uint32_t len;
	bool device_writes;
};

struct virtqueue {
	uint16_t size; /* entries, a power of two <= VQ_SIZE */
	volatile struct vq_desc *desc;
	volatile struct vq_avail *avail;
	volatile struct vq_used *used;
	uint64_t desc_phys, avail_phys, used_phys;
	uint16_t last_used; /* used.idx when the last completion was taken */
};

/* Allocates and maps the three ring pages in w for a queue of size entries (a power of
 * two, 1..VQ_SIZE). Returns 0, VIRTIO_ERR_QUEUE for a bad size, or an error of
 * window_map_dma. */
int64_t virtqueue_init(struct virtqueue *q, struct window *w, uint16_t size);

/* Makes the n buffers one descriptor chain, in the order given (the device expects the
 * buffers it reads before those it writes), and offers it in the available ring. The
 * previous chain must have completed (virtqueue_done); n must be 1..size. The caller
 * then notifies the device. */
void virtqueue_submit(struct virtqueue *q, const struct vq_buf *bufs, unsigned n);

/* Whether the device has returned the submitted chain through the used ring. */
bool virtqueue_done(struct virtqueue *q);

#endif
