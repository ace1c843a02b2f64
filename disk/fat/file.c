/* Files: open-file nodes shared by handles (reference counts; a removed file lives until
 * the last close), reads and writes at offsets along a chain cursor, growth with zero
 * fill (pending zeros: written a step at a time, read as zeros meanwhile), the pager's
 * page reads and writes, and create, mkdir and remove. Offsets belong to the caller's
 * handles, not to nodes. */
#include "fat_priv.h"

/* Open nodes are in a list (fat_sync walks it) and, unless removed, in a hash of the
 * place of their directory entry; free nodes are in a list. Links are index + 1. */
static uint32_t node_id(const struct fat_fs *fs, const struct fat_node *n)
{
	return (uint32_t)(n - fs->nodes) + 1;
}

static uint32_t *node_bucket(struct fat_fs *fs, uint64_t lba, uint16_t off)
{
	return &fs->node_buckets[(lba * (FAT_SECTOR_SIZE / DIRENT_SIZE) + off / DIRENT_SIZE) %
				 FAT_NODE_BUCKETS];
}

/* Makes every node free (fat_mount, after clearing them). */
void nodes_init(struct fat_fs *fs)
{
	mem_zero(fs->node_buckets, sizeof fs->node_buckets);
	fs->node_open = 0;
	fs->node_free = fs->node_count ? 1 : 0;
	for (size_t i = 0; i < fs->node_count; i++)
		fs->nodes[i].link = i + 1 < fs->node_count ? (uint32_t)i + 2 : 0;
}

/* The open node of the file whose entry is at (lba, off), or NULL. */
static struct fat_node *node_find(struct fat_fs *fs, uint64_t lba, uint16_t off)
{
	for (uint32_t id = *node_bucket(fs, lba, off); id; id = fs->nodes[id - 1].link) {
		struct fat_node *n = &fs->nodes[id - 1];
		if (n->ent_lba == lba && n->ent_off == off)
			return n;
	}
	return NULL;
}

/* Takes n out of its hash bucket (the file's entry is gone, or n is closed). */
static void node_unhash(struct fat_fs *fs, struct fat_node *n)
{
	uint32_t id = node_id(fs, n), *p = node_bucket(fs, n->ent_lba, n->ent_off);
	while (*p && *p != id)
		p = &fs->nodes[*p - 1].link;
	if (*p)
		*p = n->link;
	n->link = 0;
}

/* A free node made the node of the file entry hit, whose chain has len clusters, open
 * (in the list and the hash) with no reference yet; NULL when none is free. */
static struct fat_node *node_new(struct fat_fs *fs, const struct dir_hit *hit, uint32_t len)
{
	if (!fs->node_free)
		return NULL;
	struct fat_node *n = &fs->nodes[fs->node_free - 1];
	uint32_t id = fs->node_free, *bucket = node_bucket(fs, hit->lba, hit->off);
	fs->node_free = n->link;
	mem_zero(n, sizeof *n);
	n->first = dirent_cluster(hit->ent);
	n->size = rd32(hit->ent + DE_SIZE);
	n->nclusters = len;
	n->ent_lba = hit->lba;
	n->ent_off = hit->off;
	n->link = *bucket;
	*bucket = id;
	n->next = fs->node_open;
	if (fs->node_open)
		fs->nodes[fs->node_open - 1].prev = id;
	fs->node_open = id;
	return n;
}

/* Frees n, whose last reference is gone. */
static void node_free(struct fat_fs *fs, struct fat_node *n)
{
	if (!n->removed)
		node_unhash(fs, n);
	if (n->prev)
		fs->nodes[n->prev - 1].next = n->next;
	else
		fs->node_open = n->next;
	if (n->next)
		fs->nodes[n->next - 1].prev = n->prev;
	n->refs = 0;
	n->prev = n->next = 0;
	n->link = fs->node_free;
	fs->node_free = node_id(fs, n);
}

/* Checks that the chain of file entry e has exactly the clusters its size needs; *len is
 * their count. */
static enum fat_err entry_chain(struct fat_fs *fs, const uint8_t *e, uint32_t *len)
{
	uint32_t first = dirent_cluster(e), need = clusters_for(fs, rd32(e + DE_SIZE));
	if (need > fs->clusters || (need == 0) != (first == 0))
		return FAT_ECORRUPT;
	enum fat_err r = chain_length(fs, first, need, len);
	if (!r && *len != need)
		r = FAT_ECORRUPT;
	return r;
}

/* Moves the node's cursor to cluster number index (< nclusters) of its chain: forwards
 * from where it is, else from the nearest checkpoint below index (node.marks). */
static enum fat_err node_seek(struct fat_fs *fs, struct fat_node *n, uint32_t index,
			      uint32_t *cluster)
{
	if (!n->cur_cluster || index < n->cur_index) {
		uint32_t k = index / FAT_MARK_STRIDE < FAT_MARKS ? index / FAT_MARK_STRIDE : FAT_MARKS;
		while (k > 0 && !n->marks[k - 1])
			k--;
		n->cur_index = k * FAT_MARK_STRIDE;
		n->cur_cluster = k ? n->marks[k - 1] : n->first;
	}
	while (n->cur_index < index) {
		uint32_t next;
		enum fat_err r = chain_next(fs, n->cur_cluster, &next);
		if (r)
			return r;
		if (!next)
			return FAT_ECORRUPT;
		n->cur_cluster = next;
		n->cur_index++;
		uint32_t k = n->cur_index / FAT_MARK_STRIDE;
		if (n->cur_index % FAT_MARK_STRIDE == 0 && k <= FAT_MARKS)
			n->marks[k - 1] = next;
	}
	*cluster = n->cur_cluster;
	return FAT_OK;
}

/* The sectors from sector in of cluster c that one device transfer may cover, at most
 * want: the rest of c and of the clusters right after it on the disk that are also the
 * next ones of the chain (files are mostly contiguous, clusters often small). */
static uint32_t run_sectors(struct fat_fs *fs, uint32_t c, uint32_t in, uint32_t want)
{
	uint32_t per = fs->cluster_bytes / FAT_SECTOR_SIZE, room = per - in;
	for (uint32_t next; room < want && !chain_next(fs, c, &next) && next == c + 1; c = next)
		room += per;
	return room < want ? room : want;
}

/* Moves bytes [off, off + len) of the node's clusters into dst, or from src, or (both
 * NULL) sets them to zero: whole sectors go straight to the device (contiguous clusters
 * in one transfer), partial ones through the scratch sector. */
static enum fat_err file_io(struct fat_fs *fs, struct fat_node *n, uint64_t off, uint8_t *dst,
			    const uint8_t *src, uint32_t len)
{
	while (len) {
		uint32_t c, in = (uint32_t)(off % fs->cluster_bytes), so = in % FAT_SECTOR_SIZE, chunk;
		enum fat_err r = node_seek(fs, n, (uint32_t)(off / fs->cluster_bytes), &c);
		if (r)
			return r;
		uint64_t lba = cluster_lba(fs, c) + in / FAT_SECTOR_SIZE;
		if (so == 0 && len >= FAT_SECTOR_SIZE) {
			uint32_t secs = run_sectors(fs, c, in / FAT_SECTOR_SIZE, len / FAT_SECTOR_SIZE);
			chunk = secs * FAT_SECTOR_SIZE;
			r = dst ? dev_read(fs, lba, secs, dst)
			  : src ? dev_write(fs, lba, secs, src) : dev_zero(fs, lba, secs);
		} else {
			chunk = FAT_SECTOR_SIZE - so < len ? FAT_SECTOR_SIZE - so : len;
			r = dev_read(fs, lba, 1, fs->scratch);
			if (!r && dst) {
				mem_copy(dst, fs->scratch + so, chunk);
			} else if (!r) {
				if (src)
					mem_copy(fs->scratch + so, src, chunk);
				else
					mem_zero(fs->scratch + so, chunk);
				r = dev_write(fs, lba, 1, fs->scratch);
			}
		}
		if (r)
			return r;
		off += chunk;
		len -= chunk;
		dst = dst ? dst + chunk : NULL;
		src = src ? src + chunk : NULL;
	}
	return FAT_OK;
}

/* The file's length as its handles see it: the bytes on disk, then any pending zeros. */
static uint32_t node_length(const struct fat_node *n)
{
	return n->zero_end > n->size ? n->zero_end : n->size;
}

/* Clusters the node's pending zeros still need: its share of fs->reserved. */
static uint32_t zeros_owed(const struct fat_fs *fs, const struct fat_node *n)
{
	uint32_t need = clusters_for(fs, n->zero_end);
	return need > n->nclusters ? need - n->nclusters : 0;
}

/* Appends clusters to the node's chain until it has need (all or none). */
static enum fat_err chain_grow(struct fat_fs *fs, struct fat_node *n, uint32_t need)
{
	uint32_t last = 0, first, tail;
	enum fat_err r = n->nclusters ? node_seek(fs, n, n->nclusters - 1, &last) : FAT_OK;
	if (!r)
		r = chain_alloc(fs, need - n->nclusters, &first, &tail);
	if (r)
		return r;
	if (last) {
		r = chain_link(fs, last, first);
		if (r) {
			chain_free(fs, first, need - n->nclusters);
			return r;
		}
	} else {
		n->first = first;
	}
	n->nclusters = need;
	n->dirty = true;
	return FAT_OK;
}

/* Gives the node the clusters a size of end bytes needs (all or none); the clusters
 * reserved for its pending zeros are its own to take. */
static enum fat_err node_grow(struct fat_fs *fs, struct fat_node *n, uint64_t end)
{
	uint32_t need = clusters_for(fs, end);
	if (need <= n->nclusters)
		return FAT_OK;
	fs->reserved -= zeros_owed(fs, n);
	enum fat_err r = chain_grow(fs, n, need);
	fs->reserved += zeros_owed(fs, n);
	return r;
}

/* Whether pending zeros needing clusters more clusters may start (fresh: a file without
 * any yet) or grow: FAT_OK, FAT_ENOSPC when those are not free, or FAT_EAGAIN after a
 * step of another file's zeros while FAT_ZERO_FILES files have some. */
static enum fat_err zeros_room(struct fat_fs *fs, bool fresh, uint32_t clusters)
{
	if (fresh && fs->zero_files == FAT_ZERO_FILES) {
		bool more;
		enum fat_err r = fat_zero_step(fs, &more);
		return r ? r : FAT_EAGAIN;
	}
	return clusters > fs->free_count - fs->reserved ? FAT_ENOSPC : FAT_OK;
}

/* Makes the bytes of n from its size to end pending zeros (zeros_room allowed it) and
 * reserves their clusters; the first ones take a reference, so the node outlives its
 * handles until they are on disk. */
static void zeros_start(struct fat_fs *fs, struct fat_node *n, uint64_t end)
{
	if (!n->zero_end) {
		fs->zero_files++;
		n->refs++;
	}
	fs->reserved -= zeros_owed(fs, n);
	n->zero_end = (uint32_t)end;
	fs->reserved += zeros_owed(fs, n);
}

/* Whether n's pending zeros are all that keeps it: the file was removed and no handle
 * is left to read them, so they are dropped (while one is, they stay readable). */
static bool orphan_zeros(const struct fat_node *n)
{
	return n->removed && n->zero_end && n->refs == 1;
}

/* Ends n's pending zeros (all written, or orphaned): the reservation goes and their
 * reference is dropped, as fat_close does. */
static enum fat_err zeros_end(struct fat_fs *fs, struct fat_node *n)
{
	fs->reserved -= zeros_owed(fs, n);
	n->zero_end = 0;
	fs->zero_files--;
	return fat_close(fs, n);
}

/* Ends n's pending zeros once its data on disk reaches their end, and syncs: the
 * directory entry gets the whole size. */
static enum fat_err zeros_check(struct fat_fs *fs, struct fat_node *n)
{
	if (!n->zero_end || n->size < n->zero_end)
		return FAT_OK;
	enum fat_err r = zeros_end(fs, n);
	return r ? r : fat_sync(fs);
}

/* Writes the next FAT_ZERO_STEP bytes of n's pending zeros (fewer at their end) from its
 * size on, growing its chain. The last step ends them; n may then be closed. */
static enum fat_err zeros_step(struct fat_fs *fs, struct fat_node *n)
{
	uint64_t end = (uint64_t)n->size + FAT_ZERO_STEP;
	if (end > n->zero_end)
		end = n->zero_end;
	enum fat_err r = node_grow(fs, n, end);
	if (!r)
		r = file_io(fs, n, n->size, NULL, NULL, (uint32_t)(end - n->size));
	if (r)
		return r;
	n->size = (uint32_t)end;
	n->dirty = true;
	return zeros_check(fs, n);
}

/* Brings the zeros before off to disk for a write of [off, end): they become (or extend)
 * the node's pending zeros, of which one step is written. FAT_EAGAIN while some remain
 * before off; FAT_ENOSPC first if the write's clusters are not free. */
static enum fat_err zeros_before(struct fat_fs *fs, struct fat_node *n, uint64_t off,
				 uint64_t end)
{
	if (off > n->zero_end) {
		uint32_t need = clusters_for(fs, end), have = n->nclusters + zeros_owed(fs, n);
		enum fat_err r = zeros_room(fs, !n->zero_end, need > have ? need - have : 0);
		if (r)
			return r;
		zeros_start(fs, n, off);
	}
	enum fat_err r = zeros_step(fs, n);
	return r ? r : n->size < off ? FAT_EAGAIN : FAT_OK;
}

/* Writes len bytes of src at off (end within FAT_FILE_MAX). Zeros before off go first: a
 * gap of up to a step past the data on disk at once, as part of the write (space for
 * both taken together), farther or pending ones through zeros_before. */
static enum fat_err write_at(struct fat_fs *fs, struct fat_node *n, uint64_t off,
			     const uint8_t *src, uint32_t len)
{
	uint64_t end = off + len;
	enum fat_err r = FAT_OK;
	if (off > n->size && (n->zero_end || off - n->size > FAT_ZERO_STEP))
		r = zeros_before(fs, n, off, end);
	if (!r)
		r = node_grow(fs, n, end);
	if (!r && off > n->size)
		r = file_io(fs, n, n->size, NULL, NULL, (uint32_t)(off - n->size));
	if (!r)
		r = file_io(fs, n, off, NULL, src, len);
	if (r)
		return r;
	if (end > n->size) {
		n->size = (uint32_t)end;
		n->dirty = true;
	}
	return zeros_check(fs, n);
}

enum fat_err fat_open(struct fat_fs *fs, const char *path, struct fat_node **out)
{
	uint32_t dir, len;
	struct dir_hit hit;
	enum fat_err r = path_lookup(fs, path, &dir, &hit);
	if (r)
		return r;
	if (hit.ent[DE_ATTR] & ATTR_DIR)
		return FAT_EISDIR;
	struct fat_node *n = node_find(fs, hit.lba, hit.off);
	if (n) {
		n->refs++;
		*out = n;
		return FAT_OK;
	}
	if (!fs->node_free)
		return FAT_ENFILE;
	r = entry_chain(fs, hit.ent, &len);
	if (r)
		return r;
	n = node_new(fs, &hit, len);
	n->refs = 1;
	*out = n;
	return FAT_OK;
}

void fat_dup(struct fat_node *node)
{
	node->refs++;
}

enum fat_err fat_close(struct fat_fs *fs, struct fat_node *n)
{
	if (n->refs > 1) {
		n->refs--;
		return orphan_zeros(n) ? zeros_end(fs, n) : FAT_OK;
	}
	enum fat_err r = n->removed ? chain_free(fs, n->first, n->nclusters) : FAT_OK;
	if (!r)
		r = fat_sync(fs);
	node_free(fs, n);
	return r;
}

uint32_t fat_size(const struct fat_node *node)
{
	return node_length(node);
}

enum fat_err fat_read(struct fat_fs *fs, struct fat_node *n, uint64_t off, void *buf,
		      uint32_t len, uint32_t *done)
{
	uint32_t length = node_length(n), stored = 0;
	*done = 0;
	if (off >= length)
		return FAT_OK;
	if (len > length - off)
		len = (uint32_t)(length - off);
	if (off < n->size)
		stored = n->size - off < len ? (uint32_t)(n->size - off) : len;
	enum fat_err r = file_io(fs, n, off, buf, NULL, stored);
	if (r)
		return r;
	mem_zero((uint8_t *)buf + stored, len - stored);
	*done = len;
	return FAT_OK;
}

enum fat_err fat_write(struct fat_fs *fs, struct fat_node *n, uint64_t off, const void *buf,
		       uint32_t len, uint32_t *done)
{
	*done = 0;
	if (len == 0)
		return FAT_OK;
	if (off > FAT_FILE_MAX || len > FAT_FILE_MAX - off)
		return FAT_EFBIG;
	enum fat_err r = write_at(fs, n, off, buf, len);
	if (!r)
		*done = len;
	return r;
}

enum fat_err fat_page_read(struct fat_fs *fs, struct fat_node *n, uint64_t off, void *page)
{
	uint32_t done;
	mem_zero(page, FAT_PAGE_SIZE);
	return fat_read(fs, n, off, page, FAT_PAGE_SIZE, &done);
}

enum fat_err fat_page_extent(struct fat_fs *fs, struct fat_node *n, uint64_t off,
			     uint64_t *lba, uint32_t *bytes)
{
	*lba = 0;
	*bytes = 0;
	if (off % FAT_SECTOR_SIZE || off >= n->size)
		return FAT_OK;
	uint32_t len = n->size - off < FAT_PAGE_SIZE ? (uint32_t)(n->size - off) : FAT_PAGE_SIZE;
	uint32_t c, in = (uint32_t)(off % fs->cluster_bytes) / FAT_SECTOR_SIZE;
	uint32_t secs = (len + FAT_SECTOR_SIZE - 1) / FAT_SECTOR_SIZE;
	enum fat_err r = node_seek(fs, n, (uint32_t)(off / fs->cluster_bytes), &c);
	if (r)
		return r;
	*bytes = len;
	if (run_sectors(fs, c, in, secs) == secs)
		*lba = cluster_lba(fs, c) + in;
	return FAT_OK;
}

enum fat_err fat_page_write(struct fat_fs *fs, struct fat_node *n, uint64_t off,
			    const void *page, uint64_t limit, uint32_t *done)
{
	uint64_t length = node_length(n), end = limit < length ? limit : length;
	*done = 0;
	if (off >= end)
		return FAT_OK;
	uint32_t len = end - off < FAT_PAGE_SIZE ? (uint32_t)(end - off) : FAT_PAGE_SIZE;
	enum fat_err r = write_at(fs, n, off, page, len);
	if (!r)
		*done = len;
	return r;
}

/* Resolves the parent directory of path for a new entry: sets *dir and *leaf, and
 * returns FAT_EEXIST if the name (or the root) exists already, or another error. */
static enum fat_err new_name(struct fat_fs *fs, const char *path, uint32_t *dir, struct name *leaf,
			     struct dir_hit *hit)
{
	enum fat_err r = path_parent(fs, path, dir, leaf);
	if (!r && leaf->len == 0)
		return FAT_EEXIST;
	if (r)
		return r;
	r = dir_find(fs, *dir, leaf, hit);
	return r == FAT_OK ? FAT_EEXIST : r == FAT_ENOENT ? FAT_OK : r;
}

/* fat_create of a file larger than a step: an empty entry, and a node holding the
 * pending zeros (and their reservation) until they are on disk. */
static enum fat_err create_pending(struct fat_fs *fs, const char *path, uint32_t size)
{
	uint32_t dir;
	struct name leaf;
	struct dir_hit hit;
	enum fat_err r = new_name(fs, path, &dir, &leaf, &hit);
	if (!r)
		r = fs->node_free ? zeros_room(fs, true, clusters_for(fs, size)) : FAT_ENFILE;
	if (!r)
		r = dir_insert(fs, dir, &leaf, ATTR_ARCHIVE, 0, 0, &hit);
	if (r)
		return r;
	zeros_start(fs, node_new(fs, &hit, 0), size);
	return fat_sync(fs);
}

enum fat_err fat_create(struct fat_fs *fs, const char *path, uint32_t size)
{
	uint32_t dir, first = 0, last, count = clusters_for(fs, size);
	struct name leaf;
	struct dir_hit hit;
	if (size > FAT_ZERO_STEP)
		return create_pending(fs, path, size);
	enum fat_err r = new_name(fs, path, &dir, &leaf, &hit);
	if (!r && count)
		r = chain_alloc(fs, count, &first, &last);
	if (r)
		return r;
	r = zero_clusters(fs, first, count);
	if (!r)
		r = dir_insert(fs, dir, &leaf, ATTR_ARCHIVE, first, size, &hit);
	if (r && count)
		chain_free(fs, first, count);
	return r ? r : fat_sync(fs);
}

enum fat_err fat_mkdir(struct fat_fs *fs, const char *path)
{
	static const uint8_t dot[SFN_LEN] = ".          ", dotdot[SFN_LEN] = "..         ";
	uint32_t dir, c;
	struct name leaf;
	struct dir_hit hit;
	enum fat_err r = new_name(fs, path, &dir, &leaf, &hit);
	if (!r)
		r = chain_alloc(fs, 1, &c, &c);
	if (r)
		return r;
	ix_forget(fs, c);
	r = zero_clusters(fs, c, 1);
	mem_zero(fs->scratch, FAT_SECTOR_SIZE);
	dirent_init(fs->scratch, dot, ATTR_DIR, c, 0);
	dirent_init(fs->scratch + DIRENT_SIZE, dotdot, ATTR_DIR, dir == fs->root ? 0 : dir, 0);
	if (!r)
		r = dev_write(fs, cluster_lba(fs, c), 1, fs->scratch);
	if (!r)
		r = dir_insert(fs, dir, &leaf, ATTR_DIR, c, 0, &hit);
	if (r)
		chain_free(fs, c, 1);
	return r ? r : fat_sync(fs);
}

/* Removes the empty subdirectory whose entry is hit (in dir). */
static enum fat_err remove_dir(struct fat_fs *fs, uint32_t dir, const struct dir_hit *hit)
{
	uint32_t c, len, max = DIR_ENTRIES_MAX / (fs->cluster_bytes / DIRENT_SIZE);
	enum fat_err r = subdir_cluster(fs, hit->ent, &c);
	if (!r)
		r = dir_is_empty(fs, c);
	if (!r)
		r = chain_length(fs, c, max, &len);
	if (!r)
		r = dir_delete(fs, dir, hit);
	if (!r)
		ix_forget(fs, c); /* a directory made later may start at c */
	if (!r)
		r = chain_free(fs, c, len);
	return r;
}

enum fat_err fat_remove(struct fat_fs *fs, const char *path)
{
	uint32_t dir, len;
	struct dir_hit hit;
	enum fat_err r = path_lookup(fs, path, &dir, &hit);
	if (r)
		return r;
	if (hit.ent[DE_ATTR] & ATTR_DIR) {
		r = remove_dir(fs, dir, &hit);
	} else {
		struct fat_node *n = node_find(fs, hit.lba, hit.off);
		r = n ? FAT_OK : entry_chain(fs, hit.ent, &len);
		if (!r)
			r = dir_delete(fs, dir, &hit);
		if (!r && n) {
			node_unhash(fs, n);
			n->removed = true;
			n->dirty = false;
			r = orphan_zeros(n) ? zeros_end(fs, n) : FAT_OK;
		} else if (!r) {
			r = chain_free(fs, dirent_cluster(hit.ent), len);
		}
	}
	return r ? r : fat_sync(fs);
}

enum fat_err fat_zero_step(struct fat_fs *fs, bool *more)
{
	enum fat_err r = FAT_OK;
	for (uint32_t id = fs->node_open; id; id = fs->nodes[id - 1].next) {
		if (fs->nodes[id - 1].zero_end) {
			r = zeros_step(fs, &fs->nodes[id - 1]);
			break;
		}
	}
	*more = fs->zero_files > 0;
	return r;
}

uint32_t fat_zero_files(const struct fat_fs *fs)
{
	return fs->zero_files;
}
