/* Host unit tests of the FAT library (disk/fat) on bad input: boot sectors with a bad
 * field, corrupt cluster chains and directories, a full disk, failing devices and random
 * damage. Every case must end in an error code, quickly, without a crash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "fat_host.h"

static struct mounted m;
static char img[512], pristine[512];

static void fresh_image(void)
{
	CHECK(sh("cp '%s' '%s'", pristine, img) == 0);
}

static void put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, v);
	put16(p + 2, v >> 16);
}

/* One bad field of the boot sector each; all refused with FAT_EBADFS. */
static void test_bad_boot_sector(void)
{
	check_case("bad-boot-sector");
	uint8_t good[512], bad[512];
	fresh_image();
	CHECK(peek(img, 0, good, sizeof good));
	uint64_t sectors = 64 * 2048;
	struct { const char *what; unsigned off, size; uint32_t value; } cases[] = {
		{"signature", 510, 2, 0x1234}, {"jump", 0, 1, 0x00},
		{"bytes per sector 1024", 11, 2, 1024}, {"bytes per sector 0", 11, 2, 0},
		{"sectors per cluster 3", 13, 1, 3}, {"sectors per cluster 0", 13, 1, 0},
		{"no reserved sectors", 14, 2, 0}, {"no FAT", 16, 1, 0}, {"three FATs", 16, 1, 3},
		{"FAT16 root entries", 17, 2, 512}, {"16-bit total", 19, 2, 1000},
		{"media", 21, 1, 0x12}, {"16-bit FAT size", 22, 2, 100},
		{"no total", 32, 4, 0}, {"total beyond device", 32, 4, (uint32_t)sectors + 1},
		{"no FAT size", 36, 4, 0}, {"FAT too small", 36, 4, 100},
		{"FAT covers the disk", 36, 4, (uint32_t)sectors / 2},
		{"FATs not mirrored", 40, 2, 0x80}, {"version", 42, 2, 1},
		{"root cluster 0", 44, 4, 0}, {"root cluster 1", 44, 4, 1},
		{"root cluster past end", 44, 4, 0x0FFFFFF0},
		{"too few clusters for FAT32", 32, 4, 60000},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memcpy(bad, good, sizeof bad);
		if (cases[i].size == 1)
			bad[cases[i].off] = (uint8_t)cases[i].value;
		else if (cases[i].size == 2)
			put16(bad + cases[i].off, cases[i].value);
		else
			put32(bad + cases[i].off, cases[i].value);
		CHECK(poke(img, 0, bad, sizeof bad));
		enum fat_err e = mount_file(&m, img);
		CHECK(e == FAT_EBADFS);
		if (e != FAT_EBADFS)
			fprintf(stderr, "  %s: %s\n", cases[i].what, fat_err_name(e));
		hostdev_close(&m.h);
	}
	CHECK(poke(img, 0, good, sizeof good));
	/* A device shorter than the file system, and a device that fails. */
	CHECK(hostdev_file(&m.h, img));
	m.h.dev.sectors -= 1;
	CHECK(fat_mount(&m.fs, &m.h.dev, m.nodes, FAT_TEST_NODES) == FAT_EBADFS);
	m.h.dev.sectors += 1;
	m.h.fail_at = 1;
	CHECK(fat_mount(&m.fs, &m.h.dev, m.nodes, FAT_TEST_NODES) == FAT_EIO);
	hostdev_close(&m.h);
	CHECK(strcmp(fat_err_name(FAT_ENOSPC), "FAT_ENOSPC") == 0);
	CHECK(strcmp(fat_err_name((enum fat_err)99), "FAT_E?") == 0);
}

/* Puts a 10-cluster file "chain.bin" on the image; returns its first cluster and the
 * location of its entry. */
static uint32_t chain_file(uint64_t *ent)
{
	struct fat_node *n;
	uint32_t first = 0;
	const char *host = tmp_path("chain.host");
	CHECK(write_host_file(host, 5000, 1));
	CHECK(sh("mcopy -i '%s' '%s' ::/chain.bin", img, host) == 0);
	if (mount_file(&m, img) != FAT_OK)
		return 0;
	if (fat_open(&m.fs, "chain.bin", &n) == FAT_OK) {
		first = n->first;
		*ent = n->ent_lba * FAT_SECTOR_SIZE + n->ent_off;
		fat_close(&m.fs, n);
	}
	unmount(&m);
	CHECK(first != 0);
	return first;
}

static void expect_corrupt(const char *what)
{
	struct fat_node *n;
	REQUIRE(mount_file(&m, img) == FAT_OK);
	enum fat_err e = fat_open(&m.fs, "chain.bin", &n);
	CHECK(e == FAT_ECORRUPT);
	if (e != FAT_ECORRUPT)
		fprintf(stderr, "  %s: open gives %s\n", what, fat_err_name(e));
	CHECK(fat_remove(&m.fs, "chain.bin") == FAT_ECORRUPT);
	/* Other files still work. */
	CHECK(fat_create(&m.fs, "other", 100) == FAT_OK);
	CHECK(fat_open(&m.fs, "other", &n) == FAT_OK && fat_close(&m.fs, n) == FAT_OK);
	unmount(&m);
}

static void test_bad_chains(void)
{
	check_case("bad-chains");
	uint64_t ent = 0;
	/* FAT entry of cluster first + at becomes value (plus first if relative); mcopy puts
	 * the file's clusters in a row. */
	struct { const char *what; uint32_t at, value; bool relative; } cases[] = {
		{"loop to the start", 3, 0, true}, {"loop to itself", 9, 9, true},
		{"runs past its size", 9, 10, true}, {"out of range", 4, 0x0FFFFFF0, false},
		{"free in chain", 5, 0, false}, {"bad cluster", 2, 0x0FFFFFF7, false},
		{"reserved value", 2, 1, false}, {"shorter than size", 6, 0x0FFFFFFF, false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fresh_image();
		uint32_t first = chain_file(&ent);
		uint32_t value = cases[i].value + (cases[i].relative ? first : 0);
		REQUIRE(mount_file(&m, img) == FAT_OK);
		struct fat_fs geometry = m.fs;
		unmount(&m);
		CHECK(poke_fat(img, &geometry, first + cases[i].at, value));
		expect_corrupt(cases[i].what);
	}
	/* The entry's first cluster out of range, or set on an empty file. */
	fresh_image();
	chain_file(&ent);
	uint8_t c[2] = {0xF0, 0x0F};
	CHECK(poke(img, ent + 20, c, 2));
	expect_corrupt("first cluster out of range");
	fresh_image();
	chain_file(&ent);
	uint8_t zero[4] = {0};
	CHECK(poke(img, ent + 28, zero, 4));
	expect_corrupt("cluster on an empty file");
}

/* Directory chains that loop, and a subdirectory that is the root again. */
static void test_bad_dirs(void)
{
	check_case("bad-dirs");
	struct fat_node *n;
	fresh_image();
	CHECK(sh("mmd -i '%s' ::/loop ::/cyc", img) == 0);
	REQUIRE(mount_file(&m, img) == FAT_OK);
	struct fat_fs geometry = m.fs;
	CHECK(fat_create(&m.fs, "loop/F", 1) == FAT_OK && fat_open(&m.fs, "loop/F", &n) == FAT_OK);
	/* Fill the directory's one cluster so that no end marker stops a scan. */
	char name[16];
	for (uint32_t i = 3; i < geometry.cluster_bytes / 32; i++) {
		snprintf(name, sizeof name, "loop/F%u", i);
		CHECK(fat_create(&m.fs, name, 0) == FAT_OK);
	}
	uint32_t loop = (uint32_t)((n->ent_lba - geometry.data_lba) / geometry.sec_per_clus) + 2;
	fat_close(&m.fs, n);
	unmount(&m);
	CHECK(poke_fat(img, &geometry, loop, loop));
	REQUIRE(mount_file(&m, img) == FAT_OK);
	time_t t0 = time(NULL);
	CHECK(fat_open(&m.fs, "loop/nosuch", &n) == FAT_ECORRUPT);
	CHECK(fat_create(&m.fs, "loop/new", 0) == FAT_ECORRUPT);
	CHECK(fat_remove(&m.fs, "loop") == FAT_ENOTEMPTY);
	CHECK(fat_open(&m.fs, "loop/F", &n) == FAT_OK && fat_close(&m.fs, n) == FAT_OK);
	CHECK(time(NULL) - t0 < 3);
	unmount(&m);

	/* "cyc" made to point at the root cluster. */
	REQUIRE(mount_file(&m, img) == FAT_OK);
	CHECK(fat_create(&m.fs, "cyc/f", 1) == FAT_OK && fat_open(&m.fs, "cyc/f", &n) == FAT_OK);
	uint32_t cyc = (uint32_t)((n->ent_lba - geometry.data_lba) / geometry.sec_per_clus) + 2;
	fat_close(&m.fs, n);
	unmount(&m);
	/* Find the entry of "cyc" in the root's first cluster by its cluster number. */
	uint8_t root[512];
	CHECK(peek(img, (uint64_t)geometry.data_lba * 512, root, sizeof root));
	for (int i = 0; i < 16; i++) {
		uint8_t *e = root + 32 * i;
		if (!memcmp(e, "CYC        ", 11) && (uint32_t)(e[26] | e[27] << 8) == cyc) {
			e[26] = (uint8_t)geometry.root;
			e[27] = 0;
		}
	}
	CHECK(poke(img, (uint64_t)geometry.data_lba * 512, root, sizeof root));
	REQUIRE(mount_file(&m, img) == FAT_OK);
	CHECK(fat_open(&m.fs, "cyc/cyc/cyc/f", &n) == FAT_ECORRUPT);
	CHECK(fat_remove(&m.fs, "cyc") == FAT_ECORRUPT);
	unmount(&m);

	/* The root's own chain looping: mount works, a scan to the end fails (a lookup ends
	 * at the end marker). */
	CHECK(poke_fat(img, &geometry, geometry.root, geometry.root));
	REQUIRE(mount_file(&m, img) == FAT_OK);
	CHECK(fat_open(&m.fs, "nosuch", &n) == FAT_ENOENT);
	CHECK(fat_create(&m.fs, "new", 0) == FAT_ECORRUPT);
	unmount(&m);
}

/* A full disk: an error, nothing leaked, the file system still clean. */
static void test_full_disk(void)
{
	check_case("full-disk");
	struct fat_node *n;
	uint32_t done;
	uint8_t buf[4096] = {1};
	fresh_image();
	REQUIRE(mount_file(&m, img) == FAT_OK);
	uint32_t free0 = fat_free_clusters(&m.fs), cb = fat_cluster_bytes(&m.fs);
	CHECK(fat_create(&m.fs, "too big", (free0 + 1) * cb) == FAT_ENOSPC);
	CHECK(fat_free_clusters(&m.fs) == free0);
	CHECK(fat_create(&m.fs, "small", 10) == FAT_OK);
	CHECK(fat_create(&m.fs, "filler", (free0 - 2) * cb) == FAT_OK);
	bool more = true;
	while (more && fat_zero_step(&m.fs, &more) == FAT_OK)
		; /* the filler's zeros, written */
	CHECK(!more && fat_free_clusters(&m.fs) == 1);
	REQUIRE(fat_open(&m.fs, "small", &n) == FAT_OK);
	CHECK(fat_write(&m.fs, n, 0, buf, 600, &done) == FAT_OK && done == 600);
	CHECK(fat_free_clusters(&m.fs) == 0);
	CHECK(fat_write(&m.fs, n, 600, buf, 4096, &done) == FAT_ENOSPC && done == 0);
	CHECK(fat_write(&m.fs, n, 100000, buf, 1, &done) == FAT_ENOSPC && fat_size(n) == 600);
	CHECK(fat_write(&m.fs, n, 10, buf, 500, &done) == FAT_OK && done == 500);
	CHECK(fat_close(&m.fs, n) == FAT_OK);
	CHECK(fat_mkdir(&m.fs, "dir") == FAT_ENOSPC);
	CHECK(fat_create(&m.fs, "one more", 1) == FAT_ENOSPC);
	/* Empty files fit until the root directory's cluster is full. */
	char name[32];
	enum fat_err e = FAT_OK;
	int made = 0;
	while (e == FAT_OK && made < 100) {
		snprintf(name, sizeof name, "empty file %d", made);
		e = fat_create(&m.fs, name, 0);
		made += e == FAT_OK;
	}
	CHECK(e == FAT_ENOSPC && made > 0 && made < 100);
	CHECK(unmount(&m) == FAT_OK);
	CHECK(fsck_clean(img));
	REQUIRE(mount_file(&m, img) == FAT_OK);
	CHECK(fat_free_clusters(&m.fs) == 0);
	CHECK(fat_remove(&m.fs, "filler") == FAT_OK);
	CHECK(fat_free_clusters(&m.fs) == free0 - 2);
	CHECK(unmount(&m) == FAT_OK);
	CHECK(fsck_clean(img));
}

/* Runs a series of operations that stops at the first error; returns that error. */
static enum fat_err workload(struct fat_fs *fs)
{
	static uint8_t buf[3000];
	struct fat_node *n;
	uint32_t done;
	enum fat_err r = fat_create(fs, "work file.txt", 700);
	if (!r)
		r = fat_open(fs, "work file.txt", &n);
	if (r)
		return r;
	r = fat_write(fs, n, 1500, buf, sizeof buf, &done);
	if (!r)
		r = fat_read(fs, n, 0, buf, sizeof buf, &done);
	if (!r)
		r = fat_remove(fs, "work file.txt");
	enum fat_err c = fat_close(fs, n);
	r = r ? r : c;
	if (!r)
		r = fat_mkdir(fs, "work dir");
	if (!r)
		r = fat_create(fs, "work dir/x", 5000);
	return r ? r : fat_sync(fs);
}

/* The device fails at every possible call of the workload in turn: each run ends with
 * FAT_EIO and nothing worse. */
static void test_device_failures(void)
{
	check_case("device-failures");
	fresh_image();
	struct hostdev *h = &m.h;
	CHECK(hostdev_memory(h, img));
	CHECK(fat_mount(&m.fs, &h->dev, m.nodes, FAT_TEST_NODES) == FAT_OK);
	long mount_ops = h->ops;
	h->ops = 0;
	CHECK(workload(&m.fs) == FAT_OK);
	long total = h->ops;
	CHECK(total > 10);
	int eio = 0;
	for (long k = 1; k <= total; k++) {
		hostdev_restore(h);
		CHECK(fat_mount(&m.fs, &h->dev, m.nodes, FAT_TEST_NODES) == FAT_OK);
		h->fail_at = mount_ops + k;
		h->ops = mount_ops;
		enum fat_err e = workload(&m.fs);
		eio += e == FAT_EIO;
		CHECK(e == FAT_EIO);
	}
	CHECK(eio == total);
	hostdev_close(h);
}

/* Random damage to the FAT and the directories: any result but a crash or hang. */
static void test_random_damage(void)
{
	check_case("random-damage");
	fresh_image();
	CHECK(sh("mmd -i '%s' ::/d1 ::/d1/d2", img) == 0);
	const char *host = tmp_path("fuzz.host");
	static const char *files[] = {"a long file name.bin", "d1/short", "d1/d2/deep one.txt"};
	for (int i = 0; i < 3; i++) {
		CHECK(write_host_file(host, 2000u * (unsigned)(i + 1), (uint32_t)i));
		CHECK(sh("mcopy -i '%s' '%s' '::/%s'", img, host, files[i]) == 0);
	}
	struct hostdev *h = &m.h;
	CHECK(hostdev_memory(h, img));
	CHECK(fat_mount(&m.fs, &h->dev, m.nodes, FAT_TEST_NODES) == FAT_OK);
	struct fat_fs geometry = m.fs;
	uint64_t fat0 = geometry.fat_lba * 512ull, data0 = geometry.data_lba * 512ull;
	srand(42);
	time_t t0 = time(NULL);
	int ok_runs = 0;
	for (int iter = 0; iter < 400; iter++) {
		hostdev_restore(h);
		for (int k = 0; k < 1 + iter % 8; k++) {
			/* FAT entries of the first clusters (all used ones), or directory sectors. */
			uint64_t off = rand() % 2 ? fat0 + rand() % 256 : data0 + rand() % (512 * 40);
			h->mem[off] = (uint8_t)rand();
			h->touched[off / 512] = 1;
		}
		enum fat_err e = fat_mount(&m.fs, &h->dev, m.nodes, FAT_TEST_NODES);
		for (int i = 0; i < 3 && !e; i++) {
			static uint8_t buf[8000];
			enum fat_err r;
			read_all(&m.fs, files[i], buf, sizeof buf, &r);
			CHECK(r < FAT_ERR_COUNT);
		}
		if (!e)
			e = workload(&m.fs);
		CHECK(e < FAT_ERR_COUNT);
		ok_runs += e == FAT_OK;
	}
	CHECK(ok_runs > 0);
	CHECK(time(NULL) - t0 < 20);
	hostdev_close(h);
}

int main(void)
{
	tmp_init();
	snprintf(pristine, sizeof pristine, "%s", tmp_path("pristine.img"));
	snprintf(img, sizeof img, "%s", tmp_path("fat.img"));
	if (!make_image(pristine, 64, 1))
		return 1;
	test_bad_boot_sector();
	test_bad_chains();
	test_bad_dirs();
	test_full_disk();
	test_device_failures();
	test_random_damage();
	tmp_cleanup();
	return check_exit("fat-corrupt");
}
