#define G_LOG_DOMAIN "cpt-seal"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>
#include <sys/random.h>

#include "cpt-error.h"
#include "cpt-keyring.h"
#include "cpt-seal.h"

const SecretSchema *
cpt_seal_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.comptoir.Comptoir.Seal", SECRET_SCHEMA_NONE,
    {
      { "company", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "key-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

void
cpt_seal_key_free (CptSealKey *key)
{
  if (key == NULL)
    return;
  g_free (key->id);
  memset (key->bytes, 0, sizeof key->bytes);
  g_free (key);
}

/* Keys are kept in the keyring as hex text: libsecret passwords are strings. */
static CptSealKey *
key_from_hex (const char *id, const char *hex)
{
  g_autoptr(CptSealKey) key = NULL;

  if (id == NULL || hex == NULL || strlen (hex) != 2 * CPT_SEAL_KEY_BYTES)
    return NULL;
  key = g_new0 (CptSealKey, 1);
  key->id = g_strdup (id);
  for (guint i = 0; i < CPT_SEAL_KEY_BYTES; i++)
    {
      int high = g_ascii_xdigit_value (hex[2 * i]), low = g_ascii_xdigit_value (hex[2 * i + 1]);
      if (high < 0 || low < 0)
        return NULL;
      key->bytes[i] = (guint8) (high << 4 | low);
    }
  return g_steal_pointer (&key);
}

static GHashTable *
attributes_new (const char *company, const char *key_id)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, "company", (gpointer) company);
  if (key_id != NULL)
    g_hash_table_insert (attributes, "key-id", (gpointer) key_id);
  return attributes;
}

static CptSealKey *
key_copy (const CptSealKey *key)
{
  CptSealKey *copy = g_new0 (CptSealKey, 1);

  copy->id = g_strdup (key->id);
  memcpy (copy->bytes, key->bytes, sizeof copy->bytes);
  return copy;
}

/* The sealing key of each company, once found: a validation must not cost a round trip to
 * the keyring each time (a batch validates thousands). Verification never uses it: it asks
 * the keyring, so that a key removed from it is seen as removed. */
static GMutex sealing_lock;
static GHashTable *sealing_keys; /* company uuid -> CptSealKey */
/* After the keyring failed, validations do not ask it again for a minute: a batch of
 * thousands on a machine without one would otherwise wait for D-Bus thousands of times. */
static gint64 unavailable_until;
static char *unavailable_reason;

static CptSealKey *
cached_sealing_key (const char *company)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&sealing_lock);
  CptSealKey *key = sealing_keys ? g_hash_table_lookup (sealing_keys, company) : NULL;

  return key ? key_copy (key) : NULL;
}

static CptSealKey *
remember_sealing_key (const char *company, CptSealKey *key)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&sealing_lock);

  if (key == NULL)
    return NULL;
  if (sealing_keys == NULL)
    sealing_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) cpt_seal_key_free);
  g_hash_table_replace (sealing_keys, g_strdup (company), key_copy (key));
  return key;
}

CptSealKey *
cpt_seal_key_for_sealing (const char *company, gboolean create, gboolean *out_created,
                          GError **error)
{
  g_autoptr(GHashTable) attributes = attributes_new (company, NULL);
  g_autoptr(CptKeyringItem) item = NULL;
  g_autoptr(GString) hex = NULL;
  CptSealKey *key;
  g_autofree char *id = NULL;
  g_autofree char *label = NULL;
  guint8 raw[CPT_SEAL_KEY_BYTES];
  GError *local = NULL;

  if (out_created != NULL)
    *out_created = FALSE;
  key = cached_sealing_key (company);
  if (key != NULL)
    return key;
  g_mutex_lock (&sealing_lock);
  if (g_get_monotonic_time () < unavailable_until)
    {
      g_set_error_literal (error, CPT_ERROR, CPT_ERROR_UNAVAILABLE, unavailable_reason);
      g_mutex_unlock (&sealing_lock);
      return NULL;
    }
  g_mutex_unlock (&sealing_lock);
  item = cpt_keyring_find (cpt_seal_get_schema (), attributes, &local);
  if (local != NULL)
    {
      if (g_error_matches (local, CPT_ERROR, CPT_ERROR_UNAVAILABLE))
        {
          g_mutex_lock (&sealing_lock);
          unavailable_until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
          g_free (unavailable_reason);
          unavailable_reason = g_strdup (local->message);
          g_mutex_unlock (&sealing_lock);
        }
      g_propagate_error (error, local);
      return NULL;
    }
  if (item != NULL)
    {
      key = key_from_hex (g_hash_table_lookup (item->attributes, "key-id"), item->secret);
      if (key != NULL)
        return remember_sealing_key (company, key);
    }
  if (!create)
    return NULL;

  /* A new key: 256 bits from the kernel's generator (GLib's is not meant for keys). */
  if (getrandom (raw, sizeof raw, 0) != (ssize_t) sizeof raw)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_UNAVAILABLE,
                   _("Could not make a new seal key: %s"), g_strerror (errno));
      return NULL;
    }
  hex = g_string_new (NULL);
  for (guint i = 0; i < CPT_SEAL_KEY_BYTES; i++)
    g_string_append_printf (hex, "%02x", raw[i]);
  memset (raw, 0, sizeof raw);
  id = g_uuid_string_random ();
  g_hash_table_insert (attributes, "key-id", id);
  /* Translators: the name of an item in the user's keyring (Passwords and Keys) */
  label = g_strdup (_("Comptoir: seal of the validated documents"));
  if (!cpt_keyring_store (cpt_seal_get_schema (), attributes, label, hex->str, error))
    return NULL;
  if (out_created != NULL)
    *out_created = TRUE;
  return remember_sealing_key (company, key_from_hex (id, hex->str));
}

CptSealKey *
cpt_seal_key_lookup (const char *company, const char *key_id, GError **error)
{
  g_autoptr(GHashTable) attributes = attributes_new (company, key_id);
  g_autofree char *secret = NULL;
  CptSealKey *key;

  secret = cpt_keyring_lookup (cpt_seal_get_schema (), attributes, error);
  if (secret == NULL)
    return NULL;
  key = key_from_hex (key_id, secret);
  secret_password_wipe (secret);
  return key;
}

char *
cpt_seal_compute (const CptSealKey *key, gint64 seq, gint64 document_id, const char *hash)
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, key->bytes, sizeof key->bytes);
  g_autofree char *message = NULL;

  /* The place in the chain is sealed with the hash, so that entries cannot be reordered. */
  message = g_strdup_printf ("comptoir-seal-1\n%" PRId64 "\n%" PRId64 "\n%s", seq, document_id,
                             hash ? hash : "");
  g_hmac_update (hmac, (const guchar *) message, strlen (message));
  return g_strdup (g_hmac_get_string (hmac));
}
