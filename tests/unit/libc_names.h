/* Force-included into the C library when it is compiled for the host tests: gives
 * every standard name a pg_ prefix so it cannot clash with the host C library, and
 * checks the library's headers against the prototypes the tests use (libc_pg.h). */
#ifndef TESTS_UNIT_LIBC_NAMES_H
#define TESTS_UNIT_LIBC_NAMES_H

#define memcpy pg_memcpy
#define memmove pg_memmove
#define memset pg_memset
#define memcmp pg_memcmp
#define memchr pg_memchr
#define strlen pg_strlen
#define strnlen pg_strnlen
#define strcmp pg_strcmp
#define strncmp pg_strncmp
#define strcpy pg_strcpy
#define strncpy pg_strncpy
#define strlcpy pg_strlcpy
#define strlcat pg_strlcat
#define strcat pg_strcat
#define strncat pg_strncat
#define strchr pg_strchr
#define strrchr pg_strrchr
#define strspn pg_strspn
#define strcspn pg_strcspn
#define strpbrk pg_strpbrk
#define strstr pg_strstr
#define strtok_r pg_strtok_r
#define isdigit pg_isdigit
#define isalpha pg_isalpha
#define isalnum pg_isalnum
#define isspace pg_isspace
#define isupper pg_isupper
#define islower pg_islower
#define isxdigit pg_isxdigit
#define isprint pg_isprint
#define isgraph pg_isgraph
#define ispunct pg_ispunct
#define isblank pg_isblank
#define iscntrl pg_iscntrl
#define isascii pg_isascii
#define toupper pg_toupper
#define tolower pg_tolower
#define atoi pg_atoi
#define atol pg_atol
#define strtol pg_strtol
#define strtoul pg_strtoul
#define abs pg_abs
#define labs pg_labs
#define qsort pg_qsort
#define sort pg_sort
#define bsearch pg_bsearch
#define binary_search pg_binary_search
#define random_init pg_random_init
#define random_bytes pg_random_bytes
#define random_ulong pg_random_ulong
#define malloc pg_malloc
#define free pg_free
#define calloc pg_calloc
#define realloc pg_realloc
#define snprintf pg_snprintf
#define vsnprintf pg_vsnprintf
#define sprintf pg_sprintf
#define printf pg_printf
#define vprintf pg_vprintf
#define hprintf pg_hprintf
#define vhprintf pg_vhprintf
#define putchar pg_putchar
#define puts pg_puts
#define hex_dump pg_hex_dump
#define print_human_readable_size pg_print_human_readable_size
#define debug_backtrace pg_debug_backtrace

#include "libc_pg.h"

#endif
