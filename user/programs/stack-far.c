/* A stack access far below rsp (64 KiB under it, inside the stack area) is not stack
 * growth: the process is killed with -1 and prints nothing else. */
#include "check.h"

int main(void)
{
	unsigned long rsp;
	__asm__ volatile("mov %%rsp, %0" : "=r"(rsp));
	volatile char *far = (volatile char *)(rsp - 64 * 1024);
	*far = 1;
	printf("stack-far: FAILED: still alive\n");
	return 0;
}
