/* Boot-option parsing over a NUL-terminated command line. */
#include "cmdline.h"

#include "str.h"

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool cmdline_next_word(const char **pos, char word[CMDLINE_WORD_MAX])
{
	const char *p = *pos;
	while (is_space(*p))
		p++;
	if (!*p)
		return false;
	size_t n = 0;
	bool quoted = false;
	for (; *p && (quoted || !is_space(*p)); p++) {
		if (*p == '\'') {
			quoted = !quoted;
			continue;
		}
		if (n < CMDLINE_WORD_MAX - 1)
			word[n++] = *p;
	}
	word[n] = '\0';
	*pos = p;
	return true;
}

bool cmdline_flag(const char *cmdline, const char *flag)
{
	char word[CMDLINE_WORD_MAX];
	while (cmdline_next_word(&cmdline, word))
		if (str_eq(word, flag))
			return true;
	return false;
}

bool cmdline_value(const char *cmdline, const char *key, char *out, size_t outsz)
{
	char word[CMDLINE_WORD_MAX];
	while (cmdline_next_word(&cmdline, word)) {
		size_t k = 0;
		while (key[k] && word[k] == key[k])
			k++;
		if (key[k] || word[k] != '=')
			continue;
		size_t n = 0;
		for (const char *v = word + k + 1; *v && n + 1 < outsz; v++)
			out[n++] = *v;
		if (outsz)
			out[n] = '\0';
		return true;
	}
	return false;
}
