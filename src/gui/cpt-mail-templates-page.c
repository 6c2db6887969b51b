/* cpt-mail-templates-page.c: the wording of the messages, in Preferences. */
#define G_LOG_DOMAIN "cpt-mail-templates-page"

#include <glib/gi18n.h>

#include "cpt-gui-utils.h"
#include "cpt-mail-templates.h"
#include "cpt-mail-templates-page.h"

/* Saved after this pause in typing, like the rest of Preferences. */
#define SAVE_DELAY_MS 600

static const char *const languages[] = { "fr", "en" };

struct _CptMailTemplatesPage
{
  AdwPreferencesPage  parent_instance;

  CptWorker          *worker;
  GCancellable       *cancellable;   /* the reading under way */
  CptMailPurpose      shown_purpose; /* what the fields hold */
  const char         *shown_language;
  gboolean            loading;       /* filling the fields: not the user typing */
  gboolean            loaded;
  guint               save_source;
  guint               saving;        /* saves under way */

  /* template children */
  AdwComboRow        *purpose_row;
  AdwComboRow        *language_row;
  AdwEntryRow        *subject_row;
  GtkTextView        *body_view;
  GtkWidget          *reset_button;
  GtkLabel           *placeholders_label;
  GtkLabel           *problem_label;
  GtkLabel           *preview_subject;
  GtkLabel           *preview_body;
};

G_DEFINE_FINAL_TYPE (CptMailTemplatesPage, cpt_mail_templates_page, ADW_TYPE_PREFERENCES_PAGE)

static char *
body_text (CptMailTemplatesPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The preview for the made-up invoice, and what is wrong with the wording, as it is typed. */
static gboolean
update_preview (CptMailTemplatesPage *self)
{
  g_autoptr(GHashTable) values = cpt_mail_template_sample_values (self->shown_language);
  const char *subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_row));
  g_autofree char *body = body_text (self);
  g_autofree char *filled_subject = cpt_mail_template_expand (subject, values);
  g_autofree char *filled_body = cpt_mail_template_expand (body, values);
  g_autoptr(GError) error = NULL;
  g_autofree char *bare_subject = g_strstrip (g_strdup (subject));
  gboolean ok;

  gtk_label_set_text (self->preview_subject, g_strdelimit (filled_subject, "\r\n", ' '));
  gtk_label_set_text (self->preview_body, filled_body);
  ok = cpt_mail_template_check (subject, &error) && cpt_mail_template_check (body, &error);
  if (ok && *bare_subject == '\0')
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The subject is empty"));
      ok = FALSE;
    }
  gtk_label_set_text (self->problem_label, ok ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), !ok);
  return ok;
}

/* ---------------------------------------------------------------- reading, in the worker */

typedef struct
{
  CptMailPurpose  purpose;
  const char     *language;
  char           *subject;
  char           *body;
  gboolean        custom;
  gboolean        reset;      /* restore the built-in wording first */
} Wording;

static void
wording_free (Wording *w)
{
  g_free (w->subject);
  g_free (w->body);
  g_free (w);
}

static gpointer
read_in_thread (CptDatabase  *db,
                gpointer      data,
                GCancellable *cancellable,
                GError      **error)
{
  Wording *request = data;
  Wording *w = g_new0 (Wording, 1);

  w->purpose = request->purpose;
  w->language = request->language;
  if ((request->reset && !cpt_mail_templates_reset (db, w->purpose, w->language, error)) ||
      !cpt_mail_templates_get (db, w->purpose, w->language, &w->subject, &w->body, &w->custom, error))
    {
      wording_free (w);
      return NULL;
    }
  return w;
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(CptMailTemplatesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Wording *w = cpt_worker_run_finish (CPT_WORKER (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (w == NULL)
    {
      cpt_show_error (GTK_WIDGET (self), _("Could not read the message templates"), error);
      return;
    }
  self->loading = TRUE;
  self->shown_purpose = w->purpose;
  self->shown_language = w->language;
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), w->subject);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), w->body, -1);
  gtk_widget_set_sensitive (self->reset_button, w->custom);
  self->loading = FALSE;
  self->loaded = TRUE;
  update_preview (self);
  wording_free (w);
}

static void
read_wording (CptMailTemplatesPage *self,
              gboolean              reset)
{
  Wording *request = g_new0 (Wording, 1);
  guint purpose = adw_combo_row_get_selected (self->purpose_row);
  guint language = adw_combo_row_get_selected (self->language_row);

  request->purpose = MIN (purpose, CPT_MAIL_N_PURPOSES - 1);
  request->language = languages[MIN (language, G_N_ELEMENTS (languages) - 1)];
  request->reset = reset;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loaded = FALSE;
  cpt_worker_run_async (self->worker, read_in_thread, request, (GDestroyNotify) wording_free,
                        (GDestroyNotify) wording_free, self->cancellable, on_read, g_object_ref (self));
}

/* ---------------------------------------------------------------- saving, in the worker */

static gpointer
save_in_thread (CptDatabase  *db,
                gpointer      data,
                GCancellable *cancellable,
                GError      **error)
{
  Wording *w = data;

  return cpt_mail_templates_set (db, w->purpose, w->language, w->subject, w->body, error)
         ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CptMailTemplatesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving--;
  if (cpt_worker_run_finish (CPT_WORKER (source), result, &error) == NULL)
    {
      /* Checked as typed, so a refusal here is the file's: said, and the text stays. */
      gtk_label_set_text (self->problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
      return;
    }
  gtk_widget_set_sensitive (self->reset_button, TRUE);
}

static void
save_now (CptMailTemplatesPage *self)
{
  Wording *w;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!update_preview (self))
    return;
  w = g_new0 (Wording, 1);
  w->purpose = self->shown_purpose;
  w->language = self->shown_language;
  w->subject = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row)));
  w->body = body_text (self);
  self->saving++;
  cpt_worker_run_async (self->worker, save_in_thread, w, (GDestroyNotify) wording_free, NULL,
                        NULL, on_saved, g_object_ref (self));
}

static gboolean
save_after_pause (gpointer data)
{
  CptMailTemplatesPage *self = data;

  self->save_source = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

static void
on_text_changed (CptMailTemplatesPage *self)
{
  if (self->loading || !self->loaded)
    return;
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (update_preview (self))
    self->save_source = g_timeout_add (SAVE_DELAY_MS, save_after_pause, self);
}

static void
on_choice_changed (CptMailTemplatesPage *self)
{
  if (self->worker == NULL || self->loading)
    return;
  /* What was typed for the message shown goes first. */
  if (self->save_source != 0)
    save_now (self);
  read_wording (self, FALSE);
}

static void
on_reset_clicked (CptMailTemplatesPage *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  read_wording (self, TRUE);
}

gboolean
cpt_mail_templates_page_is_idle (CptMailTemplatesPage *self)
{
  return self->loaded && self->save_source == 0 && self->saving == 0;
}

static void
cpt_mail_templates_page_dispose (GObject *object)
{
  CptMailTemplatesPage *self = CPT_MAIL_TEMPLATES_PAGE (object);

  /* Closing Preferences right after typing loses nothing. */
  if (self->save_source != 0)
    save_now (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_MAIL_TEMPLATES_PAGE);
  G_OBJECT_CLASS (cpt_mail_templates_page_parent_class)->dispose (object);
}

static void
cpt_mail_templates_page_finalize (GObject *object)
{
  CptMailTemplatesPage *self = CPT_MAIL_TEMPLATES_PAGE (object);

  g_clear_object (&self->worker);
  G_OBJECT_CLASS (cpt_mail_templates_page_parent_class)->finalize (object);
}

static void
cpt_mail_templates_page_class_init (CptMailTemplatesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_mail_templates_page_dispose;
  object_class->finalize = cpt_mail_templates_page_finalize;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-mail-templates-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CptMailTemplatesPage, purpose_row);
  gtk_widget_class_bind_template_child (widget_class, CptMailTemplatesPage, language_row);
  gtk_widget_class_bind_template_child (widget_class, CptMailTemplatesPage, subject_row);
  gtk_widget_class_bind_template_child (widget_class, CptMailTemplatesPage, body_view);
  gtk_widget_class_bind_template_child (widget_class, CptMailTemplatesPage, reset_button);
  gtk_widget_class_bind_template_child (widget_class, CptMailTemplatesPage, placeholders_label);
  gtk_widget_class_bind_template_child (widget_class, CptMailTemplatesPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, CptMailTemplatesPage, preview_subject);
  gtk_widget_class_bind_template_child (widget_class, CptMailTemplatesPage, preview_body);
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked);
}

static void
cpt_mail_templates_page_init (CptMailTemplatesPage *self)
{
  g_autoptr(GtkStringList) purposes = gtk_string_list_new (NULL);
  g_autoptr(GString) help = g_string_new (_("Placeholders:"));
  const char *const *names = cpt_mail_template_placeholders ();

  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < CPT_MAIL_N_PURPOSES; i++)
    gtk_string_list_append (purposes, cpt_mail_purpose_label (i));
  adw_combo_row_set_model (self->purpose_row, G_LIST_MODEL (purposes));
  for (guint i = 0; names[i] != NULL; i++)
    g_string_append_printf (help, " {%s}", names[i]);
  gtk_label_set_text (self->placeholders_label, help->str);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_view), "changed",
                            G_CALLBACK (on_text_changed), self);
  self->shown_language = languages[0];
  self->loading = FALSE;
}

CptMailTemplatesPage *
cpt_mail_templates_page_new (CptWorker *worker)
{
  CptMailTemplatesPage *self;

  g_return_val_if_fail (CPT_IS_WORKER (worker), NULL);

  self = g_object_new (CPT_TYPE_MAIL_TEMPLATES_PAGE, NULL);
  self->worker = g_object_ref (worker);
  /* The invoice first: the message sent most. */
  self->loading = TRUE;
  adw_combo_row_set_selected (self->purpose_row, CPT_MAIL_PURPOSE_INVOICE);
  self->loading = FALSE;
  read_wording (self, FALSE);
  return self;
}
