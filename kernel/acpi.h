/* ACPI: finds and validates the root pointer (RSDP) the loader passed on. Later work
 * (interrupt routing, power-off on hardware) reads the tables it points to. */
#ifndef KERNEL_ACPI_H
#define KERNEL_ACPI_H

#include <stdint.h>

struct boot_info;

/* Checks the RSDP at bi->rsdp_phys (signature, checksums) and prints one line saying
 * what was found. Returns its revision (0 for ACPI 1.0, 2 for 2.0+), or -1 if there is
 * no valid RSDP; the kernel runs on either way. */
int acpi_init(const struct boot_info *bi);
/* Finds the ACPI table with the 4-byte signature (e.g. "APIC") through the XSDT or
 * RSDT, checks its checksum and returns a kernel pointer to it with its length in
 * *length; NULL if there is none (or acpi_init found no valid RSDP). */
const void *acpi_find_table(const char *signature, uint32_t *length);

#endif
