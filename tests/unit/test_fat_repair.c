/* Host unit tests of the clean-shutdown mark and of the repair after an unclean shutdown
 * (disk/fat/repair.c): the mark in FAT entry 1 through a session, images broken on
 * purpose one way each, and a power cut at every device call of a workload. After each
 * repair fsck.fat -n finds nothing and mtools reads every intact file byte for byte. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fat_host.h"

#define CLEAN_BIT 0x08000000u
#define EOC 0x0FFFFFFFu
#define FAR_CLUSTER 100000u /* free on every test image: the base files lie near the start */
#define MAP_BYTES 16384     /* a bit for each of the 129022 clusters of a 64 MiB image */
#define FILE_MAX 16384

static struct mounted m;
static char img[512], pristine[512];
static uint8_t map[MAP_BYTES];

/* The files every case starts with (mcopy puts each in a row of clusters). */
static const struct { const char *path; uint32_t bytes; } base[] = {
	{ "keep.bin", 5000 },       /* 10 clusters, first in the root */
	{ "other file.dat", 5000 }, /* 10 clusters, after it */
	{ "dir/inner file.txt", 3000 },
};

static void fresh_image(void)
{
	CHECK(sh("cp '%s' '%s'", pristine, img) == 0);
}

/* The base files read back as they were put there. */
static void base_intact(void)
{
	static uint8_t want[FILE_MAX];
	for (unsigned i = 0; i < sizeof base / sizeof base[0]; i++) {
		pattern(want, base[i].bytes, i + 1);
		CHECK(host_file_equals(img, base[i].path, want, base[i].bytes));
	}
}

/* mtools reads exactly `bytes` bytes of path, the start of base file i. */
static void base_cut_to(unsigned i, uint32_t bytes)
{
	static uint8_t want[FILE_MAX];
	pattern(want, bytes, i + 1);
	CHECK(host_file_equals(img, base[i].path, want, bytes));
}

/* The geometry of the image (mounted and unmounted without a write). */
static struct fat_fs geometry(void)
{
	struct fat_fs g;
	memset(&g, 0, sizeof g);
	if (mount_file(&m, img) == FAT_OK)
		g = m.fs;
	hostdev_close(&m.h);
	return g;
}

/* The first cluster of path, and the image offset of its directory entry. */
static uint32_t first_cluster(const char *path, uint64_t *ent)
{
	struct fat_node *n;
	uint32_t first = 0;
	CHECK(mount_file(&m, img) == FAT_OK);
	if (fat_open(&m.fs, path, &n) == FAT_OK) {
		first = n->first;
		*ent = n->ent_lba * FAT_SECTOR_SIZE + n->ent_off;
		fat_close(&m.fs, n);
	}
	unmount(&m);
	CHECK(first != 0);
	return first;
}

static uint32_t fat_entry(const struct fat_fs *g, uint32_t copy, uint32_t c)
{
	uint8_t b[4];
	CHECK(peek(img, ((uint64_t)g->fat_lba + (uint64_t)copy * g->fat_sectors) *
		       FAT_SECTOR_SIZE + c * 4ull, b, 4));
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

/* Whether every FAT copy of the image says "cleanly shut down" (or, !clean, says not). */
static bool marked(const struct fat_fs *g, bool clean)
{
	for (uint32_t k = 0; k < g->fat_copies; k++)
		if (!(fat_entry(g, k, 1) & CLEAN_BIT) == clean)
			return false;
	return true;
}

static void set_dirty(const struct fat_fs *g)
{
	CHECK(poke_fat(img, g, 1, EOC & ~CLEAN_BIT));
}

static bool fsck_quiet_fails(void)
{
	return sh("fsck.fat -n '%s' >/dev/null 2>&1", img) != 0;
}

/* Mounts the image (which must be dirty), repairs it, unmounts. */
static struct fat_repair repair(void)
{
	struct fat_repair out;
	memset(&out, 0, sizeof out);
	CHECK(mount_file(&m, img) == FAT_OK);
	CHECK(fat_needs_repair(&m.fs));
	CHECK(fat_repair(&m.fs, map, sizeof map, &out) == FAT_OK);
	CHECK(!fat_needs_repair(&m.fs));
	CHECK(unmount(&m) == FAT_OK);
	return out;
}

static bool same_counts(const struct fat_repair *got, const struct fat_repair *want)
{
	bool same = got->fat_sectors == want->fat_sectors && got->names == want->names &&
		    got->trimmed == want->trimmed && got->shortened == want->shortened &&
		    got->crossed == want->crossed && got->dirs == want->dirs &&
		    got->lost == want->lost && got->partial == want->partial;
	if (!same)
		fprintf(stderr, "  repair counts: fat %u names %u trimmed %u shortened %u "
			"crossed %u dirs %u lost %u partial %d\n", got->fat_sectors, got->names,
			got->trimmed, got->shortened, got->crossed, got->dirs, got->lost,
			got->partial);
	return same;
}

/* The mark through a session: clean on a fresh image and after reads, dirty from the
 * first write, clean after fat_sync_clean unless a removed file is still open or the
 * volume was found dirty and not repaired. */
static void test_clean_mark(void)
{
	check_case("clean-mark");
	static uint8_t buf[5000];
	struct fat_node *n;
	struct fat_repair out;
	uint32_t done;
	fresh_image();
	struct fat_fs g = geometry();
	CHECK(marked(&g, true));
	REQUIRE(mount_file(&m, img) == FAT_OK);
	CHECK(!fat_needs_repair(&m.fs));
	REQUIRE(fat_open(&m.fs, "keep.bin", &n) == FAT_OK);
	CHECK(fat_read(&m.fs, n, 0, buf, sizeof buf, &done) == FAT_OK && done == sizeof buf);
	CHECK(fat_close(&m.fs, n) == FAT_OK);
	CHECK(marked(&g, true));
	CHECK(fat_create(&m.fs, "new", 10) == FAT_OK && marked(&g, false));
	CHECK(fat_sync(&m.fs) == FAT_OK && marked(&g, false));
	CHECK(fat_sync_clean(&m.fs) == FAT_OK && marked(&g, true));
	CHECK(fsck_clean(img));
	REQUIRE(fat_open(&m.fs, "new", &n) == FAT_OK);
	CHECK(fat_remove(&m.fs, "new") == FAT_OK && marked(&g, false));
	CHECK(fat_sync_clean(&m.fs) == FAT_OK && marked(&g, false));
	CHECK(fat_close(&m.fs, n) == FAT_OK);
	CHECK(fat_sync_clean(&m.fs) == FAT_OK && marked(&g, true));
	hostdev_close(&m.h);
	CHECK(fsck_clean(img));
	/* Found dirty: it stays dirty, whatever is synced, until repaired. */
	set_dirty(&g);
	CHECK(fsck_quiet_fails());
	REQUIRE(mount_file(&m, img) == FAT_OK);
	CHECK(fat_needs_repair(&m.fs));
	CHECK(fat_create(&m.fs, "more", 10) == FAT_OK);
	CHECK(fat_sync_clean(&m.fs) == FAT_OK && marked(&g, false));
	CHECK(fat_repair(&m.fs, map, (m.fs.clusters + 7) / 8 - 1, &out) == FAT_EINVAL);
	REQUIRE(fat_open(&m.fs, "more", &n) == FAT_OK);
	CHECK(fat_repair(&m.fs, map, sizeof map, &out) == FAT_EINVAL);
	CHECK(fat_close(&m.fs, n) == FAT_OK);
	CHECK(fat_repair(&m.fs, map, sizeof map, &out) == FAT_OK && !fat_needs_repair(&m.fs));
	CHECK(fat_sync_clean(&m.fs) == FAT_OK && marked(&g, true));
	CHECK(unmount(&m) == FAT_OK);
	CHECK(fsck_clean(img));
	/* After a failed device call the volume stays dirty, for the next mount's repair. */
	REQUIRE(mount_file(&m, img) == FAT_OK);
	m.h.fail_at = m.h.ops + 3; /* the mark's second FAT copy */
	CHECK(fat_create(&m.fs, "failing", 10) == FAT_EIO);
	m.h.fail_at = 0;
	CHECK(fat_sync_clean(&m.fs) == FAT_OK && marked(&g, false));
	hostdev_close(&m.h);
	repair();
	CHECK(fsck_clean(img));
	base_intact();
}

/* Where damage goes: the image's geometry, the first clusters of the base files and of
 * "dir", the image offsets of their directory entries. */
struct site {
	struct fat_fs g;
	uint32_t keep, other, dir;
	uint64_t keep_ent, other_ent, dir_ent, free_slot;
};

/* The image offset of the entry of short name sfn in the root's first cluster, or of
 * its first never-used entry (sfn NULL). */
static uint64_t root_slot(const struct fat_fs *g, const char *sfn)
{
	uint8_t e[32];
	uint64_t at = ((uint64_t)g->data_lba + (uint64_t)(g->root - 2) * g->sec_per_clus) *
		      FAT_SECTOR_SIZE;
	for (uint32_t i = 0; i < g->cluster_bytes / 32; i++, at += 32) {
		CHECK(peek(img, at, e, sizeof e));
		if (sfn ? memcmp(e, sfn, 11) == 0 : e[0] == 0)
			return at;
	}
	CHECK(!"root_slot: not in the root's first cluster");
	return 0;
}

/* The site of damage on the image as it is. */
static struct site survey(void)
{
	struct site s;
	s.g = geometry();
	s.keep = first_cluster("keep.bin", &s.keep_ent);
	s.other = first_cluster("other file.dat", &s.other_ent);
	s.dir_ent = root_slot(&s.g, "DIR        ");
	uint8_t e[32];
	CHECK(peek(img, s.dir_ent, e, sizeof e));
	s.dir = (uint32_t)(e[20] | e[21] << 8) << 16 | (uint32_t)(e[26] | e[27] << 8);
	s.free_slot = root_slot(&s.g, NULL);
	return s;
}

static void fat(const struct site *s, uint32_t c, uint32_t v)
{
	CHECK(poke_fat(img, &s->g, c, v));
}

static void too_long(const struct site *s)
{
	fat(s, FAR_CLUSTER, EOC);
	fat(s, s->keep + 9, FAR_CLUSTER);
}

static void lost_chain(const struct site *s)
{
	for (uint32_t c = FAR_CLUSTER + 16; c < FAR_CLUSTER + 20; c++)
		fat(s, c, c + 1);
	fat(s, FAR_CLUSTER + 20, EOC);
}

static void too_short(const struct site *s)
{
	fat(s, s->keep + 5, EOC);
}

static void cross_link(const struct site *s)
{
	fat(s, s->other + 2, s->keep + 5);
}

static void loop(const struct site *s)
{
	fat(s, s->keep + 7, s->keep + 3);
}

static void bad_link(const struct site *s)
{
	fat(s, s->keep + 4, 0x0FFFFFF0);
}

static void free_in_chain(const struct site *s)
{
	fat(s, s->keep + 4, 0);
}

static void entry_to_free(const struct site *s)
{
	fat(s, s->keep, 0);
}

static void size_zero(const struct site *s)
{
	static const uint8_t zero[4];
	CHECK(poke(img, s->keep_ent + 28, zero, 4));
}

/* FAT copy 1 alone allocates a cluster (copy 0 is the one the repair trusts). */
static void copies_differ(const struct site *s)
{
	uint8_t eoc[4] = { 0xFF, 0xFF, 0xFF, 0x0F };
	CHECK(poke(img, ((uint64_t)s->g.fat_lba + s->g.fat_sectors) * FAT_SECTOR_SIZE +
			(FAR_CLUSTER + 40) * 4ull, eoc, 4));
}

/* A complete long name (two entries) whose short entry was never written. */
static void stray_names(const struct site *s)
{
	uint8_t e[64];
	memset(e, 'x', sizeof e);
	e[0] = 0x42;
	e[32] = 0x01;
	for (int i = 0; i < 64; i += 32) {
		e[i + 11] = 0x0F;
		e[i + 12] = 0;
		e[i + 13] = 0x55;
		e[i + 26] = e[i + 27] = 0;
	}
	CHECK(s->free_slot % s->g.cluster_bytes + sizeof e <= s->g.cluster_bytes);
	CHECK(poke(img, s->free_slot, e, sizeof e));
}

static void dir_free_cluster(const struct site *s)
{
	fat(s, s->dir, 0);
}

static void dir_to_root(const struct site *s)
{
	uint8_t lo[2] = { (uint8_t)s->g.root, (uint8_t)(s->g.root >> 8) };
	uint8_t hi[2] = { (uint8_t)(s->g.root >> 16), (uint8_t)(s->g.root >> 24) };
	CHECK(poke(img, s->dir_ent + 20, hi, 2) && poke(img, s->dir_ent + 26, lo, 2));
}

static void several(const struct site *s)
{
	too_long(s);
	lost_chain(s);
	cross_link(s);
	stray_names(s);
	copies_differ(s);
}

/* One kind of damage each: what the repair must count, and which base files it changes
 * (base file i cut to `cut[i]` bytes, or gone when -1). */
static const struct damage {
	const char *name;
	void (*apply)(const struct site *s);
	struct fat_repair want;
	long cut[3];
} damages[] = {
	{ "chain past its size", too_long, { .trimmed = 1, .lost = 1 }, { 5000, 5000, 3000 } },
	{ "lost chain", lost_chain, { .lost = 5 }, { 5000, 5000, 3000 } },
	{ "chain shorter than its size", too_short, { .shortened = 1, .lost = 4 },
	  { 3072, 5000, 3000 } },
	{ "cross-linked chains", cross_link, { .crossed = 1, .lost = 7 }, { 5000, 1536, 3000 } },
	{ "chain looping", loop, { .crossed = 1, .lost = 2 }, { 4096, 5000, 3000 } },
	{ "link out of range", bad_link, { .shortened = 1, .lost = 5 }, { 2560, 5000, 3000 } },
	{ "free cluster in a chain", free_in_chain, { .shortened = 1, .lost = 5 },
	  { 2048, 5000, 3000 } },
	{ "entry to a free cluster", entry_to_free, { .shortened = 1, .lost = 9 },
	  { 0, 5000, 3000 } },
	{ "size 0 with a chain", size_zero, { .trimmed = 1, .lost = 10 }, { 0, 5000, 3000 } },
	{ "FAT copies differ", copies_differ, { .fat_sectors = 1 }, { 5000, 5000, 3000 } },
	{ "long name without its entry", stray_names, { .names = 2 }, { 5000, 5000, 3000 } },
	{ "directory on a free cluster", dir_free_cluster, { .dirs = 1, .lost = 6 },
	  { 5000, 5000, -1 } },
	{ "directory pointing at the root", dir_to_root, { .dirs = 1, .lost = 7 },
	  { 5000, 5000, -1 } },
	{ "several at once", several,
	  { .fat_sectors = 1, .names = 2, .trimmed = 1, .crossed = 1, .lost = 13 },
	  { 5000, 1536, 3000 } },
};

/* The base files after a repair: each whole, cut, or gone, as d says. */
static void base_after(const struct damage *d)
{
	static uint8_t buf[FILE_MAX];
	for (unsigned i = 0; i < sizeof base / sizeof base[0]; i++) {
		if (d->cut[i] < 0)
			CHECK(host_file_read(img, base[i].path, buf, sizeof buf) == -1);
		else
			base_cut_to(i, (uint32_t)d->cut[i]);
	}
}

/* Each damage on a fresh dirty image: the repair's counts, fsck.fat clean, the base
 * files as expected, and a second repair finds nothing. */
static void test_damage(void)
{
	check_case("damage");
	const struct fat_repair nothing = { 0 };
	for (size_t i = 0; i < sizeof damages / sizeof damages[0]; i++) {
		const struct damage *d = &damages[i];
		fresh_image();
		struct site s = survey();
		d->apply(&s);
		set_dirty(&s.g);
		struct fat_repair got = repair();
		bool ok = same_counts(&got, &d->want);
		CHECK(ok);
		ok &= fsck_clean(img);
		CHECK(ok);
		base_after(d);
		set_dirty(&s.g);
		got = repair();
		CHECK(same_counts(&got, &nothing));
		if (!ok)
			fprintf(stderr, "  damage: %s\n", d->name);
	}
}

/* A tree FAT_REPAIR_DEPTH directories deep is walked whole; one level more and the walk
 * is partial, so no cluster is freed (a lost chain stays). */
static void test_depth(void)
{
	check_case("depth");
	static uint8_t want[3000];
	char cmd[4096] = "", path[512] = "";
	for (int level = 1; level <= FAT_REPAIR_DEPTH + 1; level++) {
		strcat(path, level == 1 ? "t" : "/t");
		strcat(cmd, " '::/");
		strcat(cmd, path);
		strcat(cmd, "'");
		if (level < FAT_REPAIR_DEPTH)
			continue;
		fresh_image();
		CHECK(sh("mmd -i '%s' %s", img, cmd) == 0);
		CHECK(sh("mcopy -i '%s' '%s' '::/%s/deep'", img, tmp_path("base2"), path) == 0);
		struct site s = survey();
		lost_chain(&s);
		set_dirty(&s.g);
		struct fat_repair got = repair();
		bool deeper = level > FAT_REPAIR_DEPTH;
		CHECK(got.partial == deeper && got.lost == (deeper ? 0 : 5));
		CHECK(fat_entry(&s.g, 0, FAR_CLUSTER + 20) == (deeper ? EOC : 0));
		pattern(want, base[2].bytes, 3);
		char deep[600];
		snprintf(deep, sizeof deep, "%s/deep", path);
		CHECK(host_file_equals(img, deep, want, base[2].bytes));
		if (!deeper)
			CHECK(fsck_clean(img));
		base_intact();
	}
}

/* The power-cut workload: each operation through the library, as a program's would go. */
enum op_kind {
	OP_APPEND,      /* create if missing, open, append bytes of the file's pattern, close */
	OP_ZEROS,       /* create a zero-filled file of bytes */
	OP_MKDIR,
	OP_REMOVE,
	OP_REMOVE_OPEN, /* open, remove, write bytes at 0, close */
};

/* A name of 17 long-name entries and its short entry: more than the 16 entries of a
 * sector, so a cut can fall between the sectors of one insertion (entries in one sector
 * are written together) and leave long-name entries without their short entry. */
#define SECTORS_NAME "a name long enough that its directory entries never fit in one " \
	"sector of the directory, so that the power can go between the two sector writes " \
	"of one insertion and leave long-name entries without their short entry.txt"

static const struct op {
	enum op_kind kind;
	const char *path;
	uint32_t bytes;
} ops[] = {
	{ OP_APPEND, "a file with a long name.txt", 3000 },
	{ OP_ZEROS, "zeros.bin", 1000 },
	{ OP_APPEND, "a file with a long name.txt", 2000 },
	{ OP_MKDIR, "new dir", 0 },
	{ OP_APPEND, "new dir/inside, with a long name.dat", 5000 },
	{ OP_REMOVE_OPEN, "zeros.bin", 600 },
	{ OP_APPEND, "dir/second inner file", 1500 },
	{ OP_REMOVE, "a file with a long name.txt", 0 },
	{ OP_APPEND, "new dir/inside, with a long name.dat", 1200 },
	{ OP_APPEND, "last.txt", 700 },
	{ OP_APPEND, SECTORS_NAME, 900 },
	{ OP_REMOVE, SECTORS_NAME, 0 }, /* its entries span two sectors: short entry first */
};
#define OPS (sizeof ops / sizeof ops[0])
#define WRITE_CHUNK 700 /* bytes per fat_write: sectors are written whole and in part */

static uint32_t seed_of(const char *path)
{
	uint32_t h = 2166136261u;
	while (*path)
		h = (h ^ (uint8_t)*path++) * 16777619u;
	return h;
}

/* What path holds after the first k operations: its size (-1: absent) and whether its
 * bytes are zeros rather than its pattern. */
static long size_after(const char *path, size_t k, bool *zeros)
{
	long size = -1;
	*zeros = false;
	for (size_t i = 0; i < k; i++) {
		if (strcmp(ops[i].path, path) != 0)
			continue;
		if (ops[i].kind == OP_APPEND)
			size = (size < 0 ? 0 : size) + ops[i].bytes;
		else if (ops[i].kind == OP_ZEROS)
			size = ops[i].bytes;
		else
			size = -1;
		*zeros = ops[i].kind == OP_ZEROS;
	}
	return size;
}

static enum fat_err append(struct fat_fs *fs, const struct op *op)
{
	static uint8_t buf[FILE_MAX];
	struct fat_node *n;
	uint32_t done;
	enum fat_err r = fat_create(fs, op->path, 0);
	if (r && r != FAT_EEXIST)
		return r;
	r = fat_open(fs, op->path, &n);
	if (r)
		return r;
	uint32_t size = fat_size(n), end = size + op->bytes;
	pattern(buf, end, seed_of(op->path));
	for (uint32_t at = size; at < end && !r; at += WRITE_CHUNK)
		r = fat_write(fs, n, at, buf + at, end - at < WRITE_CHUNK ? end - at : WRITE_CHUNK,
			      &done);
	enum fat_err c = fat_close(fs, n);
	return r ? r : c;
}

static enum fat_err remove_open(struct fat_fs *fs, const struct op *op)
{
	static const uint8_t junk[FILE_MAX];
	struct fat_node *n;
	uint32_t done;
	enum fat_err r = fat_open(fs, op->path, &n);
	if (r)
		return r;
	r = fat_remove(fs, op->path);
	if (!r)
		r = fat_write(fs, n, 0, junk, op->bytes, &done);
	enum fat_err c = fat_close(fs, n);
	return r ? r : c;
}

/* Runs the operations until one fails; returns how many completed. */
static size_t workload(struct fat_fs *fs)
{
	size_t k;
	for (k = 0; k < OPS; k++) {
		const struct op *op = &ops[k];
		enum fat_err r = op->kind == OP_APPEND ? append(fs, op)
			       : op->kind == OP_ZEROS ? fat_create(fs, op->path, op->bytes)
			       : op->kind == OP_MKDIR ? fat_mkdir(fs, op->path)
			       : op->kind == OP_REMOVE ? fat_remove(fs, op->path)
			       : remove_open(fs, op);
		if (r)
			break;
	}
	return k;
}

/* After a cut with `done` operations complete, the base files are intact and every file
 * the workload touches holds what the completed ones left, or what the one in flight
 * would have (a new file may also be empty): its size is one of those, its bytes the
 * start of its pattern (or zeros). No other file is there (a removed file left under
 * its short name, say). */
static bool files_as_written(size_t done)
{
	static uint8_t got[FILE_MAX], want[FILE_MAX];
	bool ok = host_tree(img);
	long found = sizeof base / sizeof base[0];
	for (unsigned i = 0; i < sizeof base / sizeof base[0] && ok; i++) {
		pattern(want, base[i].bytes, i + 1);
		ok = tree_file_read(base[i].path, got, sizeof got) == base[i].bytes &&
		     memcmp(got, want, base[i].bytes) == 0;
		if (!ok)
			fprintf(stderr, "  %s: not intact\n", base[i].path);
	}
	for (size_t i = 0; i < OPS && ok; i++) {
		const char *path = ops[i].path;
		bool zeros, zeros_next;
		long before = size_after(path, done, &zeros);
		long after = size_after(path, done < OPS ? done + 1 : done, &zeros_next);
		/* A create cut short may leave the entry without its clusters: empty. */
		bool creating = done < OPS && before < 0 && strcmp(ops[done].path, path) == 0 &&
				(ops[done].kind == OP_APPEND || ops[done].kind == OP_ZEROS);
		if (ops[i].kind == OP_MKDIR)
			continue;
		long len = tree_file_read(path, got, sizeof got);
		bool first = true; /* the op list names a path more than once */
		for (size_t j = 0; j < i; j++)
			first = first && strcmp(ops[j].path, path) != 0;
		found += first && len >= 0;
		bool size_ok = len == before || len == after || (creating && len == 0);
		zeros = len == before ? zeros : zeros_next;
		if (zeros)
			memset(want, 0, len > 0 ? (size_t)len : 0);
		else if (len > 0)
			pattern(want, (size_t)len, seed_of(path));
		if (!size_ok || (len > 0 && memcmp(got, want, (size_t)len) != 0)) {
			fprintf(stderr, "  cut after %zu operations: %s holds %ld bytes (%s), "
				"expected %ld or %ld\n", done, path, len,
				size_ok ? "wrong bytes" : "wrong size", before, after);
			ok = false;
		}
	}
	if (ok && tree_files() != found) {
		fprintf(stderr, "  cut after %zu operations: %ld files, expected %ld\n", done,
			tree_files(), found);
		ok = false;
	}
	return ok;
}

/* The power goes at every device call of the workload in turn (every call from the k-th
 * on fails, so the image holds what was written before it). The next mount finds the
 * volume dirty unless nothing was written, and after the repair fsck.fat -n is clean,
 * the base files are intact and the workload's files hold what it wrote. The image is a
 * memory device; the sectors it changed go into the image file for the host's checks. */
static void test_power_cuts(void)
{
	check_case("power-cuts");
	struct hostdev *h = &m.h;
	fresh_image();
	REQUIRE(hostdev_memory(h, img));
	REQUIRE(fat_mount(&m.fs, &h->dev, m.nodes, FAT_TEST_NODES) == FAT_OK);
	long mount_ops = h->ops;
	CHECK(workload(&m.fs) == OPS && fat_sync_clean(&m.fs) == FAT_OK);
	long total = h->ops - mount_ops;
	CHECK(hostdev_save(h, img, false) && fsck_clean(img) && files_as_written(OPS));
	CHECK(hostdev_save(h, img, true));
	struct fat_repair sum = { 0 };
	int dirty = 0;
	for (long k = 1; k <= total; k++) {
		hostdev_restore(h);
		REQUIRE(fat_mount(&m.fs, &h->dev, m.nodes, FAT_TEST_NODES) == FAT_OK);
		h->fail_at = h->ops + k;
		size_t done = workload(&m.fs);
		h->fail_at = 0;
		REQUIRE(fat_mount(&m.fs, &h->dev, m.nodes, FAT_TEST_NODES) == FAT_OK);
		struct fat_repair r = { 0 };
		if (fat_needs_repair(&m.fs)) {
			dirty++;
			CHECK(fat_repair(&m.fs, map, sizeof map, &r) == FAT_OK);
		}
		CHECK(fat_sync_clean(&m.fs) == FAT_OK);
		bool ok = hostdev_save(h, img, false) && fsck_clean(img) && files_as_written(done);
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  power cut at device call %ld of %ld\n", k, total);
		CHECK(hostdev_save(h, img, true));
		sum.names += r.names;
		sum.trimmed += r.trimmed;
		sum.lost += r.lost;
		sum.fat_sectors += r.fat_sectors;
	}
	hostdev_close(h);
	/* The cuts reached the states the repair exists for. */
	CHECK(dirty > total / 2 && sum.names && sum.trimmed && sum.lost && sum.fat_sectors);
	printf("power-cuts: %ld cuts, %d dirty; repaired %u names, %u trimmed, %u lost, "
	       "%u FAT sectors\n", total, dirty, sum.names, sum.trimmed, sum.lost,
	       sum.fat_sectors);
}

int main(void)
{
	tmp_init();
	snprintf(pristine, sizeof pristine, "%s", tmp_path("pristine.img"));
	snprintf(img, sizeof img, "%s", tmp_path("fat.img"));
	if (!make_image(pristine, 64, 1) || sh("mmd -i '%s' ::/dir", pristine) != 0)
		return 1;
	for (unsigned i = 0; i < sizeof base / sizeof base[0]; i++) {
		char host[32];
		snprintf(host, sizeof host, "base%u", i);
		if (!write_host_file(tmp_path(host), base[i].bytes, i + 1) ||
		    sh("mcopy -i '%s' '%s' '::/%s'", pristine, tmp_path(host), base[i].path) != 0)
			return 1;
	}
	test_clean_mark();
	test_damage();
	test_depth();
	test_power_cuts();
	tmp_cleanup();
	return check_exit("fat-repair");
}
