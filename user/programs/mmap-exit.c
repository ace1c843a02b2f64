/* A dirty mapping still mapped at exit is written back (the test reads the file on the
 * host afterwards). */
#include <string.h>

#include "check.h"

#define ADDR ((char *)0x30000000)

int main(void)
{
	CHECK(create("atexit.txt", 12));
	int fd = open("atexit.txt");
	CHECK(fd >= 2 && mmap(ADDR, 12, 1, fd, 0) == ADDR);
	memcpy(ADDR, "written@exit", 12);
	printf("mmap-exit: exiting with the mapping dirty\n");
	return 0;
}
