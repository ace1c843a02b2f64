/* Writes files for the power-cut test (tests/power/power_cut_test.py): in a fixed order it
 * creates files and writes them, extends some, removes some (one while it is open), and
 * after each step prints "write-heavy: closed NAME SIZE" or "write-heavy: removed NAME".
 * Once that line is out, the step is on the disk (the last close syncs). Byte k of a file
 * is content_byte(NAME, k), so a reader knows what any file must hold. With an argument
 * DIR (an existing directory), every other file goes there. */
#include <string.h>

#include "check.h"

#define FILES 24
#define NAME_MAX_LEN 96

static const char *dir;

/* FNV-1a of the name: the seed of its bytes. */
static unsigned name_hash(const char *name)
{
	unsigned h = 2166136261u;
	while (*name)
		h = (h ^ (unsigned char)*name++) * 16777619u;
	return h;
}

static unsigned char content_byte(unsigned hash, unsigned k)
{
	return (unsigned char)((hash >> (k % 4 * 8)) + k * 131 + (k >> 9));
}

static void name_of(int i, char *name)
{
	snprintf(name, NAME_MAX_LEN, "%s%swrite-heavy-file-%02d.dat", dir && i % 2 ? dir : "",
		 dir && i % 2 ? "/" : "", i);
}

/* Appends len bytes of the file's content at its end, in writes of chunk bytes. */
static void append(int fd, const char *name, unsigned len, unsigned chunk)
{
	static unsigned char buf[2048];
	unsigned hash = name_hash(name), at = (unsigned)filesize(fd), end = at + len;
	seek(fd, at);
	while (at < end) {
		unsigned n = end - at < chunk ? end - at : chunk;
		for (unsigned k = 0; k < n; k++)
			buf[k] = content_byte(hash, at + k);
		CHECK(write(fd, buf, n) == (int)n);
		at += n;
	}
}

/* Opens name (creating it when create), appends len bytes, closes it, says so. */
static void write_file(const char *name, bool create_it, unsigned len, unsigned chunk)
{
	if (create_it)
		CHECK(create(name, 0));
	int fd = open(name);
	CHECK(fd >= 2);
	append(fd, name, len, chunk);
	int size = filesize(fd);
	close(fd);
	printf("write-heavy: closed %s %d\n", name, size);
}

/* Removes name while it is open and writes to it before the close frees its clusters. */
static void remove_open(const char *name)
{
	int fd = open(name);
	CHECK(fd >= 2);
	CHECK(remove(name));
	append(fd, name, 700, 350);
	close(fd);
	printf("write-heavy: removed %s\n", name);
}

int main(int argc, char **argv)
{
	static const unsigned chunks[] = { 512, 300, 1000, 2048 };
	char name[NAME_MAX_LEN];
	dir = argc > 1 ? argv[1] : NULL;
	for (int i = 0; i < FILES; i++) {
		name_of(i, name);
		write_file(name, true, 600 + (unsigned)i * 997 % 5000, chunks[i % 4]);
		if (i % 2 == 1) {
			name_of(i - 1, name);
			write_file(name, false, 1500, 700);
		}
		if (i % 5 == 4) {
			name_of(i - 3, name);
			CHECK(remove(name));
			printf("write-heavy: removed %s\n", name);
		}
		if (i % 6 == 5) {
			name_of(i - 2, name);
			remove_open(name);
		}
	}
	printf("write-heavy: done\n");
	return 0;
}
