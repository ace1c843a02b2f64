/* Device access and the two sector caches: a write-through cache for directory sectors,
 * and one write-back FAT sector that is written to every FAT copy (keeping the mirrors
 * equal). Data sectors go straight to the device; writes drop stale cached copies. */
#include "fat_priv.h"

/* Reads n sectors at lba; FAT_ECORRUPT if they lie outside the file system (a corrupt
 * structure pointed there), FAT_EIO if the device fails. */
enum fat_err dev_read(struct fat_fs *fs, uint64_t lba, uint32_t n, void *buf)
{
	if (lba > fs->total_sectors || n > fs->total_sectors - lba)
		return FAT_ECORRUPT;
	return fs->dev->read(fs->dev->ctx, lba, n, buf) ? FAT_EIO : FAT_OK;
}

static enum fat_err dev_write_raw(struct fat_fs *fs, uint64_t lba, uint32_t n, const void *buf)
{
	if (lba > fs->total_sectors || n > fs->total_sectors - lba)
		return FAT_ECORRUPT;
	return fs->dev->write(fs->dev->ctx, lba, n, buf) ? FAT_EIO : FAT_OK;
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
