/* Loading the kernel at its physical addresses and reading the boot modules. */
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

/* Claims the pages under PT_LOAD i at their physical address and fills them. */
static void load_segment(const char *path, unsigned i, const struct elf64_phdr *ph,
			 const uint8_t *file)
{
	EFI_PHYSICAL_ADDRESS start = ph->paddr & ~(PAGE_SIZE - 1);
	uint64_t pages = PAGES(ph->paddr + ph->memsz - start);
	EFI_STATUS st = g_st->BootServices->AllocatePages(AllocateAddress, OS_MEM(BOOT_MEM_KERNEL),
							  pages, &start);

	if (EFI_ERROR(st))
		fail(path, "segment %u outside memory (0x%llx-0x%llx is not free RAM: %s)", i,
		     ph->paddr, ph->paddr + ph->memsz, fw_status(st));
	memset((void *)start, 0, pages * PAGE_SIZE);
	memcpy((void *)ph->paddr, file + ph->offset, ph->filesz);
}

uint64_t load_kernel(const char *path, struct boot_info *info)
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
		if (ph.type == PT_LOAD && ph.memsz)
			load_segment(path, i, &ph, file);
	}
	info->kernel_file_phys = img.phys;
	info->kernel_file_size = img.size;
	return eh.entry;
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
