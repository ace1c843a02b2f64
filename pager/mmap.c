/* mmap and munmap with the Pintos-KAIST rules: a mapping of a file's pages at a page-
 * aligned address, loaded lazily, zeros past the end of the file, independent of the fd
 * (it survives close and remove: the disk server's file id holds the file), written back
 * page by page where the process wrote, when unmapped or at exit. */
#include "pager.h"

static unsigned id_holders[DISK_FILE_IDS]; /* per disk file id: processes mapping it */

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

static unsigned mmaps_of(const struct process *p)
{
	unsigned n = 0;
	for (const struct area *a = p->areas; a; a = a->next)
		n += a->kind == VM_MMAP;
	return n;
}

/* Why mmap(addr, pages, fd, offset) is refused before the file is looked at (the
 * trace's words), or NULL. */
static const char *refusal(const struct process *p, uint64_t addr, uint64_t length, int64_t fd,
			   uint64_t offset)
{
	uint64_t end = addr + (length + PAGE - 1) / PAGE * PAGE;
	if (!addr || addr % PAGE || offset % PAGE || offset >= (1ull << 32) || !length ||
	    length > KERN_BASE || end < addr || end > PROCESS_SPECIAL_BASE)
		return "bad address, length or offset";
	if (fd < DISK_FD_FIRST)
		return "not a file";
	if (mmaps_of(p) >= PROC_MMAPS_MAX)
		return "16 mmaps already";
	if (!area_range_free(p, addr, end))
		return "the range meets another mapping or the stack area";
	return NULL;
}

/* The trace's words for DISK_REOPEN's error err. */
static const char *reopen_words(int64_t err)
{
	return err == DISK_EBADF ? "not an open file" : err == DISK_EPERM ? "a system file: read-only" :
	       "no file id: the disk server's table is full";
}

uint64_t mmap_do(struct process *p, uint64_t addr, uint64_t length, bool writable, int64_t fd,
		 uint64_t offset)
{
	uint64_t pages = (length + PAGE - 1) / PAGE, size = 0, file;
	const char *why = refusal(p, addr, length, fd, offset);
	int64_t id = why ? -1 : disk_reopen((uint64_t)p->pid, fd, writable ? DISK_REOPEN_WRITABLE : 0,
					    &size, &file);
	struct area a = { addr, addr + pages * PAGE, VM_MMAP, &page_file_ops, writable, false, offset,
			  size > offset ? size - offset : 0, (uint64_t)id, NULL };
	if (!why && id < 0)
		why = reopen_words(id);
	else if (!why && size == 0)
		why = "an empty file";
	else if (!why && !area_add(p, &a))
		why = "out of memory, or the address space would pass 256 MiB";
	if (why) {
		if (id >= 0)
			disk_release((uint64_t)id);
		trace_event(p, "mmap-fail", "0x%lx fd %ld: %s", addr, fd, why);
		return 0;
	}
	mmap_hold(a.file_id);
	trace_event(p, "mmap", "0x%lx %lu pages fd %ld offset 0x%lx", addr, pages, fd, offset);
	return addr;
}

/* Removes mmap area a of p: its pages (dirty ones written back), then its file id. */
static void unmap(struct process *p, struct area *a)
{
	uint64_t file_id = a->file_id;
	area_remove(p, a);
	id_put(file_id);
}

void munmap_do(struct process *p, uint64_t addr)
{
	struct area *a = area_find(p, addr);
	if (a && a->kind == VM_MMAP && a->start == addr) {
		trace_event(p, "munmap", "0x%lx", addr);
		unmap(p, a);
		check_all_next();
	}
}

void mmap_drop_all(struct process *p)
{
	for (struct area *a = p->areas, *next; a; a = next) {
		next = a->next;
		if (a->kind == VM_MMAP)
			unmap(p, a);
	}
}
