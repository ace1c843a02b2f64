/* The host unit tests' assertion helper (see check.h): the one place its state lives. */
#include "check.h"

#include <stdio.h>

int check_count;
int check_failures;
static const char *current_case = "(no case)";

void check_case(const char *name)
{
	current_case = name;
}

void check_record(bool ok, const char *file, int line, const char *text)
{
	check_count++;
	if (ok)
		return;
	check_failures++;
	fprintf(stderr, "FAIL %s: %s:%d: %s\n", current_case, file, line, text);
}

int check_exit(const char *suite)
{
	printf("%s: %d checks, %d failed\n", suite, check_count, check_failures);
	return check_failures ? 1 : 0;
}
