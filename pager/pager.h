/* The pager's shared declarations: processes, their supplemental page tables (SPT),
 * the frame table, page kinds behind ops tables, and the services each file provides.
 * The pager is one thread serving one request at a time (main.c), so nothing here
 * needs locking. */
#ifndef PAGER_H
#define PAGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "disk.h"
#include "elf64.h"
#include "poweroff.h"
#include "vminfo.h"
#include "process.h"

#define PAGE 4096ull
#define PAGE_DOWN(a) ((a) & ~(PAGE - 1))
#define PAGE_UP(a) PAGE_DOWN((a) + PAGE - 1)
#define KERNEL_HALF 0xffff800000000000ull /* the canonical higher half: the kernel's */
#define PROC_MAX 48       /* processes alive or waiting to be waited for */
#define PROC_NAME_MAX 32  /* bytes of a process name, NUL included */
#define PROC_PAGES_MAX 65536 /* pages (256 MiB) a process's areas may span, stack included */
#define PROC_SEGS_MAX 16  /* PT_LOAD segments of a program (exec refuses more) */
#define PROC_AREAS_MAX (2 * PROC_SEGS_MAX + 2 + PROC_MMAPS_MAX) /* file part and BSS per
			     segment, heap, stack, mmaps */
#define PROC_FIRST_ROOM 4 /* process slots only the first process's forks may take */
#define PROC_MMAPS_MAX DISK_MMAPS_PER_CLIENT /* mmaps a process may have at once */
#define PROC_JOB_MAX 40   /* processes of one job (a child of the first process and its
			     descendants): the first process keeps room to start others */
#define PRIO_PAGER 100    /* the pager (the root task's priority), above the disk server, above processes */
#define PRIO_DISK 90
#define PRIO_PROCESS 50
#define PRIO_COURIER 95     /* the pager's disk courier (disk.c): sends when the pager waits */
#define PRIO_DISK_ZEROER 10 /* the disk server's background zero fill: only when no process runs */
/* The start roles (uthread.h) of the pager's threads besides the one serving requests. */
enum pager_role { PAGER_ROLE_MAIN, PAGER_ROLE_COURIER, PAGER_ROLE_INTERRUPT };

struct page;
struct process;
struct area;

/* ---- frames (frame.c): every frame of user memory, its users and its contents ---- */

/* One frame: a capability in the pager's table, mapped in the pager at frame_data().
 * refs counts the pages (of any process) that hold it; rmap lists them. A frame with
 * refs 0 is free. */
struct frame {
	uint64_t slot;
	uint32_t refs;
	struct page *rmap;     /* pages holding the frame, linked by page.rmap_next */
	struct exe *cached_in; /* the executable whose read-only page cache holds it */
	uint32_t cache_index;
	uint32_t cache_bytes;  /* bytes of the file in it (the rest is zeros) */
	int64_t swap;          /* the swap slot holding the same bytes, or -1 (swap.c) */
	bool pinned;           /* in use by the request in progress: never evicted */
	bool referenced;       /* attached since the clock hand last passed (a page mapped
				  just now has not run yet: its accessed bit is still 0) */
};

/* Makes the frame table for at most budget frames (boot option mem=). */
void frame_init(uint64_t budget);
/* A frame with refs 0, all zero bytes (zero) or undefined bytes. When the budget or the
 * pool is spent, a frame is evicted for it (evict.c); NULL if none can be. */
struct frame *frame_alloc(bool zero);
/* pg now holds f (refs + 1, in f's reverse map). */
void frame_attach(struct frame *f, struct page *pg);
/* pg lets go of its frame (refs - 1); at refs 0 the frame is free again. */
void frame_detach(struct page *pg);
/* Gives back a frame from frame_alloc that no page took. */
void frame_discard(struct frame *f);
void *frame_data(const struct frame *f);
/* Copies the page of frame capability src into frame capability dst (frames outside the
 * table, such as a process's fd table page); false if either cannot be mapped. */
bool frame_copy_object(uint64_t dst, uint64_t src);
uint64_t frame_index(const struct frame *f);
uint64_t frames_in_use(void);
uint64_t frames_budget(void);
/* Every frame in the table, for the invariant checker. */
struct frame *frame_at(uint64_t i);
uint64_t frame_count(void);

/* ---- pages and their kinds ---- */

/* What a kind does; the only place that depends on the kind of a page.
 * frame_kind: how vmstat counts the frames its pages hold.
 * fault_in: give pg a frame holding its contents (pg->frame set, attached); returns 0,
 *   or -1 when memory or the disk fails; *outcome says what happened (on failure
 *   OUT_KILL_IO_ERROR if the disk failed, else it is left alone).
 * describe: fill the record pg of an untouched page from its area a (pg->u).
 * fork: make child's copy of the descriptor (child->u) from parent's; frames are
 *   shared by the caller.
 * destroy: last words before pg goes (write back a dirty file page, give back its swap
 *   slot); the caller detaches the frame afterwards.
 * evict: frame f, held by pages of this kind, must go: save what must be saved (to swap,
 *   or back to the file), unmap and detach every page holding it (f is then free), and
 *   remove the records of pages its area describes again (a file's clean pages).
 *   Returns what was done (EVICT_SWAP_OUT, EVICT_DROP, ...), or EVICT_OUTCOMES when it
 *   cannot be done (swap full, disk failure), with nothing changed. */
struct page_ops {
	enum vm_frame_kind frame_kind; /* what vmstat counts its frames as */
	int (*fault_in)(struct page *pg, enum fault_outcome *outcome);
	void (*describe)(struct page *pg, const struct area *a);
	void (*fork)(const struct page *parent, struct page *child);
	void (*destroy)(struct page *pg);
	enum evict_outcome (*evict)(struct frame *f);
};

struct exe;

/* One page of a process's address space. */
struct page {
	uint64_t addr;
	const struct page_ops *ops;
	struct process *proc;
	struct frame *frame;     /* NULL: not resident */
	struct page *rmap_next;  /* next holder of frame */
	struct page *hash_next;  /* next page of the same SPT bucket */
	bool writable;           /* the program may write it (copy-on-write if shared) */
	bool exec;
	bool mapped_writable;    /* the page table maps it writable now */
	bool dirty;              /* written since loaded (file pages: write back) */
	bool cow;                /* its frame was shared by fork since it was last written */
	int64_t slot;            /* anonymous: the swap slot holding its contents, or -1; a
				    page with a slot is mapped read-only, so the first write
				    gives the slot back */
	union {
		struct {
			struct exe *exe;
			uint64_t offset;     /* page-aligned offset in the file */
			uint32_t read_bytes; /* from the file; the rest is zeros */
		} exe;
		struct {
			const struct area *map; /* its mmap */
			uint64_t offset;
			uint32_t bytes;      /* inside the file at mapping time */
		} file;
	} u;
};

extern const struct page_ops page_anon_ops; /* zero-filled on first touch */
extern const struct page_ops page_exe_ops;  /* a segment page of the executable */
extern const struct page_ops page_file_ops; /* a page of an mmap */

/* ---- eviction (evict.c) and swap slots (swap.c) ---- */

/* Frees one frame by the clock; false if no frame can be evicted. */
bool evict_one(void);
/* Takes write access from every mapping of f, so its bytes hold still while eviction
 * saves them (processes run while the pager waits for the disk): a write now faults
 * and waits for the pager. */
void frame_write_protect(struct frame *f);
/* Removes pg's mapping (if its address space still exists). */
void page_unmap(struct page *pg);
void swap_init(void);
uint64_t swap_slots(void);
uint64_t swap_in_use(void);
uint32_t swap_refs(int64_t s);
/* A free slot (refs 0: hold it before anything else allocates), or -1 if all are used. */
int64_t swap_alloc(void);
void swap_hold(int64_t s);
/* One holder less; at 0 the slot is free and no frame mirrors it. */
void swap_put(int64_t s);
/* The frame mirroring slot s, or NULL; swap_mirror sets it (and f->swap). */
struct frame *swap_frame(int64_t s);
void swap_mirror(int64_t s, struct frame *f);
/* pg gives back its swap slot (the page was written: the slot is stale for it). */
void page_drop_slot(struct page *pg);

/* ---- the SPT (spt.c): a process's pages keyed by page address ---- */

struct spt {
	struct page **buckets;
	uint64_t nbuckets; /* a power of two */
	uint64_t count;
};

void spt_init(struct spt *t);
struct page *spt_find(const struct spt *t, uint64_t addr);
/* A new record for the page at addr (page aligned, with no record yet) of kind ops;
 * NULL without memory. */
struct page *spt_add(struct process *p, uint64_t addr, const struct page_ops *ops, bool writable);
/* Removes pg from its process's SPT (after ops->destroy, frame detached, unmapped from
 * the process); the record is kept for reuse by the next spt_add. */
void spt_remove(struct page *pg);
/* Calls fn for every page (fn may remove that page). */
void spt_each(struct spt *t, void (*fn)(struct page *pg, void *arg), void *arg);
void spt_free(struct spt *t);

/* ---- executables (exe.c): files being run, with their shared read-only pages ---- */

struct exe {
	char path[PAGER_STR_MAX];
	uint64_t file_id; /* disk server file id; writes denied while held */
	uint64_t file;    /* the file's identity (disk_reopen): the key of sharing */
	uint64_t size;
	unsigned users;   /* processes running it */
	uint32_t npages;
	struct frame **ro_pages; /* read-only pages in memory, shared by all users */
	struct exe *next;
};

/* The executable at path (relative to the working directory of disk client base, or to
 * the root for base 0), opened (or shared with those running it); *fd_out: an fd of the
 * pager's own on it, to read the headers. NULL when it cannot be had, and *why says
 * why: "open failed" (no such file, Pintos' words), or the real reason. */
struct exe *exe_open(uint64_t base, const char *path, int64_t *fd_out, const char **why);
void exe_put(struct exe *e);

/* ---- processes (process.c) ---- */

enum proc_state { PROC_FREE = 0, PROC_RUNNING, PROC_ZOMBIE };

/* ---- areas (area.c): the ranges of an address space, each page described once ---- */

/* A range of a process's address space: a segment of the executable, the heap, the
 * stack area or an mmap. It describes every page in it until the page is touched; only
 * then does the page get a record of its own in the SPT (ops->describe fills it from the
 * area), so an untouched page costs the pager nothing and a fork copies areas, not pages.
 * A page of the file part (code, data, mmap) at va holds the file's bytes from
 * offset + (va - start), up to file_bytes bytes past offset, then zeros. */
struct area {
	uint64_t start, end;        /* page aligned; the heap's end moves with sbrk */
	enum vm_region_kind kind;   /* what pmap calls it */
	const struct page_ops *ops; /* the kind of its pages */
	bool writable, exec;
	uint64_t offset, file_bytes; /* code, data, mmap: the file's bytes it shows */
	uint64_t file_id;            /* mmap: the disk server's id, held (mmap_hold) */
	struct area *next;           /* the process's areas in address order */
};

/* p's area holding addr, or NULL. */
struct area *area_find(const struct process *p, uint64_t addr);
/* True when [start, end) meets none of p's areas. */
bool area_range_free(const struct process *p, uint64_t start, uint64_t end);
/* Adds a copy of *a (next ignored) to p's areas; NULL without memory, when it would meet
 * another area, or when p's areas would pass PROC_PAGES_MAX pages. */
struct area *area_add(struct process *p, const struct area *a);
/* Removes area a of p and every page record in it (each destroyed: a dirty mmap page is
 * written back). */
void area_remove(struct process *p, struct area *a);
/* Forgets p's areas (their page records are gone already). */
void areas_free(struct process *p);
/* Moves the end of a (the last area below it must not be met) to end; false when the
 * range is taken or p would pass PROC_PAGES_MAX pages. */
bool area_grow(struct process *p, struct area *a, uint64_t end);
/* The file offset and file bytes (0..PAGE, the rest zeros) of the page at va of a. */
uint64_t area_file_page(const struct area *a, uint64_t va, uint32_t *bytes);
/* A new record for the untouched page at va of area a (p's), described by the area;
 * NULL without memory. */
struct page *area_page(struct process *p, const struct area *a, uint64_t va);
/* Pages in p's areas (its address space's size). */
uint64_t area_pages(const struct process *p);

struct process {
	enum proc_state state;
	int pid;
	int parent;              /* 0: none (the first process, or orphaned) */
	int job;                 /* its job: the pid of the child of the first process it
				    descends from (0: the first process itself) */
	int status;
	char name[PROC_NAME_MAX];
	uint64_t thread, vspace, captable, ipc_frame, notify, fault_ep; /* pager slots */
	uint64_t fd_frame;       /* the fd table page (abi/process.h), kept across exec */
	uint64_t io_frames[DISK_BUFFER_PAGES]; /* the I/O buffer (PROCESS_IO_ADDR), kept
						  across exec, lent to the disk server */
	struct spt spt;
	struct exe *exe;
	uint64_t heap_start, brk; /* the heap area is [heap_start, brk), if not empty */
	struct area *areas;       /* in address order */
	uint32_t outcomes[FAULT_OUTCOMES]; /* its fault decisions by outcome (trace_fault) */
	uint32_t evicted;        /* its pages the clock evicted */
	bool killed;             /* ended by the system (a fault), not by exit() */
	bool console_raw;        /* asked for raw console input for its job (jobs.c) */
	char crash[PAGER_CRASH_SUMMARY_MAX]; /* killed: the crash report's summary line */
	int waited_pid;          /* the child last waited for, and its summary if it */
	char waited_crash[PAGER_CRASH_SUMMARY_MAX]; /* was killed ("" if it exited) */
};

struct process *proc_find(int pid);
/* A fresh process with its capability table and IPC buffer, no address space yet;
 * NULL at PROC_MAX or without memory. */
struct process *proc_new(const char *name, int parent);
/* Ends p: prints "name: exit(status)", frees its memory, tells its parent; p stays a
 * zombie for a parent that may wait, and for the run's end if it is the first process. */
void proc_exit(struct process *p, int status);
/* Forgets p silently (a fork that failed half way). */
void proc_discard(struct process *p);
/* Drops p's address space, pages and mappings (exit and exec). */
void proc_drop_space(struct process *p);
/* Number of live processes; of process slots used (zombies too); of those in job. */
unsigned proc_live(void);
unsigned proc_used(void);
unsigned proc_job_size(int job);
/* Every process slot, for the checker. */
struct process *proc_at(unsigned i);
/* Answers wait(pid) from parent (see PG_WAIT); *done = false while it runs. */
int proc_wait(struct process *parent, int pid, bool *done);

/* ---- jobs and the console (jobs.c) ---- */

/* Makes the Ctrl-C thread and binds the kernel's Ctrl-C notification to it. */
void jobs_init(void);
/* The Ctrl-C thread's life: each Ctrl-C becomes a call badged PAGER_INTERRUPT_BADGE. */
_Noreturn void jobs_interrupt_thread(void);
/* Gives console input to job (the processes whose console capability carries that
 * badge; 0: the first process), cooked unless its first process asked for raw input:
 * the first process's, and while it waits for a child, that child's job (requests.c).
 * Reads from other processes fail. */
void proc_foreground(int job);
/* p asks for raw (true) or cooked console input for its job (PG_CONSOLE_MODE). */
void jobs_set_raw(struct process *p, bool raw);
/* p is ending: if it led the foreground job, the console goes back to the first process. */
void jobs_exited(const struct process *p);
/* Ctrl-C was typed in cooked mode (the Ctrl-C thread saw it at TSC typed): ends every
 * running process of the job now in the foreground if its input is still cooked (a
 * Ctrl-C that arrives after its job ended does not reach the shell), and says on the report channel how many and
 * how long after (under -icount a TSC cycle is a nanosecond of guest time). */
void jobs_interrupt(uint64_t typed);
/* PG_KILL: ends pid and its descendants (a job's first process: the whole job) with
 * -1 and a report line; 0, or -1 unless caller is the first process or an ancestor of
 * pid (not pid itself) and pid runs. For the first process, a pid that no longer runs
 * names its job: what is left of it ends. */
int jobs_kill(struct process *caller, int pid);

/* ---- loading (exec.c) ---- */

/* Replaces p's image with the program of cmdline (file name = first word; with packed
 * = argc > 0, cmdline holds that many NUL-terminated arguments, spaces and all, in
 * PAGER_STR_MAX bytes): a new address space with lazy pages, the arguments on the first
 * stack page, a new thread.
 * Returns 0; or, when the program cannot be loaded, prints "load: NAME: WHY" and returns
 * -1 (p's old image is intact unless WHY is "out of memory"): the caller ends p with -1. */
int exec_load(struct process *p, const char *cmdline, uint64_t packed);

/* Makes p's thread in its address space (p->vspace, with its IPC buffer and fd table
 * page mapped there) and starts it at rip with those registers; false without memory. */
bool process_start(struct process *p, uint64_t rip, uint64_t rsp, uint64_t rdi, uint64_t rsi);

/* ---- forking (fork.c) ---- */

/* A copy-on-write child of parent named name, started at rip/rsp with rdi = 0;
 * returns its pid or -1. */
int fork_process(struct process *parent, const char *name, uint64_t rip, uint64_t rsp);

/* ---- faults (fault.c) ---- */

/* Why a fault ends its process: the rule fault_handle applied (crash.c says it in
 * words); RULE_NONE: it does not. */
enum fault_rule {
	RULE_NONE = 0,
	RULE_NO_MAPPING,   /* no page there, and not stack growth */
	RULE_KERNEL_HALF,  /* an address of the kernel's half */
	RULE_READ_ONLY,    /* a write to a page the program may not write */
	RULE_NOT_EXEC,     /* an instruction fetch from a page without exec */
	RULE_BELOW_STACK,  /* in the stack area but below rsp - 8 */
	RULE_STACK_LIMIT,  /* at or above rsp - 8, but below the 1 MiB stack limit */
	RULE_NO_PAGE_ROOM, /* no memory for the page's record */
	RULE_NO_MEMORY,    /* no frame could be had for the page */
	RULE_IO_ERROR,     /* the disk failed to read it */
};

/* What to answer a faulting thread. */
struct fault_answer {
	enum fault_rule kill;
	bool map;
	uint64_t slot, addr_rights;
};
void fault_handle(struct process *p, uint64_t addr, uint64_t err, uint64_t rsp,
		  struct fault_answer *ans);
/* Maps pg's frame in its process, writable only when pg is writable and the frame is
 * not shared; records the rights. Returns the kernel's error. */
int64_t page_map(struct page *pg);
/* The rights page_map would use. */
uint32_t page_rights(const struct page *pg);

/* ---- crash reports (crash.c), program symbols (symbols.c), the report channel ---- */

/* A fault or exception that ends a process, as the kernel reported it. */
struct crash {
	bool page;            /* a page fault; else an exception */
	uint64_t addr;        /* page fault: the address; exception: the vector */
	uint64_t error;       /* the error code */
	uint64_t rip, rsp;
	enum fault_rule kill; /* page fault: the rule fault_handle applied */
};
/* Writes the crash report of c for p on the report channel, keeps its one-line
 * summary in p->crash and marks p killed; the caller then ends p with -1. */
void crash_report(struct process *p, const struct crash *c);
/* The same for a kill that is no fault of the program's: the one line "why". */
void crash_note(struct process *p, const char *why);

/* A program's symbol table, read from its executable's file. */
struct symbols {
	struct elf64_sym *syms;
	uint64_t count;
	char *strtab;
	uint64_t strsize;
};
/* Reads e's symbol table into s; an empty s (names become bare addresses) when e has
 * none, it is larger than 1 MiB, or the disk or memory fails. */
void symbols_load(const struct exe *e, struct symbols *s);
void symbols_free(struct symbols *s);
/* "name+0xOFFSET" of the symbol covering addr into out and true; "0xADDR" and false
 * when none covers it. */
bool symbols_name(const struct symbols *s, uint64_t addr, char *out, size_t size);

#define REPORT_TEXT_MAX 256 /* bytes of one report line, its newline included */
/* Finds COM2 and sets it up; without it, reports are dropped. */
void report_init(void);
/* Writes one line on the report channel (report.c), never on the console: the text of
 * fmt, cut to REPORT_TEXT_MAX - 1 bytes, and a newline. */
void report_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- mmap (mmap.c) ---- */

uint64_t mmap_do(struct process *p, uint64_t addr, uint64_t length, bool writable, int64_t fd,
		 uint64_t offset);
void munmap_do(struct process *p, uint64_t addr);
/* Removes p's mmaps (mmap_do), dirty pages written back and file ids let go. */
void mmap_drop_all(struct process *p);
/* One more holder of a file id (a forked mapping); released with the last. */
void mmap_hold(uint64_t file_id);

/* ---- the disk server (disk.c), with the pager's trusted client id ---- */

uint64_t disk_init(void); /* starts the server; returns its endpoint slot */
/* An fd of the pager's on path; a relative path starts at the working directory of
 * client base (0: the root). */
int64_t disk_open(uint64_t base, const char *path);
int64_t disk_read(int64_t fd, void *buf, uint64_t n);
int64_t disk_close(int64_t fd);
/* A file id for fd of client (a pid, or the pager), taken as how says (DISK_REOPEN_*
 * bits); *size = the file's size, *file = its identity (equal for every id of one file). */
int64_t disk_reopen(uint64_t client, int64_t fd, uint64_t how, uint64_t *size, uint64_t *file);
void disk_release(uint64_t file_id);
int64_t disk_page_read(uint64_t file_id, uint64_t offset, const struct frame *f);
int64_t disk_page_write(uint64_t file_id, uint64_t offset, uint64_t bytes, const struct frame *f);
int64_t disk_fork(uint64_t parent, uint64_t child); /* 0 or a DISK_E* code */
/* Lends the server page `page` of client id's I/O buffer, the frame in slot frame
 * (DISK_BUFFER); 0 or a DISK_E* code. */
int64_t disk_buffer(uint64_t id, uint64_t page, uint64_t frame);
#define EXITS_POSTED 64 /* exits the courier has yet to send; beyond, the pager sends */
/* Posts the exit of client (a pid): the courier thread sends it (in order) while the
 * pager goes on; pids are never reused, so a late exit closes nobody else's files. */
void disk_exit(uint64_t client);
/* The courier's loop (its thread runs the pager's entry with PAGER_ROLE_COURIER). */
_Noreturn void courier_main(void);
/* Everything on disk, the posted exits first (they close files): before power-off. */
void disk_sync(void);
int64_t disk_swap_slots(void);
int64_t disk_swap_read(int64_t slot, const struct frame *f);
int64_t disk_swap_write(int64_t slot, const struct frame *f);

/* ---- the pager's own capabilities (main.c, slots.c) ---- */

extern uint64_t pager_ep;    /* the endpoint processes call and fault on */
extern uint64_t disk_ep;     /* the disk server's endpoint (RIGHT_WRITE | GRANT) */
uint64_t slot_get(void);     /* a free slot of the pager's table, 0 if none */
void slot_put(uint64_t slot); /* deletes what the slot holds and frees it */
/* Creates an object of the pager's pool in a fresh slot; returns the slot or 0. */
uint64_t object_new(uint64_t type, uint64_t size);
/* The same from pool (a pool capability slot). */
uint64_t object_new_in(uint64_t pool, uint64_t type, uint64_t size);
/* The pool of every kernel object made for processes (threads, tables, address spaces
 * and their page tables, IPC and fd pages): a share of the kernel's memory that frames
 * and the pager's own memory cannot take, and that processes cannot take from them. */
extern uint64_t process_pool;

/* ---- tracing (trace.c) and the invariant checker (check.c) ---- */

extern bool trace_on;
/* Counts a fault decision of p (p->outcomes) and, when tracing, prints
 * "pager: pid N fault ACCESS 0xADDR -> OUTCOME [frames F/B swap S]". */
void trace_fault(struct process *p, uint64_t addr, uint64_t err, enum fault_outcome outcome);
/* Counts an eviction of a frame one of whose pages is p's page at addr (p->evicted,
 * evictions_total) and, when tracing, prints "pager: pid N evict 0xADDR -> HOW". */
void trace_evict(struct process *p, uint64_t addr, enum evict_outcome how);
/* Decisions since boot, by outcome: evictions; faults of processes that have ended
 * (proc_exit adds theirs; vmstat adds the live ones'). */
extern uint64_t faults_ended[FAULT_OUTCOMES], evictions_total[EVICT_OUTCOMES];
/* One trace line for a process event: "pager: pid N EVENT DETAIL [frames F/B swap S]". */
void trace_event(const struct process *p, const char *event, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

extern bool check_on;
/* Marks a frame whose references changed, for the check after this request. */
void check_touch(const struct frame *f);
/* Makes the check after this request a full one (a process ended). */
void check_all_next(void);
/* Checks the touched frames (all of them, and every SPT and swap slot, after
 * check_all_next or when too many were touched): refs == pages holding it, and a page
 * mapped writable holds a frame no one else holds. Panics (powers off with a report)
 * on a violation. */
void check_invariants(void);
/* Breaks an invariant on purpose for the checker's own test (check.c); true once done. */
bool check_selftest(const char *kind);

/* The memory queries (vminfo.c, abi/vminfo.h): PG_PS, PG_VMSTAT, PG_PMAP; each sets
 * *m to its reply and returns true. */
struct msg;
bool vm_ps(struct process *p, struct msg *m);
bool vm_stat(struct process *p, struct msg *m);
bool vm_pmap(struct process *p, struct msg *m);

/* Serves one system call of p (requests.c); true when *m is to be sent as the reply. */
struct msg;
bool request_serve(struct process *p, struct msg *m);
/* Makes the disks durable and powers the machine off (runtime.c). */
_Noreturn void pager_poweroff(enum poweroff_outcome outcome);
/* The first process (main.c): its end ends the run, so it stays a zombie after it. */
extern int first_pid;
/* Starts a thread of the pager's own at its entry, with role and priority (main.c: each
 * takes the next thread area); false without memory. */
bool pager_thread_start(enum pager_role role, uint64_t priority);
/* Slots from first on are the pager's (slots.c). */
void slots_init(uint64_t first);

/* Prints a report and powers off with failure: the pager's own state is broken. */
_Noreturn void pager_panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
