/* Trusted requests of the process life cycle: fork copies a client's handles, exit
 * closes them, sync makes everything written durable. */
#include "server.h"

/* fat_sync (which flushes the boot disk) and a flush of the swap disk; clean: the
 * volume is marked cleanly shut down as well (fat_sync_clean), for DISK_SYNC, which the
 * system sends before it powers off. */
static int64_t sync_all(bool clean)
{
	int64_t err = !disk.mounted ? 0
		    : disk_err(clean ? fat_sync_clean(&disk.fs) : fat_sync(&disk.fs));
	if (disk.swap_ok && vblk_flush(&disk.swap) && !err)
		err = DISK_EIO;
	return err;
}

int64_t do_fork(struct request *rq)
{
	uint64_t parent_id = rq->arg[0], child_id = rq->arg[1];
	struct client *parent = client_find(parent_id), *child = client_find(child_id);
	if (parent_id == child_id || (child && child->open))
		return DISK_EINVAL;
	if (!parent)
		return 0;
	child = client_get(child_id);
	if (!child)
		return DISK_ENFILE;
	for (unsigned i = 0; i < DISK_FILES_PER_CLIENT; i++) {
		if (!parent->fds[i].node)
			continue;
		fat_dup(parent->fds[i].node);
		child->fds[i] = parent->fds[i];
	}
	child->open = parent->open;
	return 0;
}

int64_t do_exit(struct request *rq)
{
	struct client *c = client_find(rq->arg[0]);
	int64_t err = 0;
	for (unsigned i = 0; c && i < DISK_FILES_PER_CLIENT; i++) {
		if (!c->fds[i].node)
			continue;
		int64_t e = client_close(c, &c->fds[i]);
		err = err ? err : e;
	}
	int64_t s = sync_all(false);
	return err ? err : s;
}

int64_t do_sync(struct request *rq)
{
	(void)rq;
	return sync_all(true);
}
