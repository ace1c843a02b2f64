/* Zero-fill: a 1 MiB BSS array is not in memory before it is touched, reads as zeros,
 * and keeps what is written to it. */
#include "check.h"

#define BYTES (1 << 20)
static unsigned char big[BYTES];

int main(void)
{
	CHECK(get_phys_addr(&big[0]) == NULL && get_phys_addr(&big[BYTES - 1]) == NULL);
	unsigned long sum = 0;
	for (int i = 0; i < BYTES; i += 512)
		sum += big[i];
	CHECK(sum == 0);
	CHECK(get_phys_addr(&big[BYTES / 2]) != NULL);
	for (int i = 0; i < BYTES; i += PAGE_SIZE)
		big[i] = (unsigned char)(i / PAGE_SIZE);
	for (int i = 0; i < BYTES; i += PAGE_SIZE)
		CHECK(big[i] == (unsigned char)(i / PAGE_SIZE) && big[i + 1] == 0);
	printf("zero-fill: %d pages read as zeros, then kept their values\n", BYTES / PAGE_SIZE);
	return 0;
}
