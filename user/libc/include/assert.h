/* assert(EXPR): unless NDEBUG is defined, prints "assertion failed: EXPR (file:line)"
 * and exits the program with status 1 when EXPR is false. Like C's assert.h, it may be
 * included again with NDEBUG changed. */
#undef assert
#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr) ((expr) ? (void)0 : libc_assert_fail(#expr, __FILE__, __LINE__))
#endif

#ifndef PAGOS_LIBC_ASSERT_H
#define PAGOS_LIBC_ASSERT_H

/* Prints the failure on fd 1 and calls libc_exit(1); does not return. */
_Noreturn void libc_assert_fail(const char *expr, const char *file, int line);

#endif
