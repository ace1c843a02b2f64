/* Host unit tests of the FAT library's directories as the disk server serves them
 * (disk/fat/listing.c, the paths of dir.c): "." and ".." in paths, fat_stat, listing with
 * fat_readdir (long names, short names in the case mtools records, what is skipped, a
 * name too long for the caller's room), inumbers, and a damaged ".." entry; on images made
 * by mtools, checked by fsck.fat afterwards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fat_host.h"

#define MIB 64

static struct mounted m;
static const char *img;

/* fat_stat of path: a directory (with its cluster) or not, with an entry or not. */
static bool stat_is(const char *path, bool dir, bool entry, uint32_t cluster)
{
	struct fat_stat st;
	enum fat_err r = fat_stat(&m.fs, path, &st);
	bool ok = r == FAT_OK && st.dir == dir && st.entry == entry && st.cluster == cluster;
	if (!ok)
		fprintf(stderr, "  stat %s: %s dir %d entry %d cluster %u\n", path, fat_err_name(r),
			st.dir, st.entry, st.cluster);
	return ok;
}

static uint32_t dir_cluster(const char *path)
{
	struct fat_stat st;
	return fat_stat(&m.fs, path, &st) == FAT_OK && st.dir ? st.cluster : 0;
}

/* A tree made by mtools: its ".." entries of root children point at cluster 0. */
static void make_tree(void)
{
	const char *host = tmp_path("x.txt");
	CHECK(write_host_file(host, 100, 1));
	CHECK(sh("mmd -i '%s' ::/sub '::/sub/deeper dir' ::/other", img) == 0);
	CHECK(sh("mcopy -i '%s' '%s' ::/sub/lower.c", img, host) == 0);
	CHECK(sh("mcopy -i '%s' '%s' '::/sub/deeper dir/data.bin'", img, host) == 0);
	CHECK(sh("mcopy -i '%s' '%s' ::/top.txt", img, host) == 0);
}

static void test_dot_paths(void)
{
	check_case("dot-paths");
	make_tree();
	REQUIRE(mount_file(&m, img) == FAT_OK);
	uint32_t root = m.fs.root, sub = dir_cluster("sub"), deeper = dir_cluster("sub/deeper dir");
	CHECK(sub && deeper && sub != deeper && sub != root);
	const char *roots[] = {"", "/", ".", "..", "/..", "./..//.", "sub/..", "sub/deeper dir/../.."};
	for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++)
		CHECK(stat_is(roots[i], true, false, root));
	CHECK(stat_is("sub", true, true, sub) && stat_is("/SUB/", true, true, sub));
	CHECK(stat_is("sub/.", true, false, sub) && stat_is("sub/deeper dir/..", true, false, sub));
	CHECK(stat_is("other/../sub/deeper dir", true, true, deeper));
	CHECK(stat_is("other/../sub/deeper dir/./", true, false, deeper));
	CHECK(stat_is("../../top.txt", false, true, 0) && stat_is("sub/./lower.c", false, true, 0));
	struct fat_stat st;
	CHECK(fat_stat(&m.fs, "top.txt/..", &st) == FAT_ENOTDIR);
	CHECK(fat_stat(&m.fs, "sub/lower.c/.", &st) == FAT_ENOTDIR);
	CHECK(fat_stat(&m.fs, "nosuch/..", &st) == FAT_ENOENT);
	CHECK(fat_stat(&m.fs, "sub/nosuch", &st) == FAT_ENOENT);
	CHECK(fat_stat(&m.fs, "sub/.../x", &st) == FAT_EINVAL);
	enum fat_err e;
	uint8_t buf[200];
	CHECK(read_all(&m.fs, "sub/deeper dir/../lower.c", buf, sizeof buf, &e) == 100);
	CHECK(read_all(&m.fs, "other/../sub/deeper dir/./data.bin", buf, sizeof buf, &e) == 100);

	/* Directories this library makes: their ".." is found the same way. */
	CHECK(fat_mkdir(&m.fs, "sub/deeper dir/../made") == FAT_OK);
	CHECK(fat_mkdir(&m.fs, "sub/made/./inner") == FAT_OK);
	CHECK(stat_is("sub/made/inner/../..", true, false, sub));
	CHECK(stat_is("sub/made/inner/../../../other/..", true, false, root));
	CHECK(fat_create(&m.fs, "sub/made/inner/../x.txt", 5) == FAT_OK);
	CHECK(read_all(&m.fs, "sub/made/x.txt", buf, sizeof buf, &e) == 5);
	/* A path naming a directory itself exists already and has no entry to remove. */
	CHECK(fat_mkdir(&m.fs, "sub/..") == FAT_EEXIST && fat_create(&m.fs, "sub/.", 0) == FAT_EEXIST);
	CHECK(fat_remove(&m.fs, "sub/made/inner/..") == FAT_EINVAL);
	CHECK(fat_remove(&m.fs, ".") == FAT_EINVAL && fat_remove(&m.fs, "/") == FAT_EINVAL);
	struct fat_node *n;
	CHECK(fat_open(&m.fs, "sub/..", &n) == FAT_EINVAL && fat_open(&m.fs, "sub/made", &n) == FAT_EISDIR);
	CHECK(fat_remove(&m.fs, "sub/made/./inner") == FAT_OK);
	CHECK(unmount(&m) == FAT_OK);
	CHECK(fsck_clean(img));
	CHECK(sh("mdir -i '%s' -b ::/sub/made | grep -q x.txt", img) == 0);
}

/* The names fat_readdir gives for dir, in order, with room size, joined by '|'. */
static const char *listing(uint32_t dir, size_t size)
{
	static char out[8192];
	char name[FAT_NAME_MAX * 3 + 1];
	uint32_t pos = 0;
	enum fat_err r;
	out[0] = '\0';
	while ((r = fat_readdir(&m.fs, dir, &pos, name, size)) == FAT_OK)
		snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", out[0] ? "|" : "", name);
	if (r != FAT_ENOENT)
		snprintf(out, sizeof out, "error %s", fat_err_name(r));
	return out;
}

static bool lists(uint32_t dir, const char *want)
{
	const char *got = listing(dir, FAT_NAME_MAX * 3 + 1);
	if (strcmp(got, want))
		fprintf(stderr, "  listed '%s', not '%s'\n", got, want);
	return !strcmp(got, want);
}

static void test_readdir(void)
{
	check_case("readdir");
	const char *host = tmp_path("y.txt");
	CHECK(write_host_file(host, 10, 2));
	/* Short names as mtools records them: upper case, lower case (NT case bits), a long
	 * name for mixed case; a volume label, which is no file. */
	const char *names[] = {"SHORT.TXT", "lower.c", "Mixed.c", "Long File Name, Longer.txt"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		CHECK(sh("mcopy -i '%s' '%s' '::/other/%s'", img, host, names[i]) == 0);
	CHECK(sh("mlabel -i '%s' ::LABELLED", img) == 0);
	REQUIRE(mount_file(&m, img) == FAT_OK);
	CHECK(fat_create(&m.fs, "other/h\xc3\xa9llo", 0) == FAT_OK);
	uint32_t other = dir_cluster("other"), sub = dir_cluster("sub/deeper dir/..");
	CHECK(lists(other, "SHORT.TXT|lower.c|Mixed.c|Long File Name, Longer.txt|h\xc3\xa9llo"));
	CHECK(lists(m.fs.root, "sub|other|top.txt"));
	CHECK(lists(dir_cluster("sub/made"), "x.txt") && lists(dir_cluster("sub/deeper dir"), "data.bin"));
	CHECK(sub && lists(sub, "deeper dir|lower.c|made"));

	/* Removed entries are skipped; the end stays the end. */
	CHECK(fat_remove(&m.fs, "other/lower.c") == FAT_OK && fat_remove(&m.fs, "other/Mixed.c") == FAT_OK);
	CHECK(lists(other, "SHORT.TXT|Long File Name, Longer.txt|h\xc3\xa9llo"));
	char name[FAT_READDIR_MIN];
	uint32_t pos = 0;
	while (fat_readdir(&m.fs, other, &pos, name, sizeof name) == FAT_OK)
		continue;
	uint32_t end = pos;
	CHECK(fat_readdir(&m.fs, other, &pos, name, sizeof name) == FAT_ENOENT && pos == end);

	/* Without room for a long name (26 bytes and a NUL), its short name, which opens the
	 * same file. */
	CHECK(!strcmp(listing(other, FAT_READDIR_MIN), "SHORT.TXT|LONGFI~1.TXT|h\xc3\xa9llo"));
	enum fat_err e;
	uint8_t buf[20];
	CHECK(read_all(&m.fs, "other/LONGFI~1.TXT", buf, sizeof buf, &e) == 10);

	/* A directory over several clusters lists every name once. */
	char path[64], want[2048] = "";
	CHECK(fat_mkdir(&m.fs, "many") == FAT_OK);
	for (int i = 0; i < 60; i++) {
		snprintf(path, sizeof path, "many/entry %02d", i);
		CHECK(fat_create(&m.fs, path, 0) == FAT_OK);
		snprintf(want + strlen(want), sizeof want - strlen(want), "%sentry %02d", i ? "|" : "", i);
	}
	CHECK(lists(dir_cluster("many"), want));
	CHECK(unmount(&m) == FAT_OK);
	CHECK(fsck_clean(img));
}

static uint64_t file_inumber(const char *path)
{
	struct fat_node *n;
	if (fat_open(&m.fs, path, &n) != FAT_OK)
		return 0;
	uint64_t i = fat_inumber(n);
	fat_close(&m.fs, n);
	return i;
}

static void test_inumbers(void)
{
	check_case("inumbers");
	REQUIRE(mount_file(&m, img) == FAT_OK);
	uint64_t top = file_inumber("top.txt"), x = file_inumber("sub/made/x.txt");
	uint64_t root = fat_dir_inumber(&m.fs, m.fs.root), sub = fat_dir_inumber(&m.fs, dir_cluster("sub"));
	uint64_t made = fat_dir_inumber(&m.fs, dir_cluster("sub/made"));
	CHECK(root == FAT_ROOT_INUMBER && top && x && sub && made);
	CHECK(top != x && sub != made && top != sub && x != made && sub != root && top != root);
	CHECK(file_inumber("sub/deeper dir/../made/x.txt") == x);
	CHECK(fat_dir_inumber(&m.fs, dir_cluster("sub/made/..")) == sub);
	/* A directory's number is that of its "." entry: no file's entry is there. */
	CHECK(made == (uint64_t)(m.fs.data_lba + (dir_cluster("sub/made") - 2) * m.fs.sec_per_clus) * 16);
	CHECK(top < (1ull << 31) && made < (1ull << 31));
	CHECK(unmount(&m) == FAT_OK);
	REQUIRE(mount_file(&m, img) == FAT_OK);
	CHECK(file_inumber("top.txt") == top && fat_dir_inumber(&m.fs, dir_cluster("sub")) == sub);
	CHECK(unmount(&m) == FAT_OK);
}

/* A ".." entry that is not one (a damaged directory): an error, never a walk elsewhere. */
static void test_bad_dotdot(void)
{
	check_case("bad-dotdot");
	REQUIRE(mount_file(&m, img) == FAT_OK);
	uint32_t c = dir_cluster("sub/made");
	uint64_t at = ((uint64_t)m.fs.data_lba + (uint64_t)(c - 2) * m.fs.sec_per_clus) * FAT_SECTOR_SIZE;
	CHECK(unmount(&m) == FAT_OK);
	uint8_t e[32], saved[32];
	CHECK(peek(img, at + 32, saved, sizeof saved) && !memcmp(saved, "..         ", 11));
	struct { const char *what; unsigned off; uint8_t value[4]; unsigned n; } cases[] = {
		{"name", 0, "X", 1},
		{"not a directory", 11, {0x20}, 1},
		{"cluster past the end", 26, {0xff, 0xff}, 2},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memcpy(e, saved, sizeof e);
		memcpy(e + cases[i].off, cases[i].value, cases[i].n);
		if (cases[i].off == 26)
			e[20] = e[21] = 0xff; /* with the high half: beyond every cluster */
		CHECK(poke(img, at + 32, e, sizeof e));
		REQUIRE(mount_file(&m, img) == FAT_OK);
		struct fat_stat st;
		CHECK(fat_stat(&m.fs, "sub/made/..", &st) == FAT_ECORRUPT);
		CHECK(fat_stat(&m.fs, "sub/made/../made", &st) == FAT_ECORRUPT);
		CHECK(stat_is("sub/made/x.txt", false, true, 0));
		CHECK(unmount(&m) == FAT_OK);
	}
	CHECK(poke(img, at + 32, saved, sizeof saved));
	CHECK(fsck_clean(img));
}

int main(void)
{
	tmp_init();
	img = strdup(tmp_path("dirs.img"));
	if (!make_image(img, MIB, 1))
		return 1;
	test_dot_paths();
	test_readdir();
	test_inumbers();
	test_bad_dotdot();
	tmp_cleanup();
	return check_exit("fat-dirs");
}
