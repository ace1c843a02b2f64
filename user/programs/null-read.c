/* Reads address 0 on purpose, as Pintos' bad-read test does: the pager must end the
 * process with -1. Built at -O2 like every program, which must keep the read (programs
 * are compiled with -fno-delete-null-pointer-checks). */
#include <stdio.h>

int main(void)
{
	printf("null-read: read %d from NULL\n", *(int *)NULL);
	return 0;
}
