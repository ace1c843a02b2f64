/* The loader's firmware state and its ways to talk and to fail (see firmware.h). */
#include "firmware.h"

#include <stdarg.h>

#include "fmt.h"
#include "poweroff.h"

#define LINE_MAX 256
#define COM1 0x3f8
#define COM1_LSR (COM1 + 5)
#define LSR_THR_EMPTY 0x20
/* Time for a person to read the error line on real hardware before shutdown. */
#define FAIL_READ_DELAY_US 10000000

EFI_HANDLE g_image;
EFI_SYSTEM_TABLE *g_st;
static int boot_services_gone;

static void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/* After ExitBootServices the firmware console is gone; COM1 is still set up by the
 * firmware, so bytes go to the UART directly (a missing UART reads 0xff: no hang). */
static void serial_write(const char *s)
{
	for (; *s; s++) {
		while (!(inb(COM1_LSR) & LSR_THR_EMPTY))
			;
		outb(COM1, (uint8_t)*s);
	}
}

static void console_write(const char *s)
{
	CHAR16 wide[LINE_MAX];
	unsigned n = 0;

	if (boot_services_gone) {
		serial_write(s);
		return;
	}
	while (*s && n + 1 < LINE_MAX)
		wide[n++] = (CHAR16)(unsigned char)*s++;
	wide[n] = 0;
	g_st->ConOut->OutputString(g_st->ConOut, wide);
}

static void vprint_line(const char *prefix, const char *f, va_list ap)
{
	char line[LINE_MAX];
	size_t room = sizeof line - 2; /* keeps space for "\r\n" */
	size_t n = fmt_snprintf(line, room, "%s", prefix);

	if (n < room - 1)
		n += fmt_vsnprintf(line + n, room - n, f, ap);
	if (n > room - 1)
		n = room - 1; /* the formatters return the untruncated length */
	line[n++] = '\r';
	line[n++] = '\n';
	line[n] = '\0';
	console_write(line);
}

void fw_print(const char *f, ...)
{
	va_list ap;

	va_start(ap, f);
	vprint_line("", f, ap);
	va_end(ap);
}

void fail(const char *path, const char *f, ...)
{
	char prefix[LINE_MAX];
	va_list ap;

	if (path)
		fmt_snprintf(prefix, sizeof prefix, "loader: %s: ", path);
	else
		fmt_snprintf(prefix, sizeof prefix, "loader: ");
	va_start(ap, f);
	vprint_line(prefix, f, ap);
	va_end(ap);
	outb(DEBUG_EXIT_PORT, DEBUG_EXIT_FAILURE);
	if (!boot_services_gone)
		g_st->BootServices->Stall(FAIL_READ_DELAY_US);
	g_st->RuntimeServices->ResetSystem(EfiResetShutdown, EFI_LOAD_ERROR, 0, NULL);
	for (;;)
		__asm__ volatile("cli; hlt");
}

void fw_boot_services_gone(void)
{
	boot_services_gone = 1;
}

const char *fw_status(EFI_STATUS st)
{
	switch (st) {
	case EFI_NOT_FOUND:
		return "not found";
	case EFI_OUT_OF_RESOURCES:
		return "out of resources";
	case EFI_INVALID_PARAMETER:
		return "invalid parameter";
	case EFI_BUFFER_TOO_SMALL:
		return "buffer too small";
	case EFI_DEVICE_ERROR:
		return "device error";
	case EFI_ACCESS_DENIED:
		return "access denied";
	case EFI_VOLUME_CORRUPTED:
		return "volume corrupted";
	case EFI_UNSUPPORTED:
		return "unsupported";
	}
	return "firmware error";
}

uint64_t fw_alloc_pages(EFI_MEMORY_TYPE type, uint64_t pages, const char *what)
{
	EFI_PHYSICAL_ADDRESS addr = 0;
	EFI_STATUS st = g_st->BootServices->AllocatePages(AllocateAnyPages, type, pages, &addr);

	if (EFI_ERROR(st))
		fail(NULL, "cannot allocate %llu pages for %s (%s)", pages, what, fw_status(st));
	return addr;
}
