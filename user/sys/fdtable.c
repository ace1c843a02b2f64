/* The process's fd table (fdtable.h). */
#include "fdtable.h"

#include "process.h"

struct fd_entry {
	enum fd_kind kind;
	int server;
};

/* The process's fd table page (abi/process.h): kept by exec, copied by fork. */
#define table ((struct fd_entry *)PROCESS_FD_ADDR)
_Static_assert(FD_MAX * sizeof(struct fd_entry) <= 4096, "the fd table fits its page");

enum fd_kind fd_lookup(int fd, int *server)
{
	*server = -1;
	if (fd < 0 || fd >= FD_MAX)
		return FD_CLOSED;
	struct fd_entry e = table[fd];
	if (e.kind == FD_DEFAULT)
		e = fd == 0 ? (struct fd_entry){ FD_CONSOLE_IN, -1 }
		    : fd == 1 ? (struct fd_entry){ FD_CONSOLE_OUT, -1 }
			      : (struct fd_entry){ FD_FILE, fd };
	*server = e.server;
	return e.kind;
}

/* True if an fd other than except names server descriptor server. */
static bool named_elsewhere(int server, int except)
{
	for (int fd = 0; fd < FD_MAX; fd++) {
		int s;
		if (fd != except && fd_lookup(fd, &s) == FD_FILE && s == server)
			return true;
	}
	return false;
}

int fd_install(int server, bool (*is_open)(int server))
{
	int s;
	if (server >= 2 && server < FD_MAX && table[server].kind == FD_DEFAULT) {
		table[server] = (struct fd_entry){ FD_FILE, server };
		return server;
	}
	for (int fd = 2; fd < FD_MAX; fd++) {
		enum fd_kind k = fd_lookup(fd, &s);
		if (k == FD_CLOSED || (table[fd].kind == FD_DEFAULT && fd != server &&
				       !named_elsewhere(fd, -1) && !is_open(fd))) {
			table[fd] = (struct fd_entry){ FD_FILE, server };
			return fd;
		}
	}
	return -1;
}

int fd_forget(int fd)
{
	int server;
	enum fd_kind k = fd_lookup(fd, &server);
	if (k == FD_CLOSED)
		return -1;
	table[fd] = (struct fd_entry){ FD_CLOSED, -1 };
	return k == FD_FILE && !named_elsewhere(server, fd) ? server : -1;
}

int fd_copy(int oldfd, int newfd)
{
	int server;
	enum fd_kind k = fd_lookup(oldfd, &server);
	int drop = fd_forget(newfd);
	table[newfd] = (struct fd_entry){ k, server };
	return drop == server ? -1 : drop;
}
