/* File calls of the system API: fds 0 and 1 are the console (through the console
 * capability), the others are the disk server's (abi/disk.h), which keeps each
 * process's fd table under its pid. Buffers are copied to and from the IPC buffer here,
 * in user mode, so a bad pointer faults in the program and ends it. */
#include <string.h>

#include "disk.h"
#include "ipc.h"
#include "ops.h"
#include "syscall.h"

#define STDIN 0
#define STDOUT 1

static int64_t disk(uint64_t label, uint64_t words, uint64_t a0, uint64_t a1)
{
	const uint64_t a[4] = { a0, a1, 0, 0 };
	return ipc_call(PSLOT_DISK, label, words, a, NULL);
}

/* A request naming a file; -1 when the name is too long to send. */
static int64_t path_call(uint64_t label, const char *file, uint64_t a0)
{
	uint64_t words = ipc_put_string(file, DISK_PATH_MAX);
	return words ? disk(label, words, a0, 0) : DISK_ENAMETOOLONG;
}

bool create(const char *file, unsigned initial_size) { return path_call(DISK_CREATE, file, initial_size) == 0; }
bool remove(const char *file) { return path_call(DISK_REMOVE, file, 0) == 0; }

int open(const char *file)
{
	int64_t fd = path_call(DISK_OPEN, file, 0);
	return fd < 0 ? -1 : (int)fd;
}

int filesize(int fd)
{
	int64_t n = fd > STDOUT ? disk(DISK_SIZE, 1, (uint64_t)fd, 0) : -1;
	return n < 0 ? -1 : (int)n;
}

/* Reads length bytes typed on the console, waiting for them. */
static int console_input(char *buf, unsigned length)
{
	unsigned done = 0;
	console_set_notify(PSLOT_CONSOLE, PSLOT_NOTIFY_CONSOLE);
	while (done < length) {
		uint64_t got = 0, word, want = length - done;
		console_read(PSLOT_CONSOLE, want < CONSOLE_WRITE_MAX ? want : CONSOLE_WRITE_MAX, &got);
		if (got) {
			memcpy(buf + done, proc_ipc()->words, got);
			done += (unsigned)got;
		} else {
			sys_wait(PSLOT_NOTIFY, &word);
		}
	}
	return (int)done;
}

int read(int fd, void *buffer, unsigned length)
{
	char *buf = buffer;
	if (length)
		buf[0] = buf[length - 1] = buf[0]; /* a bad buffer faults here, before any I/O */
	if (fd == STDIN)
		return console_input(buf, length);
	if (fd == STDOUT)
		return -1;
	unsigned done = 0;
	while (done < length) {
		uint64_t want = length - done < DISK_IO_MAX ? length - done : DISK_IO_MAX;
		int64_t got = disk(DISK_READ, 2, (uint64_t)fd, want);
		if (got < 0)
			return done ? (int)done : -1;
		memcpy(buf + done, &proc_ipc()->mr[DISK_DATA_MR], (size_t)got);
		done += (unsigned)got;
		if ((uint64_t)got < want)
			break;
	}
	return (int)done;
}

int write(int fd, const void *buffer, unsigned length)
{
	const char *buf = buffer;
	unsigned done = 0;
	if (fd == STDIN)
		return -1;
	while (done < length) {
		uint64_t room = fd == STDOUT ? CONSOLE_WRITE_MAX : DISK_IO_MAX;
		uint64_t n = length - done < room ? length - done : room;
		int64_t put;
		if (fd == STDOUT) {
			memcpy(proc_ipc()->words, buf + done, n);
			put = console_write(PSLOT_CONSOLE, n) ? -1 : (int64_t)n;
		} else {
			memcpy(&proc_ipc()->mr[DISK_DATA_MR], buf + done, n);
			put = disk(DISK_WRITE, DISK_DATA_MR + (n + 7) / 8, (uint64_t)fd, n);
		}
		if (put < 0)
			return done ? (int)done : -1;
		done += (unsigned)put;
		if ((uint64_t)put < n)
			break;
	}
	return (int)done;
}

void seek(int fd, unsigned position)
{
	if (fd > STDOUT)
		disk(DISK_SEEK, 2, (uint64_t)fd, position);
}

unsigned tell(int fd)
{
	int64_t pos = fd > STDOUT ? disk(DISK_TELL, 1, (uint64_t)fd, 0) : 0;
	return pos < 0 ? 0 : (unsigned)pos;
}

void close(int fd)
{
	if (fd > STDOUT)
		disk(DISK_CLOSE, 1, (uint64_t)fd, 0);
}

int dup2(int oldfd, int newfd)
{
	(void)oldfd, (void)newfd;
	return -1; /* not supported yet: the disk server has no shared-offset fds */
}
