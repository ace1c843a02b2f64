/* The kernel heap for variable-size kernel objects. */
#ifndef KERNEL_HEAP_H
#define KERNEL_HEAP_H

#include <stddef.h>

/* Returns zeroed memory of at least size bytes, 16-byte aligned, or NULL when memory
 * is exhausted (callers turn that into an error code, never a panic). */
void *kmalloc(size_t size);
/* The bytes a kmalloc(size) block really occupies (its size class or its frames), so
 * pools are charged what an object costs; 0 for a request kmalloc would refuse. */
size_t kmalloc_block_size(size_t size);
/* Frees a kmalloc block; NULL is ignored. A pointer kmalloc did not return, or a
 * second free, panics. */
void kfree(void *p);

#endif
