/* mmap and munmap with the Pintos-KAIST rules: a mapping of a file's pages at a page-
 * aligned address, loaded lazily, zeros past the end of the file, independent of the fd
 * (it survives close and remove: the disk server's file id holds the file), written back
 * page by page where the process wrote, when unmapped or at exit. */
#include <stdlib.h>

#include "pager.h"

static unsigned id_holders[DISK_FILES_PER_CLIENT * 4]; /* per disk file id */

void mmap_hold(uint64_t file_id)
{
	if (file_id < sizeof id_holders / sizeof id_holders[0])
		id_holders[file_id]++;
}

static void id_put(uint64_t file_id)
{
	if (file_id < sizeof id_holders / sizeof id_holders[0] && --id_holders[file_id] == 0)
		disk_release(file_id);
}

/* True if [addr, addr + pages) is free of pages (and of the process pages at the top). */
static bool range_free(const struct process *p, uint64_t addr, uint64_t pages)
{
	for (uint64_t i = 0; i < pages; i++)
		if (spt_find(&p->spt, addr + i * PAGE))
			return false;
	return addr + pages * PAGE <= PROCESS_SPECIAL_BASE;
}

uint64_t mmap_do(struct process *p, uint64_t addr, uint64_t length, bool writable, int64_t fd,
		 uint64_t offset)
{
	uint64_t pages = (length + PAGE - 1) / PAGE, size, file;
	unsigned maps = 0;
	for (const struct mapping *m = p->maps; m; m = m->next)
		maps++;
	if (!addr || addr % PAGE || offset % PAGE || offset >= (1ull << 32) || !length ||
	    fd < DISK_FD_FIRST || length > KERN_BASE || addr + pages * PAGE < addr ||
	    addr + pages * PAGE > KERN_BASE || p->spt.count + pages > PROC_PAGES_MAX ||
	    maps >= PROC_MMAPS_MAX || !range_free(p, addr, pages))
		return 0;
	int64_t id = disk_reopen((uint64_t)p->pid, fd, writable ? DISK_REOPEN_WRITABLE : 0, &size, &file);
	if (id < 0)
		return 0;
	struct mapping *m = malloc(sizeof *m);
	if (!m || size == 0) {
		free(m);
		disk_release((uint64_t)id);
		return 0;
	}
	*m = (struct mapping){ addr, 0, (uint64_t)id, offset, writable, p->maps };
	p->maps = m;
	mmap_hold(m->file_id);
	for (uint64_t i = 0; i < pages; i++, m->pages++) {
		struct page *pg = spt_add(p, addr + i * PAGE, &page_file_ops, writable);
		if (!pg) {
			munmap_do(p, addr);
			return 0;
		}
		uint64_t off = offset + i * PAGE;
		uint64_t bytes = size > off ? size - off : 0;
		pg->u.file.map = m;
		pg->u.file.offset = off;
		pg->u.file.bytes = (uint32_t)(bytes < PAGE ? bytes : PAGE);
	}
	trace_event(p, "mmap", "0x%lx %lu pages fd %ld offset 0x%lx", addr, pages, fd, offset);
	return addr;
}

/* Removes mapping m of p (the link that points at it is *link). */
static void unmap(struct process *p, struct mapping **link)
{
	struct mapping *m = *link;
	for (uint64_t i = 0; i < m->pages; i++) {
		struct page *pg = spt_find(&p->spt, m->addr + i * PAGE);
		if (pg)
			spt_remove(pg);
	}
	*link = m->next;
	id_put(m->file_id);
	free(m);
}

void munmap_do(struct process *p, uint64_t addr)
{
	for (struct mapping **link = &p->maps; *link; link = &(*link)->next) {
		if ((*link)->addr == addr) {
			trace_event(p, "munmap", "0x%lx", addr);
			unmap(p, link);
			return;
		}
	}
}

void mmap_drop_all(struct process *p)
{
	while (p->maps)
		unmap(p, &p->maps);
}
