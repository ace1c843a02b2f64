/* DISK_STATS: the devices' counters, for any client (tools/bench prints them beside each
 * disk-bound figure). */
#include <string.h>

#include "server.h"
#include "uthread.h"

int64_t do_stats(struct request *rq)
{
	struct disk_stats s = {
		.boot_requests = disk.boot.requests,
		.boot_bytes = disk.boot.bytes,
		.swap_requests = disk.swap.requests,
		.swap_bytes = disk.swap.bytes,
	};
	memcpy(&ipc_buf()->mr[DISK_DATA_MR], &s, sizeof s);
	rq->reply_words = DISK_DATA_MR + sizeof s / 8;
	return 0;
}
