/* How the benchmark programs measure (tools/bench boots them under -icount): guest
 * instructions of the whole system between two points, the idle thread excluded
 * (busy_cycles: 128 TSC cycles per instruction), so that what the host's disk does
 * meanwhile cannot change a figure; and for disk-bound figures the device requests and
 * bytes of the disk server's counters over the same span. A figure prints as
 * "bench NAME: N instructions (WHAT)", tools/bench's format. */
#ifndef PROGRAMS_BENCH_H
#define PROGRAMS_BENCH_H

#include <pagos.h>
#include <stdio.h>

#define TSC_PER_INSN 128

/* Where a measurement starts. */
struct bench_mark {
	unsigned long cycles;
	struct disk_stats disk;
};

static inline struct bench_mark bench_start(void)
{
	struct bench_mark m;
	disk_stats_get(&m.disk);
	m.cycles = busy_cycles();
	return m;
}

/* Instructions since m. */
static inline unsigned long bench_insns(const struct bench_mark *m)
{
	return (busy_cycles() - m->cycles) / TSC_PER_INSN;
}

/* Prints figure name of n instructions; with m (a start taken before n's span) also the
 * device requests and bytes since m, after what. */
static inline void bench_figure(const char *name, unsigned long n, const char *what,
				const struct bench_mark *m)
{
	if (!m) {
		printf("bench %s: %lu instructions (%s)\n", name, n, what);
		return;
	}
	struct disk_stats d;
	disk_stats_get(&d);
	printf("bench %s: %lu instructions (%s; %lu device requests, %lu bytes)\n", name, n, what,
	       (unsigned long)(d.boot_requests + d.swap_requests - m->disk.boot_requests -
			       m->disk.swap_requests),
	       (unsigned long)(d.boot_bytes + d.swap_bytes - m->disk.boot_bytes - m->disk.swap_bytes));
}

#endif
