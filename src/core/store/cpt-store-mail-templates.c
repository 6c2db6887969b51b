/* cpt-store-mail-templates.c: the SQL of the user's own message templates. */
#define G_LOG_DOMAIN "cpt-store"

#include <glib/gi18n-lib.h>

#include "cpt-store-mail-templates.h"
#include "cpt-store-private.h"

gboolean
cpt_store_mail_templates_load (CptDatabase *db, CptMailPurpose purpose, const char *language,
                               char **out_subject, char **out_body, gboolean *found, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "SELECT subject, body FROM mail_templates WHERE purpose = ? AND language = ?", error);

  *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, cpt_mail_purpose_to_string (purpose), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, language, -1, SQLITE_TRANSIENT);
  if (!cpt_store_step (db, stmt, _("Could not read the message templates"), found, error))
    return FALSE;
  if (*found)
    {
      *out_subject = cpt_store_dup_text (stmt, 0);
      *out_body = cpt_store_dup_text (stmt, 1);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

gboolean
cpt_store_mail_templates_save (CptDatabase *db, CptMailPurpose purpose, const char *language,
                               const char *subject, const char *body, GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "INSERT INTO mail_templates (purpose, language, subject, body) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (purpose, language) DO UPDATE SET subject = excluded.subject, body = excluded.body",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, cpt_mail_purpose_to_string (purpose), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, language, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, subject, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, body, -1, SQLITE_TRANSIENT);
  return cpt_database_step_done (db, stmt, _("Could not save the message template"), error);
}

gboolean
cpt_store_mail_templates_reset (CptDatabase *db, CptMailPurpose purpose, const char *language,
                                GError **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db,
    "DELETE FROM mail_templates WHERE purpose = ? AND language = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, cpt_mail_purpose_to_string (purpose), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, language, -1, SQLITE_TRANSIENT);
  return cpt_database_step_done (db, stmt, _("Could not restore the message template"), error);
}
