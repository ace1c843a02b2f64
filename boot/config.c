/* Parser for the boot configuration file (see config.h). */
#include "config.h"

#include <stdarg.h>

#include "fmt.h"

#define MAX_WORDS 4 /* one more than any directive takes, to detect extra words */

struct line {
	unsigned number;
	unsigned words;
	char *word[MAX_WORDS];
	char text[CONFIG_LINE_MAX];
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Splits l->text in place into at most MAX_WORDS words; a '#' ends the line. */
static void split(struct line *l)
{
	char *p = l->text;

	l->words = 0;
	while (l->words < MAX_WORDS) {
		while (is_space(*p))
			p++;
		if (*p == '\0' || *p == '#')
			return;
		l->word[l->words++] = p;
		while (*p && !is_space(*p) && *p != '#')
			p++;
		if (*p == '\0')
			return;
		if (*p == '#') {
			*p = '\0';
			return;
		}
		*p++ = '\0';
	}
}

/* Formats the error description into err and returns -1. */
__attribute__((format(printf, 3, 4)))
static int error(char *err, size_t errsize, const char *f, ...)
{
	va_list ap;

	va_start(ap, f);
	fmt_vsnprintf(err, errsize, f, ap);
	va_end(ap);
	return -1;
}

static int equal(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* Copies s into dst (size bytes); returns -1 if it does not fit. */
static int copy(char *dst, size_t size, const char *s)
{
	size_t n = 0;

	while (s[n]) {
		if (n + 1 >= size)
			return -1;
		dst[n] = s[n];
		n++;
	}
	dst[n] = '\0';
	return 0;
}

static int directive(const struct line *l, struct boot_config *cfg, int *have_kernel,
		     char *err, size_t errsize)
{
	const char *kw = l->word[0];
	struct config_module *m;

	if (equal(kw, "kernel")) {
		if (l->words != 2)
			return error(err, errsize, "line %u: expected 'kernel PATH'", l->number);
		if (*have_kernel)
			return error(err, errsize, "line %u: second kernel line", l->number);
		if (copy(cfg->kernel, sizeof cfg->kernel, l->word[1]) < 0)
			return error(err, errsize, "line %u: path too long (max %u bytes)",
					  l->number, CONFIG_PATH_MAX - 1);
		*have_kernel = 1;
		return 0;
	}
	if (!equal(kw, "module"))
		return error(err, errsize, "line %u: unknown keyword '%s'", l->number, kw);
	if (l->words != 3)
		return error(err, errsize, "line %u: expected 'module NAME PATH'", l->number);
	if (cfg->module_count == BOOT_MAX_MODULES)
		return error(err, errsize, "line %u: too many modules (max %u)", l->number,
				  BOOT_MAX_MODULES);
	m = &cfg->modules[cfg->module_count];
	if (copy(m->name, sizeof m->name, l->word[1]) < 0)
		return error(err, errsize, "line %u: module name too long (max %u bytes)",
				  l->number, BOOT_NAME_MAX - 1);
	if (copy(m->path, sizeof m->path, l->word[2]) < 0)
		return error(err, errsize, "line %u: path too long (max %u bytes)", l->number,
				  CONFIG_PATH_MAX - 1);
	cfg->module_count++;
	return 0;
}

/* Copies the line starting at text[*pos] into l and advances *pos past its '\n'.
 * Returns -1 if the line does not fit. */
static int next_line(const char *text, size_t len, size_t *pos, struct line *l)
{
	size_t n = 0;

	while (*pos < len && text[*pos] != '\n') {
		if (n + 1 >= sizeof l->text)
			return -1;
		l->text[n++] = text[(*pos)++];
	}
	l->text[n] = '\0';
	if (*pos < len)
		(*pos)++;
	return 0;
}

int config_parse(const char *text, size_t len, struct boot_config *cfg, char *err,
		 size_t errsize)
{
	struct line l;
	size_t pos = 0;
	int have_kernel = 0;

	cfg->module_count = 0;
	for (l.number = 1; pos < len; l.number++) {
		if (next_line(text, len, &pos, &l) < 0)
			return error(err, errsize, "line %u: longer than %u bytes", l.number,
					  CONFIG_LINE_MAX - 1);
		split(&l);
		if (l.words && directive(&l, cfg, &have_kernel, err, errsize) < 0)
			return -1;
	}
	if (!have_kernel)
		return error(err, errsize, "no kernel line");
	return 0;
}
