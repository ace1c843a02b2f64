/* The split virtqueue's rings (virtqueue.h). One chain in flight: it always starts at
 * descriptor 0, so there is no free list. */
#include "virtqueue.h"

#include "errors.h"

/* Keeps the ring writes in program order; x86 makes stores visible in order, so only
 * the compiler could reorder them. */
#define barrier() __asm__ volatile("" ::: "memory")

int64_t virtqueue_init(struct virtqueue *q, struct window *w, uint16_t size)
{
	void *desc, *avail, *used;
	if (size == 0 || size > VQ_SIZE || (size & (size - 1)))
		return VIRTIO_ERR_QUEUE;
	int64_t err = window_map_dma(w, &desc, &q->desc_phys);
	if (!err)
		err = window_map_dma(w, &avail, &q->avail_phys);
	if (!err)
		err = window_map_dma(w, &used, &q->used_phys);
	if (err)
		return err;
	q->size = size;
	q->desc = desc;
	q->avail = avail;
	q->used = used;
	q->last_used = 0;
	return 0;
}

void virtqueue_submit(struct virtqueue *q, const struct vq_buf *bufs, unsigned n)
{
	barrier(); /* the buffers (bounce pages, headers) are written before the device sees them */
	for (unsigned i = 0; i < n; i++) {
		q->desc[i].addr = bufs[i].phys;
		q->desc[i].len = bufs[i].len;
		q->desc[i].flags = (uint16_t)((bufs[i].device_writes ? VQ_DESC_WRITE : 0) |
					      (i + 1 < n ? VQ_DESC_NEXT : 0));
		q->desc[i].next = (uint16_t)(i + 1 < n ? i + 1 : 0);
	}
	uint16_t idx = q->avail->idx;
	q->avail->ring[idx % q->size] = 0;
	barrier(); /* the device may read the chain as soon as it sees the new index */
	q->avail->idx = (uint16_t)(idx + 1);
	barrier();
}

bool virtqueue_done(struct virtqueue *q)
{
	if (q->used->idx == q->last_used)
		return false;
	q->last_used++; /* the chain is the only one in flight: its id is 0 */
	barrier();      /* what the device wrote is read only after seeing the new index */
	return true;
}
