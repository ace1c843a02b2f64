/* Names of the FAT library's error codes, for messages. */
#include "fat.h"

static const char *const names[FAT_ERR_COUNT] = {
	[FAT_OK] = "FAT_OK",
	[FAT_EIO] = "FAT_EIO",
	[FAT_EBADFS] = "FAT_EBADFS",
	[FAT_ECORRUPT] = "FAT_ECORRUPT",
	[FAT_ENOENT] = "FAT_ENOENT",
	[FAT_EEXIST] = "FAT_EEXIST",
	[FAT_ENOSPC] = "FAT_ENOSPC",
	[FAT_ENAMETOOLONG] = "FAT_ENAMETOOLONG",
	[FAT_EINVAL] = "FAT_EINVAL",
	[FAT_EISDIR] = "FAT_EISDIR",
	[FAT_ENOTDIR] = "FAT_ENOTDIR",
	[FAT_ENOTEMPTY] = "FAT_ENOTEMPTY",
	[FAT_EFBIG] = "FAT_EFBIG",
	[FAT_ENFILE] = "FAT_ENFILE",
	[FAT_EAGAIN] = "FAT_EAGAIN",
};

const char *fat_err_name(enum fat_err e)
{
	if ((unsigned)e >= FAT_ERR_COUNT || !names[e])
		return "FAT_E?";
	return names[e];
}
