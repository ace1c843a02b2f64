/* The disk server's entry: opens both virtio disks, mounts the FAT32 boot disk, then
 * serves requests on its endpoint forever, one at a time (abi/disk.h); its second
 * thread, the zeroer (zero.c), starts here too. */
#include "console.h"
#include "objects.h"
#include "ops.h"
#include "server.h"
#include "uthread.h"

static int64_t open_disk(struct vblk *d, unsigned index)
{
	struct virtio_env env = { DISK_SLOT_IOPORTS, DISK_SLOT_DEVMEM, DISK_SLOT_IRQ_CONTROL,
				  DISK_SLOT_VSPACE, DISK_WINDOWS + index * VIRTIO_WINDOW_SIZE };
	return vblk_open(d, &env, index);
}

/* Whatever fails here is reported and leaves the server up: requests that need the
 * missing part get an error code. */
static void start(void)
{
	objects_init(DISK_SLOT_POOL, DISK_SLOT_VSPACE, DISK_SLOT_FREE, DISK_SLOT_BUFFERS);
	int64_t err = open_disk(&disk.boot, 0);
	disk.boot_ok = err == 0;
	enum fat_err ferr = disk.boot_ok ? blockdev_mount() : FAT_EIO;
	if (err || ferr)
		cprintf("disk: boot disk not mounted (device %ld, %s)\n", err, fat_err_name(ferr));
	err = open_disk(&disk.swap, 1);
	disk.swap_ok = err == 0;
	if (err)
		cprintf("disk: no swap disk (%ld)\n", err);
	char repair[256];
	blockdev_repair_text(repair, sizeof repair);
	cprintf("disk: ready: FAT32 %s, %lu free clusters of %u bytes; %lu swap slots%s\n",
		disk.mounted ? "mounted" : "absent", disk.mounted ? (uint64_t)fat_free_clusters(&disk.fs) : 0,
		disk.mounted ? fat_cluster_bytes(&disk.fs) : 0,
		disk.swap_ok ? disk.swap.capacity / SWAP_SLOT_SECTORS : 0, repair);
}

/* Reads the message just received into rq. */
static void decode(const struct msg *m, struct request *rq)
{
	struct ipc_buffer *ib = ipc_buf();
	*rq = (struct request){ .client = m->badge, .words = MSG_WORDS(m->tag),
				.frame = ib->recv_caps != 0, .reply_words = 1 };
	for (int i = 0; i < MSG_REG_WORDS; i++)
		rq->arg[i] = m->mr[i];
}

/* Replies with m (when reply) and receives the next request into m, with
 * DISK_SLOT_RECV ready for a frame. A reply the kernel refuses becomes a plain DISK_EIO,
 * so the caller is never left waiting and the server may receive again. */
static void receive(struct msg *m, bool reply)
{
	for (;;) {
		ipc_buf()->recv_slot = DISK_SLOT_RECV;
		int64_t err = reply ? sys_reply_recv(DISK_SLOT_ENDPOINT, m)
				    : sys_recv(DISK_SLOT_ENDPOINT, m);
		if (!err)
			return;
		if (err == ERR_BUSY) {
			struct msg failed = { MSG_TAG(0, 1, 0), 0, { (uint64_t)DISK_EIO, 0, 0, 0 } };
			sys_reply(&failed);
		}
		reply = false;
	}
}

void umain(uint64_t word, uint64_t arg)
{
	(void)arg;
	if (START_ROLE(word) == DISK_ROLE_ZEROER)
		zeroer_main();
	start();
	struct msg m;
	struct request rq;
	receive(&m, false);
	for (;;) {
		decode(&m, &rq);
		int64_t result = dispatch(MSG_LABEL(m.tag), &rq);
		if (rq.frame)
			cap_delete(DISK_SLOT_RECV);
		zeroer_wake();
		m = (struct msg){ .tag = MSG_TAG(0, rq.reply_words, 0), .mr = { (uint64_t)result, rq.reply_mr1, rq.reply_mr2 } };
		receive(&m, true);
	}
}
