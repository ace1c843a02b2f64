/* Nothing waits behind a slow request: a child that only touches fresh pages counts its
 * progress against the guest clock (rdtsc; under -icount the clock counts instructions),
 * first alone, then while a sibling creates a 45 MiB file (Pintos create: zero-filled)
 * and another sibling exits meanwhile (so the pager calls the disk server). Its progress
 * beside the create must be at least half of that alone. The file then reads as zeros
 * at a few offsets and at its end (the host checks all of it after power-off). */
#include <pagos.h>
#include <string.h>

#include "check.h"

#define BIG_BYTES (45u << 20)
#define TSC_PER_INSN 128        /* under -icount shift=7 */
#define WINDOW 16000000ul       /* instructions a toucher measures for (4000-odd faults) */
#define SETTLE_TICKS 3          /* before it starts: the siblings are under way */
#define TOUCH_BYTES (32u << 20) /* fresh pages to touch: more than a window needs */

/* Page aligned: no page of it shares file bytes of the executable, all are zero-fill. */
static volatile char fresh[TOUCH_BYTES] __attribute__((aligned(PAGE_SIZE)));
extern const char __executable_start[], edata[]; /* code and data, from the linker */

static unsigned long insns(void)
{
	unsigned lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (((unsigned long)hi << 32) | lo) / TSC_PER_INSN;
}

/* A toucher: after SETTLE_TICKS, writes one byte of a fresh page after another for
 * WINDOW instructions (or a little more: the last fault ends late when it was stalled);
 * ends with the pages per million instructions as its status. */
static void toucher(void)
{
	unsigned long pages = 0, start, took;
	sleep_ticks(SETTLE_TICKS);
	start = insns();
	for (unsigned i = 0; i < TOUCH_BYTES && insns() - start < WINDOW; i += PAGE_SIZE, pages++)
		fresh[i] = 1;
	took = insns() - start;
	exit((int)(pages * 1000000 / took));
}

/* Starts a child that runs fn; returns its pid. */
static pid_t start(const char *name, void (*fn)(void))
{
	pid_t pid = fork(name);
	if (pid == 0)
		fn();
	CHECK(pid > 0);
	return pid;
}

static void creator(void)
{
	exit(create("big", BIG_BYTES) ? 0 : 1);
}

/* Exits while the create is in progress: the pager then closes its files and syncs. */
static void short_job(void)
{
	sleep_ticks(SETTLE_TICKS + 2);
	exit(0);
}

/* The bytes at off read as zeros, as many as asked for up to the end of the file. */
static void check_zeros(int fd, unsigned off)
{
	static char buf[512], zeros[512];
	unsigned want = BIG_BYTES - off < sizeof buf ? BIG_BYTES - off : sizeof buf;
	memset(buf, 0x55, sizeof buf);
	seek(fd, off);
	CHECK(read(fd, buf, sizeof buf) == (int)want && memcmp(buf, zeros, want) == 0);
}

static void check_file(void)
{
	const unsigned offsets[] = { 0, (1u << 20) + 123, BIG_BYTES / 2, BIG_BYTES - 512,
				     BIG_BYTES - 100 };
	int fd = open("big");
	CHECK(fd >= 2 && filesize(fd) == (int)BIG_BYTES);
	for (unsigned i = 0; i < sizeof offsets / sizeof offsets[0]; i++)
		check_zeros(fd, offsets[i]);
	char c;
	seek(fd, BIG_BYTES);
	CHECK(read(fd, &c, 1) == 0);
	close(fd);
}

/* Maps every page of the executable here, so the children share them from fork on: they
 * load nothing lazily, and the pager's disk calls during a window are only the exits'. */
static void map_program(void)
{
	for (const volatile char *c = __executable_start; c < edata; c += PAGE_SIZE)
		(void)*c;
}

int main(void)
{
	map_program();
	int alone = wait(start("toucher", toucher));
	pid_t toucher_pid = start("toucher", toucher);
	pid_t short_pid = start("short-job", short_job);
	pid_t creator_pid = start("creator", creator);
	int during = wait(toucher_pid);
	CHECK(wait(short_pid) == 0 && wait(creator_pid) == 0);
	printf("abuse-slow-create: fresh pages per million instructions: %d alone, %d beside "
	       "a 45 MiB create\n", alone, during);
	CHECK(alone > 0 && during * 2 >= alone);
	check_file();
	printf("abuse-slow-create: the 45 MiB file reads as zeros\n");
	return 0;
}
