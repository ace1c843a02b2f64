/* FAT library errors as the protocol's DISK_E* codes. */
#include "server.h"

static const int64_t codes[FAT_ERR_COUNT] = {
	[FAT_OK] = 0,
	[FAT_EIO] = DISK_EIO,
	[FAT_EBADFS] = DISK_ECORRUPT,
	[FAT_ECORRUPT] = DISK_ECORRUPT,
	[FAT_ENOENT] = DISK_ENOENT,
	[FAT_EEXIST] = DISK_EEXIST,
	[FAT_ENOSPC] = DISK_ENOSPC,
	[FAT_ENAMETOOLONG] = DISK_ENAMETOOLONG,
	[FAT_EINVAL] = DISK_EINVAL,
	[FAT_EISDIR] = DISK_EISDIR,
	[FAT_ENOTDIR] = DISK_ENOTDIR,
	[FAT_ENOTEMPTY] = DISK_ENOTEMPTY,
	[FAT_EFBIG] = DISK_EFBIG,
	[FAT_ENFILE] = DISK_ENFILE,
	[FAT_EAGAIN] = DISK_EAGAIN,
};

int64_t disk_err(enum fat_err e)
{
	return (unsigned)e < FAT_ERR_COUNT ? codes[e] : DISK_EIO;
}
