/* SPDX-License-Identifier: MIT */
/*
 * signature: the check a webhook receiver makes. Nuki signs each
 * delivery with HMAC-SHA256 over the raw body bytes, keyed with the
 * webhook's secret, and sends it hex-encoded in X-Nuki-Signature-SHA256
 * (nuki-web-api.md 5.1). The body must be the bytes as received: JSON
 * parsed and written again would not match. The comparison takes the
 * same time wherever the first difference is. OpenSSL's libcrypto; no
 * I/O.
 */
#ifndef NUKI_API_SIGNATURE_H
#define NUKI_API_SIGNATURE_H

#include <stdbool.h>
#include <stddef.h>

/* The header's name, as the API logs it. */
#define API_SIGNATURE_HEADER "X-Nuki-Signature-SHA256"
/* 64 hex digits and a NUL. */
#define API_SIGNATURE_HEX_MAX 65

typedef enum api_signature_result {
	API_SIGNATURE_MATCH,
	API_SIGNATURE_MISMATCH,
	API_SIGNATURE_MALFORMED, /* the given signature is not 64 hex digits */
	API_SIGNATURE_ERROR,     /* no secret, or the crypto library failed */
} api_signature_result;

/* HMAC-SHA256 of the len bytes at body keyed with secret (its bytes up
 * to the NUL), as 64 lowercase hex digits into out. False when secret
 * is NULL or empty or the library fails (out is then ""). */
bool api_signature_hex(const char *secret, const void *body, size_t len,
		       char out[API_SIGNATURE_HEX_MAX]);

/* Check signature (64 hex digits, either case; surrounding spaces are
 * not allowed) against the body. Compares the 32 bytes in constant
 * time. */
api_signature_result api_signature_check(const char *secret,
					 const void *body, size_t len,
					 const char *signature);

#endif
