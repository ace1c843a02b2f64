/* The file tools as a user runs them, each its own process (fork and exec, as the shell
 * does), on files made here: mkdir, cp (to a new file, into a directory, over a file,
 * onto itself), cat
 * (several files, a missing one, a directory), wc, grep (matches, none, a missing file),
 * hexdump, rm (files, a directory, one that is not empty), and usage errors. The case
 * checks every line they print and every exit status. */
#include "check.h"
#include "steps.h"

static const char notes[] = "the quick brown fox\njumps over\n  the lazy dog\n";

static const char *const steps[] = {
	"mkdir t t/sub",
	"mkdir t nosuch/x",
	"cp notes.txt t",
	"cp empty.txt t/copy.txt",
	"cp t/notes.txt t/copy.txt",
	"cp t/copy.txt t/copy.txt",
	"cp t t/x",
	"cat t/notes.txt empty.txt t/copy.txt",
	"cat t/nosuch t t/notes.txt",
	"wc t/notes.txt empty.txt",
	"wc t/nosuch",
	"grep the t/notes.txt",
	"grep fox t/notes.txt t/copy.txt empty.txt",
	"grep absent t/notes.txt",
	"grep fox t/nosuch t/notes.txt",
	"hexdump t/copy.txt",
	"hexdump empty.txt",
	"rm t/copy.txt t/nosuch",
	"rm t",
	"rm t/sub t/notes.txt t",
	"rm t",
	"cat --help",
	"grep",
	"hexdump a b",
	"cp a",
	"rm -r x",
};

int main(void)
{
	int fd = create("notes.txt", 0) && create("empty.txt", 0) ? open("notes.txt") : -1;
	CHECK(fd >= 2 && write(fd, notes, sizeof notes - 1) == sizeof notes - 1);
	close(fd);
	for (unsigned i = 0; i < sizeof steps / sizeof steps[0]; i++)
		step_run(steps[i]);
	return 0;
}
