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
/* The longest name readdir writes, in bytes (Pintos: 14). FAT long names are up to 255
 * characters; a name whose UTF-8 is longer than this comes as its short name. */
#define READDIR_MAX_LEN 255
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

/* Directories (Pintos' project 4). Every call that takes a file name takes a path: '/'
 * separates directories, a path not starting with '/' starts at the process's working
 * directory (the root at first; fork and exec keep it), "." and ".." are as in POSIX (the
 * root's ".." is the root). open of a directory gives an fd for readdir, isdir, inumber
 * and close (read, write, filesize, seek and mmap refuse it); remove removes an empty
 * directory that no process has open or as its working directory. */
bool chdir(const char *dir);
bool mkdir(const char *dir);
/* The next name in directory fd ("." and ".." skipped) into name; false when none is
 * left, or fd is not a directory. */
bool readdir(int fd, char name[READDIR_MAX_LEN + 1]);
bool isdir(int fd);
/* A number for fd's file or directory, unique among those on the disk; -1 for a bad fd. */
int inumber(int fd);

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
