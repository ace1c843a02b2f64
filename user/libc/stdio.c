/* stdio.h: the printf family over the shared formatter (lib/fmt.c); printf collects
 * output in a small buffer and writes it through libc_write in chunks. */
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
	int failed;
};

static void flush(struct chunk *c)
{
	if (c->len > 0 && libc_write(1, c->buf, c->len) != (long)c->len)
		c->failed = 1;
	c->len = 0;
}

static void put_chunk(void *ctx, char ch)
{
	struct chunk *c = ctx;
	c->buf[c->len++] = ch;
	if (c->len == PRINTF_CHUNK)
		flush(c);
}

int vprintf(const char *restrict fmt, va_list ap)
{
	struct chunk c = { .len = 0, .failed = 0 };
	size_t n = fmt_vformat(put_chunk, &c, fmt, ap);
	flush(&c);
	if (c.failed)
		return -1;
	return n > INT_MAX ? INT_MAX : (int)n;
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}
