/* The C library's formatted output: the printf family over lib/fmt.c (conversions
 * %d %i %u %o %x %X %c %s %p %% with flags - + space 0 # ', width and precision with
 * '*', and lengths hh h l ll z t j; see lib/fmt.h). No floating point, no FILE. */
#ifndef PAGOS_LIBC_STDIO_H
#define PAGOS_LIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)

/* Format into buf[size], always NUL-terminated when size > 0; return the length the
 * whole output would have had. sprintf assumes buf is big enough. */
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...) __attribute__((format(__printf__, 3, 4)));
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap) __attribute__((format(__printf__, 3, 0)));
int sprintf(char *restrict buf, const char *restrict fmt, ...) __attribute__((format(__printf__, 2, 3)));
/* Format to fd 1 through libc_write (libc_sys.h) in chunks; return the number of
 * characters formatted, or -1 if a write failed. */
int printf(const char *restrict fmt, ...) __attribute__((format(__printf__, 1, 2)));
int vprintf(const char *restrict fmt, va_list ap) __attribute__((format(__printf__, 1, 0)));

#endif
