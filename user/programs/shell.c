/* The interactive shell, the first process when the boot command line has no run=: reads
 * a line, runs it as a program with arguments (fork, exec, wait) and prints its status;
 * "exit" ends the shell, which powers the machine off. */
#include <pagos.h>
#include <stdio.h>
#include <string.h>
#include <syscall.h>

#define LINE_MAX 256

/* Reads one line typed on the console, echoing it; returns its length. */
static size_t read_line(char *line, size_t size)
{
	size_t n = 0;
	for (;;) {
		char c;
		if (read(0, &c, 1) != 1)
			break;
		if (c == '\r' || c == '\n') {
			write(1, "\n", 1);
			break;
		}
		if ((c == '\b' || c == 0x7f) && n > 0) {
			n--;
			write(1, "\b \b", 3);
		} else if (c >= ' ' && n + 1 < size) {
			line[n++] = c;
			write(1, &c, 1);
		}
	}
	line[n] = '\0';
	return n;
}

int main(void)
{
	char line[LINE_MAX];
	printf("pagos shell: type a program and its arguments, or exit\n");
	for (;;) {
		printf("$ ");
		read_line(line, sizeof line);
		char *cmd = line;
		while (*cmd == ' ')
			cmd++;
		if (!*cmd)
			continue;
		if (!strcmp(cmd, "exit"))
			return 0;
		pid_t pid = fork("shell-child");
		if (pid == 0)
			exec(cmd);
		if (pid < 0) {
			printf("shell: cannot fork\n");
			continue;
		}
		int status = wait(pid);
		char why[CRASH_SUMMARY_MAX];
		if (crash_summary(pid, why, sizeof why))
			printf("%s\n", why);
		printf("shell: %s: status %d\n", cmd, status);
	}
}
