/* File I/O benchmarks (tools/bench runs this under -icount with nocheck): instructions of
 * the whole system (bench.h) for a 4 MiB file written and read back sequentially in
 * 16 KiB calls, and for single 4 KiB read() and write() calls going through it page by
 * page (each the median of REPS calls; the device counts are those of all REPS). */
#include <stdlib.h>

#include "bench.h"
#include "check.h"

#define FILE_BYTES (4u << 20)
#define CHUNK (16u << 10)
#define REPS 31

static char buf[CHUNK] __attribute__((aligned(PAGE_SIZE)));

static int cmp(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;
	return x < y ? -1 : x > y;
}

/* The whole file moved in CHUNK calls of read or write, as figure name. */
static void sequential(int fd, bool write_it, const char *name, const char *what)
{
	seek(fd, 0);
	struct bench_mark m = bench_start();
	for (unsigned done = 0; done < FILE_BYTES; done += CHUNK)
		CHECK((write_it ? write(fd, buf, CHUNK) : read(fd, buf, CHUNK)) == (int)CHUNK);
	bench_figure(name, bench_insns(&m), what, &m);
}

/* The median of REPS 4 KiB reads or writes, each going on where the last ended, from the
 * start of the file, as figure name. */
static void one_page(int fd, bool write_it, const char *name, const char *what)
{
	unsigned long n[REPS];
	seek(fd, 0);
	struct bench_mark all = bench_start();
	for (unsigned i = 0; i < REPS; i++) {
		struct bench_mark m = bench_start();
		int r = write_it ? write(fd, buf, PAGE_SIZE) : read(fd, buf, PAGE_SIZE);
		n[i] = bench_insns(&m);
		CHECK(r == PAGE_SIZE);
	}
	qsort(n, REPS, sizeof n[0], cmp);
	bench_figure(name, n[REPS / 2], what, &all);
}

int main(void)
{
	for (unsigned i = 0; i < CHUNK; i++)
		buf[i] = (char)i;
	CHECK(create("bench.dat", 0));
	int fd = open("bench.dat");
	CHECK(fd >= 0);
	sequential(fd, true, "file-write-4MiB", "write() of a new 4 MiB file, 16 KiB a call");
	sequential(fd, false, "file-read-4MiB", "read() of the 4 MiB file, 16 KiB a call");
	one_page(fd, false, "file-read-4KiB",
		 "one read() of 4 KiB, the next page of a 4 MiB file, median of 31");
	one_page(fd, true, "file-write-4KiB",
		 "one write() of 4 KiB over the next page of the file, median of 31");
	close(fd);
	CHECK(remove("bench.dat"));
	return 0;
}
