/* Function-name lookup over the kernel ELF's .symtab, reached through the direct map. */
#include "symbols.h"

#include "bootinfo.h"
#include "elf64.h"
#include "memlayout.h"

static const struct elf64_sym *symtab;
static uint64_t sym_count;
static const char *strtab;
static uint64_t strtab_size;

void symbols_init(const struct boot_info *bi)
{
	if (!bi->kernel_file_phys || bi->kernel_file_size < sizeof(struct elf64_ehdr))
		return;
	const uint8_t *file = phys_to_virt(bi->kernel_file_phys);
	uint64_t size = bi->kernel_file_size;
	const struct elf64_ehdr *eh = (const void *)file;
	if (eh->shentsize != sizeof(struct elf64_shdr) || eh->shoff > size ||
	    eh->shnum > (size - eh->shoff) / sizeof(struct elf64_shdr))
		return;
	const struct elf64_shdr *sh = (const void *)(file + eh->shoff);
	for (unsigned i = 0; i < eh->shnum; i++) {
		if (sh[i].type != SHT_SYMTAB || sh[i].link >= eh->shnum)
			continue;
		const struct elf64_shdr *str = &sh[sh[i].link];
		if (sh[i].offset > size || sh[i].size > size - sh[i].offset || str->offset > size ||
		    str->size > size - str->offset)
			return;
		symtab = (const void *)(file + sh[i].offset);
		sym_count = sh[i].size / sizeof(struct elf64_sym);
		strtab = (const char *)(file + str->offset);
		strtab_size = str->size;
		return;
	}
}

bool symbols_lookup(uint64_t addr, const char **name, uint64_t *offset)
{
	for (uint64_t i = 0; i < sym_count; i++) {
		const struct elf64_sym *s = &symtab[i];
		if ((s->info & 0xf) != STT_FUNC || s->name >= strtab_size)
			continue;
		if (addr >= s->value && addr - s->value < (s->size ? s->size : 1)) {
			*name = strtab + s->name;
			*offset = addr - s->value;
			return true;
		}
	}
	return false;
}
