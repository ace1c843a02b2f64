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

/* The stack of the last steps: in the loader's image, which the firmware placed. */
static uint8_t handoff_stack[1024] __attribute__((aligned(16)));

void handoff_enter(uint64_t pml4, const struct kernel_load *kernel, uint64_t info)
{
	const struct kernel_copy *copy = kernel->copies;
	uint64_t left = kernel->count;

	/* EFER.NXE is cleared only after the switch to pml4, whose entries have no NX bit:
	 * the firmware's tables may have them, and without NXE they would be reserved. */
	__asm__ volatile("cli\n\t"
			 "cld\n\t"
			 "mov %0, %%cr3\n\t"
			 "mov %1, %%ecx\n\t"
			 "rdmsr\n\t"
			 "and %2, %%eax\n\t"
			 "wrmsr\n\t"
			 "mov %%cr4, %%rax\n\t"
			 "and %3, %%rax\n\t"
			 "mov %%rax, %%cr4\n\t"
			 "mov %%cr0, %%rax\n\t"
			 "and %4, %%rax\n\t"
			 "mov %%rax, %%cr0"
			 :
			 : "r"(pml4), "i"(MSR_EFER), "i"((uint32_t)~EFER_NXE),
			   "i"(~(CR4_SMEP | CR4_SMAP)), "i"(~CR0_WP)
			 : "rax", "rcx", "rdx", "memory");
	/* From the switch of stacks on, nothing may touch the old stack: it may be among
	 * the destinations. */
	__asm__ volatile("mov %[stack], %%rsp\n\t"
			 "1:\n\t"
			 "test %[left], %[left]\n\t"
			 "jz 2f\n\t"
			 "mov 0(%[copy]), %%rdi\n\t"
			 "mov 8(%[copy]), %%rsi\n\t"
			 "mov 16(%[copy]), %%rcx\n\t"
			 "rep movsb\n\t"
			 "add %[size], %[copy]\n\t"
			 "dec %[left]\n\t"
			 "jmp 1b\n\t"
			 "2:\n\t"
			 "mov %[info], %%rdi\n\t"
			 "push $0\n\t"
			 "jmp *%[entry]"
			 : [left] "+r"(left), [copy] "+r"(copy)
			 : [stack] "r"(handoff_stack + sizeof handoff_stack),
			   [size] "i"(sizeof *copy), [info] "r"(info),
			   [entry] "r"(kernel->entry)
			 : "rdi", "rsi", "rcx", "memory");
	__builtin_unreachable();
}
