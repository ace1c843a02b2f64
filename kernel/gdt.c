/* The GDT and TSS. Long mode ignores most segment fields; what matters is the code
 * segments' L bit, the DPLs, and the TSS's interrupt stack table. */
#include "gdt.h"

#include <stddef.h>
#include <stdint.h>

#define IST_STACK_SIZE 16384

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));
_Static_assert(sizeof(struct tss) == 104, "tss layout (Intel SDM 8.7)");

struct gdt_ptr {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

/* Access byte + flags for each descriptor (Intel SDM vol. 3, 3.4.5). */
#define SEG_KCODE 0x00209a0000000000ull /* present, DPL0, code, L */
#define SEG_KDATA 0x0000920000000000ull /* present, DPL0, data, writable */
#define SEG_UDATA 0x0000f20000000000ull /* present, DPL3, data, writable */
#define SEG_UCODE 0x0020fa0000000000ull /* present, DPL3, code, L */

static uint64_t gdt[7];
static struct tss tss;
static uint8_t ist_stacks[2][IST_STACK_SIZE] __attribute__((aligned(16)));

static void set_tss_descriptor(void)
{
	uint64_t base = (uint64_t)&tss;
	uint64_t limit = sizeof tss - 1;
	gdt[GDT_TSS / 8] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ull << 40) |
			   (((base >> 24) & 0xff) << 56);
	gdt[GDT_TSS / 8 + 1] = base >> 32;
}

void gdt_init(void)
{
	gdt[GDT_KERNEL_CODE / 8] = SEG_KCODE;
	gdt[GDT_KERNEL_DATA / 8] = SEG_KDATA;
	gdt[GDT_USER_DATA / 8] = SEG_UDATA;
	gdt[GDT_USER_CODE / 8] = SEG_UCODE;
	tss.ist[IST_DOUBLE_FAULT - 1] = (uint64_t)&ist_stacks[0][IST_STACK_SIZE];
	tss.ist[IST_NMI - 1] = (uint64_t)&ist_stacks[1][IST_STACK_SIZE];
	tss.iomap_base = sizeof tss; /* no I/O permission bitmap */
	set_tss_descriptor();

	struct gdt_ptr ptr = { sizeof gdt - 1, (uint64_t)gdt };
	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movw %w2, %%ax\n\t"
			 "movw %%ax, %%ds\n\t"
			 "movw %%ax, %%es\n\t"
			 "movw %%ax, %%ss\n\t"
			 "xorl %%eax, %%eax\n\t"
			 "movw %%ax, %%fs\n\t"
			 "movw %%ax, %%gs\n\t"
			 "ltr %w3"
			 :
			 : "m"(ptr), "i"(GDT_KERNEL_CODE), "r"(GDT_KERNEL_DATA), "r"(GDT_TSS)
			 : "rax", "memory");
}

const char *gdt_ist_stack_name(uint64_t addr)
{
	static const char *const names[] = { "double-fault IST stack", "NMI IST stack" };
	for (int i = 0; i < 2; i++)
		if (addr >= (uint64_t)ist_stacks[i] && addr <= (uint64_t)&ist_stacks[i][IST_STACK_SIZE])
			return names[i];
	return NULL;
}

void gdt_set_kernel_stack(uint64_t top) { tss.rsp[0] = top; }
