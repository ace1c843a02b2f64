/* Threads of a user program: where each thread's stack and IPC buffer live, how a thread
 * learns its role, and how it ends. The root thread uses the kernel's fixed layout
 * (abi/rootinfo.h); every other thread owns one aligned "thread area":
 *   area base            its IPC buffer page
 *   base + 4 KiB ...     unmapped guard pages
 *   top - stack pages    its stack; rsp starts at top = base + THREAD_AREA_SIZE
 * so any code can find the running thread's IPC buffer from its stack pointer. */
#ifndef ULIB_UTHREAD_H
#define ULIB_UTHREAD_H

#include <stdint.h>

#include "rootinfo.h"
#include "syscall.h"

#define PAGE_SIZE 4096ull
#define THREAD_AREA_BASE 0x20000000ull
#define THREAD_AREA_SIZE 0x10000ull /* a power of two, so the base is rsp rounded down */
#define THREAD_AREAS 64             /* per address space */
#define THREAD_STACK_PAGES 8

/* A new thread starts at _start with rdi = START_WORD(role, self) and rsi = an argument;
 * self is the slot of its own thread capability in its table (used by thread_exit).
 * The root thread instead gets rdi = ROOT_INFO_ADDR, whose low 16 bits are 0. */
#define START_WORD(role, self) ((uint64_t)(role) | (uint64_t)(self) << 16)
#define START_ROLE(word) ((word) & 0xffff)
#define START_SELF(word) ((word) >> 16)
_Static_assert((ROOT_INFO_ADDR & 0xffff) == 0, "the root's start word is role 0");

/* The program's entry, called by _start (lib/crt0.c); must not return. */
void umain(uint64_t word, uint64_t arg) __attribute__((noreturn));

static inline uint64_t thread_area_base(unsigned area)
{
	return THREAD_AREA_BASE + (uint64_t)area * THREAD_AREA_SIZE;
}

static inline uint64_t stack_pointer(void)
{
	uint64_t sp;
	__asm__ volatile("mov %%rsp, %0" : "=r"(sp));
	return sp;
}

/* The running thread's IPC buffer. */
static inline struct ipc_buffer *ipc_buf(void)
{
	uint64_t sp = stack_pointer();
	if (sp <= USER_STACK && sp > USER_STACK - ROOT_STACK_PAGES * PAGE_SIZE)
		return (struct ipc_buffer *)ROOT_IPC_BUFFER_ADDR;
	return (struct ipc_buffer *)((sp - 1) & ~(THREAD_AREA_SIZE - 1));
}

/* Ends the calling thread by suspending it through its own capability self; it stays
 * THREAD_INACTIVE for its starter to see. */
void thread_exit(uint64_t self) __attribute__((noreturn));

#endif
