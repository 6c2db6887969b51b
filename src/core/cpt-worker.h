/* cpt-worker.h: slow database work off the main loop.
 *
 * A connection must not be used by two threads at once, so the worker keeps its own
 * connection to the same file (opened on first use, in its thread) and runs one job at a
 * time on it, in the order they were asked for. Long jobs that would hold it too long (the demo generator)
 * open a connection of their own instead: see cpt_worker_open_connection (). */
#pragma once

#include <gio/gio.h>

#include "cpt-database.h"

G_BEGIN_DECLS

#define CPT_TYPE_WORKER (cpt_worker_get_type ())
G_DECLARE_FINAL_TYPE (CptWorker, cpt_worker, CPT, WORKER, GObject)

/* Runs in a worker thread with the worker's connection; returns a result for
 * cpt_worker_run_finish () (freed with the `result_free` given to run_async), or NULL with
 * an error. */
typedef gpointer (*CptWorkerFunc) (CptDatabase  *db,
                                   gpointer      data,
                                   GCancellable *cancellable,
                                   GError      **error);

CptWorker   *cpt_worker_new            (const char *path);
const char  *cpt_worker_get_path       (CptWorker *self);

void         cpt_worker_run_async      (CptWorker          *self,
                                        CptWorkerFunc       func,
                                        gpointer            data,
                                        GDestroyNotify      data_free,
                                        GDestroyNotify      result_free,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
/* The result of the function (owned by the caller, free it with `result_free`), or NULL. */
gpointer     cpt_worker_run_finish     (CptWorker    *self,
                                        GAsyncResult *result,
                                        GError      **error);

/* A job that makes a row returns its id: cpt_worker_box_id () in the thread (NULL for 0,
 * the error), cpt_worker_run_finish_id () on the main loop (0 with the error). */
gpointer     cpt_worker_box_id          (gint64 id);
gint64       cpt_worker_run_finish_id   (CptWorker    *self,
                                         GAsyncResult *result,
                                         GError      **error);

/* A new connection on the worker's file, for a thread of its own. */
CptDatabase *cpt_worker_open_connection (CptWorker *self, GError **error);

G_END_DECLS
