/* Loading the kernel for its physical addresses and reading the boot modules. */
#include "load.h"

#include "elf_check.h"
#include "file.h"
#include "firmware.h"
#include "mem.h"

static void check_or_fail(const char *path, struct elf_check c)
{
	char why[160];

	if (c.err == ELF_OK)
		return;
	elf_describe(&c, why, sizeof why);
	fail(path, "%s", why);
}

static struct kernel_load kernel;

/* Claims the pages under PT_LOAD i at their physical address and prepares their
 * contents in other pages (see load_kernel). */
static void load_segment(const char *path, unsigned i, const struct elf64_phdr *ph,
			 const uint8_t *file)
{
	EFI_PHYSICAL_ADDRESS start = ph->paddr & ~(PAGE_SIZE - 1);
	uint64_t pages = PAGES(ph->paddr + ph->memsz - start);
	EFI_STATUS st = g_st->BootServices->AllocatePages(AllocateAddress, OS_MEM(BOOT_MEM_KERNEL),
							  pages, &start);
	struct kernel_copy *c = &kernel.copies[kernel.count++];

	if (EFI_ERROR(st))
		fail(path, "segment %u outside memory (0x%llx-0x%llx is not free RAM: %s)", i,
		     ph->paddr, ph->paddr + ph->memsz, fw_status(st));
	c->dst = start;
	c->bytes = pages * PAGE_SIZE;
	c->src = fw_alloc_pages(EfiLoaderData, pages, "a kernel segment");
	memset((void *)c->src, 0, c->bytes);
	memcpy((void *)(c->src + (ph->paddr - start)), file + ph->offset, ph->filesz);
}

const struct kernel_load *load_kernel(const char *path, struct boot_info *info)
{
	struct file_image img;
	struct elf64_ehdr eh;
	struct elf64_phdr ph;
	const uint8_t *file;

	file_read(path, OS_MEM(BOOT_MEM_KERNEL_FILE), 0, &img);
	file = (const uint8_t *)img.phys;
	check_or_fail(path, elf_check_kernel(file, img.size));
	memcpy(&eh, file, sizeof eh);
	for (unsigned i = 0; i < eh.phnum; i++) {
		elf_phdr(file, i, &ph);
		if (ph.type != PT_LOAD || !ph.memsz)
			continue;
		if (kernel.count == KERNEL_SEGMENTS_MAX)
			fail(path, "more than %u loadable segments", KERNEL_SEGMENTS_MAX);
		load_segment(path, i, &ph, file);
	}
	info->kernel_file_phys = img.phys;
	info->kernel_file_size = img.size;
	kernel.entry = eh.entry;
	return &kernel;
}

void load_module(const struct config_module *m, struct boot_module *out)
{
	struct file_image img;

	file_read(m->path, OS_MEM(BOOT_MEM_MODULE), 0, &img);
	check_or_fail(m->path, elf_check_user((const void *)img.phys, img.size));
	memcpy(out->name, m->name, sizeof out->name);
	out->phys = img.phys;
	out->size = img.size;
}
