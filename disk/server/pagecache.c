/* The cache of file pages read for the pager: copies of DISK_PAGE_SECTORS consecutive
 * sectors of the boot disk, keyed by their first sector, in sets of DISK_PAGE_WAYS
 * entries (a lookup reads one set). Every write to the boot disk
 * passes through blockdev.c, which forgets the copies it overlaps first, so a copy is
 * always what the disk holds, whichever file or request wrote it. */
#include <string.h>

#include "server.h"

static bool overlaps(const struct page_copy *p, uint64_t lba, uint64_t count)
{
	return p->lba < lba + count && lba < p->lba + DISK_PAGE_SECTORS;
}

/* The first entry of the set of ways that may hold the page at lba. */
static unsigned set_of(uint64_t lba)
{
	return (unsigned)(lba / DISK_PAGE_SECTORS % (DISK_PAGE_CACHE / DISK_PAGE_WAYS)) *
	       DISK_PAGE_WAYS;
}

bool pcache_get(uint64_t lba, void *page)
{
	for (unsigned i = set_of(lba); i < set_of(lba) + DISK_PAGE_WAYS; i++) {
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

/* A victim in the set from first by the clock: a free way, or the first not read since
 * the set's hand last passed it. */
static unsigned victim(unsigned first)
{
	for (unsigned i = first; i < first + DISK_PAGE_WAYS; i++)
		if (!disk.pcache.pages[i].valid)
			return i;
	uint8_t *hand = &disk.pcache.hands[first / DISK_PAGE_WAYS];
	for (;;) {
		unsigned i = first + *hand;
		*hand = (uint8_t)((*hand + 1) % DISK_PAGE_WAYS);
		if (!disk.pcache.pages[i].used)
			return i;
		disk.pcache.pages[i].used = false;
	}
}

void pcache_put(uint64_t lba, const void *page)
{
	unsigned i = victim(set_of(lba));
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
