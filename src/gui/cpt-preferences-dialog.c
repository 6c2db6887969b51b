/* cpt-preferences-dialog.c: the business's identity and logo, the mentions of its documents,
 * and the formats of its numbers with a live example of the next one. Everything is read
 * and written through the context's worker: the pages take no input until what they show
 * is read, and closing waits for what was typed to be saved. */
#define G_LOG_DOMAIN "cpt-preferences-dialog"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "cpt-application.h"
#include "cpt-company-async.h"
#include "cpt-dates.h"
#include "cpt-document-extras.h"
#include "cpt-gui-utils.h"
#include "cpt-mail-account-page.h"
#include "cpt-mail-templates-page.h"
#include "cpt-identifiers.h"
#include "cpt-money.h"
#include "cpt-preferences-dialog.h"
#include "cpt-series-async.h"

typedef struct
{
  char        *name;
  AdwEntryRow *format_row;
  AdwComboRow *reset_row;
  AdwSpinRow  *first_row;
  AdwActionRow *example_row;
  gboolean     used;
  guint        save_source;
  GCancellable *example;      /* the example being read; cancelled by the next keystroke */
  CptPreferencesDialog *dialog;
} SeriesRows;

struct _CptPreferencesDialog
{
  AdwPreferencesDialog parent_instance;

  CptContext   *context;
  CptWorker    *worker;
  GCancellable *cancellable;    /* the reads; cancelled when the dialog goes */
  GPtrArray    *series;        /* SeriesRows */
  gboolean      loading;       /* the fields are being filled in: not typing */
  gboolean      company_read;  /* the company was read: its fields may be saved */
  guint         reads;         /* reads under way (company, series, last backup) */
  guint         backup_reads;  /* looks for the last backup under way: the last one shows */
  guint         saves;         /* saves under way */
  gboolean      close_after_save; /* closing waits for the saves */
  guint         text_source;

  /* template children */
  gboolean      company_dirty;  /* a field typed in and not saved yet */
  CptMailAccountPage *mail_page;   /* Email: the mail account */
  AdwPreferencesPage *business_page;
  AdwPreferencesPage *invoicing_page;
  AdwEntryRow  *name_row;
  AdwEntryRow  *legal_form_row;
  AdwEntryRow  *capital_row;
  AdwEntryRow  *siren_row;
  AdwEntryRow  *siret_row;
  AdwEntryRow  *rcs_row;
  AdwEntryRow  *vat_row;
  AdwEntryRow  *address_row;
  AdwEntryRow  *postcode_row;
  AdwEntryRow  *city_row;
  AdwEntryRow  *email_row;
  AdwEntryRow  *phone_row;
  AdwEntryRow  *website_row;
  AdwEntryRow  *iban_row;
  AdwEntryRow  *bic_row;
  GtkPicture   *logo_picture;
  AdwSwitchRow *vat_exempt_row;
  AdwEntryRow  *vat_exempt_text_row;
  AdwSwitchRow *vat_on_debits_row;
  AdwSpinRow   *days_row;
  AdwSwitchRow *end_of_month_row;
  GtkTextView  *penalty_view;
  GtkTextView  *footer_view;
  AdwComboRow  *language_row;
  AdwPreferencesPage *numbering_page;
  AdwSwitchRow *separate_deposits_row;
  AdwPreferencesPage *backups_page;
  AdwActionRow *last_backup_row;
  GtkWidget    *backup_failed_icon;
  GtkButton    *back_up_button;
  AdwActionRow *folder_row;
  GtkButton    *default_folder_button;

  CptBackups   *backups;
};

G_DEFINE_FINAL_TYPE (CptPreferencesDialog, cpt_preferences_dialog, ADW_TYPE_PREFERENCES_DIALOG)

/* The company's fields the Business, Invoicing and Numbering pages edit; the Email page
 * saves the others. */
static const char *const company_fields[] = {
  "name", "legal-form", "share-capital", "siren", "siret", "rcs-city", "vat-number",
  "address", "postcode", "city", "email", "phone", "website", "iban", "bic", "vat-exempt",
  "vat-exempt-text", "vat-on-debits", "payment-days", "end-of-month", "penalty-text",
  "footer", "language", "separate-deposit-series", NULL
};

static void
series_rows_free (SeriesRows *rows)
{
  g_clear_handle_id (&rows->save_source, g_source_remove);
  /* Its result is dropped: the rows are gone. */
  g_cancellable_cancel (rows->example);
  g_clear_object (&rows->example);
  g_free (rows->name);
  g_free (rows);
}

static void
toast (CptPreferencesDialog *self,
       const char           *message)
{
  adw_preferences_dialog_add_toast (ADW_PREFERENCES_DIALOG (self), adw_toast_new (message));
}

/* What could not be read stays said until it is dismissed: the page it is for takes no
 * input. */
static void
toast_read_error (CptPreferencesDialog *self,
                  const char           *what,
                  const GError         *error)
{
  /* Translators: the first %s is what could not be read, the second why */
  g_autofree char *text = g_strdup_printf (_("%s: %s"), what, error->message);
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 0);
  adw_preferences_dialog_add_toast (ADW_PREFERENCES_DIALOG (self), toast);
}

static char *
text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (*text == '\0')
    {
      g_free (text);
      return NULL;
    }
  return text;
}

/* The pages take input once what they show is read. */
static void
update_sensitivity (CptPreferencesDialog *self)
{
  gboolean ready = self->reads == 0 && self->company_read;

  gtk_widget_set_sensitive (GTK_WIDGET (self->business_page), ready);
  gtk_widget_set_sensitive (GTK_WIDGET (self->invoicing_page), ready);
  gtk_widget_set_sensitive (GTK_WIDGET (self->numbering_page), ready);
}

/* Closing asked for while saving: done once every save is back, unless one failed. */
static void
close_if_saved (CptPreferencesDialog *self)
{
  if (!self->close_after_save || self->saves > 0 ||
      (self->mail_page != NULL && cpt_mail_account_page_is_saving (self->mail_page)))
    return;
  self->close_after_save = FALSE;
  adw_dialog_force_close (ADW_DIALOG (self));
}

/* Saves started as the dialog goes: the window it was over says how they went. */
static void
on_company_saved_unseen (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) company = cpt_company_update_finish (CPT_WORKER (source), result, &error);

  if (company == NULL)
    cpt_show_error (NULL, _("Could not save the company"), error);
}

static void
on_series_saved_unseen (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!cpt_series_set_finish (CPT_WORKER (source), result, &error))
    cpt_show_error (NULL, _("Could not save the number series"), error);
}

/* ---------------------------------------------------------------- the company */

/* The business's fields as typed; NULL (the reason shown) when one cannot be read. */
static CptCompany *
company_from_fields (CptPreferencesDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *capital_text = cpt_entry_row_dup_text (self->capital_row);
  g_autofree char *name = cpt_entry_row_dup_text (self->name_row);
  g_autofree char *legal_form = cpt_entry_row_dup_text (self->legal_form_row);
  g_autofree char *siren = cpt_entry_row_dup_text (self->siren_row);
  g_autofree char *siret = cpt_entry_row_dup_text (self->siret_row);
  g_autofree char *rcs = cpt_entry_row_dup_text (self->rcs_row);
  g_autofree char *vat = cpt_entry_row_dup_text (self->vat_row);
  g_autofree char *address = cpt_entry_row_dup_text (self->address_row);
  g_autofree char *postcode = cpt_entry_row_dup_text (self->postcode_row);
  g_autofree char *city = cpt_entry_row_dup_text (self->city_row);
  g_autofree char *email = cpt_entry_row_dup_text (self->email_row);
  g_autofree char *phone = cpt_entry_row_dup_text (self->phone_row);
  g_autofree char *website = cpt_entry_row_dup_text (self->website_row);
  g_autofree char *iban = cpt_entry_row_dup_text (self->iban_row);
  g_autofree char *bic = cpt_entry_row_dup_text (self->bic_row);
  g_autofree char *exempt_text = cpt_entry_row_dup_text (self->vat_exempt_text_row);
  g_autofree char *penalty = text_of (self->penalty_view);
  g_autofree char *footer = text_of (self->footer_view);
  gint64 capital = 0;
  CptCompany *company;

  if (capital_text != NULL && !cpt_money_parse (capital_text, &capital, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->capital_row), "error");
      toast (self, error->message);
      return NULL;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->capital_row), "error");
  company = g_object_new (CPT_TYPE_COMPANY, NULL);
  g_object_set (company, "name", name, "legal-form", legal_form, "share-capital", capital,
                "siren", siren, "siret", siret, "rcs-city", rcs, "vat-number", vat,
                "address", address, "postcode", postcode, "city", city, "email", email,
                "phone", phone, "website", website, "iban", iban, "bic", bic,
                "vat-exempt", adw_switch_row_get_active (self->vat_exempt_row),
                "vat-exempt-text", exempt_text,
                "vat-on-debits", adw_switch_row_get_active (self->vat_on_debits_row),
                "payment-days", (gint64) adw_spin_row_get_value (self->days_row),
                "end-of-month", adw_switch_row_get_active (self->end_of_month_row),
                "penalty-text", penalty, "footer", footer,
                "language", adw_combo_row_get_selected (self->language_row) == 1 ? "en" : "fr",
                "separate-deposit-series", adw_switch_row_get_active (self->separate_deposits_row),
                NULL);
  return company;
}

static void
on_company_saved (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CptPreferencesDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) company = cpt_company_update_finish (CPT_WORKER (source), result, &error);

  self->saves--;
  if (company == NULL)
    {
      /* What was typed stays in the fields, to be put right and saved again. */
      self->company_dirty = TRUE;
      self->close_after_save = FALSE;
      toast (self, error->message);
      return;
    }
  close_if_saved (self);
}

/* Starts saving the business's fields; FALSE (the reason shown) when they cannot be read. */
static gboolean
save_company (CptPreferencesDialog *self)
{
  g_autoptr(CptCompany) values = NULL;

  /* What was never read is not written back blank. */
  if (self->loading || !self->company_read)
    return TRUE;
  /* The mention is only printed, so only edited, when the business is exempt. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->vat_exempt_text_row), adw_switch_row_get_active (self->vat_exempt_row));
  values = company_from_fields (self);
  if (values == NULL)
    return FALSE;
  self->company_dirty = FALSE;
  self->saves++;
  cpt_company_update_async (self->worker, values, (const char * const *) company_fields, NULL,
                            on_company_saved, g_object_ref (self));
  return TRUE;
}

static void
on_company_apply (CptPreferencesDialog *self)
{
  save_company (self);
}

static void
on_company_field_changed (CptPreferencesDialog *self)
{
  if (self->loading)
    return;
  self->company_dirty = TRUE;
}

static void save_series (SeriesRows *rows);

/* Closing keeps what was typed without Enter. What cannot be kept (a SIREN with a typing
 * mistake) keeps the dialog open, with the reason, rather than being dropped. */
static void
on_close_attempt (CptPreferencesDialog *self)
{
  g_clear_handle_id (&self->text_source, g_source_remove);
  for (guint i = 0; self->series != NULL && i < self->series->len; i++)
    {
      SeriesRows *rows = g_ptr_array_index (self->series, i);

      if (rows->save_source != 0)
        {
          g_clear_handle_id (&rows->save_source, g_source_remove);
          save_series (rows);
        }
    }
  if (self->company_dirty && !save_company (self))
    return;
  if (self->mail_page != NULL && !cpt_mail_account_page_save (self->mail_page))
    return;
  self->close_after_save = TRUE;
  close_if_saved (self);
}

static void
on_mail_saved (CptPreferencesDialog *self,
               gboolean              saved)
{
  if (!saved)
    self->close_after_save = FALSE;
  close_if_saved (self);
}

static void
on_closed (CptPreferencesDialog *self)
{
  g_cancellable_cancel (self->cancellable);
}

static void
save_texts (CptPreferencesDialog *self)
{
  self->text_source = 0;
  save_company (self);
}

static void
on_text_changed (GtkTextBuffer        *buffer,
                 CptPreferencesDialog *self)
{
  if (self->loading)
    return;
  self->company_dirty = TRUE;
  g_clear_handle_id (&self->text_source, g_source_remove);
  self->text_source = g_timeout_add_once (800, (GSourceOnceFunc) save_texts, self);
}

static void
show_logo (CptPreferencesDialog *self,
           GBytes               *logo)
{
  g_autoptr(GdkTexture) texture = NULL;

  if (logo != NULL)
    texture = gdk_texture_new_from_bytes (logo, NULL);
  gtk_picture_set_paintable (self->logo_picture, GDK_PAINTABLE (texture));
}

static void
on_logo_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CptPreferencesDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) logo = cpt_company_get_logo_finish (CPT_WORKER (source), result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    toast_read_error (self, _("Could not show the logo"), error);
  show_logo (self, logo);
}

static void
on_logo_stored (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CptPreferencesDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) logo = cpt_company_set_logo_finish (CPT_WORKER (source), result, NULL, &error);

  self->saves--;
  if (error != NULL)
    {
      self->close_after_save = FALSE;
      toast (self, error->message);
      return;
    }
  show_logo (self, logo);
  close_if_saved (self);
}

static void
on_logo_chosen (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CptPreferencesDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, &error);
  g_autofree char *path = NULL;

  if (file == NULL || self->worker == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      toast (self, _("Only local files can be used"));
      return;
    }
  self->saves++;
  cpt_company_set_logo_async (self->worker, path, NULL, on_logo_stored, g_object_ref (self));
}

static void
on_logo_clicked (CptPreferencesDialog *self)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  g_list_store_append (filters, filter);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_title (dialog, _("Choose the Logo"));
  gtk_file_dialog_open (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, on_logo_chosen,
                        g_object_ref (self));
}

static void
show_company (CptPreferencesDialog *self,
              CptCompany           *company)
{
  g_autofree char *name = NULL, *legal_form = NULL, *siren = NULL, *siret = NULL, *rcs = NULL;
  g_autofree char *vat = NULL, *address = NULL, *postcode = NULL, *city = NULL, *email = NULL;
  g_autofree char *phone = NULL, *website = NULL, *iban = NULL, *bic = NULL, *exempt_text = NULL;
  g_autofree char *penalty = NULL, *footer = NULL, *language = NULL, *capital_text = NULL;
  gint64 capital = 0, days = 30;
  gboolean exempt = FALSE, debits = FALSE, end_of_month = FALSE, separate = FALSE;

  g_object_get (company, "name", &name, "legal-form", &legal_form, "share-capital", &capital,
                "siren", &siren, "siret", &siret, "rcs-city", &rcs, "vat-number", &vat,
                "address", &address, "postcode", &postcode, "city", &city, "email", &email,
                "phone", &phone, "website", &website, "iban", &iban, "bic", &bic,
                "vat-exempt", &exempt, "vat-exempt-text", &exempt_text, "vat-on-debits", &debits,
                "payment-days", &days, "end-of-month", &end_of_month, "penalty-text", &penalty,
                "footer", &footer, "language", &language, "separate-deposit-series", &separate, NULL);

  self->loading = TRUE;
  cpt_entry_row_set_text (self->name_row, name);
  cpt_entry_row_set_text (self->legal_form_row, legal_form);
  capital_text = capital ? cpt_format_money (capital, NULL) : NULL;
  cpt_entry_row_set_text (self->capital_row, capital_text);
  cpt_entry_row_set_text (self->siren_row, siren);
  cpt_entry_row_set_text (self->siret_row, siret);
  cpt_entry_row_set_text (self->rcs_row, rcs);
  cpt_entry_row_set_text (self->vat_row, vat);
  cpt_entry_row_set_text (self->address_row, address);
  cpt_entry_row_set_text (self->postcode_row, postcode);
  cpt_entry_row_set_text (self->city_row, city);
  cpt_entry_row_set_text (self->email_row, email);
  cpt_entry_row_set_text (self->phone_row, phone);
  cpt_entry_row_set_text (self->website_row, website);
  {
    g_autofree char *grouped = iban ? cpt_iban_format (iban) : NULL;
    cpt_entry_row_set_text (self->iban_row, grouped);
  }
  cpt_entry_row_set_text (self->bic_row, bic);
  adw_switch_row_set_active (self->vat_exempt_row, exempt);
  cpt_entry_row_set_text (self->vat_exempt_text_row, exempt_text ? exempt_text : CPT_VAT_EXEMPT_MENTION_FR);
  gtk_widget_set_sensitive (GTK_WIDGET (self->vat_exempt_text_row), exempt);
  adw_switch_row_set_active (self->vat_on_debits_row, debits);
  adw_spin_row_set_value (self->days_row, (double) days);
  adw_switch_row_set_active (self->end_of_month_row, end_of_month);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->penalty_view), penalty ? penalty : "", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->footer_view), footer ? footer : "", -1);
  adw_combo_row_set_selected (self->language_row, g_strcmp0 (language, "en") == 0 ? 1 : 0);
  adw_switch_row_set_active (self->separate_deposits_row, separate);
  self->loading = FALSE;
}

static void
on_company_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CptPreferencesDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptCompany) company = cpt_company_load_finish (CPT_WORKER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->reads--;
  if (company == NULL)
    toast_read_error (self, _("Could not read the business’s identity"), error);
  else
    {
      show_company (self, company);
      self->company_read = TRUE;
    }
  update_sensitivity (self);
}

/* ---------------------------------------------------------------- numbering */

static void
on_example (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *example = cpt_series_preview_with_finish (CPT_WORKER (source), result, &error);
  SeriesRows *rows = user_data;

  /* An earlier keystroke's, or the rows are gone: `rows` may not be looked at. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&rows->example);
  if (example != NULL)
    {
      adw_action_row_set_subtitle (rows->example_row, example);
      gtk_widget_remove_css_class (GTK_WIDGET (rows->example_row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (rows->format_row), "error");
    }
  else
    {
      adw_action_row_set_subtitle (rows->example_row, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (rows->example_row), "error");
      gtk_widget_add_css_class (GTK_WIDGET (rows->format_row), "error");
    }
}

static void
update_example (SeriesRows *rows)
{
  CptPreferencesDialog *self = rows->dialog;
  const char *format = gtk_editable_get_text (GTK_EDITABLE (rows->format_row));

  /* Only the example of the last keystroke is shown. */
  g_cancellable_cancel (rows->example);
  g_clear_object (&rows->example);
  rows->example = g_cancellable_new ();
  cpt_series_preview_with_async (self->worker, rows->name, format,
                                 (int) adw_combo_row_get_selected (rows->reset_row),
                                 (gint64) adw_spin_row_get_value (rows->first_row),
                                 cpt_context_get_today (self->context), rows->example,
                                 on_example, rows);
}

static void
on_series_saved (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CptPreferencesDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saves--;
  if (!cpt_series_set_finish (CPT_WORKER (source), result, &error))
    {
      self->close_after_save = FALSE;
      toast (self, error->message);
      return;
    }
  close_if_saved (self);
}

static void
save_series (SeriesRows *rows)
{
  CptPreferencesDialog *self = rows->dialog;
  const char *format = gtk_editable_get_text (GTK_EDITABLE (rows->format_row));

  rows->save_source = 0;
  /* A wrong format is said by the example, and not saved. */
  if (self->loading || !cpt_series_check_format (format, (CptSeriesReset) adw_combo_row_get_selected (rows->reset_row), NULL))
    return;
  self->saves++;
  cpt_series_set_async (self->worker, rows->name, format,
                        rows->used ? -1 : (int) adw_combo_row_get_selected (rows->reset_row),
                        rows->used ? 0 : (gint64) adw_spin_row_get_value (rows->first_row),
                        NULL, on_series_saved, g_object_ref (self));
}

static void
on_series_changed (SeriesRows *rows)
{
  if (rows->dialog->loading)
    return;
  update_example (rows);
  g_clear_handle_id (&rows->save_source, g_source_remove);
  rows->save_source = g_timeout_add_once (700, (GSourceOnceFunc) save_series, rows);
}

static const char *
series_title (const char *name)
{
  CptDocumentKind kind;

  /* A series is named after the kind it numbers. */
  if (!cpt_document_kind_from_string (name, &kind))
    kind = CPT_DOCUMENT_KIND_PROFORMA;
  switch (kind)
    {
    case CPT_DOCUMENT_KIND_INVOICE:
      return _("Invoices");
    case CPT_DOCUMENT_KIND_DEPOSIT:
      return _("Deposit Invoices");
    case CPT_DOCUMENT_KIND_CREDIT_NOTE:
      return _("Credit Notes");
    case CPT_DOCUMENT_KIND_QUOTE:
      return _("Quotes");
    case CPT_DOCUMENT_KIND_PROFORMA:
    default:
      return _("Pro Forma Invoices");
    }
}

static void
show_series (CptPreferencesDialog *self,
             GPtrArray            *all)
{
  self->loading = TRUE;
  for (guint i = 0; i < all->len; i++)
    {
      CptSeries *series = g_ptr_array_index (all, i);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      SeriesRows *rows = g_new0 (SeriesRows, 1);
      GtkStringList *resets = gtk_string_list_new (NULL);
      g_autofree char *first_label = NULL;

      rows->dialog = self;
      rows->name = g_strdup (series->name);
      rows->used = series->used > 0;
      adw_preferences_group_set_title (group, series_title (series->name));

      rows->format_row = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->format_row), _("Format"));
      gtk_editable_set_text (GTK_EDITABLE (rows->format_row), series->format);
      g_signal_connect_swapped (rows->format_row, "changed", G_CALLBACK (on_series_changed), rows);
      adw_preferences_group_add (group, GTK_WIDGET (rows->format_row));

      gtk_string_list_append (resets, _("Never"));
      gtk_string_list_append (resets, _("Every year"));
      gtk_string_list_append (resets, _("Every month"));
      rows->reset_row = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->reset_row), _("Counter Restarts"));
      adw_combo_row_set_model (rows->reset_row, G_LIST_MODEL (resets));
      g_object_unref (resets);
      adw_combo_row_set_selected (rows->reset_row, series->reset);
      g_signal_connect_swapped (rows->reset_row, "notify::selected", G_CALLBACK (on_series_changed), rows);
      adw_preferences_group_add (group, GTK_WIDGET (rows->reset_row));

      rows->first_row = ADW_SPIN_ROW (adw_spin_row_new_with_range (1, 999999999, 1));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->first_row), _("First Number"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (rows->first_row),
                                   _("Where the series starts, when coming from another tool"));
      adw_spin_row_set_value (rows->first_row, (double) series->first_number);
      g_signal_connect_swapped (rows->first_row, "notify::value", G_CALLBACK (on_series_changed), rows);
      adw_preferences_group_add (group, GTK_WIDGET (rows->first_row));
      /* Once numbers were given, only the format may change. */
      if (rows->used)
        {
          gtk_widget_set_sensitive (GTK_WIDGET (rows->reset_row), FALSE);
          gtk_widget_set_sensitive (GTK_WIDGET (rows->first_row), FALSE);
          adw_preferences_group_set_description (group,
                                                 _("Numbers were given in this series: its counter and first number no longer change."));
        }

      rows->example_row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->example_row), _("Next Number"));
      adw_action_row_set_subtitle_selectable (rows->example_row, TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (rows->example_row), "property");
      adw_preferences_group_add (group, GTK_WIDGET (rows->example_row));

      adw_preferences_page_add (self->numbering_page, group);
      g_ptr_array_add (self->series, rows);
      update_example (rows);
      (void) first_label;
    }
  self->loading = FALSE;
}

static void
on_series_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CptPreferencesDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = cpt_series_load_all_finish (CPT_WORKER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->reads--;
  if (all == NULL)
    toast_read_error (self, _("Could not read the numbering"), error);
  else
    show_series (self, all);
  update_sensitivity (self);
}

/* ---------------------------------------------------------------- backups */

/* A day as the rest of the window writes it. */
static char *
format_day (GDateTime *time)
{
  g_autofree char *iso = g_date_time_format (time, "%F");

  return cpt_format_date (iso);
}

static void
on_last_backup_found (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CptPreferencesDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CptBackupEntry) last = cpt_backups_find_last_finish (CPT_BACKUPS (source), result, &error);
  g_autofree char *text = NULL;
  GDateTime *failed_at = NULL;
  const char *failure;
  gboolean failing;

  /* Cancelled: the dialog is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->reads--;
  /* A later look (another folder, a backup made) is still under way: it shows. */
  if (--self->backup_reads > 0 || self->backups == NULL || cpt_backups_is_running (self->backups))
    return;
  if (error != NULL)
    text = g_strdup (error->message);
  else if (last == NULL)
    text = g_strdup (_("None yet in this folder"));
  else
    {
      g_autofree char *date = format_day (last->time);
      g_autofree char *time = g_date_time_format (last->time, "%H:%M");
      g_autofree char *name = g_path_get_basename (last->path);
      /* Translators: “2 Dec 2026 at 14:30”, then the file's name on a line of its own */
      text = g_strdup_printf (_("%s at %s\n%s"), date, time, name);
    }
  /* The automatic backup failing since: said first, the last one made under it. */
  failure = cpt_backups_get_failure (self->backups, &failed_at);
  failing = failure != NULL && (last == NULL || g_date_time_compare (failed_at, last->time) > 0);
  /* (Not twice when the folder cannot even be read.) */
  if (failing && error != NULL && g_strcmp0 (failure, error->message) == 0)
    {
      g_free (text);
      text = g_strdup ("");
    }
  if (failing)
    {
      g_autofree char *date = format_day (failed_at);
      g_autofree char *time = g_date_time_format (failed_at, "%H:%M");
      /* Translators: the day and time it failed, why (in plain words), then what the
       * Last Backup row says otherwise, on a line of its own */
      g_autofree char *failed = g_strdup_printf (_("The automatic backup of %s at %s failed: %s\n%s"),
                                                 date, time, failure, text);

      g_free (text);
      text = g_strchomp (g_steal_pointer (&failed));
    }
  gtk_widget_set_visible (self->backup_failed_icon, failing);
  adw_action_row_set_subtitle (self->last_backup_row, text);
}

static void
update_backups (CptPreferencesDialog *self)
{
  g_autofree char *folder = NULL;
  gboolean running;

  if (self->backups == NULL)
    return;
  folder = cpt_backups_dup_folder (self->backups);
  adw_action_row_set_subtitle (self->folder_row, folder);
  gtk_widget_set_visible (GTK_WIDGET (self->default_folder_button),
                          !cpt_backups_is_default_folder (self->backups));
  running = cpt_backups_is_running (self->backups);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_up_button), !running);
  if (running)
    {
      adw_action_row_set_subtitle (self->last_backup_row, _("Backing up…"));
      return;
    }
  /* The folder is listed in a thread: it may be on a slow disk or a network share. */
  self->reads++;
  self->backup_reads++;
  cpt_backups_find_last_async (self->backups, self->cancellable, on_last_backup_found, g_object_ref (self));
}

static void
on_backup_finished (CptPreferencesDialog *self,
                    const char           *path,
                    const char           *message,
                    gboolean              automatic)
{
  update_backups (self);
}

static void
on_backed_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CptPreferencesDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cpt_backups_back_up_finish (CPT_BACKUPS (source), result, &error);

  if (path == NULL)
    {
      /* Translators: %s says why, in plain words */
      g_autofree char *message = g_strdup_printf (_("The backup failed: %s"), error->message);
      toast (self, message);
      adw_action_row_set_subtitle (self->last_backup_row, message);
      return;
    }
  toast (self, _("Backed up"));
}

static void
on_back_up_clicked (CptPreferencesDialog *self)
{
  if (self->backups == NULL || cpt_backups_is_running (self->backups))
    return;
  cpt_backups_back_up_async (self->backups, NULL, on_backed_up, g_object_ref (self));
}

static void
on_folder_chosen (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CptPreferencesDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = gtk_file_dialog_select_folder_finish (GTK_FILE_DIALOG (source), result, &error);
  g_autofree char *path = NULL;

  if (file == NULL || self->backups == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      toast (self, _("Only local folders can hold backups"));
      return;
    }
  if (g_access (path, W_OK) != 0)
    {
      g_autofree char *message = g_strdup_printf (_("Comptoir cannot write in “%s”: choose another folder"), path);
      toast (self, message);
      return;
    }
  cpt_backups_set_folder (self->backups, path);
  update_backups (self);
}

static void
on_choose_folder_clicked (CptPreferencesDialog *self)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autofree char *folder = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->backups == NULL)
    return;
  gtk_file_dialog_set_title (dialog, _("Choose the Backup Folder"));
  folder = cpt_backups_dup_folder (self->backups);
  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) initial = g_file_new_for_path (folder);
      gtk_file_dialog_set_initial_folder (dialog, initial);
    }
  gtk_file_dialog_select_folder (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                                 on_folder_chosen, g_object_ref (self));
}

static void
on_default_folder_clicked (CptPreferencesDialog *self)
{
  if (self->backups == NULL)
    return;
  cpt_backups_set_folder (self->backups, NULL);
  update_backups (self);
}

void
cpt_preferences_dialog_set_backups (CptPreferencesDialog *self,
                                    CptBackups           *backups)
{
  g_return_if_fail (CPT_IS_PREFERENCES_DIALOG (self));

  if (self->backups != NULL)
    g_signal_handlers_disconnect_by_data (self->backups, self);
  g_set_object (&self->backups, backups);
  gtk_widget_set_visible (GTK_WIDGET (self->backups_page), backups != NULL);
  if (backups == NULL)
    return;
  g_signal_connect_object (backups, "finished", G_CALLBACK (on_backup_finished), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (backups, "notify::running", G_CALLBACK (update_backups), self,
                           G_CONNECT_SWAPPED);
  update_backups (self);
}

/* ---------------------------------------------------------------- GObject */

static void
cpt_preferences_dialog_dispose (GObject *object)
{
  CptPreferencesDialog *self = CPT_PREFERENCES_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  /* What was typed and not yet saved is saved (the window can go without the dialog being
   * closed first, on app.quit): the worker keeps the application up until it is. */
  g_clear_handle_id (&self->text_source, g_source_remove);
  if (self->company_dirty && self->company_read && self->worker != NULL)
    {
      g_autoptr(CptCompany) values = company_from_fields (self);

      if (values != NULL)
        cpt_company_update_async (self->worker, values, (const char * const *) company_fields,
                                  NULL, on_company_saved_unseen, NULL);
      self->company_dirty = FALSE;
    }
  for (guint i = 0; self->series != NULL && self->worker != NULL && i < self->series->len; i++)
    {
      SeriesRows *rows = g_ptr_array_index (self->series, i);
      const char *format = gtk_editable_get_text (GTK_EDITABLE (rows->format_row));

      if (rows->save_source == 0)
        continue;
      g_clear_handle_id (&rows->save_source, g_source_remove);
      if (cpt_series_check_format (format, (CptSeriesReset) adw_combo_row_get_selected (rows->reset_row), NULL))
        cpt_series_set_async (self->worker, rows->name, format,
                              rows->used ? -1 : (int) adw_combo_row_get_selected (rows->reset_row),
                              rows->used ? 0 : (gint64) adw_spin_row_get_value (rows->first_row),
                              NULL, on_series_saved_unseen, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_PREFERENCES_DIALOG);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_object (&self->backups);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->worker);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cpt_preferences_dialog_parent_class)->dispose (object);
}

static void
cpt_preferences_dialog_class_init (CptPreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_preferences_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, business_page);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, invoicing_page);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, legal_form_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, capital_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, siren_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, siret_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, rcs_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, vat_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, postcode_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, city_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, website_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, iban_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, bic_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, logo_picture);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, vat_exempt_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, vat_exempt_text_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, vat_on_debits_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, days_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, end_of_month_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, penalty_view);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, footer_view);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, numbering_page);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, separate_deposits_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, backups_page);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, last_backup_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, backup_failed_icon);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, back_up_button);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, folder_row);
  gtk_widget_class_bind_template_child (widget_class, CptPreferencesDialog, default_folder_button);
  gtk_widget_class_bind_template_callback (widget_class, on_company_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_back_up_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_folder_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_default_folder_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_logo_clicked);
}

static void
cpt_preferences_dialog_init (CptPreferencesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_rows_free);
  cpt_entry_row_add_check (self->siren_row, cpt_siren_check);
  cpt_entry_row_add_check (self->siret_row, cpt_siret_check);
  cpt_entry_row_add_check (self->vat_row, cpt_vat_number_check);
  cpt_entry_row_add_check (self->iban_row, cpt_iban_check);
  cpt_entry_row_add_check (self->bic_row, cpt_bic_check);
  g_signal_connect_object (gtk_text_view_get_buffer (self->penalty_view), "changed",
                           G_CALLBACK (on_text_changed), self, 0);
  g_signal_connect_object (gtk_text_view_get_buffer (self->footer_view), "changed",
                           G_CALLBACK (on_text_changed), self, 0);
  {
    AdwEntryRow *fields[] = {
      self->name_row, self->legal_form_row, self->capital_row, self->siren_row, self->siret_row,
      self->rcs_row, self->vat_row, self->address_row, self->postcode_row, self->city_row,
      self->email_row, self->phone_row, self->website_row, self->iban_row, self->bic_row,
      self->vat_exempt_text_row,
    };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      g_signal_connect_object (fields[i], "changed", G_CALLBACK (on_company_field_changed), self,
                               G_CONNECT_SWAPPED);
  }
  /* Shown once there are backups to speak of (cpt_preferences_dialog_set_backups ()). */
  gtk_widget_set_visible (GTK_WIDGET (self->backups_page), FALSE);
  adw_dialog_set_can_close (ADW_DIALOG (self), FALSE);
  g_signal_connect (self, "close-attempt", G_CALLBACK (on_close_attempt), NULL);
  /* Reads still under way are of no use once closed (dispose waits for their references). */
  g_signal_connect (self, "closed", G_CALLBACK (on_closed), NULL);
}

CptPreferencesDialog *
cpt_preferences_dialog_new (CptContext *context)
{
  CptPreferencesDialog *self;

  g_return_val_if_fail (CPT_IS_CONTEXT (context), NULL);

  self = g_object_new (CPT_TYPE_PREFERENCES_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->worker = g_object_ref (cpt_context_get_worker (context));
  self->cancellable = g_cancellable_new ();
  /* Nothing is typed before what it would change is read. */
  self->reads = 2;
  update_sensitivity (self);
  cpt_company_load_async (self->worker, self->cancellable, on_company_read, g_object_ref (self));
  cpt_series_load_all_async (self->worker, self->cancellable, on_series_read, g_object_ref (self));
  cpt_company_get_logo_async (self->worker, self->cancellable, on_logo_read, g_object_ref (self));
  self->mail_page = cpt_mail_account_page_new (context);
  g_signal_connect_object (self->mail_page, "save-finished", G_CALLBACK (on_mail_saved), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_dialog_add (ADW_PREFERENCES_DIALOG (self), ADW_PREFERENCES_PAGE (self->mail_page));
  adw_preferences_dialog_add (ADW_PREFERENCES_DIALOG (self),
                              ADW_PREFERENCES_PAGE (cpt_mail_templates_page_new (self->worker)));
  return self;
}

/* Whether what the pages show has been read, and nothing typed is being saved. */
gboolean
cpt_preferences_dialog_is_idle (CptPreferencesDialog *self)
{
  g_return_val_if_fail (CPT_IS_PREFERENCES_DIALOG (self), FALSE);

  return self->reads == 0 && self->saves == 0 &&
         (self->mail_page == NULL || cpt_mail_account_page_is_idle (self->mail_page));
}
