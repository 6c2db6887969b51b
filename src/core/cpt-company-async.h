/* cpt-company-async.h: the company's row and logo read and written in the worker's thread,
 * for the windows that show them (preferences, welcome page, first start), so that the main
 * loop never waits for the file. Each does what the function named beside it does. */
#pragma once

#include "cpt-company.h"
#include "cpt-worker.h"

G_BEGIN_DECLS

/* cpt_company_load (). */
void        cpt_company_load_async    (CptWorker           *worker,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
CptCompany *cpt_company_load_finish   (CptWorker           *worker,
                                       GAsyncResult        *result,
                                       GError             **error);

/* Reads the company as it is in the file, sets on it the properties named in `fields` to
 * their values in `values`, and saves it (cpt_company_save ()): two pages that each edit
 * some of the fields (the business, the mail account) never write back the other's as they
 * were when they were read. `values` is read in the thread: the caller must not change it
 * any more. The company as saved (normalised identifiers), or NULL with an error, nothing
 * written. */
void        cpt_company_update_async  (CptWorker           *worker,
                                       CptCompany          *values,
                                       const char * const  *fields,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
CptCompany *cpt_company_update_finish (CptWorker           *worker,
                                       GAsyncResult        *result,
                                       GError             **error);

/* cpt_company_get_logo (): the image, its MIME type in `out_mime`; NULL without an error
 * when there is none. */
void        cpt_company_get_logo_async  (CptWorker           *worker,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GBytes     *cpt_company_get_logo_finish (CptWorker           *worker,
                                         GAsyncResult        *result,
                                         char               **out_mime,
                                         GError             **error);

/* cpt_company_set_logo_from_file (), then the logo as stored (as get_logo_finish ()). */
void        cpt_company_set_logo_async  (CptWorker           *worker,
                                         const char          *path,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GBytes     *cpt_company_set_logo_finish (CptWorker           *worker,
                                         GAsyncResult        *result,
                                         char               **out_mime,
                                         GError             **error);

G_END_DECLS
