/* Named wrappers for the SYS_INVOKE operations of abi/syscall.h, one per operation.
 * Each returns 0 or the kernel's ERR_*; slots are indices in the caller's table. */
#ifndef ULIB_OPS_H
#define ULIB_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "poweroff.h"
#include "sys.h"

/* Capabilities (any slot of the caller's table). */
static inline int64_t cap_derive(uint64_t slot, uint64_t dst, uint32_t rights, uint64_t badge)
{
	return sys_invoke(slot, OP_CAP_DERIVE, dst, rights, badge, 0, NULL);
}
static inline int64_t cap_delete(uint64_t slot)
{
	return sys_invoke(slot, OP_CAP_DELETE, 0, 0, 0, 0, NULL);
}
static inline int64_t cap_revoke(uint64_t slot)
{
	return sys_invoke(slot, OP_CAP_REVOKE, 0, 0, 0, 0, NULL);
}
/* Stores the type, rights and badge of the capability in slot. */
static inline int64_t cap_info(uint64_t slot, uint64_t *type, uint64_t *rights, uint64_t *badge)
{
	struct result r = { { 0, 0, 0, 0, 0 } };
	int64_t err = sys_invoke(slot, OP_CAP_INFO, 0, 0, 0, 0, &r);
	*type = r.r[0];
	*rights = r.r[1];
	*badge = r.r[2];
	return err;
}

/* Copies the caller's capability src into slot dst of table (rights masked, badge set
 * unless 0). */
static inline int64_t captable_copy_in(uint64_t table, uint64_t src, uint64_t dst, uint32_t rights,
				       uint64_t badge)
{
	return sys_invoke(table, OP_CAPTABLE_COPY_IN, src, dst, rights, badge, NULL);
}

/* Creates an object of type in the caller's empty slot dst; size: table slots or
 * sub-pool bytes. */
static inline int64_t pool_create(uint64_t pool, uint64_t type, uint64_t dst, uint64_t size)
{
	return sys_invoke(pool, OP_POOL_CREATE, type, dst, size, 0, NULL);
}
static inline int64_t pool_info(uint64_t pool, uint64_t *free_bytes, uint64_t *quota)
{
	struct result r = { { 0, 0, 0, 0, 0 } };
	int64_t err = sys_invoke(pool, OP_POOL_INFO, 0, 0, 0, 0, &r);
	*free_bytes = r.r[0];
	*quota = r.r[1];
	return err;
}

/* Address spaces. map_batch takes its count entries from this thread's IPC buffer. */
static inline int64_t vspace_map(uint64_t vs, uint64_t frame, uint64_t addr, uint32_t rights)
{
	return sys_invoke(vs, OP_VSPACE_MAP, frame, addr, rights, 0, NULL);
}
static inline int64_t vspace_map_batch(uint64_t vs, uint64_t count)
{
	return sys_invoke(vs, OP_VSPACE_MAP_BATCH, count, 0, 0, 0, NULL);
}
static inline int64_t vspace_unmap(uint64_t vs, uint64_t addr, uint64_t pages)
{
	return sys_invoke(vs, OP_VSPACE_UNMAP, addr, pages, 0, 0, NULL);
}
static inline int64_t vspace_protect(uint64_t vs, uint64_t addr, uint64_t pages, uint32_t rights)
{
	return sys_invoke(vs, OP_VSPACE_PROTECT, addr, pages, rights, 0, NULL);
}
static inline int64_t vspace_ad_bits(uint64_t vs, uint64_t addr, uint64_t pages)
{
	return sys_invoke(vs, OP_VSPACE_AD_BITS, addr, pages, 0, 0, NULL);
}

/* Threads. */
static inline int64_t thread_configure(uint64_t th, uint64_t vs, uint64_t table, uint64_t ipc_frame,
				       uint64_t ipc_addr)
{
	return sys_invoke(th, OP_THREAD_CONFIGURE, vs, table, ipc_frame, ipc_addr, NULL);
}
static inline int64_t thread_set_fault(uint64_t th, uint64_t ep)
{
	return sys_invoke(th, OP_THREAD_SET_FAULT, ep, 0, 0, 0, NULL);
}
static inline int64_t thread_write_regs(uint64_t th, uint64_t rip, uint64_t rsp, uint64_t rdi,
					uint64_t rsi)
{
	return sys_invoke(th, OP_THREAD_WRITE_REGS, rip, rsp, rdi, rsi, NULL);
}
static inline int64_t thread_set_priority(uint64_t th, uint64_t prio)
{
	return sys_invoke(th, OP_THREAD_SET_PRIORITY, prio, 0, 0, 0, NULL);
}
static inline int64_t thread_resume(uint64_t th)
{
	return sys_invoke(th, OP_THREAD_RESUME, 0, 0, 0, 0, NULL);
}
static inline int64_t thread_suspend(uint64_t th)
{
	return sys_invoke(th, OP_THREAD_SUSPEND, 0, 0, 0, 0, NULL);
}
/* The thread's state (enum thread_state), exit status and timer ticks charged to it. */
struct thread_info {
	uint64_t state;
	int64_t status;
	uint64_t ticks;
	uint64_t tsc; /* TSC cycles run (under -icount: 128 per instruction) */
};
static inline int64_t thread_info(uint64_t th, struct thread_info *ti)
{
	struct result r = { { 0, 0, 0, 0, 0 } };
	int64_t err = sys_invoke(th, OP_THREAD_INFO, 0, 0, 0, 0, &r);
	ti->state = r.r[0];
	ti->status = (int64_t)r.r[1];
	ti->ticks = r.r[2];
	ti->tsc = r.r[3];
	return err;
}

/* Frames, devices. */
static inline int64_t frame_info(uint64_t frame, uint64_t *phys, uint64_t *device)
{
	struct result r = { { 0, 0, 0, 0, 0 } };
	int64_t err = sys_invoke(frame, OP_FRAME_INFO, 0, 0, 0, 0, &r);
	*phys = r.r[0];
	*device = r.r[1];
	return err;
}
static inline int64_t irq_claim(uint64_t control, uint64_t irq, uint64_t dst)
{
	return sys_invoke(control, OP_IRQ_CLAIM, irq, dst, 0, 0, NULL);
}
static inline int64_t irq_set_notify(uint64_t irq, uint64_t notification)
{
	return sys_invoke(irq, OP_IRQ_SET_NOTIFY, notification, 0, 0, 0, NULL);
}
static inline int64_t irq_ack(uint64_t irq) { return sys_invoke(irq, OP_IRQ_ACK, 0, 0, 0, 0, NULL); }
/* Claims a free MSI vector into slot dst; *address and *data = the message the device
 * must write (its MSI or MSI-X table entry) to raise it. */
static inline int64_t irq_claim_msi(uint64_t control, uint64_t dst, uint64_t *address,
				    uint64_t *data)
{
	struct result r = { { 0, 0, 0, 0, 0 } };
	int64_t err = sys_invoke(control, OP_IRQ_CLAIM_MSI, dst, 0, 0, 0, &r);
	*address = r.r[0];
	*data = r.r[1];
	return err;
}
static inline int64_t ioport_in(uint64_t ports, uint64_t port, uint64_t width, uint64_t *value)
{
	struct result r = { { 0, 0, 0, 0, 0 } };
	int64_t err = sys_invoke(ports, OP_IOPORT_IN, port, width, 0, 0, &r);
	*value = r.r[0];
	return err;
}
static inline int64_t ioport_out(uint64_t ports, uint64_t port, uint64_t width, uint64_t value)
{
	return sys_invoke(ports, OP_IOPORT_OUT, port, width, value, 0, NULL);
}
static inline int64_t ioport_issue(uint64_t ports, uint64_t first, uint64_t count, uint64_t dst)
{
	return sys_invoke(ports, OP_IOPORT_ISSUE, first, count, dst, 0, NULL);
}
static inline int64_t devmem_frame(uint64_t devmem, uint64_t phys, uint64_t dst)
{
	return sys_invoke(devmem, OP_DEVMEM_FRAME, phys, dst, 0, 0, NULL);
}

/* Writes the first bytes bytes of this thread's IPC buffer words[] to the console. */
static inline int64_t console_write(uint64_t console, uint64_t bytes)
{
	return sys_invoke(console, OP_CONSOLE_WRITE, bytes, 0, 0, 0, NULL);
}
/* Moves up to max received bytes into the IPC buffer's words; *got says how many. */
static inline int64_t console_read(uint64_t console, uint64_t max, uint64_t *got)
{
	struct result r = { { 0, 0, 0, 0, 0 } };
	int64_t err = sys_invoke(console, OP_CONSOLE_READ, max, 0, 0, 0, &r);
	*got = r.r[0];
	return err;
}
static inline int64_t console_set_notify(uint64_t console, uint64_t notification)
{
	return sys_invoke(console, OP_CONSOLE_SET_NOTIFY, notification, 0, 0, 0, NULL);
}
/* Only console capabilities badged badge (or with RIGHT_ADMIN) may read from now on;
 * mode: CONSOLE_COOKED (echo, Ctrl-C interrupts) or 0 (raw). */
static inline int64_t console_set_foreground(uint64_t console, uint64_t badge, uint64_t mode)
{
	return sys_invoke(console, OP_CONSOLE_SET_FOREGROUND, badge, mode, 0, 0, NULL);
}
/* Ctrl-C in cooked mode signals notification (its badge). */
static inline int64_t console_set_interrupt(uint64_t console, uint64_t notification)
{
	return sys_invoke(console, OP_CONSOLE_SET_INTERRUPT, notification, 0, 0, 0, NULL);
}
/* Powers the machine off with outcome (abi/poweroff.h); returns only on an error. */
static inline int64_t system_poweroff(uint64_t system, enum poweroff_outcome outcome)
{
	return sys_invoke(system, OP_SYSTEM_POWEROFF, outcome, 0, 0, 0, NULL);
}
/* Signals bits into notification ntfn after ticks timer ticks (0: cancel). */
static inline int64_t notify_alarm(uint64_t ntfn, uint64_t ticks, uint64_t bits)
{
	return sys_invoke(ntfn, OP_NOTIFY_ALARM, ticks, bits, 0, 0, NULL);
}
/* R0..R3 = rip, rsp, rbp, rflags of a thread that is not running (a faulted one). */
static inline int64_t thread_read_regs(uint64_t th, uint64_t regs[4])
{
	struct result r = { { 0, 0, 0, 0, 0 } };
	int64_t err = sys_invoke(th, OP_THREAD_READ_REGS, 0, 0, 0, 0, &r);
	for (int i = 0; i < 4; i++)
		regs[i] = r.r[i];
	return err;
}

#endif
