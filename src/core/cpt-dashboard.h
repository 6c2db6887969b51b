/* cpt-dashboard.h: the figures of the payments dashboard, computed from indexed queries and
 * from summaries kept in the same transactions as the documents and payments. */
#pragma once

#include "cpt-database.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  document_id;
  char   *number;
  char   *client_name;
  char   *due_date;
  gint64  days_late;
  gint64  balance;
} CptOverdueInvoice;

typedef struct
{
  gint64  client_id;
  char   *client_name;
  gint64  receivable;
  gint64  overdue;
} CptDebtor;

typedef struct
{
  char    month[8];     /* "2026-11" */
  gint64  net;
  gint64  gross;
} CptMonthRevenue;

typedef struct
{
  char      *today;
  char      *from;                   /* the period (inclusive) */
  char      *to;
  gint64     not_due_count;          /* receivable, due date not passed */
  gint64     not_due_amount;
  gint64     overdue_count;
  gint64     overdue_amount;
  gint64     overdue_deposit_count;  /* of overdue_count, the deposit invoices */
  gint64     partially_paid_count;
  gint64     partially_paid_amount;  /* what is left on them */
  /* Of the invoices not yet due, those partly paid (the card "To collect, not yet due"
   * speaks of these: an overdue invoice partly paid counts as overdue there). */
  gint64     not_due_partial_count;
  gint64     not_due_partial_amount;
  gint64     collected;              /* payments dated in the period */
  gint64     collected_count;        /* how many payments */
  gint64     invoiced_net;           /* invoices + deposit invoices - credit notes dated in the period */
  gint64     invoiced_gross;
  gint64     aging[4];               /* overdue by 1-30, 31-60, 61-90, over 90 days */
  CptMonthRevenue revenue[12];       /* the 12 months ending with today's, oldest first */
  GPtrArray *top_debtors;            /* CptDebtor, the ten who owe the most */
  GPtrArray *overdue;                /* CptOverdueInvoice, most days late first (at most 100
                                      * of the overdue_count) */
  GPtrArray *reminders_due;          /* CptReminderState whose reminder is due today, oldest
                                      * due date first (at most CPT_DASHBOARD_MAX_REMINDERS) */
  gboolean   reminders_due_more;     /* others are due beyond those */
  gint64     outbox_waiting;         /* messages waiting in the outbox for the server */
} CptDashboard;

#define CPT_DASHBOARD_MAX_REMINDERS 200

void     cpt_dashboard_clear   (CptDashboard *dashboard);
/* today NULL: today; from/to NULL: the current month up to today. */
gboolean cpt_dashboard_compute (CptDatabase *db, const char *today, const char *from,
                                const char *to, CptDashboard *out, GError **error);

G_END_DECLS
