/* Host unit tests of the shared printf formatting (lib/fmt.c), checked against
 * the C library's snprintf for the conversions both support. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "fmt.h"

#define SAME(fmt, ...)                                                                 \
	do {                                                                           \
		char k[128], c[128];                                                   \
		size_t kn = fmt_snprintf(k, sizeof k, fmt, __VA_ARGS__);                  \
		int cn = snprintf(c, sizeof c, fmt, __VA_ARGS__);                      \
		CHECK(strcmp(k, c) == 0 && kn == (size_t)cn);                          \
		if (strcmp(k, c))                                                      \
			fprintf(stderr, "  format \"%s\": got \"%s\", want \"%s\"\n", fmt, k, c); \
	} while (0)

static void test_matches_libc(void)
{
	check_case("matches-libc");
	SAME("%d|%i|%u", 42, -7, 3000000000u);
	SAME("%x|%X|%lx", 0xbeefu, 0xbeefu, 0xffffffff80100000ul);
	SAME("%ld|%lu|%lld|%zu", -9000000000l, 18446744073709551615ul, -1ll, (size_t)12);
	SAME("%5d|%-5d|%05d|%-5s|%5s", 42, 42, -42, "ab", "ab");
	SAME("%016lx|%c|%%|%s", 0x1234ul, 'z', "text");
	SAME("%d", -2147483647 - 1);
	SAME("%ld", -9223372036854775807l - 1);
}

static void test_truncation(void)
{
	check_case("truncation");
	char buf[8];
	size_t n = fmt_snprintf(buf, sizeof buf, "%s", "0123456789");
	CHECK(n == 10);
	CHECK(strcmp(buf, "0123456") == 0);
	n = fmt_snprintf(buf, 1, "abc");
	CHECK(n == 3 && buf[0] == '\0');
	CHECK(fmt_snprintf(NULL, 0, "%d", 12345) == 5);
}

static void test_pointer_and_null_string(void)
{
	check_case("pointer-and-null-string");
	char buf[64];
	fmt_snprintf(buf, sizeof buf, "%p %s", (void *)0xff00, (char *)NULL);
	CHECK(strcmp(buf, "0xff00 (null)") == 0);
}

int main(void)
{
	test_matches_libc();
	test_truncation();
	test_pointer_and_null_string();
	return check_exit("fmt");
}
