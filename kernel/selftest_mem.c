/* Self-tests of the memory foundation: frame allocator, kernel heap, page tables. */
#include <stdint.h>

#include "bootinfo.h"
#include "console.h"
#include "cpu.h"
#include "heap.h"
#include "memlayout.h"
#include "paging.h"
#include "panic.h"
#include "pmm.h"
#include "selftest.h"

#define FRAME_MAGIC 0x4652414d45000000ull /* "FRAME" + index */
#define TEST_VA 0xffffffffc0000000ull     /* an unused kernel address */
#define HEAP_OBJECTS 300

static bool in_free_range(const struct boot_info *bi, uint64_t pa)
{
	for (uint32_t i = 0; i < bi->mem_count; i++) {
		const struct boot_mem_range *r = &bi->mem[i];
		if ((r->type == BOOT_MEM_FREE || r->type == BOOT_MEM_LOADER_PT) && pa >= r->base &&
		    pa < r->base + r->pages * PAGE_SIZE)
			return true;
	}
	return false;
}

/* Allocates every free frame, chaining them through their first word and tagging each
 * with its index: a frame handed out twice would break the chain's tags. */
void selftest_pmm(const struct boot_info *bi)
{
	uint64_t before = pmm_free_frames();
	CHECK(before > 0 && before <= pmm_total_frames());
	uint64_t head = 0, n = 0;
	for (uint64_t pa; (pa = pmm_alloc(1)) != 0; n++) {
		CHECK((pa & (PAGE_SIZE - 1)) == 0);
		CHECK(in_free_range(bi, pa));
		uint64_t *w = phys_to_virt(pa);
		w[0] = head;
		w[1] = FRAME_MAGIC | n;
		head = pa;
	}
	CHECK(n == before);
	CHECK(pmm_free_frames() == 0);
	kprintf("selftest pmm: allocated all %lu free frames (%lu MiB)\n", n, n / 256);
	for (uint64_t i = n; head; i--) {
		uint64_t *w = phys_to_virt(head);
		CHECK(w[1] == (FRAME_MAGIC | (i - 1)));
		uint64_t next = w[0];
		pmm_free(head, 1);
		head = next;
	}
	CHECK(pmm_free_frames() == before);
	uint64_t run = pmm_alloc(64);
	CHECK(run != 0 && in_free_range(bi, run) && in_free_range(bi, run + 63 * PAGE_SIZE));
	CHECK(pmm_free_frames() == before - 64);
	pmm_free(run, 64);
	CHECK(pmm_free_frames() == before);
}

static uint8_t pattern(unsigned i, unsigned j) { return (uint8_t)(i * 31 + j); }

void selftest_heap(const struct boot_info *bi)
{
	(void)bi;
	static uint8_t *objs[HEAP_OBJECTS];
	static unsigned sizes[HEAP_OBJECTS];
	for (unsigned i = 0; i < HEAP_OBJECTS; i++) {
		sizes[i] = 1 + (i * 37) % 3000; /* small classes and large blocks */
		objs[i] = kmalloc(sizes[i]);
		CHECK(objs[i] != 0 && ((uintptr_t)objs[i] & 15) == 0);
		for (unsigned j = 0; j < sizes[i]; j++) {
			CHECK(objs[i][j] == 0);
			objs[i][j] = pattern(i, j);
		}
	}
	for (unsigned i = 0; i < HEAP_OBJECTS; i += 2)
		kfree(objs[i]);
	for (unsigned i = 0; i < HEAP_OBJECTS; i += 2) {
		objs[i] = kmalloc(sizes[i]);
		CHECK(objs[i] != 0);
		for (unsigned j = 0; j < sizes[i]; j++)
			objs[i][j] = pattern(i, j);
	}
	for (unsigned i = 0; i < HEAP_OBJECTS; i++)
		for (unsigned j = 0; j < sizes[i]; j++)
			CHECK(objs[i][j] == pattern(i, j));
	uint64_t free_before = pmm_free_frames();
	void *big = kmalloc(5 * PAGE_SIZE);
	CHECK(big != 0 && pmm_free_frames() == free_before - 6);
	kfree(big);
	CHECK(pmm_free_frames() == free_before);
	for (unsigned i = 0; i < HEAP_OBJECTS; i++)
		kfree(objs[i]);
	CHECK(kmalloc((uint64_t)1 << 40) == 0); /* impossible requests fail cleanly */
	CHECK(kmalloc(SIZE_MAX) == 0);
}

static void check_image_protection(void)
{
	const struct paging_features *f = paging_features();
	uint64_t pa, flags;
	CHECK(paging_translate((uint64_t)selftest_paging, &pa, &flags));
	CHECK(!(flags & PTE_W) && !(flags & PTE_NX));
	CHECK(paging_translate((uint64_t)"rodata", &pa, &flags));
	CHECK(!(flags & PTE_W) && (!f->nx || (flags & PTE_NX)));
	CHECK(paging_translate((uint64_t)&pmm_total_frames, &pa, &flags) && !(flags & PTE_W));
	static uint64_t data_word;
	CHECK(paging_translate((uint64_t)&data_word, &pa, &flags));
	CHECK((flags & PTE_W) && (!f->nx || (flags & PTE_NX)));
	CHECK(pa == kernel_image_phys(&data_word));
	/* The direct-map alias of the image is not a way around W^X. */
	CHECK(paging_translate((uint64_t)phys_to_virt(kernel_image_phys(selftest_paging)), &pa, &flags));
	CHECK(!(flags & PTE_W));
	CHECK(!paging_translate((uint64_t)__stack_guard, &pa, &flags));
	CHECK(!paging_translate(0x100000, &pa, &flags)); /* the loader's identity map is gone */
}

static void check_protections_enabled(void)
{
	const struct paging_features *f = paging_features();
	CHECK(read_cr0() & CR0_WP);
	CHECK(!f->nx || (rdmsr(MSR_EFER) & EFER_NXE));
	CHECK(!f->smep || (read_cr4() & CR4_SMEP));
	CHECK(!f->smap || (read_cr4() & CR4_SMAP));
	kprintf("selftest paging: nx=%d smep=%d smap=%d wp=1\n", f->nx, f->smep, f->smap);
}

void selftest_paging(const struct boot_info *bi)
{
	(void)bi;
	check_protections_enabled();
	check_image_protection();
	uint64_t frame = pmm_alloc(1);
	CHECK(frame != 0);
	uint64_t pa, flags;
	CHECK(!paging_translate(TEST_VA, &pa, &flags));
	CHECK(paging_map(TEST_VA, frame, PTE_W | PTE_NX) == 0);
	CHECK(paging_map(TEST_VA, frame, PTE_W) == -1); /* already mapped */
	CHECK(paging_translate(TEST_VA + 123, &pa, &flags) && pa == frame + 123);
	*(volatile uint64_t *)TEST_VA = 0x1234abcd;
	CHECK(*(volatile uint64_t *)phys_to_virt(frame) == 0x1234abcd);
	CHECK(paging_unmap(TEST_VA) == frame);
	CHECK(!paging_translate(TEST_VA, &pa, &flags));
	CHECK(paging_unmap(TEST_VA) == 0);
	pmm_free(frame, 1);
}
