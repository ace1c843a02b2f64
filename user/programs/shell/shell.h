/* The shell's parts: the line editor with its history (line.c), the parser of a command
 * line (parse.c), the jobs it runs (jobs.c) and the loop with the built-ins (main.c). */
#ifndef SHELL_H
#define SHELL_H

#include <stdbool.h>
#include <syscall.h>

#define LINE_MAX 256 /* bytes of a command line, NUL included */
#define ARGS_MAX 32  /* words of a command */

/* ---- line.c: reading a line with editing and history ---- */

enum line_result { LINE_OK, LINE_EMPTY, LINE_TOO_LONG, LINE_END, LINE_FAILED };
/* Prints prompt and reads a line into line (LINE_MAX bytes) in raw console mode:
 * backspace, Ctrl-U (erase the line), Ctrl-W (erase a word), Ctrl-C (drop the line),
 * up and down (history), Enter. LINE_OK: a line; LINE_EMPTY: nothing to run;
 * LINE_TOO_LONG: more than LINE_MAX - 1 bytes were typed (the line is dropped);
 * LINE_END: Ctrl-D on an empty line; LINE_FAILED: the console cannot be read. */
enum line_result line_read(const char *prompt, char *line);
/* Remembers line for up and down (the last HISTORY_MAX, no repeats in a row). */
void line_remember(const char *line);

/* ---- parse.c: a command line into words and redirections ---- */

struct command {
	char *argv[ARGS_MAX + 1]; /* NULL-terminated; argv[0] the program or built-in */
	int argc;
	const char *in, *out;     /* < FILE, > or >> FILE; NULL: none */
	bool append;              /* >> */
	bool background;          /* & at the end */
	char buf[LINE_MAX];       /* the words, unquoted */
};
/* Parses line: words split at spaces; '...' keeps everything, "..." everything but \"
 * and \\ (backslash escapes), a backslash outside quotes escapes the next byte; < FILE,
 * > FILE, >> FILE anywhere; & only at the end. Returns NULL, or what is wrong. */
const char *parse(const char *line, struct command *c);

/* ---- jobs.c: programs running in the background ---- */

/* Runs c (not a built-in): the program under its own name, with its redirections, in
 * the foreground (waited for; its leftovers end with it) or the background. */
void run_command(const struct command *c);
/* Says which background jobs ended since the last call ("[N] done NAME: status S"). */
void jobs_reap(void);
/* The built-ins on background jobs: jobs (list), wait [N] (for one or all). */
void jobs_list(void);
void jobs_wait(const char *which);
/* The pid SPEC names: a pid, or %N for background job N (0: no such job). */
pid_t jobs_pid(const char *spec);

#endif
