/* Freestanding printf formatting: no allocation, no floating point, bounded output. */
#include "fmt.h"

#include <stdbool.h>
#include <stdint.h>

#include "str.h"

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

struct spec {
	bool left;
	char pad;
	unsigned width;
};

static void put_padded(struct out *o, const struct spec *sp, const char *s, size_t n)
{
	size_t fill = sp->width > n ? sp->width - n : 0;
	if (!sp->left) {
		/* Zero padding goes after a sign so "-007" reads right. */
		if (sp->pad == '0' && n > 0 && s[0] == '-') {
			put(o, '-');
			s++;
			n--;
		}
		while (fill--)
			put(o, sp->pad);
	}
	for (size_t i = 0; i < n; i++)
		put(o, s[i]);
	if (sp->left)
		while (fill--)
			put(o, ' ');
}

static size_t utoa(char *tmp, uint64_t v, unsigned base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char rev[24];
	size_t n = 0;
	do {
		rev[n++] = digits[v % base];
		v /= base;
	} while (v);
	for (size_t i = 0; i < n; i++)
		tmp[i] = rev[n - 1 - i];
	return n;
}

/* Reads the argument for an integer conversion of the given length (0 int, 1 long,
 * 2 long long / size_t), sign-extended when is_signed. */
static uint64_t int_arg(va_list *ap, int length, bool is_signed)
{
	if (is_signed) {
		if (length == 0)
			return (uint64_t)(int64_t)va_arg(*ap, int);
		if (length == 1)
			return (uint64_t)(int64_t)va_arg(*ap, long);
		return (uint64_t)(int64_t)va_arg(*ap, long long);
	}
	if (length == 0)
		return va_arg(*ap, unsigned);
	if (length == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned long long);
}

static void put_conversion(struct out *o, struct spec *sp, char conv, int length, va_list *ap)
{
	char tmp[32];
	size_t n;
	switch (conv) {
	case 'd':
	case 'i': {
		int64_t v = (int64_t)int_arg(ap, length, true);
		uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
		n = 0;
		if (v < 0)
			tmp[n++] = '-';
		n += utoa(tmp + n, mag, 10, false);
		break;
	}
	case 'u':
		n = utoa(tmp, int_arg(ap, length, false), 10, false);
		break;
	case 'x':
	case 'X':
		n = utoa(tmp, int_arg(ap, length, false), 16, conv == 'X');
		break;
	case 'p':
		tmp[0] = '0';
		tmp[1] = 'x';
		n = 2 + utoa(tmp + 2, (uint64_t)(uintptr_t)va_arg(*ap, void *), 16, false);
		break;
	case 'c':
		tmp[0] = (char)va_arg(*ap, int);
		n = 1;
		break;
	case 's': {
		const char *s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		put_padded(o, sp, s, str_len(s));
		return;
	}
	default:
		tmp[0] = '%';
		tmp[1] = conv;
		n = 2;
		sp->width = 0;
		break;
	}
	put_padded(o, sp, tmp, n);
}

size_t fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	va_list args;
	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt++;
		if (*fmt == '%') {
			put(&o, *fmt++);
			continue;
		}
		struct spec sp = { false, ' ', 0 };
		for (;; fmt++) {
			if (*fmt == '-')
				sp.left = true;
			else if (*fmt == '0')
				sp.pad = '0';
			else
				break;
		}
		while (*fmt >= '0' && *fmt <= '9')
			sp.width = sp.width * 10 + (unsigned)(*fmt++ - '0');
		int length = 0;
		while (*fmt == 'l' || *fmt == 'z') {
			length = *fmt == 'z' ? 2 : length + 1;
			fmt++;
		}
		if (!*fmt)
			break;
		put_conversion(&o, &sp, *fmt++, length > 2 ? 2 : length, &args);
	}
	va_end(args);
	if (size > 0)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len;
}

size_t fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	size_t n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
