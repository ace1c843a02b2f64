/* Crash reports: when the pager ends a process for a fault or an exception, it says on
 * the report channel (report.c) what happened, where and why, and keeps a one-line
 * summary for the parent (PG_CRASH_SUMMARY):
 *   crash: NAME (pid N, running PATH) killed by a page fault | by an exception
 *     what:  read of 0x0, page not present | divide error (#DE)
 *     where: rip 0x401012 main+0x12 [, called from CALLER when rip is not in code]
 *     why:   0x0 is in no mapping
 *     stack: main+0x12 <- _start+0x1d
 * The why of a page fault is the rule fault_handle applied (enum fault_rule). Names
 * come from the program's own symbol table (symbols.c); the stack is walked through
 * frame pointers (programs keep them) while its pages are resident. Everything is read
 * from the process before the symbols are, since reading them takes a frame, which may
 * evict one of the process's pages. */
#include <string.h>

#include "fmt.h"
#include "ops.h"
#include "pager.h"
#include "rootinfo.h"

#define BACKTRACE_MAX 16 /* frames walked; "<- ..." says there were more */
#define NAME_MAX 80
#define WHY_MAX 128

/* What the report needs of the process's memory and registers, read before anything
 * can evict its pages. */
struct evidence {
	uint64_t caller;               /* the return address at rsp, when rip is not code */
	uint8_t op[2];                 /* the first bytes at rip (0 if not resident) */
	uint64_t ret[BACKTRACE_MAX];   /* return addresses of the frames, innermost first */
	unsigned frames;
};

/* Reads n bytes at addr of p's memory into buf; false unless every page of them is
 * resident (a report reads nothing from the disk that the program did not use). */
static bool read_user(const struct process *p, uint64_t addr, void *buf, uint64_t n)
{
	for (char *to = buf; n;) {
		const struct page *pg = addr < KERN_BASE ? spt_find(&p->spt, PAGE_DOWN(addr)) : NULL;
		uint64_t skip = addr % PAGE, k = PAGE - skip < n ? PAGE - skip : n;
		if (!pg || !pg->frame)
			return false;
		memcpy(to, (const char *)frame_data(pg->frame) + skip, k);
		to += k, addr += k, n -= k;
	}
	return true;
}

/* The return addresses of the frames above the fault, through saved frame pointers
 * starting at rbp. Stops at a frame that is not resident, a null return address, or a
 * frame pointer that does not move up the stack. */
static void walk_frames(const struct process *p, uint64_t rbp, struct evidence *ev)
{
	uint64_t frame[2]; /* saved rbp, return address */
	while (ev->frames < BACKTRACE_MAX && rbp % 8 == 0 && read_user(p, rbp, frame, sizeof frame) &&
	       frame[1]) {
		ev->ret[ev->frames++] = frame[1];
		if (frame[0] <= rbp)
			break;
		rbp = frame[0];
	}
}

static void gather(const struct process *p, const struct crash *c, struct evidence *ev)
{
	*ev = (struct evidence){ 0, { 0, 0 }, { 0 }, 0 };
	const struct area *code = c->rip < KERN_BASE ? area_find(p, c->rip) : NULL;
	if (!code || !code->exec) /* a call to a bad address: its return address names the caller */
		read_user(p, c->rsp, &ev->caller, sizeof ev->caller);
	read_user(p, c->rip, ev->op, sizeof ev->op);
	uint64_t regs[4] = { 0, 0, 0, 0 }; /* rbp stays 0 (no walk) if it cannot be read */
	thread_read_regs(p->thread, regs);
	walk_frames(p, regs[2], ev);
}

/* What the memory of each kind of area is, for a sentence. */
static const char *const area_words[VM_KINDS] = {
	[VM_CODE] = "the executable", [VM_DATA] = "the executable's data",
	[VM_BSS] = "the executable's data", [VM_HEAP] = "zero-fill memory",
	[VM_STACK] = "the stack", [VM_MMAP] = "an mmap'd file",
};

/* The mmap that ends at most 16 pages below addr, or NULL. */
static const struct area *mapping_below(const struct process *p, uint64_t addr)
{
	for (const struct area *a = p->areas; a; a = a->next)
		if (a->kind == VM_MMAP && addr >= a->end && addr - a->end < 16 * PAGE)
			return a;
	return NULL;
}

/* The rule of the page fault c, in words, into why. */
static void why_page(const struct process *p, const struct crash *c, char *why, size_t n)
{
	uint64_t addr = c->addr;
	const struct area *a = addr < KERN_BASE ? area_find(p, addr) : NULL;
	const struct area *m = mapping_below(p, addr);
	switch (c->kill) {
	case RULE_KERNEL_HALF:
		fmt_snprintf(why, n, "0x%lx is in the kernel's half: no program may touch it", addr);
		break;
	case RULE_READ_ONLY:
		fmt_snprintf(why, n, "write to a read-only page of %s", a ? area_words[a->kind] : "?");
		break;
	case RULE_NOT_EXEC:
		fmt_snprintf(why, n, "execution of %s: its pages are not executable",
			     a ? area_words[a->kind] : "?");
		break;
	case RULE_BELOW_STACK:
		fmt_snprintf(why, n, "below the stack: only rsp-8 and above grows the stack, rsp "
			     "was 0x%lx", c->rsp);
		break;
	case RULE_STACK_LIMIT:
		fmt_snprintf(why, n, "stack limit of %lu MiB reached: rsp was 0x%lx",
			     (uint64_t)(STACK_LIMIT >> 20), c->rsp);
		break;
	case RULE_NO_PAGE_ROOM:
		fmt_snprintf(why, n, "the pager is out of memory for the page's record (the process "
			     "has %lu)", p->spt.count);
		break;
	case RULE_NO_MEMORY:
		fmt_snprintf(why, n, "out of memory: no frame could be freed for the page");
		break;
	case RULE_IO_ERROR:
		fmt_snprintf(why, n, "the disk failed to read the page in");
		break;
	case RULE_NO_MAPPING:
	case RULE_NONE:
		if (m)
			fmt_snprintf(why, n, "mmap'd file page beyond the mapping at 0x%lx-0x%lx",
				     m->start, m->end);
		else
			fmt_snprintf(why, n, "0x%lx is in no mapping", addr);
		break;
	}
}

/* Why a #GP, from the instruction at rip (op: its first bytes). */
static void why_gp(const struct crash *c, const uint8_t op[2], char *why, size_t n)
{
	if (c->error)
		fmt_snprintf(why, n, "segment selector 0x%lx refused", c->error);
	else if (op[0] == 0xf4)
		fmt_snprintf(why, n, "hlt is a privileged instruction");
	else if (op[0] == 0xfa || op[0] == 0xfb)
		fmt_snprintf(why, n, "%s needs I/O privilege, which programs lack", op[0] == 0xfa ? "cli" : "sti");
	else if ((op[0] >= 0xe4 && op[0] <= 0xe7) || (op[0] >= 0xec && op[0] <= 0xef))
		fmt_snprintf(why, n, "in/out: programs have no I/O ports");
	else if (op[0] == 0x0f && (op[1] == 0x01 || (op[1] >= 0x20 && op[1] <= 0x23) ||
				   op[1] == 0x30 || op[1] == 0x32))
		fmt_snprintf(why, n, "a system instruction only the kernel may run");
	else
		fmt_snprintf(why, n, "an address that is not canonical (bits 63..47 differ), or a "
			     "privileged instruction");
}

/* Exceptions a program can raise: name and cause (NULL: why_gp tells). */
static const struct {
	uint64_t vector;
	const char *name, *why;
} exceptions[] = {
	{ 0, "divide error (#DE)", "an integer division by zero, or a quotient too large for "
				   "its register" },
	{ 1, "debug exception (#DB)", "a single step or a hardware breakpoint nobody handles" },
	{ 3, "breakpoint (#BP)", "an int3 instruction nobody handles" },
	{ 4, "overflow (#OF)", "into with the overflow flag set" },
	{ 5, "bound range exceeded (#BR)", "an index outside the bounds of a bound instruction" },
	{ 6, "invalid opcode (#UD)", "the bytes at rip are no instruction this CPU runs (ud2, "
				     "or data run as code)" },
	{ 7, "device not available (#NM)", "an FPU instruction with the FPU off" },
	{ 13, "general protection (#GP)", NULL },
	{ 16, "x87 floating-point error (#MF)", "an unmasked x87 floating-point exception" },
	{ 17, "alignment check (#AC)", "an unaligned access with alignment checking on" },
	{ 19, "SIMD floating-point exception (#XM)", "an unmasked SSE floating-point exception" },
};

/* What happened (short, for the summary too) and why, for c. */
static void describe(const struct process *p, const struct crash *c, const struct evidence *ev,
		     char *what, char *why)
{
	if (c->page) {
		const char *access = (c->error & PF_ERR_FETCH) ? "exec of" :
				     (c->error & PF_ERR_WRITE) ? "write to" : "read of";
		fmt_snprintf(what, WHY_MAX, "%s 0x%lx", access, c->addr);
		why_page(p, c, why, WHY_MAX);
		return;
	}
	fmt_snprintf(what, WHY_MAX, "exception %lu", c->addr);
	fmt_snprintf(why, WHY_MAX, "no handler for it");
	for (unsigned i = 0; i < sizeof exceptions / sizeof exceptions[0]; i++) {
		if (exceptions[i].vector != c->addr)
			continue;
		fmt_snprintf(what, WHY_MAX, "%s", exceptions[i].name);
		if (exceptions[i].why)
			fmt_snprintf(why, WHY_MAX, "%s", exceptions[i].why);
		else
			why_gp(c, ev->op, why, WHY_MAX);
		break;
	}
}

/* The stack line: the innermost function (first), then each caller; a run of equal
 * callers (recursion) is written once with its count; "<- ..." when the walk stopped
 * at BACKTRACE_MAX frames. */
static void stack_line(const struct symbols *syms, const char *first,
		       const struct evidence *ev, char *line, size_t size)
{
	size_t at = fmt_snprintf(line, size, "  stack: %s", first);
	for (unsigned i = 0; i < ev->frames && at < size; i++) {
		unsigned same = 1;
		while (i + same < ev->frames && ev->ret[i + same] == ev->ret[i])
			same++;
		char name[NAME_MAX];
		symbols_name(syms, ev->ret[i], name, sizeof name);
		at += same > 1 ? fmt_snprintf(line + at, size - at, " <- %s x%u", name, same) :
				 fmt_snprintf(line + at, size - at, " <- %s", name);
		i += same - 1;
	}
	if (ev->frames == BACKTRACE_MAX && at < size)
		fmt_snprintf(line + at, size - at, " <- ...");
}

void crash_report(struct process *p, const struct crash *c)
{
	struct evidence ev;
	gather(p, c, &ev);
	struct symbols syms;
	symbols_load(p->exe, &syms);
	char what[WHY_MAX], why[WHY_MAX], where[NAME_MAX], called[NAME_MAX] = "";
	char line[REPORT_TEXT_MAX];
	describe(p, c, &ev, what, why);
	bool named = symbols_name(&syms, c->rip, where, sizeof where);
	if (ev.caller)
		symbols_name(&syms, ev.caller, called, sizeof called);
	report_line("crash: %s (pid %d, running %s) killed by %s", p->name, p->pid,
		    p->exe ? p->exe->path : "?", c->page ? "a page fault" : "an exception");
	if (c->page)
		report_line("  what:  %s, page %s", what,
			    (c->error & PF_ERR_PRESENT) ? "present (protection)" : "not present");
	else
		report_line("  what:  %s", what);
	report_line("  where: rip 0x%lx%s%s%s%s", c->rip, named ? " " : "", named ? where : "",
		    called[0] ? ", called from " : "", called);
	report_line("  why:   %s", why);
	stack_line(&syms, called[0] ? called : where, &ev, line, sizeof line);
	report_line("%s", line);
	symbols_free(&syms);
	fmt_snprintf(p->crash, sizeof p->crash, "%s: killed: %s at %s: %s", p->name, what,
		     called[0] ? called : where, why);
	p->killed = true;
	trace_event(p, "crash", "%s", p->crash);
}

void crash_note(struct process *p, const char *why)
{
	fmt_snprintf(p->crash, sizeof p->crash, "%s: killed: %s", p->name, why);
	report_line("crash: %s (pid %d) killed: %s", p->name, p->pid, why);
	p->killed = true;
	trace_event(p, "crash", "%s", p->crash);
}
