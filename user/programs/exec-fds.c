/* Open files survive exec with their numbers, dup2 redirections too: a child redirects
 * its stdout to a file with dup2, then execs this program again, which prints (into the
 * file) and writes through the original fd (same descriptor, same offset). */
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define EXPECTED "before exec\nprinted after exec\nwritten after exec\n"

int main(int argc, char *argv[])
{
	if (argc == 3) { /* after exec: fd 1 and fd argv[2] are the file */
		int fd = atoi(argv[2]);
		printf("printed after exec\n");
		CHECK(write(fd, "written after exec\n", 19) == 19);
		return 0;
	}
	CHECK(create("exec-fds.txt", 0));
	int fd = open("exec-fds.txt");
	CHECK(fd >= 2 && write(fd, "before exec\n", 12) == 12);
	pid_t pid = fork("exec-fds-child");
	if (pid == 0) {
		char cmd[32];
		CHECK(dup2(fd, 1) == 1);
		snprintf(cmd, sizeof cmd, "exec-fds child %d", fd);
		exec(cmd);
	}
	CHECK(wait(pid) == 0);
	char buf[64] = { 0 };
	seek(fd, 0);
	CHECK(read(fd, buf, sizeof buf - 1) == (int)strlen(EXPECTED) && !strcmp(buf, EXPECTED));
	printf("exec-fds: the file and the redirection survived exec\n");
	return 0;
}
