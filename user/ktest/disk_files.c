/* disk-files: the file requests of the disk server with Pintos semantics: create (zero
 * filled, an existing name refused), open, read, write (growing), seek, tell, size,
 * close, remove of an open file, names of 14 characters, over-long paths refused, a file
 * the image already holds. The files it leaves are checked on the host (fsck, mtools). */
#include "console.h"
#include "disk_client.h"
#include "ktest.h"
#include <string.h>
#include "str.h"

#define BOOT_CFG_LINE "kernel boot/kernel.elf"
#define ZERO_FILE_BYTES 1000
#define BIG_FILE_BYTES 5000 /* more than one 4 KiB cluster of the boot image */
#define HOST_TEXT "pagos disk server wrote this"
#define NAME14 "abcdefghij.txt"
#define NAME14_TEXT "fourteen chars"

static uint8_t buf[BIG_FILE_BYTES];

static bool contains(const uint8_t *hay, uint64_t n, const char *needle)
{
	uint64_t k = str_len(needle);
	for (uint64_t i = 0; i + k <= n; i++)
		if (memcmp(hay + i, needle, k) == 0)
			return true;
	return false;
}

static uint8_t big_byte(uint64_t i)
{
	return (uint8_t)(i * 13 + (i >> 9) + 5);
}

static void check_boot_cfg(uint64_t ep)
{
	int64_t fd = disk_open(ep, "/boot/boot.cfg");
	CHECK(fd >= DISK_FD_FIRST);
	int64_t size = disk_size(ep, fd);
	CHECK(size > 0 && size < (int64_t)sizeof buf);
	disk_read_all(ep, fd, buf, (uint64_t)size);
	CHECK(contains(buf, (uint64_t)size, BOOT_CFG_LINE));
	CHECK_EQ(disk_read(ep, fd, buf, 1), 0);
	CHECK_EQ(disk_close(ep, fd), 0);
	CHECK_EQ(disk_open(ep, "BOOT/Boot.CFG") >= DISK_FD_FIRST, 1); /* case-insensitive */
}

static void check_create(uint64_t ep)
{
	CHECK_EQ(disk_create(ep, "zero.bin", ZERO_FILE_BYTES), 0);
	CHECK_EQ(disk_create(ep, "zero.bin", 0), DISK_EEXIST);
	int64_t fd = disk_open(ep, "zero.bin");
	CHECK(fd >= DISK_FD_FIRST);
	CHECK_EQ(disk_size(ep, fd), ZERO_FILE_BYTES);
	memset(buf, 0xee, sizeof buf);
	disk_read_all(ep, fd, buf, ZERO_FILE_BYTES);
	for (unsigned i = 0; i < ZERO_FILE_BYTES; i++)
		CHECK_EQ(buf[i], 0);
	CHECK_EQ(disk_read(ep, fd, buf, 10), 0);
	CHECK_EQ(disk_tell(ep, fd), ZERO_FILE_BYTES);
	CHECK_EQ(disk_close(ep, fd), 0);
	CHECK_EQ(disk_close(ep, fd), DISK_EBADF);
}

static void check_write_seek(uint64_t ep)
{
	CHECK_EQ(disk_create(ep, "grow.txt", 0), 0);
	int64_t fd = disk_open(ep, "grow.txt");
	CHECK_EQ(disk_size(ep, fd), 0);
	CHECK_EQ(disk_write(ep, fd, "hello", 5), 5);
	CHECK_EQ(disk_tell(ep, fd), 5);
	CHECK_EQ(disk_size(ep, fd), 5);
	CHECK_EQ(disk_seek(ep, fd, 10), 0); /* past the end: the gap reads as zeros */
	CHECK_EQ(disk_tell(ep, fd), 10);
	CHECK_EQ(disk_size(ep, fd), 5);
	CHECK_EQ(disk_write(ep, fd, "X", 1), 1);
	CHECK_EQ(disk_size(ep, fd), 11);
	CHECK_EQ(disk_seek(ep, fd, 0), 0);
	CHECK_EQ(disk_read(ep, fd, buf, 100), 11);
	CHECK(memcmp(buf, "hello\0\0\0\0\0X", 11) == 0);
	CHECK_EQ(disk_close(ep, fd), 0);
}

/* A file of several clusters, written and read in DISK_IO_MAX pieces. */
static void check_big(uint64_t ep)
{
	CHECK_EQ(disk_create(ep, "big file.bin", 0), 0);
	int64_t fd = disk_open(ep, "big file.bin");
	for (unsigned i = 0; i < BIG_FILE_BYTES; i++)
		buf[i] = big_byte(i);
	disk_write_all(ep, fd, buf, BIG_FILE_BYTES);
	CHECK_EQ(disk_size(ep, fd), BIG_FILE_BYTES);
	memset(buf, 0, sizeof buf);
	CHECK_EQ(disk_seek(ep, fd, 0), 0);
	disk_read_all(ep, fd, buf, BIG_FILE_BYTES);
	for (unsigned i = 0; i < BIG_FILE_BYTES; i++)
		CHECK_EQ(buf[i], big_byte(i));
	CHECK_EQ(disk_close(ep, fd), 0);
}

/* Removing an open file: gone from the directory at once, its data still there through
 * the fd (reads and writes) until the close. */
static void check_remove_open(uint64_t ep)
{
	CHECK_EQ(disk_create(ep, "gone.txt", 0), 0);
	int64_t fd = disk_open(ep, "gone.txt");
	CHECK_EQ(disk_write(ep, fd, "data", 4), 4);
	CHECK_EQ(disk_remove(ep, "gone.txt"), 0);
	CHECK_EQ(disk_open(ep, "gone.txt"), DISK_ENOENT);
	CHECK_EQ(disk_remove(ep, "gone.txt"), DISK_ENOENT);
	CHECK_EQ(disk_write(ep, fd, "more", 4), 4);
	CHECK_EQ(disk_seek(ep, fd, 0), 0);
	CHECK_EQ(disk_read(ep, fd, buf, 100), 8);
	CHECK(memcmp(buf, "datamore", 8) == 0);
	CHECK_EQ(disk_close(ep, fd), 0);
	CHECK_EQ(disk_open(ep, "gone.txt"), DISK_ENOENT);
	CHECK_EQ(disk_create(ep, "gone.txt", 0), 0); /* a new, empty file */
	fd = disk_open(ep, "gone.txt");
	CHECK_EQ(disk_size(ep, fd), 0);
	CHECK_EQ(disk_close(ep, fd), 0);
	CHECK_EQ(disk_remove(ep, "gone.txt"), 0);
}

static void check_names(uint64_t ep)
{
	char path[DISK_PATH_MAX + 8];
	CHECK_EQ(str_len(NAME14), 14);
	CHECK_EQ(disk_create(ep, NAME14, 0), 0);
	int64_t fd = disk_open(ep, NAME14);
	CHECK_EQ(disk_write(ep, fd, NAME14_TEXT, str_len(NAME14_TEXT)), str_len(NAME14_TEXT));
	CHECK_EQ(disk_close(ep, fd), 0);
	memset(path, 'n', sizeof path);
	path[DISK_PATH_MAX - 1] = '\0'; /* the longest path: one 255-character name */
	CHECK_EQ(disk_create(ep, path, 0), 0);
	CHECK_EQ(disk_remove(ep, path), 0);
	path[DISK_PATH_MAX - 1] = 'n';
	path[DISK_PATH_MAX] = '\0'; /* one byte over */
	CHECK_EQ(disk_create(ep, path, 0), DISK_ENAMETOOLONG);
	CHECK_EQ(disk_open(ep, path), DISK_ENAMETOOLONG);
	CHECK_EQ(disk_open(ep, "no-such-file"), DISK_ENOENT);
	fd = disk_open(ep, "boot"); /* a directory: an fd the file requests refuse */
	CHECK(fd >= DISK_FD_FIRST);
	CHECK_EQ(disk_size(ep, fd), DISK_EBADF);
	CHECK_EQ(disk_close(ep, fd), 0);
	CHECK_EQ(disk_open(ep, "boot/boot.cfg/x"), DISK_ENOTDIR);
	CHECK_EQ(disk_create(ep, "bad:name", 0), DISK_EINVAL);
	CHECK_EQ(disk_create(ep, "", 0), DISK_EINVAL);
}

static void write_host_file(uint64_t ep)
{
	CHECK_EQ(disk_create(ep, "host.txt", 0), 0);
	int64_t fd = disk_open(ep, "host.txt");
	CHECK_EQ(disk_write(ep, fd, HOST_TEXT, str_len(HOST_TEXT)), str_len(HOST_TEXT));
	CHECK_EQ(disk_close(ep, fd), 0);
}

void test_disk_files(void)
{
	uint64_t ep = disk_client(disk_start(), DISK_CLIENT_TRUSTED);
	check_boot_cfg(ep);
	check_create(ep);
	check_write_seek(ep);
	check_big(ep);
	check_remove_open(ep);
	check_names(ep);
	write_host_file(ep);
	CHECK_EQ(disk_call(ep, DISK_EXIT, DISK_CLIENT_TRUSTED, 0, 0), 0);
	cprintf("ktest disk-files: files created, written, read back and removed\n");
}
