/* The loader's firmware state and its ways to talk and to fail: console output,
 * page allocation, and ending the run with one error line. */
#ifndef BOOT_FIRMWARE_H
#define BOOT_FIRMWARE_H

#include <stdint.h>

#include "uefi.h"

/* An EFI memory type from the OS range for an enum boot_mem_type, so the final memory
 * map tells the kernel what each loader allocation holds. */
#define OS_MEM(t) ((EFI_MEMORY_TYPE)(0x80000000u + (t)))

#define PAGE_SIZE 4096ull
#define PAGES(bytes) (((bytes) + PAGE_SIZE - 1) / PAGE_SIZE)

/* The firmware as the loader was started with it; set once by efi_main. */
extern EFI_HANDLE g_image;
extern EFI_SYSTEM_TABLE *g_st;

/* Prints one formatted line (a newline is added) on the UEFI console, or straight to
 * COM1 once boot services are gone. Lines longer than 255 bytes are cut. */
void fw_print(const char *f, ...) __attribute__((format(printf, 1, 2)));

/* Prints "loader: PATH: MESSAGE" (or "loader: MESSAGE" when path is NULL), then ends
 * the run as failed: QEMU's isa-debug-exit with DEBUG_EXIT_FAILURE, else a firmware
 * shutdown, else a halt. Never returns. */
__attribute__((noreturn, format(printf, 2, 3)))
void fail(const char *path, const char *f, ...);

/* Records that ExitBootServices has been called: from then on only fw_print's serial
 * fallback and runtime services are used. */
void fw_boot_services_gone(void);

/* A short description of an EFI status ("not found", "out of resources", ...);
 * "firmware error" for statuses the loader does not expect. */
const char *fw_status(EFI_STATUS st);

/* Allocates pages anywhere in RAM with memory type type. Returns the physical address
 * (identity-mapped while the loader runs); fails the boot with what is for on error. */
uint64_t fw_alloc_pages(EFI_MEMORY_TYPE type, uint64_t pages, const char *what);

#endif
