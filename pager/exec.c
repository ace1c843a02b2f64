/* Loading a program: the ELF headers are read and checked, every segment becomes areas
 * of lazy pages (nothing of the file is read into memory until touched), the first
 * stack page is built with the arguments, and a new thread starts at the entry
 * with rdi = argc and rsi = argv. A program that cannot be loaded gets one console line
 * saying why, "load: NAME: open failed" or "load: NAME: what is wrong" (the form of
 * Pintos' loader); its caller then ends the process with -1. */
#include <string.h>

#include "console.h"
#include "elf_check.h"
#include "fmt.h"
#include "ops.h"
#include "pager.h"
#include "rootinfo.h"

#define ARGS_MAX 64

static uint8_t headers[PAGE]; /* the file's first bytes: ELF header and program headers */

/* Reads the next bytes [done, n) of fd into headers; false on a short read. */
static bool read_headers(int64_t fd, uint64_t done, uint64_t n)
{
	while (done < n) {
		uint64_t want = n - done < DISK_IO_MAX ? n - done : DISK_IO_MAX;
		int64_t got = disk_read(fd, headers + done, want);
		if (got <= 0)
			return false;
		done += (uint64_t)got;
	}
	return true;
}

/* Why the last check_headers refused its file (for the load line and the trace). */
static char why[96];

/* Reads and checks the headers of e (open as fd); NULL if the file is a program this
 * system can run, else what is wrong with it. */
static const char *check_headers(struct exe *e, int64_t fd)
{
	struct elf64_ehdr eh;
	memset(headers, 0, sizeof headers);
	if (e->size < sizeof eh || !read_headers(fd, 0, sizeof eh))
		return "shorter than an ELF header";
	memcpy(&eh, headers, sizeof eh);
	uint64_t end = eh.phoff + (uint64_t)eh.phnum * sizeof(struct elf64_phdr);
	if (eh.phoff > PAGE || end > PAGE || end > e->size || !read_headers(fd, sizeof eh, end))
		return "program headers outside its first page";
	struct elf_check c = elf_check_user(headers, e->size);
	if (c.err != ELF_OK) {
		elf_describe(&c, why, sizeof why);
		return why;
	}
	unsigned loads = 0;
	for (unsigned i = 0; i < eh.phnum; i++) {
		struct elf64_phdr ph;
		elf_phdr(headers, i, &ph);
		if (ph.type == PT_LOAD && ++loads > PROC_SEGS_MAX) {
			fmt_snprintf(why, sizeof why, "more than %d segments to load", PROC_SEGS_MAX);
			return why;
		}
		if (ph.type == PT_LOAD && ph.vaddr + ph.memsz > USER_STACK - STACK_LIMIT) {
			fmt_snprintf(why, sizeof why, "segment %u reaches the stack area", i);
			return why;
		}
	}
	return NULL;
}

/* A failed exec explains itself: one console line in the form of Pintos' loader,
 * "load: NAME: WHY" (WHY is "open failed" when the file cannot be opened), and the
 * trace event. Returns -1, for exec_load to return. */
static int load_failed(const struct process *p, const char *name, const char *reason)
{
	cprintf("load: %s: %s\n", name, reason);
	trace_event(p, "exec-fail", "%s: %s", name, reason);
	return -1;
}


/* Adds the areas of segment ph of p's executable: the pages holding bytes of the file
 * (code or data) and the pages of zeros after them (BSS). False when they meet another
 * segment's, or without memory. */
static bool add_segment(struct process *p, const struct elf64_phdr *ph)
{
	uint64_t start = PAGE_DOWN(ph->vaddr), end = PAGE_UP(ph->vaddr + ph->memsz);
	uint64_t file_top = PAGE_UP(ph->vaddr + ph->filesz), offset = PAGE_DOWN(ph->offset);
	bool writable = ph->flags & PF_W, exec = ph->flags & PF_X;
	struct area file = { start, file_top, exec ? VM_CODE : VM_DATA, &page_exe_ops, writable, exec,
			     offset, ph->offset + ph->filesz - offset, 0, NULL };
	struct area zeros = { file_top > start ? file_top : start, end, VM_BSS, &page_anon_ops, writable,
			      exec, 0, 0, 0, NULL };
	if ((file_top > start && !area_add(p, &file)) || (end > zeros.start && !area_add(p, &zeros)))
		return false;
	if (end > p->heap_start)
		p->heap_start = end;
	return true;
}

/* The packed arguments of line (n of them, each NUL-terminated, within size bytes) into
 * argv; returns argc (0 when they do not fit). */
static int unpack_args(char *line, size_t size, uint64_t n, char *argv[ARGS_MAX])
{
	int argc = 0;
	for (char *s = line; (uint64_t)argc < n && argc < ARGS_MAX && s < line + size; argc++) {
		argv[argc] = s;
		s += strnlen(s, (size_t)(line + size - s)) + 1;
		if (s > line + size)
			return 0;
	}
	return (uint64_t)argc == n ? argc : 0;
}

/* Splits cmdline (changed in place) at runs of spaces; returns argc (0: none). */
static int split_args(char *cmdline, char *argv[ARGS_MAX])
{
	int argc = 0;
	for (char *s = cmdline; *s && argc < ARGS_MAX;) {
		while (*s == ' ')
			*s++ = '\0';
		if (!*s)
			break;
		argv[argc++] = s;
		while (*s && *s != ' ')
			s++;
	}
	return argc;
}

/* Builds the first stack page of p (Pintos layout): the strings at the top, argv[] below
 * them (16-byte aligned, argv[argc] = NULL), then a fake return address at rsp, and maps
 * it; the stack area is added first. Returns false without memory (what was made stays
 * with p). */
static bool build_stack(struct process *p, int argc, char *argv[], uint64_t *rsp, uint64_t *uargv)
{
	struct area stack = { USER_STACK - STACK_LIMIT, USER_STACK, VM_STACK, &page_anon_ops, true, false,
			      0, 0, 0, NULL };
	struct area *a = area_add(p, &stack);
	struct page *pg = a ? area_page(p, a, USER_STACK - PAGE) : NULL;
	struct frame *f = pg ? frame_alloc(true) : NULL;
	if (!f)
		return false;
	frame_attach(f, pg);
	uint8_t *base = frame_data(f);
	uint64_t top = PAGE, ptrs[ARGS_MAX + 1];
	for (int i = argc - 1; i >= 0; i--) {
		uint64_t n = strlen(argv[i]) + 1;
		top -= n;
		memcpy(base + top, argv[i], n);
		ptrs[i] = USER_STACK - PAGE + top;
	}
	ptrs[argc] = 0;
	top -= (uint64_t)(argc + 1) * 8;
	top &= ~15ull; /* argv 16-byte aligned, so rsp + 8 is, as at any function's entry */
	memcpy(base + top, ptrs, (uint64_t)(argc + 1) * 8);
	*uargv = USER_STACK - PAGE + top;
	top -= 8; /* the fake return address, 0 */
	*rsp = USER_STACK - PAGE + top;
	return page_map(pg) == 0;
}

/* Maps p's I/O buffer in its address space; false without memory. */
static bool map_buffer(struct process *p)
{
	for (unsigned i = 0; i < DISK_BUFFER_PAGES; i++)
		if (vspace_map(p->vspace, p->io_frames[i], PROCESS_IO_ADDR + i * PAGE, RIGHT_READ | RIGHT_WRITE))
			return false;
	return true;
}

bool process_start(struct process *p, uint64_t rip, uint64_t rsp, uint64_t rdi, uint64_t rsi)
{
	p->thread = object_new_in(process_pool, OBJ_THREAD, 0);
	return p->thread && map_buffer(p) &&
	       !vspace_map(p->vspace, p->ipc_frame, PROCESS_IPC_ADDR, RIGHT_READ | RIGHT_WRITE) &&
	       !vspace_map(p->vspace, p->fd_frame, PROCESS_FD_ADDR, RIGHT_READ | RIGHT_WRITE) &&
	       !thread_configure(p->thread, p->vspace, p->captable, p->ipc_frame, PROCESS_IPC_ADDR) &&
	       !thread_set_fault(p->thread, p->fault_ep) &&
	       !thread_set_priority(p->thread, PRIO_PROCESS) &&
	       !thread_write_regs(p->thread, rip, rsp, rdi, rsi) && !thread_resume(p->thread);
}

int exec_load(struct process *p, const char *cmdline, uint64_t packed)
{
	char line[PAGER_STR_MAX], *argv[ARGS_MAX];
	if (packed) /* the whole of a PAGER_STR_MAX buffer: NULs inside */
		memcpy(line, cmdline, sizeof line);
	else
		strncpy(line, cmdline, sizeof line - 1);
	line[sizeof line - 1] = '\0';
	int argc = packed ? unpack_args(line, sizeof line, packed, argv) : split_args(line, argv);
	int64_t fd;
	const char *why = "open failed";
	/* A name with a '/' is a path from the working directory; a plain name is a program
	 * of the root directory, wherever the process works (a PATH of "/"). */
	uint64_t base = argc && strchr(argv[0], '/') ? (uint64_t)p->pid : 0;
	struct exe *e = argc ? exe_open(base, argv[0], &fd, &why) : NULL;
	if (!e)
		return load_failed(p, argc ? argv[0] : "", why);
	const char *wrong = check_headers(e, fd);
	disk_close(fd);
	if (wrong) {
		exe_put(e);
		return load_failed(p, argv[0], wrong);
	}
	bool ok = true;
	/* From here the old image is gone: a failure ends the process. */
	proc_drop_space(p);
	p->exe = e;
	p->heap_start = 0;
	p->vspace = object_new_in(process_pool, OBJ_VSPACE, 0);
	struct elf64_ehdr eh;
	memcpy(&eh, headers, sizeof eh);
	for (unsigned i = 0; i < eh.phnum && ok; i++) {
		struct elf64_phdr ph;
		elf_phdr(headers, i, &ph);
		if (ph.type == PT_LOAD)
			ok = add_segment(p, &ph);
	}
	p->brk = p->heap_start;
	uint64_t rsp, uargv;
	ok = ok && p->vspace && build_stack(p, argc, argv, &rsp, &uargv) &&
	     process_start(p, eh.entry, rsp, (uint64_t)argc, uargv);
	if (!ok)
		return load_failed(p, argv[0], "out of memory");
	if (p->console_raw)
		jobs_set_raw(p, false); /* a new program starts cooked */
	check_all_next();
	trace_event(p, "exec", "%s: ok", packed ? argv[0] : cmdline);
	return 0;
}
