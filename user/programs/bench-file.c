/* File I/O benchmarks (tools/bench runs this under -icount with nocheck): whole-system
 * guest instructions, from the TSC (128 per instruction under -icount), of a 4 MiB file
 * written and read back sequentially in 16 KiB calls, and of single 4 KiB read() and
 * write() calls going through it page by page (each the median of REPS). Prints "bench NAME: N instructions (WHAT)". */
#include <stdlib.h>

#include "check.h"

#define TSC_PER_INSN 128
#define FILE_BYTES (4u << 20)
#define CHUNK (16u << 10)
#define REPS 31

static inline unsigned long insns(void)
{
	unsigned lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (((unsigned long)hi << 32) | lo) / TSC_PER_INSN;
}

static void figure(const char *name, unsigned long n, const char *what)
{
	printf("bench %s: %lu instructions (%s)\n", name, n, what);
}

static char buf[CHUNK] __attribute__((aligned(PAGE_SIZE)));

static int cmp(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;
	return x < y ? -1 : x > y;
}

/* Instructions of the whole file moved in CHUNK calls of read or write. */
static unsigned long sequential(int fd, bool write_it)
{
	seek(fd, 0);
	unsigned long start = insns();
	for (unsigned done = 0; done < FILE_BYTES; done += CHUNK)
		CHECK((write_it ? write(fd, buf, CHUNK) : read(fd, buf, CHUNK)) == (int)CHUNK);
	return insns() - start;
}

/* The median instructions of one 4 KiB read or write, each going on where the last
 * ended, from the start of the file. */
static unsigned long one_page(int fd, bool write_it)
{
	unsigned long n[REPS];
	seek(fd, 0);
	for (unsigned i = 0; i < REPS; i++) {
		unsigned long start = insns();
		int r = write_it ? write(fd, buf, PAGE_SIZE) : read(fd, buf, PAGE_SIZE);
		n[i] = insns() - start;
		CHECK(r == PAGE_SIZE);
	}
	qsort(n, REPS, sizeof n[0], cmp);
	return n[REPS / 2];
}

int main(void)
{
	for (unsigned i = 0; i < CHUNK; i++)
		buf[i] = (char)i;
	CHECK(create("bench.dat", 0));
	int fd = open("bench.dat");
	CHECK(fd >= 0);
	figure("file-write-4MiB", sequential(fd, true), "write() of a new 4 MiB file, 16 KiB a call");
	figure("file-read-4MiB", sequential(fd, false), "read() of the 4 MiB file, 16 KiB a call");
	figure("file-read-4KiB", one_page(fd, false), "one read() of 4 KiB, the next page of a 4 MiB file");
	figure("file-write-4KiB", one_page(fd, true), "one write() of 4 KiB over the next page of the file");
	close(fd);
	CHECK(remove("bench.dat"));
	return 0;
}
