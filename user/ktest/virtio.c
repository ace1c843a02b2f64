/* virtio: the virtio-blk driver (disk/virtio) from the root task. Both disks are found in
 * bus order; disk 0's first sector is the FAT32 boot sector; patterns written to disk 1
 * (through the bounce pages and straight from frames, the last sector included) read
 * back; reads past the end are refused; every completion arrived as an MSI. */
#include "console.h"
#include "ktest.h"
#include <string.h>
#include "uthread.h"
#include "virtio_blk.h"

#define DISK_WINDOWS 0x40000000ull /* one VIRTIO_WINDOW_SIZE window per disk */
#define FRAMES_VIEW 0x40800000ull  /* the root's own mappings of its DMA test frames */
#define DMA_FRAMES 6
#define BOOT_SIGNATURE 510
#define FAT32_TYPE 82 /* BS_FilSysType of a FAT32 boot sector */
#define SWAP_SECTORS (16ull << 20 >> 9) /* tools/qemu.py SWAP_MIB */
#define PIECES_SECTORS 12             /* the scattered write: 3 + 8 + 1 sectors */

static uint8_t sector_buf[VBLK_SECTOR_SIZE];

static void open_disk(struct vblk *d, unsigned index)
{
	struct virtio_env env = { SLOT_IOPORTS, SLOT_DEVMEM, SLOT_IRQ_CONTROL, SLOT_VSPACE,
				  DISK_WINDOWS + index * VIRTIO_WINDOW_SIZE };
	CHECK_OK(vblk_open(d, &env, index));
	cprintf("ktest virtio: disk %u at pci %02x:%02x.%x, %lu sectors\n", index,
		PCI_BUS(d->dev.bdf), PCI_DEV(d->dev.bdf), PCI_FN(d->dev.bdf), d->capacity);
}

/* A byte of sector s that differs from sector to sector (and is not all zeros). */
static uint8_t pattern(uint64_t s, unsigned i)
{
	return (uint8_t)(s * 37 + (s >> 8) * 11 + i * 7 + 1);
}

static void fill(uint8_t *buf, uint64_t s, unsigned sectors)
{
	for (unsigned k = 0; k < sectors; k++)
		for (unsigned i = 0; i < VBLK_SECTOR_SIZE; i++)
			buf[k * VBLK_SECTOR_SIZE + i] = pattern(s + k, i);
}

static bool matches(const uint8_t *buf, uint64_t s, unsigned sectors)
{
	for (unsigned k = 0; k < sectors; k++)
		for (unsigned i = 0; i < VBLK_SECTOR_SIZE; i++)
			if (buf[k * VBLK_SECTOR_SIZE + i] != pattern(s + k, i))
				return false;
	return true;
}

static void check_boot_sector(struct vblk *boot)
{
	memset(sector_buf, 0, sizeof sector_buf);
	CHECK_OK(vblk_read(boot, 0, 1, sector_buf));
	CHECK(sector_buf[BOOT_SIGNATURE] == 0x55 && sector_buf[BOOT_SIGNATURE + 1] == 0xaa);
	CHECK(memcmp(sector_buf + FAT32_TYPE, "FAT32   ", 8) == 0);
}

/* One sector at a time through vblk_write/vblk_read, at the edges of pages, requests
 * and the disk. */
static void check_sectors(struct vblk *swap)
{
	const uint64_t sectors[] = { 0, 1, 7, 8, 4095, swap->capacity - 1 };
	for (unsigned i = 0; i < sizeof sectors / sizeof sectors[0]; i++) {
		fill(sector_buf, sectors[i], 1);
		CHECK_OK(vblk_write(swap, sectors[i], 1, sector_buf));
	}
	for (unsigned i = 0; i < sizeof sectors / sizeof sectors[0]; i++) {
		memset(sector_buf, 0, sizeof sector_buf);
		CHECK_OK(vblk_read(swap, sectors[i], 1, sector_buf));
		CHECK(matches(sector_buf, sectors[i], 1));
	}
	CHECK_OK(vblk_read(swap, 2, 1, sector_buf)); /* never written */
	for (unsigned i = 0; i < VBLK_SECTOR_SIZE; i++)
		CHECK(sector_buf[i] == 0);
}

/* Frames the root maps at FRAMES_VIEW, with their physical addresses. */
static uint8_t *dma_frames(uint64_t phys[DMA_FRAMES])
{
	for (unsigned i = 0; i < DMA_FRAMES; i++) {
		uint64_t device;
		CHECK_OK(frame_info(new_mapped_frame(FRAMES_VIEW + i * PAGE_SIZE), &phys[i], &device));
	}
	return (uint8_t *)FRAMES_VIEW;
}

/* A write from three pieces of physical memory (the first starting inside its page),
 * read back into three other frames, and through the bounce pages. */
static void check_scattered(struct vblk *swap, uint8_t *view, const uint64_t phys[DMA_FRAMES])
{
	const uint64_t at = 1000;
	static uint8_t whole[PIECES_SECTORS * VBLK_SECTOR_SIZE];
	const unsigned first = 5 * VBLK_SECTOR_SIZE; /* 3 sectors to the end of frame 0 */
	fill(whole, at, PIECES_SECTORS);
	memcpy(view + first, whole, PAGE_SIZE - first);
	memcpy(view + PAGE_SIZE, whole + PAGE_SIZE - first, PAGE_SIZE);
	memcpy(view + 2 * PAGE_SIZE, whole + 2 * PAGE_SIZE - first, VBLK_SECTOR_SIZE);
	const uint64_t out[] = { phys[0] + first, phys[1], phys[2] };
	CHECK_OK(vblk_write_phys(swap, at, PIECES_SECTORS, out));
	CHECK_OK(vblk_read_phys(swap, at, PIECES_SECTORS, &phys[3]));
	CHECK(matches(view + 3 * PAGE_SIZE, at, 8));
	CHECK(matches(view + 4 * PAGE_SIZE, at + 8, 4));
	memset(whole, 0, sizeof whole);
	CHECK_OK(vblk_read(swap, at, PIECES_SECTORS, whole));
	CHECK(matches(whole, at, PIECES_SECTORS));
}

static void check_range(struct vblk *swap, const uint64_t phys[DMA_FRAMES])
{
	CHECK_ERR(vblk_read(swap, swap->capacity, 1, sector_buf), VIRTIO_ERR_RANGE);
	CHECK_ERR(vblk_read(swap, swap->capacity - 1, 2, sector_buf), VIRTIO_ERR_RANGE);
	CHECK_ERR(vblk_write(swap, swap->capacity, 1, sector_buf), VIRTIO_ERR_RANGE);
	CHECK_ERR(vblk_read(swap, ~0ull, 2, sector_buf), VIRTIO_ERR_RANGE);
	CHECK_ERR(vblk_read(swap, 0, 0, sector_buf), VIRTIO_ERR_RANGE);
	CHECK_ERR(vblk_read_phys(swap, swap->capacity, 1, phys), VIRTIO_ERR_RANGE);
	CHECK_ERR(vblk_write_phys(swap, swap->capacity - 1, 2, phys), VIRTIO_ERR_RANGE);
	CHECK_ERR(vblk_read_phys(swap, 0, VBLK_MAX_SECTORS + 1, phys), VIRTIO_ERR_RANGE);
}

void test_virtio(void)
{
	static struct vblk boot, swap, none;
	open_disk(&boot, 0);
	open_disk(&swap, 1);
	struct virtio_env env = { SLOT_IOPORTS, SLOT_DEVMEM, SLOT_IRQ_CONTROL, SLOT_VSPACE,
				  DISK_WINDOWS + 2 * VIRTIO_WINDOW_SIZE };
	CHECK_ERR(vblk_open(&none, &env, 2), VIRTIO_ERR_NO_DEVICE);
	CHECK(boot.dev.bdf < swap.dev.bdf);
	CHECK_EQ(swap.capacity, SWAP_SECTORS);
	check_boot_sector(&boot);
	check_sectors(&swap);
	uint64_t phys[DMA_FRAMES];
	uint8_t *view = dma_frames(phys);
	check_scattered(&swap, view, phys);
	check_range(&swap, phys);
	check_boot_sector(&boot); /* the writes went to disk 1 only */
	CHECK_OK(vblk_flush(&swap));
	cprintf("ktest virtio: disk 0: %lu requests, %lu interrupts; disk 1: %lu requests, "
		"%lu interrupts\n", boot.requests, boot.interrupts, swap.requests, swap.interrupts);
	CHECK_EQ(boot.requests, 2);
	CHECK_EQ(boot.interrupts, boot.requests);
	CHECK(swap.requests > 0);
	CHECK_EQ(swap.interrupts, swap.requests);
}
