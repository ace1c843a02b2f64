/* Freestanding printf formatting, shared by the loader, the kernel, the user C library
 * and host unit tests. */
#ifndef LIB_FMT_H
#define LIB_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* Receives formatted output one character at a time; ctx is the caller's. */
typedef void fmt_putc_fn(void *ctx, char c);

/* Formats fmt with the arguments in ap as C's printf does and passes each output
 * character, in order, to putc(ctx, c); returns the number of characters produced.
 * Conversions: %d %i %u %o %x %X %c %s %p %%; flags '-' '+' ' ' '0' '#' and '\''
 * (groups the digits of %d %i %u in threes with ','; precision zeros and '0' padding
 * are not grouped); a width and a precision, each digits or '*'; length modifiers
 * hh h l ll z t j. No floating point and no %n. %s of NULL prints "(null)"; %p prints
 * "0x" and the address in hex, also for NULL. An unknown conversion is copied
 * literally with its '%' (flags, width and modifiers dropped). */
size_t fmt_vformat(fmt_putc_fn *putc, void *ctx, const char *fmt, va_list ap);

/* Formats like vsnprintf into buf (see fmt_vformat for the conversions). Always
 * NUL-terminates when size > 0; returns the length the full output would have had. */
size_t fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) __attribute__((format(__printf__, 3, 0)));
size_t fmt_snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(__printf__, 3, 4)));

#endif
