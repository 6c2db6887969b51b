/* cpt-gui-utils.c: formatting, badges, toasts and errors for the widgets. */
#define G_LOG_DOMAIN "cpt-gui-utils"

#include <string.h>
#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-dates.h"
#include "cpt-document-query.h"
#include "cpt-gui-utils.h"
#include "cpt-money.h"
#include "cpt-units.h"
#include "cpt-vat.h"
#include "cpt-window.h"

const char *
cpt_ui_language (void)
{
  return cpt_user_language ();
}

char *
cpt_format_money (gint64 minor, const char *currency)
{
  return cpt_money_format (minor, currency != NULL ? currency : "EUR", cpt_ui_language ());
}

char *
cpt_format_date (const char *iso)
{
  if (iso == NULL || *iso == '\0')
    return g_strdup ("");
  return cpt_date_format (iso, cpt_ui_language ());
}

char *
cpt_format_date_time (const char *iso8601)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;

  if (iso8601 == NULL || *iso8601 == '\0')
    return g_strdup ("");
  /* Stored as "2026-11-22 13:05:00" (SQLite's datetime ()) or with a T and a zone: UTC. */
  when = g_date_time_new_from_iso8601 (iso8601, utc);
  if (when == NULL)
    return g_strdup (iso8601);
  local = g_date_time_to_local (when);
  iso = g_date_time_format (local, "%Y-%m-%d");
  day = cpt_format_date (iso);
  time = g_date_time_format (local, "%H:%M");
  /* Translators: a date, then a time of day, as in "22 Nov 2026, 14:05" */
  return g_strdup_printf (C_("date and time", "%s, %s"), day, time);
}

char *
cpt_format_count (guint64 n)
{
  return cpt_decimal_format ((gint64) MIN (n, (guint64) G_MAXINT64), 0, 0, cpt_ui_language ());
}

char *
cpt_format_quantity (gint64 thousandths)
{
  return cpt_decimal_format (thousandths, 3, 0, cpt_ui_language ());
}

char *
cpt_format_percent (gint64 hundredths)
{
  g_autofree char *number = cpt_decimal_format (hundredths, 2, 0, cpt_ui_language ());

  /* French puts a (narrow no-break) space before the percent sign. */
  if (strcmp (cpt_ui_language (), "fr") == 0)
    return g_strdup_printf ("%s\u202f%%", number);
  return g_strdup_printf ("%s%%", number);
}

char *
cpt_format_unit_price (gint64 price)
{
  return cpt_decimal_format (price, 4, 2, cpt_ui_language ());
}

/* Also reads back what cpt_format_date () writes in English ("16 Mar 2026"). */
static char *
parse_english_date (const char *text)
{
  static const char *const months[] = { "jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec" };
  g_auto(GStrv) parts = NULL;
  g_autofree char *month = NULL;
  guint64 day, year;
  GDate date;

  if (text == NULL)
    return NULL;
  parts = g_strsplit_set (g_strstrip (g_strdup (text)), " ,", -1);
  {
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    for (guint i = 0; parts[i]; i++)
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    g_strfreev (parts);
    parts = g_strv_builder_end (builder);
  }
  if (g_strv_length (parts) != 3 || !g_ascii_string_to_unsigned (parts[0], 10, 1, 31, &day, NULL) ||
      !g_ascii_string_to_unsigned (parts[2], 10, 1, 9999, &year, NULL))
    return NULL;
  month = g_ascii_strdown (parts[1], 3);
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (strlen (parts[1]) >= 3 && strcmp (month, months[i]) == 0 &&
        g_date_valid_dmy ((GDateDay) day, (GDateMonth) (i + 1), (GDateYear) year))
      {
        g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) (i + 1), (GDateYear) year);
        return cpt_date_to_iso (&date);
      }
  return NULL;
}

char *
cpt_parse_date (const char *text, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  char *iso = cpt_date_normalize (text, &local_error);

  if (iso == NULL)
    iso = parse_english_date (text);
  if (iso == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return iso;
}

const char *
cpt_kind_label (CptDocumentKind kind)
{
  switch (kind)
    {
    case CPT_DOCUMENT_KIND_QUOTE:
      return _("Quote");
    case CPT_DOCUMENT_KIND_PROFORMA:
      return _("Pro forma");
    case CPT_DOCUMENT_KIND_INVOICE:
      return _("Invoice");
    case CPT_DOCUMENT_KIND_DEPOSIT:
      return _("Deposit invoice");
    case CPT_DOCUMENT_KIND_CREDIT_NOTE:
      return _("Credit note");
    default:
      return cpt_document_kind_to_string (kind);
    }
}

const char *
cpt_status_label (CptDocumentStatus status)
{
  /* The model layer marks these with N_(); they are in our catalogue. */
  return gettext (cpt_document_status_label (status));
}

const char *
cpt_state_label (const char *state)
{
  if (state == NULL)
    return "";
  return gettext (cpt_document_state_label (state));
}

const char *
cpt_status_badge_class (CptDocumentStatus status)
{
  switch (status)
    {
    case CPT_DOCUMENT_STATUS_PAID:
    case CPT_DOCUMENT_STATUS_ACCEPTED_NOT_INVOICED:
    case CPT_DOCUMENT_STATUS_ACCEPTED_DEPOSIT_INVOICED:
    case CPT_DOCUMENT_STATUS_ACCEPTED_INVOICED:
    case CPT_DOCUMENT_STATUS_INVOICED:
      return "paid";
    case CPT_DOCUMENT_STATUS_PARTIALLY_PAID:
      return "partial";
    case CPT_DOCUMENT_STATUS_OVERDUE:
    case CPT_DOCUMENT_STATUS_REFUSED:
      return "overdue";
    case CPT_DOCUMENT_STATUS_AWAITING_PAYMENT:
    case CPT_DOCUMENT_STATUS_SENT:
      return "awaiting";
    case CPT_DOCUMENT_STATUS_CREDITED:
    case CPT_DOCUMENT_STATUS_PARTLY_CREDITED:
    case CPT_DOCUMENT_STATUS_VALIDATED:
      return "credited";
    case CPT_DOCUMENT_STATUS_DRAFT:
    case CPT_DOCUMENT_STATUS_IN_PREPARATION:
    case CPT_DOCUMENT_STATUS_EXPIRED:
    default:
      return "draft";
    }
}

const char *
cpt_state_badge_class (const char *state)
{
  CptDocumentStatus status;

  /* A state that is no document status (a deposit's "unpaid") looks like a draft. */
  if (!cpt_document_status_from_string (state, &status))
    return "draft";
  return cpt_status_badge_class (status);
}

static CptApplication *
application_of (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GApplication *app = NULL;

  if (GTK_IS_WINDOW (root))
    app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (root)));
  if (app == NULL)
    app = g_application_get_default ();
  return CPT_IS_APPLICATION (app) ? CPT_APPLICATION (app) : NULL;
}

static CptWindow *
window_of (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (CPT_IS_WINDOW (root))
    return CPT_WINDOW (root);
  if (GTK_IS_WINDOW (root))
    {
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (root));

      if (CPT_IS_WINDOW (parent))
        return CPT_WINDOW (parent);
    }
  {
    CptApplication *app = application_of (widget);
    GtkWindow *active = app ? gtk_application_get_active_window (GTK_APPLICATION (app)) : NULL;

    return CPT_IS_WINDOW (active) ? CPT_WINDOW (active) : NULL;
  }
}

void
cpt_toast (GtkWidget  *widget,
           const char *message)
{
  CptWindow *window = window_of (widget);
  AdwToast *toast;

  if (window == NULL)
    {
      g_message ("%s", message);
      return;
    }
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 4);
  cpt_window_add_toast (window, toast);
}

typedef struct
{
  GCallback      undo;
  gpointer       data;
  GDestroyNotify destroy;
} Undo;

static void
undo_free (gpointer user_data)
{
  Undo *undo = user_data;

  if (undo->destroy != NULL)
    undo->destroy (undo->data);
  g_free (undo);
}

static void
on_undo_clicked (AdwToast *toast,
                 gpointer  user_data)
{
  Undo *undo = user_data;

  ((void (*) (gpointer)) undo->undo) (undo->data);
}

void
cpt_toast_with_button (GtkWidget     *widget,
                       const char    *message,
                       const char    *button,
                       guint          timeout,
                       GCallback      func,
                       gpointer       data,
                       GDestroyNotify destroy)
{
  CptWindow *window = window_of (widget);
  AdwToast *toast;
  Undo *undo;

  if (window == NULL)
    {
      if (destroy != NULL)
        destroy (data);
      return;
    }
  undo = g_new0 (Undo, 1);
  undo->undo = func;
  undo->data = data;
  undo->destroy = destroy;

  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, button);
  adw_toast_set_use_markup (toast, FALSE);
  adw_toast_set_timeout (toast, timeout);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked), undo,
                         (GClosureNotify) (void (*) (void)) undo_free, 0);
  cpt_window_add_toast (window, toast);
}

void
cpt_toast_with_undo (GtkWidget     *widget,
                     const char    *message,
                     GCallback      undo_func,
                     gpointer       data,
                     GDestroyNotify destroy)
{
  cpt_toast_with_button (widget, message, _("_Undo"), 8, undo_func, data, destroy);
}

void
cpt_show_error (GtkWidget    *widget,
                const char   *heading,
                const GError *error)
{
  AdwDialog *dialog;

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL && g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    return;
  if (widget == NULL || gtk_widget_get_root (widget) == NULL)
    {
      GApplication *app = g_application_get_default ();

      widget = GTK_IS_APPLICATION (app) ? (GtkWidget *) gtk_application_get_active_window (GTK_APPLICATION (app))
                                        : NULL;
      if (widget == NULL)
        {
          g_warning ("%s: %s", heading, error != NULL ? error->message : "");
          return;
        }
    }

  dialog = adw_alert_dialog_new (heading, error != NULL ? error->message : NULL);
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "close");
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "close");
  adw_dialog_present (dialog, widget);
}

/* ---------------------------------------------------------------- date rows */

static void
on_day_selected (GtkCalendar *calendar,
                 AdwEntryRow *row)
{
  g_autoptr(GDateTime) when = gtk_calendar_get_date (calendar);
  g_autofree char *iso = g_date_time_format (when, "%Y-%m-%d");
  g_autofree char *text = cpt_format_date (iso);
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  /* As dates are shown; cpt_parse_date () reads it back. */
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  g_signal_emit_by_name (row, "apply");
}

static void
on_calendar_show (GtkPopover  *popover,
                  AdwEntryRow *row)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  g_autofree char *iso = cpt_parse_date (gtk_editable_get_text (GTK_EDITABLE (row)), NULL);
  GDate date;

  if (iso != NULL && cpt_date_parse (iso, &date))
    {
      g_autoptr(GDateTime) when = g_date_time_new_local (g_date_get_year (&date),
                                                         g_date_get_month (&date),
                                                         g_date_get_day (&date), 12, 0, 0);
      g_signal_handlers_block_by_func (calendar, on_day_selected, row);
      gtk_calendar_select_day (calendar, when);
      g_signal_handlers_unblock_by_func (calendar, on_day_selected, row);
    }
}

void
cpt_entry_row_add_calendar (AdwEntryRow *row)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Choose a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a Date"), -1);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (on_day_selected), row, 0);
  g_signal_connect_object (popover, "show", G_CALLBACK (on_calendar_show), row, 0);
  adw_entry_row_add_suffix (row, button);
}

void
cpt_label_set_text_or_hide (GtkLabel   *label,
                            const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

GtkWidget *
cpt_group_add_row (AdwPreferencesGroup *group,
                   GPtrArray           *rows,
                   const char          *title,
                   const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_selectable (ADW_ACTION_ROW (row), TRUE);
    }
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
  return row;
}

void
cpt_group_clear_rows (AdwPreferencesGroup *group,
                      GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

/* ---------------------------------------------------------------- checked entry rows */

typedef struct
{
  CptTextCheck   check;
  GtkListBoxRow *error_row;
  GtkLabel      *error_label;
  guint          pause_source;
} FieldCheck;

static void
field_check_free (gpointer data)
{
  FieldCheck *field = data;

  g_clear_handle_id (&field->pause_source, g_source_remove);
  g_clear_object (&field->error_row);
  g_free (field);
}

static gboolean
run_check (AdwEntryRow *row,
           FieldCheck  *field)
{
  g_autofree char *text = cpt_entry_row_dup_text (row);
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  gboolean ok = TRUE;

  if (text != NULL)
    ok = field->check (text, &normalized, &error);

  if (ok)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_visible (GTK_WIDGET (field->error_row), FALSE);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE);
    }
  else
    {
      gtk_label_set_text (field->error_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_visible (GTK_WIDGET (field->error_row), TRUE);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_ERROR_MESSAGE,
                                      field->error_label, NULL, -1);
    }
  return ok;
}

static gboolean
on_typing_paused (gpointer user_data)
{
  AdwEntryRow *row = user_data;
  FieldCheck *field = g_object_get_data (G_OBJECT (row), "cpt-field-check");

  field->pause_source = 0;
  run_check (row, field);
  return G_SOURCE_REMOVE;
}

static void
on_checked_row_changed (AdwEntryRow *row,
                        FieldCheck  *field)
{
  g_clear_handle_id (&field->pause_source, g_source_remove);
  /* An error shown goes away at once when fixed; a new one waits for a pause. */
  if (gtk_widget_get_visible (GTK_WIDGET (field->error_row)))
    run_check (row, field);
  else
    field->pause_source = g_timeout_add (800, on_typing_paused, row);
}

static void
on_checked_row_focus_leave (GtkEventControllerFocus *controller,
                            FieldCheck              *field)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  g_clear_handle_id (&field->pause_source, g_source_remove);
  run_check (ADW_ENTRY_ROW (row), field);
}

void
cpt_entry_row_add_check (AdwEntryRow *row,
                         CptTextCheck check)
{
  FieldCheck *field = g_new0 (FieldCheck, 1);
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (row));
  GtkWidget *label = gtk_label_new (NULL);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  field->check = check;
  /* A preferences row, so that the search of a preferences dialog can look at it too. */
  field->error_row = GTK_LIST_BOX_ROW (g_object_ref_sink (adw_preferences_row_new ()));
  field->error_label = GTK_LABEL (label);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_list_box_row_set_child (field->error_row, label);
  gtk_list_box_row_set_activatable (field->error_row, FALSE);
  gtk_list_box_row_set_selectable (field->error_row, FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (field->error_row), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (field->error_row), "field-error");
  gtk_widget_set_visible (GTK_WIDGET (field->error_row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, NULL, -1);

  if (GTK_IS_LIST_BOX (parent))
    gtk_list_box_insert (GTK_LIST_BOX (parent), GTK_WIDGET (field->error_row),
                         gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
  else
    g_warning ("A checked entry row must be in a list before its check is added");

  g_object_set_data_full (G_OBJECT (row), "cpt-field-check", field, field_check_free);
  g_signal_connect (row, "changed", G_CALLBACK (on_checked_row_changed), field);
  g_signal_connect (focus, "leave", G_CALLBACK (on_checked_row_focus_leave), field);
  gtk_widget_add_controller (GTK_WIDGET (row), focus);
}

gboolean
cpt_entry_row_check_now (AdwEntryRow *row)
{
  FieldCheck *field = g_object_get_data (G_OBJECT (row), "cpt-field-check");

  if (field == NULL)
    return TRUE;
  g_clear_handle_id (&field->pause_source, g_source_remove);
  return run_check (row, field);
}

char *
cpt_entry_row_dup_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  if (*text == '\0')
    return NULL;
  return g_steal_pointer (&text);
}

void
cpt_entry_row_set_text (AdwEntryRow *row,
                        const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* ---------------------------------------------------------------- VAT rates and units */

GListModel *
cpt_vat_rates_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  guint n = 0;
  const gint64 *rates = cpt_vat_rate_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = cpt_format_percent (rates[i]);
      gtk_string_list_append (list, text);
    }
  return G_LIST_MODEL (list);
}

guint
cpt_vat_rate_position (gint64 rate)
{
  guint n = 0;
  const gint64 *rates = cpt_vat_rate_get_all (&n);

  for (guint i = 0; i < n; i++)
    if (rates[i] == rate)
      return i;
  return 0;
}

gint64
cpt_vat_rate_at (guint position)
{
  guint n = 0;
  const gint64 *rates = cpt_vat_rate_get_all (&n);

  return position < n ? rates[position] : -1;
}

GListModel *
cpt_units_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  guint n = 0;
  const CptUnit *units = cpt_unit_get_all (&n);
  gboolean french = strcmp (cpt_ui_language (), "fr") == 0;

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, french ? units[i].name_fr : units[i].name_en);
  return G_LIST_MODEL (list);
}

guint
cpt_unit_position (const char *code)
{
  guint n = 0;
  const CptUnit *units = cpt_unit_get_all (&n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (units[i].code, code) == 0)
      return i;
  return 0;
}

const char *
cpt_unit_code_at (guint position)
{
  guint n = 0;
  const CptUnit *units = cpt_unit_get_all (&n);

  return position < n ? units[position].code : "C62";
}

/* The titles are GtkColumnViewTitle widgets (a box with a label and the sort indicator) in
 * the column view's header, in the order of the columns; GTK offers no alignment for them. */
void
cpt_column_view_align_titles_end (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (view));
  GtkWidget *title;
  guint position = 0;

  if (header == NULL || g_strcmp0 (gtk_widget_get_css_name (header), "header") != 0)
    return;
  for (title = gtk_widget_get_first_child (header); title != NULL;
       title = gtk_widget_get_next_sibling (title), position++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, position);
      GtkWidget *box = gtk_widget_get_first_child (title);
      GtkWidget *label = box ? gtk_widget_get_first_child (box) : NULL;

      if (column == NULL || !GTK_IS_LABEL (label))
        continue;
      if (g_strcmp0 (gtk_column_view_column_get_id (column), "numeric") == 0 ||
          g_object_get_data (G_OBJECT (column), "cpt-numeric") != NULL)
        {
          gtk_label_set_xalign (GTK_LABEL (label), 1.0);
          gtk_widget_set_hexpand (label, TRUE);
        }
    }
}

static void
release_on_completed (GTask        *task,
                      GParamSpec   *pspec,
                      GApplication *app)
{
  if (!g_task_get_completed (task))
    return;
  g_signal_handlers_disconnect_by_func (task, release_on_completed, app);
  g_application_release (app);
  g_object_unref (app);
}

void
cpt_task_hold_application (GTask *task)
{
  GApplication *app = g_application_get_default ();

  g_return_if_fail (G_IS_TASK (task));

  if (app != NULL)
    {
      g_application_hold (app);
      g_signal_connect (task, "notify::completed", G_CALLBACK (release_on_completed),
                        g_object_ref (app));
    }
}

void
cpt_task_run_in_thread_held (GTask           *task,
                             GTaskThreadFunc  func)
{
  g_return_if_fail (G_IS_TASK (task));

  cpt_task_hold_application (task);
  g_task_run_in_thread (task, func);
}
