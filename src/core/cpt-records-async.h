/* cpt-records-async.h: reading and saving a client or a product for a window, and a
 * client's memos and files, run in the worker's thread on its connection so that the main
 * loop never waits for SQLite or the disk (DESIGN.md: no store call on the main loop). Each
 * pair does what the function named beside it does; the commit is noticed by the context
 * like any other writer's.
 *
 * A record given to save is copied first: the window keeps its own and may go on changing
 * it, and no property of an object the window holds is set from another thread. */
#pragma once

#include "cpt-client.h"
#include "cpt-product.h"
#include "cpt-worker.h"

G_BEGIN_DECLS

/* cpt_client_load (id). */
void        cpt_client_load_async      (CptWorker           *worker,
                                        gint64               id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
CptClient  *cpt_client_load_finish     (CptWorker           *worker,
                                        GAsyncResult        *result,
                                        GError             **error);

/* cpt_client_insert () when `client` has no id yet, else cpt_client_update (), on a copy:
 * the copy as saved (checked and normalised, with its id), or NULL with an error. */
void        cpt_client_save_async      (CptWorker           *worker,
                                        CptClient           *client,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
CptClient  *cpt_client_save_finish     (CptWorker           *worker,
                                        GAsyncResult        *result,
                                        GError             **error);

/* cpt_client_set_archived (id, archived). */
void        cpt_client_set_archived_async  (CptWorker           *worker,
                                            gint64               id,
                                            gboolean             archived,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean    cpt_client_set_archived_finish (CptWorker           *worker,
                                            GAsyncResult        *result,
                                            GError             **error);

/* cpt_client_delete (id): refused while the client has documents. */
void        cpt_client_delete_async    (CptWorker           *worker,
                                        gint64               id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean    cpt_client_delete_finish   (CptWorker           *worker,
                                        GAsyncResult        *result,
                                        GError             **error);

/* cpt_client_add_memo (): the memo's id, 0 with an error. */
void        cpt_client_add_memo_async  (CptWorker           *worker,
                                        gint64               client_id,
                                        const char          *author,
                                        const char          *text,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gint64      cpt_client_add_memo_finish (CptWorker           *worker,
                                        GAsyncResult        *result,
                                        GError             **error);

/* cpt_client_add_file (): the file at `path` is read in the thread too (up to
 * CPT_CLIENT_FILE_MAX_SIZE); the stored file's id, 0 with an error. */
void        cpt_client_add_file_async  (CptWorker           *worker,
                                        gint64               client_id,
                                        const char          *path,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gint64      cpt_client_add_file_finish (CptWorker           *worker,
                                        GAsyncResult        *result,
                                        GError             **error);

/* cpt_client_get_file_data (file_id): the file's bytes, or NULL with an error. */
void        cpt_client_get_file_data_async  (CptWorker           *worker,
                                             gint64               file_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GBytes     *cpt_client_get_file_data_finish (CptWorker           *worker,
                                             GAsyncResult        *result,
                                             GError             **error);

/* cpt_client_remove_file (file_id). */
void        cpt_client_remove_file_async  (CptWorker           *worker,
                                           gint64               file_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    cpt_client_remove_file_finish (CptWorker           *worker,
                                           GAsyncResult        *result,
                                           GError             **error);

/* cpt_product_load (id). */
void        cpt_product_load_async     (CptWorker           *worker,
                                        gint64               id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
CptProduct *cpt_product_load_finish    (CptWorker           *worker,
                                        GAsyncResult        *result,
                                        GError             **error);

/* cpt_product_insert () or cpt_product_update (), as cpt_client_save_async (). */
void        cpt_product_save_async     (CptWorker           *worker,
                                        CptProduct          *product,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
CptProduct *cpt_product_save_finish    (CptWorker           *worker,
                                        GAsyncResult        *result,
                                        GError             **error);

/* cpt_product_set_archived (id, archived). */
void        cpt_product_set_archived_async  (CptWorker           *worker,
                                             gint64               id,
                                             gboolean             archived,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean    cpt_product_set_archived_finish (CptWorker           *worker,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
