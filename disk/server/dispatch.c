/* The label table: which handler serves each request, whether only trusted clients may
 * ask, and whether it needs the mounted file system or the swap disk. */
#include "server.h"

struct op {
	handler_fn fn;
	bool trusted;
	bool fs;   /* needs the FAT32 file system */
	bool swap; /* needs the swap disk */
};

static const struct op ops[] = {
	[DISK_CREATE] = { do_create, false, true, false },
	[DISK_OPEN] = { do_open, false, true, false },
	[DISK_CLOSE] = { do_close, false, true, false },
	[DISK_READ] = { do_read, false, true, false },
	[DISK_WRITE] = { do_write, false, true, false },
	[DISK_SEEK] = { do_seek, false, true, false },
	[DISK_TELL] = { do_tell, false, true, false },
	[DISK_SIZE] = { do_size, false, true, false },
	[DISK_REMOVE] = { do_remove, false, true, false },
	[DISK_MKDIR] = { do_mkdir, false, true, false },
	[DISK_CHDIR] = { do_chdir, false, true, false },
	[DISK_READDIR] = { do_readdir, false, true, false },
	[DISK_INUMBER] = { do_inumber, false, true, false },
	[DISK_STATS] = { do_stats, false, false, false },
	[DISK_BULK_READ] = { do_bulk_read, false, true, false },
	[DISK_BULK_WRITE] = { do_bulk_write, false, true, false },
	[DISK_FORK] = { do_fork, true, true, false },
	[DISK_EXIT] = { do_exit, true, true, false },
	[DISK_REOPEN] = { do_reopen, true, true, false },
	[DISK_RELEASE] = { do_release, true, true, false },
	[DISK_PAGE_READ] = { do_page_read, true, true, false },
	[DISK_PAGE_WRITE] = { do_page_write, true, true, false },
	[DISK_SWAP_READ] = { do_swap_read, true, false, true },
	[DISK_SWAP_WRITE] = { do_swap_write, true, false, true },
	[DISK_SWAP_SLOTS] = { do_swap_slots, true, false, true },
	[DISK_SYNC] = { do_sync, true, false, false },
	[DISK_ZERO_STEP] = { do_zero_step, true, true, false },
	[DISK_BUFFER] = { do_buffer, true, false, false },
};
#define NOPS (sizeof ops / sizeof ops[0])

int64_t dispatch(uint64_t label, struct request *rq)
{
	if (label >= NOPS || !ops[label].fn)
		return DISK_EINVAL;
	const struct op *op = &ops[label];
	if (op->trusted && rq->client < DISK_CLIENT_TRUSTED)
		return DISK_EPERM;
	if (op->fs && !disk.mounted)
		return disk.boot_ok ? DISK_ECORRUPT : DISK_EIO;
	if (op->swap && !disk.swap_ok)
		return DISK_EIO;
	return op->fn(rq);
}
