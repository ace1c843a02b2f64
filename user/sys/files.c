/* File calls of the system API: an fd is the console (through the console capability)
 * or a descriptor of the disk server (abi/disk.h), which keeps each process's open files
 * under its pid; fdtable.h says which. File bytes are copied to and from the process's
 * I/O buffer (PROCESS_IO_ADDR, which the disk server maps too), console bytes to and
 * from the IPC buffer; both here, in user mode, so a bad pointer faults in the program
 * and ends it. */
#include <string.h>

#include "disk.h"
#include "fdtable.h"
#include "ipc.h"
#include "ops.h"
#include "pagos.h"
#include "syscall.h"

/* A request of the disk server, sent again while it answers DISK_EAGAIN (it did a step
 * of the work the request needs; requests queued meanwhile go first). */
static int64_t disk(uint64_t label, uint64_t words, uint64_t a0, uint64_t a1)
{
	const uint64_t a[4] = { a0, a1, 0, 0 };
	int64_t r;
	do
		r = ipc_call(PSLOT_DISK, label, words, a, NULL);
	while (r == DISK_EAGAIN);
	return r;
}

/* A request naming a file; -1 when the name is too long to send. */
static int64_t path_call(uint64_t label, const char *file, uint64_t a0)
{
	uint64_t words = ipc_put_string(file, DISK_PATH_MAX);
	return words ? disk(label, words, a0, 0) : DISK_ENAMETOOLONG;
}

bool create(const char *file, unsigned initial_size) { return path_call(DISK_CREATE, file, initial_size) == 0; }
bool remove(const char *file) { return path_call(DISK_REMOVE, file, 0) == 0; }

/* True if the server has descriptor server open for this process (a file or a
 * directory: DISK_INUMBER answers for both). */
static bool server_open(int server)
{
	return disk(DISK_INUMBER, 1, (uint64_t)server, 0) >= 0;
}

int open(const char *file)
{
	int64_t server = path_call(DISK_OPEN, file, 0);
	if (server < 0)
		return -1;
	int fd = fd_install((int)server, server_open);
	if (fd < 0)
		disk(DISK_CLOSE, 1, (uint64_t)server, 0);
	return fd;
}

void disk_stats_get(struct disk_stats *out)
{
	struct disk_stats s = { 0 };
	if (disk(DISK_STATS, 0, 0, 0) == 0)
		memcpy(&s, &proc_ipc()->mr[DISK_DATA_MR], sizeof s);
	*out = s;
}

int filesize(int fd)
{
	int server;
	int64_t n = fd_lookup(fd, &server) == FD_FILE ? disk(DISK_SIZE, 1, (uint64_t)server, 0) : -1;
	return n < 0 ? -1 : (int)n;
}

/* Reads length bytes typed on the console, waiting for them; -1 when the console
 * belongs to another job (the process is in the background). */
static int console_input(char *buf, unsigned length)
{
	unsigned done = 0;
	if (console_set_notify(PSLOT_CONSOLE, PSLOT_NOTIFY_CONSOLE))
		return -1;
	while (done < length) {
		uint64_t got = 0, word, want = length - done;
		if (console_read(PSLOT_CONSOLE, want < CONSOLE_WRITE_MAX ? want : CONSOLE_WRITE_MAX, &got))
			return done ? (int)done : -1; /* the foreground moved on meanwhile */
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
	volatile char *probe = buf;
	if (length) { /* a bad buffer faults here, before any I/O */
		probe[0] = probe[0];
		probe[length - 1] = probe[length - 1];
	}
	int server;
	enum fd_kind kind = fd_lookup(fd, &server);
	if (kind == FD_CONSOLE_IN)
		return console_input(buf, length);
	if (kind != FD_FILE)
		return -1;
	unsigned done = 0;
	while (done < length) {
		uint64_t want = length - done < DISK_BUFFER_SIZE ? length - done : DISK_BUFFER_SIZE;
		int64_t got = disk(DISK_BULK_READ, 2, (uint64_t)server, want);
		if (got < 0)
			return done ? (int)done : -1;
		memcpy(buf + done, (const void *)PROCESS_IO_ADDR, (size_t)got);
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
	int server;
	enum fd_kind kind = fd_lookup(fd, &server);
	if (kind != FD_CONSOLE_OUT && kind != FD_FILE)
		return -1;
	while (done < length) {
		uint64_t room = kind == FD_CONSOLE_OUT ? CONSOLE_WRITE_MAX : DISK_BUFFER_SIZE;
		uint64_t n = length - done < room ? length - done : room;
		int64_t put;
		if (kind == FD_CONSOLE_OUT) {
			memcpy(proc_ipc()->words, buf + done, n);
			put = console_write(PSLOT_CONSOLE, n) ? -1 : (int64_t)n;
		} else {
			memcpy((void *)PROCESS_IO_ADDR, buf + done, n);
			put = disk(DISK_BULK_WRITE, 2, (uint64_t)server, n);
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
	int server;
	if (fd_lookup(fd, &server) == FD_FILE)
		disk(DISK_SEEK, 2, (uint64_t)server, position);
}

unsigned tell(int fd)
{
	int server;
	int64_t pos = fd_lookup(fd, &server) == FD_FILE ? disk(DISK_TELL, 1, (uint64_t)server, 0) : 0;
	return pos < 0 ? 0 : (unsigned)pos;
}

void close(int fd)
{
	int server = fd_forget(fd);
	if (server >= 0)
		disk(DISK_CLOSE, 1, (uint64_t)server, 0);
}

int dup2(int oldfd, int newfd)
{
	int server;
	enum fd_kind kind = fd_lookup(oldfd, &server);
	if (kind == FD_CLOSED || (kind == FD_FILE && !server_open(server)) || newfd < 0 ||
	    newfd >= FD_MAX)
		return -1;
	if (oldfd == newfd)
		return newfd;
	int drop = fd_copy(oldfd, newfd);
	if (drop >= 0)
		disk(DISK_CLOSE, 1, (uint64_t)drop, 0);
	return newfd;
}

bool chdir(const char *dir) { return path_call(DISK_CHDIR, dir, 0) == 0; }
bool mkdir(const char *dir) { return path_call(DISK_MKDIR, dir, 0) == 0; }

_Static_assert(READDIR_MAX_LEN + 1 == DISK_PATH_MAX, "readdir's names are the server's");

bool readdir(int fd, char name[READDIR_MAX_LEN + 1])
{
	int server;
	if (fd_lookup(fd, &server) != FD_FILE || disk(DISK_READDIR, 1, (uint64_t)server, 0) != 1)
		return false;
	strlcpy(name, (const char *)&proc_ipc()->mr[DISK_DATA_MR], READDIR_MAX_LEN + 1);
	return true;
}

/* DISK_INUMBER of fd: its number, or < 0 when fd is not open (the console's fds are not
 * files); *dir says whether it is a directory. */
static int64_t fd_inumber(int fd, uint64_t *dir)
{
	int server;
	*dir = 0;
	if (fd_lookup(fd, &server) != FD_FILE)
		return -1;
	const uint64_t a[4] = { (uint64_t)server, 0, 0, 0 };
	return ipc_call(PSLOT_DISK, DISK_INUMBER, 1, a, dir);
}

bool isdir(int fd)
{
	uint64_t dir;
	return fd_inumber(fd, &dir) >= 0 && dir;
}

int inumber(int fd)
{
	uint64_t dir;
	int64_t n = fd_inumber(fd, &dir);
	return n < 0 ? -1 : (int)n;
}
