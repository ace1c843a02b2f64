/* Names: UTF-8 path components to UCS-2 and back, case-insensitive comparison (ASCII
 * letters), VFAT long-name entries (assembly with checksum, filling) and 8.3 short names
 * with ~N tails. */
#include "fat_priv.h"

/* Where the 13 UCS-2 characters of a long-name entry lie. */
static const uint8_t lfn_offsets[LFN_CHARS] = {1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30};

static uint16_t fold(uint16_t c)
{
	return c >= 'a' && c <= 'z' ? (uint16_t)(c - 'a' + 'A') : c;
}

static bool char_allowed(uint32_t c)
{
	if (c < 0x20 || c == 0x7F)
		return false;
	for (const char *p = "\"*/:<>?\\|"; *p; p++)
		if (c == (uint8_t)*p)
			return false;
	return true;
}

/* Decodes one UTF-8 character of the BMP at s[*i] (not a surrogate, not overlong); false if
 * the bytes are not one. */
static bool utf8_next(const uint8_t *s, size_t len, size_t *i, uint32_t *c)
{
	uint8_t b = s[*i];
	uint32_t need, v;
	if (b < 0x80) {
		need = 0;
		v = b;
	} else if (b >= 0xC2 && b <= 0xDF) {
		need = 1;
		v = b & 0x1F;
	} else if ((b & 0xF0) == 0xE0) {
		need = 2;
		v = b & 0x0F;
	} else {
		return false;
	}
	if (len - *i <= need)
		return false;
	for (uint32_t k = 1; k <= need; k++) {
		if ((s[*i + k] & 0xC0) != 0x80)
			return false;
		v = v << 6 | (s[*i + k] & 0x3F);
	}
	if ((need == 2 && v < 0x800) || (v >= 0xD800 && v <= 0xDFFF))
		return false;
	*i += need + 1;
	*c = v;
	return true;
}

/* Converts the path component s[0..len) to n. FAT_EINVAL for an empty name, bad UTF-8, a
 * character outside the BMP or not allowed in long names, or a trailing dot or space
 * (so "." and ".." are not names); FAT_ENAMETOOLONG beyond FAT_NAME_MAX characters. */
enum fat_err name_parse(const char *s, size_t len, struct name *n)
{
	n->len = 0;
	for (size_t i = 0; i < len;) {
		uint32_t c;
		if (n->len == FAT_NAME_MAX)
			return FAT_ENAMETOOLONG;
		if (!utf8_next((const uint8_t *)s, len, &i, &c) || !char_allowed(c))
			return FAT_EINVAL;
		n->u[n->len++] = (uint16_t)c;
	}
	if (n->len == 0 || n->u[n->len - 1] == '.' || n->u[n->len - 1] == ' ')
		return FAT_EINVAL;
	return FAT_OK;
}

/* True if n equals the len characters u, ignoring the case of ASCII letters. */
bool name_eq_units(const struct name *n, const uint16_t *u, uint32_t len)
{
	if (n->len != len)
		return false;
	for (uint32_t i = 0; i < len; i++)
		if (fold(n->u[i]) != fold(u[i]))
			return false;
	return true;
}

/* c in lower case if lower (ASCII letters only). */
static uint16_t lower_if(uint16_t c, bool lower)
{
	return lower && c >= 'A' && c <= 'Z' ? (uint16_t)(c - 'A' + 'a') : c;
}

/* The short name sfn shown as "BASE.EXT" in u (room for SFN_LEN + 1), its bytes taken as
 * Latin-1 (as lookup compares them); case_bits holds the entry's SFN_CASE_* bits, which put
 * the base or the extension in lower case. Returns the length. */
uint32_t sfn_units(const uint8_t *sfn, uint8_t case_bits, uint16_t *u)
{
	uint32_t len = 0, base = 8, ext = 3;
	while (base && sfn[base - 1] == ' ')
		base--;
	while (ext && sfn[8 + ext - 1] == ' ')
		ext--;
	for (uint32_t i = 0; i < base; i++)
		u[len++] = i == 0 && sfn[0] == 0x05 ? 0xE5 : lower_if(sfn[i], case_bits & SFN_CASE_BASE);
	if (ext)
		u[len++] = '.';
	for (uint32_t i = 0; i < ext; i++)
		u[len++] = lower_if(sfn[8 + i], case_bits & SFN_CASE_EXT);
	return len;
}

/* True if n equals the short name sfn shown as "BASE.EXT"; ignoring ASCII case if fold. */
bool name_eq_sfn(const struct name *n, const uint8_t *sfn, bool fold_case)
{
	uint16_t u[SFN_LEN + 1];
	uint32_t len = sfn_units(sfn, 0, u);
	if (fold_case)
		return name_eq_units(n, u, len);
	return n->len == len && mem_eq(n->u, u, len * sizeof *u);
}

/* Writes the len characters u as UTF-8 with a NUL into out[0..size) (size > 0). False
 * (out undefined) if they do not fit or are not a name name_parse accepts (a control or
 * reserved character, a surrogate, a trailing dot or space: only another system writes
 * such names), so the caller can show the short name instead. */
bool name_utf8(const uint16_t *u, uint32_t len, char *out, size_t size)
{
	size_t o = 0;
	if (len == 0 || u[len - 1] == '.' || u[len - 1] == ' ')
		return false;
	for (uint32_t i = 0; i < len; i++) {
		uint16_t c = u[i];
		size_t need = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
		if (!char_allowed(c) || (c >= 0xD800 && c <= 0xDFFF) || size - o <= need)
			return false;
		if (need == 1) {
			out[o++] = (char)c;
			continue;
		}
		out[o++] = (char)(need == 2 ? 0xC0 | c >> 6 : 0xE0 | c >> 12);
		if (need == 3)
			out[o++] = (char)(0x80 | (c >> 6 & 0x3F));
		out[o++] = (char)(0x80 | (c & 0x3F));
	}
	out[o] = '\0';
	return true;
}

/* The checksum of a short name that its long-name entries carry. */
uint8_t lfn_checksum(const uint8_t *sfn)
{
	uint8_t sum = 0;
	for (int i = 0; i < SFN_LEN; i++)
		sum = (uint8_t)(((sum & 1) << 7) + (sum >> 1) + sfn[i]);
	return sum;
}

/* Forgets any long name being assembled. */
void lfn_reset(struct lfn_acc *a)
{
	a->active = false;
}

/* Adds long-name entry e (at directory index index) to the name being assembled; an entry
 * out of sequence drops the sequence. */
void lfn_add(struct lfn_acc *a, const uint8_t *e, uint32_t index)
{
	uint8_t ord = e[0] & 0x1F;
	if (e[0] & LFN_LAST) {
		a->active = ord >= 1 && ord <= LFN_ENTRIES_MAX;
		a->count = ord;
		a->next = ord;
		a->sum = e[LFN_CHECKSUM];
		a->start = index;
	} else if (!a->active || ord != a->next || ord == 0 || e[LFN_CHECKSUM] != a->sum) {
		a->active = false;
	}
	if (rd16(e + DE_CLUS_LO) != 0)
		a->active = false;
	if (!a->active)
		return;
	uint16_t *u = a->u + (ord - 1) * LFN_CHARS;
	for (int i = 0; i < LFN_CHARS; i++)
		u[i] = rd16(e + lfn_offsets[i]);
	a->next--;
}

/* True if a holds a complete long name belonging to short name sfn; *len is its length. */
bool lfn_done(const struct lfn_acc *a, const uint8_t *sfn, uint32_t *len)
{
	if (!a->active || a->next != 0 || a->sum != lfn_checksum(sfn))
		return false;
	uint32_t n = 0, max = (uint32_t)a->count * LFN_CHARS;
	while (n < max && a->u[n] != 0)
		n++;
	*len = n;
	return n > 0 && n <= FAT_NAME_MAX;
}

/* Long-name entries needed for n. */
uint32_t lfn_entries(const struct name *n)
{
	return (n->len + LFN_CHARS - 1) / LFN_CHARS;
}

/* Fills e as long-name entry ord (1 .. count) of n, for a short name of checksum sum. */
void lfn_fill(uint8_t *e, const struct name *n, uint32_t ord, uint32_t count, uint8_t sum)
{
	mem_zero(e, DIRENT_SIZE);
	e[0] = (uint8_t)(ord | (ord == count ? LFN_LAST : 0));
	e[DE_ATTR] = ATTR_LFN;
	e[LFN_CHECKSUM] = sum;
	for (uint32_t i = 0; i < LFN_CHARS; i++) {
		uint32_t pos = (ord - 1) * LFN_CHARS + i;
		uint16_t c = pos < n->len ? n->u[pos] : pos == n->len ? 0x0000 : 0xFFFF;
		wr16(e + lfn_offsets[i], c);
	}
}

/* The short-name character for c: upper case, '_' (and *lossy) for what 8.3 cannot hold. */
static uint8_t sfn_char(uint16_t c, bool *lossy)
{
	c = fold(c);
	if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return (uint8_t)c;
	for (const char *p = "!#$%&'()-@^_`{}~"; *p; p++)
		if (c == (uint8_t)*p)
			return (uint8_t)c;
	*lossy = true;
	return '_';
}

/* Starts short-name generation for n: the basis name (upper case, spaces and extra dots
 * dropped, base cut at 8 and extension at 3 characters) and no tails seen yet. */
void sfn_basis(struct sfn_gen *g, const struct name *n)
{
	mem_zero(g, sizeof *g);
	for (int i = 0; i < SFN_LEN; i++)
		g->basis[i] = ' ';
	uint32_t dot = 0;
	for (uint32_t i = 0; i < n->len; i++)
		if (n->u[i] == '.')
			dot = i;
	uint32_t ext_start = dot ? dot : n->len, bl = 0, el = 0;
	for (uint32_t i = 0; i < ext_start; i++) {
		if (n->u[i] == ' ' || n->u[i] == '.' || bl == 8)
			g->lossy = true;
		else
			g->basis[bl++] = sfn_char(n->u[i], &g->lossy);
	}
	for (uint32_t i = ext_start + 1; i < n->len; i++) {
		if (n->u[i] == ' ' || el == 3)
			g->lossy = true;
		else
			g->basis[8 + el++] = sfn_char(n->u[i], &g->lossy);
	}
	if (bl == 0) {
		g->basis[bl++] = '_';
		g->lossy = true;
	}
	g->base_len = bl;
}

static uint32_t digits(uint32_t v)
{
	uint32_t d = 1;
	while (v >= 10) {
		v /= 10;
		d++;
	}
	return d;
}

/* The tail N if sfn is the basis (base_len characters before its extension) with tail
 * ~N as sfn_tailed makes it, else 0. */
uint32_t sfn_tail(const uint8_t *basis, uint32_t base_len, const uint8_t *sfn)
{
	if (!mem_eq(sfn + 8, basis + 8, 3))
		return 0;
	uint32_t t = 0;
	while (t < 8 && sfn[t] != '~')
		t++;
	uint32_t i = t + 1, v = 0, d = 0;
	for (; i < 8 && sfn[i] >= '0' && sfn[i] <= '9' && d < 5; i++, d++)
		v = v * 10 + (sfn[i] - '0');
	for (; i < 8; i++)
		if (sfn[i] != ' ')
			return 0;
	uint32_t prefix = base_len < 7 - d ? base_len : 7 - d;
	if (t >= 8 || d == 0 || t != prefix || !mem_eq(sfn, basis, t))
		return 0;
	return v;
}

/* Records an existing short name of the directory: the basis itself, or a ~N tail that
 * the generator would produce. */
void sfn_note(struct sfn_gen *g, const uint8_t *sfn)
{
	if (mem_eq(sfn, g->basis, SFN_LEN))
		g->basis_taken = true;
	uint32_t v = sfn_tail(g->basis, g->base_len, sfn);
	if (v && v < SFN_TAILS)
		g->used[v / 8] |= (uint8_t)(1u << (v % 8));
}

/* The short name of basis (base_len characters before its extension) with tail ~v
 * (1 <= v < SFN_TAILS) in sfn. */
void sfn_tailed(const uint8_t *basis, uint32_t base_len, uint32_t v, uint8_t *sfn)
{
	uint32_t d = digits(v), p = base_len < 7 - d ? base_len : 7 - d;
	mem_copy(sfn, basis, SFN_LEN);
	for (uint32_t i = p; i < 8; i++)
		sfn[i] = ' ';
	sfn[p] = '~';
	for (uint32_t i = 0, x = v; i < d; i++, x /= 10)
		sfn[p + d - i] = (uint8_t)('0' + x % 10);
}

/* Picks the short name: the basis if it is exact and free, else the basis with the
 * smallest free ~N tail. FAT_ENOSPC when every tail is taken. */
enum fat_err sfn_pick(const struct sfn_gen *g, uint8_t *sfn)
{
	mem_copy(sfn, g->basis, SFN_LEN);
	if (!g->lossy && !g->basis_taken)
		return FAT_OK;
	for (uint32_t v = 1; v < SFN_TAILS; v++) {
		if (g->used[v / 8] & (1u << (v % 8)))
			continue;
		sfn_tailed(g->basis, g->base_len, v, sfn);
		return FAT_OK;
	}
	return FAT_ENOSPC;
}
