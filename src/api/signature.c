/* SPDX-License-Identifier: MIT */
/*
 * signature: HMAC-SHA256 with libcrypto, the hex form, and a comparison
 * of the raw digests with CRYPTO_memcmp (constant time). The computed
 * digest is wiped after use.
 */
#include "config.h"

#include "api/signature.h"

#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#define DIGEST_LEN 32

static bool digest(const char *secret, const void *body, size_t len,
		   unsigned char md[DIGEST_LEN])
{
	unsigned int n = 0;
	size_t klen = secret ? strlen(secret) : 0;

	if (!klen || klen > (size_t)0x7fffffff)
		return false;
	if (!body)
		body = "";
	return HMAC(EVP_sha256(), secret, (int)klen, body, len, md, &n) &&
	       n == DIGEST_LEN;
}

bool api_signature_hex(const char *secret, const void *body, size_t len,
		       char out[API_SIGNATURE_HEX_MAX])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[DIGEST_LEN];

	out[0] = '\0';
	if (!digest(secret, body, len, md))
		return false;
	for (size_t i = 0; i < DIGEST_LEN; i++) {
		out[2 * i] = digits[md[i] >> 4];
		out[2 * i + 1] = digits[md[i] & 15];
	}
	out[2 * DIGEST_LEN] = '\0';
	OPENSSL_cleanse(md, sizeof md);
	return true;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

api_signature_result api_signature_check(const char *secret,
					 const void *body, size_t len,
					 const char *signature)
{
	unsigned char want[DIGEST_LEN], md[DIGEST_LEN];
	api_signature_result r;

	if (!signature || strlen(signature) != 2 * DIGEST_LEN)
		return API_SIGNATURE_MALFORMED;
	for (size_t i = 0; i < DIGEST_LEN; i++) {
		int hi = hex_value(signature[2 * i]);
		int lo = hex_value(signature[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return API_SIGNATURE_MALFORMED;
		want[i] = (unsigned char)(hi << 4 | lo);
	}
	if (!digest(secret, body, len, md))
		return API_SIGNATURE_ERROR;
	r = CRYPTO_memcmp(want, md, DIGEST_LEN) == 0 ? API_SIGNATURE_MATCH
						     : API_SIGNATURE_MISMATCH;
	OPENSSL_cleanse(md, sizeof md);
	return r;
}
