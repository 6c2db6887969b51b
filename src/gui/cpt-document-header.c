/* cpt-document-header.c: see cpt-document-header.h. The fields are filled from the
 * `document` property; what is typed goes back through cpt_document_header_apply (). */
#define G_LOG_DOMAIN "cpt-document-header"

#include <glib/gi18n.h>

#include "cpt-client-picker.h"
#include "cpt-document-header.h"
#include "cpt-gui-utils.h"

struct _CptDocumentHeader
{
  AdwPreferencesGroup parent_instance;

  CptContext         *context;
  CptDocument        *document;
  gboolean            read_only;
  gboolean            loading;     /* filling the fields: what changes is not typed */

  /* template children */
  CptClientPicker    *client_picker;
  AdwEntryRow        *title_row;
  AdwEntryRow        *date_row;
  AdwEntryRow        *due_row;
  AdwEntryRow        *terms_row;
  AdwEntryRow        *notes_row;
};

G_DEFINE_FINAL_TYPE (CptDocumentHeader, cpt_document_header, ADW_TYPE_PREFERENCES_GROUP)

enum { PROP_0, PROP_CONTEXT, PROP_DOCUMENT, PROP_READ_ONLY, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { CHANGED, CLIENT_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
is_kind (CptDocument     *document,
         CptDocumentKind  kind)
{
  return document != NULL && cpt_document_get_document_kind (document) == kind;
}

static void
on_field_changed (CptDocumentHeader *self)
{
  if (self->loading || self->read_only)
    return;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_client_changed (CptDocumentHeader *self)
{
  if (self->loading || self->read_only)
    return;
  g_signal_emit (self, signals[CLIENT_CHANGED], 0, cpt_client_picker_get_client_id (self->client_picker));
}

/* The date of `row`, as ISO (NULL when blank); FALSE when it does not read, which the row
 * shows. */
static gboolean
parse_date_row (AdwEntryRow *row,
                char       **out_iso)
{
  g_autofree char *text = cpt_entry_row_dup_text (row);
  g_autoptr(GError) error = NULL;

  *out_iso = NULL;
  if (text == NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      return TRUE;
    }
  *out_iso = cpt_parse_date (text, &error);
  if (*out_iso == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), error->message);
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
  return TRUE;
}

gboolean
cpt_document_header_apply (CptDocumentHeader *self,
                           CptDocument       *document)
{
  g_autofree char *date = NULL, *due = NULL;
  g_autofree char *title = NULL, *terms = NULL, *notes = NULL;

  g_return_val_if_fail (CPT_IS_DOCUMENT_HEADER (self), FALSE);
  g_return_val_if_fail (CPT_IS_DOCUMENT (document), FALSE);

  if (!parse_date_row (self->date_row, &date) || !parse_date_row (self->due_row, &due) || date == NULL)
    return FALSE;
  title = cpt_entry_row_dup_text (self->title_row);
  terms = cpt_entry_row_dup_text (self->terms_row);
  notes = cpt_entry_row_dup_text (self->notes_row);
  g_object_set (document, "title", title, "date", date, "notes", notes, NULL);
  if (is_kind (document, CPT_DOCUMENT_KIND_QUOTE))
    g_object_set (document, "valid-until", due, NULL);
  else if (!is_kind (document, CPT_DOCUMENT_KIND_CREDIT_NOTE))
    g_object_set (document, "due-date", due, "payment-terms", terms, NULL);
  return TRUE;
}

void
cpt_document_header_show_client (CptDocumentHeader *self,
                                 gint64             client_id,
                                 const char        *name)
{
  gboolean was_loading;

  g_return_if_fail (CPT_IS_DOCUMENT_HEADER (self));

  was_loading = self->loading;
  self->loading = TRUE;
  cpt_client_picker_set_client (self->client_picker, client_id, name);
  self->loading = was_loading;
}

void
cpt_document_header_focus_field (CptDocumentHeader *self,
                                 const char        *field)
{
  g_return_if_fail (CPT_IS_DOCUMENT_HEADER (self));

  gtk_widget_grab_focus (GTK_WIDGET (g_strcmp0 (field, "BT-9") == 0 ? self->due_row
                                     : g_strcmp0 (field, "BT-2") == 0 ? self->date_row
                                     : self->title_row));
}

/* ---------------------------------------------------------------- showing */

static void
set_row_editable (AdwEntryRow *row,
                  gboolean     editable)
{
  gtk_editable_set_editable (GTK_EDITABLE (row), editable);
  gtk_widget_set_can_focus (GTK_WIDGET (row), TRUE);
}

static void
show_read_only (CptDocumentHeader *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->client_picker), !self->read_only);
  set_row_editable (self->title_row, !self->read_only);
  set_row_editable (self->date_row, !self->read_only);
  set_row_editable (self->due_row, !self->read_only);
  set_row_editable (self->terms_row, !self->read_only);
  set_row_editable (self->notes_row, !self->read_only);
  /* No pencil, no calendar (style.css). */
  if (self->read_only)
    gtk_widget_add_css_class (GTK_WIDGET (self), "read-only");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "read-only");
}

static void
show_document (CptDocumentHeader *self)
{
  CptDocument *document = self->document;
  gboolean quote = is_kind (document, CPT_DOCUMENT_KIND_QUOTE);
  gboolean credit_note = is_kind (document, CPT_DOCUMENT_KIND_CREDIT_NOTE);
  g_autofree char *date = NULL, *due = NULL;
  g_autofree char *terms = NULL, *notes = NULL, *valid_until = NULL;

  if (document != NULL)
    {
      g_object_get (document, "payment-terms", &terms, "notes", &notes, "valid-until", &valid_until, NULL);
      date = cpt_format_date (cpt_document_get_date (document));
      due = cpt_format_date (quote ? valid_until : cpt_document_get_due_date (document));
    }

  self->loading = TRUE;
  cpt_client_picker_set_client (self->client_picker, document ? cpt_document_get_client_id (document) : 0,
                                document ? cpt_document_get_client_name (document) : NULL);
  cpt_entry_row_set_text (self->title_row, document ? cpt_document_get_title (document) : NULL);
  cpt_entry_row_set_text (self->date_row, date);
  cpt_entry_row_set_text (self->due_row, due);
  cpt_entry_row_set_text (self->terms_row, terms);
  cpt_entry_row_set_text (self->notes_row, notes);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->due_row), quote ? _("Valid Until") : _("Due Date"));
  gtk_widget_set_visible (GTK_WIDGET (self->due_row), !credit_note);
  gtk_widget_set_visible (GTK_WIDGET (self->terms_row), !quote && !credit_note);
  self->loading = FALSE;
}

/* ---------------------------------------------------------------- properties */

CptContext *
cpt_document_header_get_context (CptDocumentHeader *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_HEADER (self), NULL);

  return self->context;
}

void
cpt_document_header_set_context (CptDocumentHeader *self,
                                 CptContext        *context)
{
  g_return_if_fail (CPT_IS_DOCUMENT_HEADER (self));
  g_return_if_fail (context == NULL || CPT_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;
  cpt_client_picker_set_context (self->client_picker, context);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

CptDocument *
cpt_document_header_get_document (CptDocumentHeader *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_HEADER (self), NULL);

  return self->document;
}

void
cpt_document_header_set_document (CptDocumentHeader *self,
                                  CptDocument       *document)
{
  gboolean changed;

  g_return_if_fail (CPT_IS_DOCUMENT_HEADER (self));
  g_return_if_fail (document == NULL || CPT_IS_DOCUMENT (document));

  changed = g_set_object (&self->document, document);
  /* The same document read again is shown again too: what was typed goes. */
  show_document (self);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

gboolean
cpt_document_header_get_read_only (CptDocumentHeader *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENT_HEADER (self), FALSE);

  return self->read_only;
}

void
cpt_document_header_set_read_only (CptDocumentHeader *self,
                                   gboolean           read_only)
{
  g_return_if_fail (CPT_IS_DOCUMENT_HEADER (self));

  read_only = !!read_only;
  if (self->read_only == read_only)
    return;
  self->read_only = read_only;
  show_read_only (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

/* ---------------------------------------------------------------- GObject */

static void
cpt_document_header_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CptDocumentHeader *self = CPT_DOCUMENT_HEADER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_document_header_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CptDocumentHeader *self = CPT_DOCUMENT_HEADER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      cpt_document_header_set_context (self, g_value_get_object (value));
      break;
    case PROP_DOCUMENT:
      cpt_document_header_set_document (self, g_value_get_object (value));
      break;
    case PROP_READ_ONLY:
      cpt_document_header_set_read_only (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_document_header_dispose (GObject *object)
{
  CptDocumentHeader *self = CPT_DOCUMENT_HEADER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_DOCUMENT_HEADER);
  g_clear_object (&self->document);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cpt_document_header_parent_class)->dispose (object);
}

static void
cpt_document_header_class_init (CptDocumentHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_document_header_dispose;
  object_class->get_property = cpt_document_header_get_property;
  object_class->set_property = cpt_document_header_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, CPT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CPT_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CLIENT_CHANGED] = g_signal_new ("client-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (CPT_TYPE_CLIENT_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-document-header.ui");
  gtk_widget_class_bind_template_child (widget_class, CptDocumentHeader, client_picker);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentHeader, title_row);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentHeader, date_row);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentHeader, due_row);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentHeader, terms_row);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentHeader, notes_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_client_changed);
}

static void
cpt_document_header_init (CptDocumentHeader *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  cpt_entry_row_add_calendar (self->date_row);
  cpt_entry_row_add_calendar (self->due_row);
  cpt_client_picker_set_can_create (self->client_picker, TRUE);
}

CptDocumentHeader *
cpt_document_header_new (void)
{
  return g_object_new (CPT_TYPE_DOCUMENT_HEADER, NULL);
}
