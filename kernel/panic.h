/* Broken invariants and kernel-mode exceptions: print what happened, then power off
 * with the failure status. */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

struct trap_frame;

/* Prints "PANIC: <message>" and a backtrace from the caller, then powers off. Name the
 * function and the broken invariant: panic("pmm_free: frame %lx not allocated", pa). */
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);
/* Panics on an exception taken in kernel mode (or an interrupt with no handler):
 * names the exception, decodes page-fault error bits and CR2, dumps the registers and
 * a backtrace with function names. */
__attribute__((noreturn)) void panic_trap(const struct trap_frame *tf);

#endif
