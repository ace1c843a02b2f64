/* The pager as a client of the disk server (abi/disk.h): it starts the server, then
 * calls it with its trusted client id for executables, mmaps and process life cycles. */
#include <string.h>

#include "console.h"
#include "diskserver.h"
#include "ops.h"
#include "pager.h"
#include "uthread.h"

static uint64_t client; /* the server's endpoint, badged DISK_CLIENT_TRUSTED */

uint64_t disk_init(void)
{
	uint64_t ep, thread;
	int64_t err = disk_server_start(PRIO_DISK, &ep, &thread);
	if (err)
		pager_panic("cannot start the disk server (error %ld)", err);
	client = slot_get();
	if (!client || cap_derive(ep, client, RIGHT_WRITE | RIGHT_GRANT, DISK_CLIENT_TRUSTED))
		pager_panic("no slot for the disk client capability");
	return ep;
}

/* Calls the server with label and arguments (and frame f when not NULL); returns MR0,
 * and MR1, MR2 in mr12[0], mr12[1] when it is not NULL. A failed call is DISK_EIO. */
static int64_t call(uint64_t label, uint64_t words, uint64_t a0, uint64_t a1, uint64_t a2,
		    const struct frame *f, uint64_t *mr12)
{
	struct msg m = { MSG_TAG(label, words, f ? 1 : 0), 0, { a0, a1, a2, 0 } };
	if (f)
		ipc_buf()->send_cap = f->slot;
	if (sys_call(client, &m))
		return DISK_EIO;
	if (mr12) {
		mr12[0] = m.mr[1];
		mr12[1] = m.mr[2];
	}
	return (int64_t)m.mr[0];
}

int64_t disk_open(uint64_t base, const char *path)
{
	uint64_t n = strlen(path) + 1;
	if (n > DISK_PATH_MAX)
		return DISK_ENAMETOOLONG;
	memcpy(&ipc_buf()->mr[DISK_DATA_MR], path, n);
	return call(DISK_OPEN, DISK_DATA_MR + (n + 7) / 8, base, 0, 0, NULL, NULL);
}

int64_t disk_read(int64_t fd, void *buf, uint64_t n)
{
	int64_t got = call(DISK_READ, 2, (uint64_t)fd, n, 0, NULL, NULL);
	if (got > 0)
		memcpy(buf, &ipc_buf()->mr[DISK_DATA_MR], (size_t)got);
	return got;
}

int64_t disk_close(int64_t fd) { return call(DISK_CLOSE, 1, (uint64_t)fd, 0, 0, NULL, NULL); }

int64_t disk_reopen(uint64_t id, int64_t fd, uint64_t how, uint64_t *size, uint64_t *file)
{
	uint64_t mr12[2] = { 0, 0 };
	int64_t r = call(DISK_REOPEN, 3, id, (uint64_t)fd, how, NULL, mr12);
	*size = mr12[0];
	*file = mr12[1];
	return r;
}

void disk_release(uint64_t file_id) { call(DISK_RELEASE, 1, file_id, 0, 0, NULL, NULL); }

int64_t disk_page_read(uint64_t file_id, uint64_t offset, const struct frame *f)
{
	return call(DISK_PAGE_READ, 2, file_id, offset, 0, f, NULL);
}

int64_t disk_page_write(uint64_t file_id, uint64_t offset, uint64_t bytes, const struct frame *f)
{
	return call(DISK_PAGE_WRITE, 3, file_id, offset, bytes, f, NULL);
}

int64_t disk_fork(uint64_t parent, uint64_t child)
{
	return call(DISK_FORK, 2, parent, child, 0, NULL, NULL);
}
void disk_exit(uint64_t id) { call(DISK_EXIT, 1, id, 0, 0, NULL, NULL); }
void disk_sync(void) { call(DISK_SYNC, 0, 0, 0, 0, NULL, NULL); }
int64_t disk_swap_slots(void) { return call(DISK_SWAP_SLOTS, 0, 0, 0, 0, NULL, NULL); }

int64_t disk_swap_read(int64_t slot, const struct frame *f)
{
	return call(DISK_SWAP_READ, 1, (uint64_t)slot, 0, 0, f, NULL);
}

int64_t disk_swap_write(int64_t slot, const struct frame *f)
{
	return call(DISK_SWAP_WRITE, 1, (uint64_t)slot, 0, 0, f, NULL);
}
