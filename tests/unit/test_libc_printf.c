/* Host unit tests of the C library's printf family (user/libc/stdio.c over lib/fmt.c):
 * tables and a seeded random sweep of formats, values and buffer sizes compared with
 * the host's snprintf; '\'' grouping against the host's digits with commas put in;
 * printf, hprintf, putchar, puts, print_human_readable_size and debug_backtrace through
 * the libc_write hook; assert through the libc_exit hook. (hex_dump has a Python model:
 * random_hexdump_test.py.) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "libc_hooks.h"
#include "libc_pg.h"

/* The tests pass flags the compiler calls redundant or ignored, and unknown
 * conversions, on purpose: both libraries must handle them alike. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-overflow"

#define SAME(fmt, ...)                                                                      \
	do {                                                                                \
		char k[256], c[256];                                                        \
		int kn = pg_snprintf(k, sizeof k, fmt, __VA_ARGS__);                        \
		int cn = snprintf(c, sizeof c, fmt, __VA_ARGS__);                           \
		CHECK(strcmp(k, c) == 0 && kn == cn);                                       \
		if (strcmp(k, c) || kn != cn)                                               \
			fprintf(stderr, "  format \"%s\": got \"%s\" (%d), want \"%s\" (%d)\n", \
				fmt, k, kn, c, cn);                                         \
	} while (0)

static void test_table(void)
{
	check_case("table");
	SAME("%d|%i|%u|%o|%x|%X|%c|%s|%%", -42, 42, 3000000000u, 0755u, 0xbeefu, 0xbeefu, 'q', "str");
	SAME("%+d|% d|%+ d|%+d|% i|%+u", 5, 5, 5, -5, -5, 5u);
	SAME("%#x|%#X|%#o|%#x|%#o|%#.0o|%.0d|%.0x|%#.0x", 255u, 255u, 8u, 0u, 0u, 0u, 0, 0u, 0u);
	SAME("%8d|%-8d|%08d|%-08d|%+08d|% 08d|%08.3d|%.5d|%-+8.4d", 42, 42, -42, 42, 42, 42, 42, -42, 42);
	SAME("%#010x|%#-10o|%#10.6x|%010o|%#08X", 0xabu, 8u, 0xabu, 8u, 0xabu);
	SAME("%*d|%-*d|%*d|%.*d|%.*d|%*.*d", 6, 1, 6, 1, -6, 1, 4, 7, -4, 7, 7, 3, 9);
	SAME("%.3s|%10.3s|%-10s|%.0s|%.*s|%.10s", "abcdef", "abcdef", "ab", "xyz", 2, "abc", "ab");
	SAME("%5c|%-5c|%c%c", 'a', 'b', '\0' + 'x', 'y');
	SAME("%hhd|%hhu|%hhx|%hd|%hu|%hx", 300, 511, -1, 70000, 70000, -1);
	SAME("%ld|%lu|%lx|%lld|%llu|%llo", -9000000000l, 18446744073709551615ul, -1l, -1ll, 1ull << 63, 1ull << 63);
	SAME("%zu|%zd|%zx|%td|%tx|%jd|%ju|%jx", (size_t)-1, (ssize_t)-5, (size_t)4096, (ptrdiff_t)-7,
	     (ptrdiff_t)255, (intmax_t)INT64_MIN, (uintmax_t)UINT64_MAX, (uintmax_t)0xabc);
	SAME("%d|%ld|%lld", -2147483647 - 1, -9223372036854775807l - 1, -9223372036854775807ll - 1);
	SAME("%p|%20p|%-20p|", (void *)0xff00, (void *)0x1234, (void *)0xffff800000001000ul);
	SAME("%s", "no conversions at all");
	SAME("%5%|%-5d|", 3);
}

static void test_unknown_and_null(void)
{
	check_case("unknown-and-null");
	char buf[64];
	CHECK(pg_snprintf(buf, sizeof buf, "%s|%p", (char *)NULL, NULL) == 10);
	CHECK(strcmp(buf, "(null)|0x0") == 0);
	CHECK(pg_snprintf(buf, sizeof buf, "a%yb%5wc%") == 7);
	CHECK(strcmp(buf, "a%yb%wc") == 0);
}

/* Appends a random conversion specification for conv to f: flags, width and
 * precision (digits or '*', with the values in *star), and a length modifier. */
static void random_spec(char *f, char conv, int *stars, int *nstars, const char *length)
{
	static const char flags[] = "-+ 0#";
	size_t n = 0;
	f[n++] = '%';
	for (int i = 0; i < 5; i++)
		if (rand() % 4 == 0)
			f[n++] = flags[i];
	if ((conv == 'c' || conv == 's') && (strchr(f, '0') || strchr(f, '#'))) {
		n = 1;
		f[n++] = '-';
	}
	int w = rand() % 3;
	if (w == 1)
		n += (size_t)sprintf(f + n, "%d", rand() % 25);
	else if (w == 2) {
		f[n++] = '*';
		stars[(*nstars)++] = rand() % 50 - 25;
	}
	int p = rand() % 4;
	if (p == 1)
		n += (size_t)sprintf(f + n, ".%d", rand() % 25);
	else if (p == 2) {
		memcpy(f + n, ".*", 2);
		n += 2;
		stars[(*nstars)++] = rand() % 50 - 25;
	}
	if (conv != 'c' && conv != 's')
		n += (size_t)sprintf(f + n, "%s", length);
	f[n++] = conv;
	f[n] = '\0';
}

/* Formats one random specification with a random value into buffers of a random
 * size, through both libraries, and compares return values and contents. */
static void sweep_one(void)
{
	static const char convs[] = "diuoxXcs";
	static const char *const lengths[] = { "", "hh", "h", "l", "ll", "z", "t", "j" };
	static const char *const strings[] = { "", "a", "hello", "a longer string, here" };
	char conv = convs[rand() % 8], f[40];
	int stars[2] = { 0, 0 }, nstars = 0;
	int len = rand() % 8;
	random_spec(f, conv, stars, &nstars, lengths[len]);
	strcat(f, rand() % 2 ? "|" : "");
	uint64_t v = ((uint64_t)rand() << 62) ^ ((uint64_t)rand() << 31) ^ (uint64_t)rand();
	if (rand() % 2)
		v >>= rand() % 64;
	char k[80], c[80];
	memset(k, 'k', sizeof k);
	memset(c, 'k', sizeof c);
	size_t size = (size_t)rand() % 2 ? sizeof k : (size_t)rand() % 12;
	int kn, cn;
#define BOTH(...)                                                    \
	do {                                                         \
		kn = pg_snprintf(k, size, f, __VA_ARGS__);               \
		cn = snprintf(c, size, f, __VA_ARGS__);                  \
	} while (0)
#define BY_STARS(arg)                                                \
	do {                                                         \
		if (nstars == 0)                                     \
			BOTH(arg);                                   \
		else if (nstars == 1)                                \
			BOTH(stars[0], arg);                         \
		else                                                 \
			BOTH(stars[0], stars[1], arg);               \
	} while (0)
	if (conv == 's')
		BY_STARS(strings[v % 4]);
	else if (conv == 'c')
		BY_STARS((int)(v % 94 + 32));
	else if (len <= 2)
		BY_STARS((int)v);
	else
		BY_STARS((long)v);
#undef BY_STARS
#undef BOTH
	CHECK(kn == cn && memcmp(k, c, sizeof k) == 0);
	if (kn != cn || memcmp(k, c, sizeof k))
		fprintf(stderr, "  format \"%s\" size %zu stars %d %d value %#lx: got \"%.*s\" (%d), want \"%.*s\" (%d)\n",
			f, size, stars[0], stars[1], (unsigned long)v, (int)(size ? size : 1), k, kn,
			(int)(size ? size : 1), c, cn);
}

static void test_random_sweep(void)
{
	check_case("random-sweep");
	srand(5);
	for (int i = 0; i < 200000 && check_failures < 20; i++)
		sweep_one();
}

/* The host's digits of s with ',' between groups of three, as '\'' should give. */
static void add_commas(char *out, const char *s)
{
	size_t lead = (*s == '-') ? 1 : 0, n = strlen(s) - lead;
	memcpy(out, s, lead);
	out += lead;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			*out++ = ',';
		*out++ = s[lead + i];
	}
	*out = '\0';
}

static void test_grouping(void)
{
	check_case("grouping");
	for (int i = 0; i < 20000; i++) {
		long v = (long)(((uint64_t)rand() << 33) ^ ((uint64_t)rand() << 11) ^ (uint64_t)rand());
		v >>= rand() % 63;
		char plain[40], want[60], got[60];
		snprintf(plain, sizeof plain, "%ld", v);
		add_commas(want, plain);
		pg_snprintf(got, sizeof got, "%'ld", v);
		CHECK(strcmp(got, want) == 0);
	}
	char buf[96];
	static const struct {
		const char *want;
		int n;
	} table[] = {
		{ "0", 0 }, { "999", 999 }, { "1,000", 1000 }, { "-2,147,483,648", -2147483647 - 1 },
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		CHECK(pg_snprintf(buf, sizeof buf, "%'d", table[i].n) == (int)strlen(table[i].want));
		CHECK(strcmp(buf, table[i].want) == 0);
	}
	pg_snprintf(buf, sizeof buf, "[%'10d|%'-10i|%'.7d|%'010d|%'+u|%'x|%'zu]", 1234567, -1234, 12345,
		    -12345, 4000000000u, 0x123456u, (size_t)1000);
	CHECK(strcmp(buf, "[ 1,234,567|-1,234    |0012,345|-00012,345|4,000,000,000|123456|1,000]") == 0);
}

static void test_truncation(void)
{
	check_case("truncation");
	char buf[8];
	memset(buf, 'z', sizeof buf);
	CHECK(pg_snprintf(buf, sizeof buf, "%s", "0123456789") == 10 && strcmp(buf, "0123456") == 0);
	CHECK(pg_snprintf(buf, 1, "abc") == 3 && buf[0] == '\0');
	CHECK(pg_snprintf(NULL, 0, "%d", 12345) == 5);
	CHECK(pg_sprintf(buf, "%05d", 42) == 5 && strcmp(buf, "00042") == 0);
}

static void test_printf_hook(void)
{
	check_case("printf-hook");
	hook_output_reset();
	CHECK(pg_printf("%s=%'d%c", "x", 1234, '\n') == 8);
	CHECK(strcmp(hook_output, "x=1,234\n") == 0 && hook_write_calls == 1);
	hook_output_reset();
	char want[1200];
	int n = snprintf(want, sizeof want, "%1000d|", 7);
	CHECK(pg_printf("%1000d|", 7) == n);
	CHECK(strcmp(hook_output, want) == 0 && hook_write_calls == (n + 127) / 128);
	hook_output_reset();
	CHECK(pg_printf("%s", "") == 0 && hook_write_calls == 0);
	hook_output_len = HOOK_OUTPUT_BYTES - 2;
	CHECK(pg_printf("too long") == -1);
}

static int call_vhprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = pg_vhprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

static void test_output_calls(void)
{
	check_case("output-calls");
	hook_output_reset();
	CHECK(pg_hprintf(2, "%d-%s", 42, "x") == 4 && hook_write_fd == 2);
	CHECK(call_vhprintf(7, "%05u", 12u) == 5 && hook_write_fd == 7);
	CHECK(strcmp(hook_output, "42-x00012") == 0 && hook_write_calls == 2);
	CHECK(pg_hprintf(-1, "lost") == -1);
	hook_output_reset();
	CHECK(pg_putchar('a') == 'a' && pg_putchar(0x142) == 0x142 && hook_write_fd == 1);
	CHECK(pg_puts("line") == 0 && pg_puts("") == 0 && hook_write_fd == 1);
	CHECK(strcmp(hook_output, "aBline\n\n") == 0 && hook_write_calls == 4);
	hook_output_len = HOOK_OUTPUT_BYTES - 1;
	CHECK(pg_putchar('z') == EOF && pg_puts("z") == EOF);
}

static void test_human_readable_size(void)
{
	check_case("human-readable-size");
	static const struct {
		uint64_t size;
		const char *want;
	} table[] = {
		{ 0, "0 bytes" }, { 1, "1 byte" }, { 2, "2 bytes" }, { 1023, "1023 bytes" },
		{ 1024, "1 kB" }, { 1536, "1 kB" }, { 1048575, "1023 kB" }, { 1048576, "1 MB" },
		{ 3ull << 30, "3 GB" }, { (1ull << 40) - 1, "1023 GB" }, { 1ull << 40, "1 TB" },
		{ 5ull << 50, "5120 TB" }, { UINT64_MAX, "16777215 TB" },
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		hook_output_reset();
		pg_print_human_readable_size(table[i].size);
		CHECK(strcmp(hook_output, table[i].want) == 0);
	}
}

/* Three calls deep, each keeping its frame (no inlining, no tail call), so the
 * backtrace starts with known return addresses. */
static void *backtrace_returns[2];

static __attribute__((noinline)) void backtrace_inner(void)
{
	backtrace_returns[0] = __builtin_return_address(0);
	pg_debug_backtrace();
	__asm__ volatile("");
}

static __attribute__((noinline)) void backtrace_outer(void)
{
	backtrace_returns[1] = __builtin_return_address(0);
	backtrace_inner();
	__asm__ volatile("");
}

/* The first return addresses debug_backtrace prints: into backtrace_inner (unknown
 * here), then the two the functions above saw. Built with frame pointers. */
static void test_backtrace(void)
{
	check_case("backtrace");
	hook_output_reset();
	backtrace_outer();
	unsigned long addr[3];
	int n = 0;
	char *p = hook_output + strlen("Call stack:");
	CHECK(strncmp(hook_output, "Call stack:", strlen("Call stack:")) == 0);
	while (n < 3 && strncmp(p, " 0x", 3) == 0)
		addr[n++] = strtoul(p + 3, &p, 16);
	CHECK(n == 3 && addr[1] == (unsigned long)backtrace_returns[0] &&
	      addr[2] == (unsigned long)backtrace_returns[1]);
	CHECK(strcmp(hook_output + hook_output_len - 2, ".\n") == 0);
}

static int assert_line;

static void fail_an_assertion(void)
{
#undef NDEBUG
#include "../../user/libc/include/assert.h"
	assert_line = __LINE__ + 1;
	assert(1 + 1 == 3);
}

static void test_assert(void)
{
	check_case("assert");
	jmp_buf exit_point;
	hook_exit_to = &exit_point;
	hook_output_reset();
	if (setjmp(exit_point) == 0) {
		fail_an_assertion();
		CHECK(!"assert returned");
	}
	char want[128];
	snprintf(want, sizeof want, "assertion failed: 1 + 1 == 3 (%s:%d)\n", __FILE__, assert_line);
	CHECK(strcmp(hook_output, want) == 0 && hook_exit_status == 1);

	hook_output_reset();
#define NDEBUG
#include "../../user/libc/include/assert.h"
	assert(!"NDEBUG removes the check");
	CHECK(hook_output_len == 0);
}

int main(void)
{
	test_table();
	test_unknown_and_null();
	test_random_sweep();
	test_grouping();
	test_truncation();
	test_printf_hook();
	test_output_calls();
	test_human_readable_size();
	test_backtrace();
	test_assert();
	return check_exit("libc-printf");
}
