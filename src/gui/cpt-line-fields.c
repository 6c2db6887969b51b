/* cpt-line-fields.c: see cpt-line-fields.h. */
#include <glib/gi18n.h>

#include "cpt-gui-utils.h"
#include "cpt-line-fields.h"
#include "cpt-money.h"
#include "cpt-units.h"

const char *
cpt_line_field_label (CptLineField field)
{
  switch (field)
    {
    case CPT_LINE_FIELD_QUANTITY:
      return _("Quantity");
    case CPT_LINE_FIELD_UNIT:
      return _("Unit");
    case CPT_LINE_FIELD_PRICE:
      return _("Unit price");
    case CPT_LINE_FIELD_DISCOUNT:
    default:
      return _("Discount");
    }
}

static const char *
unit_code (CptDocumentLine *line)
{
  const char *code = cpt_document_line_get_unit (line);

  return code != NULL ? code : "C62";
}

char *
cpt_line_field_text (CptDocumentLine *line,
                     CptLineField     field)
{
  switch (field)
    {
    case CPT_LINE_FIELD_QUANTITY:
      return cpt_format_quantity (cpt_document_line_get_quantity (line));

    case CPT_LINE_FIELD_UNIT:
      return g_strdup (cpt_unit_label (unit_code (line), cpt_ui_language ()));

    case CPT_LINE_FIELD_PRICE:
      return cpt_format_unit_price (cpt_document_line_get_unit_price (line));

    case CPT_LINE_FIELD_DISCOUNT:
    default:
      {
        gint64 discount = cpt_document_line_get_discount_percent (line);

        return discount != 0 ? cpt_decimal_format (discount, 2, 0, cpt_ui_language ()) : g_strdup ("");
      }
    }
}

gboolean
cpt_line_field_apply (CptDocumentLine *line,
                      CptLineField     field,
                      const char      *typed,
                      const char      *currency,
                      GError         **error)
{
  g_autofree char *text = g_strstrip (g_strdup (typed != NULL ? typed : ""));
  gint64 value = 0;

  switch (field)
    {
    case CPT_LINE_FIELD_QUANTITY:
      if (!cpt_quantity_parse (text, &value, error))
        return FALSE;
      g_object_set (line, "quantity", value, NULL);
      return TRUE;

    case CPT_LINE_FIELD_UNIT:
      {
        const char *code = *text == '\0' ? "C62" : cpt_unit_code_for (text, error);

        if (code == NULL)
          return FALSE;
        g_object_set (line, "unit", code, NULL);
        return TRUE;
      }

    case CPT_LINE_FIELD_PRICE:
      if (*text != '\0' && !cpt_unit_price_parse_in (text, currency, &value, error))
        return FALSE;
      if (value < 0)
        {
          g_set_error (error, CPT_MONEY_ERROR, CPT_MONEY_ERROR_RANGE,
                       _("A unit price cannot be negative; to take something off, use a discount or a negative quantity"));
          return FALSE;
        }
      g_object_set (line, "unit-price", value, NULL);
      return TRUE;

    case CPT_LINE_FIELD_DISCOUNT:
    default:
      if (*text != '\0' && !cpt_percent_parse (text, &value, error))
        return FALSE;
      g_object_set (line, "discount-percent", value, NULL);
      return TRUE;
    }
}

gboolean
cpt_line_set_vat_rate (CptDocumentLine *line,
                       gint64           rate,
                       const char      *default_exemption)
{
  if (cpt_document_line_get_vat_rate (line) == rate)
    return FALSE;
  g_object_set (line, "vat-rate", rate, "exemption-code", rate == 0 ? default_exemption : NULL, NULL);
  return TRUE;
}

char *
cpt_line_summary (CptDocumentLine *line)
{
  g_autoptr(GString) text = NULL;
  g_autofree char *quantity = NULL;
  g_autofree char *price = NULL;
  g_autofree char *vat = NULL;
  const char *unit;
  gint64 discount;

  if (g_strcmp0 (cpt_document_line_get_kind (line), "item") != 0 &&
      g_strcmp0 (cpt_document_line_get_kind (line), "deposit") != 0)
    return NULL;
  quantity = cpt_format_quantity (cpt_document_line_get_quantity (line));
  price = cpt_format_unit_price (cpt_document_line_get_unit_price (line));
  vat = cpt_format_percent (cpt_document_line_get_vat_rate (line));
  unit = g_strcmp0 (unit_code (line), "C62") != 0 ? cpt_unit_label (unit_code (line), cpt_ui_language ()) : NULL;
  text = g_string_new (NULL);
  /* TRANSLATORS: a line's quantity and its unit, then its unit price: "3 h × 50.00". */
  if (unit != NULL)
    g_string_append_printf (text, _("%s %s × %s"), quantity, unit, price);
  else
    g_string_append_printf (text, _("%s × %s"), quantity, price);
  discount = cpt_document_line_get_discount_percent (line);
  if (discount != 0)
    {
      g_autofree char *percent = cpt_format_percent (discount);
      /* TRANSLATORS: a line's discount, after its price: "· −10 %". */
      g_string_append_printf (text, _(" · −%s"), percent);
    }
  /* TRANSLATORS: a line's VAT rate, last of its figures: "· VAT 20 %". */
  g_string_append_printf (text, _(" · VAT %s"), vat);
  return g_string_free (g_steal_pointer (&text), FALSE);
}
