#define G_LOG_DOMAIN "cpt-store"

#include "cpt-store-products.h"
#include "cpt-store-private.h"
#include "cpt-store-record.h"
#include "cpt-error.h"
#include "cpt-sort-key.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

static char *
product_sort_key (GObject *object)
{
  return cpt_sort_key (cpt_product_get_name (CPT_PRODUCT (object)));
}

/* Filled at each call (on the caller's stack): several threads use the store. */
#define PRODUCTS_TABLE \
  (&(CptStoreRecordTable) { "products", "sort_name", product_sort_key, \
                            _("Could not read the product"), _("Could not add the product"), \
                            _("Could not save the product") })

static void
set_no_product (GError **error, gint64 id)
{
  g_set_error (error, CPT_ERROR, CPT_ERROR_NOT_FOUND, _("There is no product %" PRId64), id);
}

CptProduct *
cpt_store_products_load (CptDatabase *db, gint64 id, GError **error)
{
  g_autoptr(CptProduct) product = cpt_product_new ();
  gboolean found;

  if (!cpt_store_record_load (db, PRODUCTS_TABLE, cpt_product_record (), id, G_OBJECT (product),
                              &found, error))
    return NULL;
  if (!found)
    {
      set_no_product (error, id);
      return NULL;
    }
  return g_steal_pointer (&product);
}

gboolean
cpt_store_products_insert (CptDatabase *db, CptProduct *product, GError **error)
{
  return cpt_store_record_insert (db, PRODUCTS_TABLE, cpt_product_record (), G_OBJECT (product),
                                  error);
}

gboolean
cpt_store_products_update (CptDatabase *db, CptProduct *product, GError **error)
{
  gint64 id = cpt_product_get_id (product);
  gboolean found;

  if (!cpt_store_record_update (db, PRODUCTS_TABLE, cpt_product_record (), G_OBJECT (product),
                                id, &found, error))
    return FALSE;
  if (!found)
    set_no_product (error, id);
  return found;
}

gboolean
cpt_store_products_set_archived (CptDatabase *db, gint64 id, gboolean archived, GError **error)
{
  gboolean changed;

  if (!cpt_store_exec_with_id (db, archived ? "UPDATE products SET archived = 1 WHERE id = ?"
                                            : "UPDATE products SET archived = 0 WHERE id = ?",
                               id, _("Could not archive the product"), &changed, error))
    return FALSE;
  if (!changed)
    set_no_product (error, id);
  return changed;
}
