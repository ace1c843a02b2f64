/* Panic: the report a developer reads when the kernel breaks. */
#include "panic.h"

#include <stdarg.h>
#include <stdbool.h>

#include "console.h"
#include "gdt.h"
#include "memlayout.h"
#include "cpu.h"
#include "fmt.h"
#include "power.h"
#include "symbols.h"
#include "trap.h"

#define BACKTRACE_MAX 16
#define BACKTRACE_STACK_SPAN 65536 /* frames must lie within this much above the start */

static bool panicking;

static const char *const exception_names[32] = {
	"divide error (#DE)", "debug (#DB)", "NMI", "breakpoint (#BP)", "overflow (#OF)",
	"bound range (#BR)", "invalid opcode (#UD)", "device not available (#NM)",
	"double fault (#DF)", "coprocessor segment overrun", "invalid TSS (#TS)",
	"segment not present (#NP)", "stack fault (#SS)", "general protection (#GP)",
	"page fault (#PF)", "reserved 15", "x87 error (#MF)", "alignment check (#AC)",
	"machine check (#MC)", "SIMD error (#XM)", "virtualization (#VE)",
	"control protection (#CP)", [28] = "hypervisor injection (#HV)",
	"VMM communication (#VC)", "security exception (#SX)",
};

/* Stops a second panic (a fault while reporting) from recursing. */
static void enter_panic(void)
{
	cli();
	if (panicking) {
		console_write("PANIC: nested panic, halting\n", 29);
		power_off(POWEROFF_FAILURE);
	}
	panicking = true;
}

static void print_address(const char *prefix, uint64_t addr)
{
	const char *name;
	uint64_t off;
	if (symbols_lookup(addr, &name, &off))
		kprintf("%s0x%016lx %s+0x%lx\n", prefix, addr, name, off);
	else
		kprintf("%s0x%016lx ?\n", prefix, addr);
}

/* Walks the frame-pointer chain (every kernel function keeps rbp). Stops at rbp 0
 * (set by entry.asm), at a misaligned or non-kernel pointer, or when frames stop
 * climbing the stack. */
static void backtrace(uint64_t rbp)
{
	kprintf("backtrace:\n");
	uint64_t start = rbp;
	for (int depth = 0; depth < BACKTRACE_MAX; depth++) {
		if (rbp == 0 || (rbp & 7) || rbp < 0xffff800000000000ull ||
		    rbp - start > BACKTRACE_STACK_SPAN)
			return;
		const uint64_t *frame = (const uint64_t *)rbp;
		uint64_t ret = frame[1];
		if (ret == 0)
			return;
		kprintf("  #%d ", depth);
		print_address("", ret);
		if (frame[0] <= rbp)
			return;
		rbp = frame[0];
	}
}

void panic(const char *fmt, ...)
{
	enter_panic();
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	fmt_vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	kprintf("PANIC: %s\n", buf);
	backtrace(read_rbp());
	power_off(POWEROFF_FAILURE);
}

static void print_page_fault(const struct trap_frame *tf)
{
	uint64_t e = tf->error;
	kprintf("  cr2 0x%016lx  error 0x%lx: %s %s %s%s%s%s\n", read_cr2(), e,
		e & 1 ? "protection" : "not-present", e & 2 ? "write" : "read",
		e & 4 ? "user-mode" : "kernel-mode", e & 8 ? " reserved-bit" : "",
		e & 16 ? " instruction-fetch" : "", e & 32 ? " protection-key" : "");
}

static const char *stack_name(uint64_t sp)
{
	const char *ist = gdt_ist_stack_name(sp);
	if (ist)
		return ist;
	if (sp >= (uint64_t)__stack_guard && sp < (uint64_t)__boot_stack_bottom)
		return "boot stack guard page (overflow)";
	if (sp >= (uint64_t)__boot_stack_bottom && sp <= (uint64_t)__boot_stack_top)
		return "boot stack";
	return "unknown stack";
}

static void print_registers(const struct trap_frame *tf)
{
	kprintf("  rax %016lx rbx %016lx rcx %016lx rdx %016lx\n", tf->rax, tf->rbx, tf->rcx, tf->rdx);
	kprintf("  rsi %016lx rdi %016lx rbp %016lx rsp %016lx\n", tf->rsi, tf->rdi, tf->rbp, tf->rsp);
	kprintf("  r8  %016lx r9  %016lx r10 %016lx r11 %016lx\n", tf->r8, tf->r9, tf->r10, tf->r11);
	kprintf("  r12 %016lx r13 %016lx r14 %016lx r15 %016lx\n", tf->r12, tf->r13, tf->r14, tf->r15);
	kprintf("  cs %lx ss %lx rflags %016lx cr3 %016lx\n", tf->cs, tf->ss, tf->rflags, read_cr3());
}

void panic_trap(const struct trap_frame *tf)
{
	enter_panic();
	if (tf->vector < 32)
		kprintf("PANIC: %s in %s mode\n", exception_names[tf->vector] ? exception_names[tf->vector] : "reserved exception",
			(tf->cs & 3) ? "user" : "kernel");
	else
		kprintf("PANIC: unexpected interrupt, vector %lu\n", tf->vector);
	if (tf->vector == VEC_PAGE_FAULT)
		print_page_fault(tf);
	else if (tf->vector < 32)
		kprintf("  error code 0x%lx\n", tf->error);
	print_address("  rip ", tf->rip);
	print_registers(tf);
	uint64_t handler_sp = (uint64_t)(tf + 1);
	kprintf("  interrupted on the %s; handled on the %s\n", stack_name(tf->rsp), stack_name(handler_sp));
	backtrace(tf->rbp);
	power_off(POWEROFF_FAILURE);
}
