/* Freestanding printf formatting, shared by the console and host unit tests. */
#ifndef KERNEL_KFMT_H
#define KERNEL_KFMT_H

#include <stdarg.h>
#include <stddef.h>

/* Formats like vsnprintf for %d %i %u %x %X %p %s %c %% with flags '-' '0', a width,
 * and length modifiers l, ll, z. Always NUL-terminates when size > 0; returns the
 * length the full output would have had. Unknown conversions are copied literally. */
size_t kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
size_t ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
