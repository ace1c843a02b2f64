/* virtio-blk requests (virtio_blk.h): a header the device reads, the data buffers, and a
 * status byte it writes, as one descriptor chain; completion awaited on the MSI-X
 * notification. */
#include "virtio_blk.h"

#include <string.h>
#include "sys.h"
#include "uthread.h"

#define VIRTIO_BLK_DEVICE 0x1042              /* modern virtio-blk */
#define VIRTIO_BLK_DEVICE_TRANSITIONAL 0x1001 /* also has the modern interface */
#define VIRTIO_BLK_F_RO (1ull << 5)
#define VIRTIO_BLK_F_FLUSH (1ull << 9)
#define BLK_CFG_CAPACITY 0

#define BLK_T_IN 0
#define BLK_T_OUT 1
#define BLK_T_FLUSH 4
#define BLK_S_OK 0
#define BLK_S_UNSUPP 2
#define HEADER_BYTES 16 /* type, reserved, sector: what the device reads */

#define MAX_PIECES (VBLK_MAX_SECTORS * VBLK_SECTOR_SIZE / PAGE_SIZE + 1)
#define BOUNCE_SECTORS (VBLK_BOUNCE_PAGES * PAGE_SIZE / VBLK_SECTOR_SIZE)

#define CHAIN_MAX (MAX_PIECES + 2) /* header, data pieces, status */
_Static_assert(CHAIN_MAX <= VQ_SIZE, "a request's chain fits a queue");
_Static_assert(BOUNCE_SECTORS <= VBLK_MAX_SECTORS, "one request fills the bounce pages");

static bool is_virtio_blk(uint16_t vendor, uint16_t device)
{
	return vendor == VIRTIO_VENDOR &&
	       (device == VIRTIO_BLK_DEVICE || device == VIRTIO_BLK_DEVICE_TRANSITIONAL);
}

/* The request page and the bounce pages, in the device's window. */
static int64_t map_buffers(struct vblk *d)
{
	void *va;
	int64_t err = window_map_dma(&d->dev.window, &va, &d->request_phys);
	if (err)
		return err;
	d->request = va;
	for (unsigned i = 0; i < VBLK_BOUNCE_PAGES; i++) {
		err = window_map_dma(&d->dev.window, &va, &d->bounce_phys[i]);
		if (err)
			return err;
		if (i == 0)
			d->bounce = va;
	}
	return 0;
}

int64_t vblk_open(struct vblk *d, const struct virtio_env *env, unsigned index)
{
	uint64_t features;
	d->requests = 0;
	d->interrupts = 0;
	d->bytes = 0;
	int64_t err = virtio_pci_open(&d->dev, env, is_virtio_blk, index);
	if (!err)
		err = virtio_pci_negotiate(&d->dev, VIRTIO_F_VERSION_1 | VIRTIO_BLK_F_RO |
						      VIRTIO_BLK_F_FLUSH, &features);
	if (err)
		return err;
	d->read_only = features & VIRTIO_BLK_F_RO;
	d->flush = features & VIRTIO_BLK_F_FLUSH;
	uint16_t size = virtio_pci_queue_size(&d->dev);
	if (size < CHAIN_MAX)
		return VIRTIO_ERR_QUEUE;
	err = virtio_pci_config64(&d->dev, BLK_CFG_CAPACITY, &d->capacity);
	if (!err)
		err = virtqueue_init(&d->vq, &d->dev.window, size);
	if (!err)
		err = map_buffers(d);
	if (!err)
		err = virtio_pci_start(&d->dev, &d->vq);
	return err;
}

/* Waits until the device has used the submitted chain, counting the interrupts. */
static int64_t wait_done(struct vblk *d)
{
	do {
		uint64_t word;
		int64_t err = sys_wait(d->dev.notification, &word);
		if (err)
			return err;
		if (word & VIRTIO_IRQ_BADGE)
			d->interrupts++;
	} while (!virtqueue_done(&d->vq));
	d->requests++;
	return 0;
}

/* Sends the request type/sector with the n data pieces in bufs[1..n] (bufs[0] and
 * bufs[n + 1] are filled here) and waits for it; returns the device's status as an
 * error code. */
static int64_t transfer(struct vblk *d, uint32_t type, uint64_t sector, struct vq_buf *bufs,
			unsigned n)
{
	d->request->type = type;
	d->request->reserved = 0;
	d->request->sector = sector;
	d->request->status = 0xff; /* no status yet */
	bufs[0] = (struct vq_buf){ d->request_phys, HEADER_BYTES, false };
	bufs[n + 1] = (struct vq_buf){ d->request_phys + HEADER_BYTES, 1, true };
	virtqueue_submit(&d->vq, bufs, n + 2);
	virtio_pci_notify(&d->dev);
	int64_t err = wait_done(d);
	if (err)
		return err;
	uint8_t status = d->request->status;
	if (status == BLK_S_OK)
		return 0;
	return status == BLK_S_UNSUPP ? VIRTIO_ERR_UNSUPPORTED : VIRTIO_ERR_IO;
}

static bool in_range(const struct vblk *d, uint64_t sector, uint64_t count)
{
	return count > 0 && sector <= d->capacity && count <= d->capacity - sector;
}

/* A read (IN) or write (OUT) of count sectors at sector, with the data in the pieces
 * of physical memory that phys describes (vblk_read_phys). */
static int64_t rw_phys(struct vblk *d, uint32_t type, uint64_t sector, uint32_t count,
		       const uint64_t *phys)
{
	struct vq_buf bufs[CHAIN_MAX];
	unsigned n = 0;
	if (!in_range(d, sector, count) || count > VBLK_MAX_SECTORS)
		return VIRTIO_ERR_RANGE;
	if (type == BLK_T_OUT && d->read_only)
		return VIRTIO_ERR_UNSUPPORTED;
	for (uint64_t left = (uint64_t)count * VBLK_SECTOR_SIZE; left; n++) {
		if (n == MAX_PIECES)
			return VIRTIO_ERR_RANGE;
		uint64_t room = PAGE_SIZE - (phys[n] & (PAGE_SIZE - 1));
		uint32_t len = (uint32_t)(left < room ? left : room);
		bufs[n + 1] = (struct vq_buf){ phys[n], len, type == BLK_T_IN };
		left -= len;
	}
	int64_t err = transfer(d, type, sector, bufs, n);
	if (!err)
		d->bytes += (uint64_t)count * VBLK_SECTOR_SIZE;
	return err;
}

int64_t vblk_read_phys(struct vblk *d, uint64_t sector, uint32_t count, const uint64_t *phys)
{
	return rw_phys(d, BLK_T_IN, sector, count, phys);
}

int64_t vblk_write_phys(struct vblk *d, uint64_t sector, uint32_t count, const uint64_t *phys)
{
	return rw_phys(d, BLK_T_OUT, sector, count, phys);
}

int64_t vblk_read(struct vblk *d, uint64_t sector, uint64_t count, void *buf)
{
	if (!in_range(d, sector, count))
		return VIRTIO_ERR_RANGE;
	for (uint8_t *to = buf; count;) {
		uint32_t n = (uint32_t)(count < BOUNCE_SECTORS ? count : BOUNCE_SECTORS);
		int64_t err = rw_phys(d, BLK_T_IN, sector, n, d->bounce_phys);
		if (err)
			return err;
		memcpy(to, d->bounce, (size_t)n * VBLK_SECTOR_SIZE);
		to += (size_t)n * VBLK_SECTOR_SIZE;
		sector += n;
		count -= n;
	}
	return 0;
}

int64_t vblk_write(struct vblk *d, uint64_t sector, uint64_t count, const void *buf)
{
	if (!in_range(d, sector, count))
		return VIRTIO_ERR_RANGE;
	for (const uint8_t *from = buf; count;) {
		uint32_t n = (uint32_t)(count < BOUNCE_SECTORS ? count : BOUNCE_SECTORS);
		memcpy(d->bounce, from, (size_t)n * VBLK_SECTOR_SIZE);
		int64_t err = rw_phys(d, BLK_T_OUT, sector, n, d->bounce_phys);
		if (err)
			return err;
		from += (size_t)n * VBLK_SECTOR_SIZE;
		sector += n;
		count -= n;
	}
	return 0;
}

int64_t vblk_flush(struct vblk *d)
{
	struct vq_buf bufs[2];
	if (!d->flush)
		return 0;
	return transfer(d, BLK_T_FLUSH, 0, bufs, 0);
}
