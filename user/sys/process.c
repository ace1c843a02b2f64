/* Process calls of the system API, answered by the pager (abi/process.h). */
#include <string.h>

#include "fdtable.h"
#include "ipc.h"
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

int exec(const char *cmd_line)
{
	uint64_t words = ipc_put_string(cmd_line, PAGER_STR_MAX);
	if (words)
		pager(PG_EXEC, words, 0, 0, NULL);
	exit(-1); /* the pager ends a process whose exec fails; a line too long ends here */
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
