/* A program whose initialised data segment (4 MiB) is twice the frame budget (run with
 * mem=2M): every page loads from the file, is changed, is evicted to swap (it is
 * anonymous once loaded) and comes back with the change. */
#include "check.h"

#define WORDS (4 << 20 >> 2)
static unsigned data[WORDS] = { [0 ... WORDS - 1] = 0x5a5a5a5a };

int main(void)
{
	for (unsigned i = 0; i < WORDS; i += 256)
		CHECK(data[i] == 0x5a5a5a5a);
	for (unsigned i = 0; i < WORDS; i += 256)
		data[i] = i;
	for (unsigned i = 0; i < WORDS; i += 256)
		CHECK(data[i] == i && data[i + 1] == 0x5a5a5a5a);
	printf("swap-data: a data segment twice the budget, loaded, changed, swapped, intact\n");
	return 0;
}
