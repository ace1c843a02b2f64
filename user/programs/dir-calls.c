/* The directory calls' rules, good and bad input: mkdir, chdir (relative paths, "." and
 * "..", the root's ".." is the root, the working directory's length limit), open of a
 * directory and readdir (no "." or "..", long names), isdir, inumber, remove of empty
 * directories only (not open, not anyone's working directory, not the root), what the
 * file calls do with a directory's fd, and a working directory kept by fork and exec and
 * given back at exit. */
#include <string.h>

#include "check.h"

/* A name of n copies of c. */
static const char *name_of(char c, size_t n)
{
	static char name[READDIR_MAX_LEN + 1];
	memset(name, c, n);
	name[n] = '\0';
	return name;
}

/* Whether a file opened by its path from here holds text. */
static bool holds(const char *path, const char *text)
{
	char buf[32] = { 0 };
	int fd = open(path);
	int n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
	if (fd >= 0)
		close(fd);
	return n == (int)strlen(text) && !strcmp(buf, text);
}

static bool make_file(const char *path, const char *text)
{
	int fd = create(path, 0) ? open(path) : -1;
	bool ok = fd >= 0 && write(fd, text, (unsigned)strlen(text)) == (int)strlen(text);
	if (fd >= 0)
		close(fd);
	return ok;
}

static void check_mkdir(void)
{
	CHECK(mkdir("d") && mkdir("d/e") && mkdir("/d/g"));
	CHECK(make_file("f", "file f") && make_file("d/in-d", "in d"));
	CHECK(!mkdir("d") && !mkdir("D") && !mkdir("f"));    /* exists */
	CHECK(!mkdir("nosuch/x") && !mkdir("f/x"));          /* no such parent; a file */
	CHECK(!mkdir("") && !mkdir("/") && !mkdir(".") && !mkdir("d/.."));
	CHECK(!mkdir("bad*name") && !mkdir("trailing.") && !mkdir("boot/x"));
	CHECK(!mkdir(name_of('n', READDIR_MAX_LEN + 1)));    /* longer than a path */
	CHECK(mkdir(name_of('n', READDIR_MAX_LEN)) && remove(name_of('n', READDIR_MAX_LEN)));
}

static void check_chdir(void)
{
	CHECK(chdir("d") && holds("in-d", "in d") && holds("../f", "file f"));
	CHECK(chdir("e/..") && holds("./in-d", "in d") && holds("/f", "file f"));
	CHECK(chdir("..") && holds("f", "file f"));
	CHECK(chdir("..") && chdir("../../.") && holds("f", "file f")); /* the root's ".." */
	CHECK(chdir("/d/e") && chdir("../../d/./g/..") && holds("in-d", "in d"));
	/* A failed chdir keeps the working directory. */
	CHECK(!chdir("nosuch") && !chdir("in-d") && !chdir("in-d/..") && !chdir(""));
	CHECK(!chdir(name_of('x', READDIR_MAX_LEN + 1)) && holds("in-d", "in d"));
	CHECK(chdir("/"));
	/* The working directory's path is at most READDIR_MAX_LEN bytes; a deeper one is
	 * reached by relative paths but cannot be the working directory. */
	char half[128];
	strcpy(half, name_of('h', 127));
	CHECK(mkdir(half) && chdir(half) && mkdir(half) && chdir(half)); /* 255 bytes */
	CHECK(mkdir("c") && make_file("c/deep", "deep") && holds("c/deep", "deep"));
	CHECK(!chdir("c") && holds("c/deep", "deep"));
	CHECK(remove("c/deep") && remove("c") && chdir("..") && remove(half));
	CHECK(chdir("..") && remove(half));
}

/* The names directory path holds, in order, are exactly want[0..n). */
static bool lists(const char *path, const char *const *want, int n)
{
	char name[READDIR_MAX_LEN + 1];
	int fd = open(path), i = 0;
	bool ok = fd >= 0 && isdir(fd);
	while (ok && readdir(fd, name))
		ok = i < n && !strcmp(name, want[i++]);
	ok = ok && i == n && !readdir(fd, name);
	close(fd);
	return ok;
}

static void check_readdir(void)
{
	static const char *const in_d[] = { "e", "g", "in-d" };
	CHECK(lists("d", in_d, 3) && lists("/d/e/../", in_d, 3) && lists("d/e", NULL, 0));
	CHECK(chdir("d/g") && lists("..", in_d, 3) && lists(".", NULL, 0) && chdir("/"));
	const char *const long_name[] = { name_of('L', READDIR_MAX_LEN) };
	CHECK(chdir("d/e") && make_file(long_name[0], "long") && lists(".", long_name, 1));
	CHECK(remove(long_name[0]) && chdir("/"));
	char name[READDIR_MAX_LEN + 1];
	int file = open("f"), root = open("/"), seen = 0;
	while (readdir(root, name))
		seen += !strcmp(name, "dir-calls") + !strcmp(name, "d") * 2;
	CHECK(seen == 3);
	CHECK(!readdir(file, name) && !readdir(0, name) && !readdir(1, name));
	CHECK(!readdir(99, name) && !readdir(-1, name));
	/* A directory's fd refuses the file calls. */
	CHECK(read(root, name, 4) == -1 && write(root, "x", 1) == -1 && filesize(root) == -1);
	CHECK(tell(root) == 0 && mmap((void *)0x10000000, 4096, 0, root, 0) == MAP_FAILED);
	close(root);
	CHECK(!readdir(root, name));
	close(file);
}

static void check_isdir_inumber(void)
{
	int d = open("d"), d2 = open("d/e/.."), f = open("f"), f2 = open("/d/../f");
	int root = open("/"), dot = open("."), e = open("d/e");
	CHECK(d >= 2 && d2 >= 2 && f >= 2 && f2 >= 2 && root >= 2 && dot >= 2 && e >= 2);
	CHECK(isdir(d) && isdir(root) && isdir(e) && !isdir(f) && !isdir(0) && !isdir(1));
	CHECK(!isdir(99) && !isdir(-1));
	CHECK(inumber(d) == inumber(d2) && inumber(f) == inumber(f2) && inumber(root) == inumber(dot));
	CHECK(inumber(d) != inumber(f) && inumber(d) != inumber(e) && inumber(root) != inumber(d));
	CHECK(inumber(d) > 0 && inumber(f) > 0 && inumber(root) > 0);
	CHECK(inumber(0) == -1 && inumber(99) == -1 && inumber(-1) == -1);
	int before = inumber(f);
	close(f);
	f = open("f");
	CHECK(inumber(f) == before);
	close(d);
	close(d2);
	close(f);
	close(f2);
	close(root);
	close(dot);
	close(e);
}

/* Runs body in a child and returns its exit status. */
static int in_child(const char *name, int (*body)(void))
{
	pid_t pid = fork(name);
	if (pid == 0)
		exit(body());
	return wait(pid);
}

/* In the child: d/g is its parent's working directory, so it cannot go. */
static int remove_parents_cwd(void)
{
	return chdir("/") && !remove("d/g") && !remove("/d/g") ? 0 : 1;
}

static void check_remove(void)
{
	CHECK(!remove("d") && !remove("/") && !remove("") && !remove(".") && !remove(".."));
	CHECK(!remove("nosuch") && !remove("f/x") && !remove("d/e/nosuch"));
	int e = open("d/e");
	CHECK(!remove("d/e"));                      /* open */
	close(e);
	CHECK(chdir("d/e") && !remove(".") && !remove("/d/e") && !remove("../e")); /* cwd */
	CHECK(chdir("/") && remove("d/e") && open("d/e") == -1 && !remove("d/e"));
	CHECK(chdir("d/g") && in_child("dir-calls-rm", remove_parents_cwd) == 0);
	CHECK(chdir("..") && remove("g") && chdir("/"));
	CHECK(!remove("boot") && !remove("EFI"));
}

/* In the child: the working directory came with fork. */
static int inherited_cwd(void)
{
	return holds("in-d", "in d") && chdir("/") ? 0 : 1;
}

/* In the child: a plain program name is a program of the root directory; one with a
 * '/' is a path from the working directory, which exec keeps (main checks it). */
static int exec_in_d(void)
{
	pid_t pid = fork("dir-calls-exec");
	if (pid == 0)
		exec("args plain-name-from-d");
	if (wait(pid) != 0)
		return 1;
	exec("../dir-calls after-exec");
	return 1;
}

/* In the child: chdir, then end; its working directory must be given back. */
static int chdir_and_exit(void)
{
	return chdir("/d") ? 0 : 1;
}

static void check_processes(void)
{
	CHECK(chdir("d") && in_child("dir-calls-fork", inherited_cwd) == 0 && holds("in-d", "in d"));
	CHECK(in_child("dir-calls-again", exec_in_d) == 0);
	CHECK(chdir("/"));
	/* More children than the disk server has clients (48): each gives its own back. */
	for (int i = 0; i < 50; i++)
		CHECK(in_child("dir-calls-exit", chdir_and_exit) == 0);
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "after-exec")) {
		CHECK(holds("in-d", "in d") && holds("../f", "file f"));
		printf("dir-calls: exec kept the working directory\n");
		return 0;
	}
	check_mkdir();
	check_chdir();
	check_readdir();
	check_isdir_inumber();
	check_remove();
	check_processes();
	printf("dir-calls: every directory rule holds\n");
	return 0;
}
