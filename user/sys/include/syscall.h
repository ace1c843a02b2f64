/* The system API of user programs, with the names, types and semantics of Pintos-KAIST's
 * lib/user/syscall.h, so programs written for Pintos build and run unchanged. fds 0 and
 * 1 are the console. A bad pointer passed to any call ends the process with exit(-1). */
#ifndef PAGOS_SYSCALL_H
#define PAGOS_SYSCALL_H

#include <debug.h>
#include <stdbool.h>
#include <stddef.h>

typedef int pid_t;
#define PID_ERROR ((pid_t)-1)
typedef int off_t;
#define MAP_FAILED ((void *)NULL)
#ifndef EXIT_SUCCESS
#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#endif

_Noreturn void halt(void);
_Noreturn void exit(int status);
pid_t fork(const char *thread_name);
int exec(const char *cmd_line);
int wait(pid_t pid);
bool create(const char *file, unsigned initial_size);
bool remove(const char *file);
int open(const char *file);
int filesize(int fd);
int read(int fd, void *buffer, unsigned length);
int write(int fd, const void *buffer, unsigned length);
void seek(int fd, unsigned position);
unsigned tell(int fd);
void close(int fd);
int dup2(int oldfd, int newfd);
void *mmap(void *addr, size_t length, int writable, int fd, off_t offset);
void munmap(void *addr);

/* Page inspection (not in Pintos' syscall.h; its VM tests call it): the identity of the
 * frame mapped at addr's page, or 0 when the page is not in memory. Equal for pages that
 * share a frame, different after a copy-on-write copy. */
static inline void *get_phys_addr(const void *addr)
{
	void *result = (void *)addr;
	__asm__ volatile("int $0x42" : "+a"(result) : : "memory");
	return result;
}

#endif
