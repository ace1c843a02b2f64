/* stdlib.h: number parsing, abs, and qsort (heapsort: no heap, no recursion). */
#include <stdlib.h>

#include <ctype.h>
#include <limits.h>
#include <stdbool.h>

/* The value of c as a digit, or 36 when it is none. */
static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 36;
}

/* The common part of strtol and strtoul: white space, sign, base prefix, digits.
 * Returns the magnitude, saturated at ULONG_MAX with *overflow set. */
static unsigned long parse(const char *s, char **end, int base, bool *neg, bool *overflow)
{
	const char *p = s;
	*neg = false;
	*overflow = false;
	if (end)
		*end = (char *)s;
	if (base == 1 || base < 0 || base > 36)
		return 0;
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && tolower((unsigned char)p[1]) == 'x' &&
	    isxdigit((unsigned char)p[2])) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	const char *digits = p;
	unsigned long v = 0;
	for (int d; (d = digit_value((unsigned char)*p)) < base; p++) {
		if (v > (ULONG_MAX - (unsigned long)d) / (unsigned long)base)
			*overflow = true;
		v = *overflow ? ULONG_MAX : v * (unsigned long)base + (unsigned long)d;
	}
	if (end && p != digits)
		*end = (char *)p;
	return v;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
	bool neg, overflow;
	unsigned long mag = parse(s, end, base, &neg, &overflow);
	if (neg)
		return overflow || mag > (unsigned long)LONG_MAX + 1 ? LONG_MIN : (long)(0 - mag);
	return overflow || mag > LONG_MAX ? LONG_MAX : (long)mag;
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	bool neg, overflow;
	unsigned long mag = parse(s, end, base, &neg, &overflow);
	if (overflow)
		return ULONG_MAX;
	return neg ? 0 - mag : mag;
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

int abs(int v)
{
	return v < 0 ? -v : v;
}

long labs(long v)
{
	return v < 0 ? -v : v;
}

static void swap(unsigned char *a, unsigned char *b, size_t size)
{
	for (size_t i = 0; i < size; i++) {
		unsigned char t = a[i];
		a[i] = b[i];
		b[i] = t;
	}
}

/* Moves element i of the heap a[0..n) down until neither child is greater. */
static void sift_down(unsigned char *a, size_t i, size_t n, size_t size,
		      int (*cmp)(const void *, const void *))
{
	for (;;) {
		size_t big = i, l = 2 * i + 1, r = l + 1;
		if (l < n && cmp(a + l * size, a + big * size) > 0)
			big = l;
		if (r < n && cmp(a + r * size, a + big * size) > 0)
			big = r;
		if (big == i)
			return;
		swap(a + i * size, a + big * size, size);
		i = big;
	}
}

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	unsigned char *a = base;
	for (size_t i = n / 2; i-- > 0;)
		sift_down(a, i, n, size, cmp);
	for (size_t end = n; end > 1; end--) {
		swap(a, a + (end - 1) * size, size);
		sift_down(a, 0, end - 1, size, cmp);
	}
}
