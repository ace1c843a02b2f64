/* The system calls processes make to the pager (abi/process.h), one handler per label.
 * A handler returns true when the caller gets the reply in *m, false when it must get
 * none (the caller is gone: exit, exec, a kill). */
#include <string.h>

#include "ops.h"
#include "pager.h"
#include "uthread.h"

/* Copies the string of a request (from MR4, at most the words the tag carries) into
 * out, always NUL-terminated. */
static void request_string(const struct msg *m, char out[PAGER_STR_MAX])
{
	uint64_t words = MSG_WORDS(m->tag);
	uint64_t n = words > PAGER_STR_MR ? (words - PAGER_STR_MR) * 8 : 0;
	memcpy(out, &ipc_buf()->mr[PAGER_STR_MR], n);
	out[n < PAGER_STR_MAX ? n : PAGER_STR_MAX - 1] = '\0';
}

static void answer(struct msg *m, uint64_t r0, uint64_t r1)
{
	*m = (struct msg){ MSG_TAG(0, 2, 0), 0, { r0, r1, 0, 0 } };
}

static bool do_exit(struct process *p, struct msg *m)
{
	proc_exit(p, (int)m->mr[0]);
	return false;
}

static bool do_halt(struct process *p, struct msg *m)
{
	(void)m;
	report_line("end: halt() by %s (pid %d)", p->name, p->pid);
	pager_poweroff(POWEROFF_SUCCESS);
}

static bool do_fork(struct process *p, struct msg *m)
{
	char name[PAGER_STR_MAX];
	request_string(m, name);
	answer(m, (uint64_t)(int64_t)fork_process(p, name, m->mr[0], m->mr[1]), 0);
	return true;
}

static bool do_exec(struct process *p, struct msg *m)
{
	char cmdline[PAGER_STR_MAX];
	uint64_t words = MSG_WORDS(m->tag), n = words > PAGER_STR_MR ? (words - PAGER_STR_MR) * 8 : 0;
	memset(cmdline, 0, sizeof cmdline);
	memcpy(cmdline, &ipc_buf()->mr[PAGER_STR_MR], n < sizeof cmdline ? n : sizeof cmdline);
	if (exec_load(p, cmdline, m->mr[0]) != 0)
		proc_exit(p, -1);
	return false;
}

/* wait(pid). While the first process waits for a running child, the child's job owns
 * console input (a program the shell runs reads what is typed); otherwise the first
 * process does. A poll (try_wait) leaves the console where it is. */
static bool do_wait(struct process *p, struct msg *m)
{
	bool done;
	const struct process *c = proc_find((int)m->mr[0]);
	bool child = c && c->parent == p->pid;
	int status = proc_wait(p, (int)m->mr[0], &done);
	bool poll = MSG_WORDS(m->tag) > 1 && m->mr[1] == PAGER_WAIT_POLL;
	if (p->pid == first_pid && !poll)
		proc_foreground(done ? 0 : (int)m->mr[0]);
	answer(m, (uint64_t)(int64_t)status, !done ? 0 : child ? 1 : PAGER_WAIT_UNKNOWN);
	return true;
}

static bool do_mmap(struct process *p, struct msg *m)
{
	uint64_t offset = MSG_WORDS(m->tag) > 4 ? ipc_buf()->mr[4] : 0;
	answer(m, mmap_do(p, m->mr[0], m->mr[1], m->mr[2] != 0, (int64_t)m->mr[3], offset), 0);
	return true;
}

static bool do_munmap(struct process *p, struct msg *m)
{
	munmap_do(p, m->mr[0]);
	answer(m, 0, 0);
	return true;
}

/* The heap grows in whole pages of zero-fill memory after the program's last segment,
 * up to the stack area: its area grows (made at the first growth); no page is made
 * until touched. */
static bool do_sbrk(struct process *p, struct msg *m)
{
	uint64_t bytes = m->mr[0], old = p->brk;
	struct area *heap = old > p->heap_start ? area_find(p, old - 1) : NULL;
	struct area fresh = { old, old + bytes, VM_HEAP, &page_anon_ops, true, false, 0, 0, 0, NULL };
	bool ok = bytes % PAGE == 0 && bytes < USER_STACK && old + bytes <= USER_STACK - STACK_LIMIT;
	if (ok && bytes)
		ok = heap ? area_grow(p, heap, old + bytes) : area_add(p, &fresh) != NULL;
	if (ok)
		p->brk += bytes;
	answer(m, ok ? old : 0, 0);
	return true;
}

static bool do_kill(struct process *p, struct msg *m)
{
	answer(m, (uint64_t)(int64_t)jobs_kill(p, m->mr[0] <= INT32_MAX ? (int)m->mr[0] : 0), 0);
	return true;
}

static bool do_console_mode(struct process *p, struct msg *m)
{
	jobs_set_raw(p, m->mr[0] == 1);
	answer(m, 0, 0);
	return true;
}

_Static_assert(PAGER_CRASH_SUMMARY_MAX <= PAGER_STR_MAX, "a summary fits one reply");

static bool do_crash_summary(struct process *p, struct msg *m)
{
	const char *line = (int)m->mr[0] == p->waited_pid ? p->waited_crash : "";
	uint64_t n = strlen(line);
	memcpy(&ipc_buf()->mr[PAGER_STR_MR], line, n + 1);
	*m = (struct msg){ MSG_TAG(0, PAGER_STR_MR + (n + 8) / 8, 0), 0, { n, 0, 0, 0 } };
	return true;
}

static bool (*const handlers[PG_LABELS])(struct process *p, struct msg *m) = {
	[PG_EXIT] = do_exit,   [PG_HALT] = do_halt,   [PG_FORK] = do_fork,
	[PG_EXEC] = do_exec,   [PG_WAIT] = do_wait,   [PG_MMAP] = do_mmap,
	[PG_MUNMAP] = do_munmap, [PG_SBRK] = do_sbrk, [PG_CRASH_SUMMARY] = do_crash_summary,
	[PG_PS] = vm_ps, [PG_VMSTAT] = vm_stat, [PG_PMAP] = vm_pmap,
	[PG_KILL] = do_kill, [PG_CONSOLE_MODE] = do_console_mode,
};

bool request_serve(struct process *p, struct msg *m)
{
	uint64_t label = MSG_LABEL(m->tag);
	if (label >= PG_LABELS || !handlers[label]) {
		answer(m, (uint64_t)-1, 0);
		return true;
	}
	return handlers[label](p, m);
}
