/* busy WAY: a program that does not end by itself, for Ctrl-C and kill to end:
 *   spin       loops without a system call
 *   fork-loop  forks without end, and so do all its children (each fork that fails is
 *              tried again), touching a page of fresh memory each; says when the
 *              first refusal came
 *   read       reads console input without end (and discards it); in the background
 *              its read fails at once, and it says so and exits with 1
 *   sleep      sleeps in timer ticks, for good
 * It says "busy: WAY" first. */
#include <pagos.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every process forks without end; the first says once when a fork was refused (the
 * job holds all the processes it may). */
static void fork_loop(void)
{
	bool first = true, said = false;
	for (;;) {
		char *page = malloc(4096);
		if (page)
			page[0] = 1;
		pid_t pid = fork("busy");
		if (pid == 0)
			first = false;
		if (pid < 0 && first && !said) {
			printf("busy: fork refused, the job is full\n");
			said = true;
		}
	}
}

int main(int argc, char **argv)
{
	const char *way = argc == 2 ? argv[1] : "";
	if (strcmp(way, "spin") && strcmp(way, "fork-loop") && strcmp(way, "read") &&
	    strcmp(way, "sleep")) {
		printf("usage: busy spin|fork-loop|read|sleep\n");
		return 2;
	}
	printf("busy: %s\n", way);
	if (!strcmp(way, "fork-loop"))
		fork_loop();
	for (char c;;) {
		if (!strcmp(way, "read") && read(0, &c, 1) < 0) {
			printf("busy: the console is not mine\n");
			return 1;
		}
		if (!strcmp(way, "sleep"))
			sleep_ticks(100);
	}
}
