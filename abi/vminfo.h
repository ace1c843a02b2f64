/* What the pager tells any process about memory: metadata only, never page contents
 * (PG_PS, PG_VMSTAT, PG_PMAP in abi/process.h). Each reply carries one of the structs
 * below in its message words from MR4; the names tables give the words of the trace
 * (trace=pager) for the counters. */
#ifndef ABI_VMINFO_H
#define ABI_VMINFO_H

#include <stdint.h>

/* What a fault became (the trace's OUTCOME). */
enum fault_outcome {
	OUT_ZERO_FILL, OUT_LAZY_FILE, OUT_SHARED_FILE, OUT_MMAP_FILE, OUT_STACK_GROW,
	OUT_SWAP_IN, OUT_SWAP_SHARED, OUT_COW_COPY, OUT_COW_REUSE, OUT_WRITE_AFTER_SWAP,
	OUT_WRITE_ENABLE, OUT_SPURIOUS, OUT_KILL, OUT_KILL_NO_MEMORY, OUT_KILL_IO_ERROR,
	FAULT_OUTCOMES
};
#define FAULT_OUTCOME_NAMES                                                              \
	{ "zero-fill", "lazy-file", "shared-file", "mmap-file", "stack-grow", "swap-in",   \
	  "swap-shared", "cow-copy", "cow-reuse", "write-after-swap", "write-enable",      \
	  "spurious", "kill", "kill-no-memory", "kill-io-error" }

/* What an eviction did with its frame (the trace's "evict 0xADDR -> HOW"). */
enum evict_outcome {
	EVICT_SWAP_OUT, EVICT_SWAP_CLEAN, EVICT_WRITE_BACK, EVICT_DROP, EVICT_OUTCOMES
};
#define EVICT_OUTCOME_NAMES { "swap-out", "swap-clean", "write-back", "drop" }

#define VM_NAME_MAX 32

/* One process (PG_PS). pages: the size of its address space (its areas, in pages);
 * records: the pages the pager keeps a record for (touched at least once: the pager's
 * memory spent on it); of those, resident (with a frame), swapped (contents in a swap
 * slot, no frame), shared (a frame another page holds). */
struct vm_proc {
	int32_t pid, parent;       /* parent 0: none */
	uint32_t state;            /* 1 running, 2 exited (a zombie) */
	uint32_t pages, records, resident, swapped, shared;
	uint32_t slots;            /* of its pages, those holding a swap slot (with a frame or not) */
	uint32_t evicted;          /* of its pages, by the clock */
	uint32_t faults[FAULT_OUTCOMES];
	char name[VM_NAME_MAX];
};
_Static_assert(sizeof(struct vm_proc) == 40 + 4 * FAULT_OUTCOMES + VM_NAME_MAX, "vm_proc");

/* The kinds of frames vmstat counts, by the pages that hold them. */
enum vm_frame_kind { VM_FRAME_ANON, VM_FRAME_EXE, VM_FRAME_FILE, VM_FRAME_KINDS };

/* The whole system (PG_VMSTAT): frames for user pages and swap slots, the page records
 * the pager keeps (all processes), the kernel's memory held for processes (their
 * threads, tables, address spaces with their page tables, IPC and fd pages) out of the
 * share set aside for them, and what the faults and evictions since boot became. */
struct vm_stat {
	uint64_t frames_budget, frames_used;
	uint64_t frames_by_kind[VM_FRAME_KINDS];       /* used frames by their pages' kind */
	uint64_t frames_shared;                        /* held by more than one page */
	uint64_t swap_slots, swap_used;
	uint64_t processes;                            /* running */
	uint64_t page_records;
	uint64_t process_kernel, process_kernel_max;   /* bytes */
	uint64_t faults[FAULT_OUTCOMES];
	uint64_t evictions[EVICT_OUTCOMES];
};
_Static_assert(sizeof(struct vm_stat) == 8 * (12 + FAULT_OUTCOMES + EVICT_OUTCOMES), "vm_stat");

/* A region's rights. */
#define VM_READ 1u
#define VM_WRITE 2u
#define VM_EXEC 4u

/* The kinds of a process's regions. */
enum vm_region_kind { VM_CODE, VM_DATA, VM_BSS, VM_HEAP, VM_STACK, VM_MMAP, VM_KINDS };
#define VM_KIND_NAMES { "code", "data", "bss", "heap", "stack", "mmap" }

/* One region of a process (PG_PMAP): [start, end), its rights, where its bytes come
 * from, and its pages: all of them (pages), resident, swapped, shared, dirty (known
 * written: a write fault marked it, or the clock read its dirty bit; an anonymous page
 * mapped writable at its first touch counts once the clock has looked), untouched (not
 * in memory and nothing saved: still the file's bytes or zeros). A zombie has none. */
struct vm_region {
	uint64_t start, end;
	uint32_t kind, rights;     /* enum vm_region_kind; VM_READ, VM_WRITE, VM_EXEC */
	uint64_t offset;           /* in the file (code, data, mmap) */
	uint64_t file;             /* mmap: the disk server's file id */
	uint32_t pages, resident, swapped, shared, dirty, untouched;
	char path[VM_NAME_MAX];    /* the executable (code, data, bss) */
};
_Static_assert(sizeof(struct vm_region) == 64 + VM_NAME_MAX, "vm_region");

#endif
