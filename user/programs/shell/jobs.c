/* Running programs: under their own names, with redirections, in the foreground or the
 * background; the table of background jobs. */
#include <pagos.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shell.h"

#define JOBS_MAX 16
#define NAME_MAX 31

struct job {
	pid_t pid;   /* 0: a free entry */
	int number;  /* [N] */
	char name[NAME_MAX + 1];
};

static struct job jobs[JOBS_MAX];
static int next_number = 1;

/* The program's name: its path's last part, as fork names the process. */
static void name_of(const char *path, char name[NAME_MAX + 1])
{
	const char *slash = strrchr(path, '/');
	strncpy(name, slash ? slash + 1 : path, NAME_MAX);
	name[NAME_MAX] = '\0';
}

/* Opens c's redirections into *in and *out (-1: none); false, with a message and
 * nothing left open, when a file cannot be opened or made. */
static bool open_redirections(const struct command *c, int *in, int *out)
{
	*in = c->in ? open(c->in) : -1;
	*out = -1;
	if (c->in && *in < 0) {
		printf("shell: %s: cannot open\n", c->in);
		return false;
	}
	if (c->out) {
		if (!c->append)
			remove(c->out); /* > starts the file anew */
		create(c->out, 0);   /* >> keeps what is there */
		*out = open(c->out);
		if (*out >= 0 && c->append)
			seek(*out, (unsigned)filesize(*out));
	}
	if (c->out && *out < 0) {
		printf("shell: %s: cannot write\n", c->out);
		if (*in >= 0)
			close(*in);
		return false;
	}
	return true;
}

/* The child's side of a fork: its redirections on fds 0 and 1, then the program. */
static void child(const struct command *c, int in, int out)
{
	if (in >= 0) {
		dup2(in, 0);
		close(in);
	}
	if (out >= 0) {
		dup2(out, 1);
		close(out);
	}
	exec_argv(c->argv);
}

/* Says how job pid (named name) ended: the crash summary if the system killed it. */
static void say_end(pid_t pid, int status, const char *prefix, const char *name)
{
	char why[CRASH_SUMMARY_MAX];
	if (crash_summary(pid, why, sizeof why))
		printf("%s%s\n", prefix, why);
	else if (*prefix)
		printf("%s%s: status %d\n", prefix, name, status);
	kill(pid); /* what is left of the job (its children that outlived it) ends */
}

static struct job *free_job(void)
{
	for (int i = 0; i < JOBS_MAX; i++)
		if (!jobs[i].pid)
			return &jobs[i];
	return NULL;
}

void run_command(const struct command *c)
{
	char path[LINE_MAX + 1];
	snprintf(path, sizeof path, "%s%s", strchr(c->argv[0], '/') ? "" : "/", c->argv[0]);
	int fd = open(path), in, out; /* exec's rule: a name with a / is a path, else a
					 program of the root directory */
	bool dir = fd >= 0 && isdir(fd);
	if (fd >= 0)
		close(fd);
	if (fd < 0 || dir) {
		printf("%s: %s\n", c->argv[0], dir ? "is a directory" : "not found");
		return;
	}
	struct job *slot = c->background ? free_job() : NULL;
	if (c->background && !slot) {
		printf("shell: %d background jobs already\n", JOBS_MAX);
		return;
	}
	if (!open_redirections(c, &in, &out))
		return;
	char name[NAME_MAX + 1];
	name_of(c->argv[0], name);
	pid_t pid = fork(name);
	if (pid == 0)
		child(c, in, out);
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	if (pid < 0) {
		printf("shell: cannot start %s: too many processes\n", name);
	} else if (slot) {
		*slot = (struct job){ pid, next_number++, "" };
		strcpy(slot->name, name);
		printf("[%d] %d\n", slot->number, pid);
	} else {
		say_end(pid, wait(pid), "", name);
	}
}

/* Job j ended with status: says so, frees its entry. */
static void done(struct job *j, int status)
{
	char prefix[16];
	snprintf(prefix, sizeof prefix, "[%d] done ", j->number);
	say_end(j->pid, status, prefix, j->name);
	j->pid = 0;
}

void jobs_reap(void)
{
	for (int i = 0; i < JOBS_MAX; i++) {
		int status, r = jobs[i].pid ? try_wait(jobs[i].pid, &status) : 0;
		if (r == 1)
			done(&jobs[i], status);
		else if (r < 0)
			jobs[i].pid = 0;
	}
}

void jobs_list(void)
{
	jobs_reap();
	for (int i = 0; i < JOBS_MAX; i++)
		if (jobs[i].pid)
			printf("[%d] %d running %s\n", jobs[i].number, jobs[i].pid, jobs[i].name);
}

void jobs_wait(const char *which)
{
	int number = which ? atoi(which[0] == '%' ? which + 1 : which) : 0;
	bool found = !which;
	for (int i = 0; i < JOBS_MAX; i++) {
		if (!jobs[i].pid || (which && jobs[i].number != number))
			continue;
		found = true;
		done(&jobs[i], wait(jobs[i].pid));
	}
	if (!found)
		printf("wait: no job %s\n", which);
}

pid_t jobs_pid(const char *spec)
{
	if (spec[0] != '%')
		return atoi(spec);
	for (int i = 0; i < JOBS_MAX; i++)
		if (jobs[i].pid && jobs[i].number == atoi(spec + 1))
			return jobs[i].pid;
	return 0;
}
