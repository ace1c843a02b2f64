/* The pager: the root task. It starts the disk server, then the first process (the
 * program of the boot option run 'PROG ARGS', or the shell), and serves page faults and
 * system calls, one at a time, on one endpoint. Boot options: run 'PROG ARGS', trace=pager,
 * mem=SIZE (frames for user pages), nocheck (no invariant checks), check-selftest=refs|cow
 * (the checker's own test, check.c). */
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "fmt.h"
#include "objects.h"
#include "ops.h"
#include "pager.h"
#include "space.h"
#include "uthread.h"

#define OBJECTS_SLOTS 512 /* slots objects.h hands out: the disk server's start, the pager's threads */
/* process_pool: kernel objects of processes, enough for PROC_MAX of them at their most
 * (about 54 KiB of fixed objects, the 16 KiB I/O buffer, and page tables for 256 MiB of areas spread over the
 * address space: 128 tables for the pages, 3 per mmap and for the stack and the special
 * pages), so no process can leave another without memory for its page tables. */
#define PROCESS_KERNEL_MAX (820ull << 10)
#define FRAME_COST (PAGE + 256)    /* a frame and its kernel object */
/* Besides, the I/O buffers of processes that have exited, which the disk server holds
 * until the courier has sent their DISK_EXIT (at most EXITS_POSTED of them). */
#define PROCESS_POOL_BYTES \
	(PROC_MAX * PROCESS_KERNEL_MAX + EXITS_POSTED * DISK_BUFFER_PAGES * FRAME_COST)
#define KERNEL_RESERVE (12ull << 20) /* pool bytes kept besides: the pager's own memory */
#define SHELL "shell"

uint64_t pager_ep, disk_ep, process_pool;
int first_pid;
static const struct process *first; /* its record: it stays a zombie after its end */
static char selftest[CMDLINE_WORD_MAX]; /* check-selftest=KIND, until done */

/* Parses SIZE of mem= ("64M", "512K", "1G" or bytes) into frames; 0 if malformed. */
static uint64_t parse_size(const char *s)
{
	char *end;
	uint64_t n = strtoul(s, &end, 10);
	uint64_t unit = *end == 'K' ? 1ull << 10 : *end == 'M' ? 1ull << 20 : *end == 'G' ? 1ull << 30 : 1;
	if (end == s || (unit > 1 && end[1]) || (unit == 1 && *end))
		return 0;
	return n * unit / PAGE;
}

/* The frame budget: what the pool can pay for, or less with mem=. */
static uint64_t frame_budget(const char *cmdline)
{
	uint64_t free_bytes, quota;
	pool_info(SLOT_POOL, &free_bytes, &quota);
	uint64_t most = free_bytes > KERNEL_RESERVE ? (free_bytes - KERNEL_RESERVE) / FRAME_COST : 0;
	if (most > ROOT_CAPTABLE_SLOTS / 2 + ROOT_CAPTABLE_SLOTS / 4)
		most = ROOT_CAPTABLE_SLOTS / 2 + ROOT_CAPTABLE_SLOTS / 4;
	char value[CMDLINE_WORD_MAX];
	if (cmdline_value(cmdline, "mem", value, sizeof value)) {
		uint64_t frames = parse_size(value);
		if (!frames)
			pager_panic("mem=%s: expected a size such as 4M, 512K or 1G", value);
		if (frames < most)
			most = frames;
	}
	return most;
}

/* The program of the boot option run 'PROG ARGS' (or run='PROG ARGS') into line; false
 * when there is none. */
static bool run_option(const char *cmdline, char line[CMDLINE_WORD_MAX])
{
	char word[CMDLINE_WORD_MAX];
	const char *pos = cmdline;
	while (cmdline_next_word(&pos, word)) {
		if (!strcmp(word, "run"))
			return cmdline_next_word(&pos, line);
		if (!strncmp(word, "run=", 4)) {
			strcpy(line, word + 4);
			return true;
		}
	}
	return false;
}

/* Starts the first process: the program of run 'PROG ARGS', or the shell. */
static void start_first(const char *cmdline)
{
	char line[CMDLINE_WORD_MAX];
	if (!run_option(cmdline, line))
		strcpy(line, SHELL);
	char name[PROC_NAME_MAX];
	const char *space = strchr(line, ' ');
	size_t n = space ? (size_t)(space - line) : strlen(line);
	memcpy(name, line, n < PROC_NAME_MAX - 1 ? n : PROC_NAME_MAX - 1);
	name[n < PROC_NAME_MAX - 1 ? n : PROC_NAME_MAX - 1] = '\0';
	struct process *p = proc_new(name, 0);
	if (!p)
		pager_panic("cannot make the first process");
	first_pid = p->pid;
	first = p;
	proc_foreground(0); /* cooked: echo, and Ctrl-C ends it, until it asks for raw */
	if (exec_load(p, line, 0) != 0) /* it printed the load line */
		proc_exit(p, -1);    /* the run ends at once (umain) */
}

/* Ends the run once the first process p has ended (a zombie: proc_exit keeps it): says
 * how on the report channel, then powers off with success only for status 0. */
_Noreturn static void run_end(const struct process *p)
{
	if (p->killed)
		report_line("end: %s (pid %d) was killed", p->name, p->pid);
	else
		report_line("end: %s (pid %d) exited with status %d", p->name, p->pid, p->status);
	pager_poweroff(p->killed ? POWEROFF_KILLED : p->status ? POWEROFF_NONZERO : POWEROFF_SUCCESS);
}

static void init(void)
{
	const struct root_info *ri = (const struct root_info *)ROOT_INFO_ADDR;
	objects_init(SLOT_POOL, SLOT_VSPACE, ri->first_free_slot, ri->first_free_slot + OBJECTS_SLOTS);
	slots_init(ri->first_free_slot + OBJECTS_SLOTS);
	thread_set_priority(SLOT_THREAD, PRIO_PAGER);
	report_init();
	char trace[CMDLINE_WORD_MAX];
	trace_on = cmdline_value(ri->cmdline, "trace", trace, sizeof trace) && !strcmp(trace, "pager");
	check_on = !cmdline_flag(ri->cmdline, "nocheck");
	cmdline_value(ri->cmdline, "check-selftest", selftest, sizeof selftest);
	disk_ep = disk_init();
	swap_init();
	pager_ep = object_new(OBJ_ENDPOINT, 0);
	process_pool = object_new(OBJ_POOL, PROCESS_POOL_BYTES);
	if (!pager_ep || !process_pool)
		pager_panic("no memory for the pager's endpoint and the processes' pool");
	frame_init(frame_budget(ri->cmdline));
	jobs_init();
	start_first(ri->cmdline);
}

extern char _start[]; /* where every thread of the pager starts (crt0) */

bool pager_thread_start(enum pager_role role, uint64_t priority)
{
	static struct space own; /* its count of thread areas handed out */
	static bool ready;
	if (!ready) {
		space_self(&own);
		ready = true;
	}
	struct thread_spec spec = { role, 0, 0, priority, true, true };
	struct uthread t;
	return thread_start(&own, (uint64_t)_start, &spec, &t) == 0;
}

/* Answers a fault of p; false when p was killed (the reply is sent here, then p ends). */
static bool serve_fault(struct process *p, struct msg *m)
{
	struct fault_answer ans = { RULE_NONE, false, 0, 0 };
	bool page = MSG_LABEL(m->tag) == FAULT_PAGE;
	if (page)
		fault_handle(p, m->mr[0], m->mr[1], m->mr[3], &ans);
	else
		trace_event(p, "exception", "%lu at rip 0x%lx -> kill", m->mr[0], m->mr[2]);
	if (!page || ans.kill) {
		struct crash c = { page, m->mr[0], m->mr[1], m->mr[2], m->mr[3], ans.kill };
		crash_report(p, &c); /* before the reply: the thread's registers are still there */
		*m = (struct msg){ MSG_TAG(FAULT_REPLY_KILL, 1, 0), 0, { (uint64_t)-1, 0, 0, 0 } };
		sys_reply(m);
		proc_exit(p, -1);
		return false;
	}
	if (ans.map)
		*m = (struct msg){ MSG_TAG(FAULT_REPLY_MAP_RESUME, 3, 0), 0, { 1, ans.slot, ans.addr_rights, 0 } };
	else
		*m = (struct msg){ MSG_TAG(FAULT_REPLY_RESUME, 0, 0), 0, { 0, 0, 0, 0 } };
	return true;
}

/* The kernel refused the reply to the last request of pid (a fault reply whose mapping
 * failed, for lack of page-table memory): the caller still waits, so it gets a reply it
 * cannot refuse, and a faulting process dies with -1. */
static void reply_failed(int pid, bool fault, int64_t err)
{
	struct process *p = proc_find(pid);
	struct msg m = { MSG_TAG(fault ? FAULT_REPLY_KILL : 0, 1, 0), 0, { (uint64_t)-1, 0, 0, 0 } };
	sys_reply(&m);
	if (p && p->state == PROC_RUNNING && fault) {
		trace_event(p, "reply-failed", "error %ld -> kill", err);
		char why[64];
		fmt_snprintf(why, sizeof why, "no memory for its page tables (error %ld)", err);
		crash_note(p, why);
		proc_exit(p, -1);
	}
}

void umain(uint64_t word, uint64_t arg)
{
	(void)arg;
	if (START_ROLE(word) == PAGER_ROLE_INTERRUPT)
		jobs_interrupt_thread();
	if (START_ROLE(word) == PAGER_ROLE_COURIER)
		courier_main();
	init();
	struct msg m;
	bool reply = false, fault = false;
	int pid = 0;
	for (;;) {
		if (first->state != PROC_RUNNING) /* one load: this runs for every message */
			run_end(first);
		int64_t err = reply ? sys_reply_recv(pager_ep, &m) : sys_recv(pager_ep, &m);
		if (err) {
			if (reply && err != ERR_NO_CALLER) /* else the caller died meanwhile */
				reply_failed(pid, fault, err);
			reply = false;
			continue;
		}
		if (m.badge == PAGER_INTERRUPT_BADGE) { /* Ctrl-C: the thread waits for this reply */
			jobs_interrupt(m.mr[0]);
			m = (struct msg){ MSG_TAG(0, 0, 0), 0, { 0, 0, 0, 0 } };
			reply = true;
			fault = false;
			pid = 0;
			continue;
		}
		pid = (int)(m.badge & 0xffffffffu);
		fault = m.badge & PAGER_FAULT_BADGE;
		struct process *p = proc_find(pid);
		if (!p || p->state != PROC_RUNNING) {
			reply = false;
			continue;
		}
		reply = fault ? serve_fault(p, &m) : request_serve(p, &m);
		if (selftest[0] && check_selftest(selftest))
			selftest[0] = '\0';
		check_invariants();
	}
}
