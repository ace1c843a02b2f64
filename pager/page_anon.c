/* Anonymous pages: BSS, heap, stack, and loaded writable segment pages. The first touch
 * gets a zero-filled frame; afterwards the frame is the only copy of the contents. */
#include "pager.h"

static int anon_fault_in(struct page *pg, const char **outcome)
{
	struct frame *f = frame_alloc(true);
	if (!f)
		return -1;
	frame_attach(f, pg);
	*outcome = "zero-fill";
	return 0;
}

static void anon_fork(const struct page *parent, struct page *child)
{
	(void)parent, (void)child;
}

static void anon_destroy(struct page *pg)
{
	(void)pg;
}

const struct page_ops page_anon_ops = { "anon", anon_fault_in, anon_fork, anon_destroy };
