/* Copy-on-write fork: after fork, parent and child share each page's frame (the same
 * frame identity); a write by either gets a private copy the other never sees, in both
 * directions. */
#include "check.h"

static int data_word = 1000;       /* .data: loaded from the file, then private */
static char bss_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

int main(void)
{
	bss_page[0] = 'p';
	CHECK(*(volatile int *)&data_word == 1000); /* brings the page in */
	void *data_frame = get_phys_addr(&data_word);
	void *bss_frame = get_phys_addr(bss_page);
	CHECK(data_frame && bss_frame);
	pid_t pid = fork("fork-cow-child");
	if (pid == 0) {
		CHECK(get_phys_addr(&data_word) == data_frame); /* shared until written */
		CHECK(get_phys_addr(bss_page) == bss_frame);
		CHECK(data_word == 1000 && bss_page[0] == 'p');
		data_word = 2000; /* the child writes: it gets a copy */
		CHECK(get_phys_addr(&data_word) != data_frame);
		CHECK(get_phys_addr(bss_page) == bss_frame);
		printf("child: data %d, bss '%c'\n", data_word, bss_page[0]);
		exit(7);
	}
	CHECK(pid > 0);
	bss_page[0] = 'P'; /* the parent writes: the child must not see it */
	CHECK(wait(pid) == 7);
	CHECK(data_word == 1000);
	CHECK(get_phys_addr(&data_word) == data_frame);
	printf("parent: data %d, bss '%c'\n", data_word, bss_page[0]);
	return 0;
}
