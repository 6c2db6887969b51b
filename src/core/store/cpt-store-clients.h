/* cpt-store-clients.h: the store's unit for clients, with their memos and attached files.
 * The rules (what a valid client is, when one may be deleted) stay in cpt-client.c. */
#pragma once

#include "cpt-client.h"

G_BEGIN_DECLS

/* A missing client is CPT_ERROR_NOT_FOUND. */
CptClient *cpt_store_clients_load            (CptDatabase *db, gint64 id, GError **error);
/* Inserts `client` (already validated) and reads back its id and creation time. */
gboolean   cpt_store_clients_insert          (CptDatabase *db, CptClient *client, GError **error);
gboolean   cpt_store_clients_update          (CptDatabase *db, CptClient *client, GError **error);
gboolean   cpt_store_clients_set_archived    (CptDatabase *db, gint64 id, gboolean archived,
                                              GError **error);
gboolean   cpt_store_clients_delete          (CptDatabase *db, gint64 id, GError **error);
/* CPT_ERROR_NOT_FOUND when there is no client `id`. */
gboolean   cpt_store_clients_exists          (CptDatabase *db, gint64 id, GError **error);
gboolean   cpt_store_clients_count_documents (CptDatabase *db, gint64 id, gint64 *count,
                                              GError **error);

gint64     cpt_store_clients_add_memo        (CptDatabase *db, gint64 client_id,
                                              const char *author, const char *text,
                                              GError **error);
GPtrArray *cpt_store_clients_list_memos      (CptDatabase *db, gint64 client_id, GError **error);
gboolean   cpt_store_clients_delete_memo     (CptDatabase *db, gint64 memo_id, GError **error);

gint64     cpt_store_clients_add_file        (CptDatabase *db, gint64 client_id,
                                              const char *name, const char *mime,
                                              const void *data, gsize length, GError **error);
GPtrArray *cpt_store_clients_list_files      (CptDatabase *db, gint64 client_id, GError **error);
GBytes    *cpt_store_clients_get_file_data   (CptDatabase *db, gint64 file_id, GError **error);
gboolean   cpt_store_clients_remove_file     (CptDatabase *db, gint64 file_id, GError **error);

G_END_DECLS
