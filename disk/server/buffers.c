/* Clients' I/O buffers: frames of a process's own that the pager lends once
 * (DISK_BUFFER), kept mapped here until the process exits, through which its file
 * reads and writes move (DISK_BULK_READ, DISK_BULK_WRITE). A request finds its buffer
 * by the caller's badge alone, so no client can name another's. */
#include "ops.h"
#include "server.h"

static struct buffer *buffer_find(uint64_t id)
{
	for (unsigned i = 0; i < DISK_CLIENTS; i++)
		if (disk.buffers[i].id == id)
			return &disk.buffers[i];
	return NULL;
}

static uint64_t buffer_addr(const struct buffer *b, uint64_t page)
{
	return DISK_BUFFERS + (uint64_t)(b - disk.buffers) * DISK_BUFFER_SIZE + page * DISK_PAGE_SIZE;
}

static uint64_t buffer_slot(const struct buffer *b, uint64_t page)
{
	return DISK_SLOT_BUFFERS + (uint64_t)(b - disk.buffers) * DISK_BUFFER_PAGES + page;
}

/* Decodes the client id, the page index and the frame (ordinary memory); then keeps a
 * copy of the capability and maps it. */
int64_t do_buffer(struct request *rq)
{
	uint64_t id = rq->arg[0], page = rq->arg[1], phys, device;
	if (!id || id >= DISK_CLIENT_TRUSTED || page >= DISK_BUFFER_PAGES || !rq->frame ||
	    frame_info(DISK_SLOT_RECV, &phys, &device) || device)
		return DISK_EINVAL;
	struct buffer *b = buffer_find(id);
	if (b && (b->pages & (1u << page)))
		return DISK_EINVAL;
	if (!b && !(b = buffer_find(0)))
		return DISK_ENFILE;
	uint64_t slot = buffer_slot(b, page);
	if (cap_derive(DISK_SLOT_RECV, slot, RIGHT_READ | RIGHT_WRITE, 0))
		return DISK_EINVAL;
	if (vspace_map(DISK_SLOT_VSPACE, slot, buffer_addr(b, page), RIGHT_READ | RIGHT_WRITE)) {
		cap_delete(slot);
		return DISK_EINVAL;
	}
	b->id = id;
	b->pages |= 1u << page;
	return 0;
}

uint8_t *buffer_of(uint64_t id)
{
	struct buffer *b = buffer_find(id);
	return b && b->pages == BUFFER_FULL ? (uint8_t *)buffer_addr(b, 0) : NULL;
}

void buffers_exit(uint64_t id)
{
	struct buffer *b = id ? buffer_find(id) : NULL;
	if (!b)
		return;
	for (unsigned i = 0; i < DISK_BUFFER_PAGES; i++) {
		if (!(b->pages & (1u << i)))
			continue;
		vspace_unmap(DISK_SLOT_VSPACE, buffer_addr(b, i), 1);
		cap_delete(buffer_slot(b, i));
	}
	*b = (struct buffer){ 0, 0 };
}
