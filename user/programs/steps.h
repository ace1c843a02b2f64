/* For test programs that run others as the shell would, a step at a time, each shown
 * first as "$ COMMAND" so the console reads as a session: step_run forks a child named
 * after the program, which execs the command line (step_run_from: with its standard
 * input a file, as "COMMAND < FILE"), and waits for it. */
#ifndef PROGRAMS_STEPS_H
#define PROGRAMS_STEPS_H

#include <stdio.h>
#include <string.h>
#include <syscall.h>

/* Runs cmd in a child, its standard input the file input (NULL: the console's), and
 * returns its exit status (-1 if it could not start). */
static inline int step_run_from(const char *cmd, const char *input)
{
	char name[32];
	size_t n = strcspn(cmd, " ");
	snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name - 1 ? n : sizeof name - 1), cmd);
	printf("$ %s%s%s\n", cmd, input ? " < " : "", input ? input : "");
	pid_t pid = fork(name);
	if (pid == 0) {
		int fd = input ? open(input) : -1;
		if (input && (fd < 0 || dup2(fd, STDIN_FILENO) != STDIN_FILENO))
			exit(-1);
		exec(cmd);
		exit(-1);
	}
	return pid < 0 ? -1 : wait(pid);
}

static inline int step_run(const char *cmd)
{
	return step_run_from(cmd, NULL);
}

#endif
