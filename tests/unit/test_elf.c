/* Host unit tests for the loader's ELF checks (boot/elf_check.c): each accepted and
 * rejected kind of kernel and user image, built in memory. Files named on the
 * command line (--kernel PATH, --user PATH) are checked too, so the real kernel.elf
 * and init.elf must pass the loader. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootinfo.h"
#include "check.h"
#include "elf_check.h"

#define IMG_SIZE 0x4000
#define KPHYS 0x100000ull
#define UBASE 0x400000ull

/* An image under construction: header, up to 4 program headers, then bytes. */
struct img {
	union {
		uint8_t bytes[IMG_SIZE];
		struct {
			struct elf64_ehdr eh;
			struct elf64_phdr ph[4];
		} h;
	} u;
	uint64_t size;
};

static struct elf64_phdr *seg(struct img *im, unsigned i)
{
	return &im->u.h.ph[i];
}

static void set_seg(struct img *im, unsigned i, uint32_t flags, uint64_t off, uint64_t vaddr,
		    uint64_t paddr, uint64_t filesz, uint64_t memsz)
{
	struct elf64_phdr p = { PT_LOAD, flags, off, vaddr, paddr, filesz, memsz, 0x1000 };

	im->u.h.ph[i] = p;
}

static void header(struct img *im, unsigned phnum, uint64_t entry)
{
	struct elf64_ehdr *eh = &im->u.h.eh;

	memset(im, 0, sizeof *im);
	memcpy(eh->ident, "\177ELF", 4);
	eh->ident[4] = ELFCLASS64;
	eh->ident[5] = ELFDATA2LSB;
	eh->ident[6] = 1;
	eh->type = ET_EXEC;
	eh->machine = EM_X86_64;
	eh->version = 1;
	eh->entry = entry;
	eh->phoff = sizeof(struct elf64_ehdr);
	eh->ehsize = sizeof(struct elf64_ehdr);
	eh->phentsize = sizeof(struct elf64_phdr);
	eh->phnum = (uint16_t)phnum;
	im->size = IMG_SIZE;
}

/* A good kernel: code at 1 MiB, data + bss two pages above. */
static void kernel_img(struct img *im)
{
	header(im, 2, KERNEL_VBASE + KPHYS + 0x10);
	set_seg(im, 0, PF_R | PF_X, 0x1000, KERNEL_VBASE + KPHYS, KPHYS, 0x1000, 0x1000);
	set_seg(im, 1, PF_R | PF_W, 0x2000, KERNEL_VBASE + KPHYS + 0x2000, KPHYS + 0x2000, 0x800,
		0x5000);
}

/* A good user program at 0x400000: code, then data + bss. */
static void user_img(struct img *im)
{
	header(im, 2, UBASE + 0x20);
	set_seg(im, 0, PF_R | PF_X, 0x1000, UBASE, 0, 0x1000, 0x1000);
	set_seg(im, 1, PF_R | PF_W, 0x2000, UBASE + 0x1000, 0, 0x100, 0x3000);
}

static struct elf_check kcheck(struct img *im)
{
	return elf_check_kernel(im->u.bytes, im->size);
}

static struct elf_check ucheck(struct img *im)
{
	return elf_check_user(im->u.bytes, im->size);
}

static int describes(struct elf_check c, const char *want)
{
	char buf[200];

	elf_describe(&c, buf, sizeof buf);
	if (strcmp(buf, want) != 0) {
		fprintf(stderr, "  got  \"%s\"\n  want \"%s\"\n", buf, want);
		return 0;
	}
	return 1;
}

static void test_header(void)
{
	struct img im;

	check_case("kernel-valid");
	kernel_img(&im);
	CHECK(kcheck(&im).err == ELF_OK);

	check_case("short-file");
	kernel_img(&im);
	im.size = 63;
	CHECK(kcheck(&im).err == ELF_ERR_SHORT);
	CHECK(describes(kcheck(&im), "not an ELF file (only 63 bytes)"));

	check_case("bad-magic");
	kernel_img(&im);
	im.u.h.eh.ident[1] = 'X';
	CHECK(describes(ucheck(&im), "not an ELF file (bad magic)"));

	check_case("elf32");
	kernel_img(&im);
	im.u.h.eh.ident[4] = 1;
	CHECK(describes(kcheck(&im), "not a 64-bit little-endian ELF"));

	check_case("big-endian");
	kernel_img(&im);
	im.u.h.eh.ident[5] = 2;
	CHECK(kcheck(&im).err == ELF_ERR_CLASS);

	check_case("wrong-machine");
	kernel_img(&im);
	im.u.h.eh.machine = 183;
	CHECK(describes(kcheck(&im), "wrong machine (e_machine 183, want x86-64)"));

	check_case("not-exec");
	kernel_img(&im);
	im.u.h.eh.type = 3;
	CHECK(describes(kcheck(&im), "not an executable (e_type 3)"));
}

static void test_phdrs(void)
{
	struct img im;

	check_case("phentsize");
	kernel_img(&im);
	im.u.h.eh.phentsize = 32;
	CHECK(describes(kcheck(&im), "bad program header size (e_phentsize 32, want 56)"));

	check_case("phdrs-past-end");
	kernel_img(&im);
	im.u.h.eh.phoff = IMG_SIZE - 100;
	CHECK(describes(kcheck(&im), "truncated (program headers end at 16396, file has 16384 bytes)"));

	check_case("phdrs-at-end");
	kernel_img(&im);
	memcpy(im.u.bytes + IMG_SIZE - 112, im.u.h.ph, 112);
	im.u.h.eh.phoff = IMG_SIZE - 112;
	CHECK(kcheck(&im).err == ELF_OK);

	check_case("phoff-overflow");
	kernel_img(&im);
	im.u.h.eh.phoff = UINT64_MAX - 8;
	CHECK(kcheck(&im).err == ELF_ERR_PHDRS);

	check_case("no-load");
	kernel_img(&im);
	seg(&im, 0)->type = 4;
	seg(&im, 1)->type = 4;
	CHECK(describes(kcheck(&im), "no loadable segments"));

	check_case("no-phdrs");
	kernel_img(&im);
	im.u.h.eh.phnum = 0;
	CHECK(kcheck(&im).err == ELF_ERR_NO_LOAD);
}

static void test_segments(void)
{
	struct img im;

	check_case("filesz-gt-memsz");
	kernel_img(&im);
	seg(&im, 1)->filesz = 0x5001;
	CHECK(describes(kcheck(&im), "segment 1 file size 20481 exceeds memory size 20480"));

	check_case("truncated");
	kernel_img(&im);
	im.size = 0x2400;
	CHECK(describes(kcheck(&im), "truncated (segment 1 ends at 10240, file has 9216 bytes)"));

	check_case("truncated-at-limit");
	kernel_img(&im);
	im.size = 0x2800;
	CHECK(kcheck(&im).err == ELF_OK);
	im.size = 0x27ff;
	CHECK(kcheck(&im).err == ELF_ERR_TRUNCATED);

	check_case("offset-overflow");
	user_img(&im);
	seg(&im, 0)->offset = UINT64_MAX - 0x10;
	CHECK(ucheck(&im).err == ELF_ERR_TRUNCATED);
	CHECK(ucheck(&im).seg == 0);

	check_case("memsz-zero-ignored");
	user_img(&im);
	im.u.h.eh.phnum = 3;
	set_seg(&im, 2, PF_R, 0x1000, UBASE, 0, 0, 0);
	CHECK(ucheck(&im).err == ELF_OK);

	check_case("non-load-ignored");
	kernel_img(&im);
	im.u.h.eh.phnum = 3;
	set_seg(&im, 2, PF_R, 0x1000, 5, 7, 0x10000000, 0x10000000);
	seg(&im, 2)->type = 4;
	CHECK(kcheck(&im).err == ELF_OK);
}

static void test_kernel_ranges(void)
{
	struct img im;

	check_case("kernel-vaddr-mismatch");
	kernel_img(&im);
	seg(&im, 1)->vaddr += 0x1000;
	CHECK(describes(kcheck(&im), "segment 1 vaddr 0xffffffff80103000 is not paddr 0x102000 + KERNEL_VBASE"));

	check_case("kernel-above-1g");
	kernel_img(&im);
	seg(&im, 1)->paddr = (1ull << 30) - 0x1000;
	seg(&im, 1)->vaddr = KERNEL_VBASE + seg(&im, 1)->paddr;
	CHECK(describes(kcheck(&im), "segment 1 outside memory (paddr 0x3ffff000 size 0x5000, limit 1 GiB)"));

	check_case("kernel-ends-at-1g");
	kernel_img(&im);
	seg(&im, 1)->paddr = (1ull << 30) - 0x5000;
	seg(&im, 1)->vaddr = KERNEL_VBASE + seg(&im, 1)->paddr;
	CHECK(kcheck(&im).err == ELF_OK);

	check_case("kernel-paddr-wraps");
	kernel_img(&im);
	seg(&im, 1)->paddr = UINT64_MAX - 0xfff;
	seg(&im, 1)->vaddr = KERNEL_VBASE + seg(&im, 1)->paddr;
	CHECK(kcheck(&im).err == ELF_ERR_OUTSIDE_MEM);

	check_case("kernel-overlap");
	kernel_img(&im);
	seg(&im, 1)->paddr = KPHYS + 0x800;
	seg(&im, 1)->vaddr = KERNEL_VBASE + KPHYS + 0x800;
	CHECK(describes(kcheck(&im), "segments 0 and 1 overlap"));

	check_case("kernel-share-page");
	kernel_img(&im);
	seg(&im, 0)->memsz = seg(&im, 0)->filesz = 0x800;
	seg(&im, 1)->paddr = KPHYS + 0xc00;
	seg(&im, 1)->vaddr = KERNEL_VBASE + KPHYS + 0xc00;
	CHECK(kcheck(&im).err == ELF_ERR_OVERLAP);

	check_case("kernel-adjacent-pages");
	kernel_img(&im);
	seg(&im, 1)->paddr = KPHYS + 0x1000;
	seg(&im, 1)->vaddr = KERNEL_VBASE + KPHYS + 0x1000;
	CHECK(kcheck(&im).err == ELF_OK);

	check_case("kernel-user-image");
	user_img(&im);
	CHECK(kcheck(&im).err == ELF_ERR_VADDR);
}

static void test_entry(void)
{
	struct img im;

	check_case("entry-outside");
	kernel_img(&im);
	im.u.h.eh.entry = KERNEL_VBASE + 0x1000;
	CHECK(describes(kcheck(&im), "entry point 0xffffffff80001000 not in an executable segment"));

	check_case("entry-in-data");
	kernel_img(&im);
	im.u.h.eh.entry = KERNEL_VBASE + KPHYS + 0x2000;
	CHECK(kcheck(&im).err == ELF_ERR_ENTRY);

	check_case("entry-end-of-code");
	user_img(&im);
	im.u.h.eh.entry = UBASE + 0x1000;
	CHECK(ucheck(&im).err == ELF_ERR_ENTRY);
	im.u.h.eh.entry = UBASE + 0xfff;
	CHECK(ucheck(&im).err == ELF_OK);
}

static void test_user_ranges(void)
{
	struct img im;

	check_case("user-valid");
	user_img(&im);
	CHECK(ucheck(&im).err == ELF_OK);

	check_case("user-page-zero");
	user_img(&im);
	seg(&im, 1)->vaddr = 0xfff;
	CHECK(describes(ucheck(&im), "segment 1 outside user space (vaddr 0xfff size 0x3000)"));

	check_case("user-lowest-page");
	user_img(&im);
	seg(&im, 1)->vaddr = ELF_USER_MIN;
	CHECK(ucheck(&im).err == ELF_OK);

	check_case("user-ends-at-kern-base");
	user_img(&im);
	seg(&im, 1)->vaddr = KERN_BASE - 0x3000;
	CHECK(ucheck(&im).err == ELF_OK);

	check_case("user-crosses-kern-base");
	user_img(&im);
	seg(&im, 1)->vaddr = KERN_BASE - 0x2fff;
	CHECK(ucheck(&im).err == ELF_ERR_OUTSIDE_USER);

	check_case("user-wraps");
	user_img(&im);
	seg(&im, 1)->vaddr = UINT64_MAX - 0xfff;
	CHECK(ucheck(&im).err == ELF_ERR_OUTSIDE_USER);

	check_case("user-kernel-image");
	kernel_img(&im);
	CHECK(ucheck(&im).err == ELF_ERR_OUTSIDE_USER);

	check_case("user-overlap");
	user_img(&im);
	seg(&im, 1)->vaddr = UBASE + 0xfff;
	CHECK(describes(ucheck(&im), "segments 0 and 1 overlap"));
}

/* Checks a real file built by the project: "--kernel PATH" or "--user PATH". */
static void check_file(const char *kind, const char *path)
{
	static uint8_t buf[16 << 20];
	FILE *f = fopen(path, "rb");
	size_t n;
	struct elf_check c;
	char why[200];

	check_case(path);
	CHECK(f != NULL);
	if (!f)
		return;
	n = fread(buf, 1, sizeof buf, f);
	CHECK(feof(f));
	fclose(f);
	c = strcmp(kind, "--kernel") == 0 ? elf_check_kernel(buf, n) : elf_check_user(buf, n);
	elf_describe(&c, why, sizeof why);
	if (c.err != ELF_OK)
		fprintf(stderr, "  %s: %s\n", path, why);
	CHECK(c.err == ELF_OK);
}

int main(int argc, char **argv)
{
	test_header();
	test_phdrs();
	test_segments();
	test_kernel_ranges();
	test_entry();
	test_user_ranges();
	for (int i = 1; i + 1 < argc; i += 2)
		check_file(argv[i], argv[i + 1]);
	if (argc % 2 == 0) {
		printf("usage: %s [--kernel PATH | --user PATH]...\n", argv[0]);
		return 2;
	}
	return check_exit("elf");
}
