/* cpt-send-dialog.h: "Send by Email": a document's PDF to its client, through the company's
 * mail account. Recipients, subject and letter are proposed and can be changed for this one
 * message; sending runs in a thread with a Cancel, and nothing is marked sent unless the
 * server accepted it (cpt-document-mail.h). */
#pragma once

#include <adwaita.h>

#include "cpt-worker.h"

G_BEGIN_DECLS

#define CPT_TYPE_SEND_DIALOG (cpt_send_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CptSendDialog, cpt_send_dialog, CPT, SEND_DIALOG, AdwDialog)

/* Reads the document and the account with `worker`; the form fills in when they are in. */
CptSendDialog *cpt_send_dialog_new        (CptWorker *worker, gint64 document_id);
/* Whether the proposed message has been read (the form is ready). */
gboolean       cpt_send_dialog_is_ready   (CptSendDialog *self);
/* Whether a message is on its way. */
gboolean       cpt_send_dialog_is_sending (CptSendDialog *self);
/* What went wrong last, shown in the dialog; NULL when nothing did. */
const char    *cpt_send_dialog_get_error  (CptSendDialog *self);

/* The same, for the invoice's next payment reminder (the third is the formal notice, with
 * its letter attached). */
CptSendDialog *cpt_send_dialog_new_reminder (CptWorker *worker,
                                             gint64     document_id);

G_END_DECLS
