/* Host side of the FAT library's unit tests: devices, images, commands (see fat_host.h). */
#define _GNU_SOURCE
#include "fat_host.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char tmp_dir[64];

void tmp_init(void)
{
	strcpy(tmp_dir, "/tmp/test_fat.XXXXXX");
	if (!mkdtemp(tmp_dir)) {
		perror("mkdtemp");
		exit(1);
	}
	/* The images have no partition table; mtools checks geometry otherwise. */
	setenv("MTOOLS_SKIP_CHECK", "1", 1);
}

const char *tmp_path(const char *name)
{
	static char buf[512];
	snprintf(buf, sizeof buf, "%s/%s", tmp_dir, name);
	return buf;
}

void tmp_cleanup(void)
{
	sh("rm -rf '%s'", tmp_dir);
}

int sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	int st = system(cmd);
	if (st == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

bool make_image(const char *path, unsigned mib, unsigned spc)
{
	int st;
	unlink(path);
	if (spc == 1)
		st = sh("mformat -C -i '%s' -F -T %u :: >/dev/null 2>&1", path, mib * 2048);
	else
		st = sh("mkfs.fat -C -F 32 -s %u '%s' %u >/dev/null 2>&1", spc, path, mib * 1024);
	if (st != 0)
		fprintf(stderr, "make_image %s: tool failed (%d)\n", path, st);
	return st == 0;
}

static bool counts(struct hostdev *h)
{
	h->ops++;
	return !(h->fail_at > 0 && h->ops >= h->fail_at);
}

static int file_read(void *ctx, uint64_t lba, uint32_t n, void *buf)
{
	struct hostdev *h = ctx;
	size_t len = (size_t)n * FAT_SECTOR_SIZE;
	if (!counts(h) || lba + n > h->dev.sectors)
		return -1;
	if (h->mem) {
		memcpy(buf, h->mem + lba * FAT_SECTOR_SIZE, len);
		return 0;
	}
	return pread(h->fd, buf, len, (off_t)(lba * FAT_SECTOR_SIZE)) == (ssize_t)len ? 0 : -1;
}

static int file_write(void *ctx, uint64_t lba, uint32_t n, const void *buf)
{
	struct hostdev *h = ctx;
	size_t len = (size_t)n * FAT_SECTOR_SIZE;
	if (!counts(h) || lba + n > h->dev.sectors)
		return -1;
	if (h->mem) {
		memcpy(h->mem + lba * FAT_SECTOR_SIZE, buf, len);
		memset(h->touched + lba, 1, n);
		return 0;
	}
	return pwrite(h->fd, buf, len, (off_t)(lba * FAT_SECTOR_SIZE)) == (ssize_t)len ? 0 : -1;
}

static int file_flush(void *ctx)
{
	struct hostdev *h = ctx;
	if (!counts(h))
		return -1;
	return h->mem ? 0 : fdatasync(h->fd);
}

static void dev_init(struct hostdev *h, uint64_t bytes)
{
	h->dev = (struct fat_blockdev){
		.ctx = h,
		.sectors = bytes / FAT_SECTOR_SIZE,
		.read = file_read,
		.write = file_write,
		.flush = file_flush,
	};
	h->ops = 0;
	h->fail_at = 0;
}

bool hostdev_file(struct hostdev *h, const char *path)
{
	struct stat st;
	memset(h, 0, sizeof *h);
	h->fd = open(path, O_RDWR);
	if (h->fd < 0 || fstat(h->fd, &st) != 0) {
		perror(path);
		return false;
	}
	dev_init(h, (uint64_t)st.st_size);
	return true;
}

bool hostdev_memory(struct hostdev *h, const char *path)
{
	if (!hostdev_file(h, path))
		return false;
	size_t bytes = h->dev.sectors * FAT_SECTOR_SIZE;
	h->mem = malloc(bytes);
	h->pristine = malloc(bytes);
	h->touched = calloc(h->dev.sectors, 1);
	bool ok = h->mem && h->pristine && h->touched &&
		  pread(h->fd, h->mem, bytes, 0) == (ssize_t)bytes;
	close(h->fd);
	h->fd = -1;
	if (ok)
		memcpy(h->pristine, h->mem, bytes);
	return ok;
}

void hostdev_restore(struct hostdev *h)
{
	for (uint64_t s = 0; s < h->dev.sectors; s++) {
		if (h->touched[s]) {
			memcpy(h->mem + s * FAT_SECTOR_SIZE, h->pristine + s * FAT_SECTOR_SIZE,
			       FAT_SECTOR_SIZE);
			h->touched[s] = 0;
		}
	}
	h->ops = 0;
	h->fail_at = 0;
}

bool hostdev_save(struct hostdev *h, const char *path, bool pristine)
{
	int fd = open(path, O_WRONLY);
	bool ok = fd >= 0;
	for (uint64_t s = 0; ok && s < h->dev.sectors; s++) {
		const uint8_t *from = (pristine ? h->pristine : h->mem) + s * FAT_SECTOR_SIZE;
		if (h->touched[s])
			ok = pwrite(fd, from, FAT_SECTOR_SIZE, (off_t)(s * FAT_SECTOR_SIZE)) ==
			     FAT_SECTOR_SIZE;
	}
	if (fd >= 0)
		close(fd);
	return ok;
}

void hostdev_close(struct hostdev *h)
{
	if (h->fd >= 0)
		close(h->fd);
	free(h->mem);
	free(h->pristine);
	free(h->touched);
	memset(h, 0, sizeof *h);
	h->fd = -1;
}

enum fat_err mount_file(struct mounted *m, const char *path)
{
	if (!hostdev_file(&m->h, path))
		return FAT_EIO;
	enum fat_err r = fat_mount(&m->fs, &m->h.dev, m->nodes, FAT_TEST_NODES);
	if (!r)
		fat_index_attach(&m->fs, m->index, FAT_TEST_INDEXES);
	return r;
}

enum fat_err unmount(struct mounted *m)
{
	enum fat_err r = fat_sync_clean(&m->fs);
	for (int i = 0; i < FAT_TEST_NODES; i++)
		if (m->nodes[i].refs)
			fprintf(stderr, "unmount: node %d still open\n", i);
	hostdev_close(&m->h);
	return r;
}

bool poke(const char *path, uint64_t off, const void *buf, size_t n)
{
	int fd = open(path, O_RDWR);
	bool ok = fd >= 0 && pwrite(fd, buf, n, (off_t)off) == (ssize_t)n;
	if (fd >= 0)
		close(fd);
	return ok;
}

bool peek(const char *path, uint64_t off, void *buf, size_t n)
{
	int fd = open(path, O_RDONLY);
	bool ok = fd >= 0 && pread(fd, buf, n, (off_t)off) == (ssize_t)n;
	if (fd >= 0)
		close(fd);
	return ok;
}

bool poke_fat(const char *path, const struct fat_fs *fs, uint32_t c, uint32_t value)
{
	uint8_t v[4] = {(uint8_t)value, (uint8_t)(value >> 8), (uint8_t)(value >> 16),
			(uint8_t)(value >> 24)};
	bool ok = true;
	for (uint32_t k = 0; k < fs->fat_copies; k++)
		ok &= poke(path, ((uint64_t)fs->fat_lba + (uint64_t)k * fs->fat_sectors) *
				 FAT_SECTOR_SIZE + c * 4ull, v, 4);
	return ok;
}

void pattern(uint8_t *buf, size_t n, uint32_t seed)
{
	uint32_t x = seed * 2654435761u + 12345;
	for (size_t i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (uint8_t)(x ^ i);
	}
}

bool write_host_file(const char *path, size_t n, uint32_t seed)
{
	uint8_t *buf = malloc(n + 1);
	pattern(buf, n, seed);
	FILE *f = fopen(path, "wb");
	bool ok = f && fwrite(buf, 1, n, f) == n;
	if (f)
		ok &= fclose(f) == 0;
	free(buf);
	return ok;
}

long read_all(struct fat_fs *fs, const char *path, uint8_t *buf, size_t max, enum fat_err *err)
{
	struct fat_node *n;
	uint32_t done;
	*err = fat_open(fs, path, &n);
	if (*err)
		return -1;
	uint32_t size = fat_size(n);
	if (size > max) {
		fat_close(fs, n);
		*err = FAT_EFBIG;
		return -1;
	}
	*err = fat_read(fs, n, 0, buf, size, &done);
	enum fat_err c = fat_close(fs, n);
	if (!*err)
		*err = c;
	return *err ? -1 : (long)done;
}

bool host_file_equals(const char *image, const char *fat_path, const uint8_t *want, size_t n)
{
	char out[600];
	snprintf(out, sizeof out, "%s", tmp_path("mcopy.out"));
	unlink(out);
	if (sh("mcopy -n -i '%s' '::/%s' '%s' >/dev/null 2>&1", image, fat_path, out) != 0) {
		fprintf(stderr, "mcopy ::/%s failed\n", fat_path);
		return false;
	}
	FILE *f = fopen(out, "rb");
	if (!f)
		return false;
	uint8_t *got = malloc(n + 1);
	size_t len = fread(got, 1, n + 1, f);
	fclose(f);
	bool ok = len == n && memcmp(got, want, n) == 0;
	if (!ok) {
		size_t i = 0;
		while (i < len && i < n && got[i] == want[i])
			i++;
		fprintf(stderr, "::/%s: host reads %zu bytes, expected %zu; first difference at %zu\n",
			fat_path, len, n, i);
	}
	free(got);
	return ok;
}

/* Up to max bytes of the host file path into buf; their count, or -1. */
static long read_file(const char *path, uint8_t *buf, size_t max)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	size_t len = fread(buf, 1, max, f);
	fclose(f);
	return (long)len;
}

long host_file_read(const char *image, const char *fat_path, uint8_t *buf, size_t max)
{
	char out[600];
	snprintf(out, sizeof out, "%s", tmp_path("mcopy.out"));
	unlink(out);
	if (sh("mcopy -n -i '%s' '::/%s' '%s' >/dev/null 2>&1", image, fat_path, out) != 0)
		return -1;
	return read_file(out, buf, max);
}

bool host_tree(const char *image)
{
	char tree[600];
	snprintf(tree, sizeof tree, "%s", tmp_path("tree"));
	return sh("rm -rf '%s' && mkdir '%s' && mcopy -s -n -i '%s' '::/*' '%s' >/dev/null 2>&1",
		  tree, tree, image, tree) == 0;
}

long tree_file_read(const char *fat_path, uint8_t *buf, size_t max)
{
	char name[600];
	snprintf(name, sizeof name, "%s/%s", tmp_path("tree"), fat_path);
	return read_file(name, buf, max);
}

long tree_files(void)
{
	char cmd[700];
	long n = -1;
	snprintf(cmd, sizeof cmd, "find '%s' -type f | wc -l", tmp_path("tree"));
	FILE *f = popen(cmd, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%ld", &n) != 1)
		n = -1;
	pclose(f);
	return n;
}

bool fsck_clean(const char *image)
{
	char out[600];
	snprintf(out, sizeof out, "%s", tmp_path("fsck.out"));
	int st = sh("fsck.fat -n '%s' >'%s' 2>&1", image, out);
	if (st != 0) {
		fprintf(stderr, "fsck.fat -n %s exited %d:\n", image, st);
		sh("cat '%s' >&2", out);
	}
	return st == 0;
}
