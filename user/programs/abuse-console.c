/* Console input belongs to the foreground: the first process, or the child it waits
 * for. A background child's read fails at once (it cannot take the line typed for the
 * first process); a child the first process waits for reads what is typed. The test
 * types a line after each "type a line" prompt. */
#include <stdio.h>
#include <string.h>
#include <syscall.h>

#include "check.h"

/* Reads one line from the console (up to Enter) into line; returns its length. */
static int read_line(char *line, int size)
{
	int n = 0;
	char c;
	while (n < size - 1 && read(0, &c, 1) == 1 && c != '\r' && c != '\n')
		line[n++] = c;
	line[n] = '\0';
	return n;
}

int main(void)
{
	char line[64];
	pid_t thief = fork("console-thief");
	if (thief == 0) {
		char c;
		int n = read(0, &c, 1);
		printf("console-thief: in the background, read returned %d; type a line\n", n);
		exit(n == -1 ? 0 : 1);
	}
	CHECK(thief > 0);
	read_line(line, sizeof line);
	CHECK(wait(thief) == 0);
	printf("abuse-console: the first process got '%s'\n", line);
	pid_t reader = fork("console-reader");
	if (reader == 0) {
		printf("console-reader: in the foreground; type a line\n");
		read_line(line, sizeof line);
		printf("console-reader: got '%s'\n", line);
		exit(0);
	}
	CHECK(reader > 0);
	CHECK(wait(reader) == 0);
	return 0;
}
