/* Memory the pager spends on a process comes back when it ends. A hog reserves 250 MiB of
 * heap it never touches and forks 29 copies of itself that all live at once, then all
 * exit; afterwards a fresh process touches 100 MiB, which must succeed, and the pager's
 * frames, its page records and the kernel memory held for processes must be back at
 * their values before the hog. */
#include <pagos.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define HOG_HEAP (250 << 20)
#define HOG_COPIES 29
#define TOUCH_BYTES (100 << 20)

/* Reserves the heap, touches one page of it, forks the copies (each sleeps a little, so
 * all live together) and waits for them. */
static void hog(void)
{
	char *heap = malloc(HOG_HEAP);
	CHECK(heap != NULL);
	heap[HOG_HEAP / 2] = 1;
	pid_t kids[HOG_COPIES];
	int made = 0;
	for (; made < HOG_COPIES; made++) {
		kids[made] = fork("hog-copy");
		if (kids[made] == 0) {
			sleep_ticks(5);
			exit(heap[HOG_HEAP / 2]);
		}
		if (kids[made] < 0)
			break;
	}
	printf("hog: %d copies of a %d MiB heap\n", made, HOG_HEAP >> 20);
	for (int i = 0; i < made; i++)
		CHECK(wait(kids[i]) == 1);
	exit(made == HOG_COPIES ? 0 : 2);
}

static void touch(void)
{
	char *mem = malloc(TOUCH_BYTES);
	CHECK(mem != NULL);
	for (int i = 0; i < TOUCH_BYTES; i += PAGE_SIZE)
		mem[i] = 1;
	printf("touch: %d MiB touched\n", TOUCH_BYTES >> 20);
	exit(0);
}

/* Runs "abuse-heap-fork ROLE" as a child and returns its status. */
static int run(const char *role)
{
	char cmd[64];
	snprintf(cmd, sizeof cmd, "abuse-heap-fork %s", role);
	pid_t pid = fork(role);
	if (pid == 0)
		exit(exec(cmd));
	CHECK(pid > 0);
	return wait(pid);
}

static void show(const char *when, const struct vm_stat *s)
{
	printf("%s: frames %llu, page records %llu, kernel memory of processes %llu KiB\n", when,
	       (unsigned long long)s->frames_used, (unsigned long long)s->page_records,
	       (unsigned long long)(s->process_kernel >> 10));
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "hog"))
		hog();
	if (argc > 1 && !strcmp(argv[1], "touch"))
		touch();
	if (argc > 1)
		exit(0); /* the warm-up child */
	struct vm_stat before, after_hog, after_touch;
	vm_stat_get(&before);
	show("warm-up", &before); /* this process touches now what it will touch later */
	CHECK(run("warm-up") == 0);
	vm_stat_get(&before);
	show("before", &before);
	CHECK(run("hog") == 0);
	vm_stat_get(&after_hog);
	show("after hog", &after_hog);
	CHECK(run("touch") == 0);
	vm_stat_get(&after_touch);
	show("after touch", &after_touch);
	CHECK(after_hog.frames_used == before.frames_used);
	CHECK(after_hog.page_records == before.page_records);
	CHECK(after_hog.process_kernel == before.process_kernel);
	CHECK(after_touch.frames_used == before.frames_used);
	CHECK(after_touch.page_records == before.page_records);
	CHECK(after_touch.process_kernel == before.process_kernel);
	printf("abuse-heap-fork: everything came back\n");
	return 0;
}
