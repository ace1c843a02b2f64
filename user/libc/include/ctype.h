/* Character classes of the C library, for the "C" locale: c is EOF (-1) or a value of
 * unsigned char; bytes above 127 belong to no class. The classes and names of
 * Pintos-KAIST's lib/ctype.h (C's, and isascii). */
#ifndef PAGOS_LIBC_CTYPE_H
#define PAGOS_LIBC_CTYPE_H

int isdigit(int c);
int isalpha(int c);
int isalnum(int c);
int isspace(int c);
int isupper(int c);
int islower(int c);
int isxdigit(int c);
int isprint(int c);
/* Printable and not a space. */
int isgraph(int c);
/* Printable, not a space, not a letter or digit. */
int ispunct(int c);
/* ' ' or '\t'. */
int isblank(int c);
/* 0..31 and 127. */
int iscntrl(int c);
/* 0..127. */
int isascii(int c);
/* The letter in the other case; any other value is returned unchanged. */
int toupper(int c);
int tolower(int c);

#endif
