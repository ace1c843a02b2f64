/* Reading whole files from the ESP through the firmware's simple file system. */
#include "file.h"

#include "config.h"
#include "firmware.h"

/* Room for EFI_FILE_INFO and a file name of the length the loader opens. */
#define FILE_INFO_BYTES (sizeof(EFI_FILE_INFO) + 2 * CONFIG_PATH_MAX)

static EFI_FILE_HANDLE open_root(void)
{
	EFI_GUID loaded_image_guid = LOADED_IMAGE_PROTOCOL;
	EFI_GUID fs_guid = SIMPLE_FILE_SYSTEM_PROTOCOL;
	EFI_BOOT_SERVICES *bs = g_st->BootServices;
	EFI_LOADED_IMAGE *image;
	EFI_SIMPLE_FILE_SYSTEM_PROTOCOL *fs;
	EFI_FILE_HANDLE root;
	EFI_STATUS st;

	st = bs->HandleProtocol(g_image, &loaded_image_guid, (void **)&image);
	if (EFI_ERROR(st))
		fail(NULL, "no loaded-image protocol (%s)", fw_status(st));
	st = bs->HandleProtocol(image->DeviceHandle, &fs_guid, (void **)&fs);
	if (EFI_ERROR(st))
		fail(NULL, "boot device has no file system (%s)", fw_status(st));
	st = fs->OpenVolume(fs, &root);
	if (EFI_ERROR(st))
		fail(NULL, "cannot open the boot file system (%s)", fw_status(st));
	return root;
}

/* path with '\' separators, as the firmware wants it. */
static void to_efi_path(const char *path, CHAR16 *out)
{
	unsigned n = 0;

	for (; path[n] && n + 1 < CONFIG_PATH_MAX; n++)
		out[n] = path[n] == '/' ? L'\\' : (CHAR16)(unsigned char)path[n];
	out[n] = 0;
}

static uint64_t file_size(EFI_FILE_HANDLE f, const char *path)
{
	EFI_GUID info_guid = EFI_FILE_INFO_ID;
	uint64_t buf[FILE_INFO_BYTES / sizeof(uint64_t) + 1];
	EFI_FILE_INFO *info = (EFI_FILE_INFO *)buf;
	UINTN size = sizeof buf;
	EFI_STATUS st = f->GetInfo(f, &info_guid, &size, info);

	if (EFI_ERROR(st))
		fail(path, "cannot get file size (%s)", fw_status(st));
	if (info->Attribute & EFI_FILE_DIRECTORY)
		fail(path, "is a directory");
	return info->FileSize;
}

static void read_all(EFI_FILE_HANDLE f, const char *path, uint8_t *dst, uint64_t size)
{
	uint64_t done = 0;

	while (done < size) {
		UINTN n = size - done;
		EFI_STATUS st = f->Read(f, &n, dst + done);

		if (EFI_ERROR(st))
			fail(path, "read error after %llu bytes (%s)", done, fw_status(st));
		if (n == 0)
			fail(path, "file ends after %llu of %llu bytes", done, size);
		done += n;
	}
}

int file_read(const char *path, EFI_MEMORY_TYPE type, int optional, struct file_image *out)
{
	EFI_FILE_HANDLE root = open_root(), f;
	CHAR16 wpath[CONFIG_PATH_MAX];
	EFI_STATUS st;

	to_efi_path(path, wpath);
	st = root->Open(root, &f, wpath, EFI_FILE_MODE_READ, 0);
	root->Close(root);
	if (st == EFI_NOT_FOUND && optional)
		return 0;
	if (EFI_ERROR(st))
		fail(path, st == EFI_NOT_FOUND ? "not found" : "cannot open (%s)", fw_status(st));
	out->size = file_size(f, path);
	out->phys = fw_alloc_pages(type, out->size ? PAGES(out->size) : 1, path);
	read_all(f, path, (uint8_t *)out->phys, out->size);
	f->Close(f);
	return 1;
}
