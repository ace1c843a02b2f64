/* Processes: pids, parents, names, exit statuses and wait. A process is a thread in its
 * own address space with a small capability table (abi/process.h); the pager holds the
 * only capabilities to its thread and address space. An exited process stays as a
 * zombie until its parent waits for it or exits. */
#include <string.h>

#include "console.h"
#include "ops.h"
#include "pager.h"

static struct process procs[PROC_MAX];
static int next_pid = 1;

struct process *proc_find(int pid)
{
	for (unsigned i = 0; i < PROC_MAX; i++)
		if (procs[i].state != PROC_FREE && procs[i].pid == pid)
			return &procs[i];
	return NULL;
}

struct process *proc_at(unsigned i) { return i < PROC_MAX ? &procs[i] : NULL; }

unsigned proc_live(void)
{
	unsigned n = 0;
	for (unsigned i = 0; i < PROC_MAX; i++)
		n += procs[i].state == PROC_RUNNING;
	return n;
}

unsigned proc_used(void)
{
	unsigned n = 0;
	for (unsigned i = 0; i < PROC_MAX; i++)
		n += procs[i].state != PROC_FREE;
	return n;
}

unsigned proc_job_size(int job)
{
	unsigned n = 0;
	for (unsigned i = 0; i < PROC_MAX; i++)
		n += procs[i].state != PROC_FREE && procs[i].job == job;
	return n;
}

/* Frees the slots of p's kernel objects other than its address space and thread. The
 * disk server's copies of the I/O buffer frames keep them until it has p's DISK_EXIT. */
static void free_objects(struct process *p)
{
	uint64_t *slots[] = { &p->captable, &p->ipc_frame, &p->fd_frame, &p->notify, &p->fault_ep };
	for (unsigned i = 0; i < sizeof slots / sizeof slots[0]; i++) {
		if (*slots[i])
			slot_put(*slots[i]);
		*slots[i] = 0;
	}
	for (unsigned i = 0; i < DISK_BUFFER_PAGES; i++) {
		if (p->io_frames[i])
			slot_put(p->io_frames[i]);
		p->io_frames[i] = 0;
	}
}

/* Fresh frames for p's I/O buffer, each lent to the disk server; false without memory
 * (or when the server refuses them). */
static bool give_buffer(struct process *p)
{
	for (unsigned i = 0; i < DISK_BUFFER_PAGES; i++) {
		p->io_frames[i] = object_new_in(process_pool, OBJ_FRAME, 0);
		if (!p->io_frames[i] || disk_buffer((uint64_t)p->pid, i, p->io_frames[i]))
			return false;
	}
	return true;
}

/* Fills p's table: the pager and disk endpoints badged with its pid, its notification
 * (plain and console-badged), the console (badged with its job: it reads only while its
 * job is the foreground, proc_foreground). Keeps a child-badged copy of the
 * notification in p->notify. Returns false without memory or slots. */
static bool give_caps(struct process *p)
{
	uint64_t notification = object_new_in(process_pool, OBJ_NOTIFICATION, 0);
	uint64_t fault_ep = slot_get(), notify = slot_get();
	p->notify = notify;
	p->fault_ep = fault_ep;
	if (!notification || !fault_ep || !notify) {
		if (notification)
			slot_put(notification);
		return false;
	}
	uint64_t pid = (uint64_t)p->pid;
	bool ok = !cap_derive(pager_ep, fault_ep, RIGHT_WRITE, pid | PAGER_FAULT_BADGE) &&
		  !cap_derive(notification, notify, RIGHT_WRITE, NOTIFY_CHILD) &&
		  !captable_copy_in(p->captable, pager_ep, PSLOT_PAGER, RIGHT_WRITE, pid) &&
		  !captable_copy_in(p->captable, disk_ep, PSLOT_DISK, RIGHT_WRITE, pid) &&
		  !captable_copy_in(p->captable, notification, PSLOT_NOTIFY, RIGHTS_ALL, 0) &&
		  !captable_copy_in(p->captable, notification, PSLOT_NOTIFY_CONSOLE, RIGHTS_ALL,
				    NOTIFY_CONSOLE) &&
		  !captable_copy_in(p->captable, SLOT_CONSOLE, PSLOT_CONSOLE, RIGHT_READ | RIGHT_WRITE,
				    (uint64_t)p->job);
	slot_put(notification);
	return ok;
}

struct process *proc_new(const char *name, int parent)
{
	struct process *p = NULL;
	for (unsigned i = 0; i < PROC_MAX && !p; i++)
		if (procs[i].state == PROC_FREE)
			p = &procs[i];
	if (!p)
		return NULL;
	*p = (struct process){ .state = PROC_RUNNING, .pid = next_pid++, .parent = parent };
	const struct process *up = parent ? proc_find(parent) : NULL;
	p->job = !up ? 0 : parent == first_pid ? p->pid : up->job;
	strncpy(p->name, name, PROC_NAME_MAX - 1);
	spt_init(&p->spt);
	p->captable = object_new_in(process_pool, OBJ_CAPTABLE, PROCESS_SLOTS);
	p->ipc_frame = object_new_in(process_pool, OBJ_FRAME, 0);
	p->fd_frame = object_new_in(process_pool, OBJ_FRAME, 0);
	if (!p->captable || !p->ipc_frame || !p->fd_frame || !give_caps(p) || !give_buffer(p)) {
		disk_exit((uint64_t)p->pid);
		free_objects(p);
		p->state = PROC_FREE;
		return NULL;
	}
	return p;
}

static void drop_page(struct page *pg, void *arg)
{
	(void)arg;
	spt_remove(pg);
}

void proc_drop_space(struct process *p)
{
	/* The thread and address space go first: the kernel drops every mapping at once,
	 * and the pages below need no unmapping one by one. */
	if (p->thread)
		slot_put(p->thread);
	if (p->vspace)
		slot_put(p->vspace);
	p->thread = p->vspace = 0;
	mmap_drop_all(p);
	spt_each(&p->spt, drop_page, NULL);
	spt_free(&p->spt);
	areas_free(p);
	exe_put(p->exe);
	p->exe = NULL;
}

/* Forgets a process record for good. */
static void release(struct process *p)
{
	p->state = PROC_FREE;
	p->pid = 0;
}

void proc_exit(struct process *p, int status)
{
	jobs_exited(p);
	cprintf("%s: exit(%d)\n", p->name, status);
	uint64_t faults = 0; /* fault decisions: one per trace line */
	for (unsigned i = 0; i < FAULT_OUTCOMES; i++) {
		faults_ended[i] += p->outcomes[i];
		faults += p->outcomes[i];
	}
	proc_drop_space(p);
	trace_event(p, "exit", "%d (%lu faults; now %lu frames, %lu swap slots in use)", status,
		    faults, frames_in_use(), swap_in_use());
	disk_exit((uint64_t)p->pid);
	for (unsigned i = 0; i < PROC_MAX; i++) {
		struct process *c = &procs[i];
		if (c->state == PROC_FREE || c->parent != p->pid)
			continue;
		if (c->state == PROC_ZOMBIE)
			release(c);
		else
			c->parent = 0;
	}
	struct process *parent = p->parent ? proc_find(p->parent) : NULL;
	if (parent && parent->state == PROC_RUNNING)
		sys_signal(parent->notify);
	if ((parent && parent->state == PROC_RUNNING) || p->pid == first_pid) {
		p->state = PROC_ZOMBIE; /* the first process's end ends the run (main.c) */
		p->status = status;
	} else {
		release(p);
	}
	free_objects(p);
	check_all_next();
}

void proc_discard(struct process *p)
{
	proc_drop_space(p);
	disk_exit((uint64_t)p->pid);
	free_objects(p);
	release(p);
}

int proc_wait(struct process *parent, int pid, bool *done)
{
	struct process *c = proc_find(pid);
	*done = true;
	if (!c || c->parent != parent->pid)
		return -1;
	if (c->state == PROC_RUNNING) {
		*done = false;
		return 0;
	}
	int status = c->status;
	parent->waited_pid = pid;
	strcpy(parent->waited_crash, c->killed ? c->crash : "");
	release(c);
	return status;
}
