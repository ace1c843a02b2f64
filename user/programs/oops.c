/* Crashes on purpose, the way its argument names, each way in a function of its own so
 * that the crash report's "where" and "stack" name it (tests/cases/crash-report-*):
 *   oops null | write-code | exec-data | kernel | stack-limit | below-stack | divide |
 *        opcode | privileged | past-mmap
 * Every way ends the process; "oops: survived" means one did not. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>

#define KERNEL_TEXT 0xffffffff80100000ull /* in the kernel's half (KERNEL_VBASE + 1 MiB) */
#define BELOW_STACK (64 * 1024)           /* well below rsp - 8, inside the stack area */
#define MMAP_ADDR ((char *)0x10000000)

static volatile int sink;
static unsigned char data_code[16] = { 0xc3 }; /* ret: code, but in a data page */

__attribute__((noinline)) static void read_null(void) { sink = *(volatile int *)NULL; }

__attribute__((noinline)) static void write_code(void)
{
	*(volatile unsigned char *)(uintptr_t)write_code = 0xc3;
}

/* The calls below are no tail calls (sink changes after them): the return address names
 * the caller. */
__attribute__((noinline)) static void exec_data(void)
{
	((void (*)(void))data_code)();
	sink++;
}

__attribute__((noinline)) static void jump_kernel(void)
{
	((void (*)(void))KERNEL_TEXT)();
	sink++;
}

/* Not a tail call (the sum uses the frame after the call), so every level keeps a
 * frame of over 1 KiB until the stack limit; the depth test only hides the endless
 * recursion from the compiler (no stack holds 2^31 frames). */
__attribute__((noinline)) static int recurse(int depth)
{
	volatile char pad[1024];
	pad[0] = (char)depth;
	return depth == INT32_MAX ? 0 : recurse(depth + 1) + pad[0];
}

static void stack_limit(void) { sink = recurse(0); }

__attribute__((noinline)) static void below_stack(void)
{
	uintptr_t rsp;
	__asm__ volatile("mov %%rsp, %0" : "=r"(rsp));
	*(volatile char *)(rsp - BELOW_STACK) = 1;
}

__attribute__((noinline)) static void divide(void)
{
	volatile int one = 1, zero = 0; /* both unknown: the division must be an idiv */
	sink = one / zero;
}

__attribute__((noinline)) static void bad_opcode(void) { __asm__ volatile("ud2"); }

__attribute__((noinline)) static void privileged(void) { __asm__ volatile("hlt"); }

/* Maps the first page of this program's own file and reads the page after it. */
__attribute__((noinline)) static void past_mmap(void)
{
	int fd = open("oops");
	if (fd < 0 || mmap(MMAP_ADDR, 4096, 0, fd, 0) != MMAP_ADDR)
		return;
	sink = MMAP_ADDR[4096];
}

static const struct {
	const char *name;
	void (*crash)(void);
} ways[] = {
	{ "null", read_null },     { "write-code", write_code }, { "exec-data", exec_data },
	{ "kernel", jump_kernel }, { "stack-limit", stack_limit }, { "below-stack", below_stack },
	{ "divide", divide },
	{ "opcode", bad_opcode },  { "privileged", privileged }, { "past-mmap", past_mmap },
};

int main(int argc, char **argv)
{
	for (unsigned i = 0; argc == 2 && i < sizeof ways / sizeof ways[0]; i++) {
		if (!strcmp(argv[1], ways[i].name)) {
			ways[i].crash();
			printf("oops: survived %s\n", argv[1]);
			return 1;
		}
	}
	printf("usage: oops null|write-code|exec-data|kernel|stack-limit|below-stack|divide|"
	       "opcode|privileged|past-mmap\n");
	return 2;
}
