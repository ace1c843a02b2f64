/* Kernel self-tests, chosen with the boot option test=NAME (see README.md). */
#ifndef KERNEL_SELFTEST_H
#define KERNEL_SELFTEST_H

#include <stdbool.h>

struct boot_info;

/* Fails the running self-test: panics with the test name and the failed condition. */
#define CHECK(cond)                                                                     \
	do {                                                                            \
		if (!(cond))                                                            \
			panic("selftest: check failed: %s (%s:%d)", #cond, __FILE_NAME__, __LINE__); \
	} while (0)

/* Runs self-test name. Returns true if it passed (a failure panics instead), false if
 * no such test exists (after listing the known ones). */
bool selftest_run(const char *name, const struct boot_info *bi);

void selftest_pmm(const struct boot_info *bi);
void selftest_heap(const struct boot_info *bi);
void selftest_paging(const struct boot_info *bi);
void selftest_timer(const struct boot_info *bi);
void selftest_fault_unmapped(const struct boot_info *bi);
void selftest_fault_rodata(const struct boot_info *bi);
void selftest_fault_nx(const struct boot_info *bi);
void selftest_stack_overflow(const struct boot_info *bi);
void selftest_fault_gp(const struct boot_info *bi);
void selftest_fault_ud(const struct boot_info *bi);
void selftest_nmi(const struct boot_info *bi);
void selftest_console(const struct boot_info *bi);
void selftest_smep(const struct boot_info *bi);
void selftest_smap(const struct boot_info *bi);

#endif
