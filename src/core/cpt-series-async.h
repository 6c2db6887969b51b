/* cpt-series-async.h: the number series read, previewed and changed in the worker's thread,
 * for the windows that show them (the numbering preferences, the confirmation before
 * validating), so that the main loop never waits for the file. */
#pragma once

#include "cpt-series.h"
#include "cpt-worker.h"

G_BEGIN_DECLS

/* cpt_series_load_all (): the five series (CptSeries). */
void       cpt_series_load_all_async    (CptWorker           *worker,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GPtrArray *cpt_series_load_all_finish   (CptWorker           *worker,
                                         GAsyncResult        *result,
                                         GError             **error);

/* cpt_series_set (). */
void       cpt_series_set_async         (CptWorker           *worker,
                                         const char          *name,
                                         const char          *format,
                                         int                  reset,
                                         gint64               first_number,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean   cpt_series_set_finish        (CptWorker           *worker,
                                         GAsyncResult        *result,
                                         GError             **error);

/* The number the next document of `kind` would get on `iso_date`: the series of the kind
 * (cpt_series_for_document_kind ()), then cpt_series_preview (), in one job. */
void       cpt_series_preview_async     (CptWorker           *worker,
                                         CptDocumentKind      kind,
                                         const char          *iso_date,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
char      *cpt_series_preview_finish    (CptWorker           *worker,
                                         GAsyncResult        *result,
                                         GError             **error);

/* cpt_series_preview_with (): the next number of series `name` with a format not saved yet.
 * A job cancelled before it ran (the format typed on) is not run. */
void       cpt_series_preview_with_async  (CptWorker           *worker,
                                           const char          *name,
                                           const char          *format,
                                           int                  reset,
                                           gint64               first_number,
                                           const char          *iso_date,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char      *cpt_series_preview_with_finish (CptWorker           *worker,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
