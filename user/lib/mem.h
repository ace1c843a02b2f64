/* Memory functions (the compiler also emits calls to them for struct copies). */
#ifndef ULIB_MEM_H
#define ULIB_MEM_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
/* Copies n bytes; the ranges may overlap. */
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
/* Returns 0 if equal, else the difference of the first differing bytes. */
int memcmp(const void *a, const void *b, size_t n);

#endif
