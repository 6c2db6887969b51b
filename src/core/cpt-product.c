#define G_LOG_DOMAIN "cpt-product"

#include "cpt-product.h"
#include "cpt-error.h"
#include "cpt-money.h"
#include "cpt-units.h"
#include "cpt-store-products.h"
#include "cpt-vat.h"
#include "cpt-validate.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

struct _CptProduct
{
  GObject   parent_instance;
  gint64    id;
  char     *type;
  char     *code;
  char     *name;
  char     *description;
  char     *unit;
  gint64    unit_price;
  gint64    vat_rate;
  char     *account;
  gboolean  archived;
};

#define E CPT_FIELD_EDITABLE
static const CptField product_fields[] = {
  CPT_FIELD_ENTRY (CptProduct, id, CPT_FIELD_INT64, 0),
  CPT_FIELD_ENTRY (CptProduct, type, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptProduct, code, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptProduct, name, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptProduct, description, CPT_FIELD_STRING, E | CPT_FIELD_MULTILINE),
  CPT_FIELD_ENTRY (CptProduct, unit, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptProduct, unit_price, CPT_FIELD_INT64, E | CPT_FIELD_UNIT_PRICE),
  CPT_FIELD_ENTRY (CptProduct, vat_rate, CPT_FIELD_INT64, E | CPT_FIELD_PERCENT),
  CPT_FIELD_ENTRY (CptProduct, account, CPT_FIELD_STRING, E),
  CPT_FIELD_ENTRY (CptProduct, archived, CPT_FIELD_BOOLEAN, CPT_FIELD_GENERATED),
};
#undef E

static CptRecordClass product_record = { product_fields, G_N_ELEMENTS (product_fields), NULL };

G_DEFINE_FINAL_TYPE (CptProduct, cpt_product, G_TYPE_OBJECT)

static void
cpt_product_init_defaults (CptProduct *self)
{
  self->type = g_strdup ("service");
  self->unit = g_strdup ("C62");
  self->vat_rate = 2000;
}

CPT_RECORD_IMPLEMENT (CptProduct, cpt_product, product_record)

const CptRecordClass *
cpt_product_record (void)
{
  g_type_ensure (CPT_TYPE_PRODUCT);
  return &product_record;
}

CptProduct *cpt_product_new (void) { return g_object_new (CPT_TYPE_PRODUCT, NULL); }
gint64 cpt_product_get_id (CptProduct *self) { return self->id; }
const char *cpt_product_get_name (CptProduct *self) { return self->name; }
const char *cpt_product_get_description (CptProduct *self) { return self->description; }
const char *cpt_product_get_unit (CptProduct *self) { return self->unit; }
gint64 cpt_product_get_unit_price (CptProduct *self) { return self->unit_price; }
gint64 cpt_product_get_vat_rate (CptProduct *self) { return self->vat_rate; }
const char *cpt_product_get_account (CptProduct *self) { return self->account; }

gboolean
cpt_product_validate (CptProduct *self, GError **error)
{
  const char *code;

  if (!cpt_record_check_text (&product_record, G_OBJECT (self), error) ||
      !cpt_validate_required (&self->name, _("The product’s name"), error))
    return FALSE;
  cpt_validate_optional (&self->type);
  cpt_validate_optional (&self->code);
  cpt_validate_optional (&self->description);
  cpt_validate_optional (&self->account);
  if (self->type == NULL)
    self->type = g_strdup ("service");
  if (strcmp (self->type, "service") != 0 && strcmp (self->type, "goods") != 0)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("A product is a service or goods, not “%s”"), self->type);
      return FALSE;
    }
  code = cpt_unit_code_for (self->unit ? self->unit : "C62", error);
  if (code == NULL)
    return FALSE;
  g_free (self->unit);
  self->unit = g_strdup (code);
  if (self->unit_price < 0 || self->unit_price > CPT_MONEY_MAX_AMOUNT * 100)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("A unit price must be zero or more (discounts go on the document line)"));
      return FALSE;
    }
  if (!cpt_vat_rate_check (self->vat_rate, error))
    return FALSE;
  if (self->account == NULL)
    self->account = g_strdup (strcmp (self->type, "goods") == 0 ? "707000" : "706000");
  for (const char *p = self->account; *p; p++)
    if (!g_ascii_isalnum (*p))
      {
        g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                     _("“%s” is not an account number (like 706000)"), self->account);
        return FALSE;
      }
  return TRUE;
}

gboolean
cpt_product_insert (CptProduct *self, CptDatabase *db, GError **error)
{
  if (!cpt_product_validate (self, error))
    return FALSE;
  return cpt_store_products_insert (db, self, error);
}

gboolean
cpt_product_update (CptProduct *self, CptDatabase *db, GError **error)
{
  if (!cpt_product_validate (self, error))
    return FALSE;
  return cpt_store_products_update (db, self, error);
}

CptProduct *
cpt_product_load (CptDatabase *db, gint64 id, GError **error)
{
  return cpt_store_products_load (db, id, error);
}

gboolean
cpt_product_set_archived (CptDatabase *db, gint64 id, gboolean archived, GError **error)
{
  return cpt_store_products_set_archived (db, id, archived, error);
}
