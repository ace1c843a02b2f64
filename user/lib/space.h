/* Address spaces and the threads in them, as built by a task with a memory pool (the
 * root task, through objects.h): a new space with its own capability table, capabilities
 * given to it, and threads started in it or in the caller's own space. */
#ifndef ULIB_SPACE_H
#define ULIB_SPACE_H

#include <stdbool.h>
#include <stdint.h>

#include "rootinfo.h"

/* An address space and the capability table its threads run with (slots in the
 * caller's table), and how many thread areas (uthread.h) it has handed out. */
struct space {
	uint64_t vspace;
	uint64_t captable;
	unsigned areas;
	bool own; /* the caller's own space and table */
};

/* What a new thread runs: its role and argument (uthread.h), the endpoint slot (in the
 * caller's table) its faults go to or 0 for none, its priority, whether it starts
 * running at once (else it stays THREAD_INACTIVE until thread_resume), and whether it
 * gets no capability to itself (it then cannot thread_exit, nor touch its own thread). */
struct thread_spec {
	uint64_t role;
	uint64_t arg;
	uint64_t fault_ep;
	uint64_t priority;
	bool run;
	bool no_self;
};

/* A started thread: its capability in the caller's table, and its thread area. */
struct uthread {
	uint64_t thread;
	unsigned area;
};

/* The caller's own address space and table (slots of the root task). */
void space_self(struct space *sp);

/* Creates an empty address space with a table of slots slots. Returns 0 or ERR_*. */
int64_t space_create(struct space *sp, uint32_t slots);

/* Copies the caller's capability src into slot dst of sp's table, with rights masked and
 * badge set (0: keep). Returns 0 or ERR_*. */
int64_t space_give(const struct space *sp, uint64_t src, uint64_t dst, uint32_t rights,
		   uint64_t badge);

/* Maps the PT_LOAD segments of the ELF module m (mapped in the caller at m->addr) into
 * sp: pages of read-only segments share the module's frames, the others get fresh
 * frames filled with the file bytes and zeros. Stores the entry point in *entry.
 * Returns 0, ERR_INVALID_ARG for an image elf_check_user rejects, or the kernel's ERR_*
 * (the frames made so far stay mapped: the caller drops the whole space). */
int64_t space_load_elf(struct space *sp, const struct root_module *m, uint64_t *entry);

/* Starts a thread at entry in the next thread area of sp: a new thread object, its IPC
 * buffer and stack frames mapped there, its own capability given to it (CSLOT_SELF +
 * area in a new space, unless spec->no_self), configured as spec says. Fills *t.
 * Returns 0 or ERR_*, ERR_BUSY when sp has no area left; on failure the objects made so
 * far stay in the caller's slots, unused. */
int64_t thread_start(struct space *sp, uint64_t entry, const struct thread_spec *spec,
		     struct uthread *t);

#endif
