/* Names for addresses from an ELF64 symbol table (.symtab and the string table its
 * sh_link names). Pure C: the kernel (its own backtraces), the pager (crash reports of
 * programs) and host unit tests build it. */
#ifndef LIB_ELF_SYMBOLS_H
#define LIB_ELF_SYMBOLS_H

#include <stdbool.h>
#include <stdint.h>

#include "elf64.h"

/* Whether eh's section header table has entries of struct elf64_shdr's size and lies
 * inside a file of size bytes. */
bool elf_shdrs_inside(const struct elf64_ehdr *eh, uint64_t size);

/* The index of the first SHT_SYMTAB section among the shnum headers sh whose symbols
 * and string table both lie inside a file of size bytes; -1 if there is none. */
int elf_symtab_index(const struct elf64_shdr *sh, unsigned shnum, uint64_t size);

/* The symbol covering addr among count symbols (names in strtab, strsize bytes): a
 * function (STT_FUNC) if one does, else a data object (STT_OBJECT); a symbol of size 0
 * covers its first byte only. Sets *name (NUL-terminated inside strtab) and *offset
 * (addr - its value) and returns true; false if none covers addr. */
bool elf_symbol_at(const struct elf64_sym *syms, uint64_t count, const char *strtab,
		   uint64_t strsize, uint64_t addr, const char **name, uint64_t *offset);

#endif
