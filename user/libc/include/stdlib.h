/* The C library's number parsing, sorting, searching and heap (C standard semantics),
 * with Pintos-KAIST's lib/stdlib.h (sort and binary_search, which pass aux on to cmp). */
#ifndef PAGOS_LIBC_STDLIB_H
#define PAGOS_LIBC_STDLIB_H

#include <stddef.h>

/* atoi and atol are strtol(s, NULL, 10), narrowed for atoi. */
int atoi(const char *s);
long atol(const char *s);
/* Parses an integer after optional white space and sign, in base 2..36, or with
 * base 0 as C does (0x hexadecimal, 0 octal, else decimal). Sets *end (when end is
 * not NULL) after the last digit used, or to s when there is none. A value out of
 * range gives LONG_MIN/LONG_MAX (strtoul: ULONG_MAX); there is no errno. */
long strtol(const char *restrict s, char **restrict end, int base);
/* As strtol; a leading '-' negates the result in unsigned arithmetic. */
unsigned long strtoul(const char *restrict s, char **restrict end, int base);
int abs(int v);
long labs(long v);

/* Sorts n elements of size bytes at base into the order cmp gives (negative, zero,
 * positive as for strcmp). Not stable (heapsort: O(n log n), no heap, no recursion). */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *, void *aux),
	  void *aux);
/* An element of the n elements at base (sorted as cmp orders them) that cmp(key,
 * element) finds equal to key, or NULL; any one of several equal ones. */
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *));
void *binary_search(const void *key, const void *base, size_t n, size_t size,
		    int (*cmp)(const void *, const void *, void *aux), void *aux);

/* The heap takes memory from libc_morecore (libc_sys.h) and never returns it.
 * malloc returns a block of at least n bytes aligned to 16, or NULL when no memory is
 * left; malloc(0) returns a unique block. free(NULL) does nothing. */
void *malloc(size_t n);
void free(void *p);
/* A zeroed block for count * size bytes; NULL also when the product overflows. */
void *calloc(size_t count, size_t size);
/* Resizes p to n bytes, keeping its contents up to the smaller size; may move it.
 * realloc(NULL, n) is malloc(n); realloc(p, 0) frees p and returns NULL. On failure
 * returns NULL and p stays valid. */
void *realloc(void *p, size_t n);

#endif
