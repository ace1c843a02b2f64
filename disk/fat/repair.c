/* Repair of a volume that was not shut down cleanly (fat.h: fat_repair). A power cut in
 * the middle of the library's work leaves: clusters allocated for a write whose new size
 * never reached the entry (a chain longer than its file), clusters of a removed file
 * that was still open or of an entry never written (lost clusters), long-name entries
 * without their short entry, FAT copies written one but not the other, a stale FSInfo
 * count. The repair makes the FAT copies equal, walks the tree from the root checking
 * every chain against its entry, and frees what no entry reaches. */
#include "fat_priv.h"

/* Long-name entries seen since the last short entry of the directory being walked. */
struct lfn_run {
	bool open;       /* there are some: the first is at index start */
	bool valid;      /* those from index seq on form a well-formed sequence so far */
	uint32_t start;
	uint32_t seq;
	uint8_t next;    /* ordinal the sequence expects next; 0: complete */
	uint8_t sum;     /* checksum of the short name it belongs to */
};

/* A directory being walked: its cursor and the index of its next entry. */
struct frame {
	struct dir_iter it;
	uint32_t index;
};

/* The walk of the tree: the clusters reached so far are marked in map (bit c - 2). */
struct walk {
	struct fat_fs *fs;
	struct fat_repair *out;
	uint8_t *map;
	uint32_t depth;
	struct frame stack[FAT_REPAIR_DEPTH + 1];
	struct lfn_run run;
};

/* Why check_chain cut a chain. */
enum chain_cut {
	CUT_NONE,
	CUT_SIZE,    /* it ran past the clusters its size needs */
	CUT_BROKEN,  /* a link to a free, bad or reserved cluster, or out of range */
	CUT_CROSS,   /* it ran into a cluster already reached (another chain, or a loop) */
};

/* c is a data cluster (the callers check). */
static bool seen(const struct walk *w, uint32_t c)
{
	return w->map[(c - 2) / 8] >> ((c - 2) % 8) & 1;
}

static void mark(struct walk *w, uint32_t c)
{
	w->map[(c - 2) / 8] |= (uint8_t)(1u << ((c - 2) % 8));
}

/* An entry value that allocates its cluster (a link, an end of chain or garbage), as
 * opposed to free, reserved or bad. */
static bool allocated(uint32_t v)
{
	return v > 1 && v != FAT_BAD;
}

/* Clusters a directory may have: DIR_ENTRIES_MAX entries. */
static uint32_t dir_limit(const struct fat_fs *fs)
{
	return DIR_ENTRIES_MAX / (fs->cluster_bytes / DIRENT_SIZE);
}

/* Walks the chain at *first, marking its clusters, and ends it early where it goes wrong:
 * before a cluster that is not allocated or already reached, after limit clusters, or
 * at a cluster whose link points nowhere. The last cluster kept gets an end-of-chain
 * entry (*first becomes 0 if none is kept); *kept counts them, *cut says why. */
static enum fat_err check_chain(struct walk *w, uint32_t *first, uint32_t limit,
				uint32_t *kept, enum chain_cut *cut)
{
	struct fat_fs *fs = w->fs;
	uint32_t last = 0, n = 0;
	*cut = CUT_NONE;
	for (uint32_t c = *first, v; c; c = v >= FAT_EOC_MIN ? 0 : v) {
		v = 0;
		enum fat_err r = cluster_valid(fs, c) ? fat_get(fs, c, &v) : FAT_OK;
		if (r)
			return r;
		*cut = !allocated(v) ? CUT_BROKEN : seen(w, c) ? CUT_CROSS
		     : n == limit ? CUT_SIZE : CUT_NONE;
		if (*cut)
			break;
		mark(w, c);
		n++;
		last = c;
		if (v < FAT_EOC_MIN && !cluster_valid(fs, v)) {
			*cut = CUT_BROKEN;
			break;
		}
	}
	*kept = n;
	if (!*cut)
		return FAT_OK;
	if (last)
		return chain_link(fs, last, FAT_EOC);
	*first = 0;
	return FAT_OK;
}

static void count_cut(struct fat_repair *out, enum chain_cut cut)
{
	if (cut == CUT_SIZE)
		out->trimmed++;
	else if (cut == CUT_CROSS)
		out->crossed++;
}

/* Frees the directory entries first .. last - 1 of the directory at dir. */
static enum fat_err free_entries(struct walk *w, uint32_t dir, uint32_t first, uint32_t last)
{
	if (first == last)
		return FAT_OK;
	struct dir_hit hit = { .first = first, .index = last - 1 };
	return dir_delete(w->fs, dir, &hit);
}

/* Adds long-name entry e at index i to the run (the rules of name.c's lfn_add). */
static void run_add(struct lfn_run *run, const uint8_t *e, uint32_t i)
{
	uint8_t ord = e[0] & 0x1F;
	if (!run->open) {
		run->open = true;
		run->valid = false;
		run->start = i;
	}
	if (e[0] & LFN_LAST) {
		run->valid = ord >= 1 && ord <= LFN_ENTRIES_MAX;
		run->seq = i;
		run->next = ord;
		run->sum = e[LFN_CHECKSUM];
	} else if (!run->valid || ord != run->next || ord == 0 || e[LFN_CHECKSUM] != run->sum) {
		run->valid = false;
	}
	if (rd16(e + DE_CLUS_LO) != 0)
		run->valid = false;
	if (run->valid)
		run->next--;
}

/* Ends the run at index i of directory dir: its entries are freed, except the complete
 * sequence that belongs to short entry sfn (NULL: none does). *head is the index of the
 * first entry of sfn's name (i without a long name). */
static enum fat_err run_end(struct walk *w, uint32_t dir, const uint8_t *sfn, uint32_t i,
			    uint32_t *head)
{
	struct lfn_run *run = &w->run;
	*head = i;
	if (!run->open)
		return FAT_OK;
	run->open = false;
	if (sfn && run->valid && run->next == 0 && run->sum == lfn_checksum(sfn))
		*head = run->seq;
	w->out->names += *head - run->start;
	return free_entries(w, dir, run->start, *head);
}

/* Checks the chain of the file with short entry e (stored at lba, off) against its size
 * and writes the entry back if its first cluster or size had to change. */
static enum fat_err check_file(struct walk *w, const uint8_t *e, uint64_t lba, uint16_t off)
{
	struct fat_fs *fs = w->fs;
	uint32_t first = dirent_cluster(e), size = rd32(e + DE_SIZE), need = clusters_for(fs, size);
	uint32_t kept;
	enum chain_cut cut;
	/* No chain holds more clusters than the volume: a longer one loops. */
	enum fat_err r = check_chain(w, &first, need < fs->clusters ? need : fs->clusters,
				     &kept, &cut);
	if (r)
		return r;
	count_cut(w->out, cut);
	if (kept < need) {
		size = kept * fs->cluster_bytes;
		w->out->shortened += cut != CUT_CROSS;
	}
	if (first == dirent_cluster(e) && size == rd32(e + DE_SIZE))
		return FAT_OK;
	uint8_t *sec;
	r = sec_get(fs, lba, &sec);
	if (r)
		return r;
	dirent_set_cluster(sec + off, first);
	wr32(sec + off + DE_SIZE, size);
	return sec_put(fs, lba);
}

/* Checks the chain of the subdirectory with short entry e (entries head .. i of directory
 * dir) and walks it next; drops the entry if it has no usable first cluster. */
static enum fat_err check_dir(struct walk *w, uint32_t dir, const uint8_t *e, uint32_t head,
			      uint32_t i)
{
	uint32_t first = dirent_cluster(e), kept = 0;
	enum chain_cut cut = CUT_BROKEN;
	enum fat_err r = first == w->fs->root ? FAT_OK
		       : check_chain(w, &first, dir_limit(w->fs), &kept, &cut);
	if (r)
		return r;
	if (kept == 0) {
		w->out->dirs++;
		return free_entries(w, dir, head, i + 1);
	}
	count_cut(w->out, cut == CUT_BROKEN ? CUT_SIZE : cut);
	if (w->depth > FAT_REPAIR_DEPTH) {
		w->out->partial = true;
		return FAT_OK;
	}
	struct frame *f = &w->stack[w->depth++];
	iter_init(&f->it, first);
	f->index = 0;
	return FAT_OK;
}

static bool is_dot(const uint8_t *e)
{
	return mem_eq(e, ".          ", SFN_LEN) || mem_eq(e, "..         ", SFN_LEN);
}

/* Handles the next entry of the directory on top of the stack (and pops it at its end). */
static enum fat_err walk_step(struct walk *w)
{
	struct frame *f = &w->stack[w->depth - 1];
	uint32_t i = f->index++, dir = f->it.first, head;
	uint8_t *p, e[DIRENT_SIZE];
	uint64_t lba;
	uint16_t off;
	enum fat_err r = dir_entry(w->fs, &f->it, i, &p, &lba, &off);
	if (r == FAT_ENOENT || (!r && p[0] == DIRENT_END)) {
		w->depth--;
		return run_end(w, dir, NULL, i, &head);
	}
	if (r)
		return r;
	mem_copy(e, p, DIRENT_SIZE);
	bool lfn = (e[DE_ATTR] & ATTR_LFN_MASK) == ATTR_LFN;
	if (lfn && e[0] != DIRENT_FREE) {
		run_add(&w->run, e, i);
		return FAT_OK;
	}
	bool entry = e[0] != DIRENT_FREE && !(e[DE_ATTR] & ATTR_VOLUME);
	r = run_end(w, dir, entry ? e : NULL, i, &head);
	if (r || !entry || is_dot(e))
		return r;
	if (e[DE_ATTR] & ATTR_DIR)
		return check_dir(w, dir, e, head, i);
	return check_file(w, e, lba, off);
}

/* Walks the whole tree, marking the clusters entries reach. */
static enum fat_err walk_tree(struct walk *w)
{
	uint32_t root = w->fs->root, kept;
	enum chain_cut cut;
	enum fat_err r = check_chain(w, &root, dir_limit(w->fs), &kept, &cut);
	if (r)
		return r;
	if (kept == 0)
		return FAT_ECORRUPT;
	count_cut(w->out, cut == CUT_BROKEN ? CUT_SIZE : cut);
	w->run.open = false;
	w->depth = 1;
	iter_init(&w->stack[0].it, w->fs->root);
	w->stack[0].index = 0;
	while (w->depth && !r)
		r = walk_step(w);
	return r;
}

/* Frees the clusters that are allocated but were not reached. */
static enum fat_err free_lost(struct walk *w)
{
	struct fat_fs *fs = w->fs;
	for (uint32_t c = 2; cluster_valid(fs, c); c++) {
		uint32_t v;
		if (seen(w, c))
			continue;
		enum fat_err r = fat_get(fs, c, &v);
		if (!r && allocated(v)) {
			r = chain_free(fs, c, 1);
			w->out->lost++;
		}
		if (r)
			return r;
	}
	return FAT_OK;
}

/* Makes every FAT copy equal to copy 0 (written first by fatc_flush, so never older),
 * comparing them in runs of sectors read into buf (bytes long). */
static enum fat_err equal_fats(struct fat_fs *fs, uint8_t *buf, size_t bytes,
			       struct fat_repair *out)
{
	uint32_t run = (uint32_t)(bytes / (2 * FAT_SECTOR_SIZE));
	uint8_t *other = buf + (size_t)run * FAT_SECTOR_SIZE;
	enum fat_err r = fatc_flush(fs);
	for (uint32_t k = 1; k < fs->fat_copies && !r; k++) {
		uint64_t copy = fs->fat_lba + (uint64_t)k * fs->fat_sectors;
		for (uint32_t s = 0; s < fs->fat_sectors && !r; s += run) {
			uint32_t n = fs->fat_sectors - s < run ? fs->fat_sectors - s : run;
			r = dev_read(fs, fs->fat_lba + s, n, buf);
			if (!r)
				r = dev_read(fs, copy + s, n, other);
			for (uint32_t j = 0; j < n && !r; j++) {
				uint32_t at = j * FAT_SECTOR_SIZE;
				if (mem_eq(buf + at, other + at, FAT_SECTOR_SIZE))
					continue;
				r = dev_write(fs, copy + s + j, 1, buf + at);
				out->fat_sectors++;
			}
		}
	}
	return r;
}

enum fat_err fat_repair(struct fat_fs *fs, uint8_t *map, size_t map_bytes,
			struct fat_repair *out)
{
	static struct walk w; /* static: too big for a server thread's stack; never nested */
	mem_zero(out, sizeof *out);
	if (map_bytes < (fs->clusters + 7) / 8 || map_bytes < 2 * FAT_SECTOR_SIZE)
		return FAT_EINVAL;
	for (size_t i = 0; i < fs->node_count; i++)
		if (fs->nodes[i].refs)
			return FAT_EINVAL;
	ix_reset(fs); /* the walk changes directories behind the indexes */
	enum fat_err r = equal_fats(fs, map, map_bytes, out);
	w = (struct walk){ .fs = fs, .out = out, .map = map };
	mem_zero(map, (fs->clusters + 7) / 8);
	if (!r)
		r = walk_tree(&w);
	if (!r && !out->partial)
		r = free_lost(&w);
	if (!r)
		r = fat_count_free(fs);
	if (r)
		return r;
	ix_reset(fs);
	fs->fsinfo_dirty = true;
	r = fat_sync(fs);
	if (!r)
		fs->needs_repair = false;
	return r;
}
