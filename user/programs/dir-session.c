/* Issue 13's bar, without the shell: a session that makes a directory, works in it,
 * writes a file there and reads it back, lists it, goes back up and removes the file by
 * a path, then lists the directory again. The programs (mkdir, cat, ls, rm) run as their
 * own processes and start in this one's working directory, as the shell's would. */
#include "check.h"
#include "steps.h"

int main(void)
{
	CHECK(step_run("mkdir d") == 0);
	printf("$ cd d\n");
	CHECK(chdir("d"));
	printf("$ write f hello\n");
	int fd = create("f", 0) ? open("f") : -1;
	CHECK(fd >= 2 && write(fd, "hello\n", 6) == 6);
	close(fd);
	CHECK(step_run("cat f") == 0);
	CHECK(step_run("ls") == 0);
	printf("$ cd ..\n");
	CHECK(chdir(".."));
	CHECK(step_run("rm d/f") == 0);
	CHECK(step_run("ls d") == 0);
	return 0;
}
