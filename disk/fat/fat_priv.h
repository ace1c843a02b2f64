/* Internal interface between the files of the FAT library: on-disk layout constants,
 * byte helpers, and the functions each file exports to the others. */
#ifndef DISK_FAT_FAT_PRIV_H
#define DISK_FAT_FAT_PRIV_H

#include "fat.h"

/* FAT entry values (28 bits). */
#define FAT_ENTRY_MASK 0x0FFFFFFFu
#define FAT_EOC 0x0FFFFFFFu       /* what we write at the end of a chain */
#define FAT_EOC_MIN 0x0FFFFFF8u
#define FAT_BAD 0x0FFFFFF7u       /* a bad cluster: allocated to no file, never used */
#define FAT_CLEAN_BIT 0x08000000u /* in FAT entry 1: set when cleanly shut down */
#define FAT_CLUSTERS_MIN 65525u   /* fewer clusters is FAT12/16 by definition */
#define FAT_CLUSTERS_MAX 0x0FFFFFF5u

/* Directory entries. */
#define DIRENT_SIZE 32
#define DIR_ENTRIES_MAX 65536u    /* a directory is at most 2 MiB */
#define DIRENT_FREE 0xE5
#define DIRENT_END 0x00
#define ATTR_VOLUME 0x08
#define ATTR_DIR 0x10
#define ATTR_ARCHIVE 0x20
#define ATTR_LFN 0x0F
#define ATTR_LFN_MASK 0x3F
#define DE_NAME 0
#define DE_ATTR 11
#define DE_CASE 12                /* NT case bits of a short name (SFN_CASE_*) */
#define DE_CDATE 16
#define DE_ADATE 18
#define DE_CLUS_HI 20
#define DE_WDATE 24
#define DE_CLUS_LO 26
#define DE_SIZE 28
#define SFN_LEN 11
#define LFN_CHARS 13              /* UCS-2 characters per long-name entry */
#define LFN_ENTRIES_MAX 20        /* ceil(FAT_NAME_MAX / LFN_CHARS) */
#define LFN_LAST 0x40
#define LFN_CHECKSUM 13
#define SFN_CASE_BASE 0x08       /* the base of the short name is shown in lower case */
#define SFN_CASE_EXT 0x10        /* and its extension */
#define SFN_TAILS 4096             /* ~1 .. ~4095 tried for a short name */
#define DOS_DATE_1980_01_01 0x0021 /* no clock: every timestamp is the FAT epoch */

static inline uint16_t rd16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void wr16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void wr32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static inline void mem_copy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;
	while (n--)
		*d++ = *s++;
}

static inline void mem_zero(void *dst, size_t n)
{
	uint8_t *d = dst;
	while (n--)
		*d++ = 0;
}

static inline bool mem_eq(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;
	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return false;
	return true;
}

static inline uint64_t cluster_lba(const struct fat_fs *fs, uint32_t cluster)
{
	return fs->data_lba + (uint64_t)(cluster - 2) * fs->sec_per_clus;
}

static inline bool cluster_valid(const struct fat_fs *fs, uint32_t c)
{
	return c >= 2 && c - 2 < fs->clusters;
}

/* Clusters needed for size bytes. */
static inline uint32_t clusters_for(const struct fat_fs *fs, uint64_t size)
{
	return (uint32_t)((size + fs->cluster_bytes - 1) / fs->cluster_bytes);
}

static inline uint32_t dirent_cluster(const uint8_t *e)
{
	return (uint32_t)rd16(e + DE_CLUS_HI) << 16 | rd16(e + DE_CLUS_LO);
}

static inline void dirent_set_cluster(uint8_t *e, uint32_t c)
{
	wr16(e + DE_CLUS_HI, (uint16_t)(c >> 16));
	wr16(e + DE_CLUS_LO, (uint16_t)c);
}

/* cache.c: the device and the two sector caches. */
enum fat_err dev_failed(struct fat_fs *fs);
enum fat_err dev_read(struct fat_fs *fs, uint64_t lba, uint32_t n, void *buf);
enum fat_err dev_write(struct fat_fs *fs, uint64_t lba, uint32_t n, const void *buf);
enum fat_err dev_zero(struct fat_fs *fs, uint64_t lba, uint32_t n);
enum fat_err sec_get(struct fat_fs *fs, uint64_t lba, uint8_t **data);
enum fat_err sec_put(struct fat_fs *fs, uint64_t lba);
void sec_reset(struct fat_fs *fs);
enum fat_err fatc_load(struct fat_fs *fs, uint32_t sector);
enum fat_err fatc_flush(struct fat_fs *fs);
enum fat_err vol_mark(struct fat_fs *fs, bool clean);

/* fat_table.c: FAT entries and cluster chains. */
enum fat_err fat_get(struct fat_fs *fs, uint32_t c, uint32_t *val);
enum fat_err chain_next(struct fat_fs *fs, uint32_t c, uint32_t *next);
enum fat_err chain_length(struct fat_fs *fs, uint32_t first, uint32_t limit, uint32_t *len);
enum fat_err chain_alloc(struct fat_fs *fs, uint32_t n, uint32_t *first, uint32_t *last);
enum fat_err chain_link(struct fat_fs *fs, uint32_t last, uint32_t next);
enum fat_err chain_free(struct fat_fs *fs, uint32_t first, uint32_t n);
enum fat_err fat_count_free(struct fat_fs *fs);

/* name.c: names, long-name entries and short-name generation. */
struct name {
	uint16_t u[FAT_NAME_MAX];
	uint32_t len;
};

struct lfn_acc {
	uint16_t u[LFN_ENTRIES_MAX * LFN_CHARS];
	uint8_t sum;
	uint8_t count;    /* entries in the sequence */
	uint8_t next;     /* ordinal expected next; 0 when the sequence is complete */
	bool active;
	uint32_t start;   /* directory index of the sequence's first entry */
};

struct sfn_gen {
	uint8_t basis[SFN_LEN];
	uint32_t base_len;        /* characters of the basis before its extension */
	bool lossy;               /* the basis is not the name: a ~N tail is needed */
	bool basis_taken;
	uint8_t used[SFN_TAILS / 8]; /* bit N: tail ~N is taken */
};

enum fat_err name_parse(const char *s, size_t len, struct name *n);
bool name_eq_units(const struct name *n, const uint16_t *u, uint32_t len);
bool name_eq_sfn(const struct name *n, const uint8_t *sfn, bool fold);
uint32_t sfn_units(const uint8_t *sfn, uint8_t case_bits, uint16_t *u);
bool name_utf8(const uint16_t *u, uint32_t len, char *out, size_t size);
uint8_t lfn_checksum(const uint8_t *sfn);
void lfn_reset(struct lfn_acc *a);
void lfn_add(struct lfn_acc *a, const uint8_t *e, uint32_t index);
bool lfn_done(const struct lfn_acc *a, const uint8_t *sfn, uint32_t *len);
uint32_t lfn_entries(const struct name *n);
void lfn_fill(uint8_t *e, const struct name *n, uint32_t ord, uint32_t count, uint8_t sum);
void sfn_basis(struct sfn_gen *g, const struct name *n);
void sfn_note(struct sfn_gen *g, const uint8_t *sfn);
uint32_t sfn_tail(const uint8_t *basis, uint32_t base_len, const uint8_t *sfn);
void sfn_tailed(const uint8_t *basis, uint32_t base_len, uint32_t v, uint8_t *sfn);
enum fat_err sfn_pick(const struct sfn_gen *g, uint8_t *sfn);

/* dir.c: directories and paths. */
/* A cursor on a directory's chain: cluster number cl_index of the chain is cluster. */
struct dir_iter {
	uint32_t first;
	uint32_t cl_index;
	uint32_t cluster;
};

struct dir_hit {
	uint8_t ent[DIRENT_SIZE];  /* copy of the short entry */
	uint64_t lba;              /* where the short entry is */
	uint16_t off;
	uint32_t index;            /* its index in the directory */
	uint32_t first;            /* index of its first long-name entry (or index) */
};

void iter_init(struct dir_iter *it, uint32_t first);
enum fat_err dir_entry(struct fat_fs *fs, struct dir_iter *it, uint32_t index,
		       uint8_t **e, uint64_t *lba, uint16_t *off);
/* Points *e at entry i of directory cluster cluster (valid until the next cache access);
 * *lba and *off locate it. Returns FAT_OK or the sector read's error. */
enum fat_err entry_in_cluster(struct fat_fs *fs, uint32_t cluster, uint32_t i, uint8_t **e,
			      uint64_t *lba, uint16_t *off);
enum fat_err path_lookup(struct fat_fs *fs, const char *path, uint32_t *dir,
			 struct dir_hit *hit);
enum fat_err path_parent(struct fat_fs *fs, const char *path, uint32_t *dir,
			 struct name *leaf);
enum fat_err dir_find(struct fat_fs *fs, uint32_t dir, const struct name *n,
		      struct dir_hit *hit);
enum fat_err dir_insert(struct fat_fs *fs, uint32_t dir, const struct name *n,
			uint8_t attr, uint32_t first, uint32_t size, struct dir_hit *hit);
enum fat_err dir_delete(struct fat_fs *fs, uint32_t dir, const struct dir_hit *hit);
enum fat_err dir_is_empty(struct fat_fs *fs, uint32_t dir);
bool entry_is_dot(const uint8_t *e);
enum fat_err subdir_cluster(const struct fat_fs *fs, const uint8_t *e, uint32_t *c);
enum fat_err zero_clusters(struct fat_fs *fs, uint32_t first, uint32_t n);
bool entry_matches(const struct name *n, const struct lfn_acc *lfn, const uint8_t *e);
void fill_hit(struct dir_hit *hit, const struct lfn_acc *lfn, const uint8_t *e,
	      uint32_t index, uint64_t lba, uint16_t off);
void dirent_init(uint8_t *e, const uint8_t *sfn, uint8_t attr, uint32_t first, uint32_t size);

/* file.c: the node table's lists. */
void nodes_init(struct fat_fs *fs);

/* dirindex.c: directory indexes (struct fat_dir_index). */
void ix_reset(struct fat_fs *fs);
void ix_forget(struct fat_fs *fs, uint32_t dir);
struct fat_dir_index *ix_peek(struct fat_fs *fs, uint32_t dir);
struct fat_dir_index *ix_get(struct fat_fs *fs, uint32_t dir);
enum fat_err ix_entry(struct fat_fs *fs, const struct fat_dir_index *ix, uint32_t index,
		      uint8_t **e, uint64_t *lba, uint16_t *off);
enum fat_err ix_find(struct fat_fs *fs, const struct fat_dir_index *ix, const struct name *n,
		     struct dir_hit *hit);
enum fat_err ix_sfn_pick(struct fat_dir_index *ix, const struct sfn_gen *g, uint8_t *sfn);
uint32_t ix_slot(const struct fat_dir_index *ix, uint32_t need);
struct fat_dir_index *ix_grown(struct fat_fs *fs, struct fat_dir_index *ix, uint32_t first,
			       uint32_t k);
void ix_added(struct fat_dir_index *ix, const struct name *n, const uint8_t *sfn,
	      uint32_t index, uint32_t lfns);
void ix_removed(struct fat_dir_index *ix, const struct dir_hit *hit);

#endif
