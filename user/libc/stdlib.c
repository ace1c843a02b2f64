/* stdlib.h: number parsing, abs, sorting (heapsort: no heap, no recursion) and binary
 * search; and Pintos' random.h generator (RC4). */
#include <stdlib.h>

#include <ctype.h>
#include <limits.h>
#include <random.h>
#include <stdbool.h>
#include <stdint.h>

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
		      int (*cmp)(const void *, const void *, void *), void *aux)
{
	for (;;) {
		size_t big = i, l = 2 * i + 1, r = l + 1;
		if (l < n && cmp(a + l * size, a + big * size, aux) > 0)
			big = l;
		if (r < n && cmp(a + r * size, a + big * size, aux) > 0)
			big = r;
		if (big == i)
			return;
		swap(a + i * size, a + big * size, size);
		i = big;
	}
}

void sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *, void *aux),
	  void *aux)
{
	unsigned char *a = base;
	for (size_t i = n / 2; i-- > 0;)
		sift_down(a, i, n, size, cmp, aux);
	for (size_t end = n; end > 1; end--) {
		swap(a, a + (end - 1) * size, size);
		sift_down(a, 0, end - 1, size, cmp, aux);
	}
}

void *binary_search(const void *key, const void *base, size_t n, size_t size,
		    int (*cmp)(const void *, const void *, void *aux), void *aux)
{
	const unsigned char *a = base;
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp(key, a + mid * size, aux);
		if (c == 0)
			return (void *)(a + mid * size);
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* A C comparison function, passed through the aux of sort and binary_search. */
struct plain_cmp {
	int (*cmp)(const void *, const void *);
};

static int call_plain(const void *a, const void *b, void *aux)
{
	return ((const struct plain_cmp *)aux)->cmp(a, b);
}

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	struct plain_cmp plain = { cmp };
	sort(base, n, size, call_plain, &plain);
}

void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *))
{
	struct plain_cmp plain = { cmp };
	return binary_search(key, base, n, size, call_plain, &plain);
}

/* The RC4 state of random.h: a permutation of the byte values and two indices. */
static struct {
	uint8_t s[256];
	uint8_t i, j;
	bool seeded;
} rc4;

static void swap_state(uint8_t i, uint8_t j)
{
	uint8_t t = rc4.s[i];
	rc4.s[i] = rc4.s[j];
	rc4.s[j] = t;
}

void random_init(unsigned seed)
{
	const uint8_t *key = (const uint8_t *)&seed;
	for (int i = 0; i < 256; i++)
		rc4.s[i] = (uint8_t)i;
	uint8_t j = 0;
	for (int i = 0; i < 256; i++) {
		j = (uint8_t)(j + rc4.s[i] + key[i % sizeof seed]);
		swap_state((uint8_t)i, j);
	}
	rc4.i = rc4.j = 0;
	rc4.seeded = true;
}

void random_bytes(void *buf, size_t size)
{
	uint8_t *out = buf;
	if (!rc4.seeded)
		random_init(0);
	for (size_t k = 0; k < size; k++) {
		rc4.i++;
		rc4.j = (uint8_t)(rc4.j + rc4.s[rc4.i]);
		swap_state(rc4.i, rc4.j);
		out[k] = rc4.s[(uint8_t)(rc4.s[rc4.i] + rc4.s[rc4.j])];
	}
}

unsigned long random_ulong(void)
{
	unsigned long v;
	random_bytes(&v, sizeof v);
	return v;
}
