/* Freestanding printf formatting: no allocation, no floating point, output through a
 * per-character callback (fmt_vformat) or into a bounded buffer (fmt_vsnprintf). */
#include "fmt.h"

#include <stdbool.h>
#include <stdint.h>

#include "str.h"

struct out {
	fmt_putc_fn *putc;
	void *ctx;
	size_t len;
};

static void put(struct out *o, char c)
{
	o->putc(o->ctx, c);
	o->len++;
}

static void put_str(struct out *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put(o, s[i]);
}

static void put_fill(struct out *o, char c, size_t n)
{
	while (n--)
		put(o, c);
}

/* One conversion specification; prec < 0 means none was given. */
struct spec {
	bool left, plus, space, zero, alt, group;
	size_t width;
	int prec;
	char length; /* 0, or the modifier's letter; 'H' is hh and 'L' is ll */
	char conv;
};

/* Writes s[0..n) padded to the field width with spaces on the side the flags ask. */
static void put_field(struct out *o, const struct spec *sp, const char *s, size_t n)
{
	size_t fill = sp->width > n ? sp->width - n : 0;
	if (!sp->left)
		put_fill(o, ' ', fill);
	put_str(o, s, n);
	if (sp->left)
		put_fill(o, ' ', fill);
}

/* Writes the digits of v in base into the end of buf (size 32), with a ',' between
 * groups of three when group is set; returns the index of the first digit. */
static size_t digits(char *buf, uint64_t v, unsigned base, bool upper, bool group)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	size_t i = 32, n = 0;
	do {
		if (group && n > 0 && n % 3 == 0)
			buf[--i] = ',';
		buf[--i] = set[v % base];
		v /= base;
		n++;
	} while (v);
	return i;
}

/* Writes an integer conversion: sign or prefix, precision zeros, digits, padding. */
static void put_int(struct out *o, const struct spec *sp, uint64_t mag, bool neg)
{
	char buf[32];
	unsigned base = sp->conv == 'o' ? 8 : (sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p') ? 16 : 10;
	bool is_signed = sp->conv == 'd' || sp->conv == 'i';
	size_t start = 32, ndigits = 0;
	if (mag != 0 || sp->prec != 0) {
		start = digits(buf, mag, base, sp->conv == 'X', sp->group && base == 10);
		ndigits = 32 - start;
		for (size_t i = start; i < 32; i++)
			ndigits -= buf[i] == ',';
	}
	const char *prefix = "";
	if (neg)
		prefix = "-";
	else if (is_signed && sp->plus)
		prefix = "+";
	else if (is_signed && sp->space)
		prefix = " ";
	else if (sp->conv == 'p' || (sp->alt && mag != 0 && base == 16))
		prefix = sp->conv == 'X' ? "0X" : "0x";
	size_t zeros = sp->prec > 0 && (size_t)sp->prec > ndigits ? (size_t)sp->prec - ndigits : 0;
	if (sp->alt && sp->conv == 'o' && zeros == 0 && (ndigits == 0 || buf[start] != '0'))
		zeros = 1;
	size_t len = str_len(prefix) + zeros + (32 - start);
	if (sp->zero && !sp->left && sp->prec < 0 && sp->width > len) {
		zeros += sp->width - len;
		len = sp->width;
	}
	size_t fill = sp->width > len ? sp->width - len : 0;
	if (!sp->left)
		put_fill(o, ' ', fill);
	put_str(o, prefix, str_len(prefix));
	put_fill(o, '0', zeros);
	put_str(o, buf + start, 32 - start);
	if (sp->left)
		put_fill(o, ' ', fill);
}

/* Reads a signed integer argument of the spec's length, narrowed as C's printf does. */
static int64_t signed_arg(const struct spec *sp, va_list *ap)
{
	switch (sp->length) {
	case 'H':
		return (signed char)va_arg(*ap, int);
	case 'h':
		return (short)va_arg(*ap, int);
	case 'l':
		return va_arg(*ap, long);
	case 'L':
		return va_arg(*ap, long long);
	case 'z':
		return (int64_t)va_arg(*ap, size_t);
	case 't':
		return va_arg(*ap, ptrdiff_t);
	case 'j':
		return va_arg(*ap, intmax_t);
	default:
		return va_arg(*ap, int);
	}
}

static uint64_t unsigned_arg(const struct spec *sp, va_list *ap)
{
	switch (sp->length) {
	case 'H':
		return (unsigned char)va_arg(*ap, unsigned);
	case 'h':
		return (unsigned short)va_arg(*ap, unsigned);
	case 'l':
		return va_arg(*ap, unsigned long);
	case 'L':
		return va_arg(*ap, unsigned long long);
	case 'z':
		return va_arg(*ap, size_t);
	case 't':
		return (uint64_t)va_arg(*ap, ptrdiff_t);
	case 'j':
		return va_arg(*ap, uintmax_t);
	default:
		return va_arg(*ap, unsigned);
	}
}

static void put_conversion(struct out *o, const struct spec *sp, va_list *ap)
{
	switch (sp->conv) {
	case 'd':
	case 'i': {
		int64_t v = signed_arg(sp, ap);
		put_int(o, sp, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, v < 0);
		return;
	}
	case 'u':
	case 'o':
	case 'x':
	case 'X':
		put_int(o, sp, unsigned_arg(sp, ap), false);
		return;
	case 'p':
		put_int(o, sp, (uintptr_t)va_arg(*ap, void *), false);
		return;
	case 'c': {
		char c = (char)va_arg(*ap, int);
		put_field(o, sp, &c, 1);
		return;
	}
	case 's': {
		const char *s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		size_t n = 0;
		while ((sp->prec < 0 || n < (size_t)sp->prec) && s[n])
			n++;
		put_field(o, sp, s, n);
		return;
	}
	case '%':
		put(o, '%');
		return;
	default:
		put(o, '%');
		put(o, sp->conv);
	}
}

static unsigned parse_number(const char **fmt)
{
	unsigned n = 0;
	while (**fmt >= '0' && **fmt <= '9')
		n = n * 10 + (unsigned)(*(*fmt)++ - '0');
	return n;
}

/* Parses flags, width, precision and length after a '%'; leaves *fmt at the
 * conversion character. */
static void parse_spec(struct spec *sp, const char **fmt, va_list *ap)
{
	for (;; (*fmt)++) {
		char c = **fmt;
		if (c == '-')
			sp->left = true;
		else if (c == '+')
			sp->plus = true;
		else if (c == ' ')
			sp->space = true;
		else if (c == '0')
			sp->zero = true;
		else if (c == '#')
			sp->alt = true;
		else if (c == '\'')
			sp->group = true;
		else
			break;
	}
	if (**fmt == '*') {
		int w = va_arg(*ap, int);
		sp->left |= w < 0;
		sp->width = w < 0 ? (size_t)0 - (size_t)(int64_t)w : (size_t)w;
		(*fmt)++;
	} else {
		sp->width = parse_number(fmt);
	}
	sp->prec = -1;
	if (**fmt == '.') {
		(*fmt)++;
		if (**fmt == '*') {
			sp->prec = va_arg(*ap, int);
			(*fmt)++;
		} else {
			sp->prec = (int)parse_number(fmt);
		}
	}
	char c = **fmt;
	if (c == 'h' || c == 'l' || c == 'z' || c == 't' || c == 'j') {
		sp->length = c;
		(*fmt)++;
		if ((c == 'h' || c == 'l') && **fmt == c) {
			sp->length = c == 'h' ? 'H' : 'L';
			(*fmt)++;
		}
	}
}

size_t fmt_vformat(fmt_putc_fn *putc, void *ctx, const char *fmt, va_list ap)
{
	struct out o = { putc, ctx, 0 };
	va_list args;
	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt++;
		struct spec sp = { 0 };
		parse_spec(&sp, &fmt, &args);
		if (!*fmt)
			break;
		sp.conv = *fmt++;
		put_conversion(&o, &sp, &args);
	}
	va_end(args);
	return o.len;
}

struct buf_out {
	char *buf;
	size_t size;
	size_t len;
};

static void put_buf(void *ctx, char c)
{
	struct buf_out *b = ctx;
	if (b->len + 1 < b->size)
		b->buf[b->len] = c;
	b->len++;
}

size_t fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buf_out b = { buf, size, 0 };
	size_t n = fmt_vformat(put_buf, &b, fmt, ap);
	if (size > 0)
		buf[n < size ? n : size - 1] = '\0';
	return n;
}

size_t fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	size_t n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
