/* Validation of the kernel and boot-module ELF images (see elf_check.h). Every field
 * is checked before it is used, with overflow-safe arithmetic: the images come from a
 * disk anyone can edit. */
#include "elf_check.h"

#include "bootinfo.h"
#include "fmt.h"

enum elf_kind { KIND_KERNEL, KIND_USER };

static struct elf_check verdict(enum elf_err err, unsigned seg, unsigned seg2,
				unsigned long long a, unsigned long long b)
{
	struct elf_check c = { err, seg, seg2, a, b };
	return c;
}

static const struct elf_check ok = { ELF_OK, 0, 0, 0, 0 };

/* a + b, or UINT64_MAX when that overflows (reported ends stay meaningful). */
static uint64_t add_sat(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

void elf_phdr(const void *file, unsigned i, struct elf64_phdr *ph)
{
	struct elf64_ehdr eh;

	__builtin_memcpy(&eh, file, sizeof eh);
	__builtin_memcpy(ph, (const char *)file + eh.phoff + (uint64_t)i * sizeof *ph,
			 sizeof *ph);
}

static struct elf_check check_header(const void *file, uint64_t size, struct elf64_ehdr *eh)
{
	uint32_t magic;
	uint64_t table;

	if (size < sizeof *eh)
		return verdict(ELF_ERR_SHORT, 0, 0, size, 0);
	__builtin_memcpy(eh, file, sizeof *eh);
	__builtin_memcpy(&magic, eh->ident, sizeof magic);
	if (magic != ELF_MAGIC)
		return verdict(ELF_ERR_MAGIC, 0, 0, 0, 0);
	if (eh->ident[4] != ELFCLASS64 || eh->ident[5] != ELFDATA2LSB)
		return verdict(ELF_ERR_CLASS, 0, 0, 0, 0);
	if (eh->machine != EM_X86_64)
		return verdict(ELF_ERR_MACHINE, 0, 0, eh->machine, 0);
	if (eh->type != ET_EXEC)
		return verdict(ELF_ERR_TYPE, 0, 0, eh->type, 0);
	if (eh->phentsize != sizeof(struct elf64_phdr))
		return verdict(ELF_ERR_PHENTSIZE, 0, 0, eh->phentsize, 0);
	table = add_sat(eh->phoff, (uint64_t)eh->phnum * sizeof(struct elf64_phdr));
	if (table > size)
		return verdict(ELF_ERR_PHDRS, 0, 0, table, size);
	return ok;
}

/* Checks the address range of PT_LOAD i for the kind of image. */
static struct elf_check check_range(enum elf_kind kind, unsigned i, const struct elf64_phdr *ph)
{
	uint64_t end;

	if (kind == KIND_KERNEL) {
		if (ph->vaddr != ph->paddr + KERNEL_VBASE)
			return verdict(ELF_ERR_VADDR, i, 0, ph->vaddr, ph->paddr);
		end = add_sat(ph->paddr, ph->memsz);
		if (end == UINT64_MAX || end > ELF_KERNEL_PHYS_LIMIT)
			return verdict(ELF_ERR_OUTSIDE_MEM, i, 0, ph->paddr, ph->memsz);
		return ok;
	}
	end = add_sat(ph->vaddr, ph->memsz);
	if (ph->vaddr < ELF_USER_MIN || end == UINT64_MAX || end > KERN_BASE)
		return verdict(ELF_ERR_OUTSIDE_USER, i, 0, ph->vaddr, ph->memsz);
	return ok;
}

static struct elf_check check_segment(enum elf_kind kind, unsigned i,
				      const struct elf64_phdr *ph, uint64_t size)
{
	uint64_t end;

	if (ph->filesz > ph->memsz)
		return verdict(ELF_ERR_FILESZ, i, 0, ph->filesz, ph->memsz);
	end = add_sat(ph->offset, ph->filesz);
	if (end > size)
		return verdict(ELF_ERR_TRUNCATED, i, 0, end, size);
	return check_range(kind, i, ph);
}

/* Whether two checked PT_LOADs share a page of virtual addresses. */
static int overlap(const struct elf64_phdr *p, const struct elf64_phdr *q)
{
	uint64_t mask = ELF_PAGE_SIZE - 1;
	uint64_t p_start = p->vaddr & ~mask, p_end = (p->vaddr + p->memsz + mask) & ~mask;
	uint64_t q_start = q->vaddr & ~mask, q_end = (q->vaddr + q->memsz + mask) & ~mask;

	if (p->memsz == 0 || q->memsz == 0)
		return 0;
	return p_start < q_end && q_start < p_end;
}

static struct elf_check check_overlaps(const void *file, unsigned phnum)
{
	struct elf64_phdr p, q;

	for (unsigned i = 0; i < phnum; i++) {
		elf_phdr(file, i, &p);
		if (p.type != PT_LOAD)
			continue;
		for (unsigned j = i + 1; j < phnum; j++) {
			elf_phdr(file, j, &q);
			if (q.type == PT_LOAD && overlap(&p, &q))
				return verdict(ELF_ERR_OVERLAP, i, j, 0, 0);
		}
	}
	return ok;
}

static int entry_is_code(const void *file, unsigned phnum, uint64_t entry)
{
	struct elf64_phdr ph;

	for (unsigned i = 0; i < phnum; i++) {
		elf_phdr(file, i, &ph);
		if (ph.type == PT_LOAD && (ph.flags & PF_X) && entry >= ph.vaddr &&
		    entry - ph.vaddr < ph.memsz)
			return 1;
	}
	return 0;
}

static struct elf_check check(enum elf_kind kind, const void *file, uint64_t size)
{
	struct elf64_ehdr eh;
	struct elf64_phdr ph;
	struct elf_check c = check_header(file, size, &eh);
	unsigned loads = 0;

	for (unsigned i = 0; c.err == ELF_OK && i < eh.phnum; i++) {
		elf_phdr(file, i, &ph);
		if (ph.type != PT_LOAD)
			continue;
		loads++;
		c = check_segment(kind, i, &ph, size);
	}
	if (c.err != ELF_OK)
		return c;
	if (loads == 0)
		return verdict(ELF_ERR_NO_LOAD, 0, 0, 0, 0);
	c = check_overlaps(file, eh.phnum);
	if (c.err == ELF_OK && !entry_is_code(file, eh.phnum, eh.entry))
		return verdict(ELF_ERR_ENTRY, 0, 0, eh.entry, 0);
	return c;
}

struct elf_check elf_check_kernel(const void *file, uint64_t size)
{
	return check(KIND_KERNEL, file, size);
}

struct elf_check elf_check_user(const void *file, uint64_t size)
{
	return check(KIND_USER, file, size);
}

size_t elf_describe(const struct elf_check *c, char *buf, size_t size)
{
	switch (c->err) {
	case ELF_OK:
		return fmt_snprintf(buf, size, "valid ELF image");
	case ELF_ERR_SHORT:
		return fmt_snprintf(buf, size, "not an ELF file (only %llu bytes)", c->a);
	case ELF_ERR_MAGIC:
		return fmt_snprintf(buf, size, "not an ELF file (bad magic)");
	case ELF_ERR_CLASS:
		return fmt_snprintf(buf, size, "not a 64-bit little-endian ELF");
	case ELF_ERR_MACHINE:
		return fmt_snprintf(buf, size, "wrong machine (e_machine %llu, want x86-64)", c->a);
	case ELF_ERR_TYPE:
		return fmt_snprintf(buf, size, "not an executable (e_type %llu)", c->a);
	case ELF_ERR_PHENTSIZE:
		return fmt_snprintf(buf, size, "bad program header size (e_phentsize %llu, want 56)",
				  c->a);
	case ELF_ERR_PHDRS:
		return fmt_snprintf(buf, size,
				  "truncated (program headers end at %llu, file has %llu bytes)",
				  c->a, c->b);
	case ELF_ERR_NO_LOAD:
		return fmt_snprintf(buf, size, "no loadable segments");
	case ELF_ERR_FILESZ:
		return fmt_snprintf(buf, size, "segment %u file size %llu exceeds memory size %llu",
				  c->seg, c->a, c->b);
	case ELF_ERR_TRUNCATED:
		return fmt_snprintf(buf, size, "truncated (segment %u ends at %llu, file has %llu bytes)",
				  c->seg, c->a, c->b);
	case ELF_ERR_VADDR:
		return fmt_snprintf(buf, size,
				  "segment %u vaddr 0x%llx is not paddr 0x%llx + KERNEL_VBASE",
				  c->seg, c->a, c->b);
	case ELF_ERR_OUTSIDE_MEM:
		return fmt_snprintf(buf, size,
				  "segment %u outside memory (paddr 0x%llx size 0x%llx, limit 1 GiB)",
				  c->seg, c->a, c->b);
	case ELF_ERR_OUTSIDE_USER:
		return fmt_snprintf(buf, size, "segment %u outside user space (vaddr 0x%llx size 0x%llx)",
				  c->seg, c->a, c->b);
	case ELF_ERR_OVERLAP:
		return fmt_snprintf(buf, size, "segments %u and %u overlap", c->seg, c->seg2);
	case ELF_ERR_ENTRY:
		return fmt_snprintf(buf, size, "entry point 0x%llx not in an executable segment", c->a);
	}
	return fmt_snprintf(buf, size, "unknown ELF error %u", (unsigned)c->err);
}
