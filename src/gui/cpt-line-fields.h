/* cpt-line-fields.h: the editable figures of a document line (quantity, unit, unit price,
 * discount, VAT rate) as text typed by someone and back, and a line told in one sentence.
 * The lines table and the line dialog of narrow windows edit a line through these, so the
 * two accept and refuse the same things with the same words. */
#pragma once

#include <gtk/gtk.h>

#include "cpt-document-line.h"

G_BEGIN_DECLS

typedef enum
{
  CPT_LINE_FIELD_QUANTITY,
  CPT_LINE_FIELD_UNIT,
  CPT_LINE_FIELD_PRICE,
  CPT_LINE_FIELD_DISCOUNT,
} CptLineField;

/* "Quantity", "Unit price": the field's name in a message or an accessible label. */
const char *cpt_line_field_label   (CptLineField     field);
/* The field as the line holds it, written the way it is printed ("45" shows as "45.00"). */
char       *cpt_line_field_text    (CptDocumentLine *line,
                                    CptLineField     field);
/* Sets the field from `text` (prices in `currency`). FALSE with a plain-words error, the
 * line unchanged, when the text is not a valid value for it. */
gboolean    cpt_line_field_apply   (CptDocumentLine *line,
                                    CptLineField     field,
                                    const char      *text,
                                    const char      *currency,
                                    GError         **error);
/* Sets the VAT rate; a 0 % line takes `default_exemption` as its reason, another rate none.
 * FALSE when the rate was already that one. */
gboolean    cpt_line_set_vat_rate  (CptDocumentLine *line,
                                    gint64           rate,
                                    const char      *default_exemption);
/* The figures of an item line in one line of text, as the table shows them:
 * "3 h × 50.00 · −10 % · VAT 20 %"; NULL for text and subtotal lines. */
char       *cpt_line_summary       (CptDocumentLine *line);

G_END_DECLS
