/* cpt-store-reminders.h: the SQL of payment reminders: the overdue receivables with the
 * highest reminder level each has had, and the payments made on them late. The plan (which
 * level, when) is cpt-reminders.c's. */
#pragma once

#include "cpt-reminders.h"

G_BEGIN_DECLS

/* Document `id`'s receivable and reminders (not planned); *found = FALSE when it has no
 * receivable (not a validated invoice or deposit invoice). */
gboolean  cpt_store_reminders_state      (CptDatabase *db, gint64 id, CptReminderState *out,
                                          gboolean *found, GError **error);
/* Up to `limit` receivables still owed, due before `due_before`, after (after_due,
 * after_id) in (due date, id) order, appended to `out` (CptReminderState, not planned). */
gboolean  cpt_store_reminders_overdue    (CptDatabase *db, const char *due_before,
                                          const char *after_due, gint64 after_id, guint limit,
                                          GPtrArray *out, GError **error);
/* The allocations to document `id` of payments dated after `due_date` (CptLatePayment). */
GArray   *cpt_store_reminders_late_payments (CptDatabase *db, gint64 id, const char *due_date,
                                             GError **error);

G_END_DECLS
