/* cpt-dashboard-page.c: the figures of the payments dashboard, computed in a thread. */
#define G_LOG_DOMAIN "cpt-dashboard-page"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-dashboard.h"
#include "cpt-dashboard-page.h"
#include "cpt-dates.h"
#include "cpt-gui-utils.h"
#include "cpt-money.h"
#include "cpt-reminders-dialog.h"
#include "cpt-worker.h"

#define MAX_OVERDUE_ROWS 12

struct _CptDashboardPage
{
  AdwNavigationPage    parent_instance;

  CptContext          *context;
  CptDatabase         *db;              /* the context's */
  CptDashboard        *dashboard;       /* NULL until computed */
  GCancellable        *cancellable;
  GPtrArray           *rows;            /* rows added to the groups */
  gboolean             stale;
  guint                refresh_source;

  /* template children */
  GtkDropDown         *period_dropdown;
  GtkStack            *stack;
  GtkFlowBox          *figures_box;
  GtkDrawingArea      *revenue_chart;
  GtkDrawingArea      *aging_chart;
  AdwPreferencesGroup *overdue_group;
  AdwBanner           *outbox_banner;
  GtkButton           *overdue_all_button;
  AdwPreferencesGroup *debtors_group;
};

G_DEFINE_FINAL_TYPE (CptDashboardPage, cpt_dashboard_page, ADW_TYPE_NAVIGATION_PAGE)

static void
dashboard_free (CptDashboard *dashboard)
{
  cpt_dashboard_clear (dashboard);
  g_free (dashboard);
}

/* ---------------------------------------------------------------- figures */

static GtkWidget *
figure (const char *label,
        const char *value,
        const char *detail,
        const char *css_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *name = gtk_label_new (label);
  GtkWidget *amount = gtk_label_new (value);
  g_autofree char *accessible = g_strdup_printf ("%s: %s%s%s", label, value, detail ? ", " : "", detail ? detail : "");

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "figure");
  gtk_widget_add_css_class (name, "dim-label");
  gtk_widget_add_css_class (amount, "title-2");
  gtk_widget_add_css_class (amount, "numeric");
  if (css_class != NULL)
    gtk_widget_add_css_class (amount, css_class);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (amount), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), amount);
  if (detail != NULL)
    {
      GtkWidget *small = gtk_label_new (detail);

      gtk_label_set_xalign (GTK_LABEL (small), 0);
      gtk_label_set_wrap (GTK_LABEL (small), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (small), 24);
      gtk_widget_add_css_class (small, "caption");
      gtk_widget_add_css_class (small, "dim-label");
      gtk_box_append (GTK_BOX (box), small);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_focusable (box, TRUE);
  return box;
}

static char *
count_text (gint64 count)
{
  g_autofree char *number = cpt_format_count (count);

  return g_strdup_printf (g_dngettext (NULL, "%s invoice", "%s invoices", count), number);
}

/* ---------------------------------------------------------------- charts */

/* The geometry of the bars, shared by drawing and tooltips: a 12 px margin, 8 px gaps. */
#define BAR_MARGIN 12
#define BAR_GAP 8

static double
bar_width_for (int  width,
               guint n)
{
  return (width - 2 * BAR_MARGIN - BAR_GAP * (n - 1)) / (double) n;
}

/* The bar under x, or -1 in the margins and gaps. */
static int
bar_at (int    width,
        guint  n,
        double x)
{
  double bar_width = bar_width_for (width, n);
  int index;

  if (x < BAR_MARGIN || bar_width <= 0)
    return -1;
  index = (int) ((x - BAR_MARGIN) / (bar_width + BAR_GAP));
  if (index >= (int) n || x - BAR_MARGIN - index * (bar_width + BAR_GAP) > bar_width)
    return -1;
  return index;
}

static void
draw_bars (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           const gint64   *values,
           const char    **labels,
           guint           n,
           gboolean        error_color)
{
  /* The bar under the pointer is drawn solid: it is the one the tooltip speaks of. */
  int hovered = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "cpt-hovered")) - 1;
  GdkRGBA color, accent;
  gint64 max = 1;
  double bar_width, gap, plot_height;
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);

  /* The bars take the chart's CSS color (accent or error, light and dark alike); the labels
   * the text color around it. */
  gtk_widget_get_color (GTK_WIDGET (area), &accent);
  gtk_widget_get_color (gtk_widget_get_parent (GTK_WIDGET (area)), &color);
  for (guint i = 0; i < n; i++)
    max = MAX (max, values[i]);
  gap = BAR_GAP;
  plot_height = height - 40;
  bar_width = bar_width_for (width, n);
  for (guint i = 0; i < n; i++)
    {
      double x = BAR_MARGIN + i * (bar_width + gap);
      double h = values[i] > 0 ? MAX (2, plot_height * values[i] / (double) max) : 0;
      int text_width, text_height;

      cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, (int) i == hovered ? 1.0 : 0.8);
      cairo_rectangle (cr, x, 12 + plot_height - h, bar_width, h);
      cairo_fill (cr);
      pango_layout_set_text (layout, labels[i], -1);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.6);
      cairo_move_to (cr, x + (bar_width - text_width) / 2, height - 6 - text_height);
      pango_cairo_show_layout (cr, layout);
    }
  g_object_unref (layout);
}

/* The months under the revenue chart, as wide as the bars let them be: the locale's short
 * names ("Nov", "nov.") when they fit; else without their abbreviation's period ("janv",
 * "févr", "sept"); else their initials ("N"). French short names written in full run into
 * each other on a window of ordinary width. */
static GStrv
month_labels (CptDashboardPage *self,
              int               width)
{
  GStrvBuilder *forms[3] = { g_strv_builder_new (), g_strv_builder_new (), g_strv_builder_new () };
  GStrv labels;
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->revenue_chart), NULL);
  /* A label may run a little into the gaps, not over its neighbour's. */
  double room = bar_width_for (width, 12) + BAR_GAP - 4;
  gboolean fits[2] = { TRUE, TRUE };
  guint chosen;

  for (guint i = 0; i < 12; i++)
    {
      int month = atoi (self->dashboard->revenue[i].month + 5);
      int year = atoi (self->dashboard->revenue[i].month);
      g_autoptr(GDateTime) when = g_date_time_new_utc (MAX (year, 1), CLAMP (month, 1, 12), 1, 0, 0, 0);
      g_autofree char *name = when ? g_date_time_format (when, "%b") : g_strdup ("?");
      g_autofree char *bare = g_strdup (name);
      g_autofree char *initial = g_utf8_strup (name, g_utf8_next_char (name) - name);
      const char *texts[2] = { name, bare };

      if (g_str_has_suffix (bare, "."))
        bare[strlen (bare) - 1] = '\0';
      for (guint form = 0; form < 2; form++)
        {
          int text_width;

          pango_layout_set_text (layout, texts[form], -1);
          pango_layout_get_pixel_size (layout, &text_width, NULL);
          fits[form] = fits[form] && text_width <= room;
        }
      g_strv_builder_add (forms[0], name);
      g_strv_builder_add (forms[1], bare);
      g_strv_builder_add (forms[2], initial);
    }
  g_object_unref (layout);
  chosen = fits[0] ? 0 : fits[1] ? 1 : 2;
  labels = g_strv_builder_end (forms[chosen]);
  for (guint form = 0; form < 3; form++)
    g_strv_builder_unref (forms[form]);
  return labels;
}

GStrv
cpt_dashboard_page_get_month_labels (CptDashboardPage *self,
                                     int               width)
{
  g_return_val_if_fail (CPT_IS_DASHBOARD_PAGE (self), NULL);

  return self->dashboard != NULL ? month_labels (self, width) : NULL;
}

static void
draw_revenue (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  CptDashboardPage *self = user_data;
  gint64 values[12];
  g_auto(GStrv) labels = NULL;

  if (self->dashboard == NULL)
    return;
  for (guint i = 0; i < 12; i++)
    values[i] = self->dashboard->revenue[i].net;
  labels = month_labels (self, width);
  draw_bars (area, cr, width, height, values, (const char **) labels, 12, FALSE);
}

static void
draw_aging (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  CptDashboardPage *self = user_data;
  const char *labels[4] = { "1–30", "31–60", "61–90", "90+" };

  if (self->dashboard == NULL)
    return;
  draw_bars (area, cr, width, height, self->dashboard->aging, labels, 4, TRUE);
}

/* What a chart's tooltip says over x (NULL in the margins and gaps): the charts have no
 * scale, so hovering a bar tells its amount. */
char *
cpt_dashboard_page_get_bar_text (CptDashboardPage *self,
                                 GtkWidget        *chart,
                                 double            x)
{
  static const char *const buckets[] = {
    N_("1 to 30 days late"), N_("31 to 60 days late"), N_("61 to 90 days late"),
    N_("More than 90 days late"),
  };
  gboolean revenue;
  int index;
  g_autofree char *amount = NULL;

  g_return_val_if_fail (CPT_IS_DASHBOARD_PAGE (self), NULL);
  revenue = chart == GTK_WIDGET (self->revenue_chart);
  index = bar_at (gtk_widget_get_width (chart), revenue ? 12 : 4, x);
  if (self->dashboard == NULL || index < 0)
    return NULL;
  if (revenue)
    {
      const char *month = self->dashboard->revenue[index].month;
      g_autoptr(GDateTime) when = g_date_time_new_utc (MAX (atoi (month), 1),
                                                       CLAMP (atoi (month + 5), 1, 12), 1, 0, 0, 0);
      /* Translators: a month and its year in a chart's tooltip, as in "November 2026" (see strftime) */
      g_autofree char *name = when ? g_date_time_format (when, C_("chart month", "%OB %Y")) : NULL;

      amount = cpt_format_money (self->dashboard->revenue[index].net, NULL);
      /* Translators: a chart's tooltip: the month, then what was invoiced in it */
      return g_strdup_printf (_("%s: %s invoiced without VAT"), name ? name : month, amount);
    }
  amount = cpt_format_money (self->dashboard->aging[index], NULL);
  /* Translators: a chart's tooltip: how late, then the amount overdue that late */
  return g_strdup_printf (_("%s: %s"), _(buckets[index]), amount);
}

/* Which bar is under the pointer: stored +1 on the chart, 0 for none. */
static void
set_hovered (GtkWidget *chart,
             int        index)
{
  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chart), "cpt-hovered")) == index + 1)
    return;
  g_object_set_data (G_OBJECT (chart), "cpt-hovered", GINT_TO_POINTER (index + 1));
  gtk_widget_queue_draw (chart);
}

static void
on_chart_motion (GtkEventControllerMotion *motion,
                 double                    x,
                 double                    y,
                 gpointer                  n_bars)
{
  GtkWidget *chart = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion));

  set_hovered (chart, bar_at (gtk_widget_get_width (chart), GPOINTER_TO_UINT (n_bars), x));
}

static void
on_chart_leave (GtkEventControllerMotion *motion,
                gpointer                  n_bars)
{
  set_hovered (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion)), -1);
}

static void
track_bars (GtkDrawingArea *chart,
            guint           n_bars)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  g_signal_connect (motion, "motion", G_CALLBACK (on_chart_motion), GUINT_TO_POINTER (n_bars));
  g_signal_connect (motion, "leave", G_CALLBACK (on_chart_leave), GUINT_TO_POINTER (n_bars));
  gtk_widget_add_controller (GTK_WIDGET (chart), motion);
}

static gboolean
on_chart_tooltip (GtkWidget        *chart,
                  int               x,
                  int               y,
                  gboolean          keyboard,
                  GtkTooltip       *tooltip,
                  CptDashboardPage *self)
{
  g_autofree char *text = keyboard ? NULL : cpt_dashboard_page_get_bar_text (self, chart, x);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* ---------------------------------------------------------------- filling */

static void
clear_rows (CptDashboardPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
on_open_document (AdwActionRow     *row,
                  CptDashboardPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-document", "x",
                              (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "cpt-id")));
}

static void
on_open_client (AdwActionRow     *row,
                CptDashboardPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-client", "x",
                              (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "cpt-id")));
}

static void
on_open_overdue_invoices (GtkWidget        *widget,
                          CptDashboardPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-status", "(ss)", "invoices", "overdue");
}

static void
on_open_overdue_deposits (GtkWidget        *widget,
                          CptDashboardPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-status", "(ss)", "deposits", "overdue");
}

static void
on_open_reminders (AdwActionRow     *row,
                   CptDashboardPage *self)
{
  CptWorker *worker = cpt_context_get_worker (self->context);

  if (worker == NULL || self->dashboard == NULL || self->dashboard->reminders_due == NULL)
    return;
  adw_dialog_present (ADW_DIALOG (cpt_reminders_dialog_new (worker, self->dashboard->reminders_due,
                                                            self->dashboard->today)),
                      GTK_WIDGET (self));
}

static GtkWidget *
link_row (CptDashboardPage    *self,
          AdwPreferencesGroup *group,
          const char          *title,
          const char          *subtitle,
          const char          *value,
          gint64               id,
          GCallback            callback)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "cpt-id", GSIZE_TO_POINTER (id));
  g_signal_connect_object (row, "activated", callback, self, 0);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  return row;
}

static void
show_dashboard (CptDashboardPage *self)
{
  CptDashboard *d = self->dashboard;
  GtkWidget *child;
  g_autofree char *not_due = cpt_format_money (d->not_due_amount, NULL);
  g_autofree char *overdue = cpt_format_money (d->overdue_amount, NULL);
  g_autofree char *partial = cpt_format_money (d->not_due_partial_amount, NULL);
  g_autofree char *collected = cpt_format_money (d->collected, NULL);
  g_autofree char *invoiced = cpt_format_money (d->invoiced_net, NULL);
  g_autofree char *not_due_count = count_text (d->not_due_count);
  g_autofree char *overdue_count = count_text (d->overdue_count);
  g_autofree char *partial_count = count_text (d->not_due_partial_count);
  g_autofree char *from = cpt_format_date (d->from);
  g_autofree char *to = cpt_format_date (d->to);
  g_autofree char *period = g_strdup_printf (_("%s to %s"), from, to);
  g_autoptr(GString) description = g_string_new (NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_box))) != NULL)
    gtk_flow_box_remove (self->figures_box, child);
  {
    /* Translators: under the amount not yet due: how many invoices, and of those what is left on partly paid ones */
    g_autofree char *detail = d->not_due_partial_count > 0
      ? g_strdup_printf (_("%s, %s left on %s partly paid"), not_due_count, partial, partial_count)
      : g_strdup (not_due_count);
    gtk_flow_box_append (self->figures_box, figure (_("To collect, not yet due"), not_due, detail, NULL));
  }
  gtk_flow_box_append (self->figures_box, figure (_("Overdue"), overdue, overdue_count, d->overdue_amount > 0 ? "error" : NULL));
  gtk_flow_box_append (self->figures_box, figure (_("Collected"), collected, period, "success"));
  gtk_flow_box_append (self->figures_box, figure (_("Invoiced without VAT"), invoiced, period, NULL));

  /* The charts, in words for screen readers. */
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *amount = cpt_format_money (d->revenue[i].net, NULL);
      g_string_append_printf (description, "%s%s: %s", i ? ", " : "", d->revenue[i].month, amount);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->revenue_chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Invoiced per month"), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description->str, -1);
  g_string_truncate (description, 0);
  for (guint i = 0; i < 4; i++)
    {
      static const char *const buckets[] = { "1-30", "31-60", "61-90", "90+" };
      g_autofree char *amount = cpt_format_money (d->aging[i], NULL);
      g_string_append_printf (description, "%s%s: %s", i ? ", " : "", buckets[i], amount);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->aging_chart), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Overdue by days late"), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description->str, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self->revenue_chart));
  gtk_widget_queue_draw (GTK_WIDGET (self->aging_chart));

  /* Messages that could not leave: said until they have. */
  if (d->outbox_waiting > 0)
    {
      g_autofree char *number = cpt_format_count (d->outbox_waiting);
      /* Translators: the dashboard's banner; %s is a count of messages */
      g_autofree char *title = g_strdup_printf (g_dngettext (NULL, "%s message waits in the outbox: the mail server did not answer",
                                                             "%s messages wait in the outbox: the mail server did not answer",
                                                             d->outbox_waiting), number);

      adw_banner_set_title (self->outbox_banner, title);
    }
  adw_banner_set_revealed (self->outbox_banner, d->outbox_waiting > 0);

  clear_rows (self);
  /* The reminders the books call for today, first: the one thing to do about the list. */
  if (d->reminders_due != NULL && d->reminders_due->len > 0)
    {
      g_autofree char *number = cpt_format_count (d->reminders_due->len);
      g_autofree char *title = d->reminders_due_more
        /* Translators: the dashboard's row that opens the reminders due; %s is a count */
        ? g_strdup_printf (_("Over %s reminders are due"), number)
        : g_strdup_printf (g_dngettext (NULL, "%s reminder is due", "%s reminders are due",
                                        d->reminders_due->len), number);
      GtkWidget *row = link_row (self, self->overdue_group, title,
                                 _("Look them over and send them together"), "", 0,
                                 G_CALLBACK (on_open_reminders));

      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("mail-send-symbolic"));
    }
  for (guint i = 0; d->overdue != NULL && i < MIN (d->overdue->len, MAX_OVERDUE_ROWS); i++)
    {
      CptOverdueInvoice *invoice = g_ptr_array_index (d->overdue, i);
      g_autofree char *balance = cpt_format_money (invoice->balance, NULL);
      g_autofree char *due = cpt_format_date (invoice->due_date);
      g_autofree char *days = cpt_decimal_format (invoice->days_late, 0, 0, cpt_ui_language ());
      g_autofree char *subtitle = g_strdup_printf (g_dngettext (NULL, "%s · due %s, %s day late",
                                                                "%s · due %s, %s days late",
                                                                invoice->days_late),
                                                   invoice->client_name, due, days);

      link_row (self, self->overdue_group, invoice->number, subtitle, balance, invoice->document_id,
                G_CALLBACK (on_open_document));
    }
  if (d->overdue == NULL || d->overdue->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing is overdue"));
      adw_preferences_group_add (self->overdue_group, row);
      g_ptr_array_add (self->rows, row);
    }
  else
    {
      /* The rest counts from the card's figure, not from the rows loaded: the list opens
       * whole in Invoices (and in Deposits for overdue deposit invoices). */
      gint64 shown = MIN (d->overdue->len, MAX_OVERDUE_ROWS);
      gint64 deposits = d->overdue_deposit_count;

      if (d->overdue_count > shown)
        {
          g_autofree char *number = cpt_format_count (d->overdue_count - shown);
          /* Translators: the last row of the dashboard's overdue list; %s is a count */
          g_autofree char *more = g_strdup_printf (_("And %s more"), number);

          link_row (self, self->overdue_group, more,
                    deposits > 0 ? _("See them all in Invoices and Deposits") : _("See them all in Invoices"),
                    "", 0, G_CALLBACK (on_open_overdue_invoices));
        }
      if (deposits > 0)
        {
          g_autofree char *number = cpt_format_count (deposits);
          g_autofree char *title = g_strdup_printf (g_dngettext (NULL, "%s overdue deposit invoice",
                                                                 "%s overdue deposit invoices", deposits),
                                                    number);

          link_row (self, self->overdue_group, title, _("See them in Deposits"), "", 0,
                    G_CALLBACK (on_open_overdue_deposits));
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_all_button), d->overdue_count > 0);

  for (guint i = 0; d->top_debtors != NULL && i < d->top_debtors->len; i++)
    {
      CptDebtor *debtor = g_ptr_array_index (d->top_debtors, i);
      g_autofree char *receivable = cpt_format_money (debtor->receivable, NULL);
      g_autofree char *overdue_amount = cpt_format_money (debtor->overdue, NULL);
      g_autofree char *subtitle = debtor->overdue > 0 ? g_strdup_printf (_("%s overdue"), overdue_amount)
                                                      : g_strdup (_("Nothing overdue"));

      link_row (self, self->debtors_group, debtor->client_name, subtitle, receivable, debtor->client_id,
                G_CALLBACK (on_open_client));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->debtors_group), d->top_debtors != NULL && d->top_debtors->len > 0);
  gtk_stack_set_visible_child_name (self->stack, "figures");
}

typedef struct
{
  char *from;
  char *to;
} Period;

static void
period_free (Period *period)
{
  g_free (period->from);
  g_free (period->to);
  g_free (period);
}

static gpointer
compute (CptDatabase  *db,
         gpointer      data,
         GCancellable *cancellable,
         GError      **error)
{
  Period *period = data;
  CptDashboard *dashboard = g_new0 (CptDashboard, 1);

  if (!cpt_dashboard_compute (db, NULL, period->from, period->to, dashboard, error))
    {
      dashboard_free (dashboard);
      return NULL;
    }
  return dashboard;
}

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CptDashboardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CptDashboard *dashboard = cpt_worker_run_finish (CPT_WORKER (source), result, &error);

  if (dashboard == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cpt_show_error (GTK_WIDGET (self), _("Could not compute the dashboard"), error);
      return;
    }
  g_clear_pointer (&self->dashboard, dashboard_free);
  self->dashboard = dashboard;
  show_dashboard (self);
}

static void
refresh (CptDashboardPage *self)
{
  CptWorker *worker = cpt_context_get_worker (self->context);
  g_autofree char *today = cpt_date_today ();
  Period *period;
  GDate date;
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  if (worker == NULL || !cpt_date_parse (today, &date))
    return;
  period = g_new0 (Period, 1);
  period->to = g_strdup (today);
  switch (selected)
    {
    case 1:
      g_date_set_day (&date, 1);
      g_date_set_month (&date, ((g_date_get_month (&date) - 1) / 3) * 3 + 1);
      break;
    case 2:
      g_date_set_dmy (&date, 1, 1, g_date_get_year (&date));
      break;
    case 3:
      g_date_subtract_months (&date, 12);
      g_date_add_days (&date, 1);
      break;
    case 0:
    default:
      g_date_set_day (&date, 1);
      break;
    }
  period->from = cpt_date_to_iso (&date);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  cpt_worker_run_async (worker, compute, period, (GDestroyNotify) period_free,
                        (GDestroyNotify) dashboard_free, self->cancellable, on_computed, g_object_ref (self));
}

static void
refresh_now (CptDashboardPage *self)
{
  self->refresh_source = 0;
  refresh (self);
}

static void
on_period_changed (CptDashboardPage *self)
{
  refresh (self);
}

static void
on_data_changed (CptDashboardPage *self,
                 guint             what)
{
  if (!(what & (CPT_CHANGE_DOCUMENTS | CPT_CHANGE_PAYMENTS)))
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  else
    self->stale = TRUE;
}

static void
cpt_dashboard_page_map (GtkWidget *widget)
{
  CptDashboardPage *self = CPT_DASHBOARD_PAGE (widget);

  GTK_WIDGET_CLASS (cpt_dashboard_page_parent_class)->map (widget);
  if (self->stale)
    {
      self->stale = FALSE;
      /* After this frame is drawn: the thread's queries would compete with it. */
      g_clear_handle_id (&self->refresh_source, g_source_remove);
      self->refresh_source = g_timeout_add_once (60, (GSourceOnceFunc) refresh_now, self);
    }
}

static void
cpt_dashboard_page_dispose (GObject *object)
{
  CptDashboardPage *self = CPT_DASHBOARD_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_DASHBOARD_PAGE);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->dashboard, dashboard_free);
  g_clear_object (&self->db);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cpt_dashboard_page_parent_class)->dispose (object);
}

static void
cpt_dashboard_page_class_init (CptDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_dashboard_page_dispose;
  widget_class->map = cpt_dashboard_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CptDashboardPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CptDashboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CptDashboardPage, figures_box);
  gtk_widget_class_bind_template_child (widget_class, CptDashboardPage, revenue_chart);
  gtk_widget_class_bind_template_child (widget_class, CptDashboardPage, aging_chart);
  gtk_widget_class_bind_template_child (widget_class, CptDashboardPage, overdue_group);
  gtk_widget_class_bind_template_child (widget_class, CptDashboardPage, outbox_banner);
  gtk_widget_class_bind_template_child (widget_class, CptDashboardPage, overdue_all_button);
  gtk_widget_class_bind_template_callback (widget_class, on_open_overdue_invoices);
  gtk_widget_class_bind_template_child (widget_class, CptDashboardPage, debtors_group);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed);
}

static void
cpt_dashboard_page_init (CptDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
  gtk_drawing_area_set_draw_func (self->revenue_chart, draw_revenue, self, NULL);
  gtk_drawing_area_set_draw_func (self->aging_chart, draw_aging, self, NULL);
  track_bars (self->revenue_chart, 12);
  track_bars (self->aging_chart, 4);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->revenue_chart), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->aging_chart), TRUE);
  g_signal_connect_object (self->revenue_chart, "query-tooltip", G_CALLBACK (on_chart_tooltip),
                           self, 0);
  g_signal_connect_object (self->aging_chart, "query-tooltip", G_CALLBACK (on_chart_tooltip),
                           self, 0);
}

CptDashboardPage *
cpt_dashboard_page_new (CptContext *context)
{
  CptDashboardPage *self;

  g_return_val_if_fail (CPT_IS_CONTEXT (context), NULL);

  self = g_object_new (CPT_TYPE_DASHBOARD_PAGE, NULL);
  self->context = g_object_ref (context);
  self->db = g_object_ref (cpt_context_get_database (context));
  g_signal_connect_object (context, "changed", G_CALLBACK (on_data_changed), self, G_CONNECT_SWAPPED);
  /* Computed when shown; the first frame of the window does not wait for it. */
  self->stale = TRUE;
  return self;
}

gboolean
cpt_dashboard_page_is_loaded (CptDashboardPage *self)
{
  g_return_val_if_fail (CPT_IS_DASHBOARD_PAGE (self), FALSE);

  return self->dashboard != NULL;
}
