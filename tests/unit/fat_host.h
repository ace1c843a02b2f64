/* Host side of the FAT library's unit tests (fat_host.c): block devices over an image
 * file or over memory (with injected failures and undo), images made with mtools and
 * dosfstools, host shell commands, and data patterns. */
#ifndef TESTS_UNIT_FAT_HOST_H
#define TESTS_UNIT_FAT_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fat.h"

#define FAT_TEST_NODES 16
#define FAT_TEST_INDEXES 2

/* A device over an image file (fd >= 0) or over memory (mem != NULL). After ops reaches
 * fail_at (when fail_at > 0) every call fails. */
struct hostdev {
	struct fat_blockdev dev;
	int fd;
	uint8_t *mem;
	uint8_t *pristine;      /* memory devices: the content hostdev_restore goes back to */
	uint8_t *touched;       /* memory devices: sectors written since the last restore */
	long ops;
	long fail_at;
};

/* A mounted image: device, state, node table and directory indexes (mount_file attaches
 * them; a mount by fat_mount alone scans directories). */
struct mounted {
	struct hostdev h;
	struct fat_fs fs;
	struct fat_node nodes[FAT_TEST_NODES];
	struct fat_dir_index index[FAT_TEST_INDEXES];
};

/* Makes the scratch directory; tmp_path gives name inside it (a static buffer that the next
 * call reuses). tmp_cleanup removes the directory. */
void tmp_init(void);
const char *tmp_path(const char *name);
void tmp_cleanup(void);

/* Runs a shell command made from fmt; returns its exit status (-1 if it did not run). */
int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Makes a fresh FAT32 image: mformat with 512-byte clusters (sectors_per_cluster 1) or
 * mkfs.fat with bigger ones. Returns false (and says why) on failure. */
bool make_image(const char *path, unsigned mib, unsigned sectors_per_cluster);

/* Opens an image file as a device / loads it into a memory device. */
bool hostdev_file(struct hostdev *h, const char *path);
bool hostdev_memory(struct hostdev *h, const char *path);
/* Memory devices: puts back every sector written since load or the last restore. */
void hostdev_restore(struct hostdev *h);
void hostdev_close(struct hostdev *h);
/* Memory devices: writes every sector written since load or the last restore into the
 * image file path, as the device holds it now, or (pristine) as it was loaded. */
bool hostdev_save(struct hostdev *h, const char *path, bool pristine);

/* Opens path as a file device and mounts it with the directory indexes; returns the
 * mount result. */
enum fat_err mount_file(struct mounted *m, const char *path);
/* Syncs and marks the volume clean (fat_sync_clean), checks nothing is open, and closes
 * the device; returns the sync result. */
enum fat_err unmount(struct mounted *m);

/* Writes or reads bytes of an image file at a byte offset. */
bool poke(const char *path, uint64_t off, const void *buf, size_t n);
bool peek(const char *path, uint64_t off, void *buf, size_t n);

/* Sets FAT entry of cluster c in every FAT copy of the (unmounted) image. */
bool poke_fat(const char *path, const struct fat_fs *fs, uint32_t c, uint32_t value);

/* Deterministic bytes for seed (differs by offset too). */
void pattern(uint8_t *buf, size_t n, uint32_t seed);
/* Writes a host file of n pattern bytes. */
bool write_host_file(const char *path, size_t n, uint32_t seed);

/* Reads the whole of path through the library into buf (up to max); returns the byte
 * count or -1 with the error in *err. */
long read_all(struct fat_fs *fs, const char *path, uint8_t *buf, size_t max, enum fat_err *err);

/* Copies ::/fat_path out with mcopy and compares it with want[0..n); prints the first
 * difference. */
bool host_file_equals(const char *image, const char *fat_path, const uint8_t *want, size_t n);
/* Copies ::/fat_path out with mcopy into buf (up to max bytes); returns its length, or -1
 * if it cannot be read (no such file). */
long host_file_read(const char *image, const char *fat_path, uint8_t *buf, size_t max);
/* Copies every file of the image out with one mcopy into the scratch directory; then
 * tree_file_read reads ::/fat_path from that copy as host_file_read does. */
bool host_tree(const char *image);
long tree_file_read(const char *fat_path, uint8_t *buf, size_t max);
/* The number of files (not directories) in that copy, or -1. */
long tree_files(void);
/* fsck.fat -n on the image exits 0 (its output is printed when not). */
bool fsck_clean(const char *image);

#endif
