/* cat [FILE...]: writes each file to the console in turn (without files: its input, fd
 * 0, to its end). A file that cannot be opened is named on the console and makes the
 * exit status 1; the others are still written. */
#include <stdio.h>
#include <syscall.h>

int main(int argc, char **argv)
{
	static char buf[4096];
	int status = 0, n;

	if (argc == 1)
		while ((n = read(STDIN_FILENO, buf, sizeof buf)) > 0)
			write(STDOUT_FILENO, buf, (unsigned)n);
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i]);
		if (fd < 0) {
			printf("cat: %s: cannot open\n", argv[i]);
			status = 1;
			continue;
		}
		while ((n = read(fd, buf, sizeof buf)) > 0)
			write(STDOUT_FILENO, buf, (unsigned)n);
		close(fd);
	}
	return status;
}
