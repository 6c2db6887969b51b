#define G_LOG_DOMAIN "cpt-client"

#include "cpt-client.h"
#include "cpt-error.h"
#include "cpt-identifiers.h"
#include "cpt-sort-key.h"
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
  g_autofree char *columns = cpt_record_columns (&client_record, FALSE);
  g_autofree char *placeholders = cpt_record_placeholders (&client_record, FALSE);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int next;

  if (!cpt_client_validate (self, error))
    return FALSE;
  g_clear_pointer (&self->created_at, g_free);
  sql = g_strdup_printf ("INSERT INTO clients (%s, sort_name) VALUES (%s, ?) "
                         "RETURNING id, created_at", columns, placeholders);
  stmt = cpt_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  next = cpt_record_bind (&client_record, G_OBJECT (self), stmt, 1, FALSE);
  sqlite3_bind_text (stmt, next, cpt_sort_key (self->name), -1, g_free);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      cpt_database_set_error (db, error, _("Could not add the client"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  self->id = sqlite3_column_int64 (stmt, 0);
  self->created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
cpt_client_update (CptClient *self, CptDatabase *db, GError **error)
{
  g_autofree char *assignments = cpt_record_assignments (&client_record);
  g_autofree char *sql = g_strdup_printf ("UPDATE clients SET %s, sort_name = ? WHERE id = ?",
                                          assignments);
  sqlite3_stmt *stmt;
  int next;

  if (!cpt_client_validate (self, error))
    return FALSE;
  stmt = cpt_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  next = cpt_record_bind (&client_record, G_OBJECT (self), stmt, 1, FALSE);
  sqlite3_bind_text (stmt, next++, cpt_sort_key (self->name), -1, g_free);
  sqlite3_bind_int64 (stmt, next, self->id);
  if (!cpt_database_step_done (db, stmt, _("Could not save the client"), error))
    return FALSE;
  if (sqlite3_changes (cpt_database_get_handle (db)) == 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND, _("There is no client %" PRId64),
                   self->id);
      return FALSE;
    }
  return TRUE;
}

CptClient *
cpt_client_new_from_row (sqlite3_stmt *stmt, int first)
{
  CptClient *self = cpt_client_new ();

  cpt_record_read (&client_record, G_OBJECT (self), stmt, first);
  return self;
}

CptClient *
cpt_client_load (CptDatabase *db, gint64 id, GError **error)
{
  g_autofree char *columns = cpt_record_columns (&client_record, TRUE);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM clients WHERE id = ?", columns);
  sqlite3_stmt *stmt = cpt_database_prepare (db, sql, error);
  CptClient *self = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    self = cpt_client_new_from_row (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND, _("There is no client %" PRId64), id);
  else
    cpt_database_set_error (db, error, _("Could not read the client"));
  sqlite3_reset (stmt);
  return self;
}

gint64
cpt_client_count_documents (CptDatabase *db, gint64 id)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT count(*) FROM documents WHERE client_id = ?", NULL);
  gint64 count = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

static gboolean
exec_on_client (CptDatabase *db, const char *sql, gint64 id, const char *what, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cpt_database_step_done (db, stmt, what, error))
    return FALSE;
  if (sqlite3_changes (cpt_database_get_handle (db)) == 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND, _("There is no client %" PRId64), id);
      return FALSE;
    }
  return TRUE;
}

gboolean
cpt_client_set_archived (CptDatabase *db, gint64 id, gboolean archived, GError **error)
{
  return exec_on_client (db, archived ? "UPDATE clients SET archived = 1 WHERE id = ?"
                                      : "UPDATE clients SET archived = 0 WHERE id = ?",
                         id, _("Could not archive the client"), error);
}

gboolean
cpt_client_delete (CptDatabase *db, gint64 id, GError **error)
{
  gint64 documents = cpt_client_count_documents (db, id);

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
  return exec_on_client (db, "DELETE FROM clients WHERE id = ?", id,
                         _("Could not delete the client"), error);
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

static gboolean
client_exists (CptDatabase *db, gint64 client_id, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT 1 FROM clients WHERE id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND, _("There is no client %" PRId64),
                 client_id);
  return found;
}

gint64
cpt_client_add_memo (CptDatabase *db, gint64 client_id, const char *author, const char *text,
                     GError **error)
{
  static const CptField memo_field = { "note", CPT_FIELD_STRING, 0, CPT_FIELD_MULTILINE };
  static const CptField author_field = { "name", CPT_FIELD_STRING, 0, 0 };
  g_autofree char *body = NULL;
  sqlite3_stmt *stmt;

  if (!cpt_record_check_field_text (&memo_field, text, error) ||
      !cpt_record_check_field_text (&author_field, author, error))
    return 0;
  body = g_strstrip (g_strdup (text ? text : ""));
  if (*body == '\0')
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("A memo cannot be empty"));
      return 0;
    }
  if (!client_exists (db, client_id, error))
    return 0;
  stmt = cpt_database_prepare (db, "INSERT INTO client_memos (client_id, author, text) "
                                   "VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_text (stmt, 2, author ? author : g_get_real_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, body, -1, SQLITE_TRANSIENT);
  if (!cpt_database_step_done (db, stmt, _("Could not add the memo"), error))
    return 0;
  return cpt_database_last_insert_id (db);
}

GPtrArray *
cpt_client_list_memos (CptDatabase *db, gint64 client_id, GError **error)
{
  g_autoptr(GPtrArray) memos = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_memo_free);
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT id, created_at, author, text FROM client_memos WHERE client_id = ? "
    "ORDER BY created_at DESC, id DESC", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CptMemo *memo = g_new0 (CptMemo, 1);
      memo->id = sqlite3_column_int64 (stmt, 0);
      memo->created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      memo->author = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      memo->text = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (memos, memo);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&memos);
}

gboolean
cpt_client_delete_memo (CptDatabase *db, gint64 memo_id, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "DELETE FROM client_memos WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, memo_id);
  return cpt_database_step_done (db, stmt, _("Could not delete the memo"), error);
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
  sqlite3_stmt *stmt;

  if (!client_exists (db, client_id, error))
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
  stmt = cpt_database_prepare (db, "INSERT INTO client_files (client_id, name, mime, size, data) "
                                   "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, mime ? mime : "application/octet-stream", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, length);
  sqlite3_bind_blob64 (stmt, 5, data, length, SQLITE_STATIC);
  if (!cpt_database_step_done (db, stmt, _("Could not attach the file"), error))
    return 0;
  return cpt_database_last_insert_id (db);
}

GPtrArray *
cpt_client_list_files (CptDatabase *db, gint64 client_id, GError **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) cpt_client_file_free);
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT id, name, mime, size, added_at FROM client_files WHERE client_id = ? "
    "ORDER BY added_at DESC, id DESC", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CptClientFile *file = g_new0 (CptClientFile, 1);
      file->id = sqlite3_column_int64 (stmt, 0);
      file->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      file->mime = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      file->size = sqlite3_column_int64 (stmt, 3);
      file->added_at = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (files, file);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&files);
}

GBytes *
cpt_client_get_file_data (CptDatabase *db, gint64 file_id, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT data FROM client_files WHERE id = ?", error);
  GBytes *bytes = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, file_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  else
    g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND, _("There is no file %" PRId64), file_id);
  sqlite3_reset (stmt);
  return bytes;
}

gboolean
cpt_client_remove_file (CptDatabase *db, gint64 file_id, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "DELETE FROM client_files WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, file_id);
  if (!cpt_database_step_done (db, stmt, _("Could not remove the file"), error))
    return FALSE;
  if (sqlite3_changes (cpt_database_get_handle (db)) == 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND, _("There is no file %" PRId64),
                   file_id);
      return FALSE;
    }
  return TRUE;
}
