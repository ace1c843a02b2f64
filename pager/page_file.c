/* Pages of a memory-mapped file (mmap.c): read on first touch, zeros past the end of the
 * file; written back when the process wrote to them (the dirty flag: a file page is
 * mapped writable only after a write fault, so a write always marks it). */
#include <string.h>

#include "pager.h"

static int file_fault_in(struct page *pg, const char **outcome)
{
	struct frame *f = frame_alloc(false);
	if (!f)
		return -1;
	if (disk_page_read(pg->u.file.map->file_id, pg->u.file.offset, f) < 0) {
		frame_discard(f);
		*outcome = "kill-io-error";
		return -1;
	}
	memset((char *)frame_data(f) + pg->u.file.bytes, 0, PAGE - pg->u.file.bytes);
	frame_attach(f, pg);
	*outcome = "mmap-file";
	return 0;
}

static void file_fork(const struct page *parent, struct page *child)
{
	child->u.file = parent->u.file;
	for (struct mapping *m = child->proc->maps; m; m = m->next)
		if (m->addr == parent->u.file.map->addr)
			child->u.file.map = m;
}

static void file_destroy(struct page *pg)
{
	if (!pg->frame || !pg->dirty)
		return;
	disk_page_write(pg->u.file.map->file_id, pg->u.file.offset, pg->u.file.bytes, pg->frame);
	trace_event(pg->proc, "write-back", "0x%lx", pg->addr);
}

const struct page_ops page_file_ops = { "file", file_fault_in, file_fork, file_destroy };
