/* The disk server's page cache stays true to the file: a page written through write(),
 * through a writable mmap's write-back, or into a file removed and created again under
 * its name, is what a later exec or mmap of the file reads. Each exec of a copy of
 * page-cache-echo reads its marker page from the cache if it is stale. */
#include <string.h>

#include "check.h"

#define COPY "pc-prog"
#define MARKER "page-cache-marker:"
#define LETTERS 8
#define IMAGE_MAX (256 * 1024)
#define ADDR ((char *)0x20000000)

static char image[IMAGE_MAX];
static int image_size, marker_at; /* the marker's letters: image[marker_at..+LETTERS) */

static void load(const char *name)
{
	int fd = open(name);
	CHECK(fd >= 2);
	image_size = read(fd, image, IMAGE_MAX);
	CHECK(image_size > 0 && image_size < IMAGE_MAX);
	close(fd);
	for (int i = 0; i + (int)strlen(MARKER) + LETTERS <= image_size; i++) {
		if (!memcmp(image + i, MARKER, strlen(MARKER))) {
			marker_at = i + (int)strlen(MARKER);
			return;
		}
	}
	CHECK(!"marker found");
}

/* Runs the copy; returns the marker letter its exec read. */
static int run_copy(void)
{
	pid_t pid = fork("pc-run");
	if (pid == 0)
		exit(exec(COPY));
	return wait(pid);
}

/* COPY becomes a new file holding the image with its marker letters set to letter. */
static void put_copy(char letter)
{
	memset(image + marker_at, letter, LETTERS);
	remove(COPY);
	CHECK(create(COPY, 0));
	int fd = open(COPY);
	CHECK(fd >= 2);
	CHECK(write(fd, image, (unsigned)image_size) == image_size);
	close(fd);
}

/* Sets the copy's marker letters through write(). */
static void write_letters(char letter)
{
	char letters[LETTERS];
	memset(letters, letter, LETTERS);
	int fd = open(COPY);
	CHECK(fd >= 2);
	seek(fd, (unsigned)marker_at);
	CHECK(write(fd, letters, LETTERS) == LETTERS);
	close(fd);
}

/* The marker letter an mmap of the copy reads; with a letter, writes it through the
 * mapping first (written back at munmap). */
static char mmap_letter(char letter)
{
	int fd = open(COPY), page = marker_at / PAGE_SIZE * PAGE_SIZE;
	CHECK(fd >= 2);
	CHECK(mmap(ADDR, PAGE_SIZE, letter != 0, fd, page) == ADDR);
	char *at = ADDR + marker_at - page;
	if (letter)
		memset(at, letter, LETTERS);
	char seen = at[LETTERS - 1];
	munmap(ADDR);
	close(fd);
	return seen;
}

int main(void)
{
	load("page-cache-echo");
	put_copy('A');
	CHECK(run_copy() == 'A');
	write_letters('B');          /* DISK_WRITE over a page the exec read */
	CHECK(run_copy() == 'B');
	CHECK(mmap_letter('C') == 'C'); /* DISK_PAGE_WRITE at munmap */
	CHECK(run_copy() == 'C');
	put_copy('D');               /* removed, created again under its name */
	CHECK(run_copy() == 'D');
	CHECK(mmap_letter(0) == 'D');
	write_letters('E');          /* an mmap after a write() */
	CHECK(mmap_letter(0) == 'E');
	CHECK(run_copy() == 'E');
	remove(COPY);
	printf("page-cache: exec and mmap read what was written\n");
	return 0;
}
