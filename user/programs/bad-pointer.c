/* A bad pointer passed to a system call, or touched, ends only that process with -1: one
 * child per kind of bad pointer; the parent sees -1 from each and carries on. */
#include "check.h"

#define KERNEL ((void *)0xffff800000000000ul)
#define UNMAPPED ((void *)0x60000000ul)

int main(void);

static void child(int kind)
{
	char buf[8];
	int fd = open("bad-pointer");
	switch (kind) {
	case 0: write(1, NULL, 5); break;
	case 1: write(1, KERNEL, 5); break;
	case 2: read(fd, UNMAPPED, 100); break;
	case 3: read(fd, (void *)(unsigned long)main, 10); break; /* into code */
	case 4: create(NULL, 0); break;
	case 5: open((const char *)KERNEL); break;
	case 6: exec(UNMAPPED); break;
	case 7: *(volatile int *)KERNEL = 1; break;
	case 8: ((void (*)(void))UNMAPPED)(); break;
	case 9: remove(buf + (1ul << 40)); break;
	}
	exit(0);
}

int main(void)
{
	for (int kind = 0; kind < 10; kind++) {
		pid_t pid = fork("bad-child");
		if (pid == 0)
			child(kind);
		CHECK(pid > 0);
		CHECK(wait(pid) == -1);
	}
	printf("bad-pointer: 10 children killed, the parent lives\n");
	return 0;
}
