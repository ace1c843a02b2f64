/* Parallel forks under memory pressure (run with mem=2M): a parent with 1 MiB of data
 * forks 4 children at once; each checks the shared pages, rewrites its own 1 MiB and
 * checks it while the others do the same (copy-on-write pages shared by five processes
 * are evicted, read back into one frame, copied). Then a storm of fork + exec. */
#include <stdlib.h>

#include "check.h"

#define PAGES 256
#define KIDS 4

static void fill(unsigned char *mem, unsigned tag)
{
	for (int p = 0; p < PAGES; p++)
		mem[p * PAGE_SIZE] = (unsigned char)(p ^ tag), mem[p * PAGE_SIZE + 7] = (unsigned char)tag;
}

static void verify(const unsigned char *mem, unsigned tag)
{
	for (int p = 0; p < PAGES; p++)
		CHECK(mem[p * PAGE_SIZE] == (unsigned char)(p ^ tag) && mem[p * PAGE_SIZE + 7] == (unsigned char)tag);
}

int main(int argc, char *argv[])
{
	if (argc == 2) /* the exec'd storm child */
		return atoi(argv[1]);
	unsigned char *mem = malloc(PAGES * PAGE_SIZE);
	unsigned char *own = malloc(PAGES * PAGE_SIZE);
	CHECK(mem && own);
	fill(mem, 0);
	pid_t kids[KIDS];
	for (int k = 0; k < KIDS; k++) {
		kids[k] = fork("swap-fork-child");
		if (kids[k] == 0) {
			verify(mem, 0);
			fill(own, (unsigned)k + 1);
			verify(mem, 0);
			verify(own, (unsigned)k + 1);
			fill(mem, (unsigned)k + 10);
			verify(own, (unsigned)k + 1);
			verify(mem, (unsigned)k + 10);
			exit(k);
		}
		CHECK(kids[k] > 0);
	}
	for (int k = 0; k < KIDS; k++)
		CHECK(wait(kids[k]) == k);
	verify(mem, 0);
	for (int i = 0; i < 8; i++) {
		pid_t pid = fork("swap-storm");
		if (pid == 0) {
			char cmd[32];
			snprintf(cmd, sizeof cmd, "swap-fork %d", i);
			exec(cmd);
		}
		CHECK(wait(pid) == i);
	}
	printf("swap-fork: %d children under pressure and 8 fork+exec, all intact\n", KIDS);
	return 0;
}
