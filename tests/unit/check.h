/* A minimal assertion helper for the host unit tests (check.c): CHECK records a failure
 * with its location and the current case's name and keeps going; check_exit() prints
 * the summary and gives the exit code. */
#ifndef TESTS_UNIT_CHECK_H
#define TESTS_UNIT_CHECK_H

#include <stdbool.h>

/* Checks run and failed so far in this program. */
extern int check_count;
extern int check_failures;

#define CHECK(cond) check_record((cond), __FILE__, __LINE__, #cond)

/* Names the case that following CHECKs belong to (printed with each failure); name
 * must stay valid until the next check_case. */
void check_case(const char *name);

/* Counts one check; when ok is false, counts a failure and prints
 * "FAIL case: file:line: text" on stderr. Used through CHECK. */
void check_record(bool ok, const char *file, int line, const char *text);

/* A CHECK that also ends the calling test function (returning void) when it fails:
 * for a step the later ones depend on. */
#define REQUIRE(cond)                 \
	do {                          \
		bool ok_ = (cond);    \
		CHECK(ok_);           \
		if (!ok_)             \
			return;       \
	} while (0)

/* Prints "suite: N checks, N failed"; returns the exit status (0 if none failed). */
int check_exit(const char *suite);

#endif
