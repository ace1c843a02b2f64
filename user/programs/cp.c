/* cp SRC DST: copies file SRC to DST, or to DST/NAME when DST is a directory (NAME: the
 * last component of SRC). An existing file there is replaced. One line names what went
 * wrong (SRC missing or a directory, the target the same file as SRC or a directory, no
 * room) and the exit status is 1. */
#include "tool.h"

static char target[2 * (READDIR_MAX_LEN + 1)];

/* Fails the copy with "cp: NAME: WHY". */
static _Noreturn void fail(const char *name, const char *why)
{
	printf("cp: %s: %s\n", name, why);
	exit(1);
}

/* The path to copy to: dst, or dst/NAME when dst is a directory. */
static const char *target_of(const char *src, const char *dst)
{
	int fd = open(dst);
	bool dir = fd >= 0 && isdir(fd);
	if (fd >= 0)
		close(fd);
	if (!dir)
		return dst;
	const char *name = strrchr(src, '/') ? strrchr(src, '/') + 1 : src;
	snprintf(target, sizeof target, "%s/%s", dst, name);
	return target;
}

/* Removes the file at path, if there is one, so it can be made anew; it must not be
 * src_fd's file or a directory. */
static void clear_target(int src_fd, const char *path)
{
	int fd = open(path);
	if (fd < 0)
		return;
	bool same = inumber(fd) == inumber(src_fd), dir = isdir(fd);
	close(fd);
	if (same)
		fail(path, "is the file being copied");
	if (dir)
		fail(path, "is a directory");
	if (!remove(path))
		fail(path, "cannot replace");
}

int main(int argc, char **argv)
{
	static char buf[4096];
	tool_args(argc, argv, 2, 2, "cp SRC DST");
	int in = open(argv[1]), n;
	if (in < 0)
		fail(argv[1], "cannot open");
	if (isdir(in))
		fail(argv[1], "is a directory");
	const char *path = target_of(argv[1], argv[2]);
	clear_target(in, path);
	int out = create(path, 0) ? open(path) : -1;
	if (out < 0)
		fail(path, "cannot create");
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (unsigned)n) != n)
			fail(path, "cannot write (the disk is full?)");
	if (n < 0)
		fail(argv[1], "cannot read");
	close(out);
	close(in);
	return 0;
}
