/* Trusted requests of the process life cycle: fork copies a client's handles, exit
 * closes them and forgets the client's I/O buffer, sync makes everything written durable (pending zeros too). */
#include "server.h"

/* fat_sync (which flushes the boot disk) and a flush of the swap disk if it was
 * written since the last one; clean: the volume is marked cleanly shut down as well
 * (fat_sync_clean), for DISK_SYNC, which the system sends before it powers off. */
static int64_t sync_all(bool clean)
{
	int64_t err = !disk.mounted ? 0
		    : disk_err(clean ? fat_sync_clean(&disk.fs) : fat_sync(&disk.fs));
	if (disk.swap_ok && disk.swap_unflushed) {
		if (vblk_flush(&disk.swap))
			err = err ? err : DISK_EIO;
		else
			disk.swap_unflushed = false;
	}
	return err;
}

/* The child gets a copy of the parent's fds (files and directories, with their
 * offsets) and its working directory; a child id still in use is refused. */
int64_t do_fork(struct request *rq)
{
	uint64_t parent_id = rq->arg[0], child_id = rq->arg[1];
	struct client *parent = client_find(parent_id), *child = client_find(child_id);
	if (parent_id == child_id || child)
		return DISK_EINVAL;
	if (!parent)
		return 0;
	child = client_get(child_id);
	if (!child)
		return DISK_ENFILE;
	*child = *parent;
	child->id = child_id;
	disk.dir_holds += child->dirs + (child->cwd[0] != '\0');
	for (unsigned i = 0; i < DISK_FILES_PER_CLIENT; i++)
		if (child->fds[i].node)
			fat_dup(child->fds[i].node);
	return 0;
}

/* A client without open files has nothing to sync: its files were synced at their last
 * close, and its exit then waits for no device (nor does the pager, which asks). */
int64_t do_exit(struct request *rq)
{
	struct client *c = client_find(rq->arg[0]);
	int64_t err = 0;
	bool had_files = false;
	buffers_exit(rq->arg[0]);
	dirs_exit(c);
	for (unsigned i = 0; c && i < DISK_FILES_PER_CLIENT; i++) {
		if (!fd_used(&c->fds[i]))
			continue;
		int64_t e = client_close(c, &c->fds[i]);
		err = err ? err : e;
		had_files = true;
	}
	if (!had_files)
		return 0;
	int64_t s = sync_all(false);
	return err ? err : s;
}

int64_t do_sync(struct request *rq)
{
	(void)rq;
	int64_t err = disk.mounted ? disk_err(zeros_finish()) : 0;
	int64_t s = sync_all(true);
	return err ? err : s;
}
