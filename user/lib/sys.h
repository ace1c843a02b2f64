/* System-call wrappers for user programs: one inline function per SYS_* number, over
 * one primitive that loads and reads back every register of abi/syscall.h. */
#ifndef ULIB_SYS_H
#define ULIB_SYS_H

#include <stdint.h>

#include "syscall.h"

/* A message as it travels in registers: tag (rsi), badge (rdi, set by the kernel on
 * receive) and MR0..MR3 (rdx, r10, r8, r9). MR4.. live in the IPC buffer. */
struct msg {
	uint64_t tag;
	uint64_t badge;
	uint64_t mr[MSG_REG_WORDS];
};

/* Every register of one system call: in, the arguments; out, the results
 * (rdi = badge or R0, rsi = tag or R1, w[] = rdx, r10, r8, r9). */
struct sysregs {
	uint64_t rdi;
	uint64_t rsi;
	uint64_t w[4];
};

/* Executes system call nr with r as input; overwrites r with the output registers and
 * returns rax (0 or a negative ERR_*). */
static inline int64_t sys_raw(uint64_t nr, struct sysregs *r)
{
	register uint64_t r10 __asm__("r10") = r->w[1];
	register uint64_t r8 __asm__("r8") = r->w[2];
	register uint64_t r9 __asm__("r9") = r->w[3];
	uint64_t rax = nr;
	__asm__ volatile("syscall"
			 : "+a"(rax), "+D"(r->rdi), "+S"(r->rsi), "+d"(r->w[0]), "+r"(r10), "+r"(r8),
			   "+r"(r9)
			 :
			 : "rcx", "r11", "memory");
	r->w[1] = r10;
	r->w[2] = r8;
	r->w[3] = r9;
	return (int64_t)rax;
}

/* An IPC system call on capability cap: sends m's tag and MRs, then (for the receiving
 * calls) overwrites m with the message received, badge included. */
static inline int64_t sys_ipc(uint64_t nr, uint64_t cap, struct msg *m)
{
	struct sysregs r = { cap, m->tag, { m->mr[0], m->mr[1], m->mr[2], m->mr[3] } };
	int64_t err = sys_raw(nr, &r);
	m->badge = r.rdi;
	m->tag = r.rsi;
	for (int i = 0; i < MSG_REG_WORDS; i++)
		m->mr[i] = r.w[i];
	return err;
}

/* Sends m on endpoint ep and waits for the reply, which replaces m. */
static inline int64_t sys_call(uint64_t ep, struct msg *m) { return sys_ipc(SYS_CALL, ep, m); }

/* Sends m on endpoint ep; returns once a receiver took it. m is left as it was. */
static inline int64_t sys_send(uint64_t ep, const struct msg *m)
{
	struct msg copy = *m;
	return sys_ipc(SYS_SEND, ep, &copy);
}

/* Waits for a message on endpoint ep and stores it (tag, badge, MRs) in m. */
static inline int64_t sys_recv(uint64_t ep, struct msg *m)
{
	struct msg none = { 0, 0, { 0, 0, 0, 0 } };
	int64_t err = sys_ipc(SYS_RECV, ep, &none);
	*m = none;
	return err;
}

/* Answers the last caller received with m. Never blocks; ERR_NO_CALLER if none. */
static inline int64_t sys_reply(const struct msg *m)
{
	struct msg copy = *m;
	return sys_ipc(SYS_REPLY, 0, &copy);
}

/* Replies with m, then waits on endpoint ep; the next message replaces m. */
static inline int64_t sys_reply_recv(uint64_t ep, struct msg *m)
{
	return sys_ipc(SYS_REPLY_RECV, ep, m);
}

/* ORs the badge of notification capability cap into its word. */
static inline int64_t sys_signal(uint64_t cap)
{
	struct sysregs r = { cap, 0, { 0, 0, 0, 0 } };
	return sys_raw(SYS_SIGNAL, &r);
}

/* Waits until the notification's word is non-zero, takes it (clearing it) into *word
 * (returned in rdi, where IPC returns the badge). */
static inline int64_t sys_wait(uint64_t cap, uint64_t *word)
{
	struct sysregs r = { cap, 0, { 0, 0, 0, 0 } };
	int64_t err = sys_raw(SYS_WAIT, &r);
	*word = r.rdi;
	return err;
}

/* Takes the notification's word into *word without waiting (0 if nothing signalled). */
static inline int64_t sys_poll(uint64_t cap, uint64_t *word)
{
	struct sysregs r = { cap, 0, { 0, 0, 0, 0 } };
	int64_t err = sys_raw(SYS_POLL, &r);
	*word = r.rdi;
	return err;
}

static inline int64_t sys_yield(void)
{
	struct sysregs r = { 0, 0, { 0, 0, 0, 0 } };
	return sys_raw(SYS_YIELD, &r);
}

/* The cheapest way into the kernel and back: only rax is expected to change. */
static inline int64_t sys_null(void)
{
	struct sysregs r = { 0, 0, { 0, 0, 0, 0 } };
	return sys_raw(SYS_NULL, &r);
}

/* The TSC minus the cycles the idle thread has run (SYS_BUSY): the CPU time of the
 * whole system, idle excluded. */
static inline uint64_t sys_busy(void)
{
	struct sysregs r = { 0, 0, { 0, 0, 0, 0 } };
	sys_raw(SYS_BUSY, &r);
	return r.rdi;
}

/* Results R0..R4 of SYS_INVOKE. */
struct result {
	uint64_t r[5];
};

/* Operation op on capability cap with arguments a0..a3; results into *res when res is
 * not NULL. Returns 0 or the kernel's ERR_*. */
static inline int64_t sys_invoke(uint64_t cap, uint64_t op, uint64_t a0, uint64_t a1, uint64_t a2,
				 uint64_t a3, struct result *res)
{
	struct sysregs r = { cap, op, { a0, a1, a2, a3 } };
	int64_t err = sys_raw(SYS_INVOKE, &r);
	if (res) {
		res->r[0] = r.rdi;
		res->r[1] = r.rsi;
		res->r[2] = r.w[0];
		res->r[3] = r.w[1];
		res->r[4] = r.w[2];
	}
	return err;
}

#endif
