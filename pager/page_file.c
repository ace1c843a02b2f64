/* Pages of a memory-mapped file (mmap.c): read on first touch, zeros past the end of the
 * file; written back when the process wrote to them (the dirty flag: a file page is
 * mapped writable only after a write fault, so a write always marks it). */
#include <string.h>

#include "pager.h"

static int file_fault_in(struct page *pg, enum fault_outcome *outcome)
{
	struct frame *f = frame_alloc(false);
	if (!f)
		return -1;
	if (disk_page_read(pg->u.file.map->file_id, pg->u.file.offset, f) < 0) {
		frame_discard(f);
		*outcome = OUT_KILL_IO_ERROR;
		return -1;
	}
	memset((char *)frame_data(f) + pg->u.file.bytes, 0, PAGE - pg->u.file.bytes);
	frame_attach(f, pg);
	*outcome = OUT_MMAP_FILE;
	return 0;
}

static void file_describe(struct page *pg, const struct area *a)
{
	uint32_t bytes;
	uint64_t offset = area_file_page(a, pg->addr, &bytes);
	pg->u.file = (__typeof__(pg->u.file)){ a, offset, bytes };
}

/* The child's copy of the mmap (fork copies areas first) holds the child's page. */
static void file_fork(const struct page *parent, struct page *child)
{
	child->u.file = parent->u.file;
	child->u.file.map = area_find(child->proc, parent->u.file.map->start);
	child->dirty = false; /* the parent writes back what it wrote; the child, what it will */
}

/* Writes pg back to its file if it is dirty; false if the disk failed. */
static bool write_back(struct page *pg)
{
	if (!pg->frame || !pg->dirty)
		return true;
	if (disk_page_write(pg->u.file.map->file_id, pg->u.file.offset, pg->u.file.bytes,
			    pg->frame) < 0)
		return false;
	pg->dirty = false;
	trace_event(pg->proc, "write-back", "0x%lx", pg->addr);
	return true;
}

static void file_destroy(struct page *pg)
{
	if (!write_back(pg))
		trace_event(pg->proc, "write-back-failed", "0x%lx", pg->addr);
}

/* The file keeps the page: dirty holders write it back first (a frame written by one
 * holder has no other: copy-on-write gave the writer its own). */
static enum evict_outcome file_evict(struct frame *f)
{
	enum evict_outcome how = EVICT_DROP;
	frame_write_protect(f);
	for (struct page *pg = f->rmap; pg; pg = pg->rmap_next) {
		if (!pg->dirty)
			continue;
		if (!write_back(pg))
			return EVICT_OUTCOMES;
		how = EVICT_WRITE_BACK;
	}
	while (f->rmap) /* each clean now: its area describes it again */
		spt_remove(f->rmap);
	return how;
}

const struct page_ops page_file_ops = { VM_FRAME_FILE, file_fault_in,
					file_describe, file_fork, file_destroy, file_evict };
