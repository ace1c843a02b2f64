/* Host unit tests of the C library's string.h, ctype.h and stdlib.h numbers, sorting and
 * searching (user/libc), each compared with the host C library over tables and seeded
 * random inputs (strlcat, sort and binary_search, which it lacks, with references). The
 * heap, the printf family and random.h have their own test programs. */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "libc_pg.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static int sign(long v)
{
	return (v > 0) - (v < 0);
}

/* Fills s[0..n) with a NUL-terminated string of up to n - 1 bytes from a small
 * alphabet, so that searches and comparisons often hit. */
static void random_string(char *s, size_t n)
{
	static const char alphabet[] = "aab,c \xe9";
	size_t len = rng() % n;
	for (size_t i = 0; i < len; i++)
		s[i] = alphabet[rng() % (sizeof alphabet - 1)];
	s[len] = '\0';
}

static void test_memory(void)
{
	check_case("memory");
	for (int round = 0; round < 2000; round++) {
		unsigned char a[64], b[64];
		for (size_t i = 0; i < sizeof a; i++)
			a[i] = b[i] = (unsigned char)(rng() % 4);
		size_t dst = rng() % 32, src = rng() % 32, n = rng() % 33;
		CHECK(pg_memmove(a + dst, a + src, n) == a + dst);
		memmove(b + dst, b + src, n);
		CHECK(memcmp(a, b, sizeof a) == 0);
		CHECK(pg_memcpy(a, b + 32, n) == a);
		CHECK(memcmp(a, b + 32, n) == 0);
		CHECK(sign(pg_memcmp(a + dst, b + src, n)) == sign(memcmp(a + dst, b + src, n)));
		int c = (int)(rng() % 5);
		CHECK(pg_memchr(b + src, c, n) == memchr(b + src, c, n));
		CHECK(pg_memchr(b, c + 256, sizeof b) == memchr(b, c + 256, sizeof b));
		CHECK(pg_memset(a + dst, c - 1, n) == a + dst);
		memset(b + dst, c - 1, n);
		CHECK(memcmp(a + dst, b + dst, n) == 0);
	}
}

static void test_compare_and_search(void)
{
	check_case("compare-and-search");
	for (int round = 0; round < 5000; round++) {
		char s[24], t[24];
		random_string(s, sizeof s);
		random_string(t, sizeof t);
		size_t n = rng() % 25;
		int c = (int)"ab,c\0\xe9"[rng() % 6];
		CHECK(pg_strlen(s) == strlen(s));
		CHECK(pg_strnlen(s, n) == strnlen(s, n));
		CHECK(sign(pg_strcmp(s, t)) == sign(strcmp(s, t)));
		CHECK(sign(pg_strncmp(s, t, n)) == sign(strncmp(s, t, n)));
		CHECK(pg_strchr(s, c) == strchr(s, c));
		CHECK(pg_strrchr(s, c) == strrchr(s, c));
		CHECK(pg_strspn(s, t) == strspn(s, t));
		CHECK(pg_strcspn(s, t) == strcspn(s, t));
		CHECK(pg_strpbrk(s, t) == strpbrk(s, t));
		const char *needle = t + strlen(t) / 2;
		CHECK(pg_strstr(s, needle) == strstr(s, needle));
		CHECK(pg_strstr(s, "") == s);
	}
}

/* strlcpy as BSD defines it, for comparison (the host C library may not have it). */
static size_t ref_strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);
	if (size > 0) {
		size_t n = len < size ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

/* strlcat as Pintos defines it, for comparison: BSD's when strlen(dst) < size. */
static size_t ref_strlcat(char *dst, const char *src, size_t size)
{
	size_t dst_len = strlen(dst);
	if (dst_len < size)
		ref_strlcpy(dst + dst_len, src, size - dst_len);
	return dst_len + strlen(src);
}

static void test_copy_and_append(void)
{
	check_case("copy-and-append");
	for (int round = 0; round < 5000; round++) {
		char s[24], a[64], b[64];
		random_string(s, sizeof s);
		size_t n = rng() % 25;
		memset(a, 'x', sizeof a);
		memset(b, 'x', sizeof b);
		random_string(a, 16);
		memcpy(b, a, sizeof a);
		CHECK(pg_strcat(a, s) == a && strcat(b, s) == b && memcmp(a, b, sizeof a) == 0);
		CHECK(pg_strncat(a, s, n) == a && strncat(b, s, n) == b && memcmp(a, b, sizeof a) == 0);
		CHECK(pg_strncpy(a, s, n) == a && strncpy(b, s, n) == b && memcmp(a, b, sizeof a) == 0);
		CHECK(pg_strcpy(a + 1, s) == a + 1 && strcpy(b + 1, s) == b + 1 && memcmp(a, b, sizeof a) == 0);
		CHECK(pg_strlcpy(a, s, n) == ref_strlcpy(b, s, n) && memcmp(a, b, sizeof a) == 0);
		size_t size = rng() % 40;
		CHECK(pg_strlcat(a, s, size) == ref_strlcat(b, s, size) && memcmp(a, b, sizeof a) == 0);
	}
	char full[8] = "abcdef";
	CHECK(pg_strlcat(full, "xyz", 4) == 9 && strcmp(full, "abcdef") == 0);
	CHECK(pg_strlcat(full, "xyz", 8) == 9 && strcmp(full, "abcdefx") == 0);
}

static void test_strtok_r(void)
{
	check_case("strtok_r");
	for (int round = 0; round < 3000; round++) {
		char a[24], b[24], delim[4];
		random_string(a, sizeof a);
		memcpy(b, a, sizeof a);
		random_string(delim, sizeof delim);
		char *sa, *sb;
		char *ta = pg_strtok_r(a, delim, &sa), *tb = strtok_r(b, delim, &sb);
		for (int i = 0; i < 30; i++) {
			CHECK((ta == NULL) == (tb == NULL));
			if (!ta || !tb)
				break;
			CHECK(ta - a == tb - b && strcmp(ta, tb) == 0);
			ta = pg_strtok_r(NULL, delim, &sa);
			tb = strtok_r(NULL, delim, &sb);
		}
		CHECK(memcmp(a, b, sizeof a) == 0);
	}
}

static void test_ctype(void)
{
	check_case("ctype");
	for (int c = EOF; c <= UCHAR_MAX; c++) {
		CHECK(!pg_isdigit(c) == !isdigit(c));
		CHECK(!pg_isalpha(c) == !isalpha(c));
		CHECK(!pg_isalnum(c) == !isalnum(c));
		CHECK(!pg_isspace(c) == !isspace(c));
		CHECK(!pg_isupper(c) == !isupper(c));
		CHECK(!pg_islower(c) == !islower(c));
		CHECK(!pg_isgraph(c) == !isgraph(c));
		CHECK(!pg_ispunct(c) == !ispunct(c));
		CHECK(!pg_isblank(c) == !isblank(c));
		CHECK(!pg_iscntrl(c) == !iscntrl(c));
		CHECK(!pg_isascii(c) == !isascii(c));
		CHECK(!pg_isxdigit(c) == !isxdigit(c));
		CHECK(!pg_isprint(c) == !isprint(c));
		CHECK(pg_toupper(c) == toupper(c));
		CHECK(pg_tolower(c) == tolower(c));
	}
}

/* Compares strtol, strtoul (and atoi, atol for base 10) with the host's. For an
 * invalid base both give 0; glibc then leaves *end unset, ours sets it to s. */
static void same_strto(const char *s, int base)
{
	char *ea, *eb;
	if (base == 1 || base < 0 || base > 36) {
		CHECK(pg_strtol(s, &ea, base) == 0 && ea == s);
		CHECK(pg_strtoul(s, &ea, base) == 0 && ea == s);
		return;
	}
	long la = pg_strtol(s, &ea, base), lb = strtol(s, &eb, base);
	CHECK(la == lb && ea == eb);
	unsigned long ua = pg_strtoul(s, &ea, base), ub = strtoul(s, &eb, base);
	CHECK(ua == ub && ea == eb);
	if (la != lb || ua != ub || ea != eb)
		fprintf(stderr, "  strto*(\"%s\", %d): got %ld %lu\n", s, base, la, ua);
	if (base == 10) {
		CHECK(pg_atoi(s) == atoi(s));
		CHECK(pg_atol(s) == atol(s));
	}
}

static void test_strtol(void)
{
	check_case("strtol");
	static const char *const table[] = {
		"", "0", "-0", "+7", "  \t\n42xyz", "-", "+", " - 1", "0x", "0x1g", "0X1F", "-0x10",
		"010", "09", "0b101", "z", "Zz", "9223372036854775807", "9223372036854775808",
		"-9223372036854775808", "-9223372036854775809", "18446744073709551615",
		"18446744073709551616", "-18446744073709551615", "99999999999999999999999",
		"2147483648", "-2147483649", "  +0x7fffffffffffffff", "1_000",
	};
	static const int bases[] = { 0, 2, 8, 10, 16, 36, 1, 37, -1 };
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		for (size_t b = 0; b < sizeof bases / sizeof bases[0]; b++)
			same_strto(table[i], bases[b]);
	for (int round = 0; round < 5000; round++) {
		static const char chars[] = " +-0123456789abcxzXZ";
		char s[28];
		size_t len = rng() % (sizeof s);
		for (size_t i = 0; i < len; i++)
			s[i] = chars[rng() % (sizeof chars - 1)];
		s[len] = '\0';
		same_strto(s, bases[rng() % 6]);
	}
	CHECK(pg_strtol("12", NULL, 10) == 12);
	CHECK(pg_abs(-5) == 5 && pg_abs(INT_MAX) == INT_MAX && pg_abs(0) == 0);
	CHECK(pg_labs(-5000000000l) == 5000000000l && pg_labs(7) == 7);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

struct item {
	int key;
	int tag;
};

static int cmp_item(const void *a, const void *b)
{
	return cmp_int(&((const struct item *)a)->key, &((const struct item *)b)->key);
}

static void test_qsort(void)
{
	check_case("qsort");
	for (size_t n = 0; n < 300; n += 1 + n / 8) {
		int a[300], b[300];
		int range = (int)(rng() % 3 == 0 ? 4 : 100000);
		for (size_t i = 0; i < n; i++)
			a[i] = b[i] = (int)(rng() % (unsigned)range) - range / 2;
		pg_qsort(a, n, sizeof a[0], cmp_int);
		qsort(b, n, sizeof b[0], cmp_int);
		CHECK(memcmp(a, b, n * sizeof a[0]) == 0);
	}
	struct item items[97];
	int seen[97] = { 0 };
	for (size_t i = 0; i < 97; i++)
		items[i] = (struct item){ (int)(rng() % 10), (int)i };
	pg_qsort(items, 97, sizeof items[0], cmp_item);
	for (size_t i = 0; i < 97; i++) {
		CHECK(i == 0 || items[i - 1].key <= items[i].key);
		seen[items[i].tag]++;
	}
	for (size_t i = 0; i < 97; i++)
		CHECK(seen[i] == 1);
}

/* Orders ints by their value modulo *aux, for sort and binary_search. */
static int cmp_mod(const void *a, const void *b, void *aux)
{
	int m = *(const int *)aux;
	return cmp_int(&(int){ *(const int *)a % m }, &(int){ *(const int *)b % m });
}

static void test_sort_with_aux(void)
{
	check_case("sort-with-aux");
	for (size_t n = 0; n < 200; n += 1 + n / 4) {
		int a[200], b[200], m = (int)(rng() % 50) + 1;
		for (size_t i = 0; i < n; i++)
			a[i] = b[i] = (int)(rng() % 1000);
		pg_sort(a, n, sizeof a[0], cmp_mod, &m);
		for (size_t i = 0; i < n; i++)
			b[i] %= m;
		qsort(b, n, sizeof b[0], cmp_int);
		for (size_t i = 0; i < n; i++)
			CHECK(a[i] % m == b[i]);
	}
}

static void test_search(void)
{
	check_case("search");
	for (size_t n = 0; n < 200; n += 1 + n / 4) {
		int a[200];
		for (size_t i = 0; i < n; i++)
			a[i] = (int)(3 * i + rng() % 3);
		for (int key = -2; key < (int)(3 * n + 2); key++) {
			CHECK(pg_bsearch(&key, a, n, sizeof a[0], cmp_int) ==
			      bsearch(&key, a, n, sizeof a[0], cmp_int));
			int m = 1000;
			CHECK(pg_binary_search(&key, a, n, sizeof a[0], cmp_mod, &m) ==
			      bsearch(&key, a, n, sizeof a[0], cmp_int));
		}
	}
	int same[9] = { 1, 4, 4, 4, 4, 4, 4, 4, 9 }, four = 4;
	int *hit = pg_bsearch(&four, same, 9, sizeof same[0], cmp_int);
	CHECK(hit && *hit == 4);
}

int main(void)
{
	test_memory();
	test_compare_and_search();
	test_copy_and_append();
	test_strtok_r();
	test_ctype();
	test_strtol();
	test_qsort();
	test_sort_with_aux();
	test_search();
	return check_exit("libc");
}
