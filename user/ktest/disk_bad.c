/* disk-bad-input: requests the disk server must refuse with an error code and survive:
 * unknown labels, fds that are not open (to directory requests too), paths without a
 * NUL, byte counts over DISK_IO_MAX or over what the message carries, capabilities that
 * are not frames. After each kind the server still serves a good request. */
#include "console.h"
#include "disk_client.h"
#include "ktest.h"
#include <string.h>

#define ID_ROOT DISK_CLIENT_TRUSTED

static char buf[DISK_IO_MAX + 8];

/* The server still answers: boot/boot.cfg opens and closes. */
static void still_serving(uint64_t ep)
{
	int64_t fd = disk_open(ep, "boot/boot.cfg");
	CHECK(fd >= DISK_FD_FIRST);
	CHECK_EQ(disk_close(ep, fd), 0);
}

static void check_labels(uint64_t ep)
{
	const uint64_t labels[] = { 0, DISK_BULK_WRITE + 1, DISK_FORK - 1, DISK_BUFFER + 1, 1000,
				    (1ull << 52) - 1 };
	for (unsigned i = 0; i < sizeof labels / sizeof labels[0]; i++)
		CHECK_EQ(disk_call(ep, labels[i], 0, 0, 0), DISK_EINVAL);
	still_serving(ep);
}

static void check_fds(uint64_t ep)
{
	const uint64_t fds[] = { 0, 1, DISK_FD_FIRST, DISK_FD_FIRST + DISK_FILES_PER_CLIENT,
				 ~0ull, 1ull << 40 };
	for (unsigned i = 0; i < sizeof fds / sizeof fds[0]; i++) {
		CHECK_EQ(disk_close(ep, (int64_t)fds[i]), DISK_EBADF);
		CHECK_EQ(disk_read(ep, (int64_t)fds[i], buf, 1), DISK_EBADF);
		CHECK_EQ(disk_write(ep, (int64_t)fds[i], "x", 1), DISK_EBADF);
		CHECK_EQ(disk_seek(ep, (int64_t)fds[i], 0), DISK_EBADF);
		CHECK_EQ(disk_tell(ep, (int64_t)fds[i]), DISK_EBADF);
		CHECK_EQ(disk_size(ep, (int64_t)fds[i]), DISK_EBADF);
		CHECK_EQ(disk_call(ep, DISK_REOPEN, ID_ROOT, fds[i], 0), DISK_EBADF);
		CHECK_EQ(disk_call(ep, DISK_READDIR, fds[i], 0, 0), DISK_EBADF);
		CHECK_EQ(disk_call(ep, DISK_INUMBER, fds[i], 0, 0), DISK_EBADF);
	}
	still_serving(ep);
}

static void check_paths(uint64_t ep)
{
	memset(buf, 'p', sizeof buf);
	CHECK_EQ(disk_call_data(ep, DISK_OPEN, 0, 0, buf, 8), DISK_EINVAL); /* no NUL */
	CHECK_EQ(disk_call_data(ep, DISK_CREATE, 0, 0, buf, 0), DISK_EINVAL); /* no path */
	CHECK_EQ(disk_call_data(ep, DISK_REMOVE, 0, 0, buf, DISK_IO_MAX), DISK_ENAMETOOLONG);
	CHECK_EQ(disk_call_data(ep, DISK_CREATE, 0, 0, buf, DISK_PATH_MAX), DISK_ENAMETOOLONG);
	CHECK_EQ(disk_call_data(ep, DISK_CHDIR, 0, 0, buf, 8), DISK_EINVAL);
	CHECK_EQ(disk_call_data(ep, DISK_MKDIR, 0, 0, buf, DISK_PATH_MAX), DISK_ENAMETOOLONG);
	CHECK_EQ(disk_create(ep, "toobig", 1ull << 32), DISK_EFBIG);
	CHECK_EQ(disk_open(ep, "toobig"), DISK_ENOENT);
	still_serving(ep);
}

static void check_sizes(uint64_t ep)
{
	CHECK_EQ(disk_create(ep, "sizes.bin", 0), 0);
	int64_t fd = disk_open(ep, "sizes.bin");
	memset(buf, 's', sizeof buf);
	CHECK_EQ(disk_write(ep, fd, buf, DISK_IO_MAX), DISK_IO_MAX);
	CHECK_EQ(disk_write(ep, fd, buf, DISK_IO_MAX + 1), DISK_EINVAL);
	CHECK_EQ(disk_call_data(ep, DISK_WRITE, (uint64_t)fd, 64, buf, 8), DISK_EINVAL);
	CHECK_EQ(disk_seek(ep, fd, 0), 0);
	CHECK_EQ(disk_read(ep, fd, buf, DISK_IO_MAX + 1), DISK_EINVAL);
	CHECK_EQ(disk_read(ep, fd, buf, DISK_IO_MAX), DISK_IO_MAX);
	CHECK_EQ(disk_size(ep, fd), DISK_IO_MAX);
	CHECK_EQ(disk_seek(ep, fd, 1ull << 32), DISK_EFBIG);
	CHECK_EQ(disk_seek(ep, fd, 0xffffffffull), 0);
	CHECK_EQ(disk_write(ep, fd, "x", 1), DISK_EFBIG);
	CHECK_EQ(disk_size(ep, fd), DISK_IO_MAX);
	CHECK_EQ(disk_close(ep, fd), 0);
	CHECK_EQ(disk_remove(ep, "sizes.bin"), 0);
	still_serving(ep);
}

/* Capabilities that are not frames where a frame belongs; the server deletes each. */
static void check_frames(uint64_t ep)
{
	uint64_t notification = new_object(OBJ_NOTIFICATION);
	CHECK_EQ(disk_call_frame(ep, DISK_SWAP_READ, 0, 0, 0, notification), DISK_EINVAL);
	CHECK_EQ(disk_call_frame(ep, DISK_SWAP_WRITE, 0, 0, 0, ep), DISK_EINVAL);
	CHECK_EQ(disk_call_frame(ep, DISK_OPEN, 0, 0, 0, notification), DISK_EINVAL);
	CHECK_EQ(disk_call(ep, DISK_SWAP_WRITE, 0, 0, 0), DISK_EINVAL);
	uint64_t frame = new_object(OBJ_FRAME);
	CHECK_EQ(disk_call_frame(ep, DISK_SWAP_WRITE, 0, 0, 0, frame), 0);
	still_serving(ep);
}

void test_disk_bad_input(void)
{
	uint64_t ep = disk_client(disk_start(), ID_ROOT);
	check_labels(ep);
	check_fds(ep);
	check_paths(ep);
	check_sizes(ep);
	check_frames(ep);
	CHECK_EQ(disk_call(ep, DISK_SYNC, 0, 0, 0), 0);
	cprintf("ktest disk-bad-input: every bad request refused, the server still serving\n");
}
