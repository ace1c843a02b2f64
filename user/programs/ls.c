/* ls [DIR...]: lists each directory (the working directory without arguments) in name
 * order, a line per entry: its size in bytes, or "-" for a directory, and its name,
 * directories marked with a trailing '/' ("?" for the size of an entry that cannot be
 * opened: DIR/NAME longer than a path). A file given lists itself. With several
 * arguments each directory's list is headed by "DIR:". What cannot be opened is named
 * ("ls: NAME: cannot open") and makes the exit status 1. */
#include <stdlib.h>

#include "tool.h"

/* One entry's line; path opens it (NULL: name itself is the path). */
static void print_entry(const char *path, const char *name)
{
	int fd = open(path ? path : name);
	if (fd < 0)
		printf("%10s %s\n", "?", name);
	else if (isdir(fd))
		printf("%10s %s/\n", "-", name);
	else
		printf("%10d %s\n", filesize(fd), name);
	if (fd >= 0)
		close(fd);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* The names in directory fd, sorted: *names, a new array of *count new strings. False
 * without memory (nothing kept). */
static bool read_names(int fd, char ***names, size_t *count)
{
	static char name[READDIR_MAX_LEN + 1];
	size_t room = 0;
	*names = NULL;
	*count = 0;
	while (readdir(fd, name)) {
		if (*count == room) {
			room = 2 * room + 32;
			char **more = realloc(*names, room * sizeof *more);
			if (!more)
				goto fail;
			*names = more;
		}
		size_t len = strlen(name) + 1;
		char *copy = malloc(len);
		if (!copy)
			goto fail;
		memcpy(copy, name, len);
		(*names)[(*count)++] = copy;
	}
	qsort(*names, *count, sizeof **names, by_name);
	return true;
fail:
	free_names(*names, *count);
	return false;
}

/* Lists directory dir, open as fd; false without memory. */
static bool list(const char *dir, int fd)
{
	static char path[2 * (READDIR_MAX_LEN + 1)];
	char **names;
	size_t n;
	if (!read_names(fd, &names, &n))
		return false;
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		print_entry(path, names[i]);
	}
	free_names(names, n);
	return true;
}

int main(int argc, char **argv)
{
	tool_args(argc, argv, 0, -1, "ls [DIR...]");
	char *here[] = { argv[0], "." };
	if (argc == 1) {
		argc = 2;
		argv = here;
	}
	int status = 0;
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i]);
		if (fd < 0) {
			printf("ls: %s: cannot open\n", argv[i]);
			status = 1;
			continue;
		}
		if (!isdir(fd)) {
			print_entry(NULL, argv[i]);
		} else {
			if (argc > 2)
				printf("%s%s:\n", i > 1 ? "\n" : "", argv[i]);
			if (!list(argv[i], fd)) {
				printf("ls: %s: out of memory\n", argv[i]);
				status = 1;
			}
		}
		close(fd);
	}
	return status;
}
