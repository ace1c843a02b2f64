/* Clients and their open handles: one table of fds per client id (the badge), kept only
 * while the client has files or directories open or a working directory of its own, and
 * found by a hash of the id (idtable.c). */
#include "server.h"

struct client *client_find(uint64_t id)
{
	int slot = id_find(&disk.client_ids, id);
	return slot < 0 ? NULL : &disk.clients[slot];
}

struct client *client_get(uint64_t id)
{
	struct client *c = client_find(id);
	if (c)
		return c;
	int slot = id_add(&disk.client_ids, id);
	if (slot < 0)
		return NULL;
	c = &disk.clients[slot];
	*c = (struct client){ .used = true, .id = id };
	return c;
}

void client_put(struct client *c)
{
	if (!c || c->open || c->cwd[0])
		return;
	id_remove(&disk.client_ids, (unsigned)(c - disk.clients));
	c->used = false;
}

struct fd_entry *client_entry(struct client *c, uint64_t fd)
{
	if (!c || fd < DISK_FD_FIRST || fd - DISK_FD_FIRST >= DISK_FILES_PER_CLIENT)
		return NULL;
	struct fd_entry *e = &c->fds[fd - DISK_FD_FIRST];
	return fd_used(e) ? e : NULL;
}

struct fd_entry *client_fd(struct client *c, uint64_t fd)
{
	struct fd_entry *e = client_entry(c, fd);
	return e && e->node ? e : NULL;
}

int64_t client_add(struct client *c, struct fat_node *node, uint32_t dir)
{
	for (unsigned i = 0; i < DISK_FILES_PER_CLIENT; i++) {
		if (fd_used(&c->fds[i]))
			continue;
		c->fds[i] = (struct fd_entry){ .node = node, .dir = node ? 0 : dir };
		c->open++;
		c->dirs += !node;
		disk.dir_holds += !node;
		return DISK_FD_FIRST + i;
	}
	return DISK_EMFILE;
}

int64_t client_close(struct client *c, struct fd_entry *e)
{
	struct fat_node *node = e->node;
	*e = (struct fd_entry){ 0 };
	c->open--;
	c->dirs -= !node;
	disk.dir_holds -= !node;
	client_put(c);
	return node ? disk_err(fat_close(&disk.fs, node)) : 0;
}
