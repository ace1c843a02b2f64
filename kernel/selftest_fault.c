/* Self-tests that must end in a panic: each provokes one kernel fault on purpose. The
 * test's expected output checks the panic report; returning from here is a failure. */
#include <stdint.h>

#include "apic.h"
#include "console.h"
#include "panic.h"
#include "selftest.h"

#define UNMAPPED_ADDRESS 0xdead0000ull
#define NONCANONICAL_ADDRESS 0x8000000000000000ull

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

void selftest_nmi(const struct boot_info *bi)
{
	(void)bi;
	apic_send_self_nmi();
	for (int i = 0; i < 1000; i++)
		__asm__ volatile("pause");
	panic("selftest nmi: the NMI did not arrive");
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
