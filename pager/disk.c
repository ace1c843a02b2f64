/* The pager as a client of the disk server (abi/disk.h): it starts the server, then
 * calls it with its trusted client id for executables, mmaps and process life cycles.
 * A call whose answer it does not need (a process's exit) goes through the courier, a
 * second pager thread, so the pager serves faults meanwhile whatever the server does. */
#include <string.h>

#include "console.h"
#include "diskserver.h"
#include "ops.h"
#include "pager.h"
#include "uthread.h"

static uint64_t client; /* the server's endpoint, badged DISK_CLIENT_TRUSTED */
/* The posted exits: a ring the pager writes at posted and the courier reads at sent
 * (each counter written by one thread); courier_wake says there are some, courier_idle
 * that the courier has sent them all. */
static uint64_t exits[EXITS_POSTED];
static volatile uint32_t posted, sent;
static uint64_t courier_wake, courier_idle;

/* A notification and a capability to it badged 1 (to signal it). */
static uint64_t signal_cap(void)
{
	uint64_t n = object_new(OBJ_NOTIFICATION, 0), cap = slot_get();
	if (!n || !cap || cap_derive(n, cap, RIGHT_READ | RIGHT_WRITE, 1))
		pager_panic("no memory for the disk courier");
	return cap;
}

static void courier_start(void)
{
	courier_wake = signal_cap();
	courier_idle = signal_cap();
	if (!pager_thread_start(PAGER_ROLE_COURIER, PRIO_COURIER))
		pager_panic("cannot start the disk courier");
}

uint64_t disk_init(void)
{
	uint64_t ep, thread;
	int64_t err = disk_server_start(PRIO_DISK, PRIO_DISK_ZEROER, &ep, &thread);
	if (err)
		pager_panic("cannot start the disk server (error %ld)", err);
	client = slot_get();
	if (!client || cap_derive(ep, client, RIGHT_WRITE | RIGHT_GRANT, DISK_CLIENT_TRUSTED))
		pager_panic("no slot for the disk client capability");
	courier_start();
	return ep;
}

/* Calls the server with label and arguments (and the frame capability in slot cap when
 * not 0), again while it answers DISK_EAGAIN (a step of a long request done); returns
 * MR0, and MR1, MR2 in mr12[0], mr12[1] when it is not NULL. A failed call is DISK_EIO. */
static int64_t call(uint64_t label, uint64_t words, uint64_t a0, uint64_t a1, uint64_t a2,
		    uint64_t cap, uint64_t *mr12)
{
	struct msg m;
	if (cap)
		ipc_buf()->send_cap = cap;
	do {
		m = (struct msg){ MSG_TAG(label, words, cap ? 1 : 0), 0, { a0, a1, a2, 0 } };
		if (sys_call(client, &m))
			return DISK_EIO;
	} while ((int64_t)m.mr[0] == DISK_EAGAIN);
	if (mr12) {
		mr12[0] = m.mr[1];
		mr12[1] = m.mr[2];
	}
	return (int64_t)m.mr[0];
}

int64_t disk_open(uint64_t base, const char *path)
{
	uint64_t n = strlen(path) + 1;
	if (n > DISK_PATH_MAX)
		return DISK_ENAMETOOLONG;
	memcpy(&ipc_buf()->mr[DISK_DATA_MR], path, n);
	return call(DISK_OPEN, DISK_DATA_MR + (n + 7) / 8, base, 0, 0, 0, NULL);
}

int64_t disk_read(int64_t fd, void *buf, uint64_t n)
{
	int64_t got = call(DISK_READ, 2, (uint64_t)fd, n, 0, 0, NULL);
	if (got > 0)
		memcpy(buf, &ipc_buf()->mr[DISK_DATA_MR], (size_t)got);
	return got;
}

int64_t disk_close(int64_t fd) { return call(DISK_CLOSE, 1, (uint64_t)fd, 0, 0, 0, NULL); }

int64_t disk_reopen(uint64_t id, int64_t fd, uint64_t how, uint64_t *size, uint64_t *file)
{
	uint64_t mr12[2] = { 0, 0 };
	int64_t r = call(DISK_REOPEN, 3, id, (uint64_t)fd, how, 0, mr12);
	*size = mr12[0];
	*file = mr12[1];
	return r;
}

void disk_release(uint64_t file_id) { call(DISK_RELEASE, 1, file_id, 0, 0, 0, NULL); }

int64_t disk_page_read(uint64_t file_id, uint64_t offset, const struct frame *f)
{
	return call(DISK_PAGE_READ, 2, file_id, offset, 0, f->slot, NULL);
}

int64_t disk_page_write(uint64_t file_id, uint64_t offset, uint64_t bytes, const struct frame *f)
{
	return call(DISK_PAGE_WRITE, 3, file_id, offset, bytes, f->slot, NULL);
}

/* A server answering DISK_ENFILE may still hold the buffers of processes whose exits
 * the courier has yet to send: once they are sent, the page is given again. */
int64_t disk_buffer(uint64_t id, uint64_t page, uint64_t frame)
{
	uint64_t word;
	int64_t r = call(DISK_BUFFER, 2, id, page, 0, frame, NULL);
	if (r != DISK_ENFILE || __atomic_load_n(&sent, __ATOMIC_ACQUIRE) == posted)
		return r;
	while (__atomic_load_n(&sent, __ATOMIC_ACQUIRE) != posted)
		sys_wait(courier_idle, &word);
	return call(DISK_BUFFER, 2, id, page, 0, frame, NULL);
}

int64_t disk_fork(uint64_t parent, uint64_t child)
{
	return call(DISK_FORK, 2, parent, child, 0, 0, NULL);
}
void disk_exit(uint64_t id)
{
	if (posted - sent == EXITS_POSTED) {
		call(DISK_EXIT, 1, id, 0, 0, 0, NULL);
		return;
	}
	exits[posted % EXITS_POSTED] = id;
	__atomic_store_n(&posted, posted + 1, __ATOMIC_RELEASE);
	sys_signal(courier_wake);
}

_Noreturn void courier_main(void)
{
	for (;;) {
		uint64_t word;
		while (sent != __atomic_load_n(&posted, __ATOMIC_ACQUIRE)) {
			call(DISK_EXIT, 1, exits[sent % EXITS_POSTED], 0, 0, 0, NULL);
			__atomic_store_n(&sent, sent + 1, __ATOMIC_RELEASE);
		}
		sys_signal(courier_idle);
		sys_wait(courier_wake, &word);
	}
}

void disk_sync(void)
{
	uint64_t word;
	while (__atomic_load_n(&sent, __ATOMIC_ACQUIRE) != posted)
		sys_wait(courier_idle, &word);
	call(DISK_SYNC, 0, 0, 0, 0, 0, NULL);
}
int64_t disk_swap_slots(void) { return call(DISK_SWAP_SLOTS, 0, 0, 0, 0, 0, NULL); }

int64_t disk_swap_read(int64_t slot, const struct frame *f)
{
	return call(DISK_SWAP_READ, 1, (uint64_t)slot, 0, 0, f->slot, NULL);
}

int64_t disk_swap_write(int64_t slot, const struct frame *f)
{
	return call(DISK_SWAP_WRITE, 1, (uint64_t)slot, 0, 0, f->slot, NULL);
}
