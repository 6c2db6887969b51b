/* cpt-quantities-dialog.h: a dialog that lists lines, each with a check and a quantity, for
 * choosing what to take of them: the lines a credit note gives back, what is left of a
 * quote to invoice. It says ::chosen with what was checked, once every quantity typed is
 * one; a quantity that is not stays marked and the dialog stays open. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* One line chosen: its id and the quantity (thousandths). */
typedef struct
{
  gint64 line_id;
  gint64 quantity;
} CptLineQuantity;

#define CPT_TYPE_QUANTITIES_DIALOG (cpt_quantities_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CptQuantitiesDialog, cpt_quantities_dialog, CPT, QUANTITIES_DIALOG, AdwDialog)

/* `title`, what the group says, and the label of the button that chooses (with a mnemonic). */
CptQuantitiesDialog *cpt_quantities_dialog_new      (const char          *title,
                                                     const char          *description,
                                                     const char          *accept_label);
/* A row, checked, for line `line_id` (its description's first line), offering `quantity`
 * and saying that `max` is the most. */
void                 cpt_quantities_dialog_add_line (CptQuantitiesDialog *self,
                                                     gint64               line_id,
                                                     const char          *description,
                                                     gint64               quantity,
                                                     gint64               max);
guint                cpt_quantities_dialog_get_n_lines (CptQuantitiesDialog *self);

G_END_DECLS
