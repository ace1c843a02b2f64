/* Host unit tests of boot-option parsing (kernel/cmdline.c). */
#include <string.h>

#include "check.h"
#include "cmdline.h"

static void test_words_and_quotes(void)
{
	check_case("words-and-quotes");
	const char *p = "  run 'fork-cow 3'  mem=4M trace='pager x' ";
	char w[CMDLINE_WORD_MAX];
	CHECK(cmdline_next_word(&p, w) && strcmp(w, "run") == 0);
	CHECK(cmdline_next_word(&p, w) && strcmp(w, "fork-cow 3") == 0);
	CHECK(cmdline_next_word(&p, w) && strcmp(w, "mem=4M") == 0);
	CHECK(cmdline_next_word(&p, w) && strcmp(w, "trace=pager x") == 0);
	CHECK(!cmdline_next_word(&p, w));
}

static void test_flags_and_values(void)
{
	check_case("flags-and-values");
	const char *line = "test=pmm poweroff testing=no";
	char v[16];
	CHECK(cmdline_flag(line, "poweroff"));
	CHECK(!cmdline_flag(line, "power"));
	CHECK(!cmdline_flag(line, "test"));
	CHECK(cmdline_value(line, "test", v, sizeof v) && strcmp(v, "pmm") == 0);
	CHECK(cmdline_value(line, "testing", v, sizeof v) && strcmp(v, "no") == 0);
	CHECK(!cmdline_value(line, "tes", v, sizeof v));
	CHECK(!cmdline_value("", "test", v, sizeof v));
}

static void test_truncation(void)
{
	check_case("truncation");
	char v[4];
	CHECK(cmdline_value("k=abcdef", "k", v, sizeof v) && strcmp(v, "abc") == 0);
	char long_line[300];
	memset(long_line, 'x', sizeof long_line - 1);
	long_line[sizeof long_line - 1] = '\0';
	const char *p = long_line;
	char w[CMDLINE_WORD_MAX];
	CHECK(cmdline_next_word(&p, w) && strlen(w) == CMDLINE_WORD_MAX - 1 && *p == '\0');
	p = "'unclosed quote";
	CHECK(cmdline_next_word(&p, w) && strcmp(w, "unclosed quote") == 0);
}

int main(void)
{
	test_words_and_quotes();
	test_flags_and_values();
	test_truncation();
	return check_exit("cmdline");
}
