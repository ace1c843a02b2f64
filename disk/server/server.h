/* The disk server's shared declarations: its one global state (state.c), the request a
 * handler decodes, and the handlers of each area, indexed by label in dispatch.c. */
#ifndef DISK_SERVER_H
#define DISK_SERVER_H

#include <stdbool.h>
#include <stdint.h>

#include "disk.h"
#include "fat.h"
#include "sys.h"
#include "virtio_blk.h"

/* Files open at once (a node is shared by all handles on one file): enough for every
 * client's every fd, every file id and every file with pending zeros (which holds its
 * node), so no client can take another's. */
#define DISK_NODES (DISK_CLIENTS * DISK_FILES_PER_CLIENT + DISK_FILE_IDS + FAT_ZERO_FILES)
#define DISK_PAGE_SECTORS (DISK_PAGE_SIZE / VBLK_SECTOR_SIZE)
#define SWAP_SLOT_SECTORS DISK_PAGE_SECTORS

/* File pages kept by the page cache (pagecache.c): 256 KiB, beside the node table's
 * 700 KiB; enough for the pages of a few programs that run one after another. */
#define DISK_PAGE_CACHE 64
#define DISK_PAGE_WAYS 4 /* entries a page at a given sector may take: a set */

/* Directories whose names the FAT library keeps indexed at once (the least recently
 * used one is rebuilt for another): each about 170 KiB. */
#define DISK_DIR_INDEXES 4

/* fat_repair's work space at mount: a bit per cluster for up to 131072 clusters (the
 * 272 MiB boot disk has 69492 of 4 KiB). A boot disk with more is not repaired: after
 * an unclean shutdown its mount fails with FAT_EINVAL. */
#define DISK_REPAIR_MAP 16384

/* A table of up to DISK_CLIENTS ids (clients, I/O buffers), each in a slot, found by
 * hash (idtable.c). ID_BUCKETS is a power of two, at least twice DISK_CLIENTS, so probe
 * runs stay short. id_find: id's slot, or -1. id_add: a slot for id (not in the table),
 * or -1 when all are used. id_remove: frees slot and its id. */
#define ID_BUCKETS 128
_Static_assert((ID_BUCKETS & (ID_BUCKETS - 1)) == 0 && ID_BUCKETS >= 2 * DISK_CLIENTS &&
	       DISK_CLIENTS < 256, "buckets hold a slot + 1 in a byte");
struct id_table {
	uint64_t id[DISK_CLIENTS];   /* of each slot in use */
	uint8_t bucket[ID_BUCKETS];  /* slot + 1 by hash of its id; 0: empty */
	uint8_t freed[DISK_CLIENTS]; /* slots freed, a stack of nfreed */
	unsigned nfreed;
	unsigned fresh;              /* slots from here on were never used */
};
int id_find(const struct id_table *t, uint64_t id);
int id_add(struct id_table *t, uint64_t id);
void id_remove(struct id_table *t, unsigned slot);

/* Where things live in the server's address space (the thread areas are at
 * THREAD_AREA_BASE, 0x20000000, uthread.h). */
#define DISK_WINDOWS 0x40000000ull /* one VIRTIO_WINDOW_SIZE window per disk */
#define PAGE_SCRATCH 0x30000000ull /* a frame sent with a page request, while in use */
#define DISK_BUFFERS 0x50000000ull /* the clients' I/O buffers: DISK_BUFFER_SIZE each, in
				      the order of disk.buffers */

/* A client's I/O buffer (DISK_BUFFER), usable once every page has come: page i is
 * mapped at buffer_addr and held in slot DISK_SLOT_BUFFERS + index * DISK_BUFFER_PAGES + i. */
struct buffer {
	uint32_t pages; /* a bit per page given (its client id: disk.buffer_ids) */
};
#define BUFFER_FULL ((1u << DISK_BUFFER_PAGES) - 1)

/* One open handle: the shared node of its file, or an open directory, and its own
 * offset (in a directory: the index of the next entry to read). */
struct fd_entry {
	struct fat_node *node; /* a file's; NULL for a directory or a free fd */
	uint32_t dir;          /* an open directory's first cluster (node NULL); 0 otherwise */
	uint64_t offset;
	bool system;           /* a program's fd on a system file: reads only (files.c) */
};

static inline bool fd_used(const struct fd_entry *e)
{
	return e->node || e->dir;
}

/* One client (its badge is id): its open handles and its working directory; used while
 * it has either (an fd open, a working directory other than the root). */
struct client {
	bool used;
	uint64_t id;
	unsigned open;
	unsigned dirs;           /* of the open fds, directories */
	struct fd_entry fds[DISK_FILES_PER_CLIENT];
	char cwd[DISK_PATH_MAX]; /* the working directory's absolute path, without the
				    leading '/' and "." or ".." components ("a/b"); "" for
				    the root */
	uint32_t cwd_dir;        /* and its first cluster, while cwd is not "" */
};

/* One page of the cache: a copy of DISK_PAGE_SECTORS sectors of the boot disk from lba,
 * in entry set (lba / DISK_PAGE_SECTORS) % (DISK_PAGE_CACHE / DISK_PAGE_WAYS). */
struct page_copy {
	uint64_t lba;
	bool valid;
	bool used; /* read since the clock hand last passed */
};

struct page_cache {
	struct page_copy pages[DISK_PAGE_CACHE];
	uint8_t hands[DISK_PAGE_CACHE / DISK_PAGE_WAYS]; /* per set, the clock's next way */
	uint64_t lowest, highest;      /* every valid copy lies in sectors [lowest, highest):
					  a write outside skips the walk */
	uint64_t hits, misses;         /* pcache_get's answers */
	uint8_t data[DISK_PAGE_CACHE][DISK_PAGE_SIZE] __attribute__((aligned(DISK_PAGE_SIZE)));
};

/* Everything the server knows; defined once in state.c. */
struct disk_state {
	struct vblk boot, swap;
	bool boot_ok, swap_ok, mounted;
	bool boot_unflushed, swap_unflushed; /* written since the disk's last flush */
	struct fat_blockdev dev;
	struct fat_fs fs;
	struct fat_node nodes[DISK_NODES];
	struct fat_dir_index index[DISK_DIR_INDEXES];
	struct client clients[DISK_CLIENTS];
	struct id_table client_ids;               /* the slot in clients of each client id */
	unsigned dir_holds;                       /* directory fds plus working directories
						     other than the root, of all clients */
	struct buffer buffers[DISK_CLIENTS];
	struct id_table buffer_ids;               /* the slot in buffers of each client id */
	struct fat_node *file_ids[DISK_FILE_IDS]; /* each holds one reference */
	uint16_t file_id_freed[DISK_FILE_IDS];    /* ids released, a stack of file_ids_freed */
	unsigned file_ids_freed;
	unsigned file_ids_fresh;                  /* ids from here on were never used */
	bool deny_write[DISK_FILE_IDS];           /* the id keeps fds from writing its file */
	uint16_t denials[DISK_NODES];             /* per node: ids denying writes to it */
	bool zeroer_awake;                        /* signalled, and not yet told "none left" */
	bool repaired;                            /* found dirty at mount: repair ran */
	struct fat_repair repair;                 /* what it did (README: Power cuts) */
	uint8_t repair_map[DISK_REPAIR_MAP];
	char path[2 * DISK_PATH_MAX];             /* a request's relative path after its
						     client's working directory (dirs.c) */
	struct page_cache pcache;                 /* file pages read (pagecache.c) */
};
extern struct disk_state disk;

/* A decoded request: who sent it, its arguments, and whether a frame came with it (in
 * DISK_SLOT_RECV). A handler that replies with data sets reply_words (MR0 included). */
struct request {
	uint64_t client;
	uint64_t arg[MSG_REG_WORDS];
	uint64_t words; /* of the message, MR0 included */
	bool frame;
	uint64_t reply_words;
	uint64_t reply_mr1; /* the reply's MR1, when reply_words > 1 */
	uint64_t reply_mr2; /* the reply's MR2, when reply_words > 2 */
};

/* A handler returns the reply's MR0: a result >= 0 or a DISK_E* code. */
typedef int64_t (*handler_fn)(struct request *rq);

/* Serves one request: checks the label, the caller's trust and the file system, then runs
 * its handler (dispatch.c). Returns the reply's MR0. */
int64_t dispatch(uint64_t label, struct request *rq);

/* The DISK_E* code of a FAT library error (errors.c). */
int64_t disk_err(enum fat_err e);

/* The file system on the boot disk through the block-device adapter (blockdev.c):
 * mounts it, repairs it first if it was not shut down cleanly (disk.repaired,
 * disk.repair), and sets disk.mounted. Returns FAT_OK or the library's error. */
enum fat_err blockdev_mount(void);

/* What the mount's repair did, for the ready line: "" without a repair, else
 * "; repaired after an unclean shutdown: " and its non-zero counts by name. */
void blockdev_repair_text(char *buf, size_t size);

/* Client tables (clients.c). */
struct client *client_find(uint64_t id);
/* The client's table, made empty if it had none; NULL when DISK_CLIENTS are in use. */
struct client *client_get(uint64_t id);
/* Frees the client's table if it holds no open fd and its working directory is the
 * root. */
void client_put(struct client *c);
/* The entry of fd in c if it is an open file, or NULL (c may be NULL). */
struct fd_entry *client_fd(struct client *c, uint64_t fd);
/* The entry of fd in c if it is open, a file or a directory, or NULL (c may be NULL). */
struct fd_entry *client_entry(struct client *c, uint64_t fd);
/* A free fd of c, at offset 0, for the file of node, or (node NULL) for the directory
 * whose first cluster is dir; returns the fd or DISK_EMFILE (node untouched). */
int64_t client_add(struct client *c, struct fat_node *node, uint32_t dir);
/* Closes fd e of c (and frees c when it was the last); returns 0 or the close's error. */
int64_t client_close(struct client *c, struct fd_entry *e);

/* The path of request rq, checked and made absolute (files.c): the NUL-terminated path
 * from MR4 on, after the working directory of client id unless it starts with '/'.
 * Returns 0 with *path set (valid until the next request), DISK_ENAMETOOLONG, or
 * DISK_EINVAL (the message ends first, or the path is empty). */
int64_t request_path(const struct request *rq, uint64_t id, const char **path);
/* Whether a program (an untrusted client) asks about a system file (files.c). */
bool system_file(const struct request *rq, const char *path);

/* Working directories and open directories (dirs.c). client_path gives path p (at most
 * DISK_PATH_MAX bytes with its NUL) of client id after its working directory: p itself
 * if absolute or at the root, else in disk.path. dir_open opens the directory path names as a new
 * fd of c (DISK_ENOTDIR for a file). dir_busy: DISK_EBUSY if path names a directory by
 * its entry that is a client's working directory or open in an fd, else 0 (lookup
 * errors are left to the remove). dirs_exit forgets c's working directory. */
const char *client_path(uint64_t id, const char *p);
int64_t dir_open(struct client *c, const char *path);
int64_t dir_busy(const char *path);
void dirs_exit(struct client *c);

/* Handlers, by area. */
int64_t do_create(struct request *rq);
int64_t do_open(struct request *rq);
int64_t do_close(struct request *rq);
int64_t do_read(struct request *rq);
int64_t do_write(struct request *rq);
int64_t do_bulk_read(struct request *rq);
int64_t do_bulk_write(struct request *rq);
int64_t do_seek(struct request *rq);
int64_t do_tell(struct request *rq);
int64_t do_size(struct request *rq);
int64_t do_remove(struct request *rq);

int64_t do_mkdir(struct request *rq);
int64_t do_chdir(struct request *rq);
int64_t do_readdir(struct request *rq);
int64_t do_inumber(struct request *rq);

int64_t do_stats(struct request *rq);

/* I/O buffers (buffers.c). buffer_of: where client id's whole buffer is mapped, or NULL
 * (none, or not every page given yet); buffers_exit unmaps and forgets id's. */
int64_t do_buffer(struct request *rq);
uint8_t *buffer_of(uint64_t id);
void buffers_exit(uint64_t id);

int64_t do_fork(struct request *rq);
int64_t do_exit(struct request *rq);
int64_t do_sync(struct request *rq);

int64_t do_reopen(struct request *rq);
/* Whether a file id held with "deny writes" names node (pages.c). */
bool write_denied(const struct fat_node *node);
int64_t do_release(struct request *rq);
int64_t do_page_read(struct request *rq);
int64_t do_page_write(struct request *rq);
int64_t do_swap_read(struct request *rq);
int64_t do_swap_write(struct request *rq);
int64_t do_swap_slots(struct request *rq);

/* The page cache (pagecache.c). pcache_get copies the page cached for sectors from lba
 * into page and returns true (a hit), or returns false (a miss); both are counted.
 * pcache_put caches page as the sectors from lba, in place of a copy of its set not
 * read lately (a clock per set). pcache_forget drops every copy overlapping count sectors from lba: blockdev.c
 * calls it before each write to the boot disk. */
bool pcache_get(uint64_t lba, void *page);
void pcache_put(uint64_t lba, const void *page);
void pcache_forget(uint64_t lba, uint64_t count);

/* Pending zeros in the background (zero.c). zeroer_main is the zeroer thread's loop;
 * zeroer_wake, called after each request, signals it when there are pending zeros and
 * it is not already at work; zeros_finish writes them all (DISK_SYNC). */
_Noreturn void zeroer_main(void);
void zeroer_wake(void);
int64_t do_zero_step(struct request *rq);
enum fat_err zeros_finish(void);

#endif
