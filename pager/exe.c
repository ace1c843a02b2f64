/* Executables being run: one entry per file, shared by every process running it, holding
 * the disk server's file id (writes to the file are refused while it is held) and the
 * cache of its read-only pages, so processes running one program share its code. */
#include <stdlib.h>
#include <string.h>

#include "pager.h"

static struct exe *running;

struct exe *exe_open(const char *path, int64_t *fd_out)
{
	int64_t fd = disk_open(path);
	*fd_out = fd;
	if (fd < 0)
		return NULL;
	for (struct exe *e = running; e; e = e->next) {
		if (!strcmp(e->path, path)) {
			e->users++;
			return e;
		}
	}
	struct exe *e = calloc(1, sizeof *e);
	uint64_t size = 0;
	int64_t id = e ? disk_reopen(DISK_CLIENT_TRUSTED, fd, true, &size) : -1;
	if (id < 0) {
		free(e);
		disk_close(fd);
		*fd_out = -1;
		return NULL;
	}
	e->npages = (uint32_t)((size + PAGE - 1) / PAGE);
	e->ro_pages = calloc(e->npages ? e->npages : 1, sizeof *e->ro_pages);
	if (!e->ro_pages) {
		disk_release((uint64_t)id);
		free(e);
		disk_close(fd);
		*fd_out = -1;
		return NULL;
	}
	strcpy(e->path, path);
	e->file_id = (uint64_t)id;
	e->size = size;
	e->users = 1;
	e->next = running;
	running = e;
	return e;
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
