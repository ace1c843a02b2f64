/* What the C library needs from the system layer under it: the runtime that links the
 * library defines these three functions (host unit tests define them too). */
#ifndef PAGOS_LIBC_SYS_H
#define PAGOS_LIBC_SYS_H

#include <stddef.h>

/* Returns bytes (a multiple of 16) of new writable memory aligned to 16, or NULL when
 * there is none; the heap never gives memory back. */
void *libc_morecore(size_t bytes);
/* Writes buf[0..n) to file descriptor fd; returns the bytes written or -1. */
long libc_write(int fd, const void *buf, size_t n);
/* Ends the program with status; does not return. */
_Noreturn void libc_exit(int status);

#endif
