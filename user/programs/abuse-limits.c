/* No process can use up a table the whole system shares.
 *   abuse-limits ids:  four processes each hold 16 mmaps (the most a process may have; a
 *                      17th is refused), and meanwhile another exec and mmap still work.
 *   abuse-limits jobs: a job (a child of the first process) forks until refused; it gets
 *                      39 children (40 processes with itself), and the first process can
 *                      still start a program.
 * The processes meet through files: "NAME.ready" when one is set, "NAME.done" to end. */
#include <pagos.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

#define HOGS 4
#define MMAPS 16
#define MAP_BASE 0x10000000ul
#define MAP_STRIDE 0x100000ul

/* Waits (a tick at a time) until file name exists. */
static void wait_for(const char *name)
{
	int fd;
	while ((fd = open(name)) < 0)
		sleep_ticks(1);
	close(fd);
}

static void announce(const char *name)
{
	CHECK(create(name, 0));
}

/* Forks a child named name that runs cmdline; returns its exit status. */
static int run(const char *name, const char *cmdline)
{
	pid_t pid = fork(name);
	if (pid == 0)
		exit(exec(cmdline));
	CHECK(pid > 0);
	return wait(pid);
}

/* Maps this program's file MMAPS times (the 17th is refused), says so, waits for the
 * end. */
static void hog(int n)
{
	int fd = open("abuse-limits");
	CHECK(fd > 1);
	for (unsigned long i = 0; i < MMAPS; i++)
		CHECK(mmap((void *)(MAP_BASE + i * MAP_STRIDE), 4096, 0, fd, 0) != MAP_FAILED);
	CHECK(mmap((void *)(MAP_BASE + MMAPS * MAP_STRIDE), 4096, 0, fd, 0) == MAP_FAILED);
	char ready[32];
	snprintf(ready, sizeof ready, "hog%d.ready", n);
	announce(ready);
	wait_for("ids.done");
	exit(0);
}

static void ids(void)
{
	pid_t hogs[HOGS];
	for (int i = 0; i < HOGS; i++) {
		hogs[i] = fork("mmap-hog");
		if (hogs[i] == 0)
			hog(i);
		CHECK(hogs[i] > 0);
	}
	for (int i = 0; i < HOGS; i++) {
		char ready[32];
		snprintf(ready, sizeof ready, "hog%d.ready", i);
		wait_for(ready);
	}
	printf("abuse-limits: %d processes hold %d mmaps each\n", HOGS, MMAPS);
	CHECK(run("echo", "echo exec still works") == 0);
	int fd = open("abuse-limits");
	CHECK(mmap((void *)MAP_BASE, 4096, 0, fd, 0) != MAP_FAILED);
	printf("abuse-limits: mmap still works\n");
	announce("ids.done");
	for (int i = 0; i < HOGS; i++)
		CHECK(wait(hogs[i]) == 0);
}

/* A job: forks children that wait for the end until fork is refused. */
static void job(void)
{
	pid_t kids[64];
	int n = 0;
	for (; n < 64; n++) {
		kids[n] = fork("job-child");
		if (kids[n] == 0) {
			wait_for("jobs.done");
			exit(0);
		}
		if (kids[n] < 0)
			break;
	}
	printf("job: fork refused after %d children\n", n);
	announce("jobs.ready");
	for (int i = 0; i < n; i++)
		CHECK(wait(kids[i]) == 0);
	exit(0);
}

static void jobs(void)
{
	pid_t pid = fork("job");
	if (pid == 0)
		job();
	CHECK(pid > 0);
	wait_for("jobs.ready");
	CHECK(run("echo", "echo the first process can still start a program") == 0);
	announce("jobs.done");
	CHECK(wait(pid) == 0);
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "ids"))
		ids();
	else if (argc == 2 && !strcmp(argv[1], "jobs"))
		jobs();
	else
		return 2;
	printf("abuse-limits: %s: ok\n", argv[1]);
	return 0;
}
