/* The kernel's view of addresses: physical memory through the direct map, the kernel
 * image's sections from the linker script. */
#ifndef KERNEL_MEMLAYOUT_H
#define KERNEL_MEMLAYOUT_H

#include <stdint.h>

#include "bootinfo.h"

#define PAGE_SIZE 4096ull
#define PAGE_ROUND_UP(x) (((x) + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1))
#define PAGE_ROUND_DOWN(x) ((x) & ~(PAGE_SIZE - 1))

static inline void *phys_to_virt(uint64_t pa) { return (void *)(pa + DIRECT_MAP_BASE); }
static inline uint64_t virt_to_phys(const void *va) { return (uint64_t)va - DIRECT_MAP_BASE; }
static inline uint64_t kernel_image_phys(const void *va) { return (uint64_t)va - KERNEL_VBASE; }

/* Linker-script symbols (kernel.ld). */
extern char __kernel_start[], __text_end[], __rodata_end[], __kernel_end[];
extern char __stack_guard[], __boot_stack_bottom[], __boot_stack_top[];

#endif
