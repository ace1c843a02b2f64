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
#define SWAP_SLOT_SECTORS (DISK_PAGE_SIZE / VBLK_SECTOR_SIZE)

/* fat_repair's work space at mount: a bit per cluster for up to 131072 clusters (the
 * 64 MiB boot disk has 129022 of 512 bytes). A boot disk with more is not repaired: after
 * an unclean shutdown its mount fails with FAT_EINVAL. */
#define DISK_REPAIR_MAP 16384

/* Where things live in the server's address space. */
#define DISK_WINDOWS 0x40000000ull /* one VIRTIO_WINDOW_SIZE window per disk */
#define PAGE_SCRATCH 0x30000000ull /* a frame sent with a page request, while in use */

/* One open handle: the shared node of its file and its own offset. */
struct fd_entry {
	struct fat_node *node; /* NULL: the fd is free */
	uint64_t offset;
	bool system;           /* a program's fd on a system file: reads only (files.c) */
};

/* The open handles of one client (its badge is id); used while it has any. */
struct client {
	bool used;
	uint64_t id;
	unsigned open;
	struct fd_entry fds[DISK_FILES_PER_CLIENT];
};

/* Everything the server knows; defined once in state.c. */
struct disk_state {
	struct vblk boot, swap;
	bool boot_ok, swap_ok, mounted;
	bool boot_unflushed, swap_unflushed; /* written since the disk's last flush */
	struct fat_blockdev dev;
	struct fat_fs fs;
	struct fat_node nodes[DISK_NODES];
	struct client clients[DISK_CLIENTS];
	struct fat_node *file_ids[DISK_FILE_IDS]; /* each holds one reference */
	bool deny_write[DISK_FILE_IDS];           /* the id keeps fds from writing its file */
	uint16_t denials[DISK_NODES];             /* per node: ids denying writes to it */
	bool zeroer_awake;                        /* signalled, and not yet told "none left" */
	bool repaired;                            /* found dirty at mount: repair ran */
	struct fat_repair repair;                 /* what it did (README: Power cuts) */
	uint8_t repair_map[DISK_REPAIR_MAP];
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
/* Frees the client's table if it holds no open fd. */
void client_put(struct client *c);
/* The entry of fd in c, or NULL if fd is not open there (c may be NULL). */
struct fd_entry *client_fd(struct client *c, uint64_t fd);
/* A free fd of c for node at offset 0; returns the fd or DISK_EMFILE (node untouched). */
int64_t client_add(struct client *c, struct fat_node *node, uint64_t offset);
/* Closes fd e of c (and frees c when it was the last); returns 0 or the close's error. */
int64_t client_close(struct client *c, struct fd_entry *e);

/* Handlers, by area. */
int64_t do_create(struct request *rq);
int64_t do_open(struct request *rq);
int64_t do_close(struct request *rq);
int64_t do_read(struct request *rq);
int64_t do_write(struct request *rq);
int64_t do_seek(struct request *rq);
int64_t do_tell(struct request *rq);
int64_t do_size(struct request *rq);
int64_t do_remove(struct request *rq);

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

/* Pending zeros in the background (zero.c). zeroer_main is the zeroer thread's loop;
 * zeroer_wake, called after each request, signals it when there are pending zeros and
 * it is not already at work; zeros_finish writes them all (DISK_SYNC). */
_Noreturn void zeroer_main(void);
void zeroer_wake(void);
int64_t do_zero_step(struct request *rq);
enum fat_err zeros_finish(void);

#endif
