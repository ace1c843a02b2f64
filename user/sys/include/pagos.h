/* pagos's own system calls, beyond Pintos-KAIST's syscall.h (which stays exactly
 * Pintos' API). */
#ifndef PAGOS_PAGOS_H
#define PAGOS_PAGOS_H

#include <syscall.h>

#define CRASH_SUMMARY_MAX 192 /* bytes of a summary line, NUL included */

/* Why child pid was killed: once wait(pid) has returned, copies the summary line of
 * its crash report ("NAME: killed: WHAT at WHERE: WHY") into buf (at most size bytes,
 * NUL-terminated) and returns the line's length; returns 0 when pid ended by itself
 * (exit) or is not the child this process last waited for. */
int crash_summary(pid_t pid, char *buf, unsigned size);

#endif
