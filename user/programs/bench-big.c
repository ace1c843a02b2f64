/* A large program for the exec benchmark (bench-vm): a 4 MiB table in the executable;
 * "bench-big one" reads one page of it, "bench-big all" reads every page. */
#include <string.h>

#include "check.h"

#define PAGES 1024
static const char table[PAGES * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE))) = { 1 };

int main(int argc, char *argv[])
{
	volatile const char *t = table;
	int pages = argc > 1 && !strcmp(argv[1], "all") ? PAGES : 1, sum = 0;
	for (int i = 0; i < pages; i++)
		sum += t[i * PAGE_SIZE];
	return sum == 1 ? 0 : 1;
}
