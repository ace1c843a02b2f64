/* Jobs and the console: which job owns console input (the foreground), Ctrl-C, and kill.
 * A job is a child of the first process with all its descendants (p->job = its pid; the
 * first process is job 0). The first process owns the console, and while it waits for a
 * child, that child's job does. A job's input is cooked (the kernel echoes, and Ctrl-C
 * ends the job) unless its first process asked for raw input (the shell edits its own
 * line, and takes Ctrl-C as a byte). Ctrl-C reaches the pager through a second thread of
 * its own: it waits for the kernel's notification and calls the pager's endpoint like
 * any client, so the one thread serving requests sees it in turn and waits on nothing
 * else. */
#include "fmt.h"
#include "objects.h"
#include "ops.h"
#include "pager.h"
#include "uthread.h"

static int foreground;         /* the job owning console input; 0: the first process */
static bool cooked;            /* its input: echoed, Ctrl-C ends it (else raw) */
static uint64_t interrupt_ntfn; /* signalled by the kernel on Ctrl-C in cooked mode */
static uint64_t interrupt_ep;   /* the Ctrl-C thread's way to the pager: its badge */

static uint64_t tsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

/* The process whose console mode stands for job: its first process. */
static const struct process *job_head(int job)
{
	return job ? proc_find(job) : proc_find(first_pid);
}

void proc_foreground(int job)
{
	const struct process *head = job_head(job);
	uint64_t mode = head && head->console_raw ? 0 : CONSOLE_COOKED;
	if (!console_set_foreground(SLOT_CONSOLE, (uint64_t)job, mode)) {
		foreground = job;
		cooked = mode == CONSOLE_COOKED;
	}
}

void jobs_set_raw(struct process *p, bool raw)
{
	p->console_raw = raw;
	if (p->job == foreground)
		proc_foreground(foreground);
}

void jobs_exited(const struct process *p)
{
	if (p->pid == foreground)
		proc_foreground(0); /* before the exit line: what is typed after it is the shell's */
}

_Noreturn void jobs_interrupt_thread(void)
{
	for (;;) {
		uint64_t word;
		sys_wait(interrupt_ntfn, &word);
		struct msg m = { MSG_TAG(0, 1, 0), 0, { tsc(), 0, 0, 0 } };
		sys_call(interrupt_ep, &m);
	}
}

void jobs_init(void)
{
	interrupt_ntfn = object_new(OBJ_NOTIFICATION, 0);
	interrupt_ep = slot_get();
	if (!interrupt_ntfn || !interrupt_ep ||
	    cap_derive(pager_ep, interrupt_ep, RIGHT_WRITE, PAGER_INTERRUPT_BADGE) ||
	    console_set_interrupt(SLOT_CONSOLE, interrupt_ntfn) ||
	    !pager_thread_start(PAGER_ROLE_INTERRUPT, PRIO_PAGER))
		pager_panic("no memory for the Ctrl-C thread");
}

/* Ends running process p, killed for why (a report line, exit -1). */
static void end(struct process *p, const char *why)
{
	crash_note(p, why);
	proc_exit(p, -1);
}

/* Ends every running process of job (the first process for job 0); returns how many. */
static unsigned end_job(int job, const char *why)
{
	unsigned n = 0;
	for (unsigned i = 0; i < PROC_MAX; i++) {
		struct process *q = proc_at(i);
		if (q->state == PROC_RUNNING && (job ? q->job == job : q->pid == first_pid)) {
			end(q, why);
			n++;
		}
	}
	return n;
}

void jobs_interrupt(uint64_t typed)
{
	int job = foreground;
	if (!cooked)
		return; /* typed for a job that has ended since: the raw reader has the byte */
	unsigned n = end_job(job, "interrupted (Ctrl-C)");
	report_line("interrupt: Ctrl-C ended job %d (%u processes) after %lu TSC cycles", job, n,
		    tsc() - typed);
}

/* True if p descends from ancestor (through parents still known). */
static bool descends(const struct process *p, int ancestor)
{
	while (p && p->parent) {
		if (p->parent == ancestor)
			return true;
		p = proc_find(p->parent);
	}
	return false;
}

/* Ends p and its descendants; a job's first process takes its whole job. The doomed
 * are found first: an ending parent leaves its children without one. */
static void end_tree(struct process *p, const char *why)
{
	if (p->job == p->pid) {
		end_job(p->pid, why);
		return;
	}
	bool doomed[PROC_MAX];
	for (unsigned i = 0; i < PROC_MAX; i++)
		doomed[i] = proc_at(i)->state == PROC_RUNNING &&
			    (proc_at(i) == p || descends(proc_at(i), p->pid));
	for (unsigned i = 0; i < PROC_MAX; i++)
		if (doomed[i] && proc_at(i)->state == PROC_RUNNING)
			end(proc_at(i), why);
}

int jobs_kill(struct process *caller, int pid)
{
	struct process *p = proc_find(pid);
	bool leader = caller->pid == first_pid;
	char why[48];
	fmt_snprintf(why, sizeof why, "ended by kill from pid %d", caller->pid);
	if ((!p || p->state != PROC_RUNNING) && leader && pid > 0) /* the rest of a job */
		return end_job(pid, why) ? 0 : -1;
	if (!p || p == caller || p->state != PROC_RUNNING || (!leader && !descends(p, caller->pid)))
		return -1;
	end_tree(p, why);
	return 0;
}
