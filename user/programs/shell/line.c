/* The line editor: raw console input (pagos.h's console_raw), echoed and edited here,
 * with a history for the up and down keys (ESC [ A, ESC [ B). */
#include <pagos.h>
#include <string.h>

#include "shell.h"

#define HISTORY_MAX 32
#define CTRL(ch) ((ch) - '@')
#define ESC 0x1b
#define DEL 0x7f

static char history[HISTORY_MAX][LINE_MAX];
static unsigned remembered; /* lines ever remembered; the last HISTORY_MAX are kept */

void line_remember(const char *line)
{
	if (remembered && !strcmp(history[(remembered - 1) % HISTORY_MAX], line))
		return;
	strcpy(history[remembered++ % HISTORY_MAX], line);
}

/* The line being edited. */
struct edit {
	char *line;
	unsigned len;
	bool too_long;   /* bytes were dropped: the line will be refused */
	unsigned recall; /* history entries back from the newest: 0 = the new line */
};

static void out(const char *s, unsigned n) { write(1, s, n); }

/* Erases the last n bytes shown. */
static void erase(struct edit *e, unsigned n)
{
	for (; n && e->len; n--, e->len--)
		out("\b \b", 3);
}

/* Replaces the line shown with text. */
static void replace(struct edit *e, const char *text)
{
	erase(e, e->len);
	e->len = (unsigned)strlen(text);
	memcpy(e->line, text, e->len);
	out(text, e->len);
}

static void erase_word(struct edit *e)
{
	unsigned n = 0;
	while (n < e->len && e->line[e->len - 1 - n] == ' ')
		n++;
	while (n < e->len && e->line[e->len - 1 - n] != ' ')
		n++;
	erase(e, n);
}

/* Up (older, dir 1) or down (newer, dir -1) in the history. */
static void recall(struct edit *e, int dir)
{
	unsigned kept = remembered < HISTORY_MAX ? remembered : HISTORY_MAX;
	unsigned to = e->recall + (unsigned)dir;
	if ((dir > 0 && e->recall == kept) || (dir < 0 && e->recall == 0))
		return;
	e->recall = to;
	replace(e, to ? history[(remembered - to) % HISTORY_MAX] : "");
}

static void insert(struct edit *e, char ch)
{
	if (e->len + 1 >= LINE_MAX) {
		e->too_long = true;
		return;
	}
	e->line[e->len++] = ch;
	out(&ch, 1);
}

/* An escape sequence after ESC: up and down arrows recall; others are ignored. */
static void escape(struct edit *e)
{
	char seq[2];
	if (read(0, &seq[0], 1) != 1 || seq[0] != '[' || read(0, &seq[1], 1) != 1)
		return;
	if (seq[1] == 'A')
		recall(e, 1);
	else if (seq[1] == 'B')
		recall(e, -1);
}

enum line_result line_read(const char *prompt, char *line)
{
	struct edit e = { line, 0, false, 0 };
	out(prompt, (unsigned)strlen(prompt));
	for (;;) {
		char ch;
		if (read(0, &ch, 1) != 1)
			return LINE_FAILED;
		if (ch == '\r' || ch == '\n')
			break;
		if (ch == CTRL('D') && e.len == 0) {
			out("\n", 1);
			return LINE_END;
		}
		if (ch == CTRL('C')) {
			out("^C\n", 3);
			return LINE_EMPTY;
		}
		if (ch == '\b' || ch == DEL)
			erase(&e, 1);
		else if (ch == CTRL('U'))
			erase(&e, e.len);
		else if (ch == CTRL('W'))
			erase_word(&e);
		else if (ch == ESC)
			escape(&e);
		else if (ch >= ' ')
			insert(&e, ch);
	}
	out("\n", 1);
	line[e.len] = '\0';
	if (e.too_long)
		return LINE_TOO_LONG;
	return e.len ? LINE_OK : LINE_EMPTY;
}
