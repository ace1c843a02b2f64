/* Directories: entries by index along the cluster chain (bounded by the 2 MiB directory
 * limit), lookup by long or short name, inserting long-name + short entries (growing the
 * directory), deleting them, and walking '/' paths with "." and "..". */
#include "fat_priv.h"

/* What dir_insert learns from a scan. */
struct dir_space {
	uint32_t need;          /* in: consecutive free entries wanted */
	uint32_t slot;          /* out: index of the first of them (may lie past the end) */
	uint32_t entries;       /* out: entries the directory's clusters hold */
	uint32_t last;          /* out: the directory's last cluster */
	struct sfn_gen *gen;    /* out: short names seen */
};

/* Starts a cursor at the first cluster of the directory at first. */
void iter_init(struct dir_iter *it, uint32_t first)
{
	it->first = first;
	it->cl_index = 0;
	it->cluster = first;
}

/* Points *e at entry index of the directory (valid until the next cache access); *lba and
 * *off locate it. FAT_ENOENT past the end of the chain (it->cluster is then the last
 * cluster); FAT_ECORRUPT for a broken chain or one beyond DIR_ENTRIES_MAX. */
enum fat_err dir_entry(struct fat_fs *fs, struct dir_iter *it, uint32_t index,
		       uint8_t **e, uint64_t *lba, uint16_t *off)
{
	uint32_t per_cluster = fs->cluster_bytes / DIRENT_SIZE, want = index / per_cluster;
	if (!cluster_valid(fs, it->first))
		return FAT_ECORRUPT;
	if (want < it->cl_index)
		iter_init(it, it->first);
	while (it->cl_index < want) {
		uint32_t next;
		enum fat_err r = chain_next(fs, it->cluster, &next);
		if (r)
			return r;
		if (!next)
			return FAT_ENOENT;
		it->cluster = next;
		it->cl_index++;
	}
	if (index >= DIR_ENTRIES_MAX)
		return FAT_ECORRUPT;
	uint32_t byte = index % per_cluster * DIRENT_SIZE;
	*lba = cluster_lba(fs, it->cluster) + byte / FAT_SECTOR_SIZE;
	*off = (uint16_t)(byte % FAT_SECTOR_SIZE);
	uint8_t *sec;
	enum fat_err r = sec_get(fs, *lba, &sec);
	if (r)
		return r;
	*e = sec + *off;
	return FAT_OK;
}

/* Short entry e (after long-name entries in lfn) is the entry of name n. */
static bool entry_matches(const struct name *n, const struct lfn_acc *lfn, const uint8_t *e)
{
	uint32_t len;
	if (lfn_done(lfn, e, &len) && name_eq_units(n, lfn->u, len))
		return true;
	return name_eq_sfn(n, e, true);
}

static void fill_hit(struct dir_hit *hit, const struct lfn_acc *lfn, const uint8_t *e,
		     uint32_t index, uint64_t lba, uint16_t off)
{
	uint32_t len;
	mem_copy(hit->ent, e, DIRENT_SIZE);
	hit->lba = lba;
	hit->off = off;
	hit->index = index;
	hit->first = lfn_done(lfn, e, &len) ? lfn->start : index;
}

/* Tracks runs of free entries for an insertion. */
static void note_free(struct dir_space *sp, bool is_free, uint32_t index, uint32_t *run)
{
	if (sp->slot != UINT32_MAX)
		return;
	if (!is_free) {
		*run = 0;
		return;
	}
	if (++*run == sp->need)
		sp->slot = index + 1 - sp->need;
}

/* Looks for n in directory dir: FAT_OK with *hit, or FAT_ENOENT. With sp, also records the
 * directory's free space and short names (reading it to the end). */
static enum fat_err dir_scan(struct fat_fs *fs, uint32_t dir, const struct name *n,
			     struct dir_hit *hit, struct dir_space *sp)
{
	struct dir_iter it;
	struct lfn_acc lfn;
	bool ended = false;
	uint32_t run = 0;
	iter_init(&it, dir);
	lfn_reset(&lfn);
	for (uint32_t i = 0;; i++) {
		uint8_t *e;
		uint64_t lba;
		uint16_t off;
		enum fat_err r = dir_entry(fs, &it, i, &e, &lba, &off);
		if (r == FAT_ENOENT && sp) {
			sp->entries = i;
			sp->last = it.cluster;
			if (sp->slot == UINT32_MAX)
				sp->slot = i - run;
		}
		if (r)
			return r;
		if (e[0] == DIRENT_END && !sp)
			return FAT_ENOENT;
		ended = ended || e[0] == DIRENT_END;
		bool is_free = ended || e[0] == DIRENT_FREE;
		if (sp)
			note_free(sp, is_free, i, &run);
		if (is_free) {
			lfn_reset(&lfn);
		} else if ((e[DE_ATTR] & ATTR_LFN_MASK) == ATTR_LFN) {
			lfn_add(&lfn, e, i);
		} else if (!(e[DE_ATTR] & ATTR_VOLUME)) {
			if (entry_matches(n, &lfn, e)) {
				fill_hit(hit, &lfn, e, i, lba, off);
				return FAT_OK;
			}
			if (sp)
				sfn_note(sp->gen, e);
			lfn_reset(&lfn);
		} else {
			lfn_reset(&lfn);
		}
	}
}

/* Finds name n in directory dir: FAT_OK with *hit, FAT_ENOENT, or an error. */
enum fat_err dir_find(struct fat_fs *fs, uint32_t dir, const struct name *n, struct dir_hit *hit)
{
	return dir_scan(fs, dir, n, hit, NULL);
}

/* Fills e as a short entry (all timestamps the FAT epoch: there is no clock). */
void dirent_init(uint8_t *e, const uint8_t *sfn, uint8_t attr, uint32_t first, uint32_t size)
{
	mem_zero(e, DIRENT_SIZE);
	mem_copy(e + DE_NAME, sfn, SFN_LEN);
	e[DE_ATTR] = attr;
	wr16(e + DE_CDATE, DOS_DATE_1980_01_01);
	wr16(e + DE_ADATE, DOS_DATE_1980_01_01);
	wr16(e + DE_WDATE, DOS_DATE_1980_01_01);
	dirent_set_cluster(e, first);
	wr32(e + DE_SIZE, size);
}

/* Zeroes the n clusters of the chain at first. */
enum fat_err zero_clusters(struct fat_fs *fs, uint32_t first, uint32_t n)
{
	uint32_t c = first;
	for (uint32_t i = 0; i < n && c; i++) {
		enum fat_err r = dev_zero(fs, cluster_lba(fs, c), fs->sec_per_clus);
		if (!r)
			r = chain_next(fs, c, &c);
		if (r)
			return r;
	}
	return FAT_OK;
}

/* Adds zeroed clusters to directory dir (last cluster sp->last) so that it holds the
 * entries sp->slot .. sp->slot + sp->need - 1. */
static enum fat_err dir_grow(struct fat_fs *fs, const struct dir_space *sp)
{
	uint32_t want = sp->slot + sp->need;
	if (want <= sp->entries)
		return FAT_OK;
	if (want > DIR_ENTRIES_MAX)
		return FAT_ENOSPC;
	uint32_t k = clusters_for(fs, (uint64_t)(want - sp->entries) * DIRENT_SIZE), first, last;
	enum fat_err r = chain_alloc(fs, k, &first, &last);
	if (r)
		return r;
	r = zero_clusters(fs, first, k);
	if (!r)
		r = chain_link(fs, sp->last, first);
	if (r)
		chain_free(fs, first, k);
	return r;
}

/* Writes entry index of dir from e (through the write-through cache). */
static enum fat_err put_entry(struct fat_fs *fs, struct dir_iter *it, uint32_t index,
			      const uint8_t *src, struct dir_hit *hit)
{
	uint8_t *e;
	uint64_t lba;
	uint16_t off;
	enum fat_err r = dir_entry(fs, it, index, &e, &lba, &off);
	if (r)
		return r;
	mem_copy(e, src, DIRENT_SIZE);
	if (hit) {
		mem_copy(hit->ent, src, DIRENT_SIZE);
		hit->lba = lba;
		hit->off = off;
		hit->index = index;
	}
	return sec_put(fs, lba);
}

/* Adds name n to directory dir as a short entry (attr, first cluster, size) preceded by
 * long-name entries unless the short name is exactly n; *hit locates the new entry.
 * FAT_EEXIST if n is there, FAT_ENOSPC if the directory cannot grow or no short name
 * is free; nothing is changed on these errors. */
enum fat_err dir_insert(struct fat_fs *fs, uint32_t dir, const struct name *n,
			uint8_t attr, uint32_t first, uint32_t size, struct dir_hit *hit)
{
	struct sfn_gen gen;
	uint8_t sfn[SFN_LEN], e[DIRENT_SIZE];
	sfn_basis(&gen, n);
	bool plain = !gen.lossy && name_eq_sfn(n, gen.basis, false);
	struct dir_space sp = {.need = plain ? 1 : lfn_entries(n) + 1, .slot = UINT32_MAX, .gen = &gen};
	enum fat_err r = dir_scan(fs, dir, n, hit, &sp);
	if (r == FAT_OK)
		return FAT_EEXIST;
	if (r != FAT_ENOENT)
		return r;
	r = sfn_pick(&gen, sfn);
	if (!r)
		r = dir_grow(fs, &sp);
	if (r)
		return r;
	struct dir_iter it;
	iter_init(&it, dir);
	uint32_t lfns = sp.need - 1;
	uint8_t sum = lfn_checksum(sfn);
	for (uint32_t j = 0; j < lfns && !r; j++) {
		lfn_fill(e, n, lfns - j, lfns, sum);
		r = put_entry(fs, &it, sp.slot + j, e, NULL);
	}
	dirent_init(e, sfn, attr, first, size);
	if (!r)
		r = put_entry(fs, &it, sp.slot + lfns, e, hit);
	if (!r)
		hit->first = sp.slot;
	return r;
}

/* Marks the entries of hit free: the short entry first, then its long-name entries, so
 * a power cut between two sectors leaves long-name entries of no short entry (which the
 * repair frees: the file is gone), never the file under its short name alone. */
enum fat_err dir_delete(struct fat_fs *fs, uint32_t dir, const struct dir_hit *hit)
{
	struct dir_iter it;
	iter_init(&it, dir);
	for (uint32_t i = hit->index + 1; i-- > hit->first;) {
		uint8_t *e;
		uint64_t lba;
		uint16_t off;
		enum fat_err r = dir_entry(fs, &it, i, &e, &lba, &off);
		if (r)
			return r;
		e[0] = DIRENT_FREE;
		r = sec_put(fs, lba);
		if (r)
			return r;
	}
	return FAT_OK;
}

static const uint8_t sfn_dot[SFN_LEN] = ".          ", sfn_dotdot[SFN_LEN] = "..         ";

/* Whether short entry e is the "." or ".." entry of a subdirectory. */
bool entry_is_dot(const uint8_t *e)
{
	return mem_eq(e, sfn_dot, SFN_LEN) || mem_eq(e, sfn_dotdot, SFN_LEN);
}

/* FAT_OK if directory dir has no entries but "." and "..", FAT_ENOTEMPTY if it has. */
enum fat_err dir_is_empty(struct fat_fs *fs, uint32_t dir)
{
	struct dir_iter it;
	iter_init(&it, dir);
	for (uint32_t i = 0;; i++) {
		uint8_t *e;
		uint64_t lba;
		uint16_t off;
		enum fat_err r = dir_entry(fs, &it, i, &e, &lba, &off);
		if (r == FAT_ENOENT || (!r && e[0] == DIRENT_END))
			return FAT_OK;
		if (r)
			return r;
		if (e[0] == DIRENT_FREE || (e[DE_ATTR] & ATTR_LFN_MASK) == ATTR_LFN ||
		    (e[DE_ATTR] & ATTR_VOLUME))
			continue;
		if (!entry_is_dot(e))
			return FAT_ENOTEMPTY;
	}
}

/* The first cluster of the subdirectory with entry e; FAT_ECORRUPT if it is not a data
 * cluster or is the root (a cycle). */
enum fat_err subdir_cluster(const struct fat_fs *fs, const uint8_t *e, uint32_t *c)
{
	*c = dirent_cluster(e);
	return cluster_valid(fs, *c) && *c != fs->root ? FAT_OK : FAT_ECORRUPT;
}

/* The parent of directory d, from its ".." entry (the second entry; a cluster of 0 or
 * the root's is the root). The root is its own parent, as in POSIX. FAT_ECORRUPT when
 * the entry is not a ".." naming a data cluster. */
static enum fat_err dir_parent(struct fat_fs *fs, uint32_t d, uint32_t *parent)
{
	struct dir_iter it;
	uint8_t *e;
	uint64_t lba;
	uint16_t off;
	*parent = d;
	if (d == fs->root)
		return FAT_OK;
	iter_init(&it, d);
	enum fat_err r = dir_entry(fs, &it, 1, &e, &lba, &off);
	if (r)
		return r == FAT_ENOENT ? FAT_ECORRUPT : r;
	if (!mem_eq(e, sfn_dotdot, SFN_LEN) || !(e[DE_ATTR] & ATTR_DIR))
		return FAT_ECORRUPT;
	uint32_t c = dirent_cluster(e);
	*parent = c == 0 ? fs->root : c;
	return cluster_valid(fs, *parent) ? FAT_OK : FAT_ECORRUPT;
}

/* Moves *d into its subdirectory named n: FAT_ENOENT, FAT_ENOTDIR for a file, or
 * FAT_ECORRUPT for a bad entry. */
static enum fat_err dir_descend(struct fat_fs *fs, uint32_t *d, const struct name *n)
{
	struct dir_hit hit;
	enum fat_err r = dir_find(fs, *d, n, &hit);
	if (r)
		return r;
	if (!(hit.ent[DE_ATTR] & ATTR_DIR))
		return FAT_ENOTDIR;
	return subdir_cluster(fs, hit.ent, d);
}

/* Resolves every component of path but the last: *dir is the directory that should hold
 * the last one, *leaf its name. A path that names a directory itself (the root, or one
 * ending in "." or "..") gives that directory in *dir and leaf->len 0. "." stays, ".."
 * goes to the parent (the root's is the root). FAT_ENOENT or FAT_ENOTDIR for a missing
 * or non-directory component, name errors as name_parse. */
enum fat_err path_parent(struct fat_fs *fs, const char *path, uint32_t *dir, struct name *leaf)
{
	uint32_t d = fs->root;
	const char *p = path;
	for (;;) {
		while (*p == '/')
			p++;
		const char *s = p;
		while (*p && *p != '/')
			p++;
		const char *q = p;
		while (*q == '/')
			q++;
		size_t n = (size_t)(p - s);
		enum fat_err r = FAT_OK;
		leaf->len = 0;
		*dir = d;
		if (n == 0)
			return FAT_OK;
		if (s[0] == '.' && (n == 1 || (n == 2 && s[1] == '.'))) {
			r = n == 2 ? dir_parent(fs, d, &d) : FAT_OK;
			*dir = d;
		} else {
			r = name_parse(s, n, leaf);
			if (!r && *q)
				r = dir_descend(fs, &d, leaf);
		}
		if (r || !*q)
			return r;
	}
}

/* Finds the entry path names: *dir is the directory holding it. FAT_EINVAL for a path
 * naming a directory itself (the root, which has no entry, or one ending in "." or
 * ".."). */
enum fat_err path_lookup(struct fat_fs *fs, const char *path, uint32_t *dir, struct dir_hit *hit)
{
	struct name leaf;
	enum fat_err r = path_parent(fs, path, dir, &leaf);
	if (r)
		return r;
	if (leaf.len == 0)
		return FAT_EINVAL;
	return dir_find(fs, *dir, &leaf, hit);
}
