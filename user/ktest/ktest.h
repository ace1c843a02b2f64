/* The kernel test root task: one test per kernel behaviour, chosen with the boot option
 * ktest=NAME. Children are the same program started with a role number (uthread.h), so
 * every test keeps its server and client code side by side. */
#ifndef KTEST_H
#define KTEST_H

#include <stdbool.h>
#include <stdint.h>

#include "ops.h"
#include "rootinfo.h"
#include "space.h"

/* Priority of the root thread and, unless a test says otherwise, of every thread. */
#define PRIO_TEST 100
#define PRIO_TEST_BACKGROUND 1 /* the disk server's zeroer: below every test thread */

/* Fails the running test unless cond holds: prints "ktest NAME: FAILED: cond (file:line)"
 * and powers off with failure (in a child without the system capability: stops). */
#define CHECK(cond)                                                                  \
	do {                                                                         \
		if (!(cond))                                                         \
			ktest_fail(#cond, 0, 0, __FILE_NAME__, __LINE__);            \
	} while (0)

/* Fails the running test unless a == b (integers); the message shows both values. */
#define CHECK_EQ(a, b)                                                               \
	do {                                                                         \
		int64_t got_ = (int64_t)(a), want_ = (int64_t)(b);                   \
		if (got_ != want_)                                                   \
			ktest_fail(#a " == " #b, got_, want_, __FILE_NAME__, __LINE__); \
	} while (0)
/* Fails the running test unless the expression (a system call) returns want. */
#define CHECK_ERR(expr, want) CHECK_EQ(expr, want)
#define CHECK_OK(expr) CHECK_EQ(expr, ERR_OK)

/* Reports a failed check (got and want are shown when they differ); never returns. */
void ktest_fail(const char *what, int64_t got, int64_t want, const char *file, int line)
	__attribute__((noreturn));

/* The name the failure messages carry: the test in the root task, the role in a child. */
extern const char *ktest_name;
/* The root task's boot information (root task only). */
extern const struct root_info *ktest_root;

/* Roles: what a thread started by a test runs (dispatch table in roles.c). */
enum role {
	ROLE_ROOT = 0,
	ROLE_HELLO_CHILD,
	ROLE_PINGPONG_SERVER,
	ROLE_LONG_SERVER,
	ROLE_CAPX_CHILD,
	ROLE_BADGE_CLIENT,
	ROLE_FIFO_CLIENT,
	ROLE_NOTIFY_SIGNALER,
	ROLE_FAULT_PROBES,
	ROLE_FAULT_EXCEPTION,
	ROLE_FAULT_TOUCH,
	ROLE_BUSY,
	ROLE_RECEIVER,
	ROLE_ISO_PROBE,
	ROLE_ISO_MAPPER,
	ROLE_FUZZ,
	ROLE_PINGER,
	ROLE_FUZZ_SINK,
	ROLE_BENCH_SERVER,
	ROLE_BENCH_FAULTER,
	ROLE_DISK_WORKER,
	ROLE_DISK_DROPOUT,
	ROLE_COUNT
};

/* Runs role with its argument in a started thread (roles.c). */
void role_run(uint64_t role, uint64_t arg);

/* A child task: the address space, and its first thread. */
struct child {
	struct space space;
	struct uthread main;
};

/* One capability a child gets: the root's slot src copied to the child's slot dst. */
struct grant {
	uint64_t src;
	uint64_t dst;
	uint32_t rights;
	uint64_t badge;
};

/* Starts this program again in a new address space as role with arg, holding the n
 * grants and, if trusted, the console, the system capability and its own thread (an
 * untrusted child gets none of these), with faults going to the root's endpoint slot
 * fault_ep (0: none), at priority PRIO_TEST. Fails the test on any error. */
void child_spawn(struct child *c, uint64_t role, uint64_t arg, const struct grant *grants,
		 unsigned n, uint64_t fault_ep, bool trusted);
/* The same, but the child's thread stays THREAD_INACTIVE until child_run, so the root
 * can add capabilities and mappings it uses from its first instruction. */
void child_create(struct child *c, uint64_t role, uint64_t arg, const struct grant *grants,
		  unsigned n, uint64_t fault_ep, bool trusted);
void child_run(const struct child *c);

/* Starts another thread of role/arg in space sp (the root's own: space_self) with the
 * given priority, fault endpoint slot (0: none), running at once if run. Fails the test
 * on any error. */
struct uthread thread_spawn(struct space *sp, uint64_t role, uint64_t arg, uint64_t fault_ep,
			    uint64_t priority, bool run);

/* The root task's own address space, whose thread areas thread_spawn hands out. */
struct space *root_space(void);

/* A new object of type in the root's table; fails the test on any error. */
uint64_t new_object(uint64_t type);
/* A fresh frame mapped RW at addr in the root's own space. */
uint64_t new_mapped_frame(uint64_t addr);
/* A capability derived from slot with rights and badge, in a fresh slot. */
uint64_t derive(uint64_t slot, uint32_t rights, uint64_t badge);

/* Yields until thread th is in state, at most `tries` times; returns whether it got there. */
bool wait_state(uint64_t th, uint64_t state, unsigned tries);

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* TSC cycles for a loop of 2 * n + 1 instructions (dec, jnz; the last jnz falls
 * through): under -icount shift=7, 128 per instruction. */
uint64_t loop_tsc(uint64_t n);

/* The tests (root task side) and the roles they start, by file. */
void test_hello(void);
void test_root_caps(void);
void test_spawn(void);
void role_hello_child(uint64_t arg);

void test_ipc_pingpong(void);
void test_ipc_long(void);
void test_ipc_cap_transfer(void);
void test_ipc_badge(void);
void test_ipc_fifo(void);
void role_pingpong_server(uint64_t arg);
void role_long_server(uint64_t arg);
void role_capx_child(uint64_t arg);
void role_badge_client(uint64_t arg);
void role_fifo_client(uint64_t arg);

void test_notify(void);
void role_notify_signaler(uint64_t arg);

void test_cap_misuse(void);

void test_fault_handler(void);
void test_fault_kill(void);
void role_fault_probes(uint64_t arg);
void role_fault_exception(uint64_t arg);
void role_fault_touch(uint64_t arg);

void test_sched_two_busy(void);
void test_sched_blocked_idle(void);
void role_busy(uint64_t arg);
void role_receiver(uint64_t arg);

void test_isolation(void);
void test_devices(void);
void test_console_input(void);
void role_iso_probe(uint64_t arg);
void role_iso_mapper(uint64_t arg);

void test_virtio(void);

void test_fuzz(void);
void role_fuzz(uint64_t arg);
void role_pinger(uint64_t arg);
void role_fuzz_sink(uint64_t arg);

void test_bench(void);
void role_bench_server(uint64_t arg);
void role_bench_faulter(uint64_t arg);

void test_disk_files(void);
void test_disk_corrupt(void);
void test_disk_clients(void);
void test_disk_pages(void);
void test_disk_bad_input(void);
void test_disk_concurrent(void);
void test_disk_bench(void);
void role_disk_worker(uint64_t arg);
void role_disk_dropout(uint64_t arg);

#endif
