#define G_LOG_DOMAIN "cpt-client"

#include "cpt-client.h"
#include "cpt-error.h"
#include "cpt-identifiers.h"
#include "cpt-store-clients.h"
#include "cpt-validate.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <string.h>

struct _CptClient
{
  GObject   parent_instance;
  gint64    id;
  char     *kind;
  char     *name;
  char     *siren;
  char     *siret;
  char     *vat_number;
  char     *email;
  char     *phone;
  char     *address;
  char     *postcode;
  char     *city;
  char     *country;
  char     *delivery_address;
  char     *delivery_postcode;
  char     *delivery_city;
  char     *delivery_country;
  gint64    payment_days;
  gboolean  end_of_month;
  char     *currency;
  char     *language;
  gboolean  archived;
  char     *created_at;
};

#define E CPT_FIELD_EDITABLE
static const CptField client_fields[] = {
  CPT_FIELD_ENTRY (CptClient, id, CPT_FIELD_INT64, 0),
  CPT_FIELD_ENTRY (CptClient, kind, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptClient, name, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptClient, siren, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptClient, siret, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptClient, vat_number, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptClient, email, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptClient, phone, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptClient, address, CPT_FIELD_STRING, E | CPT_FIELD_MULTILINE),
  CPT_FIELD_ENTRY (CptClient, postcode, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptClient, city, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptClient, country, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptClient, delivery_address, CPT_FIELD_STRING, E | CPT_FIELD_MULTILINE),
  CPT_FIELD_ENTRY (CptClient, delivery_postcode, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptClient, delivery_city, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptClient, delivery_country, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptClient, payment_days, CPT_FIELD_INT64, E),
  CPT_FIELD_ENTRY (CptClient, end_of_month, CPT_FIELD_BOOLEAN, E),
  CPT_FIELD_ENTRY (CptClient, currency, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptClient, language, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptClient, archived, CPT_FIELD_BOOLEAN, CPT_FIELD_GENERATED),
  CPT_FIELD_ENTRY (CptClient, created_at, CPT_FIELD_STRING, CPT_FIELD_GENERATED),
};
#undef E

static CptRecordClass client_record = { client_fields, G_N_ELEMENTS (client_fields), NULL };

G_DEFINE_FINAL_TYPE (CptClient, cpt_client, G_TYPE_OBJECT)

static void
cpt_client_init_defaults (CptClient *self)
{
  self->kind = g_strdup ("company");
  self->country = g_strdup ("FR");
  self->currency = g_strdup ("EUR");
  self->language = g_strdup ("fr");
  self->payment_days = 30;
}

CPT_RECORD_IMPLEMENT (CptClient, cpt_client, client_record)

const CptRecordClass *
cpt_client_record (void)
{
  g_type_ensure (CPT_TYPE_CLIENT);
  return &client_record;
}

CptClient *
cpt_client_new (void)
{
  return g_object_new (CPT_TYPE_CLIENT, NULL);
}

gint64 cpt_client_get_id (CptClient *self) { return self->id; }
const char *cpt_client_get_name (CptClient *self) { return self->name; }
const char *cpt_client_get_kind (CptClient *self) { return self->kind; }
const char *cpt_client_get_currency (CptClient *self) { return self->currency; }
const char *cpt_client_get_language (CptClient *self) { return self->language; }
gint64 cpt_client_get_payment_days (CptClient *self) { return self->payment_days; }
gboolean cpt_client_get_end_of_month (CptClient *self) { return self->end_of_month; }
gboolean cpt_client_get_archived (CptClient *self) { return self->archived; }

gboolean
cpt_client_validate (CptClient *self, GError **error)
{
  char **optional[] = { &self->phone, &self->address, &self->postcode, &self->city,
                        &self->delivery_address, &self->delivery_postcode,
                        &self->delivery_city, &self->delivery_country };

  if (!cpt_record_check_text (&client_record, G_OBJECT (self), error) ||
      !cpt_validate_required (&self->name, _("The client’s name"), error))
    return FALSE;
  cpt_validate_optional (&self->kind);
  if (self->kind == NULL)
    self->kind = g_strdup ("company");
  if (strcmp (self->kind, "company") != 0 && strcmp (self->kind, "individual") != 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("A client is a company or an individual, not “%s”"), self->kind);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    cpt_validate_optional (optional[i]);
  if (!cpt_validate_identifier (&self->siren, cpt_siren_check, error) ||
      !cpt_validate_identifier (&self->siret, cpt_siret_check, error) ||
      !cpt_validate_identifier (&self->vat_number, cpt_vat_number_check, error) ||
      !cpt_validate_emails (&self->email, error) ||
      !cpt_validate_country (&self->country, error) ||
      !cpt_validate_currency (&self->currency, error) ||
      !cpt_validate_language (&self->language, error))
    return FALSE;
  if (self->delivery_country != NULL && !cpt_validate_country (&self->delivery_country, error))
    return FALSE;
  if (self->siren == NULL && self->siret != NULL)
    self->siren = g_strndup (self->siret, 9);
  if (self->siren != NULL && self->siret != NULL && !g_str_has_prefix (self->siret, self->siren))
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("The SIRET %s does not belong to the SIREN %s: a SIRET starts with its SIREN"),
                   self->siret, self->siren);
      return FALSE;
    }
  if (self->payment_days < 0 || self->payment_days > 365)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("Payment terms must be between 0 and 365 days, not %" PRId64),
                   self->payment_days);
      return FALSE;
    }
  return TRUE;
}

gboolean
cpt_client_insert (CptClient *self, CptDatabase *db, GError **error)
{
  if (!cpt_client_validate (self, error))
    return FALSE;
  return cpt_store_clients_insert (db, self, error);
}

gboolean
cpt_client_update (CptClient *self, CptDatabase *db, GError **error)
{
  if (!cpt_client_validate (self, error))
    return FALSE;
  return cpt_store_clients_update (db, self, error);
}

CptClient *
cpt_client_load (CptDatabase *db, gint64 id, GError **error)
{
  return cpt_store_clients_load (db, id, error);
}

gboolean
cpt_client_count_documents (CptDatabase *db, gint64 id, gint64 *count, GError **error)
{
  return cpt_store_clients_count_documents (db, id, count, error);
}

gboolean
cpt_client_set_archived (CptDatabase *db, gint64 id, gboolean archived, GError **error)
{
  return cpt_store_clients_set_archived (db, id, archived, error);
}

gboolean
cpt_client_delete (CptDatabase *db, gint64 id, GError **error)
{
  gint64 documents;

  if (!cpt_store_clients_count_documents (db, id, &documents, error))
    return FALSE;
  if (documents > 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_REFUSED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "This client has %" PRId64 " document and cannot be deleted; "
                                "archive the client instead",
                                "This client has %" PRId64 " documents and cannot be deleted; "
                                "archive the client instead", documents),
                   documents);
      return FALSE;
    }
  return cpt_store_clients_delete (db, id, error);
}

/* ---------------------------------------------------------------- memos */

void
cpt_memo_free (CptMemo *memo)
{
  g_free (memo->created_at);
  g_free (memo->author);
  g_free (memo->text);
  g_free (memo);
}

gint64
cpt_client_add_memo (CptDatabase *db, gint64 client_id, const char *author, const char *text,
                     GError **error)
{
  static const CptField memo_field = { "note", CPT_FIELD_STRING, 0, CPT_FIELD_MULTILINE, NULL };
  static const CptField author_field = { "name", CPT_FIELD_STRING, 0, 0, NULL };
  g_autofree char *body = NULL;

  if (!cpt_record_check_field_text (&memo_field, text, error) ||
      !cpt_record_check_field_text (&author_field, author, error))
    return 0;
  body = g_strstrip (g_strdup (text ? text : ""));
  if (*body == '\0')
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("A memo cannot be empty"));
      return 0;
    }
  if (!cpt_store_clients_exists (db, client_id, error))
    return 0;
  return cpt_store_clients_add_memo (db, client_id, author ? author : g_get_real_name (), body,
                                     error);
}

GPtrArray *
cpt_client_list_memos (CptDatabase *db, gint64 client_id, GError **error)
{
  return cpt_store_clients_list_memos (db, client_id, error);
}

gboolean
cpt_client_delete_memo (CptDatabase *db, gint64 memo_id, GError **error)
{
  return cpt_store_clients_delete_memo (db, memo_id, error);
}

/* ---------------------------------------------------------------- files */

void
cpt_client_file_free (CptClientFile *file)
{
  g_free (file->name);
  g_free (file->mime);
  g_free (file->added_at);
  g_free (file);
}

gint64
cpt_client_add_file (CptDatabase *db, gint64 client_id, const char *path, GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *content_type = NULL;
  g_autofree char *mime = NULL;
  gsize length;
  GStatBuf st;

  if (!cpt_store_clients_exists (db, client_id, error))
    return 0;
  if (g_stat (path, &st) == 0 && st.st_size > CPT_CLIENT_FILE_MAX_SIZE)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("“%s” is too large to attach (%" PRId64 " MiB; at most %d MiB)"),
                   name, (gint64) st.st_size / (1024 * 1024), CPT_CLIENT_FILE_MAX_SIZE / (1024 * 1024));
      return 0;
    }
  if (!g_file_get_contents (path, &data, &length, error))
    return 0;
  content_type = g_content_type_guess (name, (const guchar *) data, MIN (length, 4096), NULL);
  mime = g_content_type_get_mime_type (content_type);
  return cpt_store_clients_add_file (db, client_id, name,
                                     mime ? mime : "application/octet-stream", data, length,
                                     error);
}

GPtrArray *
cpt_client_list_files (CptDatabase *db, gint64 client_id, GError **error)
{
  return cpt_store_clients_list_files (db, client_id, error);
}

GBytes *
cpt_client_get_file_data (CptDatabase *db, gint64 file_id, GError **error)
{
  return cpt_store_clients_get_file_data (db, file_id, error);
}

gboolean
cpt_client_remove_file (CptDatabase *db, gint64 file_id, GError **error)
{
  return cpt_store_clients_remove_file (db, file_id, error);
}
