/* IRQ objects: an ISA line (vector VEC_IRQ_BASE + line, through the I/O APIC) or a
 * message-signalled interrupt (a vector of VEC_MSI_BASE.., programmed into a PCI device
 * by its driver). The handler signals the bound notification; a level-triggered line
 * stays masked until OP_IRQ_ACK, edge lines and MSIs are never masked (an edge while
 * masked would be lost). */
#include <stdbool.h>
#include <stddef.h>

#include "apic.h"
#include "cap.h"
#include "heap.h"
#include "invoke.h"
#include "ioapic.h"
#include "irq.h"
#include "notification.h"
#include "trap.h"

#define VEC_IRQ_BASE 0xa0 /* after the MSI vectors; 0x42 is the inspection gate */
#define IRQ_CASCADE 2 /* the slave PIC's line on the master: never a device */
#define VEC_MSI_BASE 0x60
#define MSI_VECTORS 64
#define MSI_ADDRESS 0xfee00000ull /* the local APIC's message window (SDM 11.11) */

struct irq {
	struct kobj obj;
	unsigned line; /* ISA line, or MSI index */
	bool msi;
	struct notification *ntfn;
	uint64_t badge;
};

static struct kobj control_obj = { .type = OBJ_IRQ_CONTROL, .refs = 1 };
static struct irq *claimed[ISA_IRQS];
static struct irq *msi_claimed[MSI_VECTORS];

struct kobj *irq_control_object(void) { return &control_obj; }

static void on_irq(struct trap_frame *tf);
static void on_msi(struct trap_frame *tf);

void irq_init(void)
{
	for (unsigned i = 0; i < MSI_VECTORS; i++)
		trap_set_handler(VEC_MSI_BASE + i, on_msi);
	if (!ioapic_init())
		return;
	for (unsigned line = 0; line < ISA_IRQS; line++)
		trap_set_handler(VEC_IRQ_BASE + line, on_irq);
}

static void signal_bound(struct irq *irq)
{
	if (irq && irq->ntfn)
		notification_signal(irq->ntfn, irq->badge);
}

static void on_msi(struct trap_frame *tf)
{
	apic_eoi();
	signal_bound(msi_claimed[tf->vector - VEC_MSI_BASE]);
}

static void on_irq(struct trap_frame *tf)
{
	unsigned line = (unsigned)(tf->vector - VEC_IRQ_BASE);
	struct irq *irq = claimed[line];
	if (ioapic_is_level(line))
		ioapic_mask(line, true);
	apic_eoi();
	signal_bound(irq);
}

/* OP_IRQ_CLAIM_MSI: the first free MSI vector; R0/R1 = the message address and data
 * the driver writes into its device's MSI or MSI-X table. */
static int64_t claim_msi(struct invocation *inv, struct cap *dst)
{
	unsigned i = 0;
	while (i < MSI_VECTORS && msi_claimed[i])
		i++;
	if (i == MSI_VECTORS)
		return ERR_BUSY;
	struct irq *irq = kmalloc(sizeof *irq);
	if (!irq)
		return ERR_NO_MEMORY;
	kobj_init(&irq->obj, OBJ_IRQ, NULL, 0);
	irq->line = i;
	irq->msi = true;
	msi_claimed[i] = irq;
	cap_install(dst, &irq->obj, RIGHTS_ALL, 0, 0);
	inv->r[0] = MSI_ADDRESS | (uint64_t)apic_id() << 12;
	inv->r[1] = VEC_MSI_BASE + i; /* fixed delivery, edge */
	return ERR_OK;
}

int64_t irq_control_invoke(struct invocation *inv)
{
	if (inv->op != OP_IRQ_CLAIM && inv->op != OP_IRQ_CLAIM_MSI)
		return ERR_INVALID_OP;
	if (!(inv->cap->rights & RIGHT_ADMIN))
		return ERR_NO_RIGHTS;
	int64_t err;
	struct cap *dst = cap_empty_slot(inv->table, inv->op == OP_IRQ_CLAIM ? inv->a[1] : inv->a[0], &err);
	if (!dst)
		return err;
	if (inv->op == OP_IRQ_CLAIM_MSI)
		return claim_msi(inv, dst);
	uint64_t line = inv->a[0];
	if (line >= ISA_IRQS || line == IRQ_CASCADE || line == IRQ_COM1)
		return ERR_INVALID_ARG;
	if (claimed[line])
		return ERR_BUSY;
	struct irq *irq = kmalloc(sizeof *irq);
	if (!irq)
		return ERR_NO_MEMORY;
	if (!ioapic_route((unsigned)line, (uint8_t)(VEC_IRQ_BASE + line))) {
		kfree(irq);
		return ERR_INVALID_ARG;
	}
	kobj_init(&irq->obj, OBJ_IRQ, NULL, 0);
	irq->line = (unsigned)line;
	claimed[line] = irq;
	cap_install(dst, &irq->obj, RIGHTS_ALL, 0, 0);
	return ERR_OK;
}

int64_t irq_invoke(struct invocation *inv)
{
	struct irq *irq = (struct irq *)inv->cap->obj;
	if (!(inv->cap->rights & RIGHT_ADMIN))
		return ERR_NO_RIGHTS;
	if (inv->op == OP_IRQ_ACK) {
		if (!irq->msi)
			ioapic_mask(irq->line, false);
		return ERR_OK;
	}
	if (inv->op != OP_IRQ_SET_NOTIFY)
		return ERR_INVALID_OP;
	int64_t err = notification_bind(inv->table, inv->a[0], &irq->ntfn, &irq->badge);
	if (err)
		return err;
	if (!irq->msi)
		ioapic_mask(irq->line, false);
	return ERR_OK;
}

void irq_destroy(struct kobj *o)
{
	struct irq *irq = (struct irq *)o;
	if (irq->msi) {
		msi_claimed[irq->line] = NULL;
	} else {
		ioapic_mask(irq->line, true);
		claimed[irq->line] = NULL;
	}
	if (irq->ntfn)
		kobj_unref(&irq->ntfn->obj);
	kfree(irq);
}
