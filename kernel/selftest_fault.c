/* Self-tests that must end in a panic: each provokes one kernel fault on purpose. The
 * test's expected output checks the panic report; returning from here is a failure. */
#include <stdint.h>

#include "apic.h"
#include "console.h"
#include "frame.h"
#include "memlayout.h"
#include "pool.h"
#include "vspace.h"
#include "panic.h"
#include "selftest.h"

#define UNMAPPED_ADDRESS 0xdead0000ull
#define NONCANONICAL_ADDRESS 0x8000000000000000ull
#define USER_PAGE 0x400000ull

static const uint64_t read_only_word = 1;
static uint8_t data_code[16] = { 0xc3 }; /* ret */

void selftest_fault_unmapped(const struct boot_info *bi)
{
	(void)bi;
	*(volatile uint64_t *)UNMAPPED_ADDRESS = 1;
	panic("selftest fault: the write to 0x%llx did not fault", UNMAPPED_ADDRESS);
}

void selftest_fault_rodata(const struct boot_info *bi)
{
	(void)bi;
	*(volatile uint64_t *)&read_only_word = 2;
	panic("selftest fault-rodata: the write to read-only data did not fault");
}

void selftest_fault_nx(const struct boot_info *bi)
{
	(void)bi;
	void (*fn)(void) = (void (*)(void))(uintptr_t)data_code;
	fn();
	panic("selftest fault-nx: executing a data page did not fault");
}

void selftest_fault_gp(const struct boot_info *bi)
{
	(void)bi;
	*(volatile uint64_t *)NONCANONICAL_ADDRESS = 1;
	panic("selftest fault-gp: the non-canonical access did not fault");
}

void selftest_fault_ud(const struct boot_info *bi)
{
	(void)bi;
	__asm__ volatile("ud2");
	panic("selftest fault-ud: ud2 did not fault");
}

/* Sends itself an NMI and spins on the boot stack until it arrives; its handler panics.
 * Where it lands is not fixed: right after the ICR write under -icount, at the end of
 * QEMU's translation block in real time (after apic_send_self_nmi returns), anywhere in
 * the next few instructions on hardware. The report shows the boot stack interrupted
 * and the handler on the NMI IST, wherever it landed. */
void selftest_nmi(const struct boot_info *bi)
{
	(void)bi;
	apic_send_self_nmi();
	for (int i = 0; i < 1000; i++)
		__asm__ volatile("pause");
	panic("selftest nmi: the NMI did not arrive");
}

/* Maps one page of user memory (holding "ret") at USER_PAGE in a fresh address space
 * and switches to it, so the kernel can try to touch user memory. */
static void enter_user_page(void)
{
	struct pool *pool = pool_create_root(1 << 20);
	struct vspace *vs = pool ? vspace_create(pool) : NULL;
	struct frame *f = vs ? frame_create(pool) : NULL;
	if (!f)
		panic("selftest: out of memory building a user page");
	*(uint8_t *)phys_to_virt(f->phys) = 0xc3; /* ret */
	struct map_request req = { f, USER_PAGE, RIGHT_READ | RIGHT_WRITE | RIGHT_EXEC };
	if (vspace_map(vs, &req, 1))
		panic("selftest: cannot map the user page");
	vspace_activate(vs);
}

void selftest_smep(const struct boot_info *bi)
{
	(void)bi;
	enter_user_page();
	((void (*)(void))USER_PAGE)();
	panic("selftest smep: the kernel executed user memory");
}

void selftest_smap(const struct boot_info *bi)
{
	(void)bi;
	enter_user_page();
	kprintf("selftest smap: read 0x%x\n", *(volatile uint8_t *)USER_PAGE);
	panic("selftest smap: the kernel read user memory");
}

/* Recurses until the boot stack runs into its guard page. */
static unsigned recurse(volatile unsigned depth)
{
	volatile char pad[256];
	if (depth == UINT32_MAX) /* never: keeps the compiler from calling it endless */
		return 0;
	pad[0] = (char)depth;
	return recurse(depth + 1) + pad[0];
}

void selftest_stack_overflow(const struct boot_info *bi)
{
	(void)bi;
	recurse(0);
	panic("selftest stack-overflow: the recursion returned");
}
