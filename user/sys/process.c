/* Process calls of the system API, answered by the pager (abi/process.h). */
#include <string.h>

#include "fdtable.h"
#include "ipc.h"
#include "ops.h"
#include "pagos.h"
#include "syscall.h"

static int64_t pager(uint64_t label, uint64_t words, uint64_t a0, uint64_t a1, uint64_t *r1)
{
	const uint64_t a[4] = { a0, a1, 0, 0 };
	return ipc_call(PSLOT_PAGER, label, words, a, r1);
}

_Noreturn void halt(void)
{
	for (;;)
		pager(PG_HALT, 0, 0, 0, NULL);
}

_Noreturn void exit(int status)
{
	for (;;)
		pager(PG_EXIT, 1, (uint64_t)(int64_t)status, 0, NULL);
}

/* fork saves the registers a callee must keep on the stack and asks the pager for a
 * child that starts at fork_child with this stack pointer: the child's copy of the
 * stack holds the same saved registers, so both return from the same fork call, the
 * child with 0. */
pid_t fork_call(const char *name, uint64_t rsp);
void fork_child(void);
__asm__(".text\n"
	".globl fork\n"
	".type fork, @function\n"
	"fork:\n"
	"	push %rbp\n"
	"	push %rbx\n"
	"	push %r12\n"
	"	push %r13\n"
	"	push %r14\n"
	"	push %r15\n"
	"	mov %rsp, %rsi\n"
	"	sub $8, %rsp\n" /* keep the call 16-byte aligned */
	"	call fork_call\n"
	"	add $8, %rsp\n"
	"fork_return:\n"
	"	pop %r15\n"
	"	pop %r14\n"
	"	pop %r13\n"
	"	pop %r12\n"
	"	pop %rbx\n"
	"	pop %rbp\n"
	"	ret\n"
	".size fork, . - fork\n"
	".globl fork_child\n"
	"fork_child:\n"
	"	xor %eax, %eax\n"
	"	jmp fork_return\n");

pid_t fork_call(const char *name, uint64_t rsp)
{
	uint64_t words = ipc_put_string(name, PAGER_STR_MAX);
	if (!words)
		return PID_ERROR;
	const uint64_t a[4] = { (uint64_t)fork_child, rsp, 0, 0 };
	return (pid_t)ipc_call(PSLOT_PAGER, PG_FORK, words, a, NULL);
}

/* A command line the pager cannot take (PAGER_STR_MAX bytes or more) fails here, with the
 * load line the pager prints for any other failure: "load: NAME: command line too long"
 * (NAME, the first word, cut at LOAD_NAME_MAX bytes). */
#define LOAD_NAME_MAX 256
static void exec_too_long(const char *cmd_line)
{
	static const char pre[] = "load: ", post[] = ": command line too long\n";
	while (*cmd_line == ' ')
		cmd_line++;
	size_t name = 0;
	while (cmd_line[name] && cmd_line[name] != ' ' && name < LOAD_NAME_MAX)
		name++;
	char *out = (char *)proc_ipc()->words;
	memcpy(out, pre, sizeof pre - 1);
	memcpy(out + sizeof pre - 1, cmd_line, name);
	memcpy(out + sizeof pre - 1 + name, post, sizeof post - 1);
	console_write(PSLOT_CONSOLE, sizeof pre - 1 + name + sizeof post - 1);
}

int exec(const char *cmd_line)
{
	uint64_t words = ipc_put_string(cmd_line, PAGER_STR_MAX);
	if (words)
		pager(PG_EXEC, words, 0, 0, NULL); /* on failure the pager prints why and ends us */
	else
		exec_too_long(cmd_line);
	exit(-1);
}

int exec_argv(char *const argv[])
{
	char *packed = (char *)&proc_ipc()->mr[PAGER_STR_MR];
	uint64_t n = 0, argc = 0;
	for (; argv[argc]; argc++) {
		uint64_t len = strnlen(argv[argc], PAGER_STR_MAX) + 1;
		if (n + len > PAGER_STR_MAX) {
			exec_too_long(argv[0]);
			exit(-1);
		}
		memcpy(packed + n, argv[argc], len);
		n += len;
	}
	if (argc)
		pager(PG_EXEC, PAGER_STR_MR + (n + 7) / 8, argc, 0, NULL); /* see exec() */
	exit(-1);
}

int try_wait(pid_t pid, int *status)
{
	uint64_t done = 0;
	int r = (int)pager(PG_WAIT, 2, (uint64_t)(int64_t)pid, PAGER_WAIT_POLL, &done);
	if (done == PAGER_WAIT_UNKNOWN)
		return -1;
	if (done)
		*status = r;
	return done ? 1 : 0;
}

int wait(pid_t pid)
{
	for (;;) {
		uint64_t done = 0, word;
		int status = (int)pager(PG_WAIT, 1, (uint64_t)(int64_t)pid, 0, &done);
		if (done)
			return status;
		sys_wait(PSLOT_NOTIFY, &word); /* a child exited (or console input): ask again */
	}
}

void *mmap(void *addr, size_t length, int writable, int fd, off_t offset)
{
	int server;
	if (offset < 0 || fd_lookup(fd, &server) != FD_FILE)
		return MAP_FAILED; /* the console, or not open */
	proc_ipc()->mr[MSG_REG_WORDS] = (uint64_t)offset;
	const uint64_t a[4] = { (uint64_t)addr, length, (uint64_t)writable, (uint64_t)(int64_t)server };
	return (void *)ipc_call(PSLOT_PAGER, PG_MMAP, MSG_REG_WORDS + 1, a, NULL);
}

void munmap(void *addr)
{
	pager(PG_MUNMAP, 1, (uint64_t)addr, 0, NULL);
}

_Static_assert(CRASH_SUMMARY_MAX == PAGER_CRASH_SUMMARY_MAX, "pagos.h says the pager's size");

int crash_summary(pid_t pid, char *buf, unsigned size)
{
	int64_t n = pager(PG_CRASH_SUMMARY, 1, (uint64_t)(int64_t)pid, 0, NULL);
	if (n <= 0 || !size)
		return 0;
	uint64_t k = (uint64_t)n < size - 1 ? (uint64_t)n : size - 1;
	memcpy(buf, &proc_ipc()->mr[PAGER_STR_MR], k); /* buf is touched in user mode */
	buf[k] = '\0';
	return (int)n;
}

int kill(pid_t pid)
{
	return (int)pager(PG_KILL, 1, (uint64_t)(int64_t)pid, 0, NULL);
}

void console_raw(bool raw)
{
	pager(PG_CONSOLE_MODE, 1, raw, 0, NULL);
}
