/* File bytes through the process's I/O buffer (PROCESS_IO_ADDR, DISK_BULK_READ/WRITE):
 *   bulk-io bad   a bad user buffer for read or write ends only that child, with -1
 *   bulk-io raw   the server refuses a length beyond the I/O buffer and the buffer's
 *                 frames from a program
 *   bulk-io fork  a parent and its child read and write their own files at once, each
 *                 through its own buffer, and see only their own bytes */
#include <string.h>

#include "check.h"
#include "disk.h"
#include "process.h"
#include "rootinfo.h"
#include "sys.h"

#define UNMAPPED ((char *)0x60000000ul)
#define FILE_BYTES (3 * DISK_BUFFER_SIZE + 1000) /* several buffers, and a partial one */

int main(int argc, char *argv[]);

/* The byte at offset i of the file of the process marked `who`. */
static char pattern(char who, unsigned i)
{
	return (char)(who + (i * 7 + i / 4096) % 251);
}

static void make_file(const char *name, char who)
{
	static char page[4096];
	CHECK(create(name, 0));
	int fd = open(name);
	CHECK(fd >= 0);
	for (unsigned off = 0; off < FILE_BYTES; off += sizeof page) {
		unsigned n = FILE_BYTES - off < sizeof page ? FILE_BYTES - off : sizeof page;
		for (unsigned i = 0; i < n; i++)
			page[i] = pattern(who, off + i);
		CHECK(write(fd, page, n) == (int)n);
	}
	close(fd);
}

static void bad_child(int kind, int fd)
{
	char *stack_top = (char *)USER_STACK - 100; /* 100 bytes of stack, then nothing */
	switch (kind) {
	case 0: read(fd, UNMAPPED, 4096); break;
	case 1: read(fd, (char *)(unsigned long)main, 4096); break; /* read-only: code */
	case 2: read(fd, stack_top, 4096); break;                   /* beyond the buffer */
	case 3: write(fd, UNMAPPED, 4096); break;
	case 4: write(fd, stack_top, 2 * DISK_BUFFER_SIZE); break;
	}
	exit(0);
}

static void bad(void)
{
	make_file("bulk-bad", 'a');
	int fd = open("bulk-bad");
	CHECK(fd >= 0);
	for (int kind = 0; kind < 5; kind++) {
		pid_t pid = fork("bulk-bad");
		if (pid == 0)
			bad_child(kind, fd);
		CHECK(pid > 0);
		CHECK(wait(pid) == -1);
	}
	static char buf[100];
	CHECK(read(fd, buf, sizeof buf) == (int)sizeof buf); /* the parent's file still reads */
	CHECK(buf[99] == pattern('a', 99));
	close(fd);
	CHECK(remove("bulk-bad"));
	printf("bulk-io: 5 children killed, the parent lives\n");
}

static int64_t call(uint64_t label, uint64_t a0, uint64_t a1)
{
	struct msg m = { MSG_TAG(label, 2, 0), 0, { a0, a1, 0, 0 } };
	return sys_call(PSLOT_DISK, &m) ? -100 : (int64_t)m.mr[0];
}

static void raw(void)
{
	make_file("bulk-raw", 'r');
	int fd = open("bulk-raw"), server = DISK_FD_FIRST; /* the first fd the server gives */
	CHECK(fd >= 0);
	printf("bulk-io: read of %d bytes: %ld\n", DISK_BUFFER_SIZE + 1,
	       (long)call(DISK_BULK_READ, (uint64_t)server, DISK_BUFFER_SIZE + 1));
	printf("bulk-io: write of %d bytes: %ld\n", DISK_BUFFER_SIZE + 1,
	       (long)call(DISK_BULK_WRITE, (uint64_t)server, DISK_BUFFER_SIZE + 1));
	printf("bulk-io: read of ~0 bytes: %ld\n", (long)call(DISK_BULK_READ, (uint64_t)server, ~0ull));
	printf("bulk-io: read of %d bytes: %ld\n", DISK_BUFFER_SIZE,
	       (long)call(DISK_BULK_READ, (uint64_t)server, DISK_BUFFER_SIZE));
	const char *io = (const char *)PROCESS_IO_ADDR;
	CHECK(io[0] == pattern('r', 0) && io[DISK_BUFFER_SIZE - 1] == pattern('r', DISK_BUFFER_SIZE - 1));
	printf("bulk-io: a buffer page from a program: %ld\n", (long)call(DISK_BUFFER, 999, 0));
	close(fd);
	CHECK(remove("bulk-raw"));
}

/* Reads the whole file of `who` in calls of growing sizes, rounds times, checking every
 * byte; then writes a copy and reads the copy back. */
static void own_bytes(const char *name, const char *copy, char who, int rounds)
{
	static char buf[FILE_BYTES + 64];
	static const unsigned sizes[] = { 100, 4096, 5000, DISK_BUFFER_SIZE, DISK_BUFFER_SIZE + 3,
					  FILE_BYTES };
	int fd = open(name);
	CHECK(fd >= 0);
	for (int r = 0; r < rounds; r++) {
		unsigned size = sizes[r % (sizeof sizes / sizeof sizes[0])], done = 0;
		seek(fd, 0);
		while (done < FILE_BYTES) {
			unsigned room = sizeof buf - done;
			int got = read(fd, buf + done, size < room ? size : room);
			CHECK(got > 0);
			done += (unsigned)got;
		}
		CHECK(read(fd, buf, 1) == 0);
		for (unsigned i = 0; i < FILE_BYTES; i++)
			CHECK(buf[i] == pattern(who, i));
	}
	close(fd);
	CHECK(create(copy, 0));
	fd = open(copy);
	CHECK(fd >= 0 && write(fd, buf, FILE_BYTES) == FILE_BYTES);
	memset(buf, 0, sizeof buf);
	seek(fd, 0);
	CHECK(read(fd, buf, sizeof buf) == FILE_BYTES);
	for (unsigned i = 0; i < FILE_BYTES; i++)
		CHECK(buf[i] == pattern(who, i));
	close(fd);
}

static void both(void)
{
	make_file("bulk-p", 'p');
	make_file("bulk-c", 'c');
	pid_t pid = fork("bulk-child");
	if (pid == 0) {
		own_bytes("bulk-c", "bulk-c2", 'c', 12);
		exit(7);
	}
	CHECK(pid > 0);
	own_bytes("bulk-p", "bulk-p2", 'p', 12);
	CHECK(wait(pid) == 7);
	printf("bulk-io: parent and child read only their own bytes\n");
}

int main(int argc, char *argv[])
{
	const char *mode = argc > 1 ? argv[1] : "";
	if (!strcmp(mode, "bad"))
		bad();
	else if (!strcmp(mode, "raw"))
		raw();
	else if (!strcmp(mode, "fork"))
		both();
	else
		CHECK(!"mode: bad, raw or fork");
	return 0;
}
