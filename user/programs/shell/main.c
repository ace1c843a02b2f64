/* The interactive shell, the first process when the boot command line has no run=: reads
 * a line (editing and history in line.c), runs a built-in or a program (jobs.c), and
 * says why a program the system killed ended. Console input is raw while it edits; a
 * program it waits for owns the console (cooked: Ctrl-C ends it). Ctrl-D on an empty
 * line or "exit [N]" ends the shell, which powers the machine off. */
#include <pagos.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

struct builtin {
	const char *name, *usage;
	int (*run)(const struct command *c); /* -1: the shell ends with the status in *exit_status */
};

static int exit_status;
static char cwd[LINE_MAX] = "/"; /* the working directory, as cd made it (no getcwd) */

/* Appends path's parts to dir (an absolute path, changed in place), . and .. resolved;
 * false if it would not fit. */
static bool walk(char *dir, const char *path)
{
	for (const char *s = path; *s;) {
		const char *end = strchr(s, '/') ? strchr(s, '/') : s + strlen(s);
		size_t n = (size_t)(end - s), len = strlen(dir);
		if (n == 2 && !strncmp(s, "..", 2)) {
			char *slash = strrchr(dir, '/');
			slash[slash == dir ? 1 : 0] = '\0';
		} else if (n && !(n == 1 && *s == '.')) {
			if (len + n + 2 > LINE_MAX)
				return false;
			snprintf(dir + len, LINE_MAX - len, "%s%.*s", len > 1 ? "/" : "", (int)n, s);
		}
		s = *end ? end + 1 : end;
	}
	return true;
}

static int do_cd(const struct command *c)
{
	const char *to = c->argc > 1 ? c->argv[1] : "/";
	char dir[LINE_MAX];
	strcpy(dir, to[0] == '/' ? "/" : cwd);
	if (c->argc > 2 || !walk(dir, to) || !chdir(to))
		printf("cd: %s: no such directory\n", to);
	else
		strcpy(cwd, dir);
	return 0;
}

static int do_pwd(const struct command *c)
{
	(void)c;
	printf("%s\n", cwd);
	return 0;
}

static int do_exit(const struct command *c)
{
	exit_status = c->argc > 1 ? atoi(c->argv[1]) : 0;
	return -1;
}

static int do_jobs(const struct command *c)
{
	(void)c;
	jobs_list();
	return 0;
}

static int do_wait(const struct command *c)
{
	jobs_wait(c->argc > 1 ? c->argv[1] : NULL);
	return 0;
}

static int do_kill(const struct command *c)
{
	for (int i = 1; i < c->argc; i++)
		if (kill(jobs_pid(c->argv[i])) != 0)
			printf("kill: %s: no such process of this shell's\n", c->argv[i]);
	if (c->argc < 2)
		printf("usage: kill PID|%%JOB...\n");
	return 0;
}

static int do_help(const struct command *c);

static const struct builtin builtins[] = {
	{ "cd", "cd [DIR]: change the working directory (default /)", do_cd },
	{ "exit", "exit [N]: end the shell (and power off) with status N", do_exit },
	{ "help", "help: this list", do_help },
	{ "jobs", "jobs: the programs running in the background (started with &)", do_jobs },
	{ "kill", "kill PID|%N...: end a process (or background job N) and its descendants", do_kill },
	{ "pwd", "pwd: the working directory", do_pwd },
	{ "wait", "wait [N]: wait for background job N, or for all", do_wait },
};
#define BUILTINS (sizeof builtins / sizeof builtins[0])

static int do_help(const struct command *c)
{
	(void)c;
	printf("built-ins:\n");
	for (unsigned i = 0; i < BUILTINS; i++)
		printf("  %s\n", builtins[i].usage);
	printf("a line runs a program: NAME ARGS [< IN] [> OUT | >> OUT] [&]; 'quotes' and "
	       "\"quotes\" keep spaces\nkeys: Ctrl-C ends the program running (or drops the line), "
	       "Ctrl-D ends the shell, Ctrl-U and Ctrl-W erase, up and down recall lines\n"
	       "programs:");
	int dir = open("/");
	char name[READDIR_MAX_LEN + 1], path[READDIR_MAX_LEN + 2];
	while (dir >= 0 && readdir(dir, name)) {
		snprintf(path, sizeof path, "/%s", name);
		int fd = open(path);
		if (fd >= 0 && !isdir(fd) && !strchr(name, '.')) /* programs have no extension */
			printf(" %s", name);
		if (fd >= 0)
			close(fd);
	}
	if (dir >= 0)
		close(dir);
	printf("\n");
	return 0;
}

/* Runs c if it is a built-in: 1 done, -1 the shell ends, 0 not a built-in. */
static int builtin(const struct command *c)
{
	for (unsigned i = 0; i < BUILTINS; i++)
		if (!strcmp(c->argv[0], builtins[i].name))
			return builtins[i].run(c) < 0 ? -1 : 1;
	return 0;
}

int main(void)
{
	char line[LINE_MAX];
	struct command c;
	console_raw(true);
	printf("pagos shell: type a program and its arguments, or help\n");
	for (;;) {
		jobs_reap();
		char prompt[LINE_MAX + 4];
		snprintf(prompt, sizeof prompt, "%s $ ", cwd);
		enum line_result r = line_read(prompt, line);
		if (r == LINE_END)
			return 0;
		if (r == LINE_FAILED) {
			printf("shell: cannot read the console\n");
			return 1;
		}
		if (r == LINE_TOO_LONG)
			printf("shell: line too long (at most %d characters)\n", LINE_MAX - 1);
		if (r != LINE_OK)
			continue;
		line_remember(line);
		const char *err = parse(line, &c);
		int done = err ? 1 : builtin(&c);
		if (err)
			printf("shell: %s\n", err);
		if (done < 0)
			return exit_status;
		if (!done)
			run_command(&c);
	}
}
