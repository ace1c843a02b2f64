/* Boot options: the command line is words separated by spaces; a word may be
 * key=value or a bare flag; single quotes group spaces into one word
 * (run 'fork-cow 3'). Pure code, unit-tested on the host. */
#ifndef LIB_CMDLINE_H
#define LIB_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

#define CMDLINE_WORD_MAX 128

/* Copies the next word of *pos (quotes removed) into word, truncated to
 * CMDLINE_WORD_MAX - 1 bytes, advances *pos past it and returns true; returns false at
 * the end. An unclosed quote runs to the end of the line. */
bool cmdline_next_word(const char **pos, char word[CMDLINE_WORD_MAX]);
/* True if some word of cmdline equals flag exactly. */
bool cmdline_flag(const char *cmdline, const char *flag);
/* Finds the first word "key=value" and copies value into out (NUL-terminated,
 * truncated to outsz - 1); returns false if no such word. */
bool cmdline_value(const char *cmdline, const char *key, char *out, size_t outsz);

#endif
