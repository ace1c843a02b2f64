/* The self-test table and dispatcher. */
#include "selftest.h"

#include "console.h"
#include "panic.h"
#include "str.h"

struct selftest {
	const char *name;
	void (*fn)(const struct boot_info *bi);
	const char *what;
};

static const struct selftest tests[] = {
	{ "pmm", selftest_pmm, "frame allocator: exhaust, uniqueness, free, contiguous runs" },
	{ "heap", selftest_heap, "kernel heap: sizes, alignment, reuse, large blocks" },
	{ "paging", selftest_paging, "map/unmap, W^X image, no identity map, guard page, CPU protections" },
	{ "timer", selftest_timer, "APIC timer ticks against the PIT, merged ones counted; hlt wakes on ticks" },
	{ "fault", selftest_fault_unmapped, "write to an unmapped address: panic report" },
	{ "fault-rodata", selftest_fault_rodata, "write to read-only data: protection fault" },
	{ "fault-nx", selftest_fault_nx, "execute from a data page: NX fault" },
	{ "stack-overflow", selftest_stack_overflow, "boot stack overflow: double fault on its own stack" },
	{ "fault-gp", selftest_fault_gp, "non-canonical access: general protection fault" },
	{ "fault-ud", selftest_fault_ud, "ud2: invalid opcode" },
	{ "nmi", selftest_nmi, "NMI to self: taken on its own stack" },
	{ "console", selftest_console, "output from the timer interrupt never splits a line" },
	{ "smep", selftest_smep, "the kernel executing a user page faults (SMEP)" },
	{ "smap", selftest_smap, "the kernel reading a user page faults (SMAP)" },
};

bool selftest_run(const char *name, const struct boot_info *bi)
{
	for (unsigned i = 0; i < sizeof tests / sizeof tests[0]; i++) {
		if (!str_eq(tests[i].name, name))
			continue;
		kprintf("selftest %s: %s\n", name, tests[i].what);
		tests[i].fn(bi);
		kprintf("selftest %s: ok\n", name);
		return true;
	}
	kprintf("kernel: unknown self-test '%s'; known:", name);
	for (unsigned i = 0; i < sizeof tests / sizeof tests[0]; i++)
		kprintf(" %s", tests[i].name);
	kprintf("\n");
	return false;
}
