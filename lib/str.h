/* String helpers for freestanding code (loader, kernel); host unit tests link them too. */
#ifndef LIB_STR_H
#define LIB_STR_H

#include <stdbool.h>
#include <stddef.h>

/* True if the NUL-terminated strings a and b are equal. */
bool str_eq(const char *a, const char *b);
/* Length of the NUL-terminated string s. */
size_t str_len(const char *s);

#endif
