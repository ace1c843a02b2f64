/* disk-bench: guest instruction counts of the disk server's file paths, for tools/bench
 * (run under -icount). A figure is the work of the root thread (the client: request
 * encoding, IPC) plus the disk server's thread (FAT, driver, its interrupts), read from
 * OP_THREAD_INFO's TSC count before and after; time either spends idle, waiting for the
 * host's disk, is not in it. Printed as "bench NAME: N instructions (what; R device
 * requests, B bytes)", the requests and bytes from DISK_STATS; tools/bench divides by the
 * bytes or operations. One measurement each (the counts are deterministic up to where
 * device interrupts land). */
#include "console.h"
#include "disk_client.h"
#include "ktest.h"
#include <string.h>

#define SEQ_FILE "seq.bin"
#define SEQ_BYTES (4ull << 20)
#define SMALL_FILES 100
#define SMALL_BYTES 1000

static uint64_t tsc_per_insn, server_thread;
static uint8_t chunk[DISK_IO_MAX];

/* TSC cycles the root thread and the disk server's thread have run so far. */
static uint64_t work_tsc(void)
{
	struct thread_info root, server;
	CHECK_OK(thread_info(SLOT_THREAD, &root));
	CHECK_OK(thread_info(server_thread, &server));
	return root.tsc + server.tsc;
}

/* Where a measurement starts: the two threads' TSC cycles and the devices' counters. */
struct mark {
	uint64_t tsc;
	struct disk_stats disk;
};

static struct mark mark(uint64_t ep)
{
	struct mark m;
	CHECK_EQ(disk_stats(ep, &m.disk), 0);
	m.tsc = work_tsc();
	return m;
}

static void report(uint64_t ep, const char *name, const struct mark *m0, const char *what)
{
	uint64_t tsc = work_tsc() - m0->tsc;
	struct disk_stats d;
	CHECK_EQ(disk_stats(ep, &d), 0);
	cprintf("bench %s: %lu instructions (%s; %lu device requests, %lu bytes)\n", name,
		(tsc + tsc_per_insn / 2) / tsc_per_insn, what,
		d.boot_requests + d.swap_requests - m0->disk.boot_requests - m0->disk.swap_requests,
		d.boot_bytes + d.swap_bytes - m0->disk.boot_bytes - m0->disk.swap_bytes);
}

static void stamp(uint64_t i)
{
	memcpy(chunk, &i, sizeof i);
}

static void small_name(char *name, unsigned i)
{
	memcpy(name, "s000.bin", 9);
	name[1] = (char)('0' + i / 100);
	name[2] = (char)('0' + i / 10 % 10);
	name[3] = (char)('0' + i % 10);
}

static void bench_write(uint64_t ep)
{
	struct mark t0 = mark(ep);
	uint64_t i = 0;
	CHECK_EQ(disk_create(ep, SEQ_FILE, 0), 0);
	int64_t fd = disk_open(ep, SEQ_FILE);
	CHECK(fd >= DISK_FD_FIRST);
	for (uint64_t done = 0; done < SEQ_BYTES; done += DISK_IO_MAX, i++) {
		uint64_t k = SEQ_BYTES - done < DISK_IO_MAX ? SEQ_BYTES - done : DISK_IO_MAX;
		stamp(i);
		CHECK_EQ(disk_write(ep, fd, chunk, k), k);
	}
	CHECK_EQ(disk_close(ep, fd), 0);
	report(ep, "disk-write-4MiB", &t0,
	       "create, open, 4194304 bytes in 8739 DISK_WRITE of <= 480, close");
}

static void bench_read(uint64_t ep)
{
	static uint8_t in[DISK_IO_MAX];
	struct mark t0 = mark(ep);
	uint64_t i = 0, bad = 0;
	int64_t fd = disk_open(ep, SEQ_FILE);
	CHECK(fd >= DISK_FD_FIRST);
	for (uint64_t done = 0; done < SEQ_BYTES; done += DISK_IO_MAX, i++) {
		uint64_t k = SEQ_BYTES - done < DISK_IO_MAX ? SEQ_BYTES - done : DISK_IO_MAX;
		CHECK_EQ(disk_read(ep, fd, in, k), k);
		uint64_t got;
		memcpy(&got, in, sizeof got);
		bad += got != i || in[k - 1] != chunk[k - 1];
	}
	CHECK_EQ(disk_read(ep, fd, in, 1), 0);
	CHECK_EQ(disk_close(ep, fd), 0);
	report(ep, "disk-read-4MiB", &t0, "open, 4194304 bytes in 8739 DISK_READ of <= 480, EOF, close");
	CHECK_EQ(bad, 0);
}

static void bench_small(uint64_t ep)
{
	char name[16];
	struct mark t0 = mark(ep);
	for (unsigned i = 0; i < SMALL_FILES; i++) {
		small_name(name, i);
		CHECK_EQ(disk_create(ep, name, SMALL_BYTES), 0);
	}
	report(ep, "disk-create-100", &t0, "100 x DISK_CREATE of a zero-filled 1000-byte file");
	t0 = mark(ep);
	for (unsigned i = 0; i < SMALL_FILES; i++) {
		small_name(name, i);
		CHECK_EQ(disk_remove(ep, name), 0);
	}
	report(ep, "disk-remove-100", &t0, "100 x DISK_REMOVE of those files");
}

/* TSC cycles per instruction: the least of a few tries, each the difference of two loops,
 * measured before the server starts (a thread running in between inflates a try). */
static void calibrate(void)
{
	uint64_t best = ~0ull;
	for (unsigned i = 0; i < 5; i++) {
		uint64_t a = loop_tsc(1000), b = loop_tsc(11000);
		if (b > a && b - a < best)
			best = b - a;
	}
	tsc_per_insn = (best + 10000) / 20000; /* nearest: rdtsc itself skews a try by one */
	CHECK(tsc_per_insn > 0 && best != ~0ull);
	cprintf("bench calibrate: %lu TSC per instruction (%lu for 20000 more loop instructions)\n",
		tsc_per_insn, best);
}

void test_disk_bench(void)
{
	calibrate();
	uint64_t ep = disk_client(disk_start(), DISK_CLIENT_TRUSTED);
	server_thread = disk_server_thread();
	CHECK(server_thread != 0);
	for (unsigned i = 0; i < DISK_IO_MAX; i++)
		chunk[i] = (uint8_t)(i * 7 + 1);
	CHECK_EQ(disk_call(ep, DISK_SYNC, 0, 0, 0), 0); /* the server is up and mounted */
	bench_write(ep);
	bench_read(ep);
	bench_small(ep);
	CHECK_EQ(disk_remove(ep, SEQ_FILE), 0);
}
