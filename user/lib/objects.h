/* Kernel objects for a task that holds a memory pool (the root task): a bump allocator
 * over its empty capability slots, object creation, and filling frames through a
 * temporary mapping. Not thread-safe: only one thread of an address space may use it. */
#ifndef ULIB_OBJECTS_H
#define ULIB_OBJECTS_H

#include <stddef.h>
#include <stdint.h>

/* Where frame_fill maps a frame for the moment it writes it; nothing else lives there. */
#define SCRATCH_ADDR 0x30000000ull

/* Hands out slots [first, limit) of the caller's table, creating objects from the pool
 * capability in slot pool, and mapping scratch frames into the address space in slot
 * vspace. Call once before the others. */
void objects_init(uint64_t pool, uint64_t vspace, uint64_t first, uint64_t limit);

/* A fresh empty slot, or 0 (the null slot) once all are used. */
uint64_t slot_alloc(void);

/* Creates an object of type (size: table slots, sub-pool bytes) in a fresh slot and
 * stores the slot in *slot. Returns 0 or the kernel's ERR_* (ERR_SLOT_FULL when no slot
 * is left). */
int64_t obj_new(uint64_t type, uint64_t size, uint64_t *slot);

/* Writes the whole page of frame: n bytes from src at offset off, zeros elsewhere.
 * Returns 0 or the kernel's ERR_*; the scratch mapping is gone either way. */
int64_t frame_fill(uint64_t frame, const void *src, size_t n, size_t off);

#endif
