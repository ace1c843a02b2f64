/* The system-call path: MSR set-up, the dispatcher called by switch.asm, and the checks
 * every return to user mode makes. */
#ifndef KERNEL_SYSCALL_ENTRY_H
#define KERNEL_SYSCALL_ENTRY_H

struct trap_frame;

/* Enables the syscall instruction and points it at syscall_entry (switch.asm). */
void syscall_init(void);
/* Runs the system call saved in f (rax = number) for the current thread. */
void syscall_dispatch(struct trap_frame *f);
/* Before returning to user mode: destroys dead objects and switches away if the current
 * thread blocked, died, or a better one is waiting. Returns when it may run. */
void return_to_user_checks(void);

#endif
