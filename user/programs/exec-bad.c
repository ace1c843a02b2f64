/* exec of a file that is not a program this system can run ends the child with -1, for
 * every kind of damage the test's image edits make (copies of echo, each broken one way),
 * and for a text file; the parent goes on. */
#include "check.h"

static const char *const broken[] = {
	"bad-magic", "wrong-machine", "not-exec", "truncate", "overlap", "outside-user", "empty",
	"exec-bad.txt",
};

int main(void)
{
	CHECK(create("exec-bad.txt", 0));
	int fd = open("exec-bad.txt");
	CHECK(fd >= 2 && write(fd, "#!/bin/sh\necho not an ELF\n", 26) == 26);
	close(fd);
	unsigned n = sizeof broken / sizeof broken[0];
	for (unsigned i = 0; i < n; i++) {
		pid_t pid = fork("exec-bad-child");
		if (pid == 0)
			exec(broken[i]);
		CHECK(wait(pid) == -1);
	}
	printf("exec-bad: %u broken programs refused\n", n);
	return 0;
}
