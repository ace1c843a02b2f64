/* Writing to the program's own code kills it with -1. */
#include "check.h"

int main(void)
{
	volatile unsigned char *code = (volatile unsigned char *)(unsigned long)main;
	unsigned char first = *code; /* readable */
	printf("write-code: code is readable\n");
	*code = (unsigned char)(first ^ 0xff);
	printf("write-code: FAILED: still alive\n");
	return 0;
}
