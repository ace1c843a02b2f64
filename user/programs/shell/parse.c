/* Parsing a command line: words, quotes, escapes, redirections, &. */
#include <string.h>

#include "shell.h"

/* The parser's place: the line, and the next free byte of the command's buffer. */
struct cursor {
	const char *s;
	char *out, *end;
};

static bool is_space(char ch) { return ch == ' ' || ch == '\t'; }
static bool is_special(char ch) { return ch == '<' || ch == '>' || ch == '&'; }

/* Copies one word (quotes and escapes resolved) into the buffer, NUL-terminated; *word
 * = it. Returns NULL, or what is wrong. */
static const char *word(struct cursor *k, char **word)
{
	char quote = 0;
	*word = k->out;
	for (; *k->s && (quote || (!is_space(*k->s) && !is_special(*k->s))); k->s++) {
		char ch = *k->s;
		if (!quote && (ch == '\'' || ch == '"')) {
			quote = ch;
			continue;
		}
		if (quote && ch == quote) {
			quote = 0;
			continue;
		}
		if (ch == '\\' && quote != '\'' && k->s[1])
			ch = *++k->s;
		if (k->out + 1 >= k->end)
			return "line too long";
		*k->out++ = ch;
	}
	*k->out++ = '\0';
	if (quote)
		return quote == '"' ? "a \" is not closed" : "a ' is not closed";
	return NULL;
}

/* After < or >: the file name. */
static const char *target(struct cursor *k, const char **path, const char *op)
{
	while (is_space(*k->s))
		k->s++;
	if (!*k->s || is_special(*k->s))
		return op[0] == '<' ? "< needs a file name" : "> needs a file name";
	char *w;
	const char *err = word(k, &w);
	*path = w;
	return err;
}

const char *parse(const char *line, struct command *c)
{
	memset(c, 0, sizeof *c);
	struct cursor k = { line, c->buf, c->buf + sizeof c->buf };
	for (;;) {
		while (is_space(*k.s))
			k.s++;
		if (!*k.s)
			break;
		const char *err = NULL;
		if (c->background)
			return "& must end the line";
		if (*k.s == '&') {
			c->background = true;
			k.s++;
		} else if (*k.s == '<') {
			k.s++;
			err = target(&k, &c->in, "<");
		} else if (*k.s == '>') {
			c->append = k.s[1] == '>';
			k.s += c->append ? 2 : 1;
			err = target(&k, &c->out, ">");
		} else if (c->argc == ARGS_MAX) {
			return "too many words";
		} else {
			err = word(&k, &c->argv[c->argc++]);
		}
		if (err)
			return err;
	}
	if (!c->argc && (c->in || c->out || c->background))
		return "no program to run";
	return NULL;
}
