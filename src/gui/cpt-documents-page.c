/* cpt-documents-page.c: a section listing one family of documents: quotes, invoices (with
 * pro forma), credit notes or deposit invoices; search as one types, filters, totals. */
#define G_LOG_DOMAIN "cpt-documents-page"

#include <glib/gi18n.h>

#include "cpt-application.h"
#include "cpt-client-picker.h"
#include "cpt-dates.h"
#include "cpt-document-list.h"
#include "cpt-documents-page.h"
#include "cpt-gui-utils.h"
#include "cpt-list-page-utils.h"

typedef struct
{
  const char        *section;
  const char        *title;
  const char        *kinds[3];
  const char        *states[12];
  const char        *icon_name;
  CptDocumentKind    new_kind;   /* when new_label is set */
  const char        *new_label;
  const char        *search_placeholder;
  const char        *empty_title;
  const char        *empty_description;
  const char        *hidden_columns[3];
} SectionInfo;

static const SectionInfo section_info[] = {
  { "quotes", N_("Quotes"), { "quote", NULL },
    { "draft", "sent", "accepted_not_invoiced", "accepted_deposit_invoiced", "accepted_invoiced",
      "refused", "expired", NULL },
    "cpt-quote-symbolic", CPT_DOCUMENT_KIND_QUOTE, N_("_New Quote"), N_("Search quotes"),
    N_("No Quotes"), N_("A quote states what you will do and for how much; once accepted, invoices follow from it."),
    { "due", "balance", NULL } },
  { "invoices", N_("Invoices"), { "invoice", "proforma", NULL },
    { "in_preparation", "sent", "invoiced", "draft", "awaiting_payment", "overdue", "partially_paid", "paid",
      "partly_credited", "credited", NULL },
    "cpt-invoice-symbolic", CPT_DOCUMENT_KIND_INVOICE, N_("_New Invoice"), N_("Search invoices"),
    N_("No Invoices"), N_("Invoices and pro forma invoices show here."),
    { NULL } },
  { "credit-notes", N_("Credit Notes"), { "credit_note", NULL },
    { "draft", "validated", NULL },
    "cpt-credit-note-symbolic", CPT_DOCUMENT_KIND_CREDIT_NOTE, NULL, N_("Search credit notes"),
    N_("No Credit Notes"), N_("A credit note cancels all or part of an invoice. Make one from the invoice."),
    { "due", "balance", NULL } },
  { "deposits", N_("Deposits"), { "deposit", NULL },
    { "draft", "awaiting_payment", "overdue", "partially_paid", "paid", "credited", NULL },
    "cpt-deposit-symbolic", CPT_DOCUMENT_KIND_DEPOSIT, NULL, N_("Search deposit invoices"),
    N_("No Deposit Invoices"), N_("Deposit invoices are made from an accepted quote: open the quote and choose Invoice a Deposit."),
    { NULL } },
};


struct _CptDocumentsPage
{
  AdwNavigationPage  parent_instance;

  CptDatabase       *db;
  const SectionInfo *info;
  GSettings         *settings;
  GPtrArray         *state_checks;    /* GtkCheckButton, in info->states order */
  gboolean           applying;

  /* template children */
  AdwSplitButton    *new_button;
  GMenu             *new_menu_section;
  GtkSearchEntry    *search_entry;
  GtkMenuButton     *filter_button;
  AdwButtonContent  *filter_button_content;
  GtkBox            *states_box;
  GtkDropDown       *period_dropdown;
  CptClientPicker   *client_picker;
  CptDocumentList   *list;
};

G_DEFINE_FINAL_TYPE (CptDocumentsPage, cpt_documents_page, ADW_TYPE_NAVIGATION_PAGE)

/* ---------------------------------------------------------------- the query */

static GStrv
chosen_states (CptDocumentsPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->state_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->state_checks, i)))
      g_strv_builder_add (builder, self->info->states[i]);
  return g_strv_builder_end (builder);
}

static void
update_filter_label (CptDocumentsPage *self,
                     const char *const *states)
{
  guint n_states = g_strv_length ((char **) states);
  guint period = gtk_drop_down_get_selected (self->period_dropdown);
  gint64 client_id = cpt_client_picker_get_client_id (self->client_picker);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *label = NULL;

  if (n_states == 1)
    g_ptr_array_add (parts, (gpointer) cpt_state_label (states[0]));
  else if (n_states > 1)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (NULL, "%u status", "%u statuses", n_states), n_states));
  if (period != CPT_LIST_PERIOD_ALL)
    g_ptr_array_add (parts, (gpointer) gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (self->period_dropdown)), period));
  if (client_id > 0)
    g_ptr_array_add (parts, (gpointer) cpt_client_picker_get_client_name (self->client_picker));

  if (parts->len == 0)
    label = g_strdup (_("Filter"));
  else
    {
      g_ptr_array_add (parts, NULL);
      label = g_strjoinv (" · ", (char **) parts->pdata);
    }
  adw_button_content_set_label (self->filter_button_content, label);
  if (n_states > 1)
    g_free (parts->pdata[0]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->filter_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  parts->len == 0 ? _("Filter") : label, -1);
  if (parts->len > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "filter-active");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "filter-active");
}

static void
apply_query (CptDocumentsPage *self)
{
  g_auto(GStrv) states = chosen_states (self);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  CptDocumentQuery query = { 0 };
  gboolean filtered;

  if (self->db == NULL || self->applying)
    return;
  cpt_list_page_period_dates (gtk_drop_down_get_selected (self->period_dropdown), &from, &to);
  query.kinds = self->info->kinds;
  query.states = (const char *const *) states;
  query.client_id = cpt_client_picker_get_client_id (self->client_picker);
  query.date_from = from;
  query.date_to = to;
  query.search = *search != '\0' ? search : NULL;
  cpt_document_list_set_query (self->list, &query);
  update_filter_label (self, (const char *const *) states);

  filtered = states[0] != NULL || from != NULL || query.client_id > 0 || query.search != NULL;
  if (filtered)
    cpt_document_list_set_empty_state (self->list, "edit-find-symbolic", _("No Results"),
                                       _("No document matches the search and the filters."));
  else
    cpt_document_list_set_empty_state (self->list, self->info->icon_name, _(self->info->empty_title),
                                       _(self->info->empty_description));
}

static void
on_filter_changed (CptDocumentsPage *self)
{
  apply_query (self);
}

static void
on_search_changed (CptDocumentsPage *self,
                   GtkSearchEntry   *entry)
{
  apply_query (self);
}

static void
on_stop_search (CptDocumentsPage *self,
                GtkSearchEntry   *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
set_states (CptDocumentsPage  *self,
            const char *const *states)
{
  self->applying = TRUE;
  for (guint i = 0; i < self->state_checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->state_checks, i),
                                 states != NULL && g_strv_contains (states, self->info->states[i]));
  self->applying = FALSE;
}

static void
on_reset_clicked (CptDocumentsPage *self,
                  GtkButton        *button)
{
  self->applying = TRUE;
  set_states (self, NULL);
  gtk_drop_down_set_selected (self->period_dropdown, CPT_LIST_PERIOD_ALL);
  cpt_client_picker_set_client_id (self->client_picker, 0);
  self->applying = FALSE;
  apply_query (self);
}

static void
on_save_default_clicked (CptDocumentsPage *self,
                         GtkButton        *button)
{
  g_auto(GStrv) states = chosen_states (self);
  g_autoptr(GVariant) current = g_settings_get_value (self->settings, "default-filters");
  g_autoptr(GVariantBuilder) filters = g_variant_builder_new (G_VARIANT_TYPE ("a{sas}"));
  g_autofree char *message = NULL;
  GVariantIter iter;
  const char *section;
  GVariant *section_states;

  /* The key is a{sas}: a GVariantDict would make an a{sv}, which GSettings refuses (and
   * only says so in the terminal). The other lists keep their defaults. */
  g_variant_iter_init (&iter, current);
  while (g_variant_iter_next (&iter, "{&s@as}", &section, &section_states))
    {
      if (g_strcmp0 (section, self->info->section) != 0)
        g_variant_builder_add (filters, "{s@as}", section, section_states);
      g_variant_unref (section_states);
    }
  g_variant_builder_add (filters, "{s^as}", self->info->section, states);
  if (!g_settings_set_value (self->settings, "default-filters", g_variant_builder_end (filters)))
    {
      cpt_toast (GTK_WIDGET (self), _("The default filters could not be saved"));
      return;
    }
  gtk_popover_popdown (gtk_menu_button_get_popover (self->filter_button));
  if (states[0] == NULL)
    message = g_strdup (_("Every status will show when this list opens"));
  else
    message = g_strdup (_("These statuses will show when this list opens"));
  cpt_toast (GTK_WIDGET (self), message);
}

static void
load_default_filter (CptDocumentsPage *self)
{
  g_autoptr(GVariant) filters = g_settings_get_value (self->settings, "default-filters");
  g_autoptr(GVariant) states = g_variant_lookup_value (filters, self->info->section,
                                                       G_VARIANT_TYPE_STRING_ARRAY);
  g_autofree const char **strv = states ? g_variant_get_strv (states, NULL) : NULL;

  set_states (self, strv);
}

static void
on_state_toggled (CptDocumentsPage *self,
                  GtkCheckButton   *check)
{
  apply_query (self);
}

/* ---------------------------------------------------------------- data changes */

/* Balances and client names show in the rows too. */
#define CHANGES_SHOWN (CPT_CHANGE_DOCUMENTS | CPT_CHANGE_PAYMENTS | CPT_CHANGE_CLIENTS)

static void
reload_list (CptDocumentsPage *self)
{
  cpt_document_list_reload (self->list);
}

/* ---------------------------------------------------------------- GObject */

static void
cpt_documents_page_dispose (GObject *object)
{
  CptDocumentsPage *self = CPT_DOCUMENTS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_DOCUMENTS_PAGE);
  g_clear_pointer (&self->state_checks, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (cpt_documents_page_parent_class)->dispose (object);
}

static void
cpt_documents_page_class_init (CptDocumentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_documents_page_dispose;

  g_type_ensure (CPT_TYPE_DOCUMENT_LIST);
  g_type_ensure (CPT_TYPE_CLIENT_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-documents-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CptDocumentsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentsPage, new_menu_section);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentsPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentsPage, filter_button_content);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentsPage, states_box);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentsPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentsPage, client_picker);
  gtk_widget_class_bind_template_child (widget_class, CptDocumentsPage, list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_reset_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_save_default_clicked);
}

static void
cpt_documents_page_init (CptDocumentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->state_checks = g_ptr_array_new ();
  cpt_client_picker_set_can_clear (self->client_picker, TRUE);
  cpt_client_picker_set_placeholder (self->client_picker, _("All Clients"));
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

CptDocumentsPage *
cpt_documents_page_new (CptContext *context,
                        const char *section)
{
  CptDocumentsPage *self;
  const SectionInfo *info = &section_info[0];
  CptDatabase *db;

  g_return_val_if_fail (CPT_IS_CONTEXT (context), NULL);

  db = cpt_context_get_database (context);

  for (guint i = 0; i < G_N_ELEMENTS (section_info); i++)
    if (g_strcmp0 (section_info[i].section, section) == 0)
      info = &section_info[i];

  self = g_object_new (CPT_TYPE_DOCUMENTS_PAGE, NULL);
  self->db = g_object_ref (db);
  self->info = info;
  cpt_list_page_reload_on_change (GTK_WIDGET (self), context, CHANGES_SHOWN, (CptListPageReloadFunc) reload_list);

  adw_navigation_page_set_title (ADW_NAVIGATION_PAGE (self), _(info->title));
  gtk_search_entry_set_placeholder_text (self->search_entry, _(info->search_placeholder));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(info->search_placeholder), -1);

  /* New: the section's kind; the invoices also make pro forma invoices. */
  if (info->new_label != NULL)
    {
      g_autofree char *detailed = g_strdup_printf ("win.new-document('%s')",
                                                   cpt_document_kind_to_string (info->new_kind));

      GtkWidget *content = adw_button_content_new ();

      /* With the "+" of every other New button (New Client, Record a Payment...). */
      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _(info->new_label));
      adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
      adw_button_content_set_can_shrink (ADW_BUTTON_CONTENT (content), TRUE);
      adw_split_button_set_child (self->new_button, content);
      gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (self->new_button), detailed);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->new_button), FALSE);
  if (g_strcmp0 (info->section, "invoices") == 0)
    g_menu_append (self->new_menu_section, _("New _Pro Forma Invoice"), "win.new-document('proforma')");
  if (g_strcmp0 (info->section, "quotes") != 0)
    g_menu_append (self->new_menu_section, _("New _Quote"), "win.new-document('quote')");
  if (g_strcmp0 (info->section, "invoices") != 0)
    g_menu_append (self->new_menu_section, _("New _Invoice"), "win.new-document('invoice')");

  for (guint i = 0; info->states[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (cpt_state_label (info->states[i]));

      /* A pro forma's "sent" reads differently from a quote's. */
      if (g_strcmp0 (info->section, "invoices") == 0 && g_strcmp0 (info->states[i], "sent") == 0)
        gtk_check_button_set_label (GTK_CHECK_BUTTON (check), _("Pro forma sent"));
      if (g_strcmp0 (info->section, "invoices") == 0 && g_strcmp0 (info->states[i], "in_preparation") == 0)
        gtk_check_button_set_label (GTK_CHECK_BUTTON (check), _("Pro forma in preparation"));
      if (g_strcmp0 (info->section, "invoices") == 0 && g_strcmp0 (info->states[i], "invoiced") == 0)
        gtk_check_button_set_label (GTK_CHECK_BUTTON (check), _("Pro forma invoiced"));
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_state_toggled), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->states_box, check);
      g_ptr_array_add (self->state_checks, check);
    }

  for (guint i = 0; info->hidden_columns[i] != NULL; i++)
    cpt_document_list_set_column_visible (self->list, info->hidden_columns[i], FALSE);

  cpt_client_picker_set_context (self->client_picker, context);
  load_default_filter (self);
  cpt_document_list_set_context (self->list, context);
  apply_query (self);
  return self;
}

void
cpt_documents_page_show_states (CptDocumentsPage  *self,
                                const char *const *states)
{
  g_return_if_fail (CPT_IS_DOCUMENTS_PAGE (self));

  /* Every document of these statuses: no other filter hides some of them. */
  self->applying = TRUE;
  set_states (self, states);
  gtk_drop_down_set_selected (self->period_dropdown, CPT_LIST_PERIOD_ALL);
  cpt_client_picker_set_client_id (self->client_picker, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->applying = FALSE;
  apply_query (self);
}

CptDocumentList *
cpt_documents_page_get_list (CptDocumentsPage *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENTS_PAGE (self), NULL);

  return self->list;
}

GtkSearchEntry *
cpt_documents_page_get_search_entry (CptDocumentsPage *self)
{
  g_return_val_if_fail (CPT_IS_DOCUMENTS_PAGE (self), NULL);

  return self->search_entry;
}
