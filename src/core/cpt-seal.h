/* cpt-seal.h: the seal of the ledger. The hash chain shows that no validated document was
 * changed, unless someone changed it and computed the whole chain again: the file alone
 * cannot tell. So each ledger entry also gets an HMAC-SHA256 under a secret key of the
 * company that lives in the user's keyring, never in the file. A rewritten chain then fails
 * the seal; a file checked where the key is absent (another computer, no keyring) is said to
 * be unverifiable there, never sound. */
#pragma once

#include <libsecret/secret.h>

G_BEGIN_DECLS

#define CPT_SEAL_KEY_BYTES 32

typedef struct
{
  char   *id;                        /* names the key in the keyring and in the file */
  guint8  bytes[CPT_SEAL_KEY_BYTES];
} CptSealKey;

void        cpt_seal_key_free   (CptSealKey *key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptSealKey, cpt_seal_key_free)

/* "io.github.comptoir.Comptoir.Seal", attributes "company" (the company's uuid, kept in the
 * file) and "key-id". */
const SecretSchema *cpt_seal_get_schema (void);

/* The key this computer seals the company's entries with. When it has none: makes one and
 * stores it when `create` is set (sets *out_created), else returns NULL with no error.
 * NULL with a CPT_ERROR_UNAVAILABLE when the keyring cannot be reached. */
CptSealKey *cpt_seal_key_for_sealing (const char *company, gboolean create,
                                      gboolean *out_created, GError **error);
/* The key `key_id` of the company, or NULL with no error when this keyring does not hold it. */
CptSealKey *cpt_seal_key_lookup      (const char *company, const char *key_id, GError **error);

/* The seal (lower-case hex) of ledger entry `seq`, for `document_id`, whose chain hash is
 * `hash`. */
char       *cpt_seal_compute         (const CptSealKey *key, gint64 seq, gint64 document_id,
                                      const char *hash);

G_END_DECLS
