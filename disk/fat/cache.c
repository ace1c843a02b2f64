/* Device access and the two sector caches: a write-through cache for directory sectors,
 * and one write-back FAT sector that is written to every FAT copy (keeping the mirrors
 * equal). Data sectors go straight to the device; writes drop stale cached copies. The
 * volume's clean-shutdown mark (FAT entry 1) is cleared before the first write. */
#include "fat_priv.h"

static bool outside(const struct fat_fs *fs, uint64_t lba, uint32_t n)
{
	return lba > fs->total_sectors || n > fs->total_sectors - lba;
}

/* Notes that a device call failed (the volume then stays dirty); returns FAT_EIO. */
enum fat_err dev_failed(struct fat_fs *fs)
{
	fs->io_failed = true;
	return FAT_EIO;
}

/* Reads n sectors at lba; FAT_ECORRUPT if they lie outside the file system (a corrupt
 * structure pointed there), FAT_EIO if the device fails. */
enum fat_err dev_read(struct fat_fs *fs, uint64_t lba, uint32_t n, void *buf)
{
	if (outside(fs, lba, n))
		return FAT_ECORRUPT;
	return fs->dev->read(fs->dev->ctx, lba, n, buf) ? dev_failed(fs) : FAT_OK;
}

/* Every write of the library passes here: the first one on a volume marked clean marks
 * it dirty before it goes out. */
static enum fat_err dev_write_raw(struct fat_fs *fs, uint64_t lba, uint32_t n, const void *buf)
{
	if (outside(fs, lba, n))
		return FAT_ECORRUPT;
	enum fat_err r = fs->clean_on_disk ? vol_mark(fs, false) : FAT_OK;
	if (r)
		return r;
	return fs->dev->write(fs->dev->ctx, lba, n, buf) ? dev_failed(fs) : FAT_OK;
}

/* Writes n sectors at lba and forgets cached copies of them. */
enum fat_err dev_write(struct fat_fs *fs, uint64_t lba, uint32_t n, const void *buf)
{
	for (unsigned i = 0; i < FAT_SECTOR_CACHE; i++) {
		struct fat_sector *s = &fs->sectors[i];
		if (s->valid && s->lba >= lba && s->lba - lba < n)
			s->valid = false;
	}
	return dev_write_raw(fs, lba, n, buf);
}

/* Sectors of zeros dev_zero sends per device request (the disk server's bounce pages). */
#define ZERO_RUN 128

/* Writes n zero sectors at lba, ZERO_RUN per device request. */
enum fat_err dev_zero(struct fat_fs *fs, uint64_t lba, uint32_t n)
{
	static uint8_t zero[ZERO_RUN * FAT_SECTOR_SIZE]; /* never written: a source only */
	while (n) {
		uint32_t k = n < ZERO_RUN ? n : ZERO_RUN;
		enum fat_err r = dev_write(fs, lba, k, zero);
		if (r)
			return r;
		lba += k;
		n -= k;
	}
	return FAT_OK;
}

/* Points *data at the cached copy of sector lba (read on a miss). The pointer stays valid
 * until the next sec_get. */
enum fat_err sec_get(struct fat_fs *fs, uint64_t lba, uint8_t **data)
{
	for (unsigned i = 0; i < FAT_SECTOR_CACHE; i++) {
		struct fat_sector *s = &fs->sectors[i];
		if (s->valid && s->lba == lba) {
			*data = s->data;
			return FAT_OK;
		}
	}
	struct fat_sector *s = &fs->sectors[fs->sector_victim];
	fs->sector_victim = (fs->sector_victim + 1) % FAT_SECTOR_CACHE;
	s->valid = false;
	enum fat_err r = dev_read(fs, lba, 1, s->data);
	if (r)
		return r;
	s->lba = lba;
	s->valid = true;
	*data = s->data;
	return FAT_OK;
}

/* Writes the cached sector lba (changed in place after sec_get) to the device. On failure
 * the cached copy is dropped, so the cache never differs from the disk. */
enum fat_err sec_put(struct fat_fs *fs, uint64_t lba)
{
	for (unsigned i = 0; i < FAT_SECTOR_CACHE; i++) {
		struct fat_sector *s = &fs->sectors[i];
		if (s->valid && s->lba == lba) {
			enum fat_err r = dev_write_raw(fs, lba, 1, s->data);
			if (r)
				s->valid = false;
			return r;
		}
	}
	return FAT_ECORRUPT;
}

/* Empties both caches without writing (used at mount). */
void sec_reset(struct fat_fs *fs)
{
	for (unsigned i = 0; i < FAT_SECTOR_CACHE; i++)
		fs->sectors[i].valid = false;
	fs->sector_victim = 0;
	fs->fat_cache.valid = false;
	fs->fat_cache.dirty = false;
}

/* Writes the cached FAT sector, if changed, to the same place in every FAT copy. */
enum fat_err fatc_flush(struct fat_fs *fs)
{
	struct fat_sector *s = &fs->fat_cache;
	if (!s->valid || !s->dirty)
		return FAT_OK;
	for (uint32_t k = 0; k < fs->fat_copies; k++) {
		enum fat_err r = dev_write_raw(fs, fs->fat_lba + (uint64_t)k * fs->fat_sectors + s->lba,
					       1, s->data);
		if (r)
			return r;
	}
	s->dirty = false;
	return FAT_OK;
}

/* Makes sector `sector` (counted from the start of the FAT) the cached one, writing back
 * the previous one first. */
enum fat_err fatc_load(struct fat_fs *fs, uint32_t sector)
{
	struct fat_sector *s = &fs->fat_cache;
	if (s->valid && s->lba == sector)
		return FAT_OK;
	enum fat_err r = fatc_flush(fs);
	if (r)
		return r;
	s->valid = false;
	r = dev_read(fs, fs->fat_lba + (uint64_t)sector, 1, s->data);
	if (r)
		return r;
	s->lba = sector;
	s->valid = true;
	return FAT_OK;
}

/* Sets (clean) or clears bit 27 of FAT entry 1 in every FAT copy, then flushes the
 * device, so the dirty mark is durable before the write that needed it. FAT sector 0
 * comes from the FAT cache when it holds it (its pending entries go out with the mark,
 * which is harmless: they are newer), else from FAT copy 0. These writes are the only
 * ones that bypass dev_write_raw. */
enum fat_err vol_mark(struct fat_fs *fs, bool clean)
{
	/* Static: a caller's write may be in fs->scratch; the library is not reentrant. */
	static uint8_t sector[FAT_SECTOR_SIZE];
	struct fat_sector *c = &fs->fat_cache;
	bool cached = c->valid && c->lba == 0;
	uint8_t *s = cached ? c->data : sector;
	enum fat_err r = cached ? FAT_OK : dev_read(fs, fs->fat_lba, 1, s);
	if (r)
		return r;
	uint32_t v = rd32(s + 4);
	wr32(s + 4, clean ? v | FAT_CLEAN_BIT : v & ~FAT_CLEAN_BIT);
	for (uint32_t k = 0; k < fs->fat_copies && !r; k++)
		if (fs->dev->write(fs->dev->ctx, fs->fat_lba + (uint64_t)k * fs->fat_sectors, 1, s))
			r = dev_failed(fs);
	if (!r && fs->dev->flush && fs->dev->flush(fs->dev->ctx))
		r = dev_failed(fs);
	if (r) {
		wr32(s + 4, v); /* the cache keeps the state clean_on_disk still says */
		return r;
	}
	if (cached)
		c->dirty = false;
	fs->clean_on_disk = clean;
	return FAT_OK;
}
