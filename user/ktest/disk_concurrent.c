/* disk-concurrent: three client processes (untrusted disk badges 1..3) at once, each
 * writing its own file in small pieces while reading one shared file in pieces through
 * its own handle, yielding between requests so their calls interleave at the server.
 * Every read of the shared file and every file written come out exact. A fourth client
 * dies with a file open; the server serves on and DISK_EXIT closes its fd. */
#include "console.h"
#include "disk_client.h"
#include "ktest.h"
#include <string.h>
#include "slots.h"
#include "str.h"

#define WORKERS 3
#define ROUNDS 24
#define PIECE 100            /* bytes per write of a worker */
#define SHARED_BYTES 1500
#define SHARED "cc-shared.bin"
#define ID_DROPOUT (WORKERS + 1)

static uint8_t shared_byte(uint64_t i)
{
	return (uint8_t)(i * 3 + (i >> 8) + 7);
}

static uint8_t worker_byte(uint64_t w, uint64_t i)
{
	return (uint8_t)(w * 50 + i * 11 + (i >> 6));
}

static void worker_path(char *path, uint64_t w)
{
	memcpy(path, "cc-worker-N.bin", 16);
	path[10] = (char)('0' + w);
}

/* Reads the whole shared file through fd in uneven pieces, checking every byte. */
static void read_shared(uint64_t ep, int64_t fd, uint64_t w)
{
	static uint8_t piece[DISK_IO_MAX];
	uint64_t at = 0, step = 97 + w * 64;
	CHECK_EQ(disk_seek(ep, fd, 0), 0);
	while (at < SHARED_BYTES) {
		int64_t got = disk_read(ep, fd, piece, step);
		CHECK(got > 0);
		for (int64_t i = 0; i < got; i++)
			CHECK_EQ(piece[i], shared_byte(at + (uint64_t)i));
		at += (uint64_t)got;
		sys_yield();
	}
	CHECK_EQ(at, SHARED_BYTES);
}

void role_disk_worker(uint64_t w)
{
	uint8_t piece[PIECE];
	char path[32];
	worker_path(path, w);
	CHECK_EQ(disk_create(CSLOT_EP, path, 0), 0);
	int64_t own = disk_open(CSLOT_EP, path), shared = disk_open(CSLOT_EP, SHARED);
	CHECK_EQ(own, DISK_FD_FIRST); /* every client has its own table */
	CHECK_EQ(shared, DISK_FD_FIRST + 1);
	for (uint64_t r = 0; r < ROUNDS; r++) {
		for (unsigned i = 0; i < PIECE; i++)
			piece[i] = worker_byte(w, r * PIECE + i);
		CHECK_EQ(disk_write(CSLOT_EP, own, piece, PIECE), PIECE);
		sys_yield();
		if (r % 6 == w)
			read_shared(CSLOT_EP, shared, w);
	}
	CHECK_EQ(disk_size(CSLOT_EP, own), ROUNDS * PIECE);
	CHECK_EQ(disk_close(CSLOT_EP, own), 0);
	CHECK_EQ(disk_close(CSLOT_EP, shared), 0);
	CHECK_OK(sys_signal(CSLOT_NOTIFY));
}

/* Polls of a thread that waits for the disk: its request completes when the host's I/O
 * does, in real time, while a polling thread only advances guest time by its own
 * instructions; so the bound is generous (it costs nothing when the thread is quick). */
#define DEVICE_WAIT_TRIES 1000000

/* Opens the shared file, then dies of a page fault (no fault endpoint). */
void role_disk_dropout(uint64_t arg)
{
	(void)arg;
	CHECK_EQ(disk_open(CSLOT_EP, SHARED), DISK_FD_FIRST);
	*(volatile uint64_t *)0x1000 = 1;
}

static void check_dropout(uint64_t server, uint64_t ep)
{
	static struct child c;
	const struct grant g = { server, CSLOT_EP, RIGHT_WRITE | RIGHT_GRANT, ID_DROPOUT };
	child_spawn(&c, ROLE_DISK_DROPOUT, 0, &g, 1, 0, false);
	CHECK(wait_state(c.main.thread, THREAD_DEAD, DEVICE_WAIT_TRIES));
	uint64_t dead = disk_client(server, ID_DROPOUT);
	CHECK_EQ(disk_tell(dead, DISK_FD_FIRST), 0); /* its fd stays until the exit */
	CHECK_EQ(disk_call(ep, DISK_EXIT, ID_DROPOUT, 0, 0), 0);
	CHECK_EQ(disk_tell(dead, DISK_FD_FIRST), DISK_EBADF);
}

static void make_shared(uint64_t ep)
{
	static uint8_t data[SHARED_BYTES];
	for (unsigned i = 0; i < SHARED_BYTES; i++)
		data[i] = shared_byte(i);
	CHECK_EQ(disk_create(ep, SHARED, 0), 0);
	int64_t fd = disk_open(ep, SHARED);
	disk_write_all(ep, fd, data, SHARED_BYTES);
	CHECK_EQ(disk_close(ep, fd), 0);
}

static void check_worker_file(uint64_t ep, uint64_t w)
{
	static uint8_t data[ROUNDS * PIECE];
	char path[32];
	worker_path(path, w);
	int64_t fd = disk_open(ep, path);
	CHECK_EQ(disk_size(ep, fd), ROUNDS * PIECE);
	disk_read_all(ep, fd, data, ROUNDS * PIECE);
	for (unsigned i = 0; i < ROUNDS * PIECE; i++)
		CHECK_EQ(data[i], worker_byte(w, i));
	CHECK_EQ(disk_close(ep, fd), 0);
}

void test_disk_concurrent(void)
{
	uint64_t server = disk_start(), ep = disk_client(server, DISK_CLIENT_TRUSTED);
	uint64_t done = new_object(OBJ_NOTIFICATION), all = 0, word;
	static struct child workers[WORKERS];
	make_shared(ep);
	for (uint64_t w = 1; w <= WORKERS; w++) {
		const struct grant g[] = {
			{ server, CSLOT_EP, RIGHT_WRITE | RIGHT_GRANT, w },
			{ done, CSLOT_NOTIFY, RIGHTS_ALL, 1ull << w },
		};
		child_create(&workers[w - 1], ROLE_DISK_WORKER, w, g, 2, 0, true);
	}
	for (unsigned i = 0; i < WORKERS; i++)
		child_run(&workers[i]);
	while (all != (((1ull << WORKERS) - 1) << 1)) {
		CHECK_OK(sys_wait(done, &word));
		all |= word;
	}
	for (uint64_t w = 1; w <= WORKERS; w++)
		check_worker_file(ep, w);
	check_dropout(server, ep);
	CHECK_EQ(disk_call(ep, DISK_SYNC, 0, 0, 0), 0);
	cprintf("ktest disk-concurrent: %u clients, every byte read and written as expected\n",
		WORKERS);
}
