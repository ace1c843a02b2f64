/* The C library's string and memory functions (C standard semantics, plus POSIX
 * strnlen and strtok_r and BSD strlcpy and strlcat): all of Pintos-KAIST's
 * lib/string.h, and strncmp, and strcpy, strncpy, strcat and strncat, which it forbids. */
#ifndef PAGOS_LIBC_STRING_H
#define PAGOS_LIBC_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
/* Like memcpy, but the areas may overlap. */
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
/* The length of s, but at most max; reads no byte past s[max - 1]. */
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *restrict dst, const char *restrict src);
char *strncpy(char *restrict dst, const char *restrict src, size_t n);
/* Copies src into dst[size], truncating and always NUL-terminating when size > 0;
 * returns strlen(src), so truncation happened when the result is >= size. */
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size);
/* Appends src to the string in dst[size], truncating and always NUL-terminating when
 * strlen(dst) < size (else dst is left alone); returns strlen(dst) + strlen(src) as
 * Pintos does (the string it tried to make), so truncation happened when the result
 * is >= size. */
size_t strlcat(char *restrict dst, const char *restrict src, size_t size);
char *strcat(char *restrict dst, const char *restrict src);
char *strncat(char *restrict dst, const char *restrict src, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
/* The length of the prefix of s made only of bytes in accept (strspn), or only of
 * bytes not in reject (strcspn). */
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
/* The first byte of s that is in accept, or NULL. */
char *strpbrk(const char *s, const char *accept);
char *strstr(const char *haystack, const char *needle);
/* Splits s at any of the bytes in delim: the first call passes s, later calls NULL;
 * *save holds the position between calls. Writes NUL over each delimiter it ends a
 * token at; returns the next token or NULL when none is left. */
char *strtok_r(char *restrict s, const char *restrict delim, char **restrict save);

#endif
