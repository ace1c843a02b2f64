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
	return entry_in_cluster(fs, it->cluster, index % per_cluster, e, lba, off);
}

enum fat_err entry_in_cluster(struct fat_fs *fs, uint32_t cluster, uint32_t i, uint8_t **e,
			      uint64_t *lba, uint16_t *off)
{
	uint32_t byte = i * DIRENT_SIZE;
	*lba = cluster_lba(fs, cluster) + byte / FAT_SECTOR_SIZE;
	*off = (uint16_t)(byte % FAT_SECTOR_SIZE);
	uint8_t *sec;
	enum fat_err r = sec_get(fs, *lba, &sec);
	if (r)
		return r;
	*e = sec + *off;
	return FAT_OK;
}

/* Short entry e (after long-name entries in lfn) is the entry of name n. */
bool entry_matches(const struct name *n, const struct lfn_acc *lfn, const uint8_t *e)
{
	uint32_t len;
	if (lfn_done(lfn, e, &len) && name_eq_units(n, lfn->u, len))
		return true;
	return name_eq_sfn(n, e, true);
}

/* Fills *hit for short entry e at index (after the long-name entries in lfn). */
void fill_hit(struct dir_hit *hit, const struct lfn_acc *lfn, const uint8_t *e,
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

/* Finds name n in directory dir (through its index when it has or gets one): FAT_OK
 * with *hit, FAT_ENOENT, or an error. */
enum fat_err dir_find(struct fat_fs *fs, uint32_t dir, const struct name *n, struct dir_hit *hit)
{
	struct fat_dir_index *ix = ix_get(fs, dir);
	return ix ? ix_find(fs, ix, n, hit) : dir_scan(fs, dir, n, hit, NULL);
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

/* Zeroes the n clusters of the chain at first, clusters next to each other on the disk
 * in one run. */
enum fat_err zero_clusters(struct fat_fs *fs, uint32_t first, uint32_t n)
{
	uint32_t c = first;
	for (uint32_t i = 0; i < n && c;) {
		uint32_t start = c, run = 1, next = 0;
		enum fat_err r = FAT_OK;
		while (i + run < n && !(r = chain_next(fs, c, &next)) && next == c + 1) {
			c = next;
			run++;
		}
		if (!r && i + run == n)
			next = 0;
		if (!r)
			r = dev_zero(fs, cluster_lba(fs, start), run * fs->sec_per_clus);
		if (r)
			return r;
		i += run;
		c = next;
	}
	return FAT_OK;
}

/* Adds zeroed clusters to directory dir (last cluster sp->last) so that it holds the
 * entries sp->slot .. sp->slot + sp->need - 1: *k clusters (0: it had room) from *first. */
static enum fat_err dir_grow(struct fat_fs *fs, const struct dir_space *sp, uint32_t *first,
			     uint32_t *k)
{
	uint32_t want = sp->slot + sp->need, last;
	*k = 0;
	if (want <= sp->entries)
		return FAT_OK;
	if (want > DIR_ENTRIES_MAX)
		return FAT_ENOSPC;
	uint32_t n = clusters_for(fs, (uint64_t)(want - sp->entries) * DIRENT_SIZE);
	enum fat_err r = chain_alloc(fs, n, first, &last);
	if (r)
		return r;
	r = zero_clusters(fs, *first, n);
	if (!r)
		r = chain_link(fs, sp->last, *first);
	if (r)
		chain_free(fs, *first, n);
	else
		*k = n;
	return r;
}

/* Where a change reaches a directory's entries: through its index when it has one, else
 * along its chain; a changed sector is written once, when the change moves to the next
 * sector or ends (dir_flush). */
#define DIRENTS_PER_SECTOR (FAT_SECTOR_SIZE / DIRENT_SIZE)

struct dir_pos {
	struct fat_dir_index *ix;
	struct dir_iter it;
	bool pending;  /* sector lba is changed in the cache, not yet written */
	uint64_t lba;
	uint32_t group; /* the pending sector's entries are those with index / DIRENTS_PER_SECTOR
			   equal to this */
};

static void pos_init(struct dir_pos *p, struct fat_dir_index *ix, uint32_t dir)
{
	p->ix = ix;
	p->pending = false;
	iter_init(&p->it, dir);
}

static enum fat_err pos_flush(struct fat_fs *fs, struct dir_pos *p)
{
	if (!p->pending)
		return FAT_OK;
	p->pending = false;
	return sec_put(fs, p->lba);
}

/* Sets entry index of the directory to src, or (src NULL) marks it free; with hit, points
 * hit at it. Entries of one sector must come one after the other (in either order): the
 * pending sector is written when an entry of another comes. */
static enum fat_err pos_set(struct fat_fs *fs, struct dir_pos *p, uint32_t index,
			    const uint8_t *src, struct dir_hit *hit)
{
	uint8_t *e;
	uint64_t lba;
	uint16_t off;
	enum fat_err r = p->pending && index / DIRENTS_PER_SECTOR != p->group ? pos_flush(fs, p)
									     : FAT_OK;
	if (!r)
		r = p->ix ? ix_entry(fs, p->ix, index, &e, &lba, &off)
			  : dir_entry(fs, &p->it, index, &e, &lba, &off);
	if (r)
		return r;
	if (src)
		mem_copy(e, src, DIRENT_SIZE);
	else
		e[0] = DIRENT_FREE;
	p->pending = true;
	p->lba = lba;
	p->group = index / DIRENTS_PER_SECTOR;
	if (hit) {
		mem_copy(hit->ent, src, DIRENT_SIZE);
		hit->lba = lba;
		hit->off = off;
		hit->index = index;
	}
	return FAT_OK;
}

/* What dir_insert needs from an indexed directory: FAT_EEXIST if n is there, else the
 * short name and where the entries go, without reading the directory. */
static enum fat_err space_indexed(struct fat_fs *fs, struct fat_dir_index *ix,
				  const struct name *n, struct dir_space *sp, uint8_t *sfn,
				  struct dir_hit *hit)
{
	enum fat_err r = ix_find(fs, ix, n, hit);
	if (r == FAT_OK)
		return FAT_EEXIST;
	if (r != FAT_ENOENT)
		return r;
	sp->slot = ix_slot(ix, sp->need);
	sp->entries = ix->entries;
	sp->last = ix->clusters[ix->nclusters - 1];
	return ix_sfn_pick(ix, sp->gen, sfn);
}

/* The same by reading the whole directory. */
static enum fat_err space_scanned(struct fat_fs *fs, uint32_t dir, const struct name *n,
				  struct dir_space *sp, uint8_t *sfn, struct dir_hit *hit)
{
	enum fat_err r = dir_scan(fs, dir, n, hit, sp);
	if (r == FAT_OK)
		return FAT_EEXIST;
	if (r != FAT_ENOENT)
		return r;
	return sfn_pick(sp->gen, sfn);
}

/* Adds name n to directory dir as a short entry (attr, first cluster, size) preceded by
 * long-name entries unless the short name is exactly n; *hit locates the new entry.
 * FAT_EEXIST if n is there, FAT_ENOSPC if the directory cannot grow or no short name
 * is free; nothing is changed on these errors. The directory's index, if any, follows
 * (or is dropped when a write fails). */
enum fat_err dir_insert(struct fat_fs *fs, uint32_t dir, const struct name *n,
			uint8_t attr, uint32_t first, uint32_t size, struct dir_hit *hit)
{
	struct sfn_gen gen;
	struct dir_pos p;
	uint8_t sfn[SFN_LEN], e[DIRENT_SIZE];
	uint32_t grown, k;
	pos_init(&p, ix_get(fs, dir), dir);
	sfn_basis(&gen, n);
	bool plain = !gen.lossy && name_eq_sfn(n, gen.basis, false);
	struct dir_space sp = {.need = plain ? 1 : lfn_entries(n) + 1, .slot = UINT32_MAX, .gen = &gen};
	enum fat_err r = p.ix ? space_indexed(fs, p.ix, n, &sp, sfn, hit)
			      : space_scanned(fs, dir, n, &sp, sfn, hit);
	if (!r)
		r = dir_grow(fs, &sp, &grown, &k);
	if (r)
		return r;
	if (k && p.ix)
		p.ix = ix_grown(fs, p.ix, grown, k);
	uint32_t lfns = sp.need - 1;
	uint8_t sum = lfn_checksum(sfn);
	for (uint32_t j = 0; j < lfns && !r; j++) {
		lfn_fill(e, n, lfns - j, lfns, sum);
		r = pos_set(fs, &p, sp.slot + j, e, NULL);
	}
	dirent_init(e, sfn, attr, first, size);
	if (!r)
		r = pos_set(fs, &p, sp.slot + lfns, e, hit);
	enum fat_err w = pos_flush(fs, &p);
	r = r ? r : w;
	if (r) {
		ix_forget(fs, dir);
		return r;
	}
	hit->first = sp.slot;
	if (p.ix)
		ix_added(p.ix, n, sfn, sp.slot + lfns, lfns);
	return FAT_OK;
}

/* Marks the entries of hit free, in the directory's index too: the short entry first,
 * then its long-name entries, so a power cut between two sectors leaves long-name
 * entries of no short entry (which the repair frees: the file is gone), never the file
 * under its short name alone. */
enum fat_err dir_delete(struct fat_fs *fs, uint32_t dir, const struct dir_hit *hit)
{
	struct dir_pos p;
	enum fat_err r = FAT_OK;
	pos_init(&p, ix_peek(fs, dir), dir);
	if (p.ix)
		ix_removed(p.ix, hit);
	for (uint32_t i = hit->index + 1; i-- > hit->first && !r;)
		r = pos_set(fs, &p, i, NULL, NULL);
	enum fat_err w = pos_flush(fs, &p);
	r = r ? r : w;
	if (r)
		ix_forget(fs, dir);
	return r;
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
