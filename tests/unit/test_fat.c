/* Host unit tests of the FAT32 library (disk/fat): mounting fresh images, reading what
 * mtools wrote, create/write/read/grow/remove with Pintos semantics, names, pages for the
 * pager, and what fsck.fat and mtools make of the result. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "fat_host.h"

#define MIB 64
#define BIG (100 * 1024)

static struct mounted m;
static const char *img;

static void test_mount_fresh(void)
{
	check_case("mount-fresh");
	REQUIRE(mount_file(&m, img) == FAT_OK);
	CHECK(fat_cluster_bytes(&m.fs) == 512);
	/* Everything but the root directory's cluster is free. */
	CHECK(fat_free_clusters(&m.fs) == m.fs.clusters - 1);
	struct fat_node *n;
	CHECK(fat_open(&m.fs, "nothing", &n) == FAT_ENOENT);
	CHECK(fat_open(&m.fs, "/", &n) == FAT_EINVAL);
	CHECK(unmount(&m) == FAT_OK);
}

/* Files put in by mcopy: long names, subdirectories, several clusters, an empty one. */
static void test_read_mcopy(void)
{
	check_case("read-mcopy");
	static uint8_t want[BIG], got[BIG + 1];
	const char *host = tmp_path("host.bin");
	CHECK(sh("mmd -i '%s' ::/sub '::/sub/deeper dir'", img) == 0);
	const struct { const char *path; size_t size; } files[] = {
		{"Long File Name Here.txt", 3000},
		{"sub/deeper dir/data.bin", BIG},
		{"SHORT.TXT", 700},
		{"empty", 0},
		{"sub/lower.c", 512},
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		CHECK(write_host_file(host, files[i].size, (uint32_t)i));
		CHECK(sh("mcopy -i '%s' '%s' '::/%s'", img, host, files[i].path) == 0);
	}
	REQUIRE(mount_file(&m, img) == FAT_OK);
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		enum fat_err e;
		pattern(want, files[i].size, (uint32_t)i);
		long n = read_all(&m.fs, files[i].path, got, sizeof got, &e);
		CHECK(n == (long)files[i].size && memcmp(got, want, files[i].size) == 0);
		if (n != (long)files[i].size)
			fprintf(stderr, "  %s: %ld bytes, %s\n", files[i].path, n, fat_err_name(e));
	}
	enum fat_err e;
	pattern(want, 3000, 0);
	CHECK(read_all(&m.fs, "LONG file NAME here.TXT", got, sizeof got, &e) == 3000);
	CHECK(read_all(&m.fs, "/LONGFI~1.TXT", got, sizeof got, &e) == 3000);
	CHECK(read_all(&m.fs, "//SUB//Deeper Dir/DATA.BIN", got, sizeof got, &e) == BIG);

	/* Reads at odd offsets and lengths, and past the end. */
	struct fat_node *n;
	uint32_t done;
	pattern(want, BIG, 1);
	REQUIRE(fat_open(&m.fs, "sub/deeper dir/data.bin", &n) == FAT_OK);
	for (uint32_t off = 0; off < BIG; off += 7919) {
		uint32_t len = (off * 31) % 5000 + 1;
		CHECK(fat_read(&m.fs, n, off, got, len, &done) == FAT_OK);
		uint32_t expect = off + len > BIG ? BIG - off : len;
		CHECK(done == expect && memcmp(got, want + off, expect) == 0);
	}
	CHECK(fat_read(&m.fs, n, BIG, got, 10, &done) == FAT_OK && done == 0);
	CHECK(fat_read(&m.fs, n, 1ull << 40, got, 10, &done) == FAT_OK && done == 0);
	CHECK(fat_close(&m.fs, n) == FAT_OK);
	CHECK(fat_open(&m.fs, "sub", &n) == FAT_EISDIR);
	CHECK(fat_open(&m.fs, "SHORT.TXT/x", &n) == FAT_ENOTDIR);
	CHECK(fat_open(&m.fs, "nosuch/x", &n) == FAT_ENOENT);
	CHECK(unmount(&m) == FAT_OK);
}

/* Content of the files this program writes, for the host to compare. */
static uint8_t grown[20000];

static void test_create_write_read(void)
{
	check_case("create-write-read");
	static uint8_t buf[20000], zero[20000];
	struct fat_node *n, *n2;
	uint32_t done, before;
	REQUIRE(mount_file(&m, img) == FAT_OK);
	before = fat_free_clusters(&m.fs);
	CHECK(fat_create(&m.fs, "zeros.bin", 10000) == FAT_OK);
	CHECK(fat_free_clusters(&m.fs) == before - 20);
	CHECK(fat_create(&m.fs, "ZEROS.BIN", 1) == FAT_EEXIST);
	CHECK(fat_create(&m.fs, "zeros.bin", 0) == FAT_EEXIST);
	CHECK(fat_free_clusters(&m.fs) == before - 20);
	REQUIRE(fat_open(&m.fs, "zeros.bin", &n) == FAT_OK && fat_size(n) == 10000);
	memset(buf, 0xAA, sizeof buf);
	CHECK(fat_read(&m.fs, n, 0, buf, sizeof buf, &done) == FAT_OK && done == 10000);
	CHECK(memcmp(buf, zero, 10000) == 0);
	CHECK(fat_close(&m.fs, n) == FAT_OK);

	/* Grow from empty: a write past the end leaves zeros in the gap. */
	CHECK(fat_create(&m.fs, "grown.bin", 0) == FAT_OK);
	REQUIRE(fat_open(&m.fs, "grown.bin", &n) == FAT_OK && fat_size(n) == 0);
	REQUIRE(fat_open(&m.fs, "GROWN.BIN", &n2) == FAT_OK && n2 == n);
	pattern(buf, sizeof buf, 7);
	CHECK(fat_write(&m.fs, n, 100, buf, 300, &done) == FAT_OK && done == 300);
	memcpy(grown + 100, buf, 300);
	CHECK(fat_size(n2) == 400);
	CHECK(fat_write(&m.fs, n2, 5000, buf + 1000, 7000, &done) == FAT_OK && done == 7000);
	memcpy(grown + 5000, buf + 1000, 7000);
	CHECK(fat_write(&m.fs, n, 1023, buf + 9000, 2000, &done) == FAT_OK);
	memcpy(grown + 1023, buf + 9000, 2000);
	CHECK(fat_write(&m.fs, n, 12000, buf, 8000, &done) == FAT_OK && fat_size(n) == 20000);
	memcpy(grown + 12000, buf, 8000);
	CHECK(fat_write(&m.fs, n, 0, buf, 0, &done) == FAT_OK && done == 0);
	CHECK(fat_write(&m.fs, n, FAT_FILE_MAX, buf, 1, &done) == FAT_EFBIG && done == 0);
	CHECK(fat_size(n) == 20000);
	memset(buf, 0, sizeof buf);
	CHECK(fat_read(&m.fs, n2, 0, buf, sizeof buf, &done) == FAT_OK && done == 20000);
	CHECK(memcmp(buf, grown, sizeof grown) == 0);
	CHECK(fat_close(&m.fs, n) == FAT_OK);
	CHECK(fat_close(&m.fs, n2) == FAT_OK);
	CHECK(unmount(&m) == FAT_OK);

	/* Still there after a remount. */
	enum fat_err e;
	REQUIRE(mount_file(&m, img) == FAT_OK);
	CHECK(read_all(&m.fs, "grown.bin", buf, sizeof buf, &e) == 20000);
	CHECK(memcmp(buf, grown, sizeof grown) == 0);
	CHECK(unmount(&m) == FAT_OK);
}

static char name255[FAT_NAME_MAX + 2];

static void test_names(void)
{
	check_case("names");
	static const char *ok_names[] = {"b", "abcdefghij.txt", "with space.and.dots.tar.gz",
					 ".hidden", "h\xc3\xa9llo w\xc3\xb6rld.txt", "UPPER.TXT",
					 "mixed.Txt", "a+b,c;d=e[f].x"};
	struct fat_node *n;
	REQUIRE(mount_file(&m, img) == FAT_OK);
	for (size_t i = 0; i < sizeof ok_names / sizeof ok_names[0]; i++) {
		CHECK(fat_create(&m.fs, ok_names[i], (uint32_t)i) == FAT_OK);
		REQUIRE(fat_open(&m.fs, ok_names[i], &n) == FAT_OK && fat_size(n) == i);
		CHECK(fat_close(&m.fs, n) == FAT_OK);
	}
	CHECK(strlen("abcdefghij.txt") == 14);
	memset(name255, 'n', FAT_NAME_MAX);
	name255[FAT_NAME_MAX] = '\0';
	CHECK(fat_create(&m.fs, name255, 5) == FAT_OK);
	REQUIRE(fat_open(&m.fs, name255, &n) == FAT_OK && fat_size(n) == 5);
	CHECK(fat_close(&m.fs, n) == FAT_OK);
	name255[FAT_NAME_MAX] = 'n';
	CHECK(fat_create(&m.fs, name255, 5) == FAT_ENAMETOOLONG);
	CHECK(fat_open(&m.fs, name255, &n) == FAT_ENAMETOOLONG);
	name255[FAT_NAME_MAX] = '\0';

	static const char *bad[] = {"a*b", "a?", "x:y", "q\"", "<", "t\x01", "trail.", "trail ",
				    "...", "bad\xff", "\xc0\xaf", "\xed\xa0\x80", "four\xf0\x9f\x98\x80"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK(fat_create(&m.fs, bad[i], 0) == FAT_EINVAL);
	CHECK(fat_create(&m.fs, "", 0) == FAT_EEXIST);
	CHECK(fat_create(&m.fs, ".", 0) == FAT_EEXIST && fat_create(&m.fs, "..", 0) == FAT_EEXIST);
	CHECK(fat_create(&m.fs, "B", 0) == FAT_EEXIST);
	CHECK(fat_create(&m.fs, "nodir/x", 0) == FAT_ENOENT);
	CHECK(fat_remove(&m.fs, "nosuch") == FAT_ENOENT);

	/* Many long names with one prefix get distinct short names (~1, ~2, ... ~10 ...). */
	char name[64];
	for (int i = 0; i < 30; i++) {
		snprintf(name, sizeof name, "samePrefixName_%d.data", i);
		CHECK(fat_create(&m.fs, name, (uint32_t)i * 100) == FAT_OK);
	}
	for (int i = 0; i < 30; i++) {
		snprintf(name, sizeof name, "SAMEPREFIXNAME_%d.DATA", i);
		REQUIRE(fat_open(&m.fs, name, &n) == FAT_OK && fat_size(n) == (uint32_t)i * 100);
		CHECK(fat_close(&m.fs, n) == FAT_OK);
	}
	CHECK(unmount(&m) == FAT_OK);
	CHECK(fsck_clean(img));
	CHECK(host_file_equals(img, name255, (const uint8_t *)"\0\0\0\0\0", 5));
	CHECK(host_file_equals(img, "abcdefghij.txt", (const uint8_t *)"\0", 1));
	CHECK(sh("mdir -i '%s' -b ::/ | grep -qi 'sameprefixname_29.data'", img) == 0);
}

/* Pintos semantics: a removed file lives on through its open node until the last close. */
static void test_remove_while_open(void)
{
	check_case("remove-while-open");
	static uint8_t buf[6000], back[6000];
	struct fat_node *a, *b, *c;
	uint32_t done;
	REQUIRE(mount_file(&m, img) == FAT_OK);
	uint32_t before = fat_free_clusters(&m.fs);
	CHECK(fat_create(&m.fs, "doomed.txt", 1000) == FAT_OK);
	REQUIRE(fat_open(&m.fs, "doomed.txt", &a) == FAT_OK);
	fat_dup(a);
	b = a;
	pattern(buf, sizeof buf, 3);
	CHECK(fat_write(&m.fs, a, 0, buf, 3000, &done) == FAT_OK);
	CHECK(fat_remove(&m.fs, "doomed.txt") == FAT_OK);
	CHECK(fat_open(&m.fs, "doomed.txt", &c) == FAT_ENOENT);
	CHECK(fat_remove(&m.fs, "doomed.txt") == FAT_ENOENT);
	CHECK(fat_write(&m.fs, b, 3000, buf + 3000, 3000, &done) == FAT_OK && fat_size(a) == 6000);
	CHECK(fat_read(&m.fs, a, 0, back, sizeof back, &done) == FAT_OK && done == 6000);
	CHECK(memcmp(back, buf, sizeof buf) == 0);
	CHECK(fat_free_clusters(&m.fs) == before - 12);

	/* A new file of the same name is a different file. */
	CHECK(fat_create(&m.fs, "doomed.txt", 10) == FAT_OK);
	REQUIRE(fat_open(&m.fs, "doomed.txt", &c) == FAT_OK && c != a && fat_size(c) == 10);
	CHECK(fat_close(&m.fs, c) == FAT_OK);
	CHECK(fat_remove(&m.fs, "doomed.txt") == FAT_OK);
	CHECK(fat_close(&m.fs, a) == FAT_OK);
	CHECK(fat_free_clusters(&m.fs) == before - 12);
	CHECK(fat_read(&m.fs, b, 5000, back, 10, &done) == FAT_OK && done == 10);
	CHECK(fat_close(&m.fs, b) == FAT_OK);
	CHECK(fat_free_clusters(&m.fs) == before);
	CHECK(unmount(&m) == FAT_OK);
	CHECK(fsck_clean(img));
}

static void test_dirs(void)
{
	check_case("dirs");
	struct fat_node *n;
	uint32_t done;
	REQUIRE(mount_file(&m, img) == FAT_OK);
	uint32_t before = fat_free_clusters(&m.fs);
	CHECK(fat_mkdir(&m.fs, "made dir") == FAT_OK);
	CHECK(fat_mkdir(&m.fs, "MADE DIR") == FAT_EEXIST);
	CHECK(fat_mkdir(&m.fs, "made dir/inner") == FAT_OK);
	CHECK(fat_create(&m.fs, "made dir/inner/file.txt", 0) == FAT_OK);
	REQUIRE(fat_open(&m.fs, "made dir/inner/file.txt", &n) == FAT_OK);
	CHECK(fat_write(&m.fs, n, 0, "hello, fat\n", 11, &done) == FAT_OK);
	CHECK(fat_close(&m.fs, n) == FAT_OK);
	CHECK(fat_remove(&m.fs, "made dir") == FAT_ENOTEMPTY);
	CHECK(fat_remove(&m.fs, "made dir/inner") == FAT_ENOTEMPTY);
	/* Enough entries to grow a directory over several clusters. */
	char name[64];
	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof name, "made dir/entry number %d", i);
		CHECK(fat_create(&m.fs, name, 0) == FAT_OK);
	}
	CHECK(unmount(&m) == FAT_OK);
	CHECK(fsck_clean(img));
	CHECK(host_file_equals(img, "made dir/inner/file.txt", (const uint8_t *)"hello, fat\n", 11));
	CHECK(host_file_equals(img, "made dir/entry number 39", (const uint8_t *)"", 0));
	REQUIRE(mount_file(&m, img) == FAT_OK);
	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof name, "made dir/entry number %d", i);
		CHECK(fat_remove(&m.fs, name) == FAT_OK);
	}
	CHECK(fat_remove(&m.fs, "made dir/inner/file.txt") == FAT_OK);
	CHECK(fat_remove(&m.fs, "made dir/inner") == FAT_OK);
	CHECK(fat_remove(&m.fs, "made dir") == FAT_OK);
	CHECK(fat_open(&m.fs, "made dir/inner/file.txt", &n) == FAT_ENOENT);
	/* The grown directory keeps its clusters only while it exists. */
	CHECK(fat_free_clusters(&m.fs) == before);
	CHECK(unmount(&m) == FAT_OK);
	CHECK(fsck_clean(img));
}

/* Where the pages of n (holding data[0..5000)) lie: consecutive sectors that hold them,
 * none past the end; a page whose clusters are apart has no extent. */
static void check_extents(struct fat_node *n, const uint8_t *data)
{
	static uint8_t sectors[FAT_PAGE_SIZE];
	uint64_t lba;
	uint32_t bytes, done;
	const struct fat_blockdev *dev = m.fs.dev;
	CHECK(fat_page_extent(&m.fs, n, 0, &lba, &bytes) == FAT_OK && lba && bytes == 4096);
	CHECK(dev->read(dev->ctx, lba, 8, sectors) == 0 && memcmp(sectors, data, 4096) == 0);
	CHECK(fat_page_extent(&m.fs, n, 4096, &lba, &bytes) == FAT_OK && lba && bytes == 904);
	CHECK(dev->read(dev->ctx, lba, 2, sectors) == 0 && memcmp(sectors, data + 4096, 904) == 0);
	CHECK(fat_page_extent(&m.fs, n, 8192, &lba, &bytes) == FAT_OK && !lba && !bytes);
	struct fat_node *a, *b;
	CHECK(fat_create(&m.fs, "apart-a", 0) == FAT_OK && fat_create(&m.fs, "apart-b", 0) == FAT_OK);
	REQUIRE(fat_open(&m.fs, "apart-a", &a) == FAT_OK);
	REQUIRE(fat_open(&m.fs, "apart-b", &b) == FAT_OK);
	CHECK(fat_write(&m.fs, a, 0, data, FAT_SECTOR_SIZE, &done) == FAT_OK);
	CHECK(fat_write(&m.fs, b, 0, data, FAT_SECTOR_SIZE, &done) == FAT_OK);
	CHECK(fat_write(&m.fs, a, FAT_SECTOR_SIZE, data, FAT_SECTOR_SIZE, &done) == FAT_OK);
	CHECK(fat_page_extent(&m.fs, a, 0, &lba, &bytes) == FAT_OK && !lba && bytes == 1024);
	CHECK(fat_close(&m.fs, a) == FAT_OK && fat_close(&m.fs, b) == FAT_OK);
	CHECK(fat_remove(&m.fs, "apart-a") == FAT_OK && fat_remove(&m.fs, "apart-b") == FAT_OK);
}

static void test_pages(void)
{
	check_case("pages");
	static uint8_t data[5000], page[FAT_PAGE_SIZE], want[FAT_PAGE_SIZE];
	struct fat_node *n;
	uint32_t done;
	REQUIRE(mount_file(&m, img) == FAT_OK);
	CHECK(fat_create(&m.fs, "paged.bin", 0) == FAT_OK);
	REQUIRE(fat_open(&m.fs, "paged.bin", &n) == FAT_OK);
	pattern(data, sizeof data, 11);
	CHECK(fat_write(&m.fs, n, 0, data, sizeof data, &done) == FAT_OK);
	CHECK(fat_page_read(&m.fs, n, 0, page) == FAT_OK && memcmp(page, data, FAT_PAGE_SIZE) == 0);
	memset(want, 0, sizeof want);
	memcpy(want, data + 4096, 904);
	CHECK(fat_page_read(&m.fs, n, 4096, page) == FAT_OK && memcmp(page, want, sizeof want) == 0);
	memset(want, 0, sizeof want);
	CHECK(fat_page_read(&m.fs, n, 8192, page) == FAT_OK && memcmp(page, want, sizeof want) == 0);
	check_extents(n, data);

	/* Write-back never grows the file and stops at the limit. */
	memset(page, 0x5A, sizeof page);
	CHECK(fat_page_write(&m.fs, n, 4096, page, 4500, &done) == FAT_OK && done == 404);
	memset(data + 4096, 0x5A, 404);
	CHECK(fat_page_write(&m.fs, n, 0, page, 1u << 20, &done) == FAT_OK && done == 4096);
	memset(data, 0x5A, 4096);
	CHECK(fat_page_write(&m.fs, n, 8192, page, 1u << 20, &done) == FAT_OK && done == 0);
	CHECK(fat_size(n) == sizeof data);
	CHECK(fat_close(&m.fs, n) == FAT_OK);
	CHECK(unmount(&m) == FAT_OK);
	CHECK(fsck_clean(img));
	CHECK(host_file_equals(img, "paged.bin", data, sizeof data));
	CHECK(host_file_equals(img, "grown.bin", grown, sizeof grown));
}

static void test_node_table(void)
{
	check_case("node-table");
	struct fat_node *n[FAT_TEST_NODES + 1];
	char name[32];
	REQUIRE(mount_file(&m, img) == FAT_OK);
	for (int i = 0; i <= FAT_TEST_NODES; i++) {
		snprintf(name, sizeof name, "node%d", i);
		CHECK(fat_create(&m.fs, name, 0) == FAT_OK);
		enum fat_err e = fat_open(&m.fs, name, &n[i]);
		CHECK(e == (i < FAT_TEST_NODES ? FAT_OK : FAT_ENFILE));
	}
	for (int i = 0; i < FAT_TEST_NODES; i++)
		CHECK(fat_close(&m.fs, n[i]) == FAT_OK);
	CHECK(unmount(&m) == FAT_OK);
}

/* Clusters of 4 KiB (an image made by mkfs.fat): the same writes read back by the host. */
static void test_big_clusters(void)
{
	check_case("big-clusters");
	static uint8_t buf[300000];
	char big[512];
	snprintf(big, sizeof big, "%s", tmp_path("big.img"));
	struct fat_node *n;
	uint32_t done;
	CHECK(make_image(big, 260, 8));
	REQUIRE(mount_file(&m, big) == FAT_OK);
	CHECK(fat_cluster_bytes(&m.fs) == 4096);
	CHECK(fat_mkdir(&m.fs, "data") == FAT_OK);
	CHECK(fat_create(&m.fs, "data/large file.bin", 5000) == FAT_OK);
	REQUIRE(fat_open(&m.fs, "data/large file.bin", &n) == FAT_OK);
	pattern(buf, sizeof buf, 5);
	memset(buf, 0, 5000);
	CHECK(fat_write(&m.fs, n, 5000, buf + 5000, sizeof buf - 5000, &done) == FAT_OK);
	CHECK(fat_close(&m.fs, n) == FAT_OK);
	CHECK(unmount(&m) == FAT_OK);
	CHECK(fsck_clean(big));
	CHECK(host_file_equals(big, "data/large file.bin", buf, sizeof buf));
	unlink(big);
}

int main(void)
{
	tmp_init();
	img = strdup(tmp_path("fat.img"));
	if (!make_image(img, MIB, 1))
		return 1;
	test_mount_fresh();
	test_read_mcopy();
	test_create_write_read();
	test_names();
	test_remove_while_open();
	test_dirs();
	test_pages();
	test_node_table();
	CHECK(fsck_clean(img));
	test_big_clusters();
	tmp_cleanup();
	return check_exit("fat");
}
