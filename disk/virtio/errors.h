/* Error codes of the virtio-blk library. Every function returns 0, one of these, or the
 * kernel's ERR_* (abi/syscall.h, -1..-16) from a system call that failed: the ranges
 * do not overlap, so one int64_t carries either. */
#ifndef VIRTIO_ERRORS_H
#define VIRTIO_ERRORS_H

enum virtio_error {
	VIRTIO_ERR_NO_DEVICE = -100,   /* no virtio-blk device with that index on the bus */
	VIRTIO_ERR_BAD_DEVICE = -101,  /* a capability or BAR is missing or malformed */
	VIRTIO_ERR_WINDOW_FULL = -102, /* the driver's address window is too small */
	VIRTIO_ERR_FEATURES = -103,    /* VIRTIO_F_VERSION_1 not offered, or FEATURES_OK refused */
	VIRTIO_ERR_QUEUE = -104,       /* queue 0 absent, too small, or its MSI-X vector refused */
	VIRTIO_ERR_RANGE = -105,       /* sectors past the end, count 0 or over the maximum */
	VIRTIO_ERR_IO = -106,          /* the device reported an I/O error */
	VIRTIO_ERR_UNSUPPORTED = -107, /* the device refused the request (or is read-only) */
};

#endif
