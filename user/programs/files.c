/* The file calls' rules: create refuses an existing name and reports success; open of a
 * missing file is -1; each open is its own fd with its own offset; filesize, seek past
 * the end, tell; read at the end returns 0; the console fds refuse the wrong direction;
 * close of a bad fd is harmless; remove works while the file is open (the fd keeps the
 * data) and the name is gone at once. */
#include <string.h>

#include "check.h"

int main(void)
{
	char buf[16];
	CHECK(create("notes.txt", 0));
	CHECK(!create("notes.txt", 0));
	CHECK(open("missing.txt") == -1);
	int a = open("notes.txt"), b = open("notes.txt");
	CHECK(a >= 2 && b >= 2 && a != b);
	CHECK(write(a, "hello, files", 12) == 12);
	CHECK(filesize(b) == 12 && tell(a) == 12 && tell(b) == 0);
	CHECK(read(b, buf, 5) == 5 && !memcmp(buf, "hello", 5) && tell(b) == 5);
	seek(b, 12);
	CHECK(read(b, buf, sizeof buf) == 0);
	seek(a, 20); /* past the end: the gap reads as zeros */
	CHECK(write(a, "!", 1) == 1 && filesize(a) == 21);
	seek(b, 12);
	CHECK(read(b, buf, 9) == 9 && buf[0] == 0 && buf[7] == 0 && buf[8] == '!');
	CHECK(write(0, "x", 1) == -1);
	CHECK(read(1, buf, 1) == -1);
	close(99);
	close(-5);
	CHECK(remove("notes.txt"));
	CHECK(open("notes.txt") == -1 && !remove("notes.txt"));
	seek(a, 0);
	CHECK(read(a, buf, 5) == 5 && !memcmp(buf, "hello", 5));
	close(a);
	close(b);
	CHECK(read(a, buf, 1) == -1);
	CHECK(create("sized.bin", 5000));
	int c = open("sized.bin");
	CHECK(c >= 2 && filesize(c) == 5000 && read(c, buf, 4) == 4 && !memcmp(buf, "\0\0\0\0", 4));
	printf("files: every file rule holds\n");
	return 0;
}
