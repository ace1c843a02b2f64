/* Minimal bounded string formatting for the loader's messages. Pure C with no UEFI
 * dependency, so the ELF checks that use it also build for host unit tests. */
#ifndef BOOT_FMT_H
#define BOOT_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* Formats into buf (size bytes, always NUL-terminated when size > 0), truncating
 * silently. Conversions: %s, %c, %u (unsigned), %llu and %llx (unsigned long long),
 * %% . Returns the length written, without the NUL. */
size_t fmt_format(char *buf, size_t size, const char *f, ...)
	__attribute__((format(printf, 3, 4)));

/* As fmt_format, with the arguments in a va_list. */
size_t fmt_vformat(char *buf, size_t size, const char *f, va_list ap)
	__attribute__((format(printf, 3, 0)));

#endif
