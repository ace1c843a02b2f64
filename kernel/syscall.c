/* The system-call dispatcher: decode the number, run it, then the common exit path
 * (reap dead objects, reschedule if asked). */
#include <stddef.h>

#include "cpu.h"
#include "invoke.h"
#include "ipc.h"
#include "notification.h"
#include "object.h"
#include "sched.h"
#include "syscall_entry.h"
#include "thread.h"

#define MSR_STAR 0xc0000081u
#define MSR_LSTAR 0xc0000082u
#define MSR_FMASK 0xc0000084u
#define EFER_SCE 1ull
/* Cleared on entry: AC, NT, DF, IF, TF. NT matters: iretq with NT set would fault in
 * the kernel (a user could set it with popfq). */
#define FMASK_BITS 0x44700ull

extern void syscall_entry(void);

void syscall_init(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
	/* syscall loads CS = STAR[47:32], SS = CS + 8 (GDT_KERNEL_CODE, GDT_KERNEL_DATA). */
	wrmsr(MSR_STAR, (uint64_t)0x08 << 32);
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_FMASK, FMASK_BITS);
}

static void sys_invoke(struct thread *t, struct trap_frame *f)
{
	struct invocation inv = {
		.caller = t, .table = t->captable, .op = f->rsi,
		.a = { f->rdx, f->r10, f->r8, f->r9 },
	};
	f->rax = (uint64_t)invoke(&inv, f->rdi);
	f->rdi = inv.r[0];
	f->rsi = inv.r[1];
	f->rdx = inv.r[2];
	f->r10 = inv.r[3];
	f->r8 = inv.r[4];
}

void syscall_dispatch(struct trap_frame *f)
{
	struct thread *t = thread_current();
	switch (f->rax) {
	case SYS_NULL: f->rax = ERR_OK; break;
	case SYS_BUSY:
		f->rax = ERR_OK;
		f->rdi = sched_busy_tsc();
		break;
	case SYS_CALL: ipc_sys_send(t, true); break;
	case SYS_SEND: ipc_sys_send(t, false); break;
	case SYS_RECV: ipc_sys_recv(t); break;
	case SYS_REPLY: ipc_sys_reply(t); break;
	case SYS_REPLY_RECV: ipc_sys_reply_recv(t); break;
	case SYS_SIGNAL: notification_sys_signal(t); break;
	case SYS_WAIT: notification_sys_wait(t); break;
	case SYS_POLL: notification_sys_poll(t); break;
	case SYS_YIELD:
		f->rax = ERR_OK;
		t->slice = 0;
		schedule();
		break;
	case SYS_INVOKE: sys_invoke(t, f); break;
	default: f->rax = (uint64_t)ERR_INVALID_SYSCALL; break;
	}
	return_to_user_checks();
}

void return_to_user_checks(void)
{
	kobj_reap();
	struct thread *t = thread_current();
	while (t->state != THREAD_RUNNABLE || sched_need_resched()) {
		schedule();
		kobj_reap();
	}
}
