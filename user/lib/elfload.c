/* Loading a boot module's ELF image into an address space (space_load_elf in space.h).
 * The image was checked by elf_check_user first, so every segment lies inside the file
 * and inside user space. */
#include "elf_check.h"
#include "objects.h"
#include "ops.h"
#include "space.h"
#include "uthread.h"

static uint64_t page_down(uint64_t a) { return a & ~(PAGE_SIZE - 1); }
static uint64_t min_u64(uint64_t a, uint64_t b) { return a < b ? a : b; }
static uint64_t max_u64(uint64_t a, uint64_t b) { return a > b ? a : b; }

static uint32_t segment_rights(const struct elf64_phdr *ph)
{
	return RIGHT_READ | (ph->flags & PF_W ? RIGHT_WRITE : 0) | (ph->flags & PF_X ? RIGHT_EXEC : 0);
}

/* The module frame holding the file bytes of page va of a read-only segment, if the
 * page can simply share it: file offsets congruent to addresses, and no byte of the page
 * inside the segment beyond its file bytes. 0 otherwise. */
static uint64_t shared_frame(const struct root_module *m, const struct elf64_phdr *ph, uint64_t va)
{
	uint64_t file_end = ph->vaddr + ph->filesz, mem_end = ph->vaddr + ph->memsz;
	if ((ph->flags & PF_W) || (ph->vaddr - ph->offset) % PAGE_SIZE)
		return 0;
	if (min_u64(va + PAGE_SIZE, mem_end) > file_end)
		return 0;
	uint64_t page = (ph->offset - (ph->vaddr - va)) / PAGE_SIZE;
	return page < m->frames ? m->first_slot + page : 0;
}

/* A fresh frame with the segment's bytes of page va (zeros elsewhere), mapped. */
static int64_t copy_page(struct space *sp, const struct root_module *m, const struct elf64_phdr *ph,
			 uint64_t va)
{
	uint64_t frame, from = max_u64(va, ph->vaddr), to = min_u64(va + PAGE_SIZE, ph->vaddr + ph->filesz);
	int64_t err = obj_new(OBJ_FRAME, 0, &frame);
	if (!err) {
		const char *image = (const char *)m->addr;
		size_t n = to > from ? to - from : 0;
		err = frame_fill(frame, image + ph->offset + (from - ph->vaddr), n, from - va);
	}
	if (!err)
		err = vspace_map(sp->vspace, frame, va, segment_rights(ph));
	return err;
}

static int64_t load_segment(struct space *sp, const struct root_module *m, const struct elf64_phdr *ph)
{
	int64_t err = 0;
	for (uint64_t va = page_down(ph->vaddr); !err && va < ph->vaddr + ph->memsz; va += PAGE_SIZE) {
		uint64_t frame = shared_frame(m, ph, va);
		err = frame ? vspace_map(sp->vspace, frame, va, segment_rights(ph)) : copy_page(sp, m, ph, va);
	}
	return err;
}

int64_t space_load_elf(struct space *sp, const struct root_module *m, uint64_t *entry)
{
	const void *image = (const void *)m->addr;
	struct elf_check c = elf_check_user(image, m->size);
	struct elf64_ehdr eh;
	struct elf64_phdr ph;
	int64_t err = 0;

	if (c.err != ELF_OK)
		return ERR_INVALID_ARG;
	__builtin_memcpy(&eh, image, sizeof eh);
	for (unsigned i = 0; !err && i < eh.phnum; i++) {
		elf_phdr(image, i, &ph);
		if (ph.type == PT_LOAD && ph.memsz)
			err = load_segment(sp, m, &ph);
	}
	*entry = eh.entry;
	return err;
}
