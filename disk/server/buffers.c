/* Clients' I/O buffers: frames of a process's own that the pager lends once
 * (DISK_BUFFER), kept mapped here until the process exits, through which its file
 * reads and writes move (DISK_BULK_READ, DISK_BULK_WRITE). A request finds its buffer
 * by the caller's badge alone (a hash of the id, idtable.c), so no client can name
 * another's. */
#include "ops.h"
#include "server.h"

/* Client id's buffer, found by hash (idtable.c), or NULL. */
static struct buffer *buffer_find(uint64_t id)
{
	int slot = id_find(&disk.buffer_ids, id);
	return slot < 0 ? NULL : &disk.buffers[slot];
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
	bool added = !b;
	if (added) {
		int at = id_add(&disk.buffer_ids, id);
		if (at < 0)
			return DISK_ENFILE;
		b = &disk.buffers[at];
		b->pages = 0;
	}
	uint64_t slot = buffer_slot(b, page);
	int64_t err = cap_derive(DISK_SLOT_RECV, slot, RIGHT_READ | RIGHT_WRITE, 0) ? DISK_EINVAL : 0;
	if (!err && vspace_map(DISK_SLOT_VSPACE, slot, buffer_addr(b, page), RIGHT_READ | RIGHT_WRITE)) {
		cap_delete(slot);
		err = DISK_EINVAL;
	}
	if (err) {
		if (added)
			id_remove(&disk.buffer_ids, (unsigned)(b - disk.buffers));
		return err;
	}
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
	b->pages = 0;
	id_remove(&disk.buffer_ids, (unsigned)(b - disk.buffers));
}
