/* The C library's output, as Pintos-KAIST's lib/stdio.h and lib/user/stdio.h declare it
 * (it brings in the same headers): the printf family over lib/fmt.c (conversions
 * %d %i %u %o %x %X %c %s %p %% with flags - + space 0 # ', width and precision with
 * '*', and lengths hh h l ll z t j; see lib/fmt.h), putchar, puts, hex_dump. No floating
 * point, no FILE. Output goes to a file descriptor through libc_write (libc_sys.h). */
#ifndef PAGOS_LIBC_STDIO_H
#define PAGOS_LIBC_STDIO_H

#include <debug.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EOF (-1)
#define STDIN_FILENO 0
#define STDOUT_FILENO 1

/* Format into buf[size], always NUL-terminated when size > 0; return the length the
 * whole output would have had. sprintf assumes buf is big enough. */
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...) PRINTF_FORMAT(3, 4);
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap) PRINTF_FORMAT(3, 0);
int sprintf(char *restrict buf, const char *restrict fmt, ...) PRINTF_FORMAT(2, 3);
/* Format to file descriptor fd (printf: STDOUT_FILENO), written in chunks of up to 128
 * bytes; return the number of characters formatted, or -1 if a write failed. */
int hprintf(int fd, const char *restrict fmt, ...) PRINTF_FORMAT(2, 3);
int vhprintf(int fd, const char *restrict fmt, va_list ap) PRINTF_FORMAT(2, 0);
int printf(const char *restrict fmt, ...) PRINTF_FORMAT(1, 2);
int vprintf(const char *restrict fmt, va_list ap) PRINTF_FORMAT(1, 0);

/* Writes the byte c to STDOUT_FILENO; returns c as given (as Pintos does), or EOF if
 * the write failed. */
int putchar(int c);
/* Writes s and a newline to STDOUT_FILENO in one write when it fits in a chunk;
 * returns 0, or EOF if a write failed. */
int puts(const char *s);

/* Pintos' hex dump of buf[0..size) to STDOUT_FILENO, whose first byte is at offset ofs.
 * Each line shows the bytes from one 16-byte-aligned offset: that offset as 16
 * lowercase hex digits, two spaces, then 16 columns, each a byte as two lowercase hex
 * digits followed by '-' after the 8th column and ' ' after the others; a column before
 * the first byte (ofs % 16 of them on the first line) is three spaces. With ascii, the
 * columns after the last byte are three spaces too, then come '|', one character per
 * column (the byte if printable, else '.'; a space for a column without a byte) and
 * '|'. Without ascii the line ends after the last byte's column. Then a newline; no
 * output at all when size is 0. Lines are written whole. hex_dump(5, "0123456789", 10,
 * true) prints this line (and a newline):
 * 0000000000000000                 30 31 32-33 34 35 36 37 38 39    |     0123456789 | */
void hex_dump(uintptr_t ofs, const void *buf, size_t size, bool ascii);
/* Prints size bytes as Pintos does, without a newline: "1 byte", else the size divided
 * by 1024 (rounding down) as long as it is at least 1024, up to 4 times, and its unit:
 * "bytes", "kB", "MB", "GB" or "TB" (e.g. "0 bytes", "1023 bytes", "3 MB"). */
void print_human_readable_size(uint64_t size);

#endif
