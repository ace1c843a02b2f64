/* pagos's own system calls, beyond Pintos-KAIST's syscall.h (which stays exactly
 * Pintos' API). */
#ifndef PAGOS_PAGOS_H
#define PAGOS_PAGOS_H

#include <diskstats.h>
#include <stdbool.h>
#include <syscall.h>
#include <vminfo.h>

#define CRASH_SUMMARY_MAX 192 /* bytes of a summary line, NUL included */

/* Why child pid was killed: once wait(pid) has returned, copies the summary line of
 * its crash report ("NAME: killed: WHAT at WHERE: WHY") into buf (at most size bytes,
 * NUL-terminated) and returns the line's length; returns 0 when pid ended by itself
 * (exit) or is not the child this process last waited for. */
int crash_summary(pid_t pid, char *buf, unsigned size);

/* exec with arguments as they are: argv[0] names the program, argv ends with NULL, and
 * an argument may hold spaces (exec splits its command line at spaces). Returns only
 * as exec does: never (a program that cannot be loaded ends the process with -1). */
int exec_argv(char *const argv[]);

/* wait without waiting: 1 and *status when child pid has ended (it is then waited for,
 * as by wait), 0 while it runs, -1 when pid is no child of the caller's to wait for. */
int try_wait(pid_t pid, int *status);

/* Ends process pid and its descendants (for a program the first process started: every
 * process of that job) with status -1; each gets a report line. Returns 0, or -1 when
 * pid does not run or is not a descendant of the caller (the first process may end any
 * process but itself; for it, the pid of a program it started that has ended names
 * that program's job, and kill ends what is left of it). */
int kill(pid_t pid);

/* Console input of the caller's job: raw (true: no echo by the system, Ctrl-C is read as
 * the byte 3, as a line editor wants) or cooked (false, the default: the system echoes
 * what is typed, and Ctrl-C ends the job). */
void console_raw(bool raw);

/* Sleeps for ticks timer ticks (100 a second; under -icount, of guest time): the
 * process does not run meanwhile. It takes the process's notification word, so a
 * child's exit or console input seen meanwhile is not remembered: wait() and read()
 * ask again before they wait, and so must any other caller. */
void sleep_ticks(unsigned ticks);

/* TSC cycles the whole system has run since boot, its idle thread excluded (every
 * process and server; under -icount, as tools/bench runs, 128 per guest instruction, so
 * the difference of two calls is the work done between them, whatever the host did). */
unsigned long busy_cycles(void);

/* The disk server's counters since it started (abi/diskstats.h): requests that reached
 * the devices and the bytes they moved. */
void disk_stats_get(struct disk_stats *out);

/* What the pager holds (abi/vminfo.h): metadata only; any process may ask.
 * vm_proc_next: the process with the lowest pid >= from into *out; returns its pid, or
 *   0 when there is none (list all: from = 1, then the returned pid + 1).
 * vm_stat_get: the whole system's frames, swap slots, faults and evictions.
 * vm_region_get: region index (0, 1, ...) of process pid into *out; returns 1, 0 past
 *   the last region, or -1 when there is no process pid. */
pid_t vm_proc_next(pid_t from, struct vm_proc *out);
void vm_stat_get(struct vm_stat *out);
int vm_region_get(pid_t pid, unsigned index, struct vm_region *out);

#endif
