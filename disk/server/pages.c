/* Trusted page I/O for the pager: file ids that outlive fds (mmap), pages of files and
 * slots of the swap disk moved through a frame capability sent with the request. */
#include <string.h>

#include "ops.h"
#include "server.h"

/* Maps the frame that came with rq at PAGE_SCRATCH with rights (which the capability
 * must hold); *phys = its physical address. Returns 0 or DISK_EINVAL (no frame, not a
 * frame, missing rights, device memory), with nothing left mapped on failure. */
static int64_t frame_map(const struct request *rq, uint32_t rights, uint64_t *phys)
{
	uint64_t device;
	if (!rq->frame || frame_info(DISK_SLOT_RECV, phys, &device) || device)
		return DISK_EINVAL;
	return vspace_map(DISK_SLOT_VSPACE, DISK_SLOT_RECV, PAGE_SCRATCH, rights) ? DISK_EINVAL : 0;
}

static void frame_unmap(void)
{
	vspace_unmap(DISK_SLOT_VSPACE, PAGE_SCRATCH, 1);
}

/* The node of file id, or NULL. */
static struct fat_node *file_id(uint64_t id)
{
	return id < DISK_FILE_IDS ? disk.file_ids[id] : NULL;
}

int64_t do_reopen(struct request *rq)
{
	struct fd_entry *e = client_fd(client_find(rq->arg[0]), rq->arg[1]);
	if (!e)
		return DISK_EBADF;
	if (e->system && (rq->arg[2] & DISK_REOPEN_WRITABLE))
		return DISK_EPERM;
	unsigned i; /* a free id: one released, else one never used */
	if (disk.file_ids_freed)
		i = disk.file_id_freed[--disk.file_ids_freed];
	else if (disk.file_ids_fresh < DISK_FILE_IDS)
		i = disk.file_ids_fresh++;
	else
		return DISK_ENFILE;
	fat_dup(e->node);
	disk.file_ids[i] = e->node;
	disk.deny_write[i] = rq->arg[2] & DISK_REOPEN_DENY_WRITE;
	disk.denials[e->node - disk.nodes] += disk.deny_write[i];
	rq->reply_mr1 = fat_size(e->node);
	rq->reply_mr2 = (uint64_t)(e->node - disk.nodes);
	rq->reply_words = 3;
	return i;
}

bool write_denied(const struct fat_node *node)
{
	return disk.denials[node - disk.nodes] > 0;
}

int64_t do_release(struct request *rq)
{
	struct fat_node *node = file_id(rq->arg[0]);
	if (!node)
		return DISK_EBADF;
	disk.file_ids[rq->arg[0]] = NULL;
	disk.file_id_freed[disk.file_ids_freed++] = (uint16_t)rq->arg[0];
	disk.denials[node - disk.nodes] -= disk.deny_write[rq->arg[0]];
	disk.deny_write[rq->arg[0]] = false;
	return disk_err(fat_close(&disk.fs, node));
}

/* Fills the frame mapped at PAGE_SCRATCH (physical address phys) with the page of node
 * at off: from the cache, or when its sectors are consecutive on disk by one DMA
 * request straight into the frame, then cached; else through the FAT library. */
static enum fat_err page_fill(struct fat_node *node, uint64_t off, uint64_t phys)
{
	uint8_t *page = (uint8_t *)PAGE_SCRATCH;
	uint64_t lba;
	uint32_t bytes;
	enum fat_err e = fat_page_extent(&disk.fs, node, off, &lba, &bytes);
	if (e)
		return e;
	if (lba && lba + DISK_PAGE_SECTORS > disk.fs.total_sectors)
		lba = 0; /* the volume's last sectors: no whole page to copy */
	if (!lba || !pcache_get(lba, page)) {
		if (!lba)
			return fat_page_read(&disk.fs, node, off, page);
		if (vblk_read_phys(&disk.boot, lba, DISK_PAGE_SECTORS, &phys))
			return FAT_EIO;
		pcache_put(lba, page);
	}
	memset(page + bytes, 0, DISK_PAGE_SIZE - bytes);
	return FAT_OK;
}

int64_t do_page_read(struct request *rq)
{
	struct fat_node *node = file_id(rq->arg[0]);
	uint64_t phys;
	if (!node)
		return DISK_EBADF;
	if (rq->arg[1] % DISK_PAGE_SIZE || rq->arg[1] > FAT_FILE_MAX)
		return DISK_EINVAL;
	int64_t err = frame_map(rq, RIGHT_READ | RIGHT_WRITE, &phys);
	if (err)
		return err;
	err = disk_err(page_fill(node, rq->arg[1], phys));
	frame_unmap();
	return err;
}

int64_t do_page_write(struct request *rq)
{
	struct fat_node *node = file_id(rq->arg[0]);
	uint64_t phys;
	uint32_t done;
	if (!node)
		return DISK_EBADF;
	if (write_denied(node))
		return 0; /* a running executable: as DISK_WRITE, nothing is written */
	if (rq->arg[1] % DISK_PAGE_SIZE || rq->arg[1] > FAT_FILE_MAX || rq->arg[2] > DISK_PAGE_SIZE)
		return DISK_EINVAL;
	int64_t err = frame_map(rq, RIGHT_READ, &phys);
	if (err)
		return err;
	err = disk_err(fat_page_write(&disk.fs, node, rq->arg[1], (const void *)PAGE_SCRATCH,
				      rq->arg[1] + rq->arg[2], &done));
	frame_unmap();
	return err ? err : done;
}

static uint64_t swap_slots(void)
{
	return disk.swap.capacity / SWAP_SLOT_SECTORS;
}

/* Moves swap slot rq->arg[0] to (read) or from the frame sent, by DMA straight into the
 * frame; the mapping checks the capability's rights for the direction. */
static int64_t swap_io(struct request *rq, bool read)
{
	uint64_t phys;
	if (rq->arg[0] >= swap_slots())
		return DISK_EINVAL;
	int64_t err = frame_map(rq, read ? RIGHT_READ | RIGHT_WRITE : RIGHT_READ, &phys);
	if (err)
		return err;
	uint64_t sector = rq->arg[0] * SWAP_SLOT_SECTORS;
	disk.swap_unflushed |= !read;
	err = read ? vblk_read_phys(&disk.swap, sector, SWAP_SLOT_SECTORS, &phys)
		   : vblk_write_phys(&disk.swap, sector, SWAP_SLOT_SECTORS, &phys);
	frame_unmap();
	return err ? DISK_EIO : 0;
}

int64_t do_swap_read(struct request *rq)
{
	return swap_io(rq, true);
}

int64_t do_swap_write(struct request *rq)
{
	return swap_io(rq, false);
}

int64_t do_swap_slots(struct request *rq)
{
	(void)rq;
	return (int64_t)swap_slots();
}
