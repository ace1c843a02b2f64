/* The pager's protocol with processes, and how a process is laid out. Every system call
 * of the Pintos API that is not a file operation is a SYS_CALL on the pager's endpoint
 * (PSLOT_PAGER, badged with the caller's pid); the label says which, MR0..MR3 carry the
 * arguments, strings travel from MR4 on (ipc_buffer.mr[4..]). Replies: MR0 = the result.
 * File operations go to the disk server (abi/disk.h) through PSLOT_DISK, badged with the
 * pid as client id. A fault is a call on the same endpoint, badged pid | PAGER_FAULT_BADGE,
 * which only the kernel can make (the process holds no such capability). */
#ifndef ABI_PROCESS_H
#define ABI_PROCESS_H

#include <stdint.h>

#include "bootinfo.h"
#include "disk.h"
#include "syscall.h"

#define PAGER_STR_MR MSG_REG_WORDS /* first message word of a string */
#define PAGER_STR_MAX ((MSG_MAX_WORDS - PAGER_STR_MR) * 8) /* bytes, NUL included */
#define PAGER_FAULT_BADGE (1ull << 40)
#define PAGER_WAIT_POLL 1    /* PG_WAIT's MR1: only asking; the console stays */
#define PAGER_WAIT_UNKNOWN 2 /* PG_WAIT's MR1 for a pid that is no child to wait for */
#define PAGER_INTERRUPT_BADGE (1ull << 41) /* the pager's own Ctrl-C thread (no pid) */
#define PAGER_CRASH_SUMMARY_MAX 192 /* bytes of a crash summary line, NUL included */

enum pager_label {
	PG_EXIT = 1,  /* MR0 = status; never answered */
	PG_HALT,      /* powers the machine off; never answered */
	PG_FORK,      /* MR0 = rip, MR1 = rsp where the child starts (rdi = 0 there), name
			 from MR4 -> MR0 = the child's pid, or -1 */
	PG_EXEC,      /* command line from MR4, split at spaces; or, with MR0 = argc > 0,
			 that many NUL-terminated arguments from MR4 (spaces kept); never
			 answered: on success the process runs the new program, otherwise
			 it exits with -1 */
	PG_WAIT,      /* MR0 = pid, MR1 = PAGER_WAIT_POLL or 0 -> MR0 = status and MR1 =
			 1, or MR0 = -1 and MR1 = PAGER_WAIT_UNKNOWN (not a child, or
			 already waited for), or MR1 = 0: still running, wait on the
			 notification (NOTIFY_CHILD) and ask again. The first process
			 waiting (not polling) for a running child gives it the console */
	PG_MMAP,      /* MR0 = address, MR1 = length, MR2 = writable, MR3 = fd, MR4 = offset
			 -> MR0 = the address, or 0 when refused */
	PG_MUNMAP,    /* MR0 = address of a mapping made by PG_MMAP */
	PG_SBRK,      /* MR0 = bytes to add to the heap (page multiple) -> MR0 = the old break,
			 or 0 when refused; the heap follows the program's last segment */
	PG_CRASH_SUMMARY, /* MR0 = pid -> MR0 = bytes of the summary line of the crash
			 report (NUL excluded) and the line from MR4, when pid is the child
			 last waited for and it was killed; else MR0 = 0 */
	PG_PS,        /* MR0 = pid -> MR0 = 1 and struct vm_proc (abi/vminfo.h) from MR4
			 for the process with the lowest pid >= MR0, or MR0 = 0: none */
	PG_VMSTAT,    /* -> MR0 = 1 and struct vm_stat from MR4 */
	PG_PMAP,      /* MR0 = pid, MR1 = index -> MR0 = 1 and struct vm_region from MR4
			 for the index-th region of pid; 0: no such region; -1: no such
			 process */
	PG_KILL,      /* MR0 = pid -> MR0 = 0: pid and its descendants (for the first process
			 of a job: the whole job) end with -1; -1 when pid does not run or
			 is not a descendant of the caller (the first process may end any,
			 and a pid of its that ended names its job: the rest of it ends) */
	PG_CONSOLE_MODE, /* MR0 = 1: raw console input for the caller's job (no echo,
			 Ctrl-C is read as a byte), 0: cooked (the default) -> MR0 = 0 */
	PG_LABELS
};

/* A process's capability table (the pager fills it). */
enum process_slot {
	PSLOT_PAGER = 1,          /* the pager's endpoint, badged with the pid */
	PSLOT_DISK = 2,           /* the disk server's endpoint, badged with the pid */
	PSLOT_NOTIFY = 3,         /* its notification: children's exits and console input */
	PSLOT_NOTIFY_CONSOLE = 4, /* the same, badged NOTIFY_CONSOLE, for the console */
	PSLOT_CONSOLE = 5,        /* the console (fds 0 and 1) */
	PROCESS_SLOTS = 8,
};
#define NOTIFY_CHILD 1ull   /* a child exited */
#define NOTIFY_CONSOLE 2ull /* console input arrived */
#define NOTIFY_ALARM 4ull   /* the process's own alarm (sleep_ticks) */

/* The IPC buffer of a process: the last user page, so mmap never needs it. */
#define PROCESS_IPC_ADDR (KERN_BASE - 4096)
/* The process page below it: the C library's fd table (user/sys/fdtable.c). The pager
 * keeps it across exec (open files survive exec with their numbers and dup2 aliases) and
 * gives a forked child a copy. Zero-filled at the first process's start. */
#define PROCESS_FD_ADDR (KERN_BASE - 2 * 4096)
/* The I/O buffer below it (DISK_BUFFER_SIZE bytes): the process's own frames, which the
 * disk server also maps (DISK_BUFFER), through which the C library's read and write move
 * file bytes (DISK_BULK_READ, DISK_BULK_WRITE). Made fresh for each process (a forked
 * child gets its own, never shared), kept across exec. */
#define PROCESS_IO_ADDR (PROCESS_FD_ADDR - DISK_BUFFER_SIZE)
#define PROCESS_SPECIAL_BASE PROCESS_IO_ADDR /* mmap ends at or below this */
/* The stack: the first page ends at USER_STACK (rootinfo.h); it grows to 1 MiB. */
#define STACK_LIMIT (1ull << 20)

#endif
