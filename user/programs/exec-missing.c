/* exec of a file that does not exist, as Pintos-KAIST's exec-missing: the loader's line
 * "load: no-such-file: open failed", then this process ends with -1 under its own name;
 * exec never returns. */
#include <stdio.h>
#include <syscall.h>

int main(void)
{
	printf("(exec-missing) begin\n");
	exec("no-such-file");
	printf("(exec-missing) FAILED: exec returned\n");
	return 0;
}
