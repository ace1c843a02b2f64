/* Executables being run: one entry per file (by identity, not name), shared by every
 * process running it, holding the disk server's file id (writes to the file are refused
 * while it is held) and the cache of its read-only pages, so processes running one
 * program share its code. */
#include <stdlib.h>
#include <string.h>

#include "pager.h"

static struct exe *running;

struct exe *exe_open(uint64_t base, const char *path, int64_t *fd_out, const char **why)
{
	uint64_t size = 0, file = 0;
	int64_t fd = disk_open(base, path);
	int64_t id = fd >= 0 ? disk_reopen(DISK_CLIENT_TRUSTED, fd, DISK_REOPEN_DENY_WRITE, &size, &file) : -1;
	struct exe *e = NULL;
	*fd_out = fd;
	*why = fd < 0 ? "open failed" : "no file id: the disk server's table is full";
	if (id < 0)
		goto fail;
	for (e = running; e; e = e->next) {
		if (e->file == file) { /* the same file (a name alone may be a new file) */
			disk_release((uint64_t)id);
			e->users++;
			return e;
		}
	}
	*why = "out of memory";
	e = calloc(1, sizeof *e);
	if (e)
		e->npages = (uint32_t)((size + PAGE - 1) / PAGE);
	if (!e || !(e->ro_pages = calloc(e->npages ? e->npages : 1, sizeof *e->ro_pages)))
		goto fail;
	strcpy(e->path, path);
	e->file_id = (uint64_t)id;
	e->file = file;
	e->size = size;
	e->users = 1;
	e->next = running;
	running = e;
	return e;
fail:
	free(e);
	if (id >= 0)
		disk_release((uint64_t)id);
	if (fd >= 0)
		disk_close(fd);
	*fd_out = -1;
	return NULL;
}

void exe_put(struct exe *e)
{
	if (!e || --e->users)
		return;
	for (uint32_t i = 0; i < e->npages; i++)
		if (e->ro_pages[i])
			e->ro_pages[i]->cached_in = NULL; /* held by no page: it was freed */
	struct exe **link = &running;
	while (*link != e)
		link = &(*link)->next;
	*link = e->next;
	disk_release(e->file_id);
	free(e->ro_pages);
	free(e);
}
