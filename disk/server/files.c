/* File requests of any client: create, open, close, read, write, seek, tell, size,
 * remove, and the paths they name. Each handle keeps its own offset; the file's node is
 * shared. Open and remove hand directories to dirs.c. */
#include <string.h>
#include "server.h"
#include "uthread.h"

/* The bytes after MR3 of the message just received (or of the reply being built). */
static uint8_t *data_words(void)
{
	return (uint8_t *)&ipc_buf()->mr[DISK_DATA_MR];
}

static uint64_t data_bytes(const struct request *rq)
{
	return rq->words > DISK_DATA_MR ? (rq->words - DISK_DATA_MR) * 8 : 0;
}

/* The path is checked to end in a NUL within DISK_PATH_MAX bytes of the message; an
 * empty one would name the directory itself. */
int64_t request_path(const struct request *rq, uint64_t id, const char **path)
{
	const char *p = (const char *)data_words();
	uint64_t n = data_bytes(rq);
	for (uint64_t i = 0; i < n && i < DISK_PATH_MAX; i++) {
		if (p[i] != '\0')
			continue;
		*path = client_path(id, p);
		return i ? 0 : DISK_EINVAL;
	}
	return n >= DISK_PATH_MAX ? DISK_ENAMETOOLONG : DISK_EINVAL;
}

/* A system file is one under boot/ or EFI/ (the loader's and firmware's files), which
 * programs may read but not change (or those directories themselves). The path (made
 * absolute by request_path) is resolved as the file system would: "", "." and ".."
 * components, case, and the trailing dots and spaces FAT ignores. */
bool system_file(const struct request *rq, const char *path)
{
	static const char *const dirs[] = { "boot", "efi" };
	const char *first = NULL; /* the first component left after ".." */
	size_t first_len = 0, depth = 0;
	for (const char *s = path; *s;) {
		while (*s == '/')
			s++;
		size_t n = strcspn(s, "/"), k = n;
		while (k && (s[k - 1] == '.' || s[k - 1] == ' ') && !(k <= 2 && s[0] == '.'))
			k--;
		if (n == 2 && s[0] == '.' && s[1] == '.')
			depth = depth ? depth - 1 : 0;
		else if (n && !(n == 1 && s[0] == '.') && depth++ == 0)
			first = s, first_len = k;
		s += n;
	}
	if (rq->client >= DISK_CLIENT_TRUSTED || !first)
		return false;
	for (unsigned i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		size_t j = 0;
		while (j < first_len && dirs[i][j] && (first[j] | 0x20) == dirs[i][j])
			j++;
		if (j == first_len && !dirs[i][j])
			return true;
	}
	return false;
}

/* The caller's open file MR0, or NULL (for a directory's fd too). */
static struct fd_entry *handle(const struct request *rq, struct client **c)
{
	*c = client_find(rq->client);
	return client_fd(*c, rq->arg[0]);
}

int64_t do_create(struct request *rq)
{
	const char *path;
	int64_t err = request_path(rq, rq->client, &path);
	if (err)
		return err;
	if (rq->arg[0] > FAT_FILE_MAX)
		return DISK_EFBIG;
	if (system_file(rq, path))
		return DISK_EPERM;
	return disk_err(fat_create(&disk.fs, path, (uint32_t)rq->arg[0]));
}

/* Whose working directory a relative DISK_OPEN path starts from: the caller's, or for
 * a trusted caller the client MR0 names (the pager opening a program for a process). */
static uint64_t open_base(const struct request *rq)
{
	return rq->client >= DISK_CLIENT_TRUSTED && rq->arg[0] ? rq->arg[0] : rq->client;
}

/* A file, or a directory (the file system refuses to open it as a file: FAT_EISDIR, or
 * FAT_EINVAL for the root, "." and ".."), for which dir_open makes the fd. */
int64_t do_open(struct request *rq)
{
	const char *path;
	struct fat_node *node;
	int64_t err = request_path(rq, open_base(rq), &path), fd;
	if (err)
		return err;
	struct client *c = client_get(rq->client);
	if (!c)
		return DISK_ENFILE;
	if (c->open == DISK_FILES_PER_CLIENT)
		return DISK_EMFILE;
	enum fat_err r = fat_open(&disk.fs, path, &node);
	if (r == FAT_EISDIR || r == FAT_EINVAL) {
		fd = dir_open(c, path);
	} else {
		fd = r ? disk_err(r) : client_add(c, node, 0);
		if (fd >= 0)
			c->fds[fd - DISK_FD_FIRST].system = system_file(rq, path);
	}
	if (fd < 0)
		client_put(c);
	return fd;
}

int64_t do_close(struct request *rq)
{
	struct client *c = client_find(rq->client);
	struct fd_entry *e = client_entry(c, rq->arg[0]);
	return e ? client_close(c, e) : DISK_EBADF;
}

/* Decodes a read or write: the fd (MR0) and a byte count (MR1) of at most limit bytes.
 * Returns the handle, or NULL with *err set. */
static struct fd_entry *decode_io(struct request *rq, uint64_t limit, int64_t *err)
{
	struct client *c;
	struct fd_entry *e = handle(rq, &c);
	*err = !e ? DISK_EBADF : rq->arg[1] > limit ? DISK_EINVAL : 0;
	return *err ? NULL : e;
}

/* Reads MR1 bytes at e's offset into data and advances it; returns the bytes read. */
static int64_t read_into(struct request *rq, struct fd_entry *e, uint8_t *data)
{
	uint32_t done;
	int64_t err = disk_err(fat_read(&disk.fs, e->node, e->offset, data, (uint32_t)rq->arg[1], &done));
	if (err)
		return err;
	e->offset += done;
	return done;
}

/* Writes MR1 bytes of data at e's offset (nothing for a running executable) and advances
 * it; returns the bytes written. */
static int64_t write_from(struct request *rq, struct fd_entry *e, const uint8_t *data)
{
	uint32_t done;
	if (e->system)
		return DISK_EPERM;
	if (write_denied(e->node))
		return 0; /* a running executable (Pintos: write returns 0) */
	int64_t err = disk_err(fat_write(&disk.fs, e->node, e->offset, data, (uint32_t)rq->arg[1], &done));
	if (err)
		return err;
	e->offset += done;
	return done;
}

int64_t do_read(struct request *rq)
{
	int64_t err;
	struct fd_entry *e = decode_io(rq, DISK_IO_MAX, &err);
	if (!e)
		return err;
	/* The reply carries whole words: the bytes after the data must not be what the last
	 * request (another client's) left in the buffer. */
	uint8_t *bytes = data_words();
	for (uint64_t i = 0; i < rq->arg[1] + 8 && i < DISK_IO_MAX; i++)
		bytes[i] = 0;
	int64_t done = read_into(rq, e, bytes);
	if (done >= 0)
		rq->reply_words = DISK_DATA_MR + ((uint64_t)done + 7) / 8;
	return done;
}

int64_t do_write(struct request *rq)
{
	int64_t err;
	uint64_t limit = data_bytes(rq) < DISK_IO_MAX ? data_bytes(rq) : DISK_IO_MAX;
	struct fd_entry *e = decode_io(rq, limit, &err);
	return e ? write_from(rq, e, data_words()) : err;
}

/* The caller's own buffer (found by its badge) holds the data: no other client's
 * bytes are reachable from here. */
int64_t do_bulk_read(struct request *rq)
{
	int64_t err;
	uint8_t *buf = buffer_of(rq->client);
	struct fd_entry *e = buf ? decode_io(rq, DISK_BUFFER_SIZE, &err) : NULL;
	return e ? read_into(rq, e, buf) : buf ? err : DISK_EINVAL;
}

int64_t do_bulk_write(struct request *rq)
{
	int64_t err;
	uint8_t *buf = buffer_of(rq->client);
	struct fd_entry *e = buf ? decode_io(rq, DISK_BUFFER_SIZE, &err) : NULL;
	return e ? write_from(rq, e, buf) : buf ? err : DISK_EINVAL;
}

int64_t do_seek(struct request *rq)
{
	struct client *c;
	struct fd_entry *e = handle(rq, &c);
	if (!e)
		return DISK_EBADF;
	if (rq->arg[1] > FAT_FILE_MAX)
		return DISK_EFBIG;
	e->offset = rq->arg[1];
	return 0;
}

int64_t do_tell(struct request *rq)
{
	struct client *c;
	struct fd_entry *e = handle(rq, &c);
	return e ? (int64_t)e->offset : DISK_EBADF;
}

int64_t do_size(struct request *rq)
{
	struct client *c;
	struct fd_entry *e = handle(rq, &c);
	return e ? (int64_t)fat_size(e->node) : DISK_EBADF;
}

/* A file, or an empty directory that no client uses (dir_busy). */
int64_t do_remove(struct request *rq)
{
	const char *path;
	int64_t err = request_path(rq, rq->client, &path);
	if (!err && system_file(rq, path))
		return DISK_EPERM;
	if (!err)
		err = dir_busy(path);
	return err ? err : disk_err(fat_remove(&disk.fs, path));
}
