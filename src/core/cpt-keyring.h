/* cpt-keyring.h: secrets kept in the user's keyring (the Secret Service, through libsecret):
 * the key that seals the ledger today, mail passwords later. Every call talks to the keyring
 * over D-Bus and may wait for it: call them from a worker thread, never the main loop. */
#pragma once

#include <libsecret/secret.h>

G_BEGIN_DECLS

/* A secret found in the keyring, with the attributes it was stored under. */
typedef struct
{
  GHashTable *attributes; /* char * -> char * */
  char       *secret;
} CptKeyringItem;

void            cpt_keyring_item_free (CptKeyringItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptKeyringItem, cpt_keyring_item_free)

/* Stores `secret` under `attributes` (char * -> char *), replacing what they held. */
gboolean        cpt_keyring_store     (const SecretSchema *schema, GHashTable *attributes,
                                       const char *label, const char *secret, GError **error);
/* The secret stored under exactly these attributes; NULL with no error when there is none,
 * NULL with a CPT_ERROR_UNAVAILABLE when the keyring cannot be reached. */
char           *cpt_keyring_lookup    (const SecretSchema *schema, GHashTable *attributes,
                                       GError **error);
/* The first item whose attributes include these ones; NULL with no error when none does. */
CptKeyringItem *cpt_keyring_find      (const SecretSchema *schema, GHashTable *attributes,
                                       GError **error);
/* Removes what is stored under these attributes (nothing there is not an error). */
gboolean        cpt_keyring_clear     (const SecretSchema *schema, GHashTable *attributes,
                                       GError **error);

G_END_DECLS
