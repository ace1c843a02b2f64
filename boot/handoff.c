/* Leaving the firmware (see handoff.h). */
#include "handoff.h"

#include "firmware.h"

#define HANDOFF_EXIT_TRIES 8
#define MSR_EFER 0xc0000080u
#define EFER_NXE (1ull << 11)
#define CR0_WP (1ull << 16)
#define CR4_SMEP (1ull << 20)
#define CR4_SMAP (1ull << 21)

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
	/* EFER.NXE is cleared only after the switch to pml4, whose entries have no NX bit:
	 * the firmware's tables may have them, and without NXE they would be reserved. */
	__asm__ volatile("cli\n\t"
			 "cld\n\t"
			 "mov %0, %%cr3\n\t"
			 "mov %3, %%ecx\n\t"
			 "rdmsr\n\t"
			 "and %4, %%eax\n\t"
			 "wrmsr\n\t"
			 "mov %%cr4, %%rax\n\t"
			 "and %5, %%rax\n\t"
			 "mov %%rax, %%cr4\n\t"
			 "mov %%cr0, %%rax\n\t"
			 "and %6, %%rax\n\t"
			 "mov %%rax, %%cr0\n\t"
			 "mov %2, %%rdi\n\t"
			 "and $-16, %%rsp\n\t"
			 "push $0\n\t"
			 "jmp *%1"
			 :
			 : "r"(pml4), "r"(entry), "r"(info), "i"(MSR_EFER), "i"((uint32_t)~EFER_NXE),
			   "i"(~(CR4_SMEP | CR4_SMAP)), "i"(~CR0_WP)
			 : "rax", "rcx", "rdx", "rdi", "memory");
	__builtin_unreachable();
}
