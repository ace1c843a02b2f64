/* The UEFI boot loader's entry: read boot.cfg, load the kernel and the modules,
 * collect the command line, ACPI RSDP and memory map into struct boot_info, build
 * the boot page tables, leave the firmware and jump to the kernel. */
#include "bootinfo.h"
#include "config.h"
#include "file.h"
#include "firmware.h"
#include "handoff.h"
#include "load.h"
#include "mem.h"
#include "memmap.h"
#include "paging.h"

#define CMDLINE_PATH "boot/cmdline"

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st);

/* The loader's first line: which firmware started it. It also marks, for
 * tools/boot-time, the moment the firmware handed over. */
static void print_start(void)
{
	const CHAR16 *vendor = g_st->FirmwareVendor;
	char name[48];
	unsigned n = 0;

	for (; vendor && vendor[n] && n + 1 < sizeof name; n++)
		name[n] = vendor[n] < 0x80 ? (char)vendor[n] : '?';
	name[n] = '\0';
	fw_print("loader: started by %s (firmware revision 0x%x)", name,
		 (unsigned)g_st->FirmwareRevision);
}

static void read_config(struct boot_config *cfg)
{
	struct file_image img;
	char err[160];

	file_read(CONFIG_PATH, EfiLoaderData, 0, &img);
	if (config_parse((const char *)img.phys, img.size, cfg, err, sizeof err) < 0)
		fail(CONFIG_PATH, "%s", err);
}

/* The optional one-line kernel command line; absent means empty. */
static void read_cmdline(struct boot_info *info)
{
	struct file_image img;
	const char *text;
	uint64_t len;

	if (!file_read(CMDLINE_PATH, EfiLoaderData, 1, &img))
		return;
	text = (const char *)img.phys;
	len = img.size;
	while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		len--;
	if (len >= BOOT_CMDLINE_MAX)
		fail(CMDLINE_PATH, "too long (%llu bytes, max %u)", len, BOOT_CMDLINE_MAX - 1);
	for (uint64_t i = 0; i < len; i++)
		if (text[i] == '\n' || text[i] == '\0')
			fail(CMDLINE_PATH, "more than one line");
	memcpy(info->cmdline, text, len);
	info->cmdline[len] = '\0';
	info->cmdline_len = (uint32_t)len;
}

static int guid_equal(const EFI_GUID *a, const EFI_GUID *b)
{
	const uint8_t *p = (const uint8_t *)a, *q = (const uint8_t *)b;

	for (unsigned i = 0; i < sizeof *a; i++)
		if (p[i] != q[i])
			return 0;
	return 1;
}

/* The ACPI RSDP from the configuration table: the ACPI 2.0 entry if present. */
static uint64_t find_rsdp(void)
{
	EFI_GUID acpi20 = ACPI_20_TABLE_GUID, acpi10 = ACPI_TABLE_GUID;
	uint64_t rsdp = 0;

	for (UINTN i = 0; i < g_st->NumberOfTableEntries; i++) {
		EFI_CONFIGURATION_TABLE *t = &g_st->ConfigurationTable[i];

		if (guid_equal(&t->VendorGuid, &acpi20))
			return (uint64_t)t->VendorTable;
		if (guid_equal(&t->VendorGuid, &acpi10))
			rsdp = (uint64_t)t->VendorTable;
	}
	return rsdp;
}

static struct boot_info *new_boot_info(void)
{
	struct boot_info *info = (struct boot_info *)fw_alloc_pages(
		OS_MEM(BOOT_MEM_BOOTINFO), PAGES(sizeof *info), "the boot info");

	memset(info, 0, sizeof *info);
	info->magic = BOOTINFO_MAGIC;
	info->version = BOOTINFO_VERSION;
	info->size = sizeof *info;
	return info;
}

EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *st)
{
	struct boot_config cfg;
	struct boot_info *info;
	struct efi_map map;
	const struct kernel_load *kernel;
	uint64_t pml4;
	EFI_STATUS status;

	g_image = image;
	g_st = st;
	print_start();
	read_config(&cfg);
	info = new_boot_info();
	kernel = load_kernel(cfg.kernel, info);
	for (unsigned i = 0; i < cfg.module_count; i++)
		load_module(&cfg.modules[i], &info->modules[i]);
	info->module_count = cfg.module_count;
	read_cmdline(info);
	info->rsdp_phys = find_rsdp();

	memmap_alloc(&map);
	status = memmap_get(&map);
	if (EFI_ERROR(status))
		fail(NULL, "cannot read the memory map (%s)", fw_status(status));
	pml4 = paging_build(memmap_ram_top(&map));
	fw_print("loader: kernel %s, %u module(s), starting kernel", cfg.kernel,
		 cfg.module_count);
	handoff_exit_boot_services(&map);
	memmap_convert(&map, info);
	handoff_enter(pml4, kernel, (uint64_t)info);
}
