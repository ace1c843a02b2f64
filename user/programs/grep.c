/* grep STRING [FILE...]: prints each line of the files (standard input without FILE;
 * the console counts as empty: tool_stdin_is_file) that contains STRING, a fixed string
 * (no patterns, no options), prefixed by "FILE:" when there are several files; a last
 * line without a newline gets one. Exit status 0 when a line matched, 1 when none did, 2
 * when a file could not be opened or read (it is named), as grep's. */
#include <stdlib.h>

#include "tool.h"

static const char *needle;
static size_t needle_len;

/* Whether line[0..len) holds the needle (bytes, NULs included). */
static bool contains(const char *line, size_t len)
{
	for (size_t i = 0; i + needle_len <= len; i++)
		if (!memcmp(line + i, needle, needle_len))
			return true;
	return false;
}

/* The line being assembled from a file's chunks; it grows to hold the longest. */
static char *line;
static size_t line_len, line_room;

/* Appends bytes to the line; false without memory. */
static bool line_add(const char *bytes, size_t n)
{
	if (line_len + n > line_room) {
		size_t room = 2 * (line_len + n);
		char *more = realloc(line, room);
		if (!more)
			return false;
		line = more;
		line_room = room;
	}
	memcpy(line + line_len, bytes, n);
	line_len += n;
	return true;
}

/* Prints the line (ending in a newline) if it matches, after prefix and ':' (unless
 * prefix is NULL), then empties it. */
static void line_end(const char *prefix, bool *matched)
{
	if (contains(line, line_len)) {
		if (prefix)
			printf("%s:", prefix);
		write(STDOUT_FILENO, line, (unsigned)line_len);
		*matched = true;
	}
	line_len = 0;
}

/* Searches fd to its end, printing matches with prefix (or none); false if a read
 * failed or memory ran out. */
static bool search(int fd, const char *prefix, bool *matched)
{
	static char buf[4096];
	int n;
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		for (int start = 0, i = 0; i < n; i++) {
			if (buf[i] != '\n' && i != n - 1)
				continue;
			if (!line_add(buf + start, (size_t)(i + 1 - start)))
				return false;
			if (buf[i] == '\n')
				line_end(prefix, matched);
			start = i + 1;
		}
	}
	if (line_len && line_add("\n", 1))
		line_end(prefix, matched);
	line_len = 0;
	return n == 0;
}

int main(int argc, char **argv)
{
	tool_args(argc, argv, 1, -1, "grep STRING [FILE...]");
	needle = argv[1];
	needle_len = strlen(needle);
	bool matched = false, failed = false;
	if (argc == 2 && tool_stdin_is_file())
		failed = !search(STDIN_FILENO, NULL, &matched);
	for (int i = 2; i < argc; i++) {
		int fd = open(argv[i]);
		if (fd < 0 || !search(fd, argc > 3 ? argv[i] : NULL, &matched)) {
			printf("grep: %s: cannot %s\n", argv[i], fd < 0 ? "open" : "read");
			failed = true;
		}
		if (fd >= 0)
			close(fd);
	}
	return failed ? 2 : matched ? 0 : 1;
}
