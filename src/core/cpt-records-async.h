/* cpt-records-async.h: reading and saving a client or a product for a window, run in the
 * worker's thread on its connection so that the main loop never waits for SQLite
 * (DESIGN.md: no store call on the main loop). Each pair does what the function named beside
 * it does; the commit is noticed by the context like any other writer's.
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
