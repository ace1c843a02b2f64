/* Checks for test programs: a failed check prints what failed, where, and exits with
 * status 1, so the test's expected "NAME: exit(0)" line is missing. */
#ifndef PROGRAMS_CHECK_H
#define PROGRAMS_CHECK_H

#include <stdio.h>
#include <syscall.h>

#define CHECK(cond)                                                                   \
	do {                                                                          \
		if (!(cond)) {                                                        \
			printf("FAILED: %s (%s:%d)\n", #cond, __FILE__, __LINE__);    \
			exit(1);                                                      \
		}                                                                     \
	} while (0)

#define PAGE_SIZE 4096
#define PAGE_OF(p) ((void *)((unsigned long)(p) & ~(unsigned long)(PAGE_SIZE - 1)))

#endif
