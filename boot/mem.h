/* The loader's own memcpy and memset (it links no C library). */
#ifndef BOOT_MEM_H
#define BOOT_MEM_H

#include <stddef.h>

/* As in ISO C: copy n bytes (regions must not overlap); returns dst. */
void *memcpy(void *dst, const void *src, size_t n);

/* As in ISO C: set n bytes to (unsigned char)c; returns dst. */
void *memset(void *dst, int c, size_t n);

#endif
