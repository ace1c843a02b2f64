/* Page inspection (abi/syscall.h, INSPECT_VECTOR): `int $0x42` from user mode with a
 * virtual address in rax returns in rax the physical address of the frame mapped at
 * that page in the caller's own address space, or 0 when nothing is mapped there. The
 * answer identifies a frame: equal for pages that share one, different after a
 * copy-on-write copy (Pintos-KAIST's get_phys_addr). The kernel reads only its own page
 * tables, never user memory. */
#include "inspect.h"

#include "bootinfo.h"

#include "sched.h"
#include "thread.h"
#include "trap.h"
#include "vspace.h"

static void inspect(struct trap_frame *tf)
{
	struct thread *t = thread_current();
	uint64_t va = tf->rax;
	tf->rax = 0;
	if (t && t->vspace && va < KERN_BASE)
		tf->rax = vspace_phys(t->vspace, va & ~0xfffull);
}

void inspect_init(void) { trap_set_handler(INSPECT_VECTOR, inspect); }
