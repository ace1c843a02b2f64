/* Pintos-KAIST's debug.h for user programs: attribute shorthands, debug_backtrace, and
 * ASSERT, PANIC and NOT_REACHED, which print "User process ABORT at FILE:LINE in
 * FUNCTION(): MESSAGE" and exit with status 1 (with no call stack, unlike Pintos).
 * Programs written for Pintos include it (syscall.h and stdio.h do too). */
#ifndef PAGOS_LIBC_DEBUG_H
#define PAGOS_LIBC_DEBUG_H

#define UNUSED __attribute__((unused))
#define NO_RETURN __attribute__((noreturn))
#define NO_INLINE __attribute__((noinline))
#define PRINTF_FORMAT(FMT, FIRST) __attribute__((format(__printf__, FMT, FIRST)))

#define PANIC(...) debug_panic(__FILE__, __LINE__, __func__, __VA_ARGS__)

void debug_panic(const char *file, int line, const char *function, const char *message, ...)
	PRINTF_FORMAT(4, 5) NO_RETURN;
/* Prints the call stack as Pintos does: "Call stack:", then " 0x..." for the return
 * address of each frame on the frame-pointer chain (the caller's first), then ".\n".
 * The chain ends at a frame whose saved frame pointer is NULL (not printed), or after
 * a frame whose saved frame pointer does not lead up the stack. */
void debug_backtrace(void);

#endif

/* Like assert.h, ASSERT follows NDEBUG each time the header is included. */
#undef ASSERT
#undef NOT_REACHED
#ifdef NDEBUG
#define ASSERT(CONDITION) ((void)0)
#define NOT_REACHED() for (;;)
#else
#define ASSERT(CONDITION)                                                   \
	((CONDITION) ? (void)0 : PANIC("assertion `%s' failed.", #CONDITION))
#define NOT_REACHED() PANIC("executed an unreachable statement")
#endif
