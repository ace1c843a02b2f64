/* disk-corrupt: a file whose cluster chain loops (the test's image is corrupted on the
 * host before boot: fat-loop) gives DISK_ECORRUPT, never a hang; an intact file beside it
 * still reads right and a new file can still be written (checked on the host). */
#include "console.h"
#include "disk_client.h"
#include "ktest.h"

#define GOOD_BYTES 3000 /* the case file's file-fill of /good.bin */
#define AFTER_TEXT "written after the corrupt file"

static uint8_t buf[GOOD_BYTES];

/* Opens and reads path to its end; returns the first error, or 0 if all of it read. */
static int64_t read_whole(uint64_t ep, const char *path)
{
	int64_t fd = disk_open(ep, path);
	if (fd < 0)
		return fd;
	int64_t got;
	while ((got = disk_read(ep, fd, buf, DISK_IO_MAX)) > 0)
		;
	CHECK_EQ(disk_close(ep, fd), 0);
	return got;
}

void test_disk_corrupt(void)
{
	uint64_t ep = disk_client(disk_start(), 1);
	CHECK_EQ(read_whole(ep, "/loop.bin"), DISK_ECORRUPT);
	int64_t fd = disk_open(ep, "/good.bin");
	CHECK(fd >= DISK_FD_FIRST);
	CHECK_EQ(disk_size(ep, fd), GOOD_BYTES);
	disk_read_all(ep, fd, buf, GOOD_BYTES);
	for (uint64_t i = 0; i < GOOD_BYTES; i++)
		CHECK_EQ(buf[i], i % 251);
	CHECK_EQ(disk_close(ep, fd), 0);
	CHECK_EQ(disk_create(ep, "/after.txt", 0), 0);
	fd = disk_open(ep, "/after.txt");
	CHECK(fd >= DISK_FD_FIRST);
	disk_write_all(ep, fd, AFTER_TEXT, sizeof AFTER_TEXT - 1);
	CHECK_EQ(disk_close(ep, fd), 0);
	cprintf("ktest disk-corrupt: the looping file is refused, the others are intact\n");
}
