/* stdio.h: the printf family over the shared formatter (lib/fmt.c); hprintf collects
 * output in a small buffer and writes it through libc_write in chunks. Also putchar,
 * puts and Pintos' hex_dump and print_human_readable_size. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>

#include "fmt.h"
#include "libc_sys.h"

#define PRINTF_CHUNK 128

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
{
	size_t n = fmt_vsnprintf(buf, size, fmt, ap);
	return n > INT_MAX ? INT_MAX : (int)n;
}

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, (size_t)INT_MAX + 1, fmt, ap);
	va_end(ap);
	return n;
}

struct chunk {
	char buf[PRINTF_CHUNK];
	size_t len;
	int fd;
	bool failed;
};

static void flush(struct chunk *c)
{
	if (c->len > 0 && libc_write(c->fd, c->buf, c->len) != (long)c->len)
		c->failed = true;
	c->len = 0;
}

static void put_chunk(void *ctx, char ch)
{
	struct chunk *c = ctx;
	c->buf[c->len++] = ch;
	if (c->len == PRINTF_CHUNK)
		flush(c);
}

int vhprintf(int fd, const char *restrict fmt, va_list ap)
{
	struct chunk c = { .len = 0, .fd = fd, .failed = false };
	size_t n = fmt_vformat(put_chunk, &c, fmt, ap);
	flush(&c);
	if (c.failed)
		return -1;
	return n > INT_MAX ? INT_MAX : (int)n;
}

int hprintf(int fd, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vhprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vhprintf(STDOUT_FILENO, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int putchar(int c)
{
	unsigned char byte = (unsigned char)c;
	return libc_write(STDOUT_FILENO, &byte, 1) == 1 ? c : EOF;
}

int puts(const char *s)
{
	return printf("%s\n", s) < 0 ? EOF : 0;
}

#define DUMP_COLUMNS 16
/* A dump line: offset, two spaces, 3 per column, and "|...|" and the newline. */
#define DUMP_LINE_MAX (16 + 2 + 3 * DUMP_COLUMNS + DUMP_COLUMNS + 3)

/* Writes one hex_dump line into line (DUMP_LINE_MAX bytes): the n bytes at buf fill
 * the columns from first on, on the line for offset base. Returns its length. */
static size_t dump_line(char *line, uintptr_t base, const unsigned char *buf, size_t first,
			size_t n, bool ascii)
{
	static const char hex[] = "0123456789abcdef";
	size_t len = 0;
	for (int shift = 60; shift >= 0; shift -= 4)
		line[len++] = hex[(base >> shift) & 0xf];
	line[len++] = ' ';
	line[len++] = ' ';
	size_t columns = ascii ? DUMP_COLUMNS : first + n;
	for (size_t col = 0; col < columns; col++) {
		bool have = col >= first && col < first + n;
		line[len++] = have ? hex[buf[col - first] >> 4] : ' ';
		line[len++] = have ? hex[buf[col - first] & 0xf] : ' ';
		line[len++] = have && col == DUMP_COLUMNS / 2 - 1 ? '-' : ' ';
	}
	if (ascii) {
		line[len++] = '|';
		for (size_t col = 0; col < DUMP_COLUMNS; col++) {
			bool have = col >= first && col < first + n;
			unsigned char b = have ? buf[col - first] : ' ';
			line[len++] = isprint(b) ? (char)b : '.';
		}
		line[len++] = '|';
	}
	line[len++] = '\n';
	return len;
}

void hex_dump(uintptr_t ofs, const void *buf, size_t size, bool ascii)
{
	const unsigned char *p = buf;
	while (size > 0) {
		size_t first = ofs % DUMP_COLUMNS;
		size_t n = DUMP_COLUMNS - first < size ? DUMP_COLUMNS - first : size;
		char line[DUMP_LINE_MAX];
		libc_write(STDOUT_FILENO, line, dump_line(line, ofs - first, p, first, n, ascii));
		ofs += n;
		p += n;
		size -= n;
	}
}

void print_human_readable_size(uint64_t size)
{
	static const char *const units[] = { "bytes", "kB", "MB", "GB", "TB" };
	if (size == 1) {
		printf("1 byte");
		return;
	}
	size_t unit = 0;
	for (; size >= 1024 && unit + 1 < sizeof units / sizeof units[0]; unit++)
		size /= 1024;
	printf("%llu %s", (unsigned long long)size, units[unit]);
}
