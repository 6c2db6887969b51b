/* cpt-client.h: a client record (company or individual), its memos and files. */
#pragma once

#include "cpt-database.h"
#include "cpt-record.h"

G_BEGIN_DECLS

#define CPT_TYPE_CLIENT (cpt_client_get_type ())
G_DECLARE_FINAL_TYPE (CptClient, cpt_client, CPT, CLIENT, GObject)

const CptRecordClass *cpt_client_record (void);

CptClient  *cpt_client_new          (void);
/* Trims and normalises every field and checks identifiers; in plain words on failure. */
gboolean    cpt_client_validate     (CptClient *self, GError **error);
/* Validates and inserts; sets the id. */
gboolean    cpt_client_insert       (CptClient *self, CptDatabase *db, GError **error);
gboolean    cpt_client_update       (CptClient *self, CptDatabase *db, GError **error);
CptClient  *cpt_client_load         (CptDatabase *db, gint64 id, GError **error);
gboolean    cpt_client_set_archived (CptDatabase *db, gint64 id, gboolean archived, GError **error);
/* Deleting is only possible while the client has no document; otherwise archive it. */
gboolean    cpt_client_delete       (CptDatabase *db, gint64 id, GError **error);
gboolean    cpt_client_count_documents (CptDatabase *db, gint64 id, gint64 *count,
                                        GError **error);

gint64      cpt_client_get_id       (CptClient *self);
const char *cpt_client_get_name     (CptClient *self);
const char *cpt_client_get_kind     (CptClient *self);
const char *cpt_client_get_currency (CptClient *self);
const char *cpt_client_get_language (CptClient *self);
gint64      cpt_client_get_payment_days (CptClient *self);
gboolean    cpt_client_get_end_of_month (CptClient *self);
gboolean    cpt_client_get_archived (CptClient *self);

/* Memos (the eKo "Nouveau Mémo"): dated notes with their author. */
typedef struct
{
  gint64  id;
  char   *created_at;
  char   *author;
  char   *text;
} CptMemo;

void       cpt_memo_free            (CptMemo *memo);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptMemo, cpt_memo_free)
gint64     cpt_client_add_memo      (CptDatabase *db, gint64 client_id, const char *author,
                                     const char *text, GError **error);
GPtrArray *cpt_client_list_memos    (CptDatabase *db, gint64 client_id, GError **error);
gboolean   cpt_client_delete_memo   (CptDatabase *db, gint64 memo_id, GError **error);

/* Files attached to a client are stored in the database itself (a backup holds them). */
typedef struct
{
  gint64  id;
  char   *name;
  char   *mime;
  gint64  size;
  char   *added_at;
} CptClientFile;

void       cpt_client_file_free     (CptClientFile *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptClientFile, cpt_client_file_free)
#define CPT_CLIENT_FILE_MAX_SIZE (32 * 1024 * 1024)
gint64     cpt_client_add_file      (CptDatabase *db, gint64 client_id, const char *path,
                                     GError **error);
GPtrArray *cpt_client_list_files    (CptDatabase *db, gint64 client_id, GError **error);
GBytes    *cpt_client_get_file_data (CptDatabase *db, gint64 file_id, GError **error);
gboolean   cpt_client_remove_file   (CptDatabase *db, gint64 file_id, GError **error);

G_END_DECLS
