/* Kernel start-up: bring up the CPU tables, memory and timer in order, report, then run
 * what the command line asks for (a self-test, power off, or idle). */
#include <stdint.h>

#include "acpi.h"
#include "bootinfo.h"
#include "cmdline.h"
#include "console.h"
#include "cpu.h"
#include "fwcfg.h"
#include "gdt.h"
#include "memlayout.h"
#include "paging.h"
#include "pmm.h"
#include "power.h"
#include "selftest.h"
#include "symbols.h"
#include "apic.h"
#include "trap.h"
#include "devices.h"
#include "inspect.h"
#include "irq.h"
#include "root.h"
#include "sched.h"
#include "syscall_entry.h"
#include "thread.h"

__attribute__((noreturn)) void kmain(uint64_t boot_info_phys);

static char cmdline[BOOT_CMDLINE_MAX];

/* The boot info must come from a loader that speaks our version; anything else is a
 * build mismatch, reported before touching the rest of it. */
static const struct boot_info *accept_boot_info(uint64_t phys)
{
	const struct boot_info *bi = phys_to_virt(phys);
	if (bi->magic != BOOTINFO_MAGIC || bi->version != BOOTINFO_VERSION ||
	    bi->size != sizeof *bi || bi->mem_count > BOOT_MAX_MEMRANGES ||
	    bi->module_count > BOOT_MAX_MODULES) {
		kprintf("kernel: boot info at 0x%lx is not version %d from this build's loader\n", phys,
			BOOTINFO_VERSION);
		power_off(POWEROFF_FAILURE);
	}
	return bi;
}

/* fw_cfg opt/cmdline wins; otherwise the ESP file the loader read. */
static void read_cmdline(const struct boot_info *bi)
{
	if (fwcfg_read_string("opt/cmdline", cmdline, sizeof cmdline))
		return;
	for (uint32_t i = 0; i < bi->cmdline_len && i < sizeof cmdline - 1; i++)
		cmdline[i] = bi->cmdline[i];
}

static void print_banner(const struct boot_info *bi)
{
	const struct paging_features *f = paging_features();
	kprintf("pagos kernel %s: %lu MiB free, %u module(s), cpu%s%s%s, timer %d Hz\n", PAGOS_VERSION,
		pmm_free_frames() / 256, bi->module_count, f->nx ? " nx" : "", f->smep ? " smep" : "",
		f->smap ? " smap" : "", TIMER_HZ);
	for (uint32_t i = 0; i < bi->module_count; i++)
		kprintf("  module %s: %lu bytes at 0x%lx\n", bi->modules[i].name, bi->modules[i].size,
			bi->modules[i].phys);
	kprintf("  cmdline: '%s'\n", cmdline);
}

void kmain(uint64_t boot_info_phys)
{
	console_init();
	const struct boot_info *bi = accept_boot_info(boot_info_phys);
	gdt_init();
	idt_init();
	symbols_init(bi);
	pmm_init(bi);
	paging_init(bi);
	timer_init();
	read_cmdline(bi);
	print_banner(bi);
	acpi_init(bi);

	char test[CMDLINE_WORD_MAX];
	if (cmdline_value(cmdline, "test", test, sizeof test)) {
		sti();
		power_off(selftest_run(test, bi) ? POWEROFF_SUCCESS : POWEROFF_FAILURE);
	}
	if (cmdline_flag(cmdline, "poweroff"))
		power_off(POWEROFF_SUCCESS);
	fpu_init();
	syscall_init();
	inspect_init();
	irq_init();
	devices_init(bi);
	sched_init();
	root_start(bi, cmdline);
	sched_start();
}
