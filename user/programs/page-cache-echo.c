/* page-cache's subject: prints its marker and exits with the marker's last letter, so
 * the test sees which version of this file's pages an exec read. page-cache finds the
 * marker in the file and rewrites its letters. */
#include <stdio.h>
#include <syscall.h>

static const char marker[] = "page-cache-marker:AAAAAAAA";

int main(void)
{
	printf("page-cache-echo: %s\n", marker + 18);
	return ((const volatile char *)marker)[sizeof marker - 2]; /* read, not folded */
}
