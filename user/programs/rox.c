/* While a program runs, writes to its executable write nothing (write returns 0); once
 * no process runs it, it can be written again. */
#include <string.h>

#include "check.h"

int main(int argc, char *argv[])
{
	int fd = open("rox");
	CHECK(fd >= 2);
	char head[4];
	CHECK(read(fd, head, 4) == 4 && memcmp(head, "\177ELF", 4) == 0);
	seek(fd, 0);
	CHECK(write(fd, "XXXX", 4) == 0);
	close(fd);
	if (argc == 1) {
		pid_t pid = fork("rox-child");
		if (pid == 0)
			exec("rox child");
		CHECK(wait(pid) == 0);
	}
	printf("rox: writes to the running executable refused\n");
	return 0;
}
