/* The FAT library's block device (fat.h) over the boot disk's virtio driver. A flush
 * with nothing written since the last one is skipped: syncs that change nothing (an
 * exit, a close) then cost no device request. */
#include "server.h"

static int dev_read(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	return vblk_read(ctx, lba, count, buf) ? 1 : 0;
}

static int dev_write(void *ctx, uint64_t lba, uint32_t count, const void *buf)
{
	disk.boot_unflushed = true;
	return vblk_write(ctx, lba, count, buf) ? 1 : 0;
}

static int dev_flush(void *ctx)
{
	if (!disk.boot_unflushed)
		return 0;
	if (vblk_flush(ctx))
		return 1;
	disk.boot_unflushed = false;
	return 0;
}

enum fat_err blockdev_mount(void)
{
	disk.dev = (struct fat_blockdev){ &disk.boot, disk.boot.capacity, dev_read, dev_write,
					  dev_flush };
	enum fat_err err = fat_mount(&disk.fs, &disk.dev, disk.nodes, DISK_NODES);
	disk.mounted = err == FAT_OK;
	return err;
}
