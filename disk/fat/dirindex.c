/* Directory indexes: a directory's names hashed in memory (long and short, ASCII letters
 * folded), its free entries and its clusters, so that a lookup, an insertion and a
 * deletion touch only the entries they concern. Built by one scan when a lookup first
 * needs the directory; dir.c keeps it in step with every change, and drops it when a
 * change fails halfway (the next use rebuilds it from the disk). */
#include "fat_priv.h"

#define SLOT_MASK (FAT_INDEX_SLOTS - 1)

static uint32_t hash_units(const uint16_t *u, uint32_t len)
{
	uint32_t h = 2166136261u;
	for (uint32_t i = 0; i < len; i++) {
		uint16_t c = u[i] >= 'a' && u[i] <= 'z' ? (uint16_t)(u[i] - 'a' + 'A') : u[i];
		h = (h ^ (c & 0xFF)) * 16777619u;
		h = (h ^ (c >> 8)) * 16777619u;
	}
	return h;
}

/* The hash of a short name as lookup sees it ("BASE.EXT", letters folded). */
static uint32_t hash_sfn(const uint8_t *sfn)
{
	uint16_t u[SFN_LEN + 1];
	return hash_units(u, sfn_units(sfn, 0, u));
}

static bool is_free(const struct fat_dir_index *ix, uint32_t i)
{
	return ix->free[i / 8] & (1u << (i % 8));
}

static void set_free(struct fat_dir_index *ix, uint32_t i, bool free)
{
	if (free)
		ix->free[i / 8] |= (uint8_t)(1u << (i % 8));
	else
		ix->free[i / 8] &= (uint8_t)~(1u << (i % 8));
}

static void slot_put(struct fat_dir_index *ix, uint32_t hash, uint32_t pos, uint32_t lfns)
{
	uint32_t i = hash & SLOT_MASK;
	while (ix->slots[i].pos)
		i = (i + 1) & SLOT_MASK;
	ix->slots[i] = (struct fat_index_slot){ .hash = hash, .pos = (uint16_t)pos,
						.lfns = (uint16_t)lfns };
}

/* Empties slot i, moving later slots of its probe run back (linear probing needs no
 * tombstones). */
static void slot_clear(struct fat_dir_index *ix, uint32_t i)
{
	for (uint32_t j = (i + 1) & SLOT_MASK; ix->slots[j].pos; j = (j + 1) & SLOT_MASK) {
		uint32_t home = ix->slots[j].hash & SLOT_MASK;
		bool stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
		if (!stays) {
			ix->slots[i] = ix->slots[j];
			i = j;
		}
	}
	ix->slots[i].pos = 0;
}

static void slot_drop(struct fat_dir_index *ix, uint32_t hash, uint32_t pos)
{
	for (uint32_t i = hash & SLOT_MASK; ix->slots[i].pos; i = (i + 1) & SLOT_MASK) {
		if (ix->slots[i].hash == hash && ix->slots[i].pos == pos) {
			slot_clear(ix, i);
			return;
		}
	}
}

/* Adds the names of the short entry at index (after lfns long-name entries; long its
 * name when lfns > 0) and marks its entries used. */
static void add_names(struct fat_dir_index *ix, const uint16_t *long_u, uint32_t long_len,
		      const uint8_t *sfn, uint32_t index, uint32_t lfns)
{
	slot_put(ix, hash_sfn(sfn), index + 1, lfns);
	if (lfns) {
		ix->long_hash[index] = hash_units(long_u, long_len);
		slot_put(ix, ix->long_hash[index], index + 1, lfns);
	}
	for (uint32_t i = index - lfns; i <= index; i++)
		set_free(ix, i, false);
	while (ix->first_free < ix->entries && !is_free(ix, ix->first_free))
		ix->first_free++;
}

/* Records entry i of the directory (e) in a build: lfn assembles long names as dir.c's
 * scan does, *ended once an end marker was seen. */
static void build_entry(struct fat_dir_index *ix, struct lfn_acc *lfn, const uint8_t *e,
			uint32_t i, bool *ended)
{
	uint32_t len;
	*ended = *ended || e[0] == DIRENT_END;
	if (*ended || e[0] == DIRENT_FREE) {
		set_free(ix, i, true);
		lfn_reset(lfn);
	} else if ((e[DE_ATTR] & ATTR_LFN_MASK) == ATTR_LFN) {
		lfn_add(lfn, e, i);
	} else {
		if (!(e[DE_ATTR] & ATTR_VOLUME) && !entry_is_dot(e)) {
			bool named = lfn_done(lfn, e, &len);
			add_names(ix, lfn->u, named ? len : 0, e, i, named ? i - lfn->start : 0);
		}
		lfn_reset(lfn);
	}
}

/* Reads directory dir into ix. FAT_ENOSPC when it has more than FAT_INDEX_ENTRIES
 * entries, or the errors of reading it. */
static enum fat_err build(struct fat_fs *fs, struct fat_dir_index *ix, uint32_t dir)
{
	uint32_t per = fs->cluster_bytes / DIRENT_SIZE;
	struct dir_iter it;
	struct lfn_acc lfn;
	bool ended = false;
	uint64_t *words = (uint64_t *)ix->slots;
	for (size_t k = 0; k < sizeof ix->slots / sizeof *words; k++)
		words[k] = 0;
	mem_zero(ix->free, sizeof ix->free);
	mem_zero(ix->tails, sizeof ix->tails);
	ix->first_free = UINT32_MAX;
	ix->entries = 0;
	iter_init(&it, dir);
	lfn_reset(&lfn);
	for (uint32_t i = 0;; i++) {
		uint8_t *e;
		uint64_t lba;
		uint16_t off;
		enum fat_err r = dir_entry(fs, &it, i, &e, &lba, &off);
		if (r == FAT_ENOENT)
			break;
		if (r)
			return r;
		if (i >= FAT_INDEX_ENTRIES)
			return FAT_ENOSPC;
		if (i % per == 0)
			ix->clusters[i / per] = it.cluster;
		ix->entries = i + 1;
		build_entry(ix, &lfn, e, i, &ended);
	}
	ix->nclusters = ix->entries / per;
	ix->first_free = 0;
	while (ix->first_free < ix->entries && !is_free(ix, ix->first_free))
		ix->first_free++;
	ix->dir = dir;
	return FAT_OK;
}

void fat_index_attach(struct fat_fs *fs, struct fat_dir_index *ix, size_t count)
{
	fs->index = ix;
	fs->index_count = count;
	ix_reset(fs);
}

/* Forgets every index (mount, repair). */
void ix_reset(struct fat_fs *fs)
{
	for (size_t i = 0; i < fs->index_count; i++)
		fs->index[i].dir = 0;
	fs->index_big = 0;
}

/* Forgets the index of directory dir, if there is one (the directory was removed, or a
 * change to it failed halfway). */
void ix_forget(struct fat_fs *fs, uint32_t dir)
{
	for (size_t i = 0; i < fs->index_count; i++)
		if (fs->index[i].dir == dir)
			fs->index[i].dir = 0;
	if (fs->index_big == dir)
		fs->index_big = 0;
}

/* The index of directory dir if there is one, else NULL. */
struct fat_dir_index *ix_peek(struct fat_fs *fs, uint32_t dir)
{
	for (size_t i = 0; i < fs->index_count; i++) {
		if (fs->index[i].dir == dir) {
			fs->index[i].used = ++fs->index_clock;
			return &fs->index[i];
		}
	}
	return NULL;
}

/* The index of directory dir, built in the least recently used one if there is none;
 * NULL when there are no indexes, the directory is too big, or reading it failed (a
 * scan then finds the error). */
struct fat_dir_index *ix_get(struct fat_fs *fs, uint32_t dir)
{
	struct fat_dir_index *ix = ix_peek(fs, dir);
	if (ix || !fs->index_count || fs->index_big == dir)
		return ix;
	ix = &fs->index[0];
	for (size_t i = 1; i < fs->index_count; i++)
		if (fs->index[i].used < ix->used)
			ix = &fs->index[i];
	ix->dir = 0;
	ix->used = ++fs->index_clock;
	enum fat_err r = build(fs, ix, dir);
	if (r == FAT_ENOSPC)
		fs->index_big = dir;
	if (r)
		ix->dir = 0;
	return r ? NULL : ix;
}

/* Points *e at entry index of the indexed directory (as dir_entry does, through the
 * cluster list). FAT_ENOENT past its clusters. */
enum fat_err ix_entry(struct fat_fs *fs, const struct fat_dir_index *ix, uint32_t index,
		      uint8_t **e, uint64_t *lba, uint16_t *off)
{
	uint32_t per = fs->cluster_bytes / DIRENT_SIZE;
	if (index / per >= ix->nclusters)
		return FAT_ENOENT;
	return entry_in_cluster(fs, ix->clusters[index / per], index % per, e, lba, off);
}

/* Whether the entry a slot names is n: its long-name entries and short entry are read
 * again and matched as a scan would. FAT_OK with *hit, FAT_ENOENT, or an error. */
static enum fat_err slot_match(struct fat_fs *fs, const struct fat_dir_index *ix,
			       const struct fat_index_slot *s, const struct name *n,
			       struct dir_hit *hit)
{
	struct lfn_acc lfn;
	uint32_t index = s->pos - 1u;
	lfn_reset(&lfn);
	for (uint32_t i = index - s->lfns;; i++) {
		uint8_t *e;
		uint64_t lba;
		uint16_t off;
		enum fat_err r = ix_entry(fs, ix, i, &e, &lba, &off);
		if (r)
			return r == FAT_ENOENT ? FAT_ECORRUPT : r;
		if (i < index) {
			lfn_add(&lfn, e, i);
			continue;
		}
		if (!entry_matches(n, &lfn, e))
			return FAT_ENOENT;
		fill_hit(hit, &lfn, e, i, lba, off);
		return FAT_OK;
	}
}

/* Finds n in the indexed directory: FAT_OK with *hit, FAT_ENOENT, or an error. Only
 * entries whose hash is n's are read. */
enum fat_err ix_find(struct fat_fs *fs, const struct fat_dir_index *ix, const struct name *n,
		     struct dir_hit *hit)
{
	uint32_t h = hash_units(n->u, n->len);
	for (uint32_t i = h & SLOT_MASK; ix->slots[i].pos; i = (i + 1) & SLOT_MASK) {
		if (ix->slots[i].hash != h)
			continue;
		enum fat_err r = slot_match(fs, ix, &ix->slots[i], n, hit);
		if (r != FAT_ENOENT)
			return r;
	}
	return FAT_ENOENT;
}

/* Whether short name sfn may be taken in the directory: true for every name that is (and
 * rarely for one whose hash only collides, which costs an alias a higher tail). */
static bool sfn_taken(const struct fat_dir_index *ix, const uint8_t *sfn)
{
	uint32_t h = hash_sfn(sfn);
	for (uint32_t i = h & SLOT_MASK; ix->slots[i].pos; i = (i + 1) & SLOT_MASK)
		if (ix->slots[i].hash == h)
			return true;
	return false;
}

/* Picks the short name for g as sfn_pick does, from the index: the basis if exact and
 * free, else the basis with a free ~N tail, starting where the last pick of the same
 * basis stopped. FAT_ENOSPC when no tail is free. */
enum fat_err ix_sfn_pick(struct fat_dir_index *ix, const struct sfn_gen *g, uint8_t *sfn)
{
	mem_copy(sfn, g->basis, SFN_LEN);
	if (!g->lossy && !sfn_taken(ix, g->basis))
		return FAT_OK;
	unsigned t = 0;
	while (t < FAT_INDEX_TAILS && !(ix->tails[t].next &&
		ix->tails[t].base_len == g->base_len && mem_eq(ix->tails[t].basis, g->basis, SFN_LEN)))
		t++;
	if (t == FAT_INDEX_TAILS) {
		t = ix->tail_victim++ % FAT_INDEX_TAILS;
		mem_copy(ix->tails[t].basis, g->basis, SFN_LEN);
		ix->tails[t].base_len = (uint8_t)g->base_len;
		ix->tails[t].next = 1;
	}
	for (uint32_t v = ix->tails[t].next; v < SFN_TAILS; v++) {
		sfn_tailed(g->basis, g->base_len, v, sfn);
		if (!sfn_taken(ix, sfn)) {
			ix->tails[t].next = (uint16_t)(v + 1);
			return FAT_OK;
		}
	}
	return FAT_ENOSPC;
}

/* The first index of the lowest run of need free entries (the run may go past the
 * directory's end: the caller grows it). */
uint32_t ix_slot(const struct fat_dir_index *ix, uint32_t need)
{
	uint32_t run = 0, i = ix->first_free;
	for (; i < ix->entries && run < need; i++)
		run = is_free(ix, i) ? run + 1 : 0;
	return i - run;
}

/* Adds the k clusters of the chain at first, just linked at the directory's end, whose
 * entries are free (zeroed). Returns ix, or NULL when the directory is now too big to
 * index (the index is forgotten). */
struct fat_dir_index *ix_grown(struct fat_fs *fs, struct fat_dir_index *ix, uint32_t first,
			       uint32_t k)
{
	uint32_t per = fs->cluster_bytes / DIRENT_SIZE, c = first;
	if ((ix->nclusters + k) * per > FAT_INDEX_ENTRIES) {
		fs->index_big = ix->dir;
		ix->dir = 0;
		return NULL;
	}
	for (uint32_t i = 0; i < k; i++) {
		if (i && (chain_next(fs, c, &c) || !c)) {
			ix_forget(fs, ix->dir);
			return NULL;
		}
		ix->clusters[ix->nclusters++] = c;
	}
	for (uint32_t i = ix->entries; i < ix->nclusters * per; i++)
		set_free(ix, i, true);
	ix->entries = ix->nclusters * per;
	return ix;
}

/* Records the entry just inserted: name n (long-name entries before it, lfns of them,
 * when lfns > 0), short name sfn at index. */
void ix_added(struct fat_dir_index *ix, const struct name *n, const uint8_t *sfn,
	      uint32_t index, uint32_t lfns)
{
	add_names(ix, n->u, n->len, sfn, index, lfns);
}

/* Forgets the names of the entry hit (about to be deleted) and marks its entries free;
 * a short name with a tail lowers the tail hints it belongs to. */
void ix_removed(struct fat_dir_index *ix, const struct dir_hit *hit)
{
	uint32_t pos = hit->index + 1;
	slot_drop(ix, hash_sfn(hit->ent), pos);
	if (hit->first < hit->index)
		slot_drop(ix, ix->long_hash[hit->index], pos);
	for (uint32_t i = hit->first; i <= hit->index; i++)
		set_free(ix, i, true);
	if (hit->first < ix->first_free)
		ix->first_free = hit->first;
	for (unsigned t = 0; t < FAT_INDEX_TAILS; t++) {
		uint32_t v = ix->tails[t].next ?
			sfn_tail(ix->tails[t].basis, ix->tails[t].base_len, hit->ent) : 0;
		if (v && v < ix->tails[t].next)
			ix->tails[t].next = (uint16_t)v;
	}
}
