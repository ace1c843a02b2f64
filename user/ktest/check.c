/* Failure reporting for checks (ktest.h): one console line, then power off. */
#include "console.h"
#include "ktest.h"

void ktest_fail(const char *what, int64_t got, int64_t want, const char *file, int line)
{
	if (got != want)
		cprintf("ktest %s: FAILED: %s (got %ld, want %ld) (%s:%d)\n", ktest_name, what, got,
			want, file, line);
	else
		cprintf("ktest %s: FAILED: %s (%s:%d)\n", ktest_name, what, file, line);
	system_poweroff(SLOT_SYSTEM, POWEROFF_FAILURE);
	/* No system capability (an untrusted child): stop here for good. */
	for (;;)
		sys_yield();
}
