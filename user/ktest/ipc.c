/* IPC tests: call/reply round trips (ipc-pingpong), 64-word messages (ipc-long),
 * capability transfer with RIGHT_GRANT (ipc-cap-transfer), badges telling clients apart
 * (ipc-badge), and senders served in arrival order (ipc-fifo). */
#include "ktest.h"
#include "objects.h"
#include "slots.h"
#include "uthread.h"

#define PINGPONG_ROUNDS 1000
#define PINGPONG_BADGE 0xbadc0deull
#define PINGPONG_XOR 0x5555aaaa5555aaaaull

/* Serves CSLOT_EP forever: each reply is a fixed function of the request. */
void role_pingpong_server(uint64_t arg)
{
	struct msg m;
	(void)arg;
	CHECK_OK(sys_recv(CSLOT_EP, &m));
	for (;;) {
		CHECK(m.badge == PINGPONG_BADGE && MSG_WORDS(m.tag) == 4 && MSG_CAPS(m.tag) == 0);
		uint64_t label = MSG_LABEL(m.tag) + 1, *w = m.mr;
		m = (struct msg){ MSG_TAG(label, 4, 0), 0,
				  { w[0] + 1, w[1] ^ PINGPONG_XOR, w[2] * 3, w[3] - w[0] } };
		CHECK_OK(sys_reply_recv(CSLOT_EP, &m));
	}
}

void test_ipc_pingpong(void)
{
	uint64_t ep = new_object(OBJ_ENDPOINT);
	uint64_t mine = derive(ep, RIGHT_WRITE, PINGPONG_BADGE);
	struct grant g = { ep, CSLOT_EP, RIGHT_READ, 0 };
	struct child server;

	child_spawn(&server, ROLE_PINGPONG_SERVER, 0, &g, 1, 0, true);
	for (uint64_t i = 0; i < PINGPONG_ROUNDS; i++) {
		uint64_t w[4] = { i, i * 0x9e3779b97f4a7c15ull, ~i << 3, 0x1234567 ^ i };
		uint64_t label = (i * 7) & 0xfff;
		struct msg m = { MSG_TAG(label, 4, 0), 0, { w[0], w[1], w[2], w[3] } };
		CHECK_OK(sys_call(mine, &m));
		CHECK(MSG_LABEL(m.tag) == label + 1 && MSG_WORDS(m.tag) == 4);
		CHECK(m.mr[0] == w[0] + 1 && m.mr[1] == (w[1] ^ PINGPONG_XOR));
		CHECK(m.mr[2] == w[2] * 3 && m.mr[3] == w[3] - w[0]);
	}
}

/* Word k of a long message with label: every word differs, every label differs. */
static uint64_t long_word(uint64_t label, unsigned k)
{
	return (label << 40) ^ (k * 0x0101010101010101ull) ^ 0xa5a5a5a5a5a5a5a5ull;
}

static uint64_t *msg_word(struct msg *m, struct ipc_buffer *ib, unsigned k)
{
	return k < MSG_REG_WORDS ? &m->mr[k] : &ib->mr[k];
}

/* Checks every word of a received message, then answers with the complements. */
void role_long_server(uint64_t arg)
{
	struct ipc_buffer *ib = ipc_buf();
	struct msg m;
	(void)arg;
	CHECK_OK(sys_recv(CSLOT_EP, &m));
	for (;;) {
		uint64_t label = MSG_LABEL(m.tag);
		unsigned n = MSG_WORDS(m.tag);
		CHECK(n <= MSG_MAX_WORDS);
		for (unsigned k = 0; k < n; k++) {
			CHECK(*msg_word(&m, ib, k) == long_word(label, k));
			*msg_word(&m, ib, k) = ~long_word(label, k);
		}
		m.tag = MSG_TAG(label + 1, n, 0);
		CHECK_OK(sys_reply_recv(CSLOT_EP, &m));
	}
}

static void long_round(uint64_t ep, uint64_t label, unsigned n)
{
	struct ipc_buffer *ib = ipc_buf();
	struct msg m = { MSG_TAG(label, n, 0), 0, { 0, 0, 0, 0 } };
	for (unsigned k = 0; k < MSG_MAX_WORDS; k++)
		*msg_word(&m, ib, k) = k < n ? long_word(label, k) : 0;
	CHECK_OK(sys_call(ep, &m));
	CHECK(MSG_LABEL(m.tag) == label + 1 && MSG_WORDS(m.tag) == n);
	for (unsigned k = 0; k < n; k++)
		CHECK(*msg_word(&m, ib, k) == ~long_word(label, k));
}

void test_ipc_long(void)
{
	static const unsigned lengths[] = { MSG_MAX_WORDS, 5, 4, 1, 0, 33, MSG_MAX_WORDS, 63 };
	uint64_t ep = new_object(OBJ_ENDPOINT);
	struct grant g = { ep, CSLOT_EP, RIGHT_READ, 0 };
	struct child server;

	child_spawn(&server, ROLE_LONG_SERVER, 0, &g, 1, 0, true);
	for (unsigned r = 0; r < 4; r++)
		for (unsigned i = 0; i < sizeof lengths / sizeof lengths[0]; i++)
			long_round(ep, 16 * r + i + 1, lengths[i]);
	struct msg m = { MSG_TAG(1, MSG_MAX_WORDS + 1, 0), 0, { 0, 0, 0, 0 } };
	CHECK_ERR(sys_call(ep, &m), ERR_INVALID_ARG);
	long_round(ep, 99, MSG_MAX_WORDS);
}

/* ipc-cap-transfer: the steps the root asks for, by label. */
enum capx_step { CAPX_FRAME = 1, CAPX_NOGRANT, CAPX_ENDPOINT, CAPX_DONE };
#define CAPX_ADDR 0x31000000ull
#define CAPX_MAGIC 0xc0ffeeull
#define CAPX_BADGE 0xe2ull
#define CAPX_PING 0x5eedull

/* Maps the received frame, reads what the root wrote, writes an answer beside it. */
static uint64_t capx_use_frame(uint64_t slot)
{
	uint64_t type, rights, badge;
	CHECK_OK(cap_info(slot, &type, &rights, &badge));
	CHECK(type == OBJ_FRAME && rights == (RIGHT_READ | RIGHT_WRITE));
	CHECK_ERR(vspace_map(CSLOT_VSPACE, slot, CAPX_ADDR, RIGHT_READ | RIGHT_WRITE | RIGHT_EXEC),
		  ERR_NO_RIGHTS);
	CHECK_OK(vspace_map(CSLOT_VSPACE, slot, CAPX_ADDR, RIGHT_READ | RIGHT_WRITE));
	volatile uint64_t *p = (volatile uint64_t *)CAPX_ADDR;
	p[1] = p[0] + 1;
	return p[0];
}

/* Calls the root through the received endpoint; 1 if the answer was right. */
static uint64_t capx_use_endpoint(uint64_t slot)
{
	struct msg m = { MSG_TAG(7, 1, 0), 0, { CAPX_PING, 0, 0, 0 } };
	CHECK_OK(sys_call(slot, &m));
	return m.mr[0] == CAPX_PING + 1;
}

void role_capx_child(uint64_t arg)
{
	struct ipc_buffer *ib = ipc_buf();
	uint64_t next = CSLOT_RECV, type, rights, badge, endpoint_ok = 0;
	(void)arg;
	for (;;) {
		struct msg m;
		ib->recv_slot = next;
		CHECK_OK(sys_recv(CSLOT_EP, &m));
		uint64_t label = MSG_LABEL(m.tag), got = ib->recv_caps;
		struct msg r = { MSG_TAG(label, 2, 0), 0, { got, 0, 0, 0 } };
		if (label == CAPX_FRAME && got) {
			r.mr[1] = capx_use_frame(next);
		} else if (label == CAPX_NOGRANT) {
			r.mr[1] = cap_info(next, &type, &rights, &badge) == ERR_EMPTY_SLOT;
		} else if (label == CAPX_ENDPOINT && got) {
			CHECK_OK(cap_info(next, &type, &rights, &badge));
			r.mr[1] = type == OBJ_ENDPOINT && badge == CAPX_BADGE;
			CHECK_OK(sys_reply(&r));
			endpoint_ok = capx_use_endpoint(next);
			next++;
			continue;
		} else if (label == CAPX_DONE) {
			r.mr[1] = endpoint_ok;
		}
		next += got;
		CHECK_OK(sys_reply(&r));
	}
}

/* Calls ep with label, transferring the capability in slot cap (0: none). */
static int64_t capx_call(uint64_t ep, uint64_t label, uint64_t cap, struct msg *m)
{
	ipc_buf()->send_cap = cap;
	*m = (struct msg){ MSG_TAG(label, 1, cap ? 1 : 0), 0, { CAPX_MAGIC, 0, 0, 0 } };
	return sys_call(ep, m);
}

void test_ipc_cap_transfer(void)
{
	uint64_t ep = new_object(OBJ_ENDPOINT), ep2 = new_object(OBJ_ENDPOINT);
	uint64_t grant_ep = derive(ep, RIGHT_WRITE | RIGHT_GRANT, 0);
	uint64_t plain_ep = derive(ep, RIGHT_WRITE, 0);
	volatile uint64_t *view = (volatile uint64_t *)CAPX_ADDR;
	uint64_t frame = new_mapped_frame(CAPX_ADDR);
	uint64_t rw_frame = derive(frame, RIGHT_READ | RIGHT_WRITE, 0);
	struct child c;
	struct msg m;

	view[0] = CAPX_MAGIC;
	child_spawn(&c, ROLE_CAPX_CHILD, 0, &(struct grant){ ep, CSLOT_EP, RIGHT_READ, 0 }, 1, 0, true);
	CHECK_OK(space_give(&c.space, c.space.vspace, CSLOT_VSPACE, RIGHTS_ALL, 0));

	CHECK_OK(capx_call(grant_ep, CAPX_FRAME, rw_frame, &m));
	CHECK(m.mr[0] == 1 && m.mr[1] == CAPX_MAGIC && view[1] == CAPX_MAGIC + 1);

	/* Without RIGHT_GRANT the capability must not arrive, whether the kernel refuses
	 * the whole send or delivers the words alone. */
	int64_t err = capx_call(plain_ep, CAPX_NOGRANT, rw_frame, &m);
	CHECK(err == ERR_NO_RIGHTS || err == ERR_OK);
	if (err == ERR_OK)
		CHECK(m.mr[0] == 0 && m.mr[1] == 1);

	CHECK_OK(capx_call(grant_ep, CAPX_ENDPOINT, derive(ep2, RIGHT_WRITE, CAPX_BADGE), &m));
	CHECK(m.mr[0] == 1 && m.mr[1] == 1);
	CHECK_OK(sys_recv(ep2, &m));
	CHECK(m.badge == CAPX_BADGE && m.mr[0] == CAPX_PING);
	m = (struct msg){ MSG_TAG(8, 1, 0), 0, { CAPX_PING + 1, 0, 0, 0 } };
	CHECK_OK(sys_reply(&m));

	CHECK_OK(capx_call(grant_ep, CAPX_DONE, 0, &m));
	CHECK(m.mr[0] == 0 && m.mr[1] == 1);
}

#define BADGE_CLIENTS 2
#define BADGE_ROUNDS 20
static uint64_t client_badge(uint64_t id) { return 0x1100 * id; }

/* Calls CSLOT_EP with its id and a round number; the server answers from the badge. */
void role_badge_client(uint64_t id)
{
	for (uint64_t k = 0; k < BADGE_ROUNDS; k++) {
		struct msg m = { MSG_TAG(1, 2, 0), 0, { id, k, 0, 0 } };
		CHECK_OK(sys_call(CSLOT_EP, &m));
		CHECK(m.mr[0] == id * 1000 + k);
	}
}

void test_ipc_badge(void)
{
	uint64_t ep = new_object(OBJ_ENDPOINT), type, rights, badge;
	uint64_t rounds[BADGE_CLIENTS + 1] = { 0 };
	struct child c[BADGE_CLIENTS + 1];

	for (uint64_t id = 1; id <= BADGE_CLIENTS; id++) {
		struct grant g = { ep, CSLOT_EP, RIGHT_WRITE, client_badge(id) };
		child_spawn(&c[id], ROLE_BADGE_CLIENT, id, &g, 1, 0, true);
	}
	for (unsigned n = 0; n < BADGE_CLIENTS * BADGE_ROUNDS; n++) {
		struct msg m;
		CHECK_OK(sys_recv(ep, &m));
		uint64_t id = m.badge / 0x1100;
		CHECK(id >= 1 && id <= BADGE_CLIENTS && m.badge == client_badge(id));
		CHECK(m.mr[0] == id && m.mr[1] == rounds[id]);
		m = (struct msg){ MSG_TAG(1, 1, 0), 0, { id * 1000 + rounds[id]++, 0, 0, 0 } };
		CHECK_OK(sys_reply(&m));
	}
	for (uint64_t id = 1; id <= BADGE_CLIENTS; id++) {
		CHECK(rounds[id] == BADGE_ROUNDS);
		CHECK(wait_state(c[id].main.thread, THREAD_INACTIVE, 100));
	}
	/* A derived capability keeps its parent's badge unless given a new one. */
	uint64_t badged = derive(ep, RIGHT_WRITE, 0x77), kept = derive(badged, RIGHT_WRITE, 0);
	CHECK_OK(cap_info(kept, &type, &rights, &badge));
	CHECK(type == OBJ_ENDPOINT && rights == RIGHT_WRITE && badge == 0x77);
	/* A badge is set once: a client cannot re-badge its capability to pose as another,
	 * neither by deriving nor by copying into a table. */
	uint64_t forged = slot_alloc();
	CHECK_ERR(cap_derive(badged, forged, RIGHT_WRITE, 0x78), ERR_INVALID_ARG);
	CHECK_ERR(captable_copy_in(SLOT_CAPTABLE, badged, forged, RIGHT_WRITE, 0x78), ERR_INVALID_ARG);
	CHECK_ERR(cap_info(forged, &type, &rights, &badge), ERR_EMPTY_SLOT);
}

#define FIFO_CLIENTS 4
/* The endpoint the fifo clients (threads of the root's space) call. */
static uint64_t fifo_ep;

void role_fifo_client(uint64_t k)
{
	struct msg m = { MSG_TAG(1, 1, 0), 0, { k, 0, 0, 0 } };
	CHECK_OK(sys_call(fifo_ep, &m));
	CHECK(m.mr[0] == k * 7);
}

void test_ipc_fifo(void)
{
	struct uthread t[FIFO_CLIENTS + 1];
	struct msg m;

	fifo_ep = new_object(OBJ_ENDPOINT);
	/* Each client is queued before the next one starts: the arrival order is known. */
	for (uint64_t k = 1; k <= FIFO_CLIENTS; k++) {
		t[k] = thread_spawn(root_space(), ROLE_FIFO_CLIENT, k, 0, PRIO_TEST, true);
		CHECK(wait_state(t[k].thread, THREAD_BLOCKED, 100));
	}
	for (uint64_t k = 1; k <= FIFO_CLIENTS; k++) {
		CHECK_OK(sys_recv(fifo_ep, &m));
		CHECK(m.mr[0] == k);
		m = (struct msg){ MSG_TAG(1, 1, 0), 0, { k * 7, 0, 0, 0 } };
		CHECK_OK(sys_reply(&m));
	}
	for (uint64_t k = 1; k <= FIFO_CLIENTS; k++)
		CHECK(wait_state(t[k].thread, THREAD_INACTIVE, 100));
}
