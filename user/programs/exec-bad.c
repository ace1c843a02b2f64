/* exec of something that cannot be loaded ends the child with -1 after one load line
 * saying what is wrong, for every kind of damage the test's image edits make (copies of
 * echo, each broken one way), a text file, and a command line too long for exec; each
 * child is forked, execs, and the parent waits for its -1 and goes on. */
#include <string.h>

#include "check.h"

#define LONG_LINE 600 /* bytes: more than the pager takes (PAGER_STR_MAX) */

static char long_line[LONG_LINE + 1];

static const char *const broken[] = {
	"bad-magic", "wrong-machine", "not-exec", "truncate", "overlap", "outside-user", "empty",
	"exec-bad.txt", long_line,
};

int main(void)
{
	CHECK(create("exec-bad.txt", 0));
	int fd = open("exec-bad.txt");
	CHECK(fd >= 2 && write(fd, "#!/bin/sh\necho not an ELF\n", 26) == 26);
	close(fd);
	memcpy(long_line, "echo", 4); /* a program that exists, with too many arguments */
	for (unsigned i = 4; i < LONG_LINE; i += 2)
		memcpy(long_line + i, " x", 2);
	unsigned n = sizeof broken / sizeof broken[0];
	for (unsigned i = 0; i < n; i++) {
		pid_t pid = fork("exec-bad-child");
		CHECK(pid >= 0);
		if (pid == 0) {
			exec(broken[i]);
			printf("exec-bad: FAILED: exec returned\n");
			exit(0);
		}
		int status = wait(pid);
		printf("exec-bad: %.20s: status %d\n", broken[i], status);
		CHECK(status == -1);
	}
	printf("exec-bad: %u broken programs refused\n", n);
	return 0;
}
