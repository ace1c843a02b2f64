/* Clients and their open handles: one table of fds per client id (the badge), kept only
 * while the client has files or directories open or a working directory of its own, and
 * found by a hash of the id. */
#include "server.h"

/* The home bucket of id (Fibonacci hashing: pids and trusted ids are small and dense). */
static unsigned bucket_of(uint64_t id)
{
	return (unsigned)((id * 0x9E3779B97F4A7C15ull) >> 32) & (CLIENT_BUCKETS - 1);
}

struct client *client_find(uint64_t id)
{
	for (unsigned b = bucket_of(id); disk.client_bucket[b]; b = (b + 1) & (CLIENT_BUCKETS - 1)) {
		struct client *c = &disk.clients[disk.client_bucket[b] - 1];
		if (c->id == id)
			return c;
	}
	return NULL;
}

/* A client slot no id uses: one freed, else one never used; NULL when all are used. */
static struct client *client_slot(void)
{
	if (disk.clients_freed)
		return &disk.clients[disk.client_freed[--disk.clients_freed]];
	return disk.clients_fresh < DISK_CLIENTS ? &disk.clients[disk.clients_fresh++] : NULL;
}

struct client *client_get(uint64_t id)
{
	struct client *c = client_find(id);
	if (c)
		return c;
	c = client_slot();
	if (!c)
		return NULL;
	*c = (struct client){ .used = true, .id = id };
	unsigned b = bucket_of(id);
	while (disk.client_bucket[b])
		b = (b + 1) & (CLIENT_BUCKETS - 1);
	disk.client_bucket[b] = (uint8_t)(c - disk.clients + 1);
	return c;
}

/* Takes the client in bucket b out of the table, moving later clients of its probe run
 * back (linear probing without tombstones). */
static void bucket_clear(unsigned b)
{
	for (unsigned j = (b + 1) & (CLIENT_BUCKETS - 1); disk.client_bucket[j];
	     j = (j + 1) & (CLIENT_BUCKETS - 1)) {
		unsigned home = bucket_of(disk.clients[disk.client_bucket[j] - 1].id);
		bool stays = b <= j ? (home > b && home <= j) : (home > b || home <= j);
		if (!stays) {
			disk.client_bucket[b] = disk.client_bucket[j];
			b = j;
		}
	}
	disk.client_bucket[b] = 0;
}

void client_put(struct client *c)
{
	if (!c || c->open || c->cwd[0])
		return;
	unsigned b = bucket_of(c->id), slot = (unsigned)(c - disk.clients);
	while (disk.client_bucket[b] != slot + 1)
		b = (b + 1) & (CLIENT_BUCKETS - 1);
	bucket_clear(b);
	c->used = false;
	disk.client_freed[disk.clients_freed++] = (uint8_t)slot;
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
