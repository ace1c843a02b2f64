/* The invariant checker, run after every request (boot option nocheck turns it off, for
 * benchmarks): for each frame the request touched (every frame after an exit),
 *   refs == the number of pages in its reverse map, each of which holds it, and
 *   a page mapped writable holds a frame nobody else holds (copy-on-write is intact)
 *   and no swap slot holds a copy of it (the copy would go stale unseen);
 * after an exit also: the pages holding frames, over all SPTs, are as many as all refs,
 * every swap slot is held by exactly the pages that say so, and every page record lies
 * in an area of its process.
 * A violation is a pager bug: it stops the system with a report. */
#include <stdlib.h>
#include <string.h>

#include "pager.h"

#define TOUCHED_MAX 64

bool check_on = true;
static uint64_t touched[TOUCHED_MAX], ntouched;
static bool overflow; /* too many frames touched, or a process ended: check them all */

void check_all_next(void)
{
	overflow = true;
}

void check_touch(const struct frame *f)
{
	if (!check_on)
		return;
	if (ntouched < TOUCHED_MAX)
		touched[ntouched++] = frame_index(f);
	else
		overflow = true;
}

static void check_frame(const struct frame *f)
{
	uint32_t holders = 0;
	for (const struct page *pg = f->rmap; pg; pg = pg->rmap_next)
		holders++;
	if (holders != f->refs)
		pager_panic("frame %lu: refcount %u but %u pages hold it", frame_index(f), f->refs,
			    holders);
	for (const struct page *pg = f->rmap; pg; pg = pg->rmap_next) {
		if (pg->frame != f)
			pager_panic("frame %lu: reverse map lists page 0x%lx of pid %d, which holds "
				    "another frame", frame_index(f), pg->addr, pg->proc->pid);
		if (pg->mapped_writable && f->refs != 1)
			pager_panic("frame %lu: mapped writable at 0x%lx in pid %d with %u holders",
				    frame_index(f), pg->addr, pg->proc->pid, f->refs);
		if (pg->mapped_writable && pg->slot >= 0)
			pager_panic("frame %lu: mapped writable at 0x%lx in pid %d while swap slot "
				    "%ld holds a copy", frame_index(f), pg->addr, pg->proc->pid, pg->slot);
	}
}

/* Counts pg if it holds a frame (arg: the count); pg must lie in one of its areas. */
static void count_resident(struct page *pg, void *arg)
{
	if (pg->frame)
		++*(uint64_t *)arg;
	if (!area_find(pg->proc, pg->addr))
		pager_panic("page 0x%lx of pid %d has a record but lies in none of its areas",
			    pg->addr, pg->proc->pid);
}

/* Counts, per swap slot, the pages holding it (arg: the counts); a page mirrored by its
 * frame must hold the frame's slot. */
static void count_slots(struct page *pg, void *arg)
{
	if (pg->slot >= 0)
		((uint32_t *)arg)[pg->slot]++;
	if (pg->frame && pg->frame->swap >= 0 && pg->frame->swap != pg->slot)
		pager_panic("page 0x%lx of pid %d holds a frame mirroring swap slot %ld but holds "
			    "slot %ld", pg->addr, pg->proc->pid, pg->frame->swap, pg->slot);
}

/* Every swap slot is held exactly by the pages that say they hold it. */
static void check_slots(void)
{
	uint32_t *counts = calloc(swap_slots() ? swap_slots() : 1, sizeof *counts);
	if (!counts)
		return;
	for (unsigned i = 0; i < PROC_MAX; i++)
		spt_each(&proc_at(i)->spt, count_slots, counts);
	for (uint64_t s = 0; s < swap_slots(); s++)
		if (counts[s] != swap_refs((int64_t)s))
			pager_panic("swap slot %lu: %u holders recorded, %u pages hold it", s,
				    swap_refs((int64_t)s), counts[s]);
	free(counts);
}

void check_invariants(void)
{
	if (!check_on)
		return;
	if (overflow) {
		uint64_t refs = 0, resident = 0;
		for (uint64_t i = 0; i < frame_count(); i++) {
			check_frame(frame_at(i));
			refs += frame_at(i)->refs;
		}
		for (unsigned i = 0; i < PROC_MAX; i++)
			spt_each(&proc_at(i)->spt, count_resident, &resident);
		if (refs != resident)
			pager_panic("frames have %lu holders in all, but %lu pages are resident", refs,
				    resident);
		check_slots();
	} else {
		for (uint64_t i = 0; i < ntouched; i++)
			check_frame(frame_at(touched[i]));
	}
	ntouched = 0;
	overflow = false;
}

/* The checker's own test (boot option check-selftest=refs|cow): breaks one invariant on
 * purpose, once a frame that shows it exists, so the next check must stop the system.
 * refs: a frame gains a reference no page holds; cow: a page of a shared frame is
 * marked as mapped writable. Returns true once it has broken something. */
bool check_selftest(const char *kind)
{
	for (uint64_t i = 0; i < frame_count(); i++) {
		struct frame *f = frame_at(i);
		if (!strcmp(kind, "refs") && f->refs >= 1) {
			f->refs++;
		} else if (!strcmp(kind, "cow") && f->refs >= 2) {
			f->rmap->mapped_writable = true;
		} else {
			continue;
		}
		check_touch(f);
		return true;
	}
	return false;
}
