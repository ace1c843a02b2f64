/* Thread objects: creation, kernel stacks, FPU state, configuration and death. */
#include "thread.h"

#include <stddef.h>

#include "cap.h"
#include "cpu.h"
#include "frame.h"
#include "gdt.h"
#include "heap.h"
#include "invoke.h"
#include "ipc.h"
#include "memlayout.h"
#include "panic.h"
#include "pmm.h"
#include "pool.h"
#include "sched.h"
#include "vspace.h"

#define CR0_EM (1ull << 2)
#define CR0_MP (1ull << 1)
#define CR4_OSFXSR (1ull << 9)
#define CR4_OSXMMEXCPT (1ull << 10)
#define USER_RFLAGS 0x202 /* IF set */
#define DEFAULT_PRIORITY 100
#define SWITCH_FRAME_WORDS 7 /* r15 r14 r13 r12 rbx rbp, return address */

extern void trap_return(void);
extern void kernel_thread_start(void);

uint64_t cpu_kstack_top; /* read by syscall_entry */
static uint8_t initial_fpu[FPU_STATE_SIZE] __attribute__((aligned(16)));

void queue_push(struct thread_queue *q, struct thread *t)
{
	t->next = NULL;
	t->prev = q->tail;
	if (q->tail)
		q->tail->next = t;
	else
		q->head = t;
	q->tail = t;
}

struct thread *queue_pop(struct thread_queue *q)
{
	struct thread *t = q->head;
	if (t)
		queue_remove(q, t);
	return t;
}

void queue_remove(struct thread_queue *q, struct thread *t)
{
	if (t->prev)
		t->prev->next = t->next;
	else
		q->head = t->next;
	if (t->next)
		t->next->prev = t->prev;
	else
		q->tail = t->prev;
	t->next = t->prev = NULL;
}

void fpu_init(void)
{
	write_cr0((read_cr0() & ~CR0_EM) | CR0_MP);
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	uint32_t mxcsr = 0x1f80; /* all SIMD exceptions masked */
	__asm__ volatile("fninit; ldmxcsr %1; fxsave %0" : "=m"(initial_fpu) : "m"(mxcsr));
}

/* Lays out a fresh kernel stack so that switch_context "returns" into entry with the
 * given r12, and (for user threads) trap_return then finds the user frame. */
static void prepare_stack(struct thread *t, void (*entry)(void), uint64_t r12)
{
	uint64_t *sp = (uint64_t *)t->frame;
	*--sp = (uint64_t)entry;
	*--sp = 0;   /* rbp */
	*--sp = 0;   /* rbx */
	*--sp = r12; /* r12 */
	*--sp = 0;   /* r13 */
	*--sp = 0;   /* r14 */
	*--sp = 0;   /* r15 */
	t->kctx_rsp = (uint64_t)sp;
}

/* Allocates the parts every thread has, charged to pool (NULL: nobody); NULL if out
 * of memory or quota. */
static struct thread *alloc_thread(struct pool *pool)
{
	struct thread *t = kobj_alloc(pool, OBJ_THREAD, sizeof *t,
				      KSTACK_SIZE + kmalloc_block_size(FPU_STATE_SIZE));
	uint64_t stack = t ? pmm_alloc(KSTACK_SIZE / PAGE_SIZE) : 0;
	uint8_t *fpu = stack ? kmalloc(FPU_STATE_SIZE) : NULL;
	if (!fpu) {
		if (stack)
			pmm_free(stack, KSTACK_SIZE / PAGE_SIZE);
		if (t)
			kobj_discard(&t->obj);
		return NULL;
	}
	t->kstack = phys_to_virt(stack);
	t->frame = (struct trap_frame *)(t->kstack + KSTACK_SIZE) - 1;
	t->fpu = fpu;
	for (int i = 0; i < FPU_STATE_SIZE; i++)
		fpu[i] = initial_fpu[i];
	t->priority = DEFAULT_PRIORITY;
	t->state = THREAD_INACTIVE;
	return t;
}

struct thread *thread_create(struct pool *pool)
{
	struct thread *t = alloc_thread(pool);
	if (!t)
		return NULL;
	t->frame->cs = GDT_USER_CODE | 3;
	t->frame->ss = GDT_USER_DATA | 3;
	t->frame->rflags = USER_RFLAGS;
	prepare_stack(t, trap_return, 0);
	return t;
}

struct thread *thread_create_kernel(void (*fn)(void))
{
	struct thread *t = alloc_thread(NULL);
	if (!t)
		panic("thread_create_kernel: out of memory");
	prepare_stack(t, kernel_thread_start, (uint64_t)fn);
	return t;
}

void thread_set_kernel_stack(struct thread *t)
{
	cpu_kstack_top = (uint64_t)(t->kstack + KSTACK_SIZE);
	gdt_set_kernel_stack(cpu_kstack_top);
}

void thread_set_ipc_buffer(struct thread *t, struct frame *f)
{
	if (f)
		kobj_ref(&f->obj); /* before the unref: f may be the current buffer */
	if (t->ipc_frame)
		kobj_unref(&t->ipc_frame->obj);
	t->ipc_frame = f;
	t->ipc = f ? phys_to_virt(f->phys) : NULL;
}

void thread_kill(struct thread *t, int64_t status)
{
	if (t->state == THREAD_DEAD)
		return;
	ipc_cancel(t);
	sched_remove(t);
	t->state = THREAD_DEAD;
	t->exit_status = status;
}

void thread_destroy(struct kobj *o)
{
	struct thread *t = (struct thread *)o;
	if (t == thread_current())
		panic("thread_destroy: destroying the running thread");
	thread_kill(t, -1);
	if (t->vspace)
		kobj_unref(&t->vspace->obj);
	if (t->captable)
		kobj_unref(&t->captable->obj);
	if (t->fault_ep)
		kobj_unref(t->fault_ep);
	thread_set_ipc_buffer(t, NULL);
	pmm_free(virt_to_phys(t->kstack), KSTACK_SIZE / PAGE_SIZE);
	kfree(t->fpu);
	kfree(t);
}

static bool user_address(uint64_t a) { return a < KERN_BASE; }

static int64_t configure(struct invocation *inv, struct thread *t)
{
	int64_t err;
	struct cap *vs = cap_lookup(inv->table, inv->a[0], OBJ_VSPACE, RIGHT_ADMIN, &err);
	struct cap *ct = vs ? cap_lookup(inv->table, inv->a[1], OBJ_CAPTABLE, RIGHT_ADMIN, &err) : NULL;
	struct cap *ipc = ct ? cap_lookup(inv->table, inv->a[2], OBJ_FRAME, RIGHT_READ | RIGHT_WRITE, &err) : NULL;
	if (!ipc)
		return err;
	if ((inv->a[3] & (PAGE_SIZE - 1)) || !user_address(inv->a[3]))
		return ERR_BAD_ADDRESS;
	if (((struct frame *)ipc->obj)->device)
		return ERR_INVALID_ARG; /* the kernel reaches IPC buffers through its RAM map */
	if (t->state != THREAD_INACTIVE)
		return ERR_BUSY;
	kobj_ref(vs->obj);
	kobj_ref(ct->obj);
	if (t->vspace)
		kobj_unref(&t->vspace->obj);
	if (t->captable)
		kobj_unref(&t->captable->obj);
	t->vspace = (struct vspace *)vs->obj;
	t->captable = (struct captable *)ct->obj;
	thread_set_ipc_buffer(t, (struct frame *)ipc->obj);
	return ERR_OK;
}

static int64_t set_fault(struct invocation *inv, struct thread *t)
{
	int64_t err;
	struct cap *ep = cap_lookup(inv->table, inv->a[0], OBJ_ENDPOINT, RIGHT_WRITE, &err);
	if (!ep)
		return err;
	kobj_ref(ep->obj);
	if (t->fault_ep)
		kobj_unref(t->fault_ep);
	t->fault_ep = ep->obj;
	t->fault_badge = ep->badge;
	return ERR_OK;
}

static int64_t write_regs(struct invocation *inv, struct thread *t)
{
	if (!user_address(inv->a[0]) || !user_address(inv->a[1]))
		return ERR_BAD_ADDRESS;
	if (t->state != THREAD_INACTIVE)
		return ERR_BUSY;
	t->frame->rip = inv->a[0];
	t->frame->rsp = inv->a[1];
	t->frame->rdi = inv->a[2];
	t->frame->rsi = inv->a[3];
	return ERR_OK;
}

/* No thread can raise another above its own priority: holding a thread capability
 * does not let a task starve the one that gave it out. */
static int64_t set_priority(struct invocation *inv, struct thread *t)
{
	if (inv->a[0] > PRIORITY_MAX)
		return ERR_INVALID_ARG;
	if (inv->a[0] > inv->caller->priority)
		return ERR_NO_RIGHTS;
	sched_set_priority(t, (uint8_t)inv->a[0]);
	return ERR_OK;
}

static int64_t resume(struct thread *t)
{
	if (t->state != THREAD_INACTIVE)
		return ERR_BUSY;
	if (!t->vspace || !t->captable)
		return ERR_INVALID_ARG;
	sched_wake(t);
	return ERR_OK;
}

/* A suspended thread's interrupted system call returns ERR_BUSY when it resumes; a
 * thread stopped in a fault retries the faulting instruction. */
static int64_t suspend(struct thread *t)
{
	if (t->state == THREAD_DEAD || t->state == THREAD_INACTIVE)
		return t->state == THREAD_DEAD ? ERR_BUSY : ERR_OK;
	bool in_syscall = t->state == THREAD_BLOCKED && !t->msg.is_fault;
	ipc_cancel(t);
	sched_remove(t);
	t->msg.is_fault = false;
	if (in_syscall)
		t->frame->rax = (uint64_t)ERR_BUSY;
	t->state = THREAD_INACTIVE;
	return ERR_OK;
}

int64_t thread_invoke(struct invocation *inv)
{
	struct thread *t = (struct thread *)inv->cap->obj;
	if (!(inv->cap->rights & RIGHT_ADMIN))
		return ERR_NO_RIGHTS;
	switch (inv->op) {
	case OP_THREAD_CONFIGURE: return configure(inv, t);
	case OP_THREAD_SET_FAULT: return set_fault(inv, t);
	case OP_THREAD_WRITE_REGS: return write_regs(inv, t);
	case OP_THREAD_SET_PRIORITY: return set_priority(inv, t);
	case OP_THREAD_RESUME: return resume(t);
	case OP_THREAD_SUSPEND: return suspend(t);
	case OP_THREAD_INFO:
		inv->r[0] = t->state;
		inv->r[1] = (uint64_t)t->exit_status;
		inv->r[2] = t->cpu_ticks;
		inv->r[3] = sched_cpu_tsc(t);
		return ERR_OK;
	case OP_THREAD_READ_REGS:
		if (t->state == THREAD_DEAD)
			return ERR_BUSY;
		inv->r[0] = t->frame->rip;
		inv->r[1] = t->frame->rsp;
		inv->r[2] = t->frame->rbp;
		inv->r[3] = t->frame->rflags;
		return ERR_OK;
	}
	return ERR_INVALID_OP;
}
