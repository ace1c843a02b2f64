/* Console, power, I/O ports and device memory as capabilities. */
#include "devices.h"

#include <stdbool.h>
#include <stddef.h>

#include "bootinfo.h"
#include "cap.h"
#include "console.h"
#include "frame.h"
#include "invoke.h"
#include "memlayout.h"
#include "notification.h"
#include "paging.h"
#include "pool.h"
#include "power.h"
#include "thread.h"

#define MAX_PHYS_BITS 52
#define IOPORT_LIMIT 0x10000

static struct kobj console_obj = { .type = OBJ_CONSOLE, .refs = 1 };
static struct kobj system_obj = { .type = OBJ_SYSTEM, .refs = 1 };
static struct kobj ioports_obj = { .type = OBJ_IOPORTS, .refs = 1 };
static struct kobj devmem_obj = { .type = OBJ_DEVMEM, .refs = 1 };
static const struct boot_info *boot_info;
static struct pool *devmem_pool; /* charged for device frame objects */
static struct notification *input_ntfn; /* signalled when console input arrives */
static uint64_t input_badge;
static struct notification *interrupt_ntfn; /* signalled on Ctrl-C in cooked mode */
static uint64_t interrupt_badge;
static uint64_t foreground; /* the badge of the console capabilities that may read */
static bool cooked;         /* echo typed bytes; Ctrl-C interrupts (OP_CONSOLE_SET_FOREGROUND) */

struct kobj *console_object(void) { return &console_obj; }
struct kobj *system_object(void) { return &system_obj; }
struct kobj *ioports_object(void) { return &ioports_obj; }
struct kobj *devmem_object(void) { return &devmem_obj; }

void devmem_charge_to(struct pool *pool)
{
	kobj_ref(&pool->obj);
	devmem_pool = pool;
}

static void input_arrived(void)
{
	if (input_ntfn)
		notification_signal(input_ntfn, input_badge);
}

/* A typed byte, in cooked mode: Ctrl-C signals the interrupt instead of being read;
 * anything else is echoed (Enter as a new line, backspace erasing). Raw: kept as is. */
static bool input_byte(char c)
{
	if (!cooked)
		return true;
	if (c == CONSOLE_CTRL_C) {
		console_write("^C\n", 3);
		if (interrupt_ntfn)
			notification_signal(interrupt_ntfn, interrupt_badge);
		return false;
	}
	if (c == '\r' || c == '\n')
		console_write("\n", 1);
	else if (c == '\b' || c == 0x7f)
		console_write("\b \b", 3);
	else if (c >= ' ')
		console_write(&c, 1);
	return true;
}

void devices_init(const struct boot_info *bi)
{
	boot_info = bi;
	if (!console_input_init(input_byte, input_arrived))
		kprintf("kernel: no I/O APIC: console input is off\n");
}

/* The right op needs on the console. */
static uint32_t console_right(uint64_t op)
{
	return op == OP_CONSOLE_WRITE ? RIGHT_WRITE :
	       op == OP_CONSOLE_SET_FOREGROUND || op == OP_CONSOLE_SET_INTERRUPT ? RIGHT_ADMIN :
	       RIGHT_READ;
}

int64_t console_invoke(struct invocation *inv)
{
	uint32_t need = console_right(inv->op);
	if (inv->op < OP_CONSOLE_WRITE || inv->op > OP_CONSOLE_SET_INTERRUPT)
		return ERR_INVALID_OP;
	if ((inv->cap->rights & need) != need)
		return ERR_NO_RIGHTS;
	if (inv->op == OP_CONSOLE_SET_INTERRUPT)
		return notification_bind(inv->table, inv->a[0], &interrupt_ntfn, &interrupt_badge);
	if (inv->op == OP_CONSOLE_SET_FOREGROUND) {
		if (inv->a[1] & ~CONSOLE_COOKED)
			return ERR_INVALID_ARG;
		if (inv->a[0] != foreground && input_ntfn) {
			/* the old reader wakes, asks again and is refused */
			notification_signal(input_ntfn, input_badge);
			kobj_unref(&input_ntfn->obj);
			input_ntfn = NULL;
		}
		foreground = inv->a[0];
		cooked = inv->a[1] & CONSOLE_COOKED;
		return ERR_OK;
	}
	if (need == RIGHT_READ && !(inv->cap->rights & RIGHT_ADMIN) && inv->cap->badge != foreground)
		return ERR_BUSY; /* input belongs to another badge's holders now */
	if (inv->op == OP_CONSOLE_SET_NOTIFY)
		return notification_bind(inv->table, inv->a[0], &input_ntfn, &input_badge);
	if (!inv->caller->ipc)
		return ERR_NO_IPC_BUFFER;
	if (inv->a[0] > CONSOLE_WRITE_MAX)
		return ERR_INVALID_ARG;
	char *bytes = (char *)inv->caller->ipc->words;
	if (inv->op == OP_CONSOLE_WRITE)
		console_write(bytes, inv->a[0]);
	else
		inv->r[0] = console_read(bytes, inv->a[0]);
	return ERR_OK;
}

int64_t system_invoke(struct invocation *inv)
{
	if (inv->op != OP_SYSTEM_POWEROFF)
		return ERR_INVALID_OP;
	if (!(inv->cap->rights & RIGHT_ADMIN))
		return ERR_NO_RIGHTS;
	if (inv->a[0] >= POWEROFF_OUTCOMES)
		return ERR_INVALID_ARG;
	power_off((enum poweroff_outcome)inv->a[0]);
}

/* Ports the kernel drives itself: COM1, the PICs, the PIT, fw_cfg, the exit device. */
static bool kernel_port(uint64_t port)
{
	return (port >= 0x3f8 && port <= 0x3ff) || port == 0x20 || port == 0x21 || port == 0xa0 ||
	       port == 0xa1 || (port >= 0x40 && port <= 0x43) || port == 0x61 ||
	       port == 0x510 || port == 0x511 || (port >= 0xf4 && port <= 0xf7);
}

static bool in_range(uint64_t data, uint64_t port, uint64_t count)
{
	uint64_t first = data & 0xffff, n = data >> 16;
	return port >= first && count <= n && port - first <= n - count;
}

static int64_t port_io(struct invocation *inv)
{
	uint64_t port = inv->a[0], width = inv->a[1];
	if (width != 1 && width != 2 && width != 4)
		return ERR_INVALID_ARG;
	if (!in_range(inv->cap->data, port, width))
		return ERR_NO_RIGHTS;
	for (uint64_t p = port; p < port + width; p++)
		if (kernel_port(p))
			return ERR_NO_RIGHTS;
	uint16_t p16 = (uint16_t)port;
	if (inv->op == OP_IOPORT_OUT) {
		uint32_t v = (uint32_t)inv->a[2];
		if (width == 1)
			__asm__ volatile("outb %b0, %w1" ::"a"(v), "Nd"(p16));
		else if (width == 2)
			__asm__ volatile("outw %w0, %w1" ::"a"(v), "Nd"(p16));
		else
			__asm__ volatile("outl %0, %w1" ::"a"(v), "Nd"(p16));
		return ERR_OK;
	}
	uint32_t v = 0;
	if (width == 1)
		__asm__ volatile("inb %w1, %b0" : "=a"(v) : "Nd"(p16));
	else if (width == 2)
		__asm__ volatile("inw %w1, %w0" : "=a"(v) : "Nd"(p16));
	else
		__asm__ volatile("inl %w1, %0" : "=a"(v) : "Nd"(p16));
	inv->r[0] = v;
	return ERR_OK;
}

int64_t ioports_invoke(struct invocation *inv)
{
	if (inv->op == OP_IOPORT_IN || inv->op == OP_IOPORT_OUT)
		return port_io(inv);
	if (inv->op != OP_IOPORT_ISSUE)
		return ERR_INVALID_OP;
	int64_t err;
	struct cap *dst = cap_empty_slot(inv->table, inv->a[2], &err);
	if (!dst)
		return err;
	if (inv->a[1] == 0 || inv->a[0] >= IOPORT_LIMIT || inv->a[1] > IOPORT_LIMIT)
		return ERR_INVALID_ARG;
	if (!in_range(inv->cap->data, inv->a[0], inv->a[1]))
		return ERR_NO_RIGHTS;
	cap_derive(dst, inv->cap, RIGHTS_ALL, 0);
	dst->data = ioport_range(inv->a[0], inv->a[1]);
	return ERR_OK;
}

static bool in_ram(uint64_t pa)
{
	for (uint32_t i = 0; i < boot_info->mem_count; i++) {
		const struct boot_mem_range *r = &boot_info->mem[i];
		if (r->type != BOOT_MEM_RESERVED && pa >= r->base && pa - r->base < r->pages * PAGE_SIZE)
			return true;
	}
	return false;
}

int64_t devmem_invoke(struct invocation *inv)
{
	if (inv->op != OP_DEVMEM_FRAME)
		return ERR_INVALID_OP;
	if (!(inv->cap->rights & RIGHT_ADMIN))
		return ERR_NO_RIGHTS;
	int64_t err;
	struct cap *dst = cap_empty_slot(inv->table, inv->a[1], &err);
	if (!dst)
		return err;
	uint64_t pa = inv->a[0];
	if ((pa & (PAGE_SIZE - 1)) || pa >> MAX_PHYS_BITS || in_ram(pa))
		return ERR_INVALID_ARG;
	if (paging_is_kernel_mmio(pa))
		return ERR_NO_RIGHTS; /* the local APIC, the I/O APIC, ACPI tables: the kernel's */
	struct frame *f = frame_of(pa);
	if (f) {
		kobj_ref(&f->obj);
	} else {
		f = frame_create_at(devmem_pool, pa, true);
		if (!f)
			return ERR_NO_MEMORY;
	}
	cap_install(dst, &f->obj, RIGHT_READ | RIGHT_WRITE | RIGHT_ADMIN, 0, 0);
	return ERR_OK;
}
