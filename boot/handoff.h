/* Leaving the firmware: ExitBootServices, then the jump into the kernel. */
#ifndef BOOT_HANDOFF_H
#define BOOT_HANDOFF_H

#include <stdint.h>

#include "load.h"
#include "memmap.h"

/* Calls ExitBootServices with a fresh map in m, fetching the map again and retrying
 * while the firmware answers EFI_INVALID_PARAMETER (the map changed), up to
 * HANDOFF_EXIT_TRIES times. On return boot services are gone and m holds the final
 * map. Fails the boot otherwise. */
void handoff_exit_boot_services(struct efi_map *m);

/* With interrupts off, loads CR3 with pml4, turns off the protections the firmware may
 * have left on (EFER.NXE, CR0.WP, CR4.SMEP, CR4.SMAP; pml4 must use no NX bit),
 * moves to a stack of its own (the firmware's may lie where the kernel goes), copies
 * the kernel's segments to their physical homes and jumps to its entry with
 * rdi = info, as a call would (rsp 16-byte aligned before a zero return address).
 * The caller, kernel and its copies must lie outside every copy's destination and be
 * identity-mapped by pml4. Call after handoff_exit_boot_services. Never returns. */
__attribute__((noreturn)) void handoff_enter(uint64_t pml4, const struct kernel_load *kernel,
					     uint64_t info);

#endif
