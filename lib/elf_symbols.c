/* Symbol lookup over an ELF64 symbol table (elf_symbols.h). */
#include "elf_symbols.h"

#include <stddef.h>

#define STT_OBJECT 1

/* Whether [offset, offset + bytes) lies inside a file of size bytes. */
static bool inside(uint64_t offset, uint64_t bytes, uint64_t size)
{
	return offset <= size && bytes <= size - offset;
}

bool elf_shdrs_inside(const struct elf64_ehdr *eh, uint64_t size)
{
	return eh->shentsize == sizeof(struct elf64_shdr) && eh->shoff <= size &&
	       eh->shnum <= (size - eh->shoff) / sizeof(struct elf64_shdr);
}

int elf_symtab_index(const struct elf64_shdr *sh, unsigned shnum, uint64_t size)
{
	for (unsigned i = 0; i < shnum; i++) {
		if (sh[i].type != SHT_SYMTAB || sh[i].link >= shnum)
			continue;
		const struct elf64_shdr *str = &sh[sh[i].link];
		if (inside(sh[i].offset, sh[i].size, size) && inside(str->offset, str->size, size))
			return (int)i;
	}
	return -1;
}

/* Whether the name at offset at of strtab ends inside it. */
static bool name_ok(const char *strtab, uint64_t strsize, uint64_t at)
{
	for (uint64_t i = at; i < strsize; i++)
		if (!strtab[i])
			return true;
	return false;
}

bool elf_symbol_at(const struct elf64_sym *syms, uint64_t count, const char *strtab,
		   uint64_t strsize, uint64_t addr, const char **name, uint64_t *offset)
{
	const struct elf64_sym *best = NULL;
	for (uint64_t i = 0; i < count; i++) {
		const struct elf64_sym *s = &syms[i];
		unsigned type = s->info & 0xf;
		if ((type != STT_FUNC && type != STT_OBJECT) || !s->shndx ||
		    addr < s->value || addr - s->value >= (s->size ? s->size : 1))
			continue;
		if (!best || (type == STT_FUNC && (best->info & 0xf) != STT_FUNC))
			best = s;
	}
	if (!best || !name_ok(strtab, strsize, best->name))
		return false;
	*name = strtab + best->name;
	*offset = addr - best->value;
	return true;
}
