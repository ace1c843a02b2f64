/* args ARGS...: prints its arguments, one per line with its index, then argc (the
 * arguments tests); exits 0. */
#include <stdio.h>
#include <syscall.h>

int main(int argc, char *argv[])
{
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = '%s'\n", i, argv[i]);
	printf("argc = %d, argv[argc] = %p\n", argc, (void *)argv[argc]);
	return 0;
}
