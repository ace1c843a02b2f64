/* The process's file descriptors: what each fd number means. fd 0 reads the console and
 * fd 1 writes it; other fds name a descriptor of the disk server (which keeps the open
 * files and their offsets under the process's pid). dup2 makes two fds name one server
 * descriptor, so they share its offset. The table lives in the process's fd table page
 * (abi/process.h), which the pager keeps across exec and copies for a forked child, so
 * open files and dup2 aliases survive both. */
#ifndef SYS_FDTABLE_H
#define SYS_FDTABLE_H

#include <stdbool.h>

#define FD_MAX 128

enum fd_kind {
	FD_DEFAULT = 0, /* 0, 1: the console; N >= 2: server descriptor N (maybe not open) */
	FD_CLOSED,
	FD_CONSOLE_IN,
	FD_CONSOLE_OUT,
	FD_FILE,        /* server descriptor fd_server() */
};

/* The kind of fd (FD_CLOSED outside [0, FD_MAX)); *server = its server descriptor. */
enum fd_kind fd_lookup(int fd, int *server);
/* A new fd for server descriptor server: the same number if free, else the lowest free
 * one (a default fd counts as free only if is_open says its server descriptor is not
 * open); -1 if none is free (the caller closes server). */
int fd_install(int server, bool (*is_open)(int server));
/* Forgets fd; returns the server descriptor to close (no other fd names it), or -1. */
int fd_forget(int fd);
/* newfd becomes a copy of oldfd (see dup2); returns a server descriptor newfd named
 * that must now be closed, or -1. */
int fd_copy(int oldfd, int newfd);

#endif
