/* The disk server's protocol: files for processes, pages for the pager, blocks of the
 * swap disk. Every request is a SYS_CALL on the server's endpoint; the label says what,
 * MR0..MR3 carry the arguments, and data travels in one of three ways: paths and small
 * reads in the message words after them (from MR4 on, in ipc_buffer.mr[4..], the only
 * buffer words IPC copies; the tag counts them); a process's file bytes in its I/O buffer,
 * DISK_BUFFER_PAGES frames that the pager lends the server once per process (DISK_BUFFER)
 * and that the process sees at PROCESS_IO_ADDR (abi/process.h); whole pages of the pager's
 * in a frame capability sent with the call (the client's endpoint capability needs
 * RIGHT_GRANT).
 * Each client holds an endpoint capability badged with its client id (the server keeps
 * one table of open files per client id); ids >= DISK_CLIENT_TRUSTED (the pager's, the
 * root task's) may also use the trusted operations. Replies: MR0 = a result >= 0 or a
 * negative DISK_E* code; other words as listed. No request does long work in one go:
 * one that would gets DISK_EAGAIN after a step of it, and the client sends it again
 * (requests queued meanwhile are served first). */
#ifndef ABI_DISK_H
#define ABI_DISK_H

#include <stdint.h>

#include "diskstats.h"
#include "rootinfo.h"
#include "syscall.h"

#define DISK_DATA_MR MSG_REG_WORDS /* first message word of a path or of bytes */
#define DISK_PATH_MAX 256        /* bytes of a path, NUL included */
#define DISK_IO_MAX ((MSG_MAX_WORDS - DISK_DATA_MR) * 8) /* bytes per DISK_READ / DISK_WRITE */
#define DISK_FILES_PER_CLIENT 64 /* open handles of one client */
#define DISK_CLIENTS 48          /* clients with open files at once: the pager's process limit */
#define DISK_MMAPS_PER_CLIENT 16 /* file ids the pager holds for one process's mmaps */
/* File ids (DISK_REOPEN) held at once: one per mmap of every process, one per running
 * executable, and one for an exec finding out whether its file runs already. A pager
 * keeping to the limits above never finds the table full, so no process can exhaust it
 * for the others. */
#define DISK_FILE_IDS (DISK_CLIENTS * (DISK_MMAPS_PER_CLIENT + 1) + 1)
#define DISK_FD_FIRST 2          /* fds 0 and 1 are the console (the C library's) */
#define DISK_CLIENT_TRUSTED (1ull << 32)
#define DISK_CLIENT_ZEROER (DISK_CLIENT_TRUSTED + 1) /* the server's own background thread */
#define DISK_PAGE_SIZE 4096
/* A client's I/O buffer: bytes of DISK_BULK_READ / DISK_BULK_WRITE, from its start. */
#define DISK_BUFFER_PAGES 4
#define DISK_BUFFER_SIZE (DISK_BUFFER_PAGES * DISK_PAGE_SIZE)
/* DISK_REOPEN's MR2: deny writes to the file while the id is held (a running
 * executable); the id will write the file back (a writable mmap: refused, DISK_EPERM,
 * for a system file). */
#define DISK_REOPEN_DENY_WRITE 1ull
#define DISK_REOPEN_WRITABLE 2ull

enum disk_label {
	/* Files and directories, for any client. Path requests carry the NUL-terminated path
	 * from MR4 on; a path not starting with '/' starts at the client's working directory
	 * (DISK_CHDIR; the root until then), "." and ".." as in POSIX (the root's ".." is
	 * the root). */
	DISK_CREATE = 1, /* MR0 = initial size: a zero-filled file; 0 or error. Above 64 KiB
			    it reads as zeros at once and its zeros reach the disk later, in
			    the background (the entry grows with them; DISK_SYNC ends it) */
	DISK_OPEN,       /* -> MR0 = fd. A directory's fd serves DISK_READDIR, DISK_INUMBER
			    and DISK_CLOSE (DISK_EBADF for the file requests). A trusted
			    client's MR0, when not 0, names the client whose working
			    directory a relative path starts from */
	DISK_CLOSE,      /* MR0 = fd */
	DISK_READ,       /* MR0 = fd, MR1 = bytes (<= DISK_IO_MAX) -> MR0 = bytes read, data from
			    MR4 on; reads from the fd's offset and advances it (the pager's
			    reads of program headers; processes use DISK_BULK_READ) */
	DISK_WRITE,      /* MR0 = fd, MR1 = bytes (<= DISK_IO_MAX), data from MR4 on ->
			    MR0 = bytes written; the file grows as needed (DISK_EAGAIN while
			    the zeros before the offset are being written) */
	DISK_SEEK,       /* MR0 = fd, MR1 = position (may be past the end) */
	DISK_TELL,       /* MR0 = fd -> MR0 = position */
	DISK_SIZE,       /* MR0 = fd -> MR0 = bytes */
	DISK_REMOVE,     /* the file goes from its directory now; open fds keep its data until
			    the last close. An empty directory too, unless a client has it
			    open or as its working directory (DISK_EBUSY); not the root, nor
			    a path ending in "." or ".." (DISK_EINVAL) */
	DISK_MKDIR,      /* an empty directory */
	DISK_CHDIR,      /* the client's working directory becomes the directory at the path
			    (DISK_ENOTDIR for a file); DISK_FORK copies it, DISK_EXIT drops
			    it. DISK_ENAMETOOLONG when its absolute path would not fit in
			    DISK_PATH_MAX bytes */
	DISK_READDIR,    /* MR0 = fd of a directory -> MR0 = 1 and its next name, NUL-terminated,
			    from MR4 on ("." and ".." skipped; a long name whose UTF-8 does not
			    fit DISK_PATH_MAX comes as its short name); 0 when none is left.
			    DISK_ENOTDIR for a file's fd */
	DISK_INUMBER,    /* MR0 = fd -> MR0 = a number identifying its file or directory among
			    those on the disk (fat_inumber), MR1 = 1 for a directory, 0 for a
			    file */
	DISK_STATS,      /* -> MR0 = 0, struct disk_stats (abi/diskstats.h) from MR4 on */
	DISK_BULK_READ,  /* as DISK_READ, MR1 <= DISK_BUFFER_SIZE, the data at the start of
			    the caller's own I/O buffer (DISK_EINVAL if it has none or MR1 is
			    larger); the bytes after it are left as they were */
	DISK_BULK_WRITE, /* as DISK_WRITE, MR1 <= DISK_BUFFER_SIZE, the data taken from the
			    start of the caller's own I/O buffer */
	/* Trusted: process life cycle and the pager's paging. */
	DISK_FORK = 32,      /* MR0 = parent client id, MR1 = child client id: the child gets a
				copy of every open fd with the parent's offsets, and its
				working directory; DISK_EINVAL if the child id has either */
	DISK_EXIT,           /* MR0 = client id: close all its fds, forget its working
				directory and its I/O buffer */
	DISK_REOPEN,         /* MR0 = client id, MR1 = fd, MR2 = DISK_REOPEN_* bits -> MR0 = a file
				id for page I/O that stays valid after the fd is closed or the
				file removed (mmap), MR1 = the file's size, MR2 = the file's
				identity (equal for ids of one file while any is held). While an id taken
				with "deny writes" is held, DISK_WRITE to that file writes
				nothing and returns 0 (a running executable, as in Pintos) */
	DISK_RELEASE,        /* MR0 = file id from DISK_REOPEN */
	DISK_PAGE_READ,      /* MR0 = file id, MR1 = offset (page aligned), frame capability
				sent: 4096 bytes of the file there, zeros past its end (from
				the server's page cache when it holds them) */
	DISK_PAGE_WRITE,     /* MR0 = file id, MR1 = offset, MR2 = bytes (<= 4096), frame
				capability sent: written back, never past the file's size
				(DISK_EAGAIN as DISK_WRITE) */
	DISK_SWAP_READ,      /* MR0 = slot, frame capability sent: the slot's 4096 bytes */
	DISK_SWAP_WRITE,     /* MR0 = slot, frame capability sent */
	DISK_SWAP_SLOTS,     /* -> MR0 = number of 4096-byte slots on the swap disk */
	DISK_SYNC,           /* everything written so far is on disk, all pending zeros too
				(long when many are pending), and the volume is marked
				cleanly shut down until the next write (send it before
				powering off: a volume left dirty is repaired at the next mount) */
	DISK_ZERO_STEP,      /* from the server's zeroer thread: one step of pending zeros ->
				MR0 = 1 while any remain, 0 when none */
	DISK_BUFFER,         /* MR0 = client id (a process, < DISK_CLIENT_TRUSTED), MR1 = page
				index (< DISK_BUFFER_PAGES), frame capability sent (read and
				write rights): page MR1 of the client's I/O buffer, which the
				server keeps mapped until DISK_EXIT. DISK_EINVAL for a page
				given already, a bad frame or index; DISK_ENFILE when
				DISK_CLIENTS clients hold buffers */
};

enum disk_error {
	DISK_EIO = -1,       /* the device failed */
	DISK_ENOENT = -2,    /* no such file */
	DISK_EEXIST = -3,    /* create: the name exists */
	DISK_ENOSPC = -4,    /* the disk (or a directory) is full */
	DISK_ENAMETOOLONG = -5,
	DISK_EINVAL = -6,    /* a bad name, path, size or argument */
	DISK_EBADF = -7,     /* not an open fd of this client */
	DISK_EMFILE = -8,    /* the client has DISK_FILES_PER_CLIENT files open */
	DISK_ECORRUPT = -9,  /* the file system on disk is inconsistent */
	DISK_EPERM = -10,    /* a trusted operation from an untrusted client, or a change to a
				system file (boot/, EFI/) by a program */
	DISK_EISDIR = -11,
	DISK_ENOTDIR = -12,
	DISK_EFBIG = -13,    /* beyond the largest FAT32 file */
	DISK_ENFILE = -14,   /* the server's tables (clients, open files, file ids) are full */
	DISK_EAGAIN = -15,   /* a step of the work this request needs was done: send it again */
	DISK_ENOTEMPTY = -16, /* removing a directory that holds entries */
	DISK_EBUSY = -17,    /* removing a directory a client has open or works in */
};

/* How the disk server (boot module "disk") starts: in its own address space, whose
 * capability table of DISK_SLOTS slots its starter fills as listed, two threads: the
 * server (role 0), and the zeroer (role DISK_ROLE_ZEROER), which at a priority below
 * every client's asks the server for steps of pending zeros with DISK_ZERO_STEP and
 * sleeps on DISK_SLOT_ZERO_WAKE while there are none. */
#define DISK_ROLE_ZEROER 1
enum disk_slot {
	DISK_SLOT_VSPACE = SLOT_VSPACE,           /* its own address space */
	DISK_SLOT_POOL = SLOT_POOL,               /* memory for its DMA pages and objects */
	DISK_SLOT_CONSOLE = SLOT_CONSOLE,         /* the console (where user/lib prints) */
	DISK_SLOT_IRQ_CONTROL = SLOT_IRQ_CONTROL, /* for the disks' MSI vectors */
	DISK_SLOT_IOPORTS = SLOT_IOPORTS,         /* the PCI configuration ports 0xcf8..0xcff */
	DISK_SLOT_DEVMEM = SLOT_DEVMEM,           /* the disks' BARs */
	DISK_SLOT_ENDPOINT = 12,                  /* the server's endpoint, RIGHT_READ */
	DISK_SLOT_RECV = 13,                      /* kept empty: a frame sent with a request */
	DISK_SLOT_ZERO_CALL = 14,                 /* the endpoint, RIGHT_WRITE, badged
						     DISK_CLIENT_ZEROER: the zeroer's */
	DISK_SLOT_ZERO_WAKE = 15,                 /* a notification: there are pending zeros */
	DISK_SLOT_FREE = 64,                      /* 64 .. DISK_SLOT_BUFFERS - 1: empty */
	DISK_SLOT_BUFFERS = 256,                  /* the clients' I/O buffer frames, from
						     DISK_BUFFER: DISK_BUFFER_PAGES per
						     client, DISK_CLIENTS clients */
	DISK_SLOTS = 512,
};
_Static_assert(DISK_PATH_MAX <= DISK_IO_MAX, "a path fits one message");
_Static_assert(sizeof(struct disk_stats) <= DISK_IO_MAX, "the statistics fit one message");
_Static_assert(DISK_IO_MAX == 480, "DISK_IO_MAX: 60 message words");
_Static_assert(DISK_SLOT_BUFFERS + DISK_CLIENTS * DISK_BUFFER_PAGES <= DISK_SLOTS,
	       "every client's buffer frames have their slots");

#endif
