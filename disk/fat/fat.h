/* FAT32 with long file names over an abstract block device: the file system of the disk
 * server. Pure and freestanding (no libc, no allocation): the caller supplies the device,
 * the file-system state and the table of open files. Not thread-safe: the caller
 * serializes every call on one struct fat_fs. Needs about 2 KiB of stack. */
#ifndef DISK_FAT_FAT_H
#define DISK_FAT_FAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FAT_SECTOR_SIZE 512
#define FAT_PAGE_SIZE 4096
/* Longest path component, in UCS-2 characters (the VFAT limit); longer names are refused
 * with FAT_ENAMETOOLONG. Names are UTF-8 with characters of the Basic Multilingual Plane. */
#define FAT_NAME_MAX 255
/* Largest file size FAT32 can record. */
#define FAT_FILE_MAX 0xFFFFFFFFu
/* Sectors of the write-through sector cache used for directories and partial data sectors. */
#define FAT_SECTOR_CACHE 4
/* Zeros a file is owed are written lazily, at most this many bytes per call: a larger
 * create, or a write this far past the data on disk, leaves them pending (fat_zero_step). */
#define FAT_ZERO_STEP (64u << 10)
/* Files with pending zeros at once; a further one waits (FAT_EAGAIN) for a slot. */
#define FAT_ZERO_FILES 8

enum fat_err {
	FAT_OK = 0,
	FAT_EIO,          /* the block device failed */
	FAT_EBADFS,       /* the boot sector does not describe a FAT32 file system we support */
	FAT_ECORRUPT,     /* on-disk structures are inconsistent (chain, entry, directory) */
	FAT_ENOENT,       /* no such file or directory */
	FAT_EEXIST,       /* the name exists already */
	FAT_ENOSPC,       /* no free cluster, directory full or no free short name */
	FAT_ENAMETOOLONG, /* a path component is longer than FAT_NAME_MAX */
	FAT_EINVAL,       /* bad name (character, encoding, empty, trailing dot or space) or path */
	FAT_EISDIR,       /* the path names a directory where a file is needed */
	FAT_ENOTDIR,      /* a path component before the last is a file */
	FAT_ENOTEMPTY,    /* removing a directory that has entries */
	FAT_EFBIG,        /* the file would grow beyond FAT_FILE_MAX */
	FAT_ENFILE,       /* the table of open files is full */
	FAT_EAGAIN,       /* a step of pending zeros was written: call again to go on */
	FAT_ERR_COUNT,
};

/* The short name of an error code ("FAT_ENOSPC"), or "FAT_E?" for an unknown value. */
const char *fat_err_name(enum fat_err e);

/* A block device of 512-byte sectors. read and write move count sectors at lba and
 * return 0 on success, anything else on failure; flush (may be NULL) makes earlier
 * writes durable. */
struct fat_blockdev {
	void *ctx;
	uint64_t sectors;
	int (*read)(void *ctx, uint64_t lba, uint32_t count, void *buf);
	int (*write)(void *ctx, uint64_t lba, uint32_t count, const void *buf);
	int (*flush)(void *ctx);
};

/* An open file, shared by every handle on it (the server keeps each handle's offset and
 * calls fat_dup when it copies a handle). Fields are private to the library. */
#define FAT_MARKS 32
#define FAT_MARK_STRIDE 128

struct fat_node {
	uint32_t refs;        /* handles on this file; 0: the slot is free */
	uint32_t link;        /* free: the next free node; open and not removed: the next
				 in its hash bucket (index + 1; 0: none) */
	uint32_t prev, next;  /* open: neighbours in the list of open nodes (index + 1) */
	uint32_t first;       /* first cluster, 0 while the file is empty */
	uint32_t size;        /* bytes on disk: what the directory entry says */
	uint32_t nclusters;   /* clusters in the chain */
	/* Above size: bytes [size, zero_end) are zeros not on disk yet (0: none). They read as
	 * zeros, hold a reference, and are written in steps (fat_zero_step); until then a
	 * crash leaves the file shorter, never with stale bytes. */
	uint32_t zero_end;
	uint64_t ent_lba;     /* sector of the directory entry */
	uint16_t ent_off;     /* byte offset of the entry in that sector */
	bool removed;         /* the entry is gone; clusters are freed at the last close */
	bool dirty;           /* size or first cluster not yet written to the entry */
	uint32_t cur_index;   /* chain cursor: cluster cur_cluster is number cur_index */
	uint32_t cur_cluster; /* (0: no cursor) */
	/* Checkpoints of the chain: marks[k] is cluster number (k + 1) * FAT_MARK_STRIDE
	 * (0: not seen yet), so a seek backwards (page reads in any order) restarts near
	 * its target instead of at the first cluster. Chains only grow at the end, so a
	 * mark stays true while the node is open. */
	uint32_t marks[FAT_MARKS];
};

/* An in-memory index of one directory's names (dirindex.c), built when a lookup first
 * needs the directory and kept in step with every change the library makes to it:
 * names hashed case-insensitively (the long name and the short name "BASE.EXT" of each
 * entry), which entries are free, the directory's clusters, and for short-name aliases
 * the lowest ~N tail not known to be taken. A directory of more than FAT_INDEX_ENTRIES
 * entries is not indexed (it is scanned, as without an index). */
#define FAT_INDEX_ENTRIES 8192                    /* 256 KiB of directory */
#define FAT_INDEX_SLOTS (2 * FAT_INDEX_ENTRIES)   /* at most two names per entry */
#define FAT_INDEX_CLUSTERS (FAT_INDEX_ENTRIES * 32 / FAT_SECTOR_SIZE)
#define FAT_INDEX_TAILS 8

struct fat_index_slot {
	uint32_t hash;  /* of the name, ASCII letters folded */
	uint16_t pos;   /* the short entry's index + 1; 0: the slot is empty */
	uint16_t lfns;  /* long-name entries before it */
};

struct fat_dir_index {
	uint32_t dir;         /* the directory's first cluster; 0: the index is unused */
	uint32_t used;        /* when it was last used (fat_fs.index_clock) */
	uint32_t entries;     /* entries the directory's clusters hold */
	uint32_t nclusters;
	uint32_t first_free;  /* no free entry below this one */
	uint32_t clusters[FAT_INDEX_CLUSTERS];
	uint8_t free[FAT_INDEX_ENTRIES / 8];      /* bit set: the entry is free */
	uint32_t long_hash[FAT_INDEX_ENTRIES];    /* a short entry's long name's hash */
	struct fat_index_slot slots[FAT_INDEX_SLOTS];
	struct {
		uint8_t basis[11];
		uint8_t base_len;
		uint16_t next;    /* every tail ~1 .. ~next-1 of this basis is taken */
	} tails[FAT_INDEX_TAILS];
	uint32_t tail_victim;
};

/* Buckets of the hash of open nodes by the place of their directory entry. */
#define FAT_NODE_BUCKETS 1024

struct fat_sector {
	uint64_t lba;
	bool valid;
	bool dirty;
	uint8_t data[FAT_SECTOR_SIZE];
};

/* The state of one mounted file system; the caller owns the memory. */
struct fat_fs {
	const struct fat_blockdev *dev;
	uint64_t total_sectors;   /* of the file system (<= the device's) */
	uint32_t sec_per_clus;
	uint32_t cluster_bytes;
	uint32_t fat_lba;         /* first sector of FAT copy 0 */
	uint32_t fat_sectors;     /* sectors of one FAT copy */
	uint32_t fat_copies;
	uint32_t data_lba;        /* sector of cluster 2 */
	uint32_t clusters;        /* data clusters: numbers 2 .. clusters + 1 */
	uint32_t root;            /* first cluster of the root directory */
	uint32_t fsinfo_lba;      /* 0: no usable FSInfo sector */
	uint32_t free_count;      /* exact, counted at mount */
	uint32_t next_free;       /* where the next allocation starts looking */
	uint32_t reserved;        /* free clusters promised to pending zeros */
	uint32_t zero_files;      /* nodes with pending zeros (fat_node.zero_end) */
	bool fsinfo_dirty;
	bool clean_on_disk;       /* FAT entry 1 says "cleanly shut down": the next write to
				     the device first marks the volume dirty (fat_sync_clean) */
	bool needs_repair;        /* it was dirty at mount and fat_repair has not run */
	bool io_failed;           /* a device call failed since mount: an operation may have
				     stopped halfway, so the volume is never marked clean */
	struct fat_node *nodes;
	size_t node_count;
	uint32_t node_free;       /* first free node (index + 1; 0: none) */
	uint32_t node_open;       /* first open node (index + 1; 0: none) */
	uint32_t node_buckets[FAT_NODE_BUCKETS]; /* open nodes by entry place (index + 1) */
	struct fat_dir_index *index; /* fat_index_attach's table; NULL: no index */
	size_t index_count;
	uint32_t index_clock;
	uint32_t index_big;       /* a directory found too big to index (0: none) */
	uint8_t fsinfo[FAT_SECTOR_SIZE]; /* the FSInfo sector as read at mount */
	struct fat_sector fat_cache;  /* one sector of FAT copy 0, written back to all copies */
	struct fat_sector sectors[FAT_SECTOR_CACHE];
	unsigned sector_victim;
	uint8_t scratch[FAT_SECTOR_SIZE];
};

/* Mounts the FAT32 file system on dev: validates the boot sector, counts free clusters.
 * nodes[0..node_count) becomes the table of open files (cleared here). Returns FAT_OK,
 * FAT_EBADFS for a boot sector we do not accept, FAT_EIO or FAT_ECORRUPT. dev and nodes
 * must stay valid while mounted. There is no unmount: fat_sync, then drop the state. */
enum fat_err fat_mount(struct fat_fs *fs, const struct fat_blockdev *dev,
		       struct fat_node *nodes, size_t node_count);

/* Gives the library count directory indexes in ix[0..count) (cleared here), used from
 * now on to look names up and insert them without scanning directories; the memory
 * stays the library's until the next fat_mount, which forgets it. Without a call, every
 * lookup scans its directory. */
void fat_index_attach(struct fat_fs *fs, struct fat_dir_index *ix, size_t count);

/* Writes every pending change (directory entries of open files, the cached FAT sector to
 * all FAT copies, the FSInfo hint) and flushes the device. */
enum fat_err fat_sync(struct fat_fs *fs);

/* Clean shutdown: the volume is marked dirty (bit 27 of FAT entry 1 cleared, in every FAT
 * copy, then a device flush) before the first write after mount or after a
 * fat_sync_clean, and marked clean again only here. fat_sync_clean is fat_sync followed,
 * when it succeeded, by setting the bit and flushing, unless the disk may be
 * inconsistent: a removed file is still open (its clusters are in no entry), a device
 * call has failed since mount, or the volume was found dirty and not repaired. Call it
 * before the power goes off; the file system stays usable. Returns fat_sync's error or
 * the marking's. */
enum fat_err fat_sync_clean(struct fat_fs *fs);

/* Whether the volume was not shut down cleanly (found dirty by fat_mount) and fat_repair
 * has not repaired it yet. */
bool fat_needs_repair(const struct fat_fs *fs);

/* What fat_repair found and fixed (repair.c, disk/fat/README.md). */
struct fat_repair {
	uint32_t fat_sectors; /* sectors of a FAT copy rewritten from FAT copy 0 */
	uint32_t names;       /* long-name entries belonging to no short entry, freed */
	uint32_t trimmed;     /* chains that ran past their file's size, cut to it */
	uint32_t shortened;   /* files whose chain ended before their size: size cut */
	uint32_t crossed;     /* chains cut where they ran into a cluster already used */
	uint32_t dirs;        /* directory entries without a usable first cluster, dropped */
	uint32_t lost;        /* allocated clusters no entry reaches, freed */
	bool partial;         /* the walk missed part of the tree (deeper than
			         FAT_REPAIR_DEPTH): no cluster was freed as lost */
};

/* Directory levels below the root that fat_repair walks. */
#define FAT_REPAIR_DEPTH 32

/* Repairs the volume right after fat_mount, before any file is opened: makes every FAT
 * copy equal to copy 0, walks the tree from the root cutting chains to their files'
 * sizes (or sizes to their chains, or a chain where it runs into one seen before) and
 * freeing stray long-name entries, frees the clusters nothing reaches, recounts the free
 * clusters and syncs (the volume stays marked dirty until fat_sync_clean). map is work
 * space of map_bytes: one bit per cluster, at least 2 * FAT_SECTOR_SIZE. *out says what
 * was done (on failure, what was done until then). FAT_EINVAL, before anything is
 * changed, for a small map or an open file; FAT_ECORRUPT when the root directory has no
 * usable chain; FAT_EIO. */
enum fat_err fat_repair(struct fat_fs *fs, uint8_t *map, size_t map_bytes,
			struct fat_repair *out);

/* Free clusters now, and the size of one cluster in bytes. */
uint32_t fat_free_clusters(const struct fat_fs *fs);
uint32_t fat_cluster_bytes(const struct fat_fs *fs);

/* Paths are '/'-separated from the root ("a/b.txt" and "/a/b.txt" are the same), "." and
 * ".." as in POSIX (the root's ".." is the root); lookup ignores ASCII letters' case. */

/* Creates a zero-filled file of size bytes at path (Pintos create). Fails with
 * FAT_EEXIST if the name exists, FAT_ENOSPC (nothing allocated) if it does not fit.
 * Above FAT_ZERO_STEP bytes the zeros are pending: the entry is written empty and the
 * clusters reserved; FAT_EAGAIN (nothing created, one step of another file's zeros
 * written) while FAT_ZERO_FILES files have pending zeros. */
enum fat_err fat_create(struct fat_fs *fs, const char *path, uint32_t size);

/* Creates an empty directory at path (with "." and ".."). Errors as fat_create. */
enum fat_err fat_mkdir(struct fat_fs *fs, const char *path);

/* Removes the file or empty directory at path. An open file stays readable and writable
 * through its node until the last fat_close, which frees its clusters; its pending zeros
 * are dropped. */
enum fat_err fat_remove(struct fat_fs *fs, const char *path);

/* Opens the file at path: *out is its node, shared with other opens of the same file,
 * with one more reference. Validates the cluster chain against the size (FAT_ECORRUPT).
 * FAT_EISDIR for a directory, FAT_ENFILE when the node table is full. */
enum fat_err fat_open(struct fat_fs *fs, const char *path, struct fat_node **out);

/* Directories (listing.c). A directory is named by its first cluster (the root's too),
 * which stays its own while the directory exists. */
struct fat_stat {
	bool dir;         /* a directory: the root, "." and ".." are */
	bool entry;       /* the path ends in a name (not the root, "." or ".."): what
			     fat_remove may remove */
	uint32_t cluster; /* a directory's first cluster (0 for a file) */
};

/* What path names, in *st: FAT_OK, or the errors of a lookup (FAT_ENOENT, FAT_ENOTDIR
 * for a component before the last that is a file, name errors, FAT_ECORRUPT). */
enum fat_err fat_stat(struct fat_fs *fs, const char *path, struct fat_stat *st);

/* Room in fat_readdir's name for any short name (12 Latin-1 characters) and its NUL. */
#define FAT_READDIR_MIN 24

/* Reads the next name of directory dir from entry index *pos on (start at 0), "." and
 * ".." aside, into name[0..size) as UTF-8 with a NUL (size >= FAT_READDIR_MIN): the
 * long name, or the short name ("BASE.EXT", in the case its entry records) when there
 * is none or it does not fit; both are names a path may use. *pos moves past the entry.
 * FAT_ENOENT when no entry is left (*pos stays at the end); FAT_ECORRUPT, FAT_EIO. An
 * entry whose names hold what no path may (written by another system) is skipped. */
enum fat_err fat_readdir(struct fat_fs *fs, uint32_t dir, uint32_t *pos, char *name,
			 size_t size);

/* A number identifying a file or directory among those on the volume: where its entry
 * is, in directory entries from the volume's start (a directory's is its "." entry, the
 * root's FAT_ROOT_INUMBER). It stays while the file exists; a removed file still open
 * keeps it while a new file may take its entry and the number. Below 2^31 on volumes
 * under 64 GiB. */
#define FAT_ROOT_INUMBER 1
uint64_t fat_inumber(const struct fat_node *node);
uint64_t fat_dir_inumber(const struct fat_fs *fs, uint32_t dir);

/* Adds a reference to an open node (a duplicated handle). */
void fat_dup(struct fat_node *node);

/* Drops one reference. The last one writes the directory entry and syncs, or, for a
 * removed file, frees its clusters. The node must not be used by this handle after. */
enum fat_err fat_close(struct fat_fs *fs, struct fat_node *node);

/* Size of an open file in bytes, its pending zeros included. */
uint32_t fat_size(const struct fat_node *node);

/* Reads up to len bytes at off into buf; *done is the count read (0 at or past the end
 * of the file). Pending zeros are zeros here, without the device. */
enum fat_err fat_read(struct fat_fs *fs, struct fat_node *node, uint64_t off,
		      void *buf, uint32_t len, uint32_t *done);

/* Writes len bytes at off, growing the file (bytes between the old end and off read as
 * zeros). All or nothing for space: FAT_ENOSPC or FAT_EFBIG leave the file unchanged and
 * *done 0. *done is len on success. When the zeros before off (pending, or a gap past
 * the end) exceed FAT_ZERO_STEP, one step of them is written and the call returns
 * FAT_EAGAIN with *done 0: the file then reads as zeros up to off, and the same call
 * must be repeated. */
enum fat_err fat_write(struct fat_fs *fs, struct fat_node *node, uint64_t off,
		       const void *buf, uint32_t len, uint32_t *done);

/* For the pager: fills page with the FAT_PAGE_SIZE bytes at off (zeros past the end of
 * the file). */
enum fat_err fat_page_read(struct fat_fs *fs, struct fat_node *node, uint64_t off, void *page);

/* For a cache of file pages over the device (the disk server's): where the bytes of the
 * page at off that are on disk lie. *bytes is how many bytes from off are below the
 * file's size (at most FAT_PAGE_SIZE; 0 at or past it: the page is all zeros, pending
 * ones included), *lba the sector of off when those bytes fill consecutive sectors, 0
 * when they do not (read the page with fat_page_read then). A sector's cached copy
 * stays true until the library writes that sector (fat_blockdev.write). */
enum fat_err fat_page_extent(struct fat_fs *fs, struct fat_node *node, uint64_t off,
			     uint64_t *lba, uint32_t *bytes);

/* For the pager's mmap write-back: writes the bytes of page at off that lie below both
 * limit and the file's size (never grows the file); *done is the count written.
 * FAT_EAGAIN as fat_write. */
enum fat_err fat_page_write(struct fat_fs *fs, struct fat_node *node, uint64_t off,
			    const void *page, uint64_t limit, uint32_t *done);

/* Writes the next step (FAT_ZERO_STEP bytes) of one file's pending zeros, growing its
 * chain; the last step syncs and drops the zeros' reference. *more says whether any file
 * still has some. FAT_OK with *more false when there were none. */
enum fat_err fat_zero_step(struct fat_fs *fs, bool *more);

/* Files with pending zeros. */
uint32_t fat_zero_files(const struct fat_fs *fs);

#endif
