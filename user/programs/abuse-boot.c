/* The boot files are the system's: a program may read boot/ and EFI/ but not create,
 * write, remove or map them writable there, however it spells the path; the rest of
 * the disk stays its own. */
#include <string.h>

#include "check.h"

static const char *const creates[] = {
	"boot/evil.cfg", "/boot/evil.cfg", "./BOOT/evil.cfg", "Boot./evil.cfg",
	"efi/boot/evil.efi", "x/../boot/evil.cfg", "EFI/evil",
};
static const char *const removes[] = {
	"boot/boot.cfg", "BOOT/KERNEL.ELF", "efi/boot/bootx64.efi", "/EFI/BOOT/BOOTX64.EFI",
	"boot", "EFI", "./boot/../boot/boot.cfg",
};

int main(void)
{
	static char before[512], after[512];
	int fd = open("boot/boot.cfg");
	CHECK(fd >= 2);
	int n = read(fd, before, sizeof before);
	CHECK(n > 0);
	CHECK(write(fd, "run evil\n", 9) <= 0);
	CHECK(mmap((void *)0x10000000, 4096, 1, fd, 0) == MAP_FAILED);
	CHECK(mmap((void *)0x10000000, 4096, 0, fd, 0) == (void *)0x10000000); /* reading: fine */
	close(fd);
	for (unsigned i = 0; i < sizeof creates / sizeof creates[0]; i++)
		CHECK(!create(creates[i], 0));
	for (unsigned i = 0; i < sizeof removes / sizeof removes[0]; i++)
		CHECK(!remove(removes[i]));
	fd = open("boot/boot.cfg");
	CHECK(fd >= 2 && read(fd, after, sizeof after) == n && !memcmp(before, after, (size_t)n));
	CHECK(create("bootleg.txt", 0) && remove("bootleg.txt")); /* not under boot/ */
	printf("abuse-boot: boot/ and EFI/ refused every change\n");
	return 0;
}
