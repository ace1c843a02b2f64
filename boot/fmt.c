/* Minimal bounded string formatting for the loader's messages (see fmt.h). */
#include "fmt.h"

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len++] = c;
}

static void put_str(struct out *o, const char *s)
{
	if (!s)
		s = "(null)";
	while (*s)
		put(o, *s++);
}

static void put_num(struct out *o, unsigned long long v, unsigned base)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n)
		put(o, digits[--n]);
}

size_t fmt_vformat(char *buf, size_t size, const char *f, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *f; f++) {
		if (*f != '%') {
			put(&o, *f);
			continue;
		}
		f++;
		if (*f == 's')
			put_str(&o, va_arg(ap, const char *));
		else if (*f == 'c')
			put(&o, (char)va_arg(ap, int));
		else if (*f == 'u')
			put_num(&o, va_arg(ap, unsigned), 10);
		else if (f[0] == 'l' && f[1] == 'l' && (f[2] == 'u' || f[2] == 'x')) {
			put_num(&o, va_arg(ap, unsigned long long), f[2] == 'u' ? 10 : 16);
			f += 2;
		} else if (*f == '%')
			put(&o, '%');
		else
			break; /* unsupported conversion: stop rather than misread arguments */
	}
	if (size)
		o.buf[o.len] = '\0';
	return o.len;
}

size_t fmt_format(char *buf, size_t size, const char *f, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, f);
	n = fmt_vformat(buf, size, f, ap);
	va_end(ap);
	return n;
}
