/* Character classes of the C library, for the "C" locale: c is EOF (-1) or a value of
 * unsigned char; bytes above 127 belong to no class. */
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
/* The letter in the other case; any other value is returned unchanged. */
int toupper(int c);
int tolower(int c);

#endif
