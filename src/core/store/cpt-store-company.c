#define G_LOG_DOMAIN "cpt-store"

#include "cpt-store-company.h"
#include "cpt-store-private.h"
#include "cpt-store-record.h"
#include "cpt-error.h"

#include <glib/gi18n-lib.h>

/* The company is the one row with id 1, made by the schema. */
#define COMPANY_ID 1

/* Filled at each call (on the caller's stack): several threads use the store. */
#define COMPANY_TABLE \
  (&(CptStoreRecordTable) { "company", NULL, NULL, _("Could not read the company"), \
                            _("Could not save the company"), _("Could not save the company") })

CptCompany *
cpt_store_company_load (CptDatabase *db, GError **error)
{
  g_autoptr(CptCompany) company = g_object_new (CPT_TYPE_COMPANY, NULL);
  gboolean found;

  if (!cpt_store_record_load (db, COMPANY_TABLE, cpt_company_record (), COMPANY_ID,
                              G_OBJECT (company), &found, error))
    return NULL;
  if (!found)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT,
                   _("Could not read the company: the file has lost its company row"));
      return NULL;
    }
  return g_steal_pointer (&company);
}

gboolean
cpt_store_company_save (CptDatabase *db, CptCompany *company, GError **error)
{
  gboolean found;

  if (!cpt_store_record_update (db, COMPANY_TABLE, cpt_company_record (), G_OBJECT (company),
                                COMPANY_ID, &found, error))
    return FALSE;
  if (!found)
    g_set_error (error, CPT_ERROR, CPT_ERROR_CORRUPT,
                 _("Could not save the company: the file has lost its company row"));
  return found;
}

gboolean
cpt_store_company_set_logo (CptDatabase *db, GBytes *image, const char *mime, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "UPDATE company SET logo = ?, logo_mime = ? WHERE id = 1", error);
  gsize length;
  const void *data = g_bytes_get_data (image, &length);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob64 (stmt, 1, data, length, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, mime, -1, SQLITE_STATIC);
  return cpt_database_step_done (db, stmt, _("Could not store the logo"), error);
}

GBytes *
cpt_store_company_get_logo (CptDatabase *db, char **out_mime, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, "SELECT logo, logo_mime FROM company "
                                                 "WHERE id = 1 AND logo IS NOT NULL", error);
  GBytes *bytes;
  gboolean has_row;

  if (out_mime != NULL)
    *out_mime = NULL;
  if (stmt == NULL)
    return NULL;
  if (!cpt_store_step (db, stmt, _("Could not read the logo"), &has_row, error) || !has_row)
    return NULL;
  bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  if (out_mime != NULL)
    *out_mime = cpt_store_dup_text (stmt, 1);
  sqlite3_reset (stmt);
  return bytes;
}
