/* What the disk server has done since it started, for any client (DISK_STATS), without
 * the rest of abi/disk.h so that programs can include it beside their own syscall.h. */
#ifndef ABI_DISKSTATS_H
#define ABI_DISKSTATS_H

#include <stdint.h>

/* Completed virtio requests (reads, writes and flushes) per disk, and the bytes the
 * reads and writes among them moved. */
struct disk_stats {
	uint64_t boot_requests;
	uint64_t boot_bytes;
	uint64_t swap_requests;
	uint64_t swap_bytes;
};

#endif
