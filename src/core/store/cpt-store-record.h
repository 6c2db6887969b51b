/* cpt-store-record.h: loading, inserting and updating a record (company, client, product)
 * written once from its field table (CptRecordClass): the columns, their order and their
 * types come from the table, so a field added to a record is stored without more code.
 * Messages are the caller's, already translated, so that they name the record. */
#pragma once

#include "cpt-database.h"
#include "cpt-record.h"

G_BEGIN_DECLS

typedef struct
{
  const char *table;          /* SQL table, e.g. "clients" */
  /* An extra text column computed from the record on every write (the French sort key of
   * the name), or NULL. */
  const char *computed_column;
  char     *(*compute)        (GObject *object);
  /* Words for failures, translated by the caller. */
  const char *could_not_read;
  const char *could_not_add;
  const char *could_not_save;
} CptStoreRecordTable;

/* Reads row `id` into `object`. A missing row is not an error: *found = FALSE. */
gboolean  cpt_store_record_load    (CptDatabase               *db,
                                    const CptStoreRecordTable *table,
                                    const CptRecordClass      *record,
                                    gint64                     id,
                                    GObject                   *object,
                                    gboolean                  *found,
                                    GError                   **error);
/* Inserts `object` and reads back its id and generated columns (defaults, timestamps). */
gboolean  cpt_store_record_insert  (CptDatabase               *db,
                                    const CptStoreRecordTable *table,
                                    const CptRecordClass      *record,
                                    GObject                   *object,
                                    GError                   **error);
/* Writes every written column of `object` into row `id`; *found = FALSE when there is none. */
gboolean  cpt_store_record_update  (CptDatabase               *db,
                                    const CptStoreRecordTable *table,
                                    const CptRecordClass      *record,
                                    GObject                   *object,
                                    gint64                     id,
                                    gboolean                  *found,
                                    GError                   **error);

G_END_DECLS
