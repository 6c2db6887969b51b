/* cpt-gui-utils.h: small helpers shared by the widgets: formatting for the interface
 * language, status badges, errors shown to people, and reaching the open database. */
#pragma once

#include <adwaita.h>

#include "cpt-database.h"
#include "cpt-kinds.h"

G_BEGIN_DECLS

/* "fr" when the interface is in French, else "en": how amounts and dates are written. */
const char *cpt_ui_language        (void);

/* "1 234,56 €" / "€1,234.56"; currency NULL means EUR. */
char       *cpt_format_money       (gint64 minor, const char *currency);
/* "22/11/2026" / "22 Nov 2026"; "" for NULL. The one way a date is written on screen:
 * every widget goes through it (ISO dates are for files and the CLI's JSON only). */
char       *cpt_format_date        (const char *iso);
/* A moment (memos, history) as cpt_format_date () writes its day, then the local time:
 * "22/11/2026 14:05" / "22 Nov 2026, 14:05"; `iso8601` as stored (UTC); "" for NULL. */
char       *cpt_format_date_time   (const char *iso8601);
/* A count with its digits grouped: "1 544" / "1,544". */
char       *cpt_format_count       (guint64 n);
/* "1,5" / "1.5" */
char       *cpt_format_quantity    (gint64 thousandths);
/* "20 %" / "20%" */
char       *cpt_format_percent     (gint64 hundredths);
/* "12,50" / "12.50" (2 to 4 decimals) */
char       *cpt_format_unit_price  (gint64 price);
/* Date typed by someone ("22/11/2026", "2026-11-22") to ISO, or NULL with an error. */
char       *cpt_parse_date         (const char *text, GError **error);

/* Translated kind names: "Invoice", "Credit note" (singular) */
const char *cpt_kind_label         (CptDocumentKind kind);
/* Translated status labels ("Overdue") and the badge class ("overdue", "paid", ...). */
const char *cpt_status_label       (CptDocumentStatus status);
const char *cpt_status_badge_class (CptDocumentStatus status);
/* The same for a status's string (a list filter's, a deposit's state). */
const char *cpt_state_label        (const char *state);
const char *cpt_state_badge_class  (const char *state);

/* g_task_run_in_thread (), the application held until the task has completed: a thread
 * still at work when the process exits crashes it. Cancel the task to quit sooner. */
void         cpt_task_run_in_thread_held (GTask *task, GTaskThreadFunc func);
/* Holds the application until `task` has completed, for a task run by a thread of one's own
 * (a thread pool): the process must not exit while that thread is still inside a library. */
void         cpt_task_hold_application   (GTask *task);

/* Shows `message` as a toast in the window of `widget` (or the open dialog's window). */
void        cpt_toast              (GtkWidget *widget, const char *message);
/* A toast with an Undo button that calls `undo` (with `data`, freed by `destroy`). */
void        cpt_toast_with_undo    (GtkWidget     *widget,
                                    const char    *message,
                                    GCallback      undo,
                                    gpointer       data,
                                    GDestroyNotify destroy);
/* A toast with a button labelled `button` (with a mnemonic) that calls `func` (with `data`,
 * freed by `destroy`); `timeout` in seconds, 0: until dismissed. */
void        cpt_toast_with_button  (GtkWidget     *widget,
                                    const char    *message,
                                    const char    *button,
                                    guint          timeout,
                                    GCallback      func,
                                    gpointer       data,
                                    GDestroyNotify destroy);
/* An error in plain words: a dialog with `heading` and the error's message, over `widget`'s
 * window, or over the application's active window when `widget` is NULL or no longer in
 * one (a write that ends after its page or dialog went); logged only when no window is
 * left. Cancellation is silent. */
void        cpt_show_error         (GtkWidget    *widget,
                                    const char   *heading,
                                    const GError *error);


/* Adds a calendar button at the end of an entry row holding a date as typed by people. */
void        cpt_entry_row_add_calendar (AdwEntryRow *row);

/* As-you-type checks of an entry row (SIREN, SIRET, VAT number, IBAN...): the error, in
 * plain words, shows in a row right under the field; it appears after a pause in typing or
 * when the field is left, and goes as soon as the text is right. The row must already be in
 * its group. */
typedef gboolean (*CptTextCheck) (const char *text, char **out_normalized, GError **error);
void        cpt_entry_row_add_check    (AdwEntryRow *row,
                                        CptTextCheck check);
/* Checks now (showing the error); TRUE when the text is empty or right. */
gboolean    cpt_entry_row_check_now    (AdwEntryRow *row);
/* Text of an entry row, trimmed; NULL when blank. */
char       *cpt_entry_row_dup_text     (AdwEntryRow *row);
/* Sets the text of an entry row from a possibly NULL string. */
void        cpt_entry_row_set_text     (AdwEntryRow *row,
                                        const char  *text);

/* The VAT rates offered in forms: exactly those core accepts (cpt_vat_rate_get_all), as a
 * model of labels ("20 %") and back. cpt_vat_rate_at() is -1 past the end. */
GListModel *cpt_vat_rates_model    (void);
guint       cpt_vat_rate_position  (gint64 rate);
gint64      cpt_vat_rate_at        (guint position);
/* Units (UN/ECE codes) as a model of names in the interface language, and back. */
GListModel *cpt_units_model        (void);
guint       cpt_unit_position      (const char *code);
const char *cpt_unit_code_at       (guint position);

/* Right-aligns the header titles of the numeric columns of `view` (over their figures). */
void        cpt_column_view_align_titles_end (GtkColumnView *view);

/* Sets the text of a label, hiding it when the text is NULL or empty. */
void        cpt_label_set_text_or_hide (GtkLabel *label, const char *text);

/* An action row titled `title` (plain text, not markup) with `subtitle` (selectable; none
 * when NULL), added to `group` and to `rows`, the rows cpt_group_clear_rows () removes. */
GtkWidget  *cpt_group_add_row          (AdwPreferencesGroup *group,
                                        GPtrArray           *rows,
                                        const char          *title,
                                        const char          *subtitle);
void        cpt_group_clear_rows       (AdwPreferencesGroup *group,
                                        GPtrArray           *rows);

G_END_DECLS
