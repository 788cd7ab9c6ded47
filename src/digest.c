/* digest.c: SHA-256 through nettle (see digest.h). */
#include "digest.h"

#include <glib.h>
#include <string.h>

void digest_init(struct digest *d)
{
        sha256_init(&d->ctx);
}

void digest_update(struct digest *d, const void *data, size_t len)
{
        sha256_update(&d->ctx, len, data);
}

void digest_bytes(struct digest *d, unsigned char out[DIGEST_BYTES])
{
        sha256_digest(&d->ctx, DIGEST_BYTES, out);
}

void digest_hex(struct digest *d, char out[DIGEST_HEX])
{
        static const char hex[] = "0123456789abcdef";
        unsigned char b[DIGEST_BYTES];
        digest_bytes(d, b);
        for (size_t i = 0; i < DIGEST_BYTES; i++) {
                out[2 * i] = hex[b[i] >> 4];
                out[2 * i + 1] = hex[b[i] & 15];
        }
        out[2 * DIGEST_BYTES] = '\0';
}

char *digest_hex_of(const void *data, size_t len)
{
        struct digest d;
        digest_init(&d);
        digest_update(&d, data, len);
        char *out = g_malloc(DIGEST_HEX);
        digest_hex(&d, out);
        return out;
}
