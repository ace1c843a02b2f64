/* Directories as the disk server's clients see them: what a path names (fat_stat), the
 * names a directory holds, one at a time (fat_readdir), and the numbers that identify
 * files and directories (inumbers: where their entries are on the volume). */
#include "fat_priv.h"

enum fat_err fat_stat(struct fat_fs *fs, const char *path, struct fat_stat *st)
{
	uint32_t dir;
	struct name leaf;
	struct dir_hit hit;
	enum fat_err r = path_parent(fs, path, &dir, &leaf);
	st->dir = true;
	st->entry = leaf.len > 0;
	st->cluster = dir;
	if (r || !st->entry)
		return r;
	r = dir_find(fs, dir, &leaf, &hit);
	if (r)
		return r;
	st->dir = hit.ent[DE_ATTR] & ATTR_DIR;
	st->cluster = 0;
	return st->dir ? subdir_cluster(fs, hit.ent, &st->cluster) : FAT_OK;
}

/* The name of short entry e, after the long-name entries in lfn, as UTF-8 in
 * name[0..size): its long name, or its short name when it has none or that one cannot be
 * shown (it does not fit, or holds what no path may). False when neither can. */
static bool entry_name(const struct lfn_acc *lfn, const uint8_t *e, char *name, size_t size)
{
	uint16_t u[SFN_LEN + 1];
	uint32_t len;
	if (lfn_done(lfn, e, &len) && name_utf8(lfn->u, len, name, size))
		return true;
	len = sfn_units(e, e[DE_CASE], u);
	return name_utf8(u, len, name, size);
}

enum fat_err fat_readdir(struct fat_fs *fs, uint32_t dir, uint32_t *pos, char *name, size_t size)
{
	struct dir_iter it;
	struct lfn_acc lfn;
	iter_init(&it, dir);
	lfn_reset(&lfn);
	for (uint32_t i = *pos;; i++) {
		uint8_t *e;
		uint64_t lba;
		uint16_t off;
		enum fat_err r = dir_entry(fs, &it, i, &e, &lba, &off);
		if (!r && e[0] == DIRENT_END)
			r = FAT_ENOENT;
		if (r) {
			*pos = r == FAT_ENOENT ? i : *pos;
			return r;
		}
		if (e[0] != DIRENT_FREE && (e[DE_ATTR] & ATTR_LFN_MASK) == ATTR_LFN) {
			lfn_add(&lfn, e, i);
			continue;
		}
		if (e[0] != DIRENT_FREE && !(e[DE_ATTR] & ATTR_VOLUME) && !entry_is_dot(e) &&
		    entry_name(&lfn, e, name, size)) {
			*pos = i + 1;
			return FAT_OK;
		}
		lfn_reset(&lfn);
	}
}

uint64_t fat_inumber(const struct fat_node *node)
{
	return (node->ent_lba * FAT_SECTOR_SIZE + node->ent_off) / DIRENT_SIZE;
}

uint64_t fat_dir_inumber(const struct fat_fs *fs, uint32_t dir)
{
	return dir == fs->root ? FAT_ROOT_INUMBER
			       : cluster_lba(fs, dir) * (FAT_SECTOR_SIZE / DIRENT_SIZE);
}
