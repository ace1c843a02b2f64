/* wc [FILE...]: the lines (newlines), words (runs of characters other than white space)
 * and bytes of each file, or of standard input without FILE (the console counts as
 * empty: tool_stdin_is_file), as "LINES WORDS BYTES NAME"; with several files a "total"
 * line follows. What cannot be opened or read is named and makes the exit status 1. */
#include <ctype.h>

#include "tool.h"

struct counts {
	unsigned lines, words, bytes;
};

/* Adds the counts of fd, read to its end, to *c; false if a read failed. */
static bool count(int fd, struct counts *c)
{
	static char buf[4096];
	bool in_word = false;
	int n;
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		for (int i = 0; i < n; i++) {
			bool space = isspace((unsigned char)buf[i]);
			c->lines += buf[i] == '\n';
			c->words += !space && !in_word;
			in_word = !space;
		}
		c->bytes += (unsigned)n;
	}
	return n == 0;
}

static void print(const struct counts *c, const char *name)
{
	printf("%7u %7u %7u%s%s\n", c->lines, c->words, c->bytes, name ? " " : "", name ? name : "");
}

int main(int argc, char **argv)
{
	tool_args(argc, argv, 0, -1, "wc [FILE...]");
	struct counts total = { 0, 0, 0 };
	int status = 0;
	if (argc == 1) {
		status = !tool_stdin_is_file() || count(STDIN_FILENO, &total) ? 0 : 1;
		print(&total, NULL);
		return status;
	}
	for (int i = 1; i < argc; i++) {
		struct counts c = { 0, 0, 0 };
		int fd = open(argv[i]);
		if (fd < 0 || !count(fd, &c)) {
			printf("wc: %s: cannot %s\n", argv[i], fd < 0 ? "open" : "read");
			status = 1;
		} else {
			print(&c, argv[i]);
		}
		if (fd >= 0)
			close(fd);
		total.lines += c.lines;
		total.words += c.words;
		total.bytes += c.bytes;
	}
	if (argc > 2)
		print(&total, "total");
	return status;
}
