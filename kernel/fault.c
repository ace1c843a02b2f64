/* Faults as messages (abi/syscall.h, "Faults"): the kernel half of demand paging. */
#include "fault.h"

#include "console.h"
#include "cpu.h"
#include "ipc.h"
#include "sched.h"
#include "thread.h"
#include "trap.h"
#include "vspace.h"

static void report_unhandled(const struct thread *t, const struct trap_frame *tf)
{
	if (tf->vector == VEC_PAGE_FAULT)
		kprintf("kernel: thread %p killed: page fault at 0x%lx (error 0x%lx), rip 0x%lx; "
			"no fault handler\n", (const void *)t, read_cr2(), tf->error, tf->rip);
	else
		kprintf("kernel: thread %p killed: exception %lu (error 0x%lx), rip 0x%lx; "
			"no fault handler\n", (const void *)t, tf->vector, tf->error, tf->rip);
}

void fault_deliver(struct thread *t, const struct trap_frame *tf)
{
	if (!t->fault_ep) {
		report_unhandled(t, tf);
		thread_kill(t, -1);
		schedule();
		return;
	}
	bool page = tf->vector == VEC_PAGE_FAULT;
	t->msg = (struct pending_msg){
		.tag = MSG_TAG(page ? FAULT_PAGE : FAULT_EXCEPTION, 4, 0),
		.badge = t->fault_badge,
		.mr = { page ? read_cr2() : tf->vector, tf->error, tf->rip, tf->rsp },
		.is_call = true,
		.is_fault = true,
	};
	ipc_send_prepared(t, t->fault_ep);
}

/* The i-th word of h's reply: MR0..MR3 from registers, the rest from its IPC buffer. */
static uint64_t reply_word(const struct thread *h, uint64_t i)
{
	const struct trap_frame *r = h->frame;
	switch (i) {
	case 0: return r->rdx;
	case 1: return r->r10;
	case 2: return r->r8;
	case 3: return r->r9;
	}
	return h->ipc && i < MSG_MAX_WORDS ? h->ipc->mr[i] : 0;
}

static int64_t map_and_resume(struct thread *h, struct thread *f)
{
	uint64_t count = reply_word(h, 0);
	if (count == 0 || count > FAULT_MAP_MAX || count * 2 + 1 > MSG_WORDS(h->frame->rsi) ||
	    (count * 2 + 1 > MSG_REG_WORDS && !h->ipc))
		return ERR_INVALID_ARG;
	struct map_request req[FAULT_MAP_MAX];
	for (uint64_t i = 0; i < count; i++) {
		uint64_t addr_rights = reply_word(h, 2 + 2 * i);
		int64_t err = vspace_decode_map(h->captable, reply_word(h, 1 + 2 * i), addr_rights,
						(uint32_t)(addr_rights & 0xfff), &req[i]);
		if (err)
			return err;
	}
	if (!f->vspace)
		return ERR_INVALID_ARG;
	return vspace_map(f->vspace, req, count);
}

int64_t fault_reply(struct thread *h, struct thread *f, bool *resume)
{
	uint64_t label = MSG_LABEL(h->frame->rsi);
	if (label == FAULT_REPLY_MAP_RESUME) {
		int64_t err = map_and_resume(h, f);
		if (err)
			return err;
	} else if (label == FAULT_REPLY_KILL) {
		f->msg.is_fault = false;
		thread_kill(f, (int64_t)h->frame->rdx);
		*resume = false;
		return ERR_OK;
	} else if (label != FAULT_REPLY_RESUME) {
		return ERR_INVALID_ARG;
	}
	f->msg.is_fault = false;
	*resume = true;
	return ERR_OK;
}
