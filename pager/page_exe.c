/* Pages of an executable's segments, loaded on first touch: read_bytes from the file at
 * offset, zeros after them. Read-only pages are shared by every process running the same
 * file (the executable's page cache, exe.c); a writable page becomes anonymous once
 * loaded, since its contents now belong to the process alone. */
#include <string.h>

#include "pager.h"

/* Reads the page's bytes into a fresh frame; NULL when memory or (*outcome set) the
 * disk fails. */
static struct frame *load(const struct page *pg, enum fault_outcome *outcome)
{
	struct frame *f = frame_alloc(false);
	if (!f)
		return NULL;
	if (disk_page_read(pg->u.exe.exe->file_id, pg->u.exe.offset, f) < 0) {
		frame_discard(f);
		*outcome = OUT_KILL_IO_ERROR;
		return NULL;
	}
	memset((char *)frame_data(f) + pg->u.exe.read_bytes, 0, PAGE - pg->u.exe.read_bytes);
	return f;
}

static int exe_fault_in(struct page *pg, enum fault_outcome *outcome)
{
	struct exe *e = pg->u.exe.exe;
	uint32_t index = (uint32_t)(pg->u.exe.offset / PAGE);
	struct frame *cached = index < e->npages ? e->ro_pages[index] : NULL;
	if (!pg->writable && cached && cached->cache_bytes == pg->u.exe.read_bytes) {
		frame_attach(cached, pg);
		*outcome = OUT_SHARED_FILE;
		return 0;
	}
	struct frame *f = load(pg, outcome);
	if (!f)
		return -1;
	frame_attach(f, pg);
	*outcome = OUT_LAZY_FILE;
	if (pg->writable) {
		pg->ops = &page_anon_ops;
	} else if (index < e->npages && !cached) {
		e->ro_pages[index] = f;
		f->cached_in = e;
		f->cache_index = index;
		f->cache_bytes = pg->u.exe.read_bytes;
	}
	return 0;
}

static void exe_describe(struct page *pg, const struct area *a)
{
	uint32_t bytes;
	uint64_t offset = area_file_page(a, pg->addr, &bytes);
	pg->u.exe = (__typeof__(pg->u.exe)){ pg->proc->exe, offset, bytes };
}

static void exe_fork(const struct page *parent, struct page *child)
{
	child->u.exe = parent->u.exe;
}

static void exe_destroy(struct page *pg)
{
	(void)pg;
}

/* A read-only page of the file: nothing to save, the file has it. Its records go too
 * (their areas describe them again), so records follow memory in use. */
static enum evict_outcome exe_evict(struct frame *f)
{
	while (f->rmap)
		spt_remove(f->rmap); /* unmaps it and lets go of f */
	return EVICT_DROP;
}

const struct page_ops page_exe_ops = { VM_FRAME_EXE, exe_fault_in,
					exe_describe, exe_fork, exe_destroy, exe_evict };
