/* The kernel's singleton device objects handed to the root task: the console, power,
 * I/O ports and device memory. */
#ifndef KERNEL_DEVICES_H
#define KERNEL_DEVICES_H

#include <stdint.h>

#include "object.h"

struct boot_info;
struct pool;

/* The singletons, each with a boot reference that is never dropped. */
struct kobj *console_object(void);
struct kobj *system_object(void);
struct kobj *ioports_object(void);
struct kobj *devmem_object(void);
/* Device frame objects created through the device-memory capability are charged to
 * pool (the root task's). */
void devmem_charge_to(struct pool *pool);
/* Remembers the RAM ranges, so device-memory frames can never alias RAM, and turns on
 * console input. Call after irq_init (it needs the I/O APIC). */
void devices_init(const struct boot_info *bi);
/* The capability data of an I/O port range: first | count << 16. */
static inline uint64_t ioport_range(uint64_t first, uint64_t count) { return first | count << 16; }

#endif
