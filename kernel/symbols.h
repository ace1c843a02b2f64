/* Kernel function names for backtraces, read from the kernel's own ELF symbol table
 * (the loader hands over the whole file). */
#ifndef KERNEL_SYMBOLS_H
#define KERNEL_SYMBOLS_H

#include <stdbool.h>
#include <stdint.h>

struct boot_info;

/* Finds the symbol table in the kernel file named by the boot info. Without one,
 * lookups fail and backtraces print bare addresses. */
void symbols_init(const struct boot_info *bi);
/* Names the function containing addr: sets *name and *offset and returns true, or
 * returns false if no function symbol covers addr. */
bool symbols_lookup(uint64_t addr, const char **name, uint64_t *offset);

#endif
