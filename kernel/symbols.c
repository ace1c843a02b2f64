/* Function-name lookup over the kernel ELF's .symtab, reached through the direct map. */
#include "symbols.h"

#include "bootinfo.h"
#include "elf64.h"
#include "elf_symbols.h"
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
	if (!elf_shdrs_inside(eh, size))
		return;
	const struct elf64_shdr *sh = (const void *)(file + eh->shoff);
	int i = elf_symtab_index(sh, eh->shnum, size);
	if (i < 0)
		return;
	symtab = (const void *)(file + sh[i].offset);
	sym_count = sh[i].size / sizeof(struct elf64_sym);
	strtab = (const char *)(file + sh[sh[i].link].offset);
	strtab_size = sh[sh[i].link].size;
}

bool symbols_lookup(uint64_t addr, const char **name, uint64_t *offset)
{
	return elf_symbol_at(symtab, sym_count, strtab, strtab_size, addr, name, offset);
}
