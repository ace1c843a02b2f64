/* Starting the disk server and calling it (disk_client.h). */
#include "disk_client.h"

#include "ktest.h"
#include <string.h>
#include "diskserver.h"
#include "objects.h"
#include "str.h"
#include "uthread.h"

/* The running server (0 before disk_start): its endpoint and its thread, in the root's table. */
static uint64_t server_ep, server_thread;

uint64_t disk_start(void)
{
	CHECK_OK(disk_server_start(PRIO_TEST, PRIO_TEST_BACKGROUND, &server_ep, &server_thread));
	return server_ep;
}

uint64_t disk_server_thread(void)
{
	return server_thread;
}

void disk_sync_before_poweroff(void)
{
	if (server_ep == 0)
		return;
	CHECK_EQ(disk_call(disk_client(server_ep, DISK_CLIENT_TRUSTED), DISK_SYNC, 0, 0, 0), 0);
}

uint64_t disk_client(uint64_t ep, uint64_t id)
{
	return derive(ep, RIGHT_WRITE | RIGHT_GRANT, id);
}

/* Sends m, again while the server answers DISK_EAGAIN (a step of the work done); m
 * becomes the reply. */
static int64_t call(uint64_t ep, struct msg *m)
{
	const struct msg request = *m;
	for (;;) {
		CHECK_OK(sys_call(ep, m));
		if ((int64_t)m->mr[0] != DISK_EAGAIN)
			return (int64_t)m->mr[0];
		*m = request;
	}
}

int64_t disk_call(uint64_t ep, uint64_t label, uint64_t a0, uint64_t a1, uint64_t a2)
{
	struct msg m = { MSG_TAG(label, 3, 0), 0, { a0, a1, a2, 0 } };
	return call(ep, &m);
}

int64_t disk_call_frame(uint64_t ep, uint64_t label, uint64_t a0, uint64_t a1, uint64_t a2,
			uint64_t frame)
{
	struct msg m = { MSG_TAG(label, 3, 1), 0, { a0, a1, a2, 0 } };
	ipc_buf()->send_cap = frame;
	return call(ep, &m);
}

int64_t disk_call_data(uint64_t ep, uint64_t label, uint64_t a0, uint64_t a1, const void *data,
		       uint64_t n)
{
	uint64_t room = (MSG_MAX_WORDS - DISK_DATA_MR) * 8;
	uint64_t len = n < room ? n : room;
	uint8_t *words = (uint8_t *)&ipc_buf()->mr[DISK_DATA_MR];
	memset(words, 0, (len + 7) / 8 * 8);
	memcpy(words, data, len);
	struct msg m = { MSG_TAG(label, DISK_DATA_MR + (len + 7) / 8, 0), 0, { a0, a1, 0, 0 } };
	return call(ep, &m);
}

static int64_t path_call(uint64_t ep, uint64_t label, const char *path, uint64_t a0)
{
	return disk_call_data(ep, label, a0, 0, path, str_len(path) + 1);
}

int64_t disk_create(uint64_t ep, const char *path, uint64_t size)
{
	return path_call(ep, DISK_CREATE, path, size);
}

int64_t disk_open(uint64_t ep, const char *path)
{
	return path_call(ep, DISK_OPEN, path, 0);
}

int64_t disk_remove(uint64_t ep, const char *path)
{
	return path_call(ep, DISK_REMOVE, path, 0);
}

int64_t disk_close(uint64_t ep, int64_t fd)
{
	return disk_call(ep, DISK_CLOSE, (uint64_t)fd, 0, 0);
}

int64_t disk_read(uint64_t ep, int64_t fd, void *buf, uint64_t n)
{
	struct msg m = { MSG_TAG(DISK_READ, 2, 0), 0, { (uint64_t)fd, n, 0, 0 } };
	int64_t got = call(ep, &m);
	if (got > 0) {
		CHECK((uint64_t)got <= n && MSG_WORDS(m.tag) == DISK_DATA_MR + ((uint64_t)got + 7) / 8);
		memcpy(buf, &ipc_buf()->mr[DISK_DATA_MR], (size_t)got);
	}
	return got;
}

int64_t disk_stats(uint64_t ep, struct disk_stats *out)
{
	struct msg m = { MSG_TAG(DISK_STATS, 0, 0), 0, { 0, 0, 0, 0 } };
	int64_t r = call(ep, &m);
	if (r == 0) {
		CHECK(MSG_WORDS(m.tag) == DISK_DATA_MR + sizeof *out / 8);
		memcpy(out, &ipc_buf()->mr[DISK_DATA_MR], sizeof *out);
	}
	return r;
}

int64_t disk_write(uint64_t ep, int64_t fd, const void *buf, uint64_t n)
{
	return disk_call_data(ep, DISK_WRITE, (uint64_t)fd, n, buf, n);
}

int64_t disk_seek(uint64_t ep, int64_t fd, uint64_t pos)
{
	return disk_call(ep, DISK_SEEK, (uint64_t)fd, pos, 0);
}

int64_t disk_tell(uint64_t ep, int64_t fd)
{
	return disk_call(ep, DISK_TELL, (uint64_t)fd, 0, 0);
}

int64_t disk_size(uint64_t ep, int64_t fd)
{
	return disk_call(ep, DISK_SIZE, (uint64_t)fd, 0, 0);
}

void disk_write_all(uint64_t ep, int64_t fd, const void *buf, uint64_t n)
{
	const uint8_t *p = buf;
	for (uint64_t done = 0; done < n;) {
		uint64_t k = n - done < DISK_IO_MAX ? n - done : DISK_IO_MAX;
		CHECK_EQ(disk_write(ep, fd, p + done, k), k);
		done += k;
	}
}

void disk_read_all(uint64_t ep, int64_t fd, void *buf, uint64_t n)
{
	uint8_t *p = buf;
	for (uint64_t done = 0; done < n;) {
		uint64_t k = n - done < DISK_IO_MAX ? n - done : DISK_IO_MAX;
		CHECK_EQ(disk_read(ep, fd, p + done, k), k);
		done += k;
	}
}
