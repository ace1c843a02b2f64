/* What the file tools (ls, cat, cp, rm, mkdir, wc, grep, hexdump) share: their usage
 * line, how they take their arguments, and when they read standard input. */
#ifndef PROGRAMS_TOOL_H
#define PROGRAMS_TOOL_H

#include <stdio.h>
#include <string.h>
#include <syscall.h>

/* Exit status of a usage error (as coreutils' tools: 1 is left for a failed file). */
#define TOOL_USAGE 2

/* Checks a tool's arguments: with "--help" as the first, prints "usage: USAGE" and exits
 * 0; with fewer than min or more than max operands (max < 0: any number), or an operand
 * starting with '-', prints "NAME: bad arguments" and the usage line and exits
 * TOOL_USAGE. Returns when they are fine. */
static inline void tool_args(int argc, char **argv, int min, int max, const char *usage)
{
	int operands = argc - 1;
	bool option = false;
	if (argc > 1 && !strcmp(argv[1], "--help")) {
		printf("usage: %s\n", usage);
		exit(0);
	}
	for (int i = 1; i < argc; i++)
		option = option || (argv[i][0] == '-' && argv[i][1] != '\0');
	if (operands < min || (max >= 0 && operands > max) || option) {
		printf("%s: bad arguments\nusage: %s\n", argv[0], usage);
		exit(TOOL_USAGE);
	}
}

/* Whether a tool without FILE reads standard input: only when it is a file (a shell's
 * redirection). The console counts as empty input: it has no end of file to stop at,
 * and a tool waiting for one could not be stopped. */
static inline bool tool_stdin_is_file(void)
{
	return inumber(STDIN_FILENO) >= 0;
}

#endif
