/* The heap: a first-fit free list kept in address order so that free can merge
 * neighbours; memory comes from libc_morecore in chunks of at least HEAP_GROW. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libc_sys.h"

#define HEAP_ALIGN 16
#define HEAP_GROW (64 * 1024)

/* The header before every block; size counts the header and is a multiple of
 * HEAP_ALIGN. next links free blocks only. */
struct block {
	size_t size;
	struct block *next;
};
_Static_assert(sizeof(struct block) == HEAP_ALIGN, "headers keep payloads aligned");

/* A remainder smaller than this stays part of the block it was cut from. */
#define MIN_BLOCK (2 * sizeof(struct block))

static struct block *free_list;

static char *end_of(struct block *b)
{
	return (char *)b + b->size;
}

/* Puts b into the free list in address order and merges it with adjacent free blocks. */
static void insert_free(struct block *b)
{
	struct block *prev = NULL, *next = free_list;
	while (next && next < b) {
		prev = next;
		next = next->next;
	}
	b->next = next;
	if (next && end_of(b) == (char *)next) {
		b->size += next->size;
		b->next = next->next;
	}
	if (prev && end_of(prev) == (char *)b) {
		prev->size += b->size;
		prev->next = b->next;
	} else if (prev) {
		prev->next = b;
	} else {
		free_list = b;
	}
}

/* Cuts the first free block of at least size bytes out of the free list, leaving any
 * large enough remainder free; NULL if none fits. */
static struct block *take_free(size_t size)
{
	for (struct block **link = &free_list; *link; link = &(*link)->next) {
		struct block *b = *link;
		if (b->size < size)
			continue;
		if (b->size - size >= MIN_BLOCK) {
			struct block *rest = (struct block *)((char *)b + size);
			rest->size = b->size - size;
			rest->next = b->next;
			b->size = size;
			*link = rest;
		} else {
			*link = b->next;
		}
		return b;
	}
	return NULL;
}

/* The block size for a request of n bytes, or 0 when it cannot be represented. */
static size_t block_size(size_t n)
{
	if (n > SIZE_MAX - sizeof(struct block) - HEAP_ALIGN)
		return 0;
	return (n + sizeof(struct block) + HEAP_ALIGN - 1) & ~(size_t)(HEAP_ALIGN - 1);
}

void *malloc(size_t n)
{
	size_t size = block_size(n);
	if (size == 0)
		return NULL;
	struct block *b = take_free(size);
	if (!b) {
		size_t grow = size > HEAP_GROW ? size : HEAP_GROW;
		struct block *core = libc_morecore(grow);
		if (!core)
			return NULL;
		core->size = grow;
		insert_free(core);
		b = take_free(size);
	}
	return b + 1;
}

void free(void *p)
{
	if (p)
		insert_free((struct block *)p - 1);
}

void *calloc(size_t count, size_t size)
{
	if (size != 0 && count > SIZE_MAX / size)
		return NULL;
	void *p = malloc(count * size);
	if (p)
		memset(p, 0, count * size);
	return p;
}

void *realloc(void *p, size_t n)
{
	if (!p)
		return malloc(n);
	if (n == 0) {
		free(p);
		return NULL;
	}
	struct block *b = (struct block *)p - 1;
	size_t have = b->size - sizeof(struct block);
	if (n <= have)
		return p;
	void *q = malloc(n);
	if (q) {
		memcpy(q, p, have);
		free(p);
	}
	return q;
}
