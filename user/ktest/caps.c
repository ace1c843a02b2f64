/* cap-misuse: every kind of bad capability use gets its own error code and nothing
 * else happens: index out of range, empty slot, wrong type, missing rights, revoked or
 * deleted capabilities, bad derivations, invalid system call numbers and operations. */
#include "ktest.h"
#include "objects.h"
#include "uthread.h"

static int64_t raw_syscall(uint64_t nr, uint64_t cap)
{
	struct sysregs r = { cap, 0, { 0, 0, 0, 0 } };
	return sys_raw(nr, &r);
}

static void check_range_and_empty(uint64_t ep)
{
	struct msg m = { MSG_TAG(1, 0, 0), 0, { 0, 0, 0, 0 } };
	uint64_t type, rights, badge, empty = slot_alloc();

	CHECK_ERR(sys_send(ROOT_CAPTABLE_SLOTS, &m), ERR_INVALID_CAP);
	CHECK_ERR(sys_send(1ull << 63, &m), ERR_INVALID_CAP);
	CHECK_ERR(cap_info(~0ull, &type, &rights, &badge), ERR_INVALID_CAP);
	CHECK_ERR(sys_send(empty, &m), ERR_EMPTY_SLOT);
	CHECK_ERR(sys_send(SLOT_NULL, &m), ERR_EMPTY_SLOT);
	CHECK_ERR(cap_info(empty, &type, &rights, &badge), ERR_EMPTY_SLOT);
	CHECK_ERR(cap_derive(ep, ROOT_CAPTABLE_SLOTS, RIGHTS_ALL, 0), ERR_INVALID_CAP);
	CHECK_ERR(cap_derive(ep, SLOT_CONSOLE, RIGHTS_ALL, 0), ERR_SLOT_FULL);
	CHECK_ERR(cap_derive(ep, empty, RIGHTS_ALL + 1, 0), ERR_INVALID_ARG);
}

static void check_types(uint64_t ep, uint64_t n)
{
	struct msg m = { MSG_TAG(1, 0, 0), 0, { 0, 0, 0, 0 } };
	uint64_t word, th = new_object(OBJ_THREAD);

	CHECK_ERR(sys_call(SLOT_CONSOLE, &m), ERR_WRONG_TYPE);
	CHECK_ERR(sys_recv(n, &m), ERR_WRONG_TYPE);
	CHECK_ERR(sys_signal(ep), ERR_WRONG_TYPE);
	CHECK_ERR(sys_wait(ep, &word), ERR_WRONG_TYPE);
	CHECK_ERR(sys_poll(SLOT_POOL, &word), ERR_WRONG_TYPE);
	CHECK_ERR(vspace_map(SLOT_VSPACE, SLOT_CONSOLE, SCRATCH_ADDR, RIGHT_READ), ERR_WRONG_TYPE);
	CHECK_ERR(thread_configure(th, SLOT_CONSOLE, SLOT_CAPTABLE, SLOT_IPC_BUFFER_FRAME, 0x32000000),
		  ERR_WRONG_TYPE);
	CHECK_ERR(thread_set_fault(th, n), ERR_WRONG_TYPE);
}

static void check_rights(uint64_t ep)
{
	struct msg m = { MSG_TAG(1, 0, 0), 0, { 0, 0, 0, 0 } };
	uint64_t frame = new_object(OBJ_FRAME), type, rights, badge;
	uint64_t ro_frame = derive(frame, RIGHT_READ, 0);
	uint64_t recv_only = derive(ep, RIGHT_READ, 0), send_only = derive(ep, RIGHT_WRITE, 0);
	uint64_t weak_pool = derive(SLOT_POOL, RIGHT_READ | RIGHT_WRITE, 0);

	CHECK_ERR(sys_send(recv_only, &m), ERR_NO_RIGHTS);
	CHECK_ERR(sys_call(recv_only, &m), ERR_NO_RIGHTS);
	CHECK_ERR(sys_recv(send_only, &m), ERR_NO_RIGHTS);
	CHECK_ERR(vspace_map(SLOT_VSPACE, ro_frame, SCRATCH_ADDR, RIGHT_READ | RIGHT_WRITE), ERR_NO_RIGHTS);
	CHECK_OK(vspace_map(SLOT_VSPACE, frame, SCRATCH_ADDR, RIGHT_READ | RIGHT_EXEC));
	CHECK_OK(vspace_unmap(SLOT_VSPACE, SCRATCH_ADDR, 1));
	CHECK_ERR(pool_create(weak_pool, OBJ_FRAME, slot_alloc(), 0), ERR_NO_RIGHTS);
	/* Rights only shrink along a derivation. */
	uint64_t again = derive(ro_frame, RIGHTS_ALL, 0);
	CHECK_OK(cap_info(again, &type, &rights, &badge));
	CHECK(type == OBJ_FRAME && rights == RIGHT_READ);
	CHECK_ERR(vspace_map(SLOT_VSPACE, again, SCRATCH_ADDR, RIGHT_READ | RIGHT_EXEC), ERR_NO_RIGHTS);
}

static void check_revoke_delete(uint64_t ep)
{
	struct msg m = { MSG_TAG(1, 0, 0), 0, { 0, 0, 0, 0 } };
	uint64_t type, rights, badge;
	uint64_t child = derive(ep, RIGHTS_ALL, 0), grandchild = derive(child, RIGHT_WRITE, 3);
	uint64_t other = derive(ep, RIGHTS_ALL, 0);

	CHECK_OK(cap_revoke(ep));
	/* cap_info first: a send on a surviving capability would block for good. */
	CHECK_ERR(cap_info(child, &type, &rights, &badge), ERR_EMPTY_SLOT);
	CHECK_ERR(sys_send(child, &m), ERR_EMPTY_SLOT);
	CHECK_ERR(cap_info(grandchild, &type, &rights, &badge), ERR_EMPTY_SLOT);
	CHECK_ERR(cap_info(other, &type, &rights, &badge), ERR_EMPTY_SLOT);
	CHECK_OK(cap_info(ep, &type, &rights, &badge));
	CHECK(type == OBJ_ENDPOINT && rights == RIGHTS_ALL);
	/* Deleting a capability leaves its parent and its own derived ones. */
	child = derive(ep, RIGHTS_ALL, 0);
	grandchild = derive(child, RIGHT_WRITE, 3);
	CHECK_OK(cap_delete(child));
	CHECK_ERR(cap_info(child, &type, &rights, &badge), ERR_EMPTY_SLOT);
	CHECK_OK(cap_info(grandchild, &type, &rights, &badge));
	CHECK(badge == 3);
	CHECK_OK(cap_revoke(ep));
	CHECK_ERR(cap_info(grandchild, &type, &rights, &badge), ERR_EMPTY_SLOT);
	/* The slot is empty again: it can be filled anew. */
	CHECK_OK(cap_derive(ep, child, RIGHTS_ALL, 0));
}

static void check_numbers_and_ops(uint64_t ep)
{
	struct msg m = { MSG_TAG(1, 0, 0), 0, { 0, 0, 0, 0 } };
	uint64_t th = new_object(OBJ_THREAD);

	CHECK_ERR(raw_syscall(0, ep), ERR_INVALID_SYSCALL);
	CHECK_ERR(raw_syscall(SYS_COUNT, ep), ERR_INVALID_SYSCALL);
	CHECK_ERR(raw_syscall(1000, ep), ERR_INVALID_SYSCALL);
	CHECK_ERR(raw_syscall(~0ull, ep), ERR_INVALID_SYSCALL);
	CHECK_ERR(raw_syscall(1ull << 32 | SYS_NULL, ep), ERR_INVALID_SYSCALL);
	CHECK_ERR(sys_invoke(SLOT_CONSOLE, 9999, 0, 0, 0, 0, NULL), ERR_INVALID_OP);
	CHECK_ERR(sys_invoke(SLOT_POOL, OP_VSPACE_MAP, 0, 0, 0, 0, NULL), ERR_INVALID_OP);
	CHECK_ERR(sys_invoke(ep, OP_THREAD_RESUME, 0, 0, 0, 0, NULL), ERR_INVALID_OP);
	CHECK_ERR(sys_invoke(SLOT_VSPACE, OP_CONSOLE_WRITE, 1, 0, 0, 0, NULL), ERR_INVALID_OP);
	CHECK_ERR(sys_reply(&m), ERR_NO_CALLER);
	CHECK_ERR(pool_create(SLOT_POOL, OBJ_CONSOLE, slot_alloc(), 0), ERR_INVALID_ARG);
	CHECK_ERR(pool_create(SLOT_POOL, OBJ_CAPTABLE, slot_alloc(), 0), ERR_INVALID_ARG);
	CHECK_ERR(pool_create(SLOT_POOL, OBJ_FRAME, SLOT_CONSOLE, 0), ERR_SLOT_FULL);
	CHECK_ERR(thread_set_priority(th, PRIORITY_MAX + 1), ERR_INVALID_ARG);
	CHECK_ERR(thread_set_priority(th, PRIO_TEST + 1), ERR_NO_RIGHTS); /* above the caller */
	CHECK_OK(thread_set_priority(th, PRIO_TEST));
	/* A thread can only be pointed at user addresses. */
	CHECK_ERR(thread_write_regs(th, KERNEL_VBASE + 0x100000, USER_STACK, 0, 0), ERR_BAD_ADDRESS);
	CHECK_ERR(thread_write_regs(th, 0x0000800000000000ull, USER_STACK, 0, 0), ERR_BAD_ADDRESS);
	CHECK_ERR(thread_write_regs(th, USER_BASE, DIRECT_MAP_BASE, 0, 0), ERR_BAD_ADDRESS);
	CHECK_ERR(thread_write_regs(th, KERN_BASE, USER_STACK, 0, 0), ERR_BAD_ADDRESS);
	CHECK_ERR(thread_configure(th, SLOT_VSPACE, SLOT_CAPTABLE, new_object(OBJ_FRAME), KERN_BASE),
		  ERR_BAD_ADDRESS);
	CHECK_ERR(console_write(SLOT_CONSOLE, CONSOLE_WRITE_MAX + 1), ERR_INVALID_ARG);
	CHECK_ERR(vspace_map(SLOT_VSPACE, SLOT_IPC_BUFFER_FRAME, ROOT_IPC_BUFFER_ADDR, RIGHT_READ),
		  ERR_ALREADY_MAPPED);
	CHECK_ERR(vspace_map(SLOT_VSPACE, SLOT_IPC_BUFFER_FRAME, SCRATCH_ADDR + 8, RIGHT_READ),
		  ERR_BAD_ADDRESS);
	CHECK_OK(vspace_unmap(SLOT_VSPACE, SCRATCH_ADDR, 4));
}

void test_cap_misuse(void)
{
	uint64_t ep = new_object(OBJ_ENDPOINT), n = new_object(OBJ_NOTIFICATION);

	check_range_and_empty(ep);
	check_types(ep, n);
	check_rights(ep);
	check_revoke_delete(ep);
	check_numbers_and_ops(ep);
	/* After all that, the capabilities still work. */
	uint64_t word;
	CHECK_OK(sys_signal(derive(n, RIGHTS_ALL, 8)));
	CHECK_OK(sys_poll(n, &word));
	CHECK(word == 8);
}
