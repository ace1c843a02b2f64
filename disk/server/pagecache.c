/* The cache of file pages read for the pager: copies of DISK_PAGE_SECTORS consecutive
 * sectors of the boot disk, keyed by their first sector. Every write to the boot disk
 * passes through blockdev.c, which forgets the copies it overlaps first, so a copy is
 * always what the disk holds, whichever file or request wrote it. */
#include <string.h>

#include "server.h"

static bool overlaps(const struct page_copy *p, uint64_t lba, uint64_t count)
{
	return p->lba < lba + count && lba < p->lba + DISK_PAGE_SECTORS;
}

bool pcache_get(uint64_t lba, void *page)
{
	for (unsigned i = 0; i < DISK_PAGE_CACHE; i++) {
		struct page_copy *p = &disk.pcache.pages[i];
		if (p->valid && p->lba == lba) {
			p->used = true;
			memcpy(page, disk.pcache.data[i], DISK_PAGE_SIZE);
			disk.pcache.hits++;
			return true;
		}
	}
	disk.pcache.misses++;
	return false;
}

/* A victim by the clock: the first entry not used since the hand last passed it. */
static unsigned victim(void)
{
	for (;;) {
		unsigned i = disk.pcache.hand;
		struct page_copy *p = &disk.pcache.pages[i];
		disk.pcache.hand = (i + 1) % DISK_PAGE_CACHE;
		if (!p->valid || !p->used)
			return i;
		p->used = false;
	}
}

void pcache_put(uint64_t lba, const void *page)
{
	unsigned i = victim();
	struct page_copy *p = &disk.pcache.pages[i];
	memcpy(disk.pcache.data[i], page, DISK_PAGE_SIZE);
	*p = (struct page_copy){ .lba = lba, .valid = true, .used = false };
	if (!disk.pcache.highest || lba < disk.pcache.lowest)
		disk.pcache.lowest = lba;
	if (lba + DISK_PAGE_SECTORS > disk.pcache.highest)
		disk.pcache.highest = lba + DISK_PAGE_SECTORS;
}

void pcache_forget(uint64_t lba, uint64_t count)
{
	if (lba >= disk.pcache.highest || lba + count <= disk.pcache.lowest)
		return;
	for (unsigned i = 0; i < DISK_PAGE_CACHE; i++) {
		struct page_copy *p = &disk.pcache.pages[i];
		if (p->valid && overlaps(p, lba, count))
			p->valid = false;
	}
}
