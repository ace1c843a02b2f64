/* Device registers and DMA pages mapped into the driver's window (window.h). */
#include "window.h"

#include "errors.h"
#include "objects.h"
#include "ops.h"
#include "uthread.h"

void window_init(struct window *w, uint64_t vspace, uint64_t devmem, uint64_t base,
		 uint64_t size)
{
	w->vspace = vspace;
	w->devmem = devmem;
	w->next = base;
	w->end = base + size;
}

/* Maps frame at the next free page; *va = its address. */
static int64_t map_next(struct window *w, uint64_t frame, uint64_t *va)
{
	if (w->next >= w->end)
		return VIRTIO_ERR_WINDOW_FULL;
	int64_t err = vspace_map(w->vspace, frame, w->next, RIGHT_READ | RIGHT_WRITE);
	if (err)
		return err;
	*va = w->next;
	w->next += PAGE_SIZE;
	return 0;
}

int64_t window_map_device(struct window *w, uint64_t phys, uint64_t len, volatile void **va)
{
	uint64_t first = phys & ~(PAGE_SIZE - 1), start = 0;
	for (uint64_t page = first; page < phys + len; page += PAGE_SIZE) {
		uint64_t frame = slot_alloc(), at;
		if (!frame)
			return ERR_SLOT_FULL;
		int64_t err = devmem_frame(w->devmem, page, frame);
		if (!err)
			err = map_next(w, frame, &at);
		if (err)
			return err;
		if (page == first)
			start = at;
	}
	*va = (volatile void *)(start + (phys - first));
	return 0;
}

int64_t window_map_dma(struct window *w, void **va, uint64_t *phys)
{
	uint64_t frame, device, at;
	int64_t err = obj_new(OBJ_FRAME, 0, &frame);
	if (!err)
		err = frame_info(frame, phys, &device);
	if (!err)
		err = map_next(w, frame, &at);
	if (err)
		return err;
	*va = (void *)at;
	return 0;
}
