/* disk-names: 1000 files in one directory through the disk server: created with long
 * names that share one short-name basis, each found again by its name in another case
 * and by the short alias the FAT rules give it, a name taken refused in any case, every
 * other file removed and created again (taking back its alias), then all removed and
 * the directory with them. The host checks the image with fsck afterwards. */
#include "console.h"
#include "disk_client.h"
#include "ktest.h"
#include <string.h>
#include "str.h"

#define DIR_NAME "many"
#define FILES 1000

static uint64_t file_bytes(unsigned i)
{
	return i % 5 * 10;
}

/* "many/File Number 0042.txt", or with upper case "MANY/FILE NUMBER 0042.TXT". */
static void file_path(char *path, unsigned i, bool upper)
{
	memcpy(path, upper ? "MANY/FILE NUMBER 0000.TXT" : "many/File Number 0000.txt", 26);
	for (unsigned k = 0, v = i; k < 4; k++, v /= 10)
		path[20 - k] = (char)('0' + v % 10);
}

/* The short alias of the file that took tail ~tail: the basis FILENU, cut to leave room
 * for the tail ("FILENU~1.TXT", "FILEN~10.TXT", "FILE~100.TXT"). */
static void alias_path(char *path, unsigned tail)
{
	char digits[8];
	unsigned d = 0;
	for (unsigned v = tail; v; v /= 10)
		digits[d++] = (char)('0' + v % 10);
	unsigned keep = 6 < 7 - d ? 6 : 7 - d, n = 0;
	memcpy(path, "many/", 5);
	n = 5;
	memcpy(path + n, "FILENU", keep);
	n += keep;
	path[n++] = '~';
	while (d)
		path[n++] = digits[--d];
	memcpy(path + n, ".TXT", 5);
}

/* The file opens with the size of file i. */
static void check_size(uint64_t ep, const char *path, unsigned i)
{
	int64_t fd = disk_open(ep, path);
	CHECK(fd >= DISK_FD_FIRST);
	CHECK_EQ(disk_size(ep, fd), (int64_t)file_bytes(i));
	CHECK_EQ(disk_close(ep, fd), 0);
}

static void create_all(uint64_t ep, unsigned step, unsigned from)
{
	char path[32];
	for (unsigned i = from; i < FILES; i += step) {
		file_path(path, i, false);
		CHECK_EQ(disk_create(ep, path, file_bytes(i)), 0);
	}
}

static void remove_all(uint64_t ep, unsigned step, unsigned from)
{
	char path[32];
	for (unsigned i = from; i < FILES; i += step) {
		file_path(path, i, i % 3 == 0);
		CHECK_EQ(disk_remove(ep, path), 0);
	}
}

/* Every file opens by its name in upper case; those removed (odd ones, when odd_gone)
 * are not found. */
static void find_all(uint64_t ep, bool odd_gone)
{
	char path[32];
	for (unsigned i = 0; i < FILES; i++) {
		file_path(path, i, true);
		if (odd_gone && i % 2)
			CHECK_EQ(disk_open(ep, path), DISK_ENOENT);
		else
			check_size(ep, path, i);
	}
}

void test_disk_names(void)
{
	uint64_t ep = disk_client(disk_start(), DISK_CLIENT_TRUSTED);
	char path[32];
	CHECK_EQ(disk_call_data(ep, DISK_MKDIR, 0, 0, DIR_NAME, sizeof DIR_NAME), 0);
	create_all(ep, 1, 0);
	cprintf("ktest disk-names: %u files created\n", FILES);
	file_path(path, 500, true);
	CHECK_EQ(disk_create(ep, path, 0), DISK_EEXIST);
	find_all(ep, false);
	/* Created in order, file i took the lowest free tail: i + 1. */
	for (unsigned tail = 1; tail <= FILES; tail = tail * 10 > FILES ? tail + 1 : tail * 10) {
		alias_path(path, tail);
		check_size(ep, path, tail - 1);
	}
	remove_all(ep, 2, 1);
	find_all(ep, true);
	create_all(ep, 2, 1);
	alias_path(path, 2); /* file 1's tail, freed and taken again */
	check_size(ep, path, 1);
	find_all(ep, false);
	cprintf("ktest disk-names: found, removed and created again\n");
	remove_all(ep, 1, 0);
	file_path(path, 0, false);
	CHECK_EQ(disk_open(ep, path), DISK_ENOENT);
	CHECK_EQ(disk_remove(ep, DIR_NAME), 0);
}
