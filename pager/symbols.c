/* Names of a program's addresses for crash reports, from the program's own ELF symbol
 * table: the section headers, .symtab and its string table are read from the
 * executable's file (through the disk server, a page at a time) when a report needs
 * them, and freed after it. A program without a symbol table gets bare addresses. */
#include <stdlib.h>
#include <string.h>

#include "elf_symbols.h"
#include "fmt.h"
#include "pager.h"

#define SYMBOLS_BYTES_MAX (1ull << 20) /* larger tables are not read */

/* Reads [offset, offset + n) of e's file into buf, through the scratch frame f;
 * false if the disk fails. */
static bool file_read(const struct exe *e, const struct frame *f, uint64_t offset, void *buf,
		      uint64_t n)
{
	for (char *to = buf; n;) {
		uint64_t skip = offset % PAGE, k = PAGE - skip < n ? PAGE - skip : n;
		if (disk_page_read(e->file_id, offset - skip, f) < 0)
			return false;
		memcpy(to, (const char *)frame_data(f) + skip, k);
		to += k, offset += k, n -= k;
	}
	return true;
}

/* Reads the symbol and string tables of e into s (through frame f); false if e has none
 * that is sound and small enough, or the disk fails. */
static bool read_tables(const struct exe *e, const struct frame *f, struct symbols *s)
{
	struct elf64_ehdr eh;
	if (e->size < sizeof eh || !file_read(e, f, 0, &eh, sizeof eh) ||
	    !elf_shdrs_inside(&eh, e->size))
		return false;
	uint64_t bytes = eh.shnum * sizeof(struct elf64_shdr);
	if (bytes > SYMBOLS_BYTES_MAX)
		return false;
	struct elf64_shdr *sh = malloc(bytes ? bytes : 1);
	bool ok = sh && file_read(e, f, eh.shoff, sh, bytes);
	int i = ok ? elf_symtab_index(sh, eh.shnum, e->size) : -1;
	if (i >= 0 && sh[i].size + sh[sh[i].link].size <= SYMBOLS_BYTES_MAX) {
		const struct elf64_shdr *str = &sh[sh[i].link];
		s->count = sh[i].size / sizeof(struct elf64_sym);
		s->strsize = str->size;
		s->syms = malloc(sh[i].size ? sh[i].size : 1);
		s->strtab = malloc(str->size ? str->size : 1);
		ok = s->syms && s->strtab && file_read(e, f, sh[i].offset, s->syms, sh[i].size) &&
		     file_read(e, f, str->offset, s->strtab, str->size);
	} else {
		ok = false;
	}
	free(sh);
	return ok;
}

void symbols_load(const struct exe *e, struct symbols *s)
{
	*s = (struct symbols){ NULL, 0, NULL, 0 };
	struct frame *f = e ? frame_alloc(false) : NULL;
	if (!f)
		return;
	if (!read_tables(e, f, s)) /* allocates no frame: f stays this call's */
		symbols_free(s);
	frame_discard(f);
}

void symbols_free(struct symbols *s)
{
	free(s->syms);
	free(s->strtab);
	*s = (struct symbols){ NULL, 0, NULL, 0 };
}

bool symbols_name(const struct symbols *s, uint64_t addr, char *out, size_t size)
{
	const char *name;
	uint64_t offset;
	if (!elf_symbol_at(s->syms, s->count, s->strtab, s->strsize, addr, &name, &offset)) {
		fmt_snprintf(out, size, "0x%lx", addr);
		return false;
	}
	fmt_snprintf(out, size, "%s+0x%lx", name, offset);
	return true;
}
