/* Directories of any client: its working directory (relative paths start there; fork
 * copies it, exit forgets it), directories opened as fds and read a name at a time,
 * mkdir, the number and kind of an fd's file, and which directories are in use and so
 * cannot be removed.
 *
 * A working directory is kept as its absolute path, with its first cluster. The path
 * stays true while the client holds it: the directory cannot be removed while it is
 * someone's working directory, FAT has no links, and there is no rename. */
#include <string.h>

#include "server.h"
#include "uthread.h"

/* disk.path holds any working directory, '/' and a request's path. */
const char *client_path(uint64_t id, const char *p)
{
	struct client *c = client_find(id);
	size_t cwd = c ? strlen(c->cwd) : 0;
	if (p[0] == '/' || cwd == 0)
		return p;
	memcpy(disk.path, c->cwd, cwd);
	disk.path[cwd] = '/';
	strcpy(disk.path + cwd + 1, p);
	return disk.path;
}

/* Rewrites path (absolute, '/'-separated from the root, one the file system resolved as
 * a directory) in place without empty, "." and ".." components: "a/b", or "" for the
 * root. Every component before a ".." was a directory, so this names the same one. */
static void path_canonical(char *path)
{
	size_t len = 0;
	for (const char *p = path; *p;) {
		while (*p == '/')
			p++;
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (len && path[len - 1] != '/')
				len--;
			len = len ? len - 1 : 0;
		} else if (n && !(n == 1 && p[0] == '.')) {
			if (len)
				path[len++] = '/';
			memmove(path + len, p, n);
			len += n;
		}
		p += n;
	}
	path[len] = '\0';
}

int64_t do_chdir(struct request *rq)
{
	const char *path;
	struct fat_stat st;
	int64_t err = request_path(rq, rq->client, &path);
	if (!err)
		err = disk_err(fat_stat(&disk.fs, path, &st));
	if (!err && !st.dir)
		err = DISK_ENOTDIR;
	if (err)
		return err;
	if (path != disk.path)
		strcpy(disk.path, path);
	path_canonical(disk.path);
	if (strlen(disk.path) >= DISK_PATH_MAX)
		return DISK_ENAMETOOLONG;
	struct client *c = client_get(rq->client);
	if (!c)
		return DISK_ENFILE;
	disk.dir_holds += !c->cwd[0] - !disk.path[0];
	strcpy(c->cwd, disk.path);
	c->cwd_dir = st.cluster;
	client_put(c);
	return 0;
}

void dirs_exit(struct client *c)
{
	if (!c)
		return;
	disk.dir_holds -= c->cwd[0] != '\0';
	c->cwd[0] = '\0';
	client_put(c);
}

int64_t dir_open(struct client *c, const char *path)
{
	struct fat_stat st;
	int64_t err = disk_err(fat_stat(&disk.fs, path, &st));
	if (!err && !st.dir)
		err = DISK_ENOTDIR;
	return err ? err : client_add(c, NULL, st.cluster);
}

/* Whether a client has directory dir (first cluster) as its working directory or open. */
static bool dir_in_use(uint32_t dir)
{
	for (unsigned i = 0; i < DISK_CLIENTS; i++) {
		const struct client *c = &disk.clients[i];
		if (!c->used)
			continue;
		if (c->cwd[0] && c->cwd_dir == dir)
			return true;
		for (unsigned f = 0; f < DISK_FILES_PER_CLIENT; f++)
			if (c->fds[f].dir == dir)
				return true;
	}
	return false;
}

/* Whether any client has a directory open or a working directory of its own: only then
 * can a directory be in use, and a remove needs to look its path up first. */
static bool dirs_held(void)
{
	return disk.dir_holds > 0;
}

int64_t dir_busy(const char *path)
{
	struct fat_stat st;
	if (!dirs_held() || fat_stat(&disk.fs, path, &st) || !st.dir || !st.entry)
		return 0;
	return dir_in_use(st.cluster) ? DISK_EBUSY : 0;
}

int64_t do_mkdir(struct request *rq)
{
	const char *path;
	int64_t err = request_path(rq, rq->client, &path);
	if (!err && system_file(rq, path))
		return DISK_EPERM;
	return err ? err : disk_err(fat_mkdir(&disk.fs, path));
}

/* The caller's open directory MR0: 0 and *e, DISK_ENOTDIR for a file, DISK_EBADF. */
static int64_t dir_handle(const struct request *rq, struct fd_entry **e)
{
	*e = client_entry(client_find(rq->client), rq->arg[0]);
	return !*e ? DISK_EBADF : (*e)->node ? DISK_ENOTDIR : 0;
}

/* The name goes from MR4 on, NUL-terminated; the reply's words after it are zeros, not
 * what an earlier request (another client's) left in the buffer. */
int64_t do_readdir(struct request *rq)
{
	struct fd_entry *e;
	char *name = (char *)&ipc_buf()->mr[DISK_DATA_MR];
	int64_t err = dir_handle(rq, &e);
	if (err)
		return err;
	uint32_t pos = (uint32_t)e->offset;
	memset(name, 0, DISK_PATH_MAX);
	enum fat_err r = fat_readdir(&disk.fs, e->dir, &pos, name, DISK_PATH_MAX);
	e->offset = pos;
	if (r)
		return r == FAT_ENOENT ? 0 : disk_err(r);
	rq->reply_words = DISK_DATA_MR + (strlen(name) + 1 + 7) / 8;
	return 1;
}

int64_t do_inumber(struct request *rq)
{
	struct fd_entry *e = client_entry(client_find(rq->client), rq->arg[0]);
	if (!e)
		return DISK_EBADF;
	rq->reply_mr1 = e->node == NULL;
	rq->reply_words = 2;
	return (int64_t)(e->node ? fat_inumber(e->node) : fat_dir_inumber(&disk.fs, e->dir));
}
