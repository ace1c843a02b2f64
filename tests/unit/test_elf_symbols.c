/* Host unit tests of symbol lookup (lib/elf_symbols.c), which the kernel's backtraces
 * and the pager's crash reports use on tables they must not trust. */
#include <string.h>

#include "check.h"
#include "elf_symbols.h"

#define STT_OBJECT 1
#define FILE_SIZE 4096

static const char strtab[] = "\0main\0table\0helper\0tiny";
enum { MAIN = 1, TABLE = 6, HELPER = 12, TINY = 19 };

static const struct elf64_sym syms[] = {
	{ 0, 0, 0, 0, 0, 0 }, /* the null symbol */
	{ MAIN, STT_FUNC, 0, 1, 0x401000, 0x40 },
	{ TABLE, STT_OBJECT, 0, 2, 0x404000, 0x100 },
	{ HELPER, STT_FUNC, 0, 1, 0x404080, 0x10 }, /* overlaps table: a function wins */
	{ TINY, STT_FUNC, 0, 1, 0x402000, 0 },      /* size 0: its first byte only */
	{ TINY, STT_FUNC, 0, 0, 0x403000, 0x10 },   /* undefined (section 0): never */
};

static bool at(uint64_t addr, const char *want, uint64_t want_offset)
{
	const char *name;
	uint64_t offset;
	if (!elf_symbol_at(syms, sizeof syms / sizeof syms[0], strtab, sizeof strtab, addr,
			   &name, &offset))
		return want == NULL;
	return want && !strcmp(name, want) && offset == want_offset;
}

static void test_lookup(void)
{
	check_case("lookup");
	CHECK(at(0x401000, "main", 0));
	CHECK(at(0x40103f, "main", 0x3f));
	CHECK(at(0x401040, NULL, 0));
	CHECK(at(0x404010, "table", 0x10));
	CHECK(at(0x404084, "helper", 4));
	CHECK(at(0x402000, "tiny", 0));
	CHECK(at(0x402001, NULL, 0));
	CHECK(at(0x403004, NULL, 0));
	CHECK(at(0, NULL, 0));
}

static void test_bad_names(void)
{
	check_case("bad-names");
	const struct elf64_sym bad[] = {
		{ 4000, STT_FUNC, 0, 1, 0x401000, 0x10 }, /* name past the table */
		{ 21, STT_FUNC, 0, 1, 0x402000, 0x10 },   /* "tiny" without its NUL (cut) */
	};
	const char *name;
	uint64_t offset;
	CHECK(!elf_symbol_at(bad, 2, strtab, sizeof strtab, 0x401000, &name, &offset));
	CHECK(!elf_symbol_at(bad, 2, strtab, sizeof strtab - 1, 0x402000, &name, &offset));
	CHECK(!elf_symbol_at(NULL, 0, NULL, 0, 0x401000, &name, &offset));
}

static void test_section_headers(void)
{
	check_case("section-headers");
	struct elf64_ehdr eh = { .shentsize = sizeof(struct elf64_shdr), .shoff = 1024, .shnum = 4 };
	CHECK(elf_shdrs_inside(&eh, FILE_SIZE));
	eh.shnum = 0xffff;
	CHECK(!elf_shdrs_inside(&eh, FILE_SIZE));
	eh.shnum = 4, eh.shoff = ~0ull - 8;
	CHECK(!elf_shdrs_inside(&eh, FILE_SIZE));
	eh.shoff = 1024, eh.shentsize = 0;
	CHECK(!elf_shdrs_inside(&eh, FILE_SIZE));

	struct elf64_shdr sh[3] = { { 0 } };
	sh[1] = (struct elf64_shdr){ .type = SHT_SYMTAB, .offset = 100, .size = 48, .link = 2 };
	sh[2] = (struct elf64_shdr){ .type = 3, .offset = 200, .size = 30 };
	CHECK(elf_symtab_index(sh, 3, FILE_SIZE) == 1);
	sh[1].link = 3; /* no such section */
	CHECK(elf_symtab_index(sh, 3, FILE_SIZE) == -1);
	sh[1].link = 2, sh[1].size = ~0ull; /* overflows */
	CHECK(elf_symtab_index(sh, 3, FILE_SIZE) == -1);
	sh[1].size = 48, sh[2].offset = FILE_SIZE - 10; /* the strings run past the end */
	CHECK(elf_symtab_index(sh, 3, FILE_SIZE) == -1);
	CHECK(elf_symtab_index(sh, 0, FILE_SIZE) == -1);
}

int main(void)
{
	test_lookup();
	test_bad_names();
	test_section_headers();
	return check_exit("elf-symbols");
}
