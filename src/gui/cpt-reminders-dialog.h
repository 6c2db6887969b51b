/* cpt-reminders-dialog.h: "Reminders Due": the payment reminders the books call for today,
 * to look over and send together (issue 14). Each row is an invoice with the level it
 * needs; unticked rows are left for later. Sending runs in a thread, one message after the
 * other, each row saying how it went; Cancel stops before the next one. */
#pragma once

#include <adwaita.h>

#include "cpt-worker.h"

G_BEGIN_DECLS

#define CPT_TYPE_REMINDERS_DIALOG (cpt_reminders_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CptRemindersDialog, cpt_reminders_dialog, CPT, REMINDERS_DIALOG, AdwDialog)

/* `due`: CptReminderState (cpt-reminders.h), as cpt_reminders_due () gives them; the
 * dialog keeps a reference. `today` is the day they are due on. */
CptRemindersDialog *cpt_reminders_dialog_new     (CptWorker  *worker,
                                                  GPtrArray  *due,
                                                  const char *today);
/* How many were sent, and how many failed, so far. */
guint               cpt_reminders_dialog_get_sent   (CptRemindersDialog *self);
guint               cpt_reminders_dialog_get_failed (CptRemindersDialog *self);
/* Whether messages are on their way. */
gboolean            cpt_reminders_dialog_is_sending (CptRemindersDialog *self);

G_END_DECLS
