/* Lazy loading: the pages of a large read-only table are not in memory until touched;
 * touching one brings in that page only, with the file's bytes. */
#include "check.h"

#define TABLE_PAGES 16
/* Different bytes on every page, so a wrong page shows. */
#define ROW(i) [(i) * PAGE_SIZE] = (char)(0x40 + (i)), [(i) * PAGE_SIZE + PAGE_SIZE - 1] = (char)(0x60 + (i))
static const char table[TABLE_PAGES * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE))) = {
	ROW(0), ROW(1), ROW(2), ROW(3), ROW(4), ROW(5), ROW(6), ROW(7),
	ROW(8), ROW(9), ROW(10), ROW(11), ROW(12), ROW(13), ROW(14), ROW(15),
};

int main(void)
{
	for (int i = 0; i < TABLE_PAGES; i++)
		CHECK(get_phys_addr(&table[i * PAGE_SIZE]) == NULL);
	volatile const char *t = table;
	CHECK(t[5 * PAGE_SIZE] == 0x45 && t[6 * PAGE_SIZE - 1] == 0x65);
	CHECK(get_phys_addr(&table[5 * PAGE_SIZE]) != NULL);
	for (int i = 0; i < TABLE_PAGES; i++)
		CHECK(i == 5 || get_phys_addr(&table[i * PAGE_SIZE]) == NULL);
	for (int i = 0; i < TABLE_PAGES; i++)
		CHECK(t[i * PAGE_SIZE] == 0x40 + i && t[i * PAGE_SIZE + PAGE_SIZE - 1] == 0x60 + i);
	printf("lazy-load: %d pages, each loaded on its first touch\n", TABLE_PAGES);
	return 0;
}
