/* devices: I/O port capabilities (ranges, the kernel's own ports refused), an interrupt
 * line delivered as notifications (the RTC's periodic interrupt, ISA IRQ 8), and device
 * memory (frames only outside RAM). console-input: typed bytes arrive in order, with a
 * notification. */
#include "console.h"
#include "ktest.h"
#include "objects.h"
#include "str.h"
#include "uthread.h"

#define RTC_INDEX 0x70
#define RTC_DATA 0x71
#define RTC_NMI_OFF 0x80 /* keeps NMIs masked while a register is selected */
#define RTC_REG_A 0x0a
#define RTC_REG_B 0x0b
#define RTC_REG_C 0x0c
#define RTC_RATE_64HZ 10
#define RTC_B_PERIODIC 0x40
#define RTC_C_PERIODIC 0x40
#define RTC_IRQ 8
#define RTC_BADGE 0x100
#define RTC_INTERRUPTS 5
#define COM1_PORT 0x3f8
#define IOAPIC_PAGE 0xfec00000ull
#define LAPIC_PAGE 0xfee00000ull
#define HPET_PAGE 0xfed00000ull /* a device the kernel does not use */

static uint8_t rtc_read(uint64_t ports, uint8_t reg)
{
	uint64_t v = 0;
	CHECK_OK(ioport_out(ports, RTC_INDEX, 1, RTC_NMI_OFF | reg));
	CHECK_OK(ioport_in(ports, RTC_DATA, 1, &v));
	return (uint8_t)v;
}

static void rtc_write(uint64_t ports, uint8_t reg, uint8_t v)
{
	CHECK_OK(ioport_out(ports, RTC_INDEX, 1, RTC_NMI_OFF | reg));
	CHECK_OK(ioport_out(ports, RTC_DATA, 1, v));
}

/* A range capability covers its ports and nothing else; the kernel's ports are never
 * reachable, even with the capability of all ports. */
static uint64_t check_port_ranges(void)
{
	uint64_t ports = slot_alloc(), v;
	CHECK_OK(ioport_issue(SLOT_IOPORTS, RTC_INDEX, 2, ports));
	CHECK_ERR(ioport_in(ports, RTC_INDEX - 1, 1, &v), ERR_NO_RIGHTS);
	CHECK_ERR(ioport_in(ports, RTC_DATA, 2, &v), ERR_NO_RIGHTS); /* runs past the range */
	CHECK_ERR(ioport_in(ports, RTC_DATA, 3, &v), ERR_INVALID_ARG);
	CHECK_ERR(ioport_issue(ports, RTC_INDEX, 3, slot_alloc()), ERR_NO_RIGHTS);
	CHECK_ERR(ioport_in(SLOT_IOPORTS, COM1_PORT, 1, &v), ERR_NO_RIGHTS);
	CHECK_ERR(ioport_out(SLOT_IOPORTS, 0xf4, 1, 0x10), ERR_NO_RIGHTS); /* no exit for free */
	return ports;
}

static uint64_t check_irq_claims(void)
{
	uint64_t irq = slot_alloc();
	CHECK_ERR(irq_claim(SLOT_IRQ_CONTROL, 4, slot_alloc()), ERR_INVALID_ARG); /* console */
	CHECK_ERR(irq_claim(SLOT_IRQ_CONTROL, 16, slot_alloc()), ERR_INVALID_ARG);
	CHECK_OK(irq_claim(SLOT_IRQ_CONTROL, RTC_IRQ, irq));
	CHECK_ERR(irq_claim(SLOT_IRQ_CONTROL, RTC_IRQ, slot_alloc()), ERR_BUSY);
	CHECK_ERR(irq_set_notify(irq, SLOT_CONSOLE), ERR_WRONG_TYPE);
	return irq;
}

static void check_devmem(void)
{
	uint64_t f = slot_alloc(), phys = 0, device = 0;
	CHECK_ERR(devmem_frame(SLOT_DEVMEM, 0x100000, slot_alloc()), ERR_INVALID_ARG); /* RAM */
	CHECK_ERR(devmem_frame(SLOT_DEVMEM, HPET_PAGE + 1, slot_alloc()), ERR_INVALID_ARG);
	/* The kernel's own interrupt controllers are never handed out. */
	CHECK_ERR(devmem_frame(SLOT_DEVMEM, IOAPIC_PAGE, slot_alloc()), ERR_NO_RIGHTS);
	CHECK_ERR(devmem_frame(SLOT_DEVMEM, LAPIC_PAGE, slot_alloc()), ERR_NO_RIGHTS);
	uint64_t free_before = 0, free_after = 0, quota = 0;
	CHECK_OK(pool_info(SLOT_POOL, &free_before, &quota));
	CHECK_OK(devmem_frame(SLOT_DEVMEM, HPET_PAGE, f));
	CHECK_OK(pool_info(SLOT_POOL, &free_after, &quota));
	CHECK(free_after < free_before); /* device frame objects are charged */
	CHECK_OK(frame_info(f, &phys, &device));
	CHECK(phys == HPET_PAGE && device == 1);
	/* Device memory cannot be an IPC buffer: the kernel reaches those through RAM. */
	CHECK_ERR(thread_configure(new_object(OBJ_THREAD), SLOT_VSPACE, SLOT_CAPTABLE, f, 0x1000),
		  ERR_INVALID_ARG);
}

void test_devices(void)
{
	uint64_t ports = check_port_ranges();
	uint64_t irq = check_irq_claims();
	check_devmem();
	uint64_t n = new_object(OBJ_NOTIFICATION), word = 0;
	CHECK_OK(irq_set_notify(irq, derive(n, RIGHTS_ALL, RTC_BADGE)));
	rtc_write(ports, RTC_REG_A, (uint8_t)((rtc_read(ports, RTC_REG_A) & 0xf0) | RTC_RATE_64HZ));
	rtc_write(ports, RTC_REG_B, rtc_read(ports, RTC_REG_B) | RTC_B_PERIODIC);
	rtc_read(ports, RTC_REG_C); /* clears anything pending */
	for (int i = 0; i < RTC_INTERRUPTS; i++) {
		CHECK_OK(sys_wait(n, &word));
		CHECK(word == RTC_BADGE);
		CHECK(rtc_read(ports, RTC_REG_C) & RTC_C_PERIODIC);
		CHECK_OK(irq_ack(irq));
	}
	rtc_write(ports, RTC_REG_B, rtc_read(ports, RTC_REG_B) & ~RTC_B_PERIODIC);
	CHECK_OK(cap_delete(irq));
	CHECK_OK(irq_claim(SLOT_IRQ_CONTROL, RTC_IRQ, slot_alloc())); /* released with its cap */
}

#define INPUT_EXPECTED "hello, pagos"
#define INPUT_BADGE 0x20
#define UNBOUND_BADGE 0x40
#define INPUT_MAX 64

/* The test case types INPUT_EXPECTED and Enter once it sees the prompt line. */
void test_console_input(void)
{
	uint64_t n = new_object(OBJ_NOTIFICATION), word = 0, got = 0;
	char line[INPUT_MAX + 1];
	size_t len = 0;
	CHECK_ERR(console_read(SLOT_CONSOLE, CONSOLE_WRITE_MAX + 1, &got), ERR_INVALID_ARG);
	CHECK_ERR(console_set_notify(SLOT_CONSOLE, SLOT_POOL), ERR_WRONG_TYPE);
	uint64_t job = derive(SLOT_CONSOLE, RIGHT_READ | RIGHT_WRITE, 7);
	uint64_t other = derive(SLOT_CONSOLE, RIGHT_READ, 8);
	CHECK_ERR(console_set_foreground(job, 7, 0), ERR_NO_RIGHTS); /* only RIGHT_ADMIN may */
	CHECK_ERR(console_set_foreground(SLOT_CONSOLE, 7, 2), ERR_INVALID_ARG);
	CHECK_ERR(console_set_interrupt(job, n), ERR_NO_RIGHTS);
	CHECK_OK(console_set_foreground(SLOT_CONSOLE, 7, 0));
	CHECK_OK(console_read(job, INPUT_MAX, &got));
	CHECK_ERR(console_read(other, INPUT_MAX, &got), ERR_BUSY);
	CHECK_ERR(console_set_notify(other, n), ERR_BUSY);
	CHECK_OK(console_read(SLOT_CONSOLE, INPUT_MAX, &got)); /* RIGHT_ADMIN reads always */
	CHECK_OK(console_set_notify(job, derive(n, RIGHTS_ALL, UNBOUND_BADGE)));
	CHECK_OK(console_set_foreground(SLOT_CONSOLE, 0, 0));
	CHECK_OK(sys_wait(n, &word)); /* the old reader is woken once, to ask again */
	CHECK(word == UNBOUND_BADGE);
	CHECK_ERR(console_read(job, INPUT_MAX, &got), ERR_BUSY);
	/* a new foreground unbinds the notification: bind it now */
	CHECK_OK(console_set_notify(SLOT_CONSOLE, derive(n, RIGHTS_ALL, INPUT_BADGE)));
	CHECK_OK(console_read(SLOT_CONSOLE, INPUT_MAX, &got));
	CHECK(got == 0); /* nothing typed yet */
	cprintf("ktest console-input: type a line\n");
	while (len == 0 || line[len - 1] != '\r') {
		CHECK_OK(sys_wait(n, &word));
		CHECK(word == INPUT_BADGE);
		CHECK_OK(console_read(SLOT_CONSOLE, INPUT_MAX - len, &got));
		const char *bytes = (const char *)ipc_buf()->words;
		for (uint64_t i = 0; i < got; i++)
			line[len++] = bytes[i];
		CHECK(len < INPUT_MAX);
	}
	line[len - 1] = '\0';
	cprintf("ktest console-input: got '%s'\n", line);
	CHECK(str_eq(line, INPUT_EXPECTED));
}
