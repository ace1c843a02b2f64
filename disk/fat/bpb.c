/* Mounting: the boot sector (BIOS parameter block) checked field by field, the FSInfo
 * sector as a hint, the free-cluster count, the clean-shutdown mark; and sync, which
 * writes everything back (and may mark the volume clean). */
#include "fat_priv.h"

/* Boot sector fields (byte offsets). */
#define BS_JUMP 0
#define BPB_BYTES_PER_SEC 11
#define BPB_SEC_PER_CLUS 13
#define BPB_RSVD_SECS 14
#define BPB_NUM_FATS 16
#define BPB_ROOT_ENTS 17
#define BPB_TOT_SEC16 19
#define BPB_MEDIA 21
#define BPB_FAT_SZ16 22
#define BPB_TOT_SEC32 32
#define BPB_FAT_SZ32 36
#define BPB_EXT_FLAGS 40
#define BPB_FS_VER 42
#define BPB_ROOT_CLUS 44
#define BPB_FS_INFO 48
#define BS_SIGNATURE 510
#define EXT_FLAGS_NO_MIRROR 0x80
#define FAT_COPIES_MAX 2

/* FSInfo fields. */
#define FSI_LEAD 0
#define FSI_STRUC 484
#define FSI_FREE 488
#define FSI_NEXT 492
#define FSI_TRAIL 508
#define FSI_LEAD_SIG 0x41615252u
#define FSI_STRUC_SIG 0x61417272u
#define FSI_TRAIL_SIG 0xAA550000u

static bool power_of_two(uint32_t v)
{
	return v && !(v & (v - 1));
}

/* Checks the boot sector b and fills fs's geometry; FAT_EBADFS names every reason to
 * refuse it: wrong signature or jump, a layout that is not FAT32 or does not fit the
 * device, an unsupported feature (sector size, unmirrored FATs). */
static enum fat_err parse_bpb(struct fat_fs *fs, const uint8_t *b, uint64_t dev_sectors)
{
	if (b[BS_SIGNATURE] != 0x55 || b[BS_SIGNATURE + 1] != 0xAA)
		return FAT_EBADFS;
	if (b[BS_JUMP] != 0xEB && b[BS_JUMP] != 0xE9)
		return FAT_EBADFS;
	uint32_t spc = b[BPB_SEC_PER_CLUS], rsvd = rd16(b + BPB_RSVD_SECS);
	uint32_t copies = b[BPB_NUM_FATS], fat_sz = rd32(b + BPB_FAT_SZ32);
	uint64_t total = rd32(b + BPB_TOT_SEC32);
	uint8_t media = b[BPB_MEDIA];
	if (rd16(b + BPB_BYTES_PER_SEC) != FAT_SECTOR_SIZE || !power_of_two(spc) || spc > 128)
		return FAT_EBADFS;
	if (rsvd == 0 || copies == 0 || copies > FAT_COPIES_MAX || fat_sz == 0 || total == 0)
		return FAT_EBADFS;
	if (rd16(b + BPB_ROOT_ENTS) || rd16(b + BPB_TOT_SEC16) || rd16(b + BPB_FAT_SZ16))
		return FAT_EBADFS;
	if ((media != 0xF0 && media < 0xF8) || rd16(b + BPB_FS_VER) != 0)
		return FAT_EBADFS;
	if (rd16(b + BPB_EXT_FLAGS) & EXT_FLAGS_NO_MIRROR)
		return FAT_EBADFS;
	uint64_t data = rsvd + (uint64_t)copies * fat_sz;
	if (total > dev_sectors || data >= total)
		return FAT_EBADFS;
	uint64_t clusters = (total - data) / spc;
	if (clusters < FAT_CLUSTERS_MIN || clusters > FAT_CLUSTERS_MAX)
		return FAT_EBADFS;
	if ((uint64_t)fat_sz * (FAT_SECTOR_SIZE / 4) < clusters + 2)
		return FAT_EBADFS;
	fs->total_sectors = total;
	fs->sec_per_clus = spc;
	fs->cluster_bytes = spc * FAT_SECTOR_SIZE;
	fs->fat_lba = rsvd;
	fs->fat_sectors = fat_sz;
	fs->fat_copies = copies;
	fs->data_lba = (uint32_t)data;
	fs->clusters = (uint32_t)clusters;
	fs->root = rd32(b + BPB_ROOT_CLUS);
	if (!cluster_valid(fs, fs->root))
		return FAT_EBADFS;
	uint32_t fsinfo = rd16(b + BPB_FS_INFO);
	fs->fsinfo_lba = fsinfo > 0 && fsinfo < rsvd ? fsinfo : 0;
	return FAT_OK;
}

/* Takes the next-free hint from a well-formed FSInfo sector and marks it for rewriting if
 * its free count differs from the counted one; forgets the sector if it is not an FSInfo
 * sector (then it is never written). */
static enum fat_err read_fsinfo(struct fat_fs *fs)
{
	fs->next_free = 2;
	if (!fs->fsinfo_lba)
		return FAT_OK;
	uint8_t *s = fs->scratch;
	enum fat_err r = dev_read(fs, fs->fsinfo_lba, 1, s);
	if (r)
		return r;
	if (rd32(s + FSI_LEAD) != FSI_LEAD_SIG || rd32(s + FSI_STRUC) != FSI_STRUC_SIG ||
	    rd32(s + FSI_TRAIL) != FSI_TRAIL_SIG) {
		fs->fsinfo_lba = 0;
		return FAT_OK;
	}
	mem_copy(fs->fsinfo, s, FAT_SECTOR_SIZE);
	fs->fsinfo_dirty = rd32(s + FSI_FREE) != fs->free_count;
	uint32_t next = rd32(s + FSI_NEXT);
	if (cluster_valid(fs, next))
		fs->next_free = next;
	return FAT_OK;
}

/* Reads the clean-shutdown bit of FAT entry 1 (FAT copy 0): a volume found dirty needs
 * fat_repair. */
static enum fat_err read_clean_mark(struct fat_fs *fs)
{
	enum fat_err r = dev_read(fs, fs->fat_lba, 1, fs->scratch);
	if (r)
		return r;
	fs->clean_on_disk = (rd32(fs->scratch + 4) & FAT_CLEAN_BIT) != 0;
	fs->needs_repair = !fs->clean_on_disk;
	return FAT_OK;
}

enum fat_err fat_mount(struct fat_fs *fs, const struct fat_blockdev *dev,
		       struct fat_node *nodes, size_t node_count)
{
	fs->dev = dev;
	fs->total_sectors = dev->sectors;
	fs->nodes = nodes;
	fs->node_count = node_count;
	fs->clean_on_disk = false; /* until read_clean_mark: no write goes out before it */
	fs->needs_repair = false;
	fs->io_failed = false;
	mem_zero(nodes, node_count * sizeof *nodes);
	nodes_init(fs);
	fs->index = NULL;
	fs->index_count = 0;
	sec_reset(fs);
	enum fat_err r = dev_read(fs, 0, 1, fs->scratch);
	if (!r)
		r = parse_bpb(fs, fs->scratch, dev->sectors);
	fs->fsinfo_dirty = false;
	if (!r)
		r = read_clean_mark(fs);
	if (!r)
		r = fat_count_free(fs);
	if (!r)
		r = read_fsinfo(fs);
	return r;
}

/* Writes the exact free count and the next-free hint into the FSInfo sector (the rest of
 * it as read at mount: nothing else writes it). */
static enum fat_err write_fsinfo(struct fat_fs *fs)
{
	if (!fs->fsinfo_lba || !fs->fsinfo_dirty)
		return FAT_OK;
	uint8_t *s = fs->fsinfo;
	wr32(s + FSI_FREE, fs->free_count);
	wr32(s + FSI_NEXT, fs->next_free);
	enum fat_err r = dev_write(fs, fs->fsinfo_lba, 1, s);
	if (!r)
		fs->fsinfo_dirty = false;
	return r;
}

/* Writes the size and first cluster of an open file into its directory entry. */
static enum fat_err write_node_entry(struct fat_fs *fs, struct fat_node *n)
{
	uint8_t *sec;
	enum fat_err r = sec_get(fs, n->ent_lba, &sec);
	if (r)
		return r;
	uint8_t *e = sec + n->ent_off;
	wr32(e + DE_SIZE, n->size);
	dirent_set_cluster(e, n->first);
	e[DE_ATTR] |= ATTR_ARCHIVE;
	r = sec_put(fs, n->ent_lba);
	if (!r)
		n->dirty = false;
	return r;
}

/* The FAT goes first, then the directory entries: an entry never points at clusters
 * that are still free on disk, whatever the moment a crash cuts the sync short. */
enum fat_err fat_sync(struct fat_fs *fs)
{
	enum fat_err r = fatc_flush(fs);
	for (uint32_t id = fs->node_open; id && !r; id = fs->nodes[id - 1].next) {
		struct fat_node *n = &fs->nodes[id - 1];
		if (n->dirty && !n->removed)
			r = write_node_entry(fs, n);
	}
	if (!r)
		r = write_fsinfo(fs);
	if (!r && fs->dev->flush && fs->dev->flush(fs->dev->ctx))
		r = dev_failed(fs);
	return r;
}

/* A volume found dirty stays dirty until repaired, and one a failed device call may have
 * left inconsistent stays dirty: marking it clean would hide the damage from the next
 * mount. */
enum fat_err fat_sync_clean(struct fat_fs *fs)
{
	enum fat_err r = fat_sync(fs);
	if (r || fs->clean_on_disk || fs->needs_repair || fs->io_failed)
		return r;
	for (uint32_t id = fs->node_open; id; id = fs->nodes[id - 1].next)
		if (fs->nodes[id - 1].removed)
			return FAT_OK;
	return vol_mark(fs, true);
}

bool fat_needs_repair(const struct fat_fs *fs)
{
	return fs->needs_repair;
}

uint32_t fat_free_clusters(const struct fat_fs *fs)
{
	return fs->free_count;
}

uint32_t fat_cluster_bytes(const struct fat_fs *fs)
{
	return fs->cluster_bytes;
}
