/* Reading whole files from the ESP the loader was started from. */
#ifndef BOOT_FILE_H
#define BOOT_FILE_H

#include <stdint.h>

#include "uefi.h"

/* A file read whole into pages of its own. */
struct file_image {
	uint64_t phys; /* page aligned, identity-mapped while the loader runs */
	uint64_t size; /* bytes of the file */
};

/* Reads the file at path (relative to the ESP root, '/' separators) into fresh pages
 * of memory type type (at least one page, even for an empty file). Returns 1 with
 * *out filled; returns 0 if the file does not exist and optional is set. Any other
 * failure ends the boot with "loader: PATH: what went wrong". */
int file_read(const char *path, EFI_MEMORY_TYPE type, int optional, struct file_image *out);

#endif
