/* The FAT library's block device (fat.h) over the boot disk's virtio driver; the mount,
 * with its repair after an unclean shutdown. A flush with nothing written since the
 * last one is skipped: syncs that change nothing (an exit, a close) then cost no device
 * request. Every write first drops the page cache's copies of the sectors it covers. */
#include "fmt.h"
#include "server.h"

static int dev_read(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	return vblk_read(ctx, lba, count, buf) ? 1 : 0;
}

static int dev_write(void *ctx, uint64_t lba, uint32_t count, const void *buf)
{
	disk.boot_unflushed = true;
	pcache_forget(lba, count);
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
	if (!err)
		fat_index_attach(&disk.fs, disk.index, DISK_DIR_INDEXES);
	if (!err && fat_needs_repair(&disk.fs)) {
		disk.repaired = true;
		err = fat_repair(&disk.fs, disk.repair_map, sizeof disk.repair_map, &disk.repair);
	}
	disk.mounted = err == FAT_OK;
	return err;
}

void blockdev_repair_text(char *buf, size_t size)
{
	const struct fat_repair *r = &disk.repair;
	const struct { const char *name; uint32_t count; } counts[] = {
		{ "fat-sectors", r->fat_sectors }, { "names", r->names },
		{ "trimmed", r->trimmed }, { "shortened", r->shortened },
		{ "crossed", r->crossed }, { "dirs", r->dirs }, { "lost", r->lost },
		{ "partial", r->partial },
	};
	size_t n = 0;
	buf[0] = '\0';
	if (!disk.repaired)
		return;
	n += fmt_snprintf(buf, size, "; repaired after an unclean shutdown:");
	const char *sep = " ";
	for (unsigned i = 0; i < sizeof counts / sizeof counts[0] && n < size; i++) {
		if (!counts[i].count)
			continue;
		n += fmt_snprintf(buf + n, size - n, "%s%s %u", sep, counts[i].name, counts[i].count);
		sep = ", ";
	}
	if (*sep == ' ' && n < size)
		fmt_snprintf(buf + n, size - n, " nothing to fix");
}
