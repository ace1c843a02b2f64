/* cat [FILE...]: writes each file to standard output in turn, or standard input without
 * FILE (when it is a file: tool_stdin_is_file). What cannot be opened, or read (a
 * directory), is named ("cat: NAME: cannot open", "cat: NAME: cannot read") and makes the
 * exit status 1; the others are still written. */
#include "tool.h"

/* Copies fd to standard output up to its end; false if a read or write failed. */
static bool copy(int fd)
{
	static char buf[4096];
	int n;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		if (write(STDOUT_FILENO, buf, (unsigned)n) != n)
			return false;
	return n == 0;
}

int main(int argc, char **argv)
{
	tool_args(argc, argv, 0, -1, "cat [FILE...]");
	if (argc == 1)
		return !tool_stdin_is_file() || copy(STDIN_FILENO) ? 0 : 1;
	int status = 0;
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i]);
		if (fd < 0 || !copy(fd)) {
			printf("cat: %s: cannot %s\n", argv[i], fd < 0 ? "open" : "read");
			status = 1;
		}
		if (fd >= 0)
			close(fd);
	}
	return status;
}
