/* Host unit tests of the FAT library's directory indexes (disk/fat/dirindex.c): one
 * workload of creates, lookups in other cases, removes, re-creates, mkdir and rmdir in
 * directories growing over many clusters, with long names sharing one short-name basis,
 * plain short names and names differing in case, run on two copies of an image: one
 * mounted with indexes (fewer than the directories used, so they are rebuilt), one
 * without (every lookup scans). Both must answer the same, leave byte-identical images
 * (same entries in the same places, same ~N aliases) and pass fsck.fat -n. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fat_host.h"

#define MIB 64
#define FILES 400   /* in directory d: over 800 entries, 50 clusters of 512 bytes */
#define GONE_FILES 20

static struct mounted with, without;
static const char *img_with, *img_without;

/* The name of file i: four kinds, each needing the index's care differently. */
static void name_of(char *buf, size_t size, const char *dir, unsigned i, bool upper)
{
	static const char *const forms[] = {
		"%s/Long File Name %04u.txt", /* lossy: ~N aliases of one basis */
		"%s/F%04u.TXT",               /* a plain short name, no long-name entry */
		"%s/mixed Case %u.Dat",       /* long name whose short name is exact but its case */
		"%s/x%u",                     /* short, lower case */
	};
	snprintf(buf, size, forms[i % 4], dir, i);
	for (char *p = buf; upper && *p; p++)
		*p = (char)toupper((unsigned char)*p);
}

/* Opens path: its size, or -1 - the error. */
static long size_of(struct fat_fs *fs, const char *path)
{
	struct fat_node *n;
	enum fat_err r = fat_open(fs, path, &n);
	if (r)
		return -1 - (long)r;
	long size = fat_size(n);
	return fat_close(fs, n) == FAT_OK ? size : -100;
}

/* Counts a result that is not the expected one (and says which). */
static unsigned expect(bool ok, const char *what, const char *path, unsigned *bad)
{
	if (!ok && *bad < 5)
		fprintf(stderr, "  %s %s: unexpected result\n", what, path);
	*bad += !ok;
	return ok;
}

/* The workload; returns how many results were not as expected. */
static unsigned workload(struct fat_fs *fs)
{
	char path[64];
	unsigned bad = 0;
	expect(fat_mkdir(fs, "d") == FAT_OK && fat_mkdir(fs, "e") == FAT_OK, "mkdir", "d e", &bad);
	for (unsigned i = 0; i < FILES; i++) {
		name_of(path, sizeof path, "d", i, false);
		expect(fat_create(fs, path, i % 3 * 100) == FAT_OK, "create", path, &bad);
		name_of(path, sizeof path, "e", i, false);
		if (i % 25 == 0) /* another directory in between: the indexes are rebuilt */
			expect(fat_create(fs, path, 7) == FAT_OK, "create", path, &bad);
	}
	for (unsigned i = 0; i < FILES; i++) {
		name_of(path, sizeof path, "D", i, true);
		expect(size_of(fs, path) == i % 3 * 100, "open", path, &bad);
		name_of(path, sizeof path, "d", i, i % 2);
		expect(fat_create(fs, path, 0) == FAT_EEXIST, "create again", path, &bad);
	}
	for (unsigned i = 0; i < FILES; i += 3) {
		name_of(path, sizeof path, "d", i, i % 2 == 0);
		expect(fat_remove(fs, path) == FAT_OK, "remove", path, &bad);
	}
	for (unsigned i = 0; i < FILES; i++) {
		name_of(path, sizeof path, "d", i, true);
		long want = i % 3 == 0 ? -1 - (long)FAT_ENOENT : i % 3 * 100;
		expect(size_of(fs, path) == want, "open after removes", path, &bad);
	}
	for (unsigned i = 0; i < FILES; i += 3) {
		name_of(path, sizeof path, "d", i, false);
		expect(fat_create(fs, path, 50) == FAT_OK, "create again", path, &bad);
	}
	/* The aliases of the first kind's files: taken in order, tails freed and taken back. */
	expect(size_of(fs, "d/LONGFI~1.TXT") == 50 && size_of(fs, "d/longfi~2.txt") == 100 &&
	       size_of(fs, "d/LONGF~10.TXT") == 50, "open by alias", "d/LONGFI~1.TXT", &bad);
	/* A removed directory's cluster taken by a new one: no name of the old one is seen. */
	expect(fat_mkdir(fs, "gone") == FAT_OK, "mkdir", "gone", &bad);
	for (unsigned i = 0; i < GONE_FILES; i++) {
		name_of(path, sizeof path, "gone", i, false);
		expect(fat_create(fs, path, 0) == FAT_OK, "create", path, &bad);
	}
	for (unsigned i = 0; i < GONE_FILES; i++) {
		name_of(path, sizeof path, "GONE", i, true);
		expect(fat_remove(fs, path) == FAT_OK, "remove", path, &bad);
	}
	expect(fat_remove(fs, "gone") == FAT_OK && fat_mkdir(fs, "back") == FAT_OK, "rmdir", "gone",
	       &bad);
	for (unsigned i = 0; i < GONE_FILES; i++) {
		name_of(path, sizeof path, "back", i, false);
		expect(size_of(fs, path) == -1 - (long)FAT_ENOENT, "open", path, &bad);
	}
	expect(fat_create(fs, "back/Long File Name 0000.txt", 1) == FAT_OK &&
	       size_of(fs, "back/LONGFI~1.TXT") == 1, "create", "back/Long File Name 0000.txt", &bad);
	return bad;
}

static void test_same_as_scanning(void)
{
	check_case("same-as-scanning");
	REQUIRE(mount_file(&with, img_with) == FAT_OK);
	REQUIRE(hostdev_file(&without.h, img_without));
	REQUIRE(fat_mount(&without.fs, &without.h.dev, without.nodes, FAT_TEST_NODES) == FAT_OK);
	CHECK(workload(&with.fs) == 0);
	bool indexed = false;
	for (unsigned i = 0; i < FAT_TEST_INDEXES; i++)
		indexed = indexed || with.index[i].dir != 0;
	CHECK(indexed);
	CHECK(workload(&without.fs) == 0);
	CHECK(unmount(&with) == FAT_OK && unmount(&without) == FAT_OK);
	CHECK(fsck_clean(img_with) && fsck_clean(img_without));
	CHECK(sh("cmp '%s' '%s'", img_with, img_without) == 0);
}

/* A removed directory's index is forgotten: a directory made later at its cluster must
 * not see its names (nor its free entries). */
static void test_removed_dir_forgotten(void)
{
	check_case("removed-dir-forgotten");
	struct fat_stat st;
	struct fat_node *n;
	REQUIRE(mount_file(&with, img_with) == FAT_OK);
	CHECK(fat_mkdir(&with.fs, "z") == FAT_OK && fat_create(&with.fs, "z/in z.txt", 3) == FAT_OK);
	REQUIRE(fat_stat(&with.fs, "z", &st) == FAT_OK && st.dir);
	CHECK(fat_open(&with.fs, "Z/IN Z.TXT", &n) == FAT_OK && fat_close(&with.fs, n) == FAT_OK);
	CHECK(fat_remove(&with.fs, "z/in z.txt") == FAT_OK && fat_remove(&with.fs, "z") == FAT_OK);
	for (unsigned i = 0; i < FAT_TEST_INDEXES; i++)
		CHECK(with.index[i].dir != st.cluster);
	CHECK(unmount(&with) == FAT_OK && fsck_clean(img_with));
}

/* A directory growing past FAT_INDEX_ENTRIES loses its index halfway through and is
 * scanned from then on: every name is still found once, in any case. */
static void test_too_big(void)
{
	check_case("too-big");
	char path[32];
	unsigned files = FAT_INDEX_ENTRIES / 2 + 100, missing = 0, dup = 0; /* 2 entries each */
	struct fat_stat st;
	REQUIRE(mount_file(&with, img_with) == FAT_OK);
	REQUIRE(fat_mkdir(&with.fs, "big") == FAT_OK && fat_stat(&with.fs, "big", &st) == FAT_OK);
	for (unsigned i = 0; i < files; i++) {
		snprintf(path, sizeof path, "big/f%05u.x", i);
		missing += fat_create(&with.fs, path, 0) != FAT_OK;
	}
	for (unsigned i = 0; i < FAT_TEST_INDEXES; i++)
		CHECK(with.index[i].dir != st.cluster);
	for (unsigned i = 0; i < files; i += 7) {
		snprintf(path, sizeof path, "BIG/F%05u.X", i);
		missing += size_of(&with.fs, path) != 0;
		dup += fat_create(&with.fs, path, 0) != FAT_EEXIST;
	}
	CHECK(missing == 0 && dup == 0);
	CHECK(unmount(&with) == FAT_OK && fsck_clean(img_with));
}

/* A directory listed by mtools after the workload holds what the library left. */
static void test_host_sees(void)
{
	check_case("host-sees");
	uint8_t buf[200];
	CHECK(host_file_read(img_with, "d/Long File Name 0004.txt", buf, sizeof buf) == 100);
	CHECK(host_file_read(img_with, "d/x7", buf, sizeof buf) == 100);
	CHECK(host_file_read(img_with, "d/mixed Case 6.Dat", buf, sizeof buf) == 50);
	CHECK(host_file_read(img_with, "back/Long File Name 0000.txt", buf, sizeof buf) == 1);
}

int main(void)
{
	tmp_init();
	img_with = strdup(tmp_path("with.img"));
	img_without = strdup(tmp_path("without.img"));
	if (!make_image(img_with, MIB, 1) || sh("cp '%s' '%s'", img_with, img_without) != 0)
		return 1;
	test_same_as_scanning();
	test_host_sees();
	test_removed_dir_forgotten();
	test_too_big();
	tmp_cleanup();
	return check_exit("fat-index");
}
