/* disk-pages: the pager's requests: a file id from DISK_REOPEN outlives the fd and the
 * file's name, and a released id is taken again; DISK_PAGE_WRITE never writes past the
 * file's size; DISK_PAGE_READ fills a frame (zeros past the end), by one device request
 * of a page, then from the page cache (its counters in DISK_STATS); swap slots keep
 * distinct patterns, the last slot included, each transfer one device request of a page
 * in DISK_STATS; slots out of range and frames without the rights needed are refused. A
 * client's I/O buffer (DISK_BUFFER) serves its bulk reads and writes once whole, no
 * other client's, and is gone after its DISK_EXIT. */
#include "console.h"
#include "disk_client.h"
#include "ktest.h"
#include <string.h>
#include "objects.h"

#define VIEW 0x50000000ull    /* the root's mapping of its test frame */
#define BUFFER_VIEW 0x50100000ull /* the root's mapping of a client's I/O buffer frames */
#define ID_BULK 77            /* a client given an I/O buffer */
#define FILE_BYTES 5000       /* one full page and 904 bytes */
#define TAIL (FILE_BYTES - DISK_PAGE_SIZE)
#define SWAP_SLOTS_WANT (16ull << 20 >> 12) /* tools/qemu.py SWAP_MIB */
#define ID_ROOT DISK_CLIENT_TRUSTED

static uint8_t file_byte(uint64_t i)
{
	return (uint8_t)(i * 7 + (i >> 8) + 3);
}

/* The file's byte at pos after check_page_write: its first 10 bytes 0x11, the rest of
 * its second page 0x5a, zeros past its end. */
static uint8_t written_byte(uint64_t pos)
{
	if (pos >= FILE_BYTES)
		return 0;
	if (pos >= DISK_PAGE_SIZE)
		return 0x5a;
	return pos < 10 ? 0x11 : file_byte(pos);
}

static uint8_t slot_byte(uint64_t slot, uint64_t i)
{
	return (uint8_t)(slot * 31 + i * 5 + (i >> 7) + 1);
}

static uint8_t *view(void)
{
	return (uint8_t *)VIEW;
}

static int64_t make_file(uint64_t ep)
{
	static uint8_t data[FILE_BYTES];
	for (unsigned i = 0; i < FILE_BYTES; i++)
		data[i] = file_byte(i);
	CHECK_EQ(disk_create(ep, "page.bin", 0), 0);
	int64_t fd = disk_open(ep, "page.bin");
	disk_write_all(ep, fd, data, FILE_BYTES);
	return fd;
}

/* Reads the file's three pages twice: the first time its two pages on disk are cache
 * misses read from the device, the second time hits without it. */
static void check_page_read(uint64_t ep, uint64_t frame, int64_t id)
{
	for (int round = 0; round < 2; round++) {
		struct disk_stats before, after;
		CHECK_EQ(disk_stats(ep, &before), 0);
		for (uint64_t page = 0; page < 3; page++) {
			uint64_t off = page * DISK_PAGE_SIZE;
			memset(view(), 0xaa, DISK_PAGE_SIZE);
			CHECK_EQ(disk_call_frame(ep, DISK_PAGE_READ, (uint64_t)id, off, 0, frame), 0);
			for (unsigned i = 0; i < DISK_PAGE_SIZE; i++)
				CHECK_EQ(view()[i], written_byte(off + i));
		}
		CHECK_EQ(disk_stats(ep, &after), 0);
		CHECK_EQ(after.cache_misses - before.cache_misses, round ? 0u : 2u);
		CHECK_EQ(after.cache_hits - before.cache_hits, round ? 2u : 0u);
		if (round) /* the misses: a page each, and FAT sectors for the chain */
			CHECK_EQ(after.boot_requests - before.boot_requests, 0u);
		else
			CHECK(after.boot_bytes - before.boot_bytes >= 2u * DISK_PAGE_SIZE);
	}
	CHECK_EQ(disk_call_frame(ep, DISK_PAGE_READ, (uint64_t)id, 100, 0, frame), DISK_EINVAL);
	CHECK_EQ(disk_call(ep, DISK_PAGE_READ, (uint64_t)id, 0, 0), DISK_EINVAL); /* no frame */
	CHECK_EQ(disk_call_frame(ep, DISK_PAGE_READ, 999, 0, 0, frame), DISK_EBADF);
}

/* A whole page written at the file's second page: only the bytes below its size land. */
static void check_page_write(uint64_t ep, uint64_t frame, int64_t id, int64_t fd)
{
	uint8_t got[16];
	memset(view(), 0x5a, DISK_PAGE_SIZE);
	CHECK_EQ(disk_call_frame(ep, DISK_PAGE_WRITE, (uint64_t)id, DISK_PAGE_SIZE, DISK_PAGE_SIZE,
				 frame), TAIL);
	CHECK_EQ(disk_size(ep, fd), FILE_BYTES);
	CHECK_EQ(disk_seek(ep, fd, FILE_BYTES - 4), 0);
	CHECK_EQ(disk_read(ep, fd, got, 16), 4);
	CHECK(got[0] == 0x5a && got[3] == 0x5a);
	memset(view(), 0x11, DISK_PAGE_SIZE);
	CHECK_EQ(disk_call_frame(ep, DISK_PAGE_WRITE, (uint64_t)id, 0, 10, frame), 10);
	CHECK_EQ(disk_seek(ep, fd, 9), 0);
	CHECK_EQ(disk_read(ep, fd, got, 2), 2);
	CHECK(got[0] == 0x11 && got[1] == file_byte(10));
	CHECK_EQ(disk_call_frame(ep, DISK_PAGE_WRITE, (uint64_t)id, 0, DISK_PAGE_SIZE + 1, frame),
		 DISK_EINVAL);
}

/* Under -icount (128 TSC cycles per instruction), the CPU idles through each transfer
 * with no timer armed, so the guest clock stands still until the host has finished:
 * idle, the TSC cycles the idle thread ran over 8 transfers, is the few hundred
 * instructions of each completion's interrupt, far from a tick (10,000,000 cycles at
 * 100 Hz; a running tick made QEMU jump to its deadlines meanwhile). On the host's clock
 * (tools/test --realtime) idle time is the host's latency and nothing is checked. */
static void check_quiet_idle(uint64_t idle)
{
	uint64_t best = ~0ull; /* an interrupt may land in a try */
	for (unsigned i = 0; i < 5; i++) {
		uint64_t a = loop_tsc(1000), b = loop_tsc(11000);
		if (b > a && b - a < best)
			best = b - a;
	}
	if (best < 20000 * 127 || best > 20000 * 129) {
		cprintf("ktest disk-pages: not under -icount: the idle clock is not checked\n");
		return;
	}
	CHECK(idle < 1000000);
	cprintf("ktest disk-pages: %lu instructions idle over 8 swap transfers\n", idle / 128);
}

static void check_swap(uint64_t ep, uint64_t frame)
{
	const uint64_t slots[] = { 0, 1, 7, SWAP_SLOTS_WANT - 1 };
	const unsigned n = sizeof slots / sizeof slots[0];
	struct disk_stats before, after;
	CHECK_EQ(disk_call(ep, DISK_SWAP_SLOTS, 0, 0, 0), SWAP_SLOTS_WANT);
	CHECK_EQ(disk_stats(ep, &before), 0);
	uint64_t tsc = rdtsc(), busy = sys_busy();
	for (unsigned k = 0; k < n; k++) {
		for (unsigned i = 0; i < DISK_PAGE_SIZE; i++)
			view()[i] = slot_byte(slots[k], i);
		CHECK_EQ(disk_call_frame(ep, DISK_SWAP_WRITE, slots[k], 0, 0, frame), 0);
	}
	for (unsigned k = 0; k < n; k++) {
		memset(view(), 0, DISK_PAGE_SIZE);
		CHECK_EQ(disk_call_frame(ep, DISK_SWAP_READ, slots[k], 0, 0, frame), 0);
		for (unsigned i = 0; i < DISK_PAGE_SIZE; i++)
			CHECK_EQ(view()[i], slot_byte(slots[k], i));
	}
	CHECK_EQ(disk_call_frame(ep, DISK_SWAP_READ, SWAP_SLOTS_WANT, 0, 0, frame), DISK_EINVAL);
	CHECK_EQ(disk_call_frame(ep, DISK_SWAP_WRITE, ~0ull, 0, 0, frame), DISK_EINVAL);
	/* DISK_STATS: one device request of a page per transfer, none for a refusal */
	CHECK_EQ(disk_stats(ep, &after), 0);
	CHECK_EQ(after.swap_requests - before.swap_requests, 2 * n);
	CHECK_EQ(after.swap_bytes - before.swap_bytes, 2 * n * DISK_PAGE_SIZE);
	CHECK_EQ(after.boot_requests, before.boot_requests);
	check_quiet_idle(rdtsc() - tsc - (sys_busy() - busy));
	uint64_t read_only = derive(frame, RIGHT_READ, 0);
	CHECK_EQ(disk_call_frame(ep, DISK_SWAP_READ, 0, 0, 0, read_only), DISK_EINVAL);
	CHECK_EQ(disk_call_frame(ep, DISK_SWAP_WRITE, 0, 0, 0, read_only), 0);
}

/* DISK_BUFFER's decode: a page index, a client id, a frame with both rights. */
static void check_buffer_refused(uint64_t server, uint64_t ep, uint64_t frame)
{
	uint64_t read_only = derive(frame, RIGHT_READ, 0);
	CHECK_EQ(disk_call(ep, DISK_BUFFER, ID_BULK, 0, 0), DISK_EINVAL); /* no frame */
	CHECK_EQ(disk_call_frame(ep, DISK_BUFFER, ID_BULK, DISK_BUFFER_PAGES, 0, frame), DISK_EINVAL);
	CHECK_EQ(disk_call_frame(ep, DISK_BUFFER, 0, 0, 0, frame), DISK_EINVAL);
	CHECK_EQ(disk_call_frame(ep, DISK_BUFFER, ID_ROOT, 0, 0, frame), DISK_EINVAL);
	CHECK_EQ(disk_call_frame(ep, DISK_BUFFER, ID_BULK, 0, 0, read_only), DISK_EINVAL);
	CHECK_EQ(disk_call_frame(disk_client(server, ID_BULK), DISK_BUFFER, ID_BULK, 0, 0, frame),
		 DISK_EPERM);
}

/* Client ID_BULK's buffer, lent page by page, serves its bulk reads once whole; another
 * client's bulk read gets DISK_EINVAL, so does one longer than the buffer; after the
 * client's DISK_EXIT the buffer is gone. */
static void check_buffers(uint64_t server, uint64_t ep)
{
	uint64_t bulk = disk_client(server, ID_BULK), other = disk_client(server, ID_BULK + 1);
	uint64_t frames[DISK_BUFFER_PAGES];
	for (unsigned i = 0; i < DISK_BUFFER_PAGES; i++)
		frames[i] = new_mapped_frame(BUFFER_VIEW + i * DISK_PAGE_SIZE);
	check_buffer_refused(server, ep, frames[0]);
	int64_t fd = disk_open(bulk, "page.bin"), other_fd = disk_open(other, "page.bin");
	CHECK(fd >= DISK_FD_FIRST && other_fd >= DISK_FD_FIRST);
	for (unsigned i = 0; i < DISK_BUFFER_PAGES; i++) {
		CHECK_EQ(disk_call(bulk, DISK_BULK_READ, (uint64_t)fd, 1, 0), DISK_EINVAL);
		CHECK_EQ(disk_call_frame(ep, DISK_BUFFER, ID_BULK, i, 0, frames[i]), 0);
	}
	CHECK_EQ(disk_call_frame(ep, DISK_BUFFER, ID_BULK, 1, 0, frames[1]), DISK_EINVAL);
	CHECK_EQ(disk_call(bulk, DISK_BULK_READ, (uint64_t)fd, FILE_BYTES + 100, 0), FILE_BYTES);
	for (unsigned i = 0; i < FILE_BYTES; i++)
		CHECK_EQ(((uint8_t *)BUFFER_VIEW)[i], written_byte(i));
	CHECK_EQ(disk_call(bulk, DISK_BULK_READ, (uint64_t)fd, DISK_BUFFER_SIZE + 1, 0), DISK_EINVAL);
	CHECK_EQ(disk_call(bulk, DISK_BULK_WRITE, (uint64_t)fd, DISK_BUFFER_SIZE + 1, 0), DISK_EINVAL);
	CHECK_EQ(disk_call(other, DISK_BULK_READ, (uint64_t)other_fd, 1, 0), DISK_EINVAL);
	CHECK_EQ(disk_call(ep, DISK_EXIT, ID_BULK, 0, 0), 0);
	CHECK_EQ(disk_call(ep, DISK_EXIT, ID_BULK + 1, 0, 0), 0);
	fd = disk_open(bulk, "page.bin");
	CHECK_EQ(disk_call(bulk, DISK_BULK_READ, (uint64_t)fd, 1, 0), DISK_EINVAL);
	CHECK_EQ(disk_call(ep, DISK_EXIT, ID_BULK, 0, 0), 0);
	for (unsigned i = 0; i < DISK_BUFFER_PAGES; i++)
		CHECK_EQ(disk_call_frame(ep, DISK_BUFFER, ID_BULK, i, 0, frames[i]), 0);
	CHECK_EQ(disk_call(ep, DISK_EXIT, ID_BULK, 0, 0), 0);
}

void test_disk_pages(void)
{
	uint64_t server = disk_start(), ep = disk_client(server, ID_ROOT);
	uint64_t frame = new_mapped_frame(VIEW);
	int64_t fd = make_file(ep);
	int64_t id = disk_call(ep, DISK_REOPEN, ID_ROOT, (uint64_t)fd, 0);
	CHECK(id >= 0);
	CHECK_EQ(disk_call(ep, DISK_REOPEN, ID_ROOT, 99, 0), DISK_EBADF);
	check_page_write(ep, frame, id, fd);
	check_buffers(server, ep);
	for (unsigned i = 0; i <= DISK_FILE_IDS; i++) { /* a released id is taken again */
		int64_t again = disk_call(ep, DISK_REOPEN, ID_ROOT, (uint64_t)fd, 0);
		CHECK(again >= 0);
		CHECK_EQ(disk_call(ep, DISK_RELEASE, (uint64_t)again, 0, 0), 0);
	}
	CHECK_EQ(disk_close(ep, fd), 0);
	CHECK_EQ(disk_remove(ep, "page.bin"), 0);
	check_page_read(ep, frame, id); /* after the close and the remove (mmap) */
	CHECK_EQ(disk_call(ep, DISK_RELEASE, (uint64_t)id, 0, 0), 0);
	CHECK_EQ(disk_call(ep, DISK_RELEASE, (uint64_t)id, 0, 0), DISK_EBADF);
	CHECK_EQ(disk_call_frame(ep, DISK_PAGE_READ, (uint64_t)id, 0, 0, frame), DISK_EBADF);
	check_swap(ep, frame);
	CHECK_EQ(disk_call(ep, DISK_SYNC, 0, 0, 0), 0);
	cprintf("ktest disk-pages: file pages and swap slots moved through frames\n");
}
