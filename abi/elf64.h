/* The ELF64 structures the loader, the kernel (symbols) and the pager (executables) read.
 * Layouts from the System V ABI; only the fields this project uses are named. */
#ifndef ABI_ELF64_H
#define ABI_ELF64_H

#include <stdint.h>

#define ELF_MAGIC 0x464c457fu /* "\x7fELF" read little-endian */
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define ET_EXEC 2
#define EM_X86_64 62
#define PT_LOAD 1
#define PF_X 1
#define PF_W 2
#define PF_R 4
#define SHT_SYMTAB 2
#define STT_FUNC 2

struct elf64_ehdr {
	uint8_t ident[16];
	uint16_t type;
	uint16_t machine;
	uint32_t version;
	uint64_t entry;
	uint64_t phoff;
	uint64_t shoff;
	uint32_t flags;
	uint16_t ehsize;
	uint16_t phentsize;
	uint16_t phnum;
	uint16_t shentsize;
	uint16_t shnum;
	uint16_t shstrndx;
};
_Static_assert(sizeof(struct elf64_ehdr) == 64, "elf64_ehdr layout");

struct elf64_phdr {
	uint32_t type;
	uint32_t flags;
	uint64_t offset;
	uint64_t vaddr;
	uint64_t paddr;
	uint64_t filesz;
	uint64_t memsz;
	uint64_t align;
};
_Static_assert(sizeof(struct elf64_phdr) == 56, "elf64_phdr layout");

struct elf64_shdr {
	uint32_t name;
	uint32_t type;
	uint64_t flags;
	uint64_t addr;
	uint64_t offset;
	uint64_t size;
	uint32_t link;
	uint32_t info;
	uint64_t addralign;
	uint64_t entsize;
};
_Static_assert(sizeof(struct elf64_shdr) == 64, "elf64_shdr layout");

struct elf64_sym {
	uint32_t name;
	uint8_t info; /* type in the low 4 bits */
	uint8_t other;
	uint16_t shndx;
	uint64_t value;
	uint64_t size;
};
_Static_assert(sizeof(struct elf64_sym) == 24, "elf64_sym layout");

#endif
