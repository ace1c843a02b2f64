/* A virtio 1.x "modern" PCI device (virtio 1.x section 4.1): its vendor capabilities
 * mapped from the BARs, reset and feature negotiation, queue set-up, MSI-X delivered to a
 * notification, and queue notifications. Independent of the device type. */
#ifndef VIRTIO_VIRTIO_PCI_H
#define VIRTIO_VIRTIO_PCI_H

#include <stdbool.h>
#include <stdint.h>

#include "pci.h"
#include "virtqueue.h"
#include "window.h"

#define VIRTIO_VENDOR 0x1af4
#define VIRTIO_F_VERSION_1 (1ull << 32)

/* The common configuration structure (virtio 1.x 4.1.4.3). */
struct virtio_common_cfg {
	uint32_t device_feature_select;
	uint32_t device_feature;
	uint32_t driver_feature_select;
	uint32_t driver_feature;
	uint16_t msix_config;
	uint16_t num_queues;
	uint8_t device_status;
	uint8_t config_generation;
	uint16_t queue_select;
	uint16_t queue_size;
	uint16_t queue_msix_vector;
	uint16_t queue_enable;
	uint16_t queue_notify_off;
	uint32_t queue_desc_lo, queue_desc_hi;
	uint32_t queue_driver_lo, queue_driver_hi;
	uint32_t queue_device_lo, queue_device_hi;
};
_Static_assert(sizeof(struct virtio_common_cfg) == 56, "virtio_pci_common_cfg layout");

/* What a device needs from its task: capability slots and a window of addresses. */
struct virtio_env {
	uint64_t ioports;     /* covers the PCI configuration ports 0xcf8..0xcff */
	uint64_t devmem;      /* device memory (the BARs) */
	uint64_t irq_control; /* for claiming an MSI vector */
	uint64_t vspace;      /* the caller's address space */
	uint64_t window;      /* page-aligned start of VIRTIO_WINDOW_SIZE free bytes */
};
#define VIRTIO_WINDOW_SIZE 0x40000ull

/* Where a structure lives: BAR, offset and length in it. */
struct virtio_region {
	unsigned bar;
	uint32_t offset;
	uint32_t length;
};

struct virtio_pci {
	struct pci pci;
	uint32_t bdf;
	struct window window;
	uint64_t irq_control;
	volatile struct virtio_common_cfg *common;
	volatile void *device_cfg; /* the device-type-specific configuration */
	uint32_t device_cfg_len;
	struct virtio_region notify_region;
	uint32_t notify_mult;      /* bytes between the notification addresses of queues */
	volatile uint16_t *notify; /* queue 0's notification address */
	uint64_t irq;              /* the claimed MSI vector (slot) */
	uint64_t notification;     /* signalled with VIRTIO_IRQ_BADGE on each interrupt */
};
#define VIRTIO_IRQ_BADGE 1

/* Finds the index-th function for which match holds (pci_find), enables its memory
 * space and bus mastering, maps its common, notification and device configuration
 * structures into env->window, resets it and sets ACKNOWLEDGE and DRIVER. Returns 0,
 * VIRTIO_ERR_NO_DEVICE, VIRTIO_ERR_BAD_DEVICE (a structure missing or not in a memory
 * BAR) or an error of window_map_device; on failure the slots and mappings made so far
 * stay. */
int64_t virtio_pci_open(struct virtio_pci *v, const struct virtio_env *env,
			bool (*match)(uint16_t vendor, uint16_t device), unsigned index);

/* Accepts the features wanted & offered, which must include VIRTIO_F_VERSION_1, and
 * sets FEATURES_OK; *accepted = the features accepted. Returns 0 or VIRTIO_ERR_FEATURES
 * (the device is then marked FAILED). */
int64_t virtio_pci_negotiate(struct virtio_pci *v, uint64_t wanted, uint64_t *accepted);

/* Claims an MSI vector, binds it to a fresh notification (badge VIRTIO_IRQ_BADGE) and
 * programs it as MSI-X table entry 0, then sets queue 0 up with q (virtqueue_init'ed in
 * v->window, at most the device's queue size) interrupting through entry 0, and sets
 * DRIVER_OK. Returns 0, VIRTIO_ERR_BAD_DEVICE (no MSI-X), VIRTIO_ERR_QUEUE (queue 0
 * absent, too small, or the vector refused) or the kernel's ERR_*; on failure the device
 * is marked FAILED. */
int64_t virtio_pci_start(struct virtio_pci *v, struct virtqueue *q);

/* Reads the 64-bit field at offset of the device configuration into *value, again
 * until the configuration generation is the same before and after. Returns 0 or
 * VIRTIO_ERR_BAD_DEVICE if the structure is shorter. */
int64_t virtio_pci_config64(struct virtio_pci *v, uint32_t offset, uint64_t *value);

/* The size queue 0 may have: the device's maximum, capped at VQ_SIZE (0: no queue). */
uint16_t virtio_pci_queue_size(struct virtio_pci *v);

/* Tells the device that queue 0 has new buffers. */
void virtio_pci_notify(struct virtio_pci *v);

#endif
