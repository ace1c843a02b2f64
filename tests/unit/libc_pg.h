/* The C library under test (user/libc), as the host tests see it: every function
 * under its name with a pg_ prefix, so the tests can call it and the host's side by
 * side. libc_names.h renames the library's own definitions to match and includes this
 * file, so the compiler checks these prototypes against the library's headers. */
#ifndef TESTS_UNIT_LIBC_PG_H
#define TESTS_UNIT_LIBC_PG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void *pg_memcpy(void *restrict dst, const void *restrict src, size_t n);
void *pg_memmove(void *dst, const void *src, size_t n);
void *pg_memset(void *dst, int c, size_t n);
int pg_memcmp(const void *a, const void *b, size_t n);
void *pg_memchr(const void *s, int c, size_t n);
size_t pg_strlen(const char *s);
size_t pg_strnlen(const char *s, size_t max);
int pg_strcmp(const char *a, const char *b);
int pg_strncmp(const char *a, const char *b, size_t n);
char *pg_strcpy(char *restrict dst, const char *restrict src);
char *pg_strncpy(char *restrict dst, const char *restrict src, size_t n);
size_t pg_strlcpy(char *restrict dst, const char *restrict src, size_t size);
size_t pg_strlcat(char *restrict dst, const char *restrict src, size_t size);
char *pg_strcat(char *restrict dst, const char *restrict src);
char *pg_strncat(char *restrict dst, const char *restrict src, size_t n);
char *pg_strchr(const char *s, int c);
char *pg_strrchr(const char *s, int c);
size_t pg_strspn(const char *s, const char *accept);
size_t pg_strcspn(const char *s, const char *reject);
char *pg_strpbrk(const char *s, const char *accept);
char *pg_strstr(const char *haystack, const char *needle);
char *pg_strtok_r(char *restrict s, const char *restrict delim, char **restrict save);

int pg_isdigit(int c);
int pg_isalpha(int c);
int pg_isalnum(int c);
int pg_isspace(int c);
int pg_isupper(int c);
int pg_islower(int c);
int pg_isxdigit(int c);
int pg_isprint(int c);
int pg_isgraph(int c);
int pg_ispunct(int c);
int pg_isblank(int c);
int pg_iscntrl(int c);
int pg_isascii(int c);
int pg_toupper(int c);
int pg_tolower(int c);

int pg_atoi(const char *s);
long pg_atol(const char *s);
long pg_strtol(const char *restrict s, char **restrict end, int base);
unsigned long pg_strtoul(const char *restrict s, char **restrict end, int base);
int pg_abs(int v);
long pg_labs(long v);
void pg_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void pg_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *, void *aux),
	     void *aux);
void *pg_bsearch(const void *key, const void *base, size_t n, size_t size,
		 int (*cmp)(const void *, const void *));
void *pg_binary_search(const void *key, const void *base, size_t n, size_t size,
		       int (*cmp)(const void *, const void *, void *aux), void *aux);
void *pg_malloc(size_t n);
void pg_free(void *p);
void *pg_calloc(size_t count, size_t size);
void *pg_realloc(void *p, size_t n);

void pg_random_init(unsigned seed);
void pg_random_bytes(void *buf, size_t size);
unsigned long pg_random_ulong(void);

int pg_snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...) __attribute__((format(__printf__, 3, 4)));
int pg_vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap) __attribute__((format(__printf__, 3, 0)));
int pg_sprintf(char *restrict buf, const char *restrict fmt, ...) __attribute__((format(__printf__, 2, 3)));
int pg_printf(const char *restrict fmt, ...) __attribute__((format(__printf__, 1, 2)));
int pg_vprintf(const char *restrict fmt, va_list ap) __attribute__((format(__printf__, 1, 0)));
int pg_hprintf(int fd, const char *restrict fmt, ...) __attribute__((format(__printf__, 2, 3)));
int pg_vhprintf(int fd, const char *restrict fmt, va_list ap) __attribute__((format(__printf__, 2, 0)));
int pg_putchar(int c);
int pg_puts(const char *s);
void pg_hex_dump(uintptr_t ofs, const void *buf, size_t size, bool ascii);
void pg_print_human_readable_size(uint64_t size);

_Noreturn void libc_assert_fail(const char *expr, const char *file, int line);
void pg_debug_backtrace(void);

#endif
