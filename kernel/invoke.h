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

/* Per-type operations (abi/syscall.h lists them): each decodes its arguments fully,
 * then acts, so a refused call changes nothing. Each returns ERR_OK (results in
 * inv->r), ERR_INVALID_OP for an operation its type does not have, ERR_NO_RIGHTS when
 * the capability lacks the right the operation needs, and otherwise the operation's
 * own codes: ERR_INVALID_CAP / ERR_EMPTY_SLOT / ERR_WRONG_TYPE / ERR_SLOT_FULL for
 * the slots it names, ERR_INVALID_ARG, ERR_BAD_ADDRESS, ERR_NO_MEMORY, ERR_BUSY,
 * ERR_NO_IPC_BUFFER. */
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
