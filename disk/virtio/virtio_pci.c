/* A virtio 1.x modern PCI device (virtio_pci.h): the vendor capabilities that locate its
 * structures in the BARs, the status handshake, MSI-X and queue 0. The ISR status
 * structure is not used: completions arrive by MSI-X, never by the INTx line. */
#include "virtio_pci.h"

#include "errors.h"
#include "objects.h"
#include "ops.h"

/* virtio_pci_cap (virtio 1.x 4.1.4), a vendor-specific PCI capability. */
#define VCAP_TYPE 3
#define VCAP_BAR 4
#define VCAP_OFFSET 8
#define VCAP_LENGTH 12
#define VCAP_NOTIFY_MULT 16 /* virtio_pci_notify_cap only */
#define VCAP_COMMON 1
#define VCAP_NOTIFY 2
#define VCAP_DEVICE 4
#define VCAP_TYPES 5

#define STATUS_ACKNOWLEDGE 1u
#define STATUS_DRIVER 2u
#define STATUS_DRIVER_OK 4u
#define STATUS_FEATURES_OK 8u
#define STATUS_FAILED 128u
#define RESET_POLLS 1000
#define NO_VECTOR 0xffff

/* The MSI-X capability (PCI 3.0 6.8.2) and one table entry. */
#define MSIX_CONTROL 2
#define MSIX_TABLE 4
#define MSIX_ENABLE (1u << 15)
#define MSIX_FUNCTION_MASK (1u << 14)
#define MSIX_BIR_MASK 7u
struct msix_entry {
	uint32_t address_lo;
	uint32_t address_hi;
	uint32_t data;
	uint32_t control; /* bit 0: masked */
};
#define MSIX_ENTRY_MASKED 1u

/* Maps length bytes at offset of the region (which must hold them) and stores the
 * address in *va. */
static int64_t map_region(struct virtio_pci *v, const struct virtio_region *r, uint64_t offset,
			  uint32_t length, volatile void **va)
{
	uint64_t base;
	if (length == 0 || offset > r->length || length > r->length - offset ||
	    !pci_bar(&v->pci, v->bdf, r->bar, &base))
		return VIRTIO_ERR_BAD_DEVICE;
	return window_map_device(&v->window, base + r->offset + offset, length, va);
}

/* The first structure of each type, from the vendor capabilities; *notify_mult from the
 * notification capability. Returns false if the common, notification or device
 * structure is missing. */
static bool find_regions(struct virtio_pci *v, struct virtio_region regions[VCAP_TYPES],
			 uint32_t *notify_mult)
{
	bool found[VCAP_TYPES] = { false };
	for (unsigned at = pci_cap_find(&v->pci, v->bdf, PCI_CAP_VENDOR, 0); at;
	     at = pci_cap_find(&v->pci, v->bdf, PCI_CAP_VENDOR, at)) {
		unsigned type = pci_read8(&v->pci, v->bdf, at + VCAP_TYPE);
		unsigned bar = pci_read8(&v->pci, v->bdf, at + VCAP_BAR);
		if (type >= VCAP_TYPES || found[type] || bar >= PCI_BARS)
			continue; /* the spec says to ignore reserved BARs and later duplicates */
		found[type] = true;
		regions[type].bar = bar;
		regions[type].offset = pci_read32(&v->pci, v->bdf, at + VCAP_OFFSET);
		regions[type].length = pci_read32(&v->pci, v->bdf, at + VCAP_LENGTH);
		if (type == VCAP_NOTIFY)
			*notify_mult = pci_read32(&v->pci, v->bdf, at + VCAP_NOTIFY_MULT);
	}
	return found[VCAP_COMMON] && found[VCAP_NOTIFY] && found[VCAP_DEVICE];
}

/* Resets the device and waits until it reads back as reset. */
static int64_t reset(struct virtio_pci *v)
{
	v->common->device_status = 0;
	for (unsigned i = 0; i < RESET_POLLS; i++)
		if (v->common->device_status == 0)
			return 0;
	return VIRTIO_ERR_BAD_DEVICE;
}

int64_t virtio_pci_open(struct virtio_pci *v, const struct virtio_env *env,
			bool (*match)(uint16_t vendor, uint16_t device), unsigned index)
{
	struct virtio_region regions[VCAP_TYPES];
	uint32_t mult = 0;
	int64_t err = pci_open(&v->pci, env->ioports);
	if (err)
		return err;
	if (!pci_find(&v->pci, match, index, &v->bdf))
		return VIRTIO_ERR_NO_DEVICE;
	window_init(&v->window, env->vspace, env->devmem, env->window, VIRTIO_WINDOW_SIZE);
	v->irq_control = env->irq_control;
	if (!find_regions(v, regions, &mult))
		return VIRTIO_ERR_BAD_DEVICE;
	uint16_t cmd = pci_read16(&v->pci, v->bdf, PCI_COMMAND);
	pci_write16(&v->pci, v->bdf, PCI_COMMAND,
		    cmd | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | PCI_COMMAND_INTX_OFF);
	volatile void *common, *device;
	err = map_region(v, &regions[VCAP_COMMON], 0, sizeof(struct virtio_common_cfg), &common);
	if (!err)
		err = map_region(v, &regions[VCAP_DEVICE], 0, regions[VCAP_DEVICE].length, &device);
	if (err)
		return err;
	v->common = common;
	v->device_cfg = device;
	v->device_cfg_len = regions[VCAP_DEVICE].length;
	v->notify_region = regions[VCAP_NOTIFY];
	v->notify_mult = mult;
	err = reset(v);
	if (err)
		return err;
	v->common->device_status = STATUS_ACKNOWLEDGE;
	v->common->device_status = STATUS_ACKNOWLEDGE | STATUS_DRIVER;
	return 0;
}

static void fail(struct virtio_pci *v)
{
	v->common->device_status |= STATUS_FAILED;
}

static uint64_t read_features(struct virtio_pci *v)
{
	v->common->device_feature_select = 0;
	uint64_t low = v->common->device_feature;
	v->common->device_feature_select = 1;
	return low | (uint64_t)v->common->device_feature << 32;
}

int64_t virtio_pci_negotiate(struct virtio_pci *v, uint64_t wanted, uint64_t *accepted)
{
	uint64_t features = read_features(v) & wanted;
	if (!(features & VIRTIO_F_VERSION_1)) {
		fail(v);
		return VIRTIO_ERR_FEATURES;
	}
	v->common->driver_feature_select = 0;
	v->common->driver_feature = (uint32_t)features;
	v->common->driver_feature_select = 1;
	v->common->driver_feature = (uint32_t)(features >> 32);
	v->common->device_status |= STATUS_FEATURES_OK;
	if (!(v->common->device_status & STATUS_FEATURES_OK)) {
		fail(v);
		return VIRTIO_ERR_FEATURES;
	}
	*accepted = features;
	return 0;
}

int64_t virtio_pci_config64(struct virtio_pci *v, uint32_t offset, uint64_t *value)
{
	if (offset % 4 || offset > v->device_cfg_len || v->device_cfg_len - offset < 8)
		return VIRTIO_ERR_BAD_DEVICE;
	volatile uint32_t *field = (volatile uint32_t *)((volatile uint8_t *)v->device_cfg + offset);
	uint8_t generation;
	do {
		generation = v->common->config_generation;
		*value = field[0] | (uint64_t)field[1] << 32;
	} while (generation != v->common->config_generation);
	return 0;
}

uint16_t virtio_pci_queue_size(struct virtio_pci *v)
{
	v->common->queue_select = 0;
	uint16_t max = v->common->queue_size, size = VQ_SIZE;
	while (size > max)
		size /= 2;
	return size;
}

/* A fresh notification, bound to the claimed vector v->irq through a capability with
 * VIRTIO_IRQ_BADGE. */
static int64_t bind_notification(struct virtio_pci *v)
{
	uint64_t badged = slot_alloc();
	int64_t err = obj_new(OBJ_NOTIFICATION, 0, &v->notification);
	if (err)
		return err;
	if (!badged)
		return ERR_SLOT_FULL;
	err = cap_derive(v->notification, badged, RIGHTS_ALL, VIRTIO_IRQ_BADGE);
	if (!err)
		err = irq_set_notify(v->irq, badged);
	return err;
}

/* Claims an MSI vector for v->notification and makes it MSI-X table entry 0: the
 * function stays masked while the entry is written, the entry is unmasked, then the
 * function. */
static int64_t msix_setup(struct virtio_pci *v)
{
	unsigned cap = pci_cap_find(&v->pci, v->bdf, PCI_CAP_MSIX, 0);
	if (!cap)
		return VIRTIO_ERR_BAD_DEVICE;
	uint32_t table = pci_read32(&v->pci, v->bdf, cap + MSIX_TABLE);
	struct virtio_region r = { table & MSIX_BIR_MASK, table & ~MSIX_BIR_MASK,
				   sizeof(struct msix_entry) };
	volatile void *va;
	uint64_t address, data;
	int64_t err = map_region(v, &r, 0, sizeof(struct msix_entry), &va);
	if (err)
		return err;
	v->irq = slot_alloc();
	if (!v->irq)
		return ERR_SLOT_FULL;
	err = irq_claim_msi(v->irq_control, v->irq, &address, &data);
	if (!err)
		err = bind_notification(v);
	if (err)
		return err;
	uint16_t control = pci_read16(&v->pci, v->bdf, cap + MSIX_CONTROL);
	pci_write16(&v->pci, v->bdf, cap + MSIX_CONTROL,
		    control | MSIX_ENABLE | MSIX_FUNCTION_MASK);
	volatile struct msix_entry *e = va;
	e->control = MSIX_ENTRY_MASKED;
	e->address_lo = (uint32_t)address;
	e->address_hi = (uint32_t)(address >> 32);
	e->data = (uint32_t)data;
	e->control = 0;
	pci_write16(&v->pci, v->bdf, cap + MSIX_CONTROL,
		    (control | MSIX_ENABLE) & ~MSIX_FUNCTION_MASK);
	return 0;
}

/* Gives queue 0 the rings of q and MSI-X entry 0, maps its notification address and
 * enables it. */
static int64_t queue_setup(struct virtio_pci *v, struct virtqueue *q)
{
	volatile struct virtio_common_cfg *c = v->common;
	c->msix_config = NO_VECTOR; /* configuration changes are not followed */
	c->queue_select = 0;
	if (c->queue_size < q->size)
		return VIRTIO_ERR_QUEUE;
	c->queue_size = q->size;
	c->queue_msix_vector = 0;
	if (c->queue_msix_vector != 0)
		return VIRTIO_ERR_QUEUE; /* the device could not use the vector */
	c->queue_desc_lo = (uint32_t)q->desc_phys;
	c->queue_desc_hi = (uint32_t)(q->desc_phys >> 32);
	c->queue_driver_lo = (uint32_t)q->avail_phys;
	c->queue_driver_hi = (uint32_t)(q->avail_phys >> 32);
	c->queue_device_lo = (uint32_t)q->used_phys;
	c->queue_device_hi = (uint32_t)(q->used_phys >> 32);
	volatile void *notify;
	int64_t err = map_region(v, &v->notify_region, (uint64_t)c->queue_notify_off * v->notify_mult,
				 sizeof(uint16_t), &notify);
	if (err)
		return err;
	v->notify = notify;
	c->queue_enable = 1;
	return 0;
}

int64_t virtio_pci_start(struct virtio_pci *v, struct virtqueue *q)
{
	int64_t err = msix_setup(v);
	if (!err)
		err = queue_setup(v, q);
	if (err) {
		fail(v);
		return err;
	}
	v->common->device_status |= STATUS_DRIVER_OK;
	return 0;
}

void virtio_pci_notify(struct virtio_pci *v)
{
	*v->notify = 0; /* the queue's index */
}
