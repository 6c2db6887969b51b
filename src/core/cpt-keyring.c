#define G_LOG_DOMAIN "cpt-keyring"

#include <glib/gi18n-lib.h>

#include "cpt-error.h"
#include "cpt-keyring.h"

void
cpt_keyring_item_free (CptKeyringItem *item)
{
  if (item == NULL)
    return;
  g_clear_pointer (&item->attributes, g_hash_table_unref);
  if (item->secret != NULL)
    secret_password_wipe (item->secret);
  g_free (item->secret);
  g_free (item);
}

/* libsecret's errors (D-Bus, no service, locked and dismissed) all mean the same to the user:
 * the keyring could not be used. Said once here, with libsecret's reason after it. */
static void
unavailable (GError **error, GError *cause)
{
  if (cause == NULL)
    return;
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return;
    }
  g_set_error (error, CPT_ERROR, CPT_ERROR_UNAVAILABLE,
               _("The keyring cannot be used: %s"), cause->message);
  g_error_free (cause);
}

gboolean
cpt_keyring_store (const SecretSchema *schema, GHashTable *attributes, const char *label,
                   const char *secret, GError **error)
{
  GError *local = NULL;

  if (!secret_password_storev_sync (schema, attributes, SECRET_COLLECTION_DEFAULT, label,
                                    secret, NULL, &local))
    {
      unavailable (error, local);
      return FALSE;
    }
  return TRUE;
}

char *
cpt_keyring_lookup (const SecretSchema *schema, GHashTable *attributes, GError **error)
{
  GError *local = NULL;
  char *secret = secret_password_lookupv_sync (schema, attributes, NULL, &local);

  if (local != NULL)
    unavailable (error, local);
  return secret;
}

CptKeyringItem *
cpt_keyring_find (const SecretSchema *schema, GHashTable *attributes, GError **error)
{
  GError *local = NULL;
  GList *found = secret_password_searchv_sync (schema, attributes,
                                               SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                                               NULL, &local);
  CptKeyringItem *item = NULL;

  if (local != NULL)
    {
      unavailable (error, local);
      return NULL;
    }
  for (GList *l = found; l != NULL && item == NULL; l = l->next)
    {
      SecretRetrievable *retrievable = l->data;
      g_autoptr(SecretValue) value = secret_retrievable_retrieve_secret_sync (retrievable, NULL, NULL);
      const char *text = value != NULL ? secret_value_get_text (value) : NULL;

      if (text == NULL)
        continue;
      item = g_new0 (CptKeyringItem, 1);
      item->attributes = secret_retrievable_get_attributes (retrievable);
      item->secret = g_strdup (text);
    }
  g_list_free_full (found, g_object_unref);
  return item;
}

gboolean
cpt_keyring_clear (const SecretSchema *schema, GHashTable *attributes, GError **error)
{
  GError *local = NULL;

  secret_password_clearv_sync (schema, attributes, NULL, &local);
  if (local != NULL)
    {
      unavailable (error, local);
      return FALSE;
    }
  return TRUE;
}
