/* Building address spaces and starting threads in them (space.h). */
#include "space.h"

#include "objects.h"
#include "ops.h"
#include "slots.h"
#include "uthread.h"

void space_self(struct space *sp)
{
	*sp = (struct space){ .vspace = SLOT_VSPACE, .captable = SLOT_CAPTABLE, .own = true };
}

int64_t space_create(struct space *sp, uint32_t slots)
{
	*sp = (struct space){ 0 };
	int64_t err = obj_new(OBJ_VSPACE, 0, &sp->vspace);
	if (!err)
		err = obj_new(OBJ_CAPTABLE, slots, &sp->captable);
	return err;
}

int64_t space_give(const struct space *sp, uint64_t src, uint64_t dst, uint32_t rights,
		   uint64_t badge)
{
	return captable_copy_in(sp->captable, src, dst, rights, badge);
}

/* Maps a fresh frame at addr in sp with rights. */
static int64_t map_new_frame(const struct space *sp, uint64_t addr, uint32_t rights, uint64_t *frame)
{
	int64_t err = obj_new(OBJ_FRAME, 0, frame);
	if (!err)
		err = vspace_map(sp->vspace, *frame, addr, rights);
	return err;
}

/* The thread's IPC buffer at the area base and its stack at the area top. */
static int64_t map_thread_area(const struct space *sp, unsigned area, uint64_t *ipc_frame)
{
	uint64_t base = thread_area_base(area), top = base + THREAD_AREA_SIZE, frame;
	int64_t err = map_new_frame(sp, base, RIGHT_READ | RIGHT_WRITE, ipc_frame);
	for (uint64_t i = 1; !err && i <= THREAD_STACK_PAGES; i++)
		err = map_new_frame(sp, top - i * PAGE_SIZE, RIGHT_READ | RIGHT_WRITE, &frame);
	return err;
}

int64_t thread_start(struct space *sp, uint64_t entry, const struct thread_spec *spec,
		     struct uthread *t)
{
	uint64_t ipc_frame, self;
	if (sp->areas >= THREAD_AREAS)
		return ERR_BUSY;
	t->area = sp->areas++;
	uint64_t base = thread_area_base(t->area);
	int64_t err = obj_new(OBJ_THREAD, 0, &t->thread);
	if (!err)
		err = map_thread_area(sp, t->area, &ipc_frame);
	if (!err)
		err = thread_configure(t->thread, sp->vspace, sp->captable, ipc_frame, base);
	self = sp->own ? t->thread : CSLOT_SELF + t->area;
	if (!err && !sp->own && !spec->no_self)
		err = space_give(sp, t->thread, self, RIGHTS_ALL, 0);
	if (!err)
		err = thread_set_priority(t->thread, spec->priority);
	if (!err && spec->fault_ep)
		err = thread_set_fault(t->thread, spec->fault_ep);
	if (!err)
		err = thread_write_regs(t->thread, entry, base + THREAD_AREA_SIZE,
					START_WORD(spec->role, self), spec->arg);
	if (!err && spec->run)
		err = thread_resume(t->thread);
	return err;
}
