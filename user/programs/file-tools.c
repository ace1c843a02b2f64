/* The file tools as a user runs them, each its own process (fork and exec, as the shell
 * does), on files made here: mkdir, cp (to a new file, into a directory, over a file,
 * onto itself), cat (several files, a missing one, a directory), wc, grep (matches,
 * none, a missing file), cat, wc and grep on standard input (a file, or the console,
 * which counts as empty), hexdump, rm (files, a directory, one that is not empty), and
 * usage errors. The case checks every line they print and every exit status. */
#include "check.h"
#include "steps.h"

static const char notes[] = "the quick brown fox\njumps over\n  the lazy dog\n";

/* A command line, and the file its standard input comes from (NULL: the console). */
static const struct {
	const char *cmd, *input;
} steps[] = {
	{ "mkdir t t/sub", NULL },
	{ "mkdir t nosuch/x", NULL },
	{ "cp notes.txt t", NULL },
	{ "cp empty.txt t/copy.txt", NULL },
	{ "cp t/notes.txt t/copy.txt", NULL },
	{ "cp t/copy.txt t/copy.txt", NULL },
	{ "cp t t/x", NULL },
	{ "cat t/notes.txt empty.txt t/copy.txt", NULL },
	{ "cat t/nosuch t t/notes.txt", NULL },
	{ "wc t/notes.txt empty.txt", NULL },
	{ "wc t/nosuch", NULL },
	{ "grep the t/notes.txt", NULL },
	{ "grep fox t/notes.txt t/copy.txt empty.txt", NULL },
	{ "grep absent t/notes.txt", NULL },
	{ "grep fox t/nosuch t/notes.txt", NULL },
	{ "cat", "t/notes.txt" },
	{ "wc", "t/notes.txt" },
	{ "grep lazy", "t/notes.txt" },
	{ "cat", NULL },
	{ "wc", NULL },
	{ "grep fox", NULL },
	{ "hexdump t/copy.txt", NULL },
	{ "hexdump empty.txt", NULL },
	{ "rm t/copy.txt t/nosuch", NULL },
	{ "rm t", NULL },
	{ "rm t/sub t/notes.txt t", NULL },
	{ "rm t", NULL },
	{ "cat --help", NULL },
	{ "grep", NULL },
	{ "hexdump a b", NULL },
	{ "cp a", NULL },
	{ "rm -r x", NULL },
};

int main(void)
{
	int fd = create("notes.txt", 0) && create("empty.txt", 0) ? open("notes.txt") : -1;
	CHECK(fd >= 2 && write(fd, notes, sizeof notes - 1) == sizeof notes - 1);
	close(fd);
	for (unsigned i = 0; i < sizeof steps / sizeof steps[0]; i++)
		step_run_from(steps[i].cmd, steps[i].input);
	return 0;
}
