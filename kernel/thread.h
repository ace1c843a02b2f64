/* Threads: a kernel stack whose top holds the saved user registers, an address space,
 * a capability table, an IPC buffer, a fault endpoint, and the IPC and scheduling state
 * (see ipc.c and sched.c). */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include <stdbool.h>
#include <stdint.h>

#include "object.h"
#include "trap.h"

#define KSTACK_SIZE 8192
#define FPU_STATE_SIZE 512 /* FXSAVE area */

struct vspace;
struct captable;
struct frame;
struct ipc_buffer;

/* Why a blocked thread waits. */
enum block_reason {
	BLOCK_NONE = 0,
	BLOCK_SEND,   /* queued on an endpoint to send (call or send) */
	BLOCK_RECV,   /* queued on an endpoint to receive */
	BLOCK_REPLY,  /* called, received, waiting for the reply */
	BLOCK_NOTIFY, /* waiting on a notification */
};

/* The message a blocked sender carries until a receiver takes it. */
struct pending_msg {
	uint64_t tag;
	uint64_t badge;
	uint64_t mr[4];
	bool is_call;
	bool can_grant;
	bool is_fault;
};

struct thread {
	struct kobj obj;
	uint64_t kctx_rsp;       /* saved kernel rsp while switched out (switch.asm) */
	uint8_t *kstack;         /* KSTACK_SIZE bytes; the user frame sits at its top */
	struct trap_frame *frame;
	uint8_t *fpu;            /* FPU_STATE_SIZE bytes, 16-aligned */
	uint32_t state;          /* enum thread_state */
	uint32_t block;          /* enum block_reason */
	uint8_t priority;
	uint32_t slice;          /* ticks left in the time slice */
	uint64_t cpu_ticks;      /* ticks spent running */
	uint64_t cpu_tsc;        /* TSC cycles spent running (kernel work on its behalf
				    included), up to its last switch-out */
	int64_t exit_status;     /* THREAD_DEAD */
	struct vspace *vspace;
	struct captable *captable;
	struct frame *ipc_frame;
	struct ipc_buffer *ipc;  /* kernel address of the IPC buffer, or NULL */
	struct kobj *fault_ep;   /* endpoint for faults, or NULL */
	uint64_t fault_badge;
	struct kobj *waiting_on; /* endpoint or notification while BLOCK_SEND/RECV/NOTIFY */
	struct thread *caller;   /* the thread waiting for this one's reply */
	struct thread *replier;  /* while BLOCK_REPLY: who will reply */
	struct pending_msg msg;
	struct thread *next, *prev; /* run queue or wait queue */
	bool on_run_queue;
};

/* A FIFO of threads (run queues, endpoint and notification queues). */
struct thread_queue {
	struct thread *head, *tail;
};
/* Appends t (on no other queue) at the tail. */
void queue_push(struct thread_queue *q, struct thread *t);
/* Removes and returns the head, or NULL when empty. */
struct thread *queue_pop(struct thread_queue *q);
/* Removes t, which must be on q. */
void queue_remove(struct thread_queue *q, struct thread *t);

/* Creates an inactive thread charged to pool (no address space yet); NULL if out of
 * memory. */
struct thread *thread_create(struct pool *pool);
/* Kernel threads (idle): run fn on their own stack, never in user mode. */
struct thread *thread_create_kernel(void (*fn)(void));
/* Sets up FPU support (CR0/CR4 bits) and the initial FPU state new threads start with. */
void fpu_init(void);
/* Makes t the thread the CPU runs in user mode next: kernel stack for interrupts and
 * syscalls, FPU state handled by sched. */
void thread_set_kernel_stack(struct thread *t);
/* Kills t with status: it never runs again; IPC partners are released. */
void thread_kill(struct thread *t, int64_t status);
/* Makes f t's IPC buffer (NULL: none), which the kernel reaches through its own
 * mapping of the frame; where (or whether) user code maps it is not the kernel's
 * concern. f must be RAM. */
void thread_set_ipc_buffer(struct thread *t, struct frame *f);

#endif
