/* Freestanding printf formatting, shared by the loader, the kernel and host unit tests. */
#ifndef LIB_FMT_H
#define LIB_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* Formats like vsnprintf for %d %i %u %x %X %p %s %c %% with flags '-' '0', a width,
 * and length modifiers l, ll, z. Always NUL-terminates when size > 0; returns the
 * length the full output would have had. Unknown conversions are copied literally. */
size_t fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));
size_t fmt_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
