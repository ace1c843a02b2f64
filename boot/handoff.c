/* Leaving the firmware (see handoff.h). */
#include "handoff.h"

#include "firmware.h"

#define HANDOFF_EXIT_TRIES 8

void handoff_exit_boot_services(struct efi_map *m)
{
	EFI_STATUS st = EFI_SUCCESS;

	for (unsigned i = 0; i < HANDOFF_EXIT_TRIES; i++) {
		st = memmap_get(m);
		if (EFI_ERROR(st))
			fail(NULL, "cannot read the memory map (%s)", fw_status(st));
		/* After the first attempt only GetMemoryMap may be called: no printing. */
		fw_boot_services_gone();
		st = g_st->BootServices->ExitBootServices(g_image, m->key);
		if (st == EFI_SUCCESS)
			return;
		if (st != EFI_INVALID_PARAMETER)
			break;
	}
	fail(NULL, "ExitBootServices failed (%s)", fw_status(st));
}

void handoff_enter(uint64_t pml4, uint64_t entry, uint64_t info)
{
	__asm__ volatile("cli\n\t"
			 "cld\n\t"
			 "mov %0, %%cr3\n\t"
			 "mov %2, %%rdi\n\t"
			 "and $-16, %%rsp\n\t"
			 "push $0\n\t"
			 "jmp *%1"
			 :
			 : "r"(pml4), "r"(entry), "r"(info)
			 : "rdi", "memory");
	__builtin_unreachable();
}
