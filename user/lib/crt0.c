/* The entry point of every thread of a user program: the kernel (root task) or the
 * starter (thread_start) sets rdi and rsi; _start hands both to umain on an aligned stack. */
#include "uthread.h"

/* rsp is 16-byte aligned here, so the call leaves umain the alignment the ABI expects.
 * umain must not return: the ud2 makes a return a visible fault. */
__asm__(".text\n"
	".globl _start\n"
	".type _start, @function\n"
	"_start:\n"
	"	xor %ebp, %ebp\n"
	"	call umain\n"
	"	ud2\n"
	".size _start, . - _start\n");
