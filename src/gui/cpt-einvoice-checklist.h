/* cpt-einvoice-checklist.h: "Before it can be validated": what in a draft invoice, deposit
 * invoice or credit note breaks the EN 16931 and BR-FR rules that validation checks. It is
 * read in the worker's thread and read again after every change to the file (what the user
 * types is saved after a short pause, the company or the client edited elsewhere, another
 * process), so the list follows the draft. Each row leads to where it is put right. */
#pragma once

#include <adwaita.h>

#include "cpt-context.h"

#include "cpt-einvoice-rules.h"
#include "cpt-worker.h"

G_BEGIN_DECLS

#define CPT_TYPE_EINVOICE_CHECKLIST (cpt_einvoice_checklist_get_type ())
G_DECLARE_FINAL_TYPE (CptEinvoiceChecklist, cpt_einvoice_checklist, CPT, EINVOICE_CHECKLIST, AdwBin)

/* Checks draft `id` in the context's worker now and after each change the context tells;
 * id 0 (or no context) empties and hides the list. Hidden whenever nothing stands in the
 * way. */
void       cpt_einvoice_checklist_set_document   (CptEinvoiceChecklist *self,
                                                  CptContext           *context,
                                                  gint64                id);
/* Checks again after the pause that groups changes. */
void       cpt_einvoice_checklist_queue_check    (CptEinvoiceChecklist *self);
/* The rules broken at the last check (CptEinvoiceViolation *, in rule order). */
GPtrArray *cpt_einvoice_checklist_get_violations (CptEinvoiceChecklist *self);
/* Gives the focus to the first row (the page scrolls to it); FALSE when there is none. */
gboolean   cpt_einvoice_checklist_focus_first    (CptEinvoiceChecklist *self);
/* Whether a check is waiting or under way. */
gboolean   cpt_einvoice_checklist_is_busy        (CptEinvoiceChecklist *self);

/* When the check whose result is shown began reading the file (monotonic time, 0 for
 * none): a change saved after it is not in that result. */
gint64     cpt_einvoice_checklist_get_checked_at (CptEinvoiceChecklist *self);

G_END_DECLS
