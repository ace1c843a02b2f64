/* The file allocation table: entries, chain walks bounded by the cluster count, and
 * cluster allocation from a free-cluster hint with an exact free count. */
#include "fat_priv.h"

#define ENTRIES_PER_SECTOR (FAT_SECTOR_SIZE / 4)

/* Reads the entry of cluster c (28 bits); FAT_ECORRUPT if c is not a data cluster. */
enum fat_err fat_get(struct fat_fs *fs, uint32_t c, uint32_t *val)
{
	if (!cluster_valid(fs, c))
		return FAT_ECORRUPT;
	enum fat_err r = fatc_load(fs, c / ENTRIES_PER_SECTOR);
	if (r)
		return r;
	*val = rd32(fs->fat_cache.data + (c % ENTRIES_PER_SECTOR) * 4) & FAT_ENTRY_MASK;
	return FAT_OK;
}

/* Sets the entry of data cluster c to val, keeping the entry's reserved top bits. */
static enum fat_err fat_set(struct fat_fs *fs, uint32_t c, uint32_t val)
{
	enum fat_err r = fatc_load(fs, c / ENTRIES_PER_SECTOR);
	if (r)
		return r;
	uint8_t *p = fs->fat_cache.data + (c % ENTRIES_PER_SECTOR) * 4;
	wr32(p, (rd32(p) & ~FAT_ENTRY_MASK) | (val & FAT_ENTRY_MASK));
	fs->fat_cache.dirty = true;
	return FAT_OK;
}

/* The cluster after c in its chain, or 0 at the end of the chain. A free, reserved, bad
 * or out-of-range entry in a chain is FAT_ECORRUPT. */
enum fat_err chain_next(struct fat_fs *fs, uint32_t c, uint32_t *next)
{
	uint32_t v;
	enum fat_err r = fat_get(fs, c, &v);
	if (r)
		return r;
	if (v >= FAT_EOC_MIN)
		*next = 0;
	else if (cluster_valid(fs, v))
		*next = v;
	else
		return FAT_ECORRUPT;
	return FAT_OK;
}

/* Counts the clusters of the chain starting at first (0: empty chain). A chain longer than
 * limit (a loop, or more than the caller expects) is FAT_ECORRUPT. */
enum fat_err chain_length(struct fat_fs *fs, uint32_t first, uint32_t limit, uint32_t *len)
{
	uint32_t n = 0;
	for (uint32_t c = first; c;) {
		if (n == limit)
			return FAT_ECORRUPT;
		n++;
		enum fat_err r = chain_next(fs, c, &c);
		if (r)
			return r;
	}
	*len = n;
	return FAT_OK;
}

/* Finds a free cluster, starting at the hint; the caller has checked free_count. */
static enum fat_err find_free(struct fat_fs *fs, uint32_t *out)
{
	for (uint32_t k = 0; k < fs->clusters; k++) {
		uint32_t c = 2 + (fs->next_free - 2 + k) % fs->clusters;
		uint32_t v;
		enum fat_err r = fat_get(fs, c, &v);
		if (r)
			return r;
		if (v == 0) {
			*out = c;
			fs->next_free = c + 1 < fs->clusters + 2 ? c + 1 : 2;
			return FAT_OK;
		}
	}
	return FAT_ECORRUPT;
}

/* Frees n clusters of the chain at first (fewer if it ends sooner). The chain has been
 * validated by the caller. */
enum fat_err chain_free(struct fat_fs *fs, uint32_t first, uint32_t n)
{
	uint32_t c = first;
	for (uint32_t i = 0; i < n && c; i++) {
		uint32_t v;
		enum fat_err r = fat_get(fs, c, &v);
		if (!r)
			r = fat_set(fs, c, 0);
		if (r)
			return r;
		fs->free_count++;
		fs->fsinfo_dirty = true;
		c = cluster_valid(fs, v) ? v : 0;
	}
	return FAT_OK;
}

/* Allocates a new chain of n (>= 1) clusters ending in end-of-chain; *first and *last are
 * its ends. FAT_ENOSPC without allocating anything if fewer than n are free beyond those
 * reserved for pending zeros; on an I/O error the clusters taken so far are released. */
enum fat_err chain_alloc(struct fat_fs *fs, uint32_t n, uint32_t *first, uint32_t *last)
{
	if (n > fs->free_count - fs->reserved)
		return FAT_ENOSPC;
	uint32_t head = 0, prev = 0;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t c;
		enum fat_err r = find_free(fs, &c);
		if (!r)
			r = fat_set(fs, c, FAT_EOC);
		if (!r && prev)
			r = fat_set(fs, prev, c);
		if (r) {
			if (head)
				chain_free(fs, head, i);
			return r;
		}
		fs->free_count--;
		fs->fsinfo_dirty = true;
		if (!head)
			head = c;
		prev = c;
	}
	*first = head;
	*last = prev;
	return FAT_OK;
}

/* Makes next follow last (appending a chain to another). */
enum fat_err chain_link(struct fat_fs *fs, uint32_t last, uint32_t next)
{
	return fat_set(fs, last, next);
}

/* FAT sectors fat_count_free reads per device request: a mount reads the whole FAT. */
#define COUNT_CHUNK_SECTORS 32

/* Counts the free clusters into fs->free_count (at mount: FSInfo is only a hint), reading
 * FAT copy 0 in runs of COUNT_CHUNK_SECTORS straight from the device. None is reserved
 * then: pending zeros (file.c) do not outlive a mount. */
enum fat_err fat_count_free(struct fat_fs *fs)
{
	/* Static: too big for a server thread's stack, and mounts never overlap. */
	static uint8_t chunk[COUNT_CHUNK_SECTORS * FAT_SECTOR_SIZE];
	uint32_t entries = fs->clusters + 2; /* entries 0 and 1 are reserved */
	uint32_t n = 0;
	enum fat_err r = fatc_flush(fs);

	for (uint32_t first = 0; !r && first < entries;
	     first += COUNT_CHUNK_SECTORS * ENTRIES_PER_SECTOR) {
		uint32_t count = (entries - first + ENTRIES_PER_SECTOR - 1) / ENTRIES_PER_SECTOR;
		if (count > COUNT_CHUNK_SECTORS)
			count = COUNT_CHUNK_SECTORS;
		r = dev_read(fs, fs->fat_lba + (uint64_t)first / ENTRIES_PER_SECTOR, count, chunk);
		for (uint32_t i = 0; !r && i < count * ENTRIES_PER_SECTOR; i++) {
			uint32_t c = first + i;
			if (cluster_valid(fs, c))
				n += (rd32(chunk + i * 4) & FAT_ENTRY_MASK) == 0;
		}
	}
	if (!r)
		fs->free_count = n;
	fs->reserved = 0;
	fs->zero_files = 0;
	return r;
}
