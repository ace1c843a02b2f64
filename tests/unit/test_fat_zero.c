/* Host unit tests of pending zeros in the FAT32 library (disk/fat/file.c): a large create
 * reads as zeros at once without the device, its zeros reach the disk a step at a time
 * (consistent for fsck.fat at every sync), writes beyond them wait for the zeros before
 * them (FAT_EAGAIN), their clusters are reserved, and a removed file drops them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "fat_host.h"

#define MIB 64
#define BIG (10u << 20)
/* Device calls one step may make: the zeros in one run, and the FAT sectors the chain's
 * end and its new clusters lie in, swapped in the one-sector FAT cache (read, written
 * back to both copies) as the chain grows and is walked: 18 for steps in a row, more
 * when a read moved the chain's cursor away or the step is a file's last (a sync). */
#define STEP_OPS 40

static struct mounted m;
static const char *img;
static uint8_t buf[BIG];

/* Steps until no pending zeros remain; returns the steps taken (-1 on an error). */
static long zero_all(struct fat_fs *fs)
{
	bool more = true;
	long steps = 0;
	while (more) {
		long ops = m.h.ops;
		if (fat_zero_step(fs, &more) != FAT_OK)
			return -1;
		CHECK(m.h.ops - ops <= STEP_OPS);
		steps++;
	}
	return steps;
}

/* Whether bytes [off, off + n) of node read as zeros (n <= sizeof buf). */
static bool reads_zeros(struct fat_node *n, uint64_t off, uint32_t len)
{
	uint32_t done;
	memset(buf, 0xAA, len);
	if (fat_read(&m.fs, n, off, buf, len, &done) != FAT_OK || done != len)
		return false;
	for (uint32_t i = 0; i < len; i++)
		if (buf[i])
			return false;
	return true;
}

/* A large create writes only its entry; reads see zeros without the device; a sync in
 * between leaves a shorter file of zeros; the steps then write them all. */
static void test_create(void)
{
	check_case("create");
	struct fat_node *n;
	REQUIRE(mount_file(&m, img) == FAT_OK);
	uint32_t before = fat_free_clusters(&m.fs);
	long ops = m.h.ops;
	CHECK(fat_create(&m.fs, "big.bin", BIG) == FAT_OK);
	CHECK(m.h.ops - ops < 20);
	CHECK(fat_zero_files(&m.fs) == 1 && fat_free_clusters(&m.fs) == before);
	CHECK(fat_create(&m.fs, "BIG.BIN", BIG) == FAT_EEXIST);
	REQUIRE(fat_open(&m.fs, "big.bin", &n) == FAT_OK);
	CHECK(fat_size(n) == BIG);
	ops = m.h.ops;
	CHECK(reads_zeros(n, 0, 4096) && reads_zeros(n, BIG / 2 + 3, 5000));
	CHECK(reads_zeros(n, BIG - 1, 1) && reads_zeros(n, 0, BIG));
	CHECK(m.h.ops == ops);
	bool more;
	for (int i = 0; i < 5; i++)
		CHECK(fat_zero_step(&m.fs, &more) == FAT_OK && more);
	CHECK(fat_sync_clean(&m.fs) == FAT_OK);
	CHECK(fsck_clean(img));
	CHECK(host_file_equals(img, "big.bin", buf, 5 * FAT_ZERO_STEP));
	CHECK(reads_zeros(n, 0, BIG));
	CHECK(zero_all(&m.fs) == BIG / FAT_ZERO_STEP - 5);
	CHECK(fat_zero_files(&m.fs) == 0 && fat_free_clusters(&m.fs) == before - BIG / 512);
	CHECK(fat_size(n) == BIG && reads_zeros(n, 0, BIG));
	CHECK(fat_close(&m.fs, n) == FAT_OK);
	CHECK(unmount(&m) == FAT_OK);
	CHECK(fsck_clean(img));
	memset(buf, 0, BIG);
	CHECK(host_file_equals(img, "big.bin", buf, BIG));
	CHECK(sh("mdel -i '%s' ::/big.bin", img) == 0);
}

/* Writes beyond the data on disk wait (FAT_EAGAIN) for the zeros before them, a step
 * per call; past the end they extend the pending zeros; the pager's page writes too. */
static void test_write(void)
{
	check_case("write");
	static uint8_t want[BIG / 2 + 3];
	struct fat_node *n;
	uint32_t done;
	int again = 0;
	enum fat_err e;
	REQUIRE(mount_file(&m, img) == FAT_OK);
	CHECK(fat_create(&m.fs, "w.bin", BIG / 4) == FAT_OK);
	REQUIRE(fat_open(&m.fs, "w.bin", &n) == FAT_OK);
	while ((e = fat_write(&m.fs, n, (1 << 20) + 5, "abc", 3, &done)) == FAT_EAGAIN)
		CHECK(done == 0 && again++ < 100);
	CHECK(e == FAT_OK && done == 3 && again == 16 && fat_size(n) == BIG / 4);
	memcpy(want + (1 << 20) + 5, "abc", 3);
	for (again = 0; (e = fat_write(&m.fs, n, BIG / 2, "xyz", 3, &done)) == FAT_EAGAIN;)
		CHECK(again++ < 200);
	CHECK(e == FAT_OK && fat_size(n) == BIG / 2 + 3 && fat_zero_files(&m.fs) == 0);
	memcpy(want + BIG / 2, "xyz", 3);
	static uint8_t page[FAT_PAGE_SIZE];
	memset(page, 0x5A, sizeof page);
	CHECK(fat_create(&m.fs, "p.bin", BIG / 4) == FAT_OK);
	struct fat_node *p;
	REQUIRE(fat_open(&m.fs, "p.bin", &p) == FAT_OK);
	for (again = 0; (e = fat_page_write(&m.fs, p, 1 << 20, page, ~0ull, &done)) == FAT_EAGAIN;)
		CHECK(again++ < 100);
	CHECK(e == FAT_OK && done == FAT_PAGE_SIZE && fat_size(p) == BIG / 4);
	CHECK(reads_zeros(p, 0, 1 << 20) && reads_zeros(p, (1 << 20) + FAT_PAGE_SIZE, 4096));
	CHECK(zero_all(&m.fs) > 0);
	CHECK(fat_close(&m.fs, n) == FAT_OK && fat_close(&m.fs, p) == FAT_OK);
	CHECK(unmount(&m) == FAT_OK);
	CHECK(fsck_clean(img));
	CHECK(host_file_equals(img, "w.bin", want, sizeof want));
	CHECK(sh("mdel -i '%s' ::/w.bin ::/p.bin", img) == 0);
}

/* Pending zeros reserve their clusters: other allocations cannot take them, and a
 * create that does not fit beside them fails at once. */
static void test_reserve(void)
{
	check_case("reserve");
	struct fat_node *n;
	uint32_t done;
	REQUIRE(mount_file(&m, img) == FAT_OK);
	CHECK(fat_create(&m.fs, "room.bin", 0) == FAT_OK);
	REQUIRE(fat_open(&m.fs, "room.bin", &n) == FAT_OK);
	uint32_t free = fat_free_clusters(&m.fs);
	CHECK(fat_create(&m.fs, "most.bin", (free - 100) * 512) == FAT_OK);
	/* 100 clusters are left for others, less any the directory took for the entry. */
	uint32_t left = fat_free_clusters(&m.fs) - m.fs.reserved;
	CHECK(left <= 100 && left >= 98);
	CHECK(fat_create(&m.fs, "more.bin", (left + 1) * 512) == FAT_ENOSPC);
	CHECK(fat_write(&m.fs, n, 0, buf, (left + 1) * 512, &done) == FAT_ENOSPC && done == 0);
	CHECK(fat_write(&m.fs, n, 0, buf, left * 512, &done) == FAT_OK);
	CHECK(zero_all(&m.fs) > 0);
	CHECK(fat_free_clusters(&m.fs) == 0 && m.fs.reserved == 0);
	CHECK(fat_close(&m.fs, n) == FAT_OK);
	CHECK(fat_remove(&m.fs, "most.bin") == FAT_OK && fat_remove(&m.fs, "room.bin") == FAT_OK);
	CHECK(fat_free_clusters(&m.fs) == free - (100 - left));
	CHECK(unmount(&m) == FAT_OK);
	CHECK(fsck_clean(img));
}

/* FAT_ZERO_FILES files with pending zeros at once: one more waits for a slot, each
 * try writing a step of the first file's zeros. */
static void test_limit(void)
{
	check_case("limit");
	char name[32];
	enum fat_err e;
	int tries = 0;
	REQUIRE(mount_file(&m, img) == FAT_OK);
	for (int i = 0; i < FAT_ZERO_FILES; i++) {
		snprintf(name, sizeof name, "f%d", i);
		CHECK(fat_create(&m.fs, name, 4 * FAT_ZERO_STEP) == FAT_OK);
	}
	CHECK(fat_create(&m.fs, "small", FAT_ZERO_STEP) == FAT_OK);
	while ((e = fat_create(&m.fs, "late", 2 * FAT_ZERO_STEP)) == FAT_EAGAIN)
		tries++;
	CHECK(e == FAT_OK && tries == 4 && fat_zero_files(&m.fs) == FAT_ZERO_FILES);
	CHECK(zero_all(&m.fs) == (FAT_ZERO_FILES - 1) * 4 + 2);
	CHECK(unmount(&m) == FAT_OK);
	CHECK(fsck_clean(img));
}

/* A removed file's pending zeros: dropped with the file when nothing has it open, kept
 * readable while a handle has (and written, harmlessly), freed at its last close. */
static void test_remove(void)
{
	check_case("remove");
	struct fat_node *n;
	bool more;
	REQUIRE(mount_file(&m, img) == FAT_OK);
	CHECK(fat_create(&m.fs, "gone", BIG) == FAT_OK);
	uint32_t free = fat_free_clusters(&m.fs);
	CHECK(fat_zero_step(&m.fs, &more) == FAT_OK && more);
	CHECK(fat_remove(&m.fs, "gone") == FAT_OK);
	CHECK(fat_zero_files(&m.fs) == 0 && fat_free_clusters(&m.fs) == free);
	CHECK(m.fs.reserved == 0);
	CHECK(fat_create(&m.fs, "held", BIG) == FAT_OK);
	free = fat_free_clusters(&m.fs);
	REQUIRE(fat_open(&m.fs, "held", &n) == FAT_OK);
	CHECK(fat_remove(&m.fs, "held") == FAT_OK && fat_zero_files(&m.fs) == 1);
	CHECK(fat_size(n) == BIG && reads_zeros(n, BIG - 4096, 4096));
	CHECK(fat_zero_step(&m.fs, &more) == FAT_OK && more);
	CHECK(fat_close(&m.fs, n) == FAT_OK);
	CHECK(fat_zero_files(&m.fs) == 0 && fat_free_clusters(&m.fs) == free);
	CHECK(fat_create(&m.fs, "held", 1) == FAT_OK && fat_remove(&m.fs, "held") == FAT_OK);
	CHECK(unmount(&m) == FAT_OK);
	CHECK(fsck_clean(img));
}

int main(void)
{
	tmp_init();
	img = strdup(tmp_path("fat.img"));
	if (!make_image(img, MIB, 1))
		return 1;
	test_create();
	test_write();
	test_reserve();
	test_limit();
	test_remove();
	tmp_cleanup();
	return check_exit("fat-zero");
}
