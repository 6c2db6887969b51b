#define G_LOG_DOMAIN "cpt-store"

/* cpt-store-record.c: the SQL of records, derived from their field tables, and the steps
 * every unit of the store shares. */

#include "cpt-store-private.h"
#include "cpt-store-record.h"

#include <string.h>

#define FIELD_PTR CPT_RECORD_FIELD_PTR

gboolean
cpt_store_step (CptDatabase  *db,
                sqlite3_stmt *stmt,
                const char   *what,
                gboolean     *has_row,
                GError      **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    cpt_database_set_error (db, error, what);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

gboolean
cpt_store_exec_with_id (CptDatabase *db,
                        const char  *sql,
                        gint64       id,
                        const char  *what,
                        gboolean    *changed,
                        GError     **error)
{
  sqlite3_stmt *stmt = cpt_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cpt_database_step_done (db, stmt, what, error))
    return FALSE;
  if (changed != NULL)
    *changed = sqlite3_changes (cpt_database_get_handle (db)) > 0;
  return TRUE;
}

char *
cpt_store_dup_text (sqlite3_stmt *stmt,
                    int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
is_column (const CptField *field, gboolean with_id)
{
  if (field->flags & CPT_FIELD_NO_COLUMN)
    return FALSE;
  if (with_id)
    return TRUE;
  return strcmp (field->key, "id") != 0 && !(field->flags & CPT_FIELD_GENERATED);
}

char *
cpt_record_columns (const CptRecordClass *record, gboolean with_id)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < record->n_fields; i++)
    if (is_column (&record->fields[i], with_id))
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", record->fields[i].key);
  return g_string_free (s, FALSE);
}

char *
cpt_record_placeholders (const CptRecordClass *record, gboolean with_id)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < record->n_fields; i++)
    if (is_column (&record->fields[i], with_id))
      g_string_append (s, s->len ? ", ?" : "?");
  return g_string_free (s, FALSE);
}

char *
cpt_record_assignments (const CptRecordClass *record)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < record->n_fields; i++)
    if (is_column (&record->fields[i], FALSE))
      g_string_append_printf (s, "%s%s = ?", s->len ? ", " : "", record->fields[i].key);
  return g_string_free (s, FALSE);
}

int
cpt_record_bind (const CptRecordClass *record, GObject *object, sqlite3_stmt *stmt, int first,
                 gboolean with_id)
{
  int index = first;

  for (guint i = 0; i < record->n_fields; i++)
    {
      const CptField *field = &record->fields[i];

      if (!is_column (field, with_id))
        continue;
      switch (field->type)
        {
        case CPT_FIELD_STRING:
          {
            const char *text = *(char **) FIELD_PTR (object, field);
            if (text != NULL)
              sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
            else
              sqlite3_bind_null (stmt, index);
          }
          break;
        case CPT_FIELD_INT64:
          if ((field->flags & CPT_FIELD_REFERENCE) && *(gint64 *) FIELD_PTR (object, field) == 0)
            sqlite3_bind_null (stmt, index);
          else
            sqlite3_bind_int64 (stmt, index, *(gint64 *) FIELD_PTR (object, field));
          break;
        case CPT_FIELD_BOOLEAN:
          sqlite3_bind_int (stmt, index, *(gboolean *) FIELD_PTR (object, field) ? 1 : 0);
          break;
        case CPT_FIELD_ENUM:
          {
            /* The column keeps the nick: the database's spelling (its CHECK constraints). */
            const char *nick = cpt_record_enum_to_nick (field, *(int *) FIELD_PTR (object, field));
            if (nick != NULL)
              sqlite3_bind_text (stmt, index, nick, -1, SQLITE_STATIC);
            else
              sqlite3_bind_null (stmt, index);
          }
          break;
        }
      index++;
    }
  return index;
}

void
cpt_record_read (const CptRecordClass *record, GObject *object, sqlite3_stmt *stmt, int first)
{
  int column = first;

  for (guint i = 0; i < record->n_fields; i++)
    {
      const CptField *field = &record->fields[i];

      if (!is_column (field, TRUE))
        continue;
      switch (field->type)
        {
        case CPT_FIELD_STRING:
          {
            char **slot = FIELD_PTR (object, field);
            const char *text = (const char *) sqlite3_column_text (stmt, column);
            g_free (*slot);
            *slot = g_strdup (text);
          }
          break;
        case CPT_FIELD_INT64:
          *(gint64 *) FIELD_PTR (object, field) = sqlite3_column_int64 (stmt, column);
          break;
        case CPT_FIELD_BOOLEAN:
          *(gboolean *) FIELD_PTR (object, field) = sqlite3_column_int (stmt, column) != 0;
          break;
        case CPT_FIELD_ENUM:
          {
            const char *nick = (const char *) sqlite3_column_text (stmt, column);
            int value;

            if (cpt_record_enum_from_nick (field, nick, &value))
              *(int *) FIELD_PTR (object, field) = value;
            else
              g_warning ("%s: “%s” is not a value of %s", field->key, nick ? nick : "NULL",
                         g_type_name (field->enum_type ()));
          }
          break;
        }
      column++;
    }
}

/* ---------------------------------------------------------------- whole records */

gboolean
cpt_store_record_load (CptDatabase               *db,
                       const CptStoreRecordTable *table,
                       const CptRecordClass      *record,
                       gint64                     id,
                       GObject                   *object,
                       gboolean                  *found,
                       GError                   **error)
{
  g_autofree char *columns = cpt_record_columns (record, TRUE);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", columns, table->table);
  sqlite3_stmt *stmt = cpt_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cpt_store_step (db, stmt, table->could_not_read, found, error))
    return FALSE;
  if (*found)
    {
      cpt_record_read (record, object, stmt, 0);
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* Binds the computed column, if the table has one, at `index`; returns the next index. */
static int
bind_computed (const CptStoreRecordTable *table,
               GObject                   *object,
               sqlite3_stmt              *stmt,
               int                        index)
{
  if (table->computed_column == NULL)
    return index;
  sqlite3_bind_text (stmt, index, table->compute (object), -1, g_free);
  return index + 1;
}

gboolean
cpt_store_record_insert (CptDatabase               *db,
                         const CptStoreRecordTable *table,
                         const CptRecordClass      *record,
                         GObject                   *object,
                         GError                   **error)
{
  g_autofree char *columns = cpt_record_columns (record, FALSE);
  g_autofree char *placeholders = cpt_record_placeholders (record, FALSE);
  g_autofree char *every_column = cpt_record_columns (record, TRUE);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;
  int next;

  /* RETURNING reads back the id and what the table's defaults and triggers wrote */
  if (table->computed_column != NULL)
    sql = g_strdup_printf ("INSERT INTO %s (%s, %s) VALUES (%s, ?) RETURNING %s", table->table,
                           columns, table->computed_column, placeholders, every_column);
  else
    sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s) RETURNING %s", table->table,
                           columns, placeholders, every_column);
  stmt = cpt_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  next = cpt_record_bind (record, object, stmt, 1, FALSE);
  bind_computed (table, object, stmt, next);
  if (!cpt_store_step (db, stmt, table->could_not_add, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      /* an insert that returns no row was ignored by a trigger: say so rather than
       * pretend it was written */
      cpt_database_set_error (db, error, table->could_not_add);
      return FALSE;
    }
  cpt_record_read (record, object, stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
cpt_store_record_update (CptDatabase               *db,
                         const CptStoreRecordTable *table,
                         const CptRecordClass      *record,
                         GObject                   *object,
                         gint64                     id,
                         gboolean                  *found,
                         GError                   **error)
{
  g_autofree char *assignments = cpt_record_assignments (record);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int next;

  if (table->computed_column != NULL)
    sql = g_strdup_printf ("UPDATE %s SET %s, %s = ? WHERE id = ?", table->table, assignments,
                           table->computed_column);
  else
    sql = g_strdup_printf ("UPDATE %s SET %s WHERE id = ?", table->table, assignments);
  stmt = cpt_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  next = cpt_record_bind (record, object, stmt, 1, FALSE);
  next = bind_computed (table, object, stmt, next);
  sqlite3_bind_int64 (stmt, next, id);
  if (!cpt_database_step_done (db, stmt, table->could_not_save, error))
    return FALSE;
  *found = sqlite3_changes (cpt_database_get_handle (db)) > 0;
  return TRUE;
}
