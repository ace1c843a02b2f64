/* dup2: the copy shares the original's offset; stdout and stdin can be redirected to a
 * file and back; closing one copy leaves the other open; a forked child inherits the
 * redirection; bad fds are refused. */
#include <string.h>

#include "check.h"

int main(void)
{
	CHECK(create("dup2.txt", 0));
	int fd = open("dup2.txt");
	CHECK(fd >= 2);
	CHECK(dup2(fd, 10) == 10);
	CHECK(write(10, "abc", 3) == 3 && tell(fd) == 3); /* one offset */
	CHECK(dup2(1, 20) == 20);                         /* keep the console */
	CHECK(dup2(fd, 1) == 1);
	printf("to the file\n");                          /* stdout is the file now */
	pid_t pid = fork("dup2-child");
	if (pid == 0) {
		printf("child too\n");
		exit(0);
	}
	CHECK(wait(pid) == 0);
	CHECK(dup2(20, 1) == 1);                          /* the console again */
	close(10);
	seek(fd, 0);                                      /* fd still open */
	char buf[64] = { 0 };
	CHECK(dup2(fd, 0) == 0);                          /* stdin reads the file */
	int n = read(0, buf, 3 + 12 + 10);
	CHECK(n == 25 && !memcmp(buf, "abcto the file\nchild too\n", 25));
	CHECK(dup2(99, 5) == -1 && dup2(-1, 5) == -1 && dup2(fd, -1) == -1);
	CHECK(dup2(fd, fd) == fd);
	close(fd);
	CHECK(write(fd, "x", 1) == -1);
	printf("dup2: shared offsets, redirection and fork all hold\n");
	return 0;
}
