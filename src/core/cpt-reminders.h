/* cpt-reminders.h: payment reminders, from the state of the books (issue 14). For an
 * invoice or deposit invoice that is still owed after its due date, the next reminder level
 * and its day follow from the due date and the reminders already sent, whatever "today" is:
 * a desktop app is closed for days at a time, so nothing here runs on a timer, and a level
 * missed while it was closed is simply due now, never skipped. A level is sent once per
 * invoice (the database holds to it, cpt-mail-messages.h). Level 3 is the formal notice
 * ("mise en demeure"), with the late-payment penalties (cpt-late-penalties.h). */
#pragma once

#include "cpt-database.h"
#include "cpt-late-penalties.h"

G_BEGIN_DECLS

#define CPT_REMINDER_MAX_LEVEL     3
/* Days from the due date to the first reminder, and from one reminder to the next. */
#define CPT_REMINDER_FIRST_DELAY   7
#define CPT_REMINDER_NEXT_DELAY    14
/* Days the formal notice gives the client to pay. */
#define CPT_FORMAL_NOTICE_DEADLINE 8

typedef struct
{
  gint64   document_id;
  gint64   client_id;
  char    *number;
  char    *client_name;
  char     kind[16];          /* invoice or deposit */
  char     date[11];
  char     due_date[11];
  gint64   balance;           /* still owed */
  guint    level_sent;        /* the highest level sent or on its way, 0 for none */
  char     last_sent_on[11];  /* the day that one was written, "" for none */
  gboolean last_waiting;      /* that one waits in the outbox: nothing more until it leaves */
  /* cpt_reminder_plan () */
  guint    next_level;        /* 0: nothing more to send (paid, or the formal notice sent) */
  char     next_on[11];       /* the day it is due, "" with no next level */
} CptReminderState;

void      cpt_reminder_state_free (CptReminderState *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptReminderState, cpt_reminder_state_free)

/* Fills next_level and next_on from the rest: level 1 CPT_REMINDER_FIRST_DELAY days after
 * the due date, each next level CPT_REMINDER_NEXT_DELAY days after the last one sent. */
void      cpt_reminder_plan       (CptReminderState *state);
/* Whether the next level is due on `today`: its day has come and the last one does not
 * wait in the outbox. */
gboolean  cpt_reminder_is_due     (const CptReminderState *state, const char *today);
/* Whether a reminder may be sent on `today` at all: something is owed, the due date has
 * passed, a level is left and the last one has left. The user may send it before its
 * planned day. */
gboolean  cpt_reminder_can_send   (const CptReminderState *state, const char *today,
                                   GError **error);

/* The reminder state of document `id`, planned. CPT_ERROR_REFUSED for a document that is
 * not a validated invoice or deposit invoice. */
CptReminderState *cpt_reminders_of_document (CptDatabase *db, gint64 id, GError **error);

/* The reminders due on `today`, oldest due date first, at most `limit` of them;
 * *out_more says whether there are others after them. Reads the overdue invoices through
 * their index a page at a time, never the whole table. */
GPtrArray        *cpt_reminders_due         (CptDatabase *db, const char *today, guint limit,
                                             gboolean *out_more, GError **error);

/* The late-payment penalties on document `id` at `today`, for the formal notice: the
 * company's agreed rate or the legal one, the client a business or not, the payments
 * made after the due date. */
gboolean          cpt_reminders_penalties   (CptDatabase *db, gint64 id, const char *today,
                                             CptLatePenalties *out, GError **error);

G_END_DECLS
