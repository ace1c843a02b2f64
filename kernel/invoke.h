/* One SYS_INVOKE call as decoded so far: who calls, with which capability, which
 * operation and arguments; results go to r[] (R0..R4). */
#ifndef KERNEL_INVOKE_H
#define KERNEL_INVOKE_H

#include <stdint.h>

struct thread;
struct captable;
struct cap;

struct invocation {
	struct thread *caller;
	struct captable *table; /* the caller's capability table */
	struct cap *cap;        /* the invoked capability, already looked up */
	uint64_t op;
	uint64_t a[4];
	uint64_t r[5];
};

/* Decodes and runs SYS_INVOKE for the current thread: rdi = capability, rsi = op,
 * rdx, r10, r8, r9 = A0..A3. Returns 0 or an ERR_* code; results in inv->r. */
int64_t invoke(struct invocation *inv, uint64_t cap_idx);

/* Per-type operations: each decodes its arguments fully, then acts. */
int64_t cap_invoke(struct invocation *inv);
int64_t captable_invoke(struct invocation *inv);
int64_t pool_invoke(struct invocation *inv);
int64_t frame_invoke(struct invocation *inv);
int64_t vspace_invoke(struct invocation *inv);
int64_t thread_invoke(struct invocation *inv);
int64_t irq_control_invoke(struct invocation *inv);
int64_t irq_invoke(struct invocation *inv);
int64_t ioports_invoke(struct invocation *inv);
int64_t devmem_invoke(struct invocation *inv);
int64_t console_invoke(struct invocation *inv);
int64_t system_invoke(struct invocation *inv);

#endif
