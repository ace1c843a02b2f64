/* The kernel's system-call interface: numbers, registers, error codes, object types,
 * rights and operations. Shared by the kernel and every user program (user/lib wraps it).
 *
 * Calling convention (the `syscall` instruction):
 *   in:  rax = SYS_*, rdi = capability index, rsi = message tag or operation,
 *        rdx, r10, r8, r9 = message registers MR0..MR3 / arguments A0..A3
 *   out: rax = 0 or a negative ERR_*, rdi = badge (IPC) or result R0,
 *        rsi = message tag (IPC), rdx, r10, r8, r9 = MR0..MR3 / results R1..R4
 *   rcx and r11 are clobbered (the instruction uses them); all other registers are kept.
 * Messages longer than 4 words carry MR4.. in the thread's IPC buffer (struct ipc_buffer).
 * A number outside enum sys_number (the whole 64-bit rax is compared) is
 * ERR_INVALID_SYSCALL.
 *
 * IPC rules:
 * - A tag with more than MSG_MAX_WORDS words or more than one capability is
 *   ERR_INVALID_ARG. Words beyond MR3 need IPC buffers on both sides (else only MR0..MR3
 *   arrive, and the received tag says so).
 * - A capability travels only if the sender's endpoint capability has RIGHT_GRANT and
 *   the receiver named an empty recv_slot; otherwise the message arrives without it
 *   (received tag: 0 capabilities; ipc_buffer.recv_caps = 0). The receiver's copy is
 *   derived from the sender's, so the sender can revoke it later.
 * - A thread that received a call owes one reply; receiving again first is ERR_BUSY.
 * - Badges are set once: deriving or copying an already badged capability with a new
 *   badge is ERR_INVALID_ARG, so a client cannot pose as another.
 * - SYS_WAIT and SYS_POLL return the notification word in rdi.
 */
#ifndef ABI_SYSCALL_H
#define ABI_SYSCALL_H

#include <stdint.h>

enum sys_number {
	SYS_CALL = 1,       /* send on an endpoint and wait for the reply */
	SYS_SEND = 2,       /* send on an endpoint (blocks until received) */
	SYS_RECV = 3,       /* wait for a message on an endpoint */
	SYS_REPLY = 4,      /* answer the last caller received; never blocks */
	SYS_REPLY_RECV = 5, /* SYS_REPLY then SYS_RECV, one kernel entry */
	SYS_SIGNAL = 6,     /* OR the capability's badge into a notification */
	SYS_WAIT = 7,       /* wait until a notification's word is non-zero, take it */
	SYS_POLL = 8,       /* take a notification's word without waiting (may be 0) */
	SYS_YIELD = 9,      /* give the CPU to another thread of the same priority */
	SYS_INVOKE = 10,    /* an operation on an object: rsi = OP_*, A0..A3 arguments */
	SYS_NULL = 11,      /* does nothing; for measuring the syscall path */
	SYS_BUSY = 12,      /* rdi = TSC cycles the CPU has run anything but its idle thread
			       since boot (the idle thread's halts, and the interrupts it
			       takes, excluded); under -icount shift=7, 128 per instruction */
	SYS_COUNT
};

/* Errors: every decode failure has its own code, so a caller can tell what it got wrong. */
enum sys_error {
	ERR_OK = 0,
	ERR_INVALID_SYSCALL = -1, /* unknown SYS_* */
	ERR_INVALID_CAP = -2,     /* capability index outside the table */
	ERR_EMPTY_SLOT = -3,      /* no capability in that slot */
	ERR_WRONG_TYPE = -4,      /* the capability names another kind of object */
	ERR_NO_RIGHTS = -5,       /* the capability lacks a right the operation needs */
	ERR_INVALID_OP = -6,      /* no such operation on this object type */
	ERR_INVALID_ARG = -7,     /* an argument is out of range or malformed */
	ERR_SLOT_FULL = -8,       /* the destination slot already holds a capability */
	ERR_NO_MEMORY = -9,       /* the memory pool (or the kernel) has no memory left */
	ERR_ALREADY_MAPPED = -10, /* something is mapped at that address */
	ERR_NOT_MAPPED = -11,     /* nothing is mapped at that address */
	ERR_BAD_ADDRESS = -12,    /* not a user address, unaligned, or crosses KERN_BASE */
	ERR_NO_CALLER = -13,      /* SYS_REPLY with no caller waiting */
	ERR_BUSY = -14,           /* the object is in a state that forbids the operation */
	ERR_NO_IPC_BUFFER = -15,  /* the operation needs an IPC buffer and has none */
	ERR_DEAD = -16,           /* the partner died or the endpoint was destroyed */
};

/* Object types (a capability names one object of one type). */
enum obj_type {
	OBJ_NONE = 0,
	OBJ_THREAD,
	OBJ_VSPACE,       /* an address space */
	OBJ_CAPTABLE,     /* a table of capabilities (each thread runs with one) */
	OBJ_ENDPOINT,
	OBJ_NOTIFICATION,
	OBJ_FRAME,        /* one 4 KiB page of memory, or of device memory */
	OBJ_POOL,         /* a memory quota from which objects are created */
	OBJ_IRQ,          /* one interrupt line, delivered to a notification */
	OBJ_IRQ_CONTROL,  /* the right to claim interrupt lines */
	OBJ_IOPORTS,      /* a range of I/O ports */
	OBJ_DEVMEM,       /* a range of physical device memory, cut into frames */
	OBJ_CONSOLE,      /* the serial console */
	OBJ_SYSTEM,       /* power off */
	OBJ_TYPE_COUNT
};

/* Rights carried by a capability; a derived capability has a subset. */
#define RIGHT_READ (1u << 0)   /* frames: map readable; endpoints: receive */
#define RIGHT_WRITE (1u << 1)  /* frames: map writable; endpoints: send */
#define RIGHT_EXEC (1u << 2)   /* frames: map executable */
#define RIGHT_GRANT (1u << 3)  /* endpoints: may transfer capabilities */
#define RIGHT_ADMIN (1u << 4)  /* every other operation on the object */
#define RIGHTS_ALL 0x1fu

/* Operations of SYS_INVOKE (rsi), by object type; an operation of another type is
 * ERR_INVALID_OP. Arguments A0..A3 in rdx, r10, r8, r9;
 * results R0..R4 in rdi, rsi, rdx, r10, r8. Slots are indices in the caller's table. */
enum sys_op {
	/* capability table of the caller (the capability names any slot of it) */
	OP_CAP_DERIVE = 1,   /* A0 = destination slot, A1 = rights mask, A2 = badge (0: keep) */
	OP_CAP_DELETE,       /* remove this capability; its derived ones stay */
	OP_CAP_REVOKE,       /* remove every capability derived from this one */
	OP_CAP_INFO,         /* R0 = type, R1 = rights, R2 = badge */
	/* OBJ_CAPTABLE (another table, or the caller's own) */
	OP_CAPTABLE_COPY_IN = 16, /* A0 = own source slot, A1 = destination slot in this table,
				     A2 = rights mask, A3 = badge (0: keep) */
	/* OBJ_POOL */
	OP_POOL_CREATE = 32, /* A0 = obj_type, A1 = destination slot, A2 = size argument
				(OBJ_CAPTABLE: slots; OBJ_POOL: bytes split off) */
	OP_POOL_INFO,        /* R0 = bytes free, R1 = bytes in quota */
	/* OBJ_VSPACE */
	OP_VSPACE_MAP = 48,  /* A0 = frame slot, A1 = address (page aligned, in
				[0x1000, KERN_BASE)), A2 = RIGHT_READ|WRITE|EXEC; the frame
				capability must hold RIGHT_READ and every right asked for */
	OP_VSPACE_MAP_BATCH, /* A0 = count (<= MAP_BATCH_MAX); IPC buffer: map_batch entries */
	OP_VSPACE_UNMAP,     /* A0 = address, A1 = pages; unmapped pages are skipped */
	OP_VSPACE_PROTECT,   /* A0 = address, A1 = pages, A2 = rights (only removes rights) */
	OP_VSPACE_AD_BITS,   /* A0 = address, A1 = pages (<= AD_BITS_MAX): read and clear the
				accessed/dirty bits into the IPC buffer: 2 bits per page
				(bit 0 accessed, bit 1 dirty), page i at word i / 32 */
	/* OBJ_THREAD */
	OP_THREAD_CONFIGURE = 64, /* A0 = vspace slot, A1 = captable slot, A2 = IPC buffer
				     frame slot (RAM, not device memory), A3 = where the
				     caller mapped it (checked: page aligned, below
				     KERN_BASE; the kernel itself uses the frame) */
	OP_THREAD_SET_FAULT,  /* A0 = endpoint slot for faults (copied, badge included) */
	OP_THREAD_WRITE_REGS, /* A0 = rip, A1 = rsp, A2 = rdi, A3 = rsi */
	OP_THREAD_SET_PRIORITY, /* A0 = priority, 0..PRIORITY_MAX and at most the caller's own
				   (ERR_NO_RIGHTS above it) */
	OP_THREAD_RESUME,
	OP_THREAD_SUSPEND,
	OP_THREAD_INFO,       /* R0 = thread_state, R1 = exit status (THREAD_DEAD),
				 R2 = timer ticks the thread has run, R3 = TSC cycles it
				 has run (idle excluded; under -icount 128 per instruction) */
	OP_THREAD_READ_REGS,  /* R0 = rip, R1 = rsp, R2 = rbp, R3 = rflags of a thread that
				 is not running (stopped in a fault, blocked, inactive) */
	/* OBJ_FRAME */
	OP_FRAME_INFO = 80,   /* R0 = physical address (for DMA), R1 = 1 if device memory */
	/* OBJ_IRQ_CONTROL */
	OP_IRQ_CLAIM = 96,    /* A0 = ISA IRQ number (0..15), A1 = destination slot */
	/* OBJ_IRQ */
	OP_IRQ_SET_NOTIFY,    /* A0 = notification slot (its badge is signalled) */
	OP_IRQ_ACK,           /* re-enable the line after handling (no-op for MSIs) */
	OP_IRQ_CLAIM_MSI,     /* on OBJ_IRQ_CONTROL: A0 = destination slot; R0 = MSI address,
				 R1 = MSI data, to program into the device (PCI MSI/MSI-X) */
	/* OBJ_IOPORTS */
	OP_IOPORT_IN = 112,   /* A0 = port, A1 = width 1/2/4; R0 = value */
	OP_IOPORT_OUT,        /* A0 = port, A1 = width, A2 = value */
	OP_IOPORT_ISSUE,      /* A0 = first port, A1 = count, A2 = destination slot */
	/* OBJ_DEVMEM */
	OP_DEVMEM_FRAME = 128, /* A0 = physical address (page aligned, not RAM), A1 =
				  destination slot; the pages the kernel drives itself (local
				  APIC, I/O APIC, ACPI tables) are ERR_NO_RIGHTS; charged to
				  the root pool */
	/* OBJ_CONSOLE */
	OP_CONSOLE_WRITE = 144, /* A0 = bytes (<= CONSOLE_WRITE_MAX) from the IPC buffer */
	OP_CONSOLE_READ,        /* A0 = most bytes wanted (<= CONSOLE_WRITE_MAX): received
				   bytes into the IPC buffer words; R0 = count (0: none yet) */
	OP_CONSOLE_SET_NOTIFY,  /* A0 = notification slot, signalled when input arrives */
	OP_CONSOLE_SET_FOREGROUND, /* A0 = badge, A1 = CONSOLE_COOKED or 0 (RIGHT_ADMIN): from
				   now on, only console capabilities with that badge (or
				   RIGHT_ADMIN) may read and set the notify; others get
				   ERR_BUSY (a new badge unbinds the input notification,
				   signalling it once). Cooked: the kernel echoes what is typed and
				   Ctrl-C signals the interrupt notification instead of being
				   read. At boot: badge 0, raw */
	OP_CONSOLE_SET_INTERRUPT, /* A0 = notification slot (RIGHT_ADMIN), signalled when
				     Ctrl-C is typed in cooked mode */
	/* OBJ_SYSTEM */
	OP_SYSTEM_POWEROFF = 160, /* A0 = enum poweroff_outcome (abi/poweroff.h); does not
				     return (ERR_INVALID_ARG for another value) */
	/* OBJ_NOTIFICATION (RIGHT_READ and RIGHT_WRITE) */
	OP_NOTIFY_ALARM = 176, /* A0 = timer ticks (1..ALARM_TICKS_MAX; 0 cancels), A1 = bits
				  (not 0): ORed into the word once that many ticks have
				  passed; one alarm per notification, a new one replaces it */
};

#define ALARM_TICKS_MAX (1ull << 32)

#define PRIORITY_MAX 255
#define MAP_BATCH_MAX 64
#define AD_BITS_MAX 2048
#define CONSOLE_WRITE_MAX 512

#define CONSOLE_COOKED 1ull /* OP_CONSOLE_SET_FOREGROUND: echo, and Ctrl-C interrupts */
#define CONSOLE_CTRL_C 0x03

/* Thread states reported by OP_THREAD_INFO. */
enum thread_state {
	THREAD_INACTIVE = 0, /* created or suspended */
	THREAD_RUNNABLE,
	THREAD_BLOCKED,      /* in IPC or waiting on a notification */
	THREAD_DEAD,         /* killed by a fault reply; exit status kept */
};

/* A message tag: label (set by the sender, passed through), length in words (MR0..),
 * number of capabilities transferred (0 or 1; slot in ipc_buffer.send_cap). */
#define MSG_MAX_WORDS 64
#define MSG_TAG(label, words, caps) (((uint64_t)(label) << 12) | ((uint64_t)(caps) << 7) | (words))
#define MSG_LABEL(tag) ((tag) >> 12)
#define MSG_WORDS(tag) ((tag) & 0x7f)
#define MSG_CAPS(tag) (((tag) >> 7) & 0x1f)
#define MSG_REG_WORDS 4 /* MR0..MR3 travel in registers */

/* The per-thread IPC buffer: one page, mapped in the thread's address space and named
 * to the kernel with OP_THREAD_CONFIGURE. The kernel reads and writes only this page of
 * user memory (through its own mapping of the frame). */
struct ipc_buffer {
	uint64_t mr[MSG_MAX_WORDS]; /* mr[0..3] unused: those travel in registers */
	uint64_t send_cap;          /* sender: slot of the capability to transfer */
	uint64_t recv_slot;         /* receiver: empty slot for a transferred capability */
	uint64_t recv_caps;         /* set by the kernel: capabilities received (0 or 1) */
	uint64_t words[445];        /* operation data: map batches, bitmaps, console bytes */
};
_Static_assert(sizeof(struct ipc_buffer) == 4096, "ipc_buffer is one page");

/* One entry of OP_VSPACE_MAP_BATCH, in ipc_buffer.words. */
struct map_batch_entry {
	uint64_t frame_slot;
	uint64_t addr_rights; /* page address | RIGHT_* in the low bits */
};

/* Faults: a user exception stops the thread and becomes a call on its fault endpoint,
 * with the badge of that endpoint capability:
 *   label FAULT_PAGE:      MR0 = address, MR1 = error bits, MR2 = rip, MR3 = rsp
 *   label FAULT_EXCEPTION: MR0 = vector, MR1 = error code, MR2 = rip, MR3 = rsp
 * The handler's reply decides (label):
 *   FAULT_REPLY_RESUME:     run the thread again (retry the instruction)
 *   FAULT_REPLY_MAP_RESUME: MR0 = count (1..FAULT_MAP_MAX), then count pairs
 *                           (frame slot, address | rights) from MR1 (the tag must carry
 *                           1 + 2 * count words): map, then resume
 *   FAULT_REPLY_KILL:       MR0 = exit status; the thread dies (THREAD_DEAD)
 * A thread without a fault endpoint dies on its first fault with status -1. */
enum fault_label {
	FAULT_PAGE = 1,
	FAULT_EXCEPTION = 2,
};
enum fault_reply {
	FAULT_REPLY_RESUME = 1,
	FAULT_REPLY_MAP_RESUME = 2,
	FAULT_REPLY_KILL = 3,
};
#define FAULT_MAP_MAX 16

/* Page inspection: `int $0x42` with a user address in rax returns in rax the physical
 * address of the frame mapped at that page of the caller's own address space, 0 when
 * none is (Pintos-KAIST's get_phys_addr). Every other register is kept. */
#define INSPECT_VECTOR 0x42
#define PF_ERR_PRESENT (1u << 0)
#define PF_ERR_WRITE (1u << 1)
#define PF_ERR_USER (1u << 2)
#define PF_ERR_FETCH (1u << 4)

#endif
