/* cpt-payment-dialog.h: record a payment and allocate it to the client's open invoices (the
 * Factomos "régler facture" form), or look at a recorded one, use what is left of it on
 * open invoices, and delete it. */
#pragma once

#include <adwaita.h>

#include "cpt-context.h"

G_BEGIN_DECLS

#define CPT_TYPE_PAYMENT_DIALOG (cpt_payment_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CptPaymentDialog, cpt_payment_dialog, CPT, PAYMENT_DIALOG, AdwDialog)

/* client_id 0: to choose. */
CptPaymentDialog *cpt_payment_dialog_new             (CptContext *context,
                                                      gint64      client_id);
CptPaymentDialog *cpt_payment_dialog_new_for_payment (CptContext *context,
                                                      gint64      payment_id);
/* Gives back the client's credit (a refund: a payment below zero), all of it at first. */
CptPaymentDialog *cpt_payment_dialog_new_refund      (CptContext *context,
                                                      gint64      client_id);
/* The tests: fill the amount (as typed) and record, in the worker: FALSE when refused at
 * once (shown in the dialog), TRUE when the write was started (the dialog closes once it is
 * done, or shows why it was refused). CptPaymentDialog:busy is TRUE while the dialog reads
 * or writes. */
gboolean          cpt_payment_dialog_record          (CptPaymentDialog *self,
                                                      const char       *amount_text);
/* Looking at a payment: allocates what is ticked of its credit (the Allocate button), in the
 * worker; as cpt_payment_dialog_record (). */
gboolean          cpt_payment_dialog_allocate        (CptPaymentDialog *self);

G_END_DECLS
