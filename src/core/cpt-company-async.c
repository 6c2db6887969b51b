/* cpt-company-async.c: see cpt-company-async.h. */
#define G_LOG_DOMAIN "cpt-company-async"

#include "cpt-company-async.h"

static gpointer
load_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  return cpt_company_load (db, error);
}

void
cpt_company_load_async (CptWorker *worker, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (CPT_IS_WORKER (worker));

  cpt_worker_run_async (worker, load_in_thread, NULL, NULL, g_object_unref, cancellable,
                        callback, user_data);
}

CptCompany *
cpt_company_load_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error);
}

typedef struct
{
  CptCompany *values;
  GStrv       fields;
} Update;

static void
update_free (Update *update)
{
  g_clear_object (&update->values);
  g_strfreev (update->fields);
  g_free (update);
}

static gpointer
update_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  Update *update = data;
  g_autoptr(CptCompany) company = NULL;

  /* The read and the write in one transaction: a write of the other fields by another
   * process in between would otherwise be undone. */
  if (!cpt_database_begin (db, error))
    return NULL;
  company = cpt_company_load (db, error);
  if (company != NULL)
    for (guint i = 0; update->fields[i] != NULL; i++)
      {
        g_auto(GValue) value = G_VALUE_INIT;

        g_object_get_property (G_OBJECT (update->values), update->fields[i], &value);
        g_object_set_property (G_OBJECT (company), update->fields[i], &value);
      }
  if (company == NULL || !cpt_company_save (company, db, error) || !cpt_database_commit (db, error))
    {
      cpt_database_rollback (db);
      return NULL;
    }
  return g_steal_pointer (&company);
}

void
cpt_company_update_async (CptWorker *worker, CptCompany *values, const char * const *fields,
                          GCancellable *cancellable, GAsyncReadyCallback callback,
                          gpointer user_data)
{
  Update *update = g_new0 (Update, 1);

  g_return_if_fail (CPT_IS_WORKER (worker));
  g_return_if_fail (CPT_IS_COMPANY (values));
  g_return_if_fail (fields != NULL);

  update->values = g_object_ref (values);
  update->fields = g_strdupv ((GStrv) fields);
  cpt_worker_run_async (worker, update_in_thread, update, (GDestroyNotify) update_free,
                        g_object_unref, cancellable, callback, user_data);
}

CptCompany *
cpt_company_update_finish (CptWorker *worker, GAsyncResult *result, GError **error)
{
  return cpt_worker_run_finish (worker, result, error);
}

/* ---------------------------------------------------------------- the logo */

typedef struct
{
  GBytes *image;
  char   *mime;
} Logo;

static void
logo_free (Logo *logo)
{
  g_clear_pointer (&logo->image, g_bytes_unref);
  g_free (logo->mime);
  g_free (logo);
}

static gpointer
get_logo_in_thread (CptDatabase *db, gpointer data, GCancellable *cancellable, GError **error)
{
  const char *path = data;
  Logo *logo = g_new0 (Logo, 1);
  GError *local = NULL;

  if (path != NULL && !cpt_company_set_logo_from_file (db, path, error))
    {
      logo_free (logo);
      return NULL;
    }
  logo->image = cpt_company_get_logo (db, &logo->mime, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      logo_free (logo);
      return NULL;
    }
  /* Always a result, the image NULL when there is none: NULL is the error. */
  return logo;
}

static GBytes *
logo_finish (CptWorker *worker, GAsyncResult *result, char **out_mime, GError **error)
{
  Logo *logo = cpt_worker_run_finish (worker, result, error);
  GBytes *image;

  if (out_mime != NULL)
    *out_mime = NULL;
  if (logo == NULL)
    return NULL;
  image = g_steal_pointer (&logo->image);
  if (out_mime != NULL)
    *out_mime = g_steal_pointer (&logo->mime);
  logo_free (logo);
  return image;
}

void
cpt_company_get_logo_async (CptWorker *worker, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (CPT_IS_WORKER (worker));

  cpt_worker_run_async (worker, get_logo_in_thread, NULL, NULL, (GDestroyNotify) logo_free,
                        cancellable, callback, user_data);
}

GBytes *
cpt_company_get_logo_finish (CptWorker *worker, GAsyncResult *result, char **out_mime,
                             GError **error)
{
  return logo_finish (worker, result, out_mime, error);
}

void
cpt_company_set_logo_async (CptWorker *worker, const char *path, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (CPT_IS_WORKER (worker));
  g_return_if_fail (path != NULL);

  cpt_worker_run_async (worker, get_logo_in_thread, g_strdup (path), g_free,
                        (GDestroyNotify) logo_free, cancellable, callback, user_data);
}

GBytes *
cpt_company_set_logo_finish (CptWorker *worker, GAsyncResult *result, char **out_mime,
                             GError **error)
{
  return logo_finish (worker, result, out_mime, error);
}
