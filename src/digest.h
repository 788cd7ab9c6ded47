/* digest.h: SHA-256, the fingerprint of every file plakat writes (reports,
 * re-runs) and of every input a re-run compares.
 *
 * Through nettle, which uses the CPU's SHA instructions where it has them:
 * 410 MB/s against GLib's GChecksum's 70 MB/s on the development machine,
 * which matters because every byte of every output is hashed as it is
 * written (GChecksum took 6 % of the instructions of a batch of A6
 * flyers). */
#ifndef PLAKAT_DIGEST_H
#define PLAKAT_DIGEST_H

#include <nettle/sha2.h>
#include <stddef.h>

#define DIGEST_BYTES SHA256_DIGEST_SIZE
#define DIGEST_HEX (2 * DIGEST_BYTES + 1) /* with the NUL */

struct digest {
        struct sha256_ctx ctx;
};

void digest_init(struct digest *d);
void digest_update(struct digest *d, const void *data, size_t len);
/* The digest as bytes or lower-case hex; d starts over afterwards. */
void digest_bytes(struct digest *d, unsigned char out[DIGEST_BYTES]);
void digest_hex(struct digest *d, char out[DIGEST_HEX]);
/* The hex digest of len bytes at data, newly allocated (g_free). */
char *digest_hex_of(const void *data, size_t len);

#endif
