/* Synchronous IPC: endpoints pair senders with receivers in FIFO order; a call leaves
 * the caller waiting for the receiver's reply; messages are copied register to register
 * (MR0..MR3) and IPC buffer to IPC buffer (MR4..); one capability may travel along. */
#include "ipc.h"

#include <stddef.h>

#include "cap.h"
#include "endpoint.h"
#include "fault.h"
#include "heap.h"
#include "notification.h"
#include "pool.h"
#include "sched.h"
#include "thread.h"

struct endpoint *endpoint_create(struct pool *pool)
{
	return kobj_alloc(pool, OBJ_ENDPOINT, sizeof(struct endpoint), 0);
}

/* Ends t's system call with err, and makes it runnable; a thread stopped in a fault
 * just retries its instruction (and faults again). */
static void abort_with(struct thread *t, int64_t err)
{
	if (t->msg.is_fault)
		t->msg.is_fault = false;
	else
		t->frame->rax = (uint64_t)err;
	t->waiting_on = NULL;
	sched_wake(t);
}

void endpoint_destroy(struct kobj *o)
{
	struct endpoint *ep = (struct endpoint *)o;
	for (struct thread *t; (t = queue_pop(&ep->queue)) != NULL;)
		abort_with(t, ERR_DEAD);
	kfree(ep);
}

/* A tag may carry at most MSG_MAX_WORDS words and one capability. */
static bool tag_ok(uint64_t tag) { return MSG_WORDS(tag) <= MSG_MAX_WORDS && MSG_CAPS(tag) <= 1; }

/* Snapshot of t's outgoing message from its registers. */
static void capture(struct thread *t, uint64_t badge, bool is_call, bool can_grant)
{
	struct trap_frame *f = t->frame;
	t->msg = (struct pending_msg){
		.tag = f->rsi, .badge = badge, .mr = { f->rdx, f->r10, f->r8, f->r9 },
		.is_call = is_call, .can_grant = can_grant, .is_fault = false,
	};
}

/* Moves the capability s offers (ipc_buffer.send_cap) into r's receive slot. Returns
 * the number of capabilities transferred (0 if either side is not set up for it). */
static uint64_t transfer_cap(struct thread *s, struct thread *r)
{
	int64_t err;
	struct cap *src = cap_lookup(s->captable, s->ipc->send_cap, OBJ_NONE, 0, &err);
	struct cap *dst = src ? cap_empty_slot(r->captable, r->ipc->recv_slot, &err) : NULL;
	if (!dst)
		return 0;
	cap_derive(dst, src, RIGHTS_ALL, 0);
	return 1;
}

/* Copies sender s's pending message into receiver r's registers and IPC buffer. */
static void transfer(struct thread *s, struct thread *r)
{
	const struct pending_msg *m = &s->msg;
	uint64_t words = MSG_WORDS(m->tag);
	if (words > MSG_REG_WORDS && (!s->ipc || !r->ipc))
		words = MSG_REG_WORDS;
	for (uint64_t i = MSG_REG_WORDS; i < words; i++)
		r->ipc->mr[i] = s->ipc->mr[i];
	uint64_t caps = 0;
	if (MSG_CAPS(m->tag) && m->can_grant && s->ipc && r->ipc && s->captable && r->captable)
		caps = transfer_cap(s, r);
	if (r->ipc)
		r->ipc->recv_caps = caps;
	struct trap_frame *f = r->frame;
	f->rax = ERR_OK;
	f->rdi = m->badge;
	f->rsi = MSG_TAG(MSG_LABEL(m->tag), words, caps);
	f->rdx = m->mr[0];
	f->r10 = m->mr[1];
	f->r8 = m->mr[2];
	f->r9 = m->mr[3];
}

static void block_on(struct thread *t, struct endpoint *ep, uint32_t kind)
{
	t->state = THREAD_BLOCKED;
	t->block = kind;
	t->waiting_on = &ep->obj;
	ep->queue_kind = kind;
	queue_push(&ep->queue, t);
}

static struct thread *take_partner(struct endpoint *ep, uint32_t kind)
{
	if (ep->queue_kind != kind)
		return NULL;
	struct thread *t = queue_pop(&ep->queue);
	if (!ep->queue.head)
		ep->queue_kind = BLOCK_NONE;
	t->waiting_on = NULL;
	return t;
}

/* s's message has been transferred to r: a call now waits for r's reply. */
static void link_call(struct thread *s, struct thread *r)
{
	s->state = THREAD_BLOCKED;
	s->block = BLOCK_REPLY;
	s->replier = r;
	r->caller = s;
}

/* Sends t's prepared message on ep; t blocks until received (and, for a call, until
 * the reply). */
static void send(struct thread *t, struct endpoint *ep)
{
	struct thread *r = take_partner(ep, BLOCK_RECV);
	if (!r) {
		block_on(t, ep, BLOCK_SEND);
		schedule();
		return;
	}
	transfer(t, r);
	if (t->msg.is_call) {
		link_call(t, r);
		sched_switch_to(r);
		return;
	}
	t->frame->rax = ERR_OK;
	sched_wake(r);
}

void ipc_send_prepared(struct thread *t, struct kobj *ep) { send(t, (struct endpoint *)ep); }

void ipc_sys_send(struct thread *t, bool is_call)
{
	int64_t err;
	struct cap *c = cap_lookup(t->captable, t->frame->rdi, OBJ_ENDPOINT, RIGHT_WRITE, &err);
	if (!c || !tag_ok(t->frame->rsi)) {
		t->frame->rax = (uint64_t)(c ? ERR_INVALID_ARG : err);
		return;
	}
	capture(t, c->badge, is_call, c->rights & RIGHT_GRANT);
	send(t, (struct endpoint *)c->obj);
}

/* Receives on ep for t; next (may be NULL) is a thread t just made runnable without
 * queuing it (the caller it replied to): if t blocks, the CPU goes straight to next. */
static void receive(struct thread *t, struct endpoint *ep, struct thread *next)
{
	struct thread *s = take_partner(ep, BLOCK_SEND);
	if (!s) {
		block_on(t, ep, BLOCK_RECV);
		if (next)
			sched_switch_to(next);
		else
			schedule();
		return;
	}
	if (next)
		sched_wake(next);
	transfer(s, t);
	if (s->msg.is_call) {
		link_call(s, t);
	} else {
		s->frame->rax = ERR_OK;
		sched_wake(s);
	}
}

/* Decodes the receive endpoint of t (rdi); returns it or NULL with rax set. A thread
 * that still owes a reply may not receive again: that caller would wait forever. */
static struct endpoint *decode_recv(struct thread *t)
{
	int64_t err;
	struct cap *c = cap_lookup(t->captable, t->frame->rdi, OBJ_ENDPOINT, RIGHT_READ, &err);
	if (!c || t->caller) {
		t->frame->rax = (uint64_t)(c ? ERR_BUSY : err);
		return NULL;
	}
	return (struct endpoint *)c->obj;
}

void ipc_sys_recv(struct thread *t)
{
	struct endpoint *ep = decode_recv(t);
	if (ep)
		receive(t, ep, NULL);
}

/* Answers t's caller with t's registers. Returns 0 or an ERR_* code; on success *run is
 * the caller if it is to run again (runnable but not yet queued: the caller of reply
 * decides how), or NULL (a fault reply killed it). */
static int64_t reply(struct thread *t, struct thread **run)
{
	struct thread *c = t->caller;
	bool resume = true;
	if (!c)
		return ERR_NO_CALLER;
	if (c->msg.is_fault) {
		int64_t err = fault_reply(t, c, &resume);
		if (err)
			return err;
	} else {
		if (!tag_ok(t->frame->rsi))
			return ERR_INVALID_ARG;
		capture(t, 0, false, true);
		transfer(t, c);
	}
	t->caller = NULL;
	c->replier = NULL;
	*run = resume ? c : NULL;
	if (resume) {
		c->state = THREAD_RUNNABLE;
		c->block = BLOCK_NONE;
	}
	return ERR_OK;
}

void ipc_sys_reply(struct thread *t)
{
	struct thread *run = NULL;
	t->frame->rax = (uint64_t)reply(t, &run);
	if (run)
		sched_wake(run);
}

void ipc_sys_reply_recv(struct thread *t)
{
	struct thread *run = NULL;
	if (t->caller) {
		int64_t err = reply(t, &run);
		if (err) {
			t->frame->rax = (uint64_t)err;
			return;
		}
	}
	struct endpoint *ep = decode_recv(t);
	if (ep)
		receive(t, ep, run);
	else if (run)
		sched_wake(run);
}

void ipc_cancel(struct thread *t)
{
	if (t->block == BLOCK_SEND || t->block == BLOCK_RECV) {
		struct endpoint *ep = (struct endpoint *)t->waiting_on;
		queue_remove(&ep->queue, t);
		if (!ep->queue.head)
			ep->queue_kind = BLOCK_NONE;
	} else if (t->block == BLOCK_NOTIFY) {
		queue_remove(&((struct notification *)t->waiting_on)->waiters, t);
	} else if (t->block == BLOCK_REPLY && t->replier) {
		t->replier->caller = NULL;
	}
	t->waiting_on = NULL;
	t->replier = NULL;
	t->block = BLOCK_NONE;
	t->msg.is_fault = false;
	if (t->caller) {
		struct thread *c = t->caller;
		t->caller = NULL;
		c->replier = NULL;
		abort_with(c, ERR_DEAD);
	}
}
