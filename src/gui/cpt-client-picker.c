/* cpt-client-picker.c: choose a client, searching as one types, or create one in place. */
#define G_LOG_DOMAIN "cpt-client-picker"

#include <glib/gi18n.h>

#include "cpt-client.h"
#include "cpt-client-dialog.h"
#include "cpt-client-picker.h"
#include "cpt-list-page-utils.h"
#include "cpt-lists.h"
#include "cpt-records-async.h"

struct _CptClientPicker
{
  AdwBin           parent_instance;

  CptContext      *context;
  CptPagedList    *model;
  gint64           client_id;
  char            *client_name;
  /* The read of the chosen client's name, in the worker. */
  GCancellable    *naming;
  char            *placeholder;
  gboolean         can_create;
  gboolean         can_clear;

  /* template children */
  GtkMenuButton   *button;
  GtkLabel        *button_label;
  GtkPopover      *popover;
  GtkSearchEntry  *search_entry;
  GtkStack        *results_stack;
  GtkListView     *list_view;
  GtkWidget       *actions_separator;
  GtkWidget       *clear_button;
  GtkWidget       *create_button;
};

G_DEFINE_FINAL_TYPE (CptClientPicker, cpt_client_picker, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CLIENT_ID,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_button (CptClientPicker *self)
{
  if (self->client_id > 0 && self->client_name != NULL)
    {
      gtk_label_set_text (self->button_label, self->client_name);
      gtk_widget_remove_css_class (GTK_WIDGET (self->button_label), "dim-label");
    }
  else
    {
      gtk_label_set_text (self->button_label, self->placeholder ? self->placeholder
                                                                : _("Choose a Client…"));
      if (!self->can_clear)
        gtk_widget_add_css_class (GTK_WIDGET (self->button_label), "dim-label");
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (self->button_label), -1);
  gtk_widget_set_visible (self->actions_separator, self->can_create || self->can_clear);
}

static void
stop_naming (CptClientPicker *self)
{
  if (self->naming == NULL)
    return;
  g_cancellable_cancel (self->naming);
  g_clear_object (&self->naming);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
choose (CptClientPicker *self,
        gint64           id,
        const char      *name)
{
  gboolean changed = self->client_id != id;

  stop_naming (self);
  self->client_id = id;
  g_set_str (&self->client_name, name);
  update_button (self);
  gtk_popover_popdown (self->popover);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
}

/* ---------------------------------------------------------------- the list */

static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (item, box);
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  CptClient *client = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  g_autofree char *city = NULL, *postcode = NULL, *siren = NULL;
  g_autofree char *text = NULL;

  /* A row still being read in a thread: shown empty. */
  if (client == NULL || cpt_paged_list_is_placeholder (client))
    {
      gtk_label_set_text (GTK_LABEL (name), "");
      gtk_widget_set_visible (detail, FALSE);
      return;
    }
  g_object_get (client, "city", &city, "postcode", &postcode, "siren", &siren, NULL);
  gtk_label_set_text (GTK_LABEL (name), cpt_client_get_name (client));
  if (city != NULL && siren != NULL)
    text = g_strdup_printf ("%s %s · SIREN %s", postcode ? postcode : "", city, siren);
  else if (city != NULL)
    text = g_strdup_printf ("%s %s", postcode ? postcode : "", city);
  else if (siren != NULL)
    text = g_strdup_printf ("SIREN %s", siren);
  gtk_label_set_text (GTK_LABEL (detail), text ? g_strstrip (text) : "");
  gtk_widget_set_visible (detail, text != NULL);
  gtk_list_item_set_accessible_label (item, cpt_client_get_name (client));
}

/* "No client" only once the count is back: until then the list stays, empty. */
static void
update_results (CptClientPicker *self)
{
  gboolean empty = self->model != NULL && !cpt_paged_list_is_counting (self->model) &&
                   g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0;

  if (cpt_list_page_show_error (self->results_stack, self->model))
    return;
  gtk_stack_set_visible_child_name (self->results_stack, empty ? "empty" : "list");
}

static void
on_counting_changed (CptClientPicker *self)
{
  update_results (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
drop_model (CptClientPicker *self)
{
  if (self->model == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
refresh_model (CptClientPicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GtkSingleSelection) selection = NULL;

  if (self->context == NULL)
    return;
  drop_model (self);
  /* Counted and read in threads: the popover never holds the main loop. */
  self->model = cpt_lists_clients_in_thread (cpt_context_get_database (self->context),
                                             *text != '\0' ? text : NULL, FALSE);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (update_results), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::counting", G_CALLBACK (on_counting_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::error", G_CALLBACK (update_results), self,
                           G_CONNECT_SWAPPED);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  update_results (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_search_changed (CptClientPicker *self,
                   GtkSearchEntry  *entry)
{
  refresh_model (self);
}

static void
choose_position (CptClientPicker *self,
                 guint            position)
{
  g_autoptr(CptClient) client = NULL;

  if (self->model == NULL)
    return;
  client = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (client != NULL && !cpt_paged_list_is_placeholder (client))
    choose (self, cpt_client_get_id (client), cpt_client_get_name (client));
}

static void
on_search_activate (CptClientPicker *self,
                    GtkSearchEntry  *entry)
{
  choose_position (self, 0);
}

static void
on_stop_search (CptClientPicker *self,
                GtkSearchEntry  *entry)
{
  gtk_popover_popdown (self->popover);
}

static void
on_list_activate (CptClientPicker *self,
                  guint            position,
                  GtkListView     *view)
{
  choose_position (self, position);
}

static void
on_popover_show (CptClientPicker *self,
                 GtkPopover      *popover)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  refresh_model (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_clear_clicked (CptClientPicker *self,
                  GtkButton       *button)
{
  choose (self, 0, NULL);
}

static void
on_client_created (CptClientDialog *dialog,
                   gint64           client_id,
                   CptClientPicker *self)
{
  cpt_client_picker_set_client_id (self, client_id);
}

static void
on_create_clicked (CptClientPicker *self,
                   GtkButton       *button)
{
  CptClientDialog *dialog;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->context == NULL)
    return;
  gtk_popover_popdown (self->popover);
  dialog = cpt_client_dialog_new (self->context, 0);
  /* What was typed in the search is most likely the new client's name. */
  if (*text != '\0')
    cpt_client_dialog_set_name (dialog, text);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_client_created), self, 0);
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (self));
}

/* ---------------------------------------------------------------- GObject */

static void
cpt_client_picker_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CptClientPicker *self = CPT_CLIENT_PICKER (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, cpt_client_picker_is_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_client_picker_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CptClientPicker *self = CPT_CLIENT_PICKER (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      cpt_client_picker_set_client_id (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_client_picker_dispose (GObject *object)
{
  CptClientPicker *self = CPT_CLIENT_PICKER (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  /* The bin's child may be a template child: let go of it once, before the template does. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_CLIENT_PICKER);
  if (self->naming != NULL)
    g_cancellable_cancel (self->naming);
  g_clear_object (&self->naming);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (cpt_client_picker_parent_class)->dispose (object);
}

static void
cpt_client_picker_finalize (GObject *object)
{
  CptClientPicker *self = CPT_CLIENT_PICKER (object);

  g_free (self->client_name);
  g_free (self->placeholder);

  G_OBJECT_CLASS (cpt_client_picker_parent_class)->finalize (object);
}

static void
cpt_client_picker_class_init (CptClientPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cpt_client_picker_get_property;
  object_class->set_property = cpt_client_picker_set_property;
  object_class->dispose = cpt_client_picker_dispose;
  object_class->finalize = cpt_client_picker_finalize;

  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL, 0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-client-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, CptClientPicker, button);
  gtk_widget_class_bind_template_child (widget_class, CptClientPicker, button_label);
  gtk_widget_class_bind_template_child (widget_class, CptClientPicker, popover);
  gtk_widget_class_bind_template_child (widget_class, CptClientPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CptClientPicker, results_stack);
  gtk_widget_class_bind_template_child (widget_class, CptClientPicker, list_view);
  gtk_widget_class_bind_template_child (widget_class, CptClientPicker, actions_separator);
  gtk_widget_class_bind_template_child (widget_class, CptClientPicker, clear_button);
  gtk_widget_class_bind_template_child (widget_class, CptClientPicker, create_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked);
}

static void
cpt_client_picker_init (CptClientPicker *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->popover));
  update_button (self);
}

CptClientPicker *
cpt_client_picker_new (void)
{
  return g_object_new (CPT_TYPE_CLIENT_PICKER, NULL);
}

void
cpt_client_picker_set_context (CptClientPicker *self,
                               CptContext      *context)
{
  g_return_if_fail (CPT_IS_CLIENT_PICKER (self));
  g_return_if_fail (context == NULL || CPT_IS_CONTEXT (context));

  g_set_object (&self->context, context);
}

gboolean
cpt_client_picker_is_busy (CptClientPicker *self)
{
  g_return_val_if_fail (CPT_IS_CLIENT_PICKER (self), FALSE);

  return self->naming != NULL ||
         (self->model != NULL && cpt_paged_list_is_counting (self->model));
}

gint64
cpt_client_picker_get_client_id (CptClientPicker *self)
{
  g_return_val_if_fail (CPT_IS_CLIENT_PICKER (self), 0);

  return self->client_id;
}

const char *
cpt_client_picker_get_client_name (CptClientPicker *self)
{
  g_return_val_if_fail (CPT_IS_CLIENT_PICKER (self), NULL);

  return self->client_id > 0 ? self->client_name : NULL;
}

void
cpt_client_picker_set_client (CptClientPicker *self,
                              gint64           client_id,
                              const char      *name)
{
  g_return_if_fail (CPT_IS_CLIENT_PICKER (self));

  choose (self, client_id > 0 ? client_id : 0, client_id > 0 ? name : NULL);
}

static void
on_client_named (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CptClient) client = cpt_client_load_finish (CPT_WORKER (source), result, &error);
  CptClientPicker *self;

  /* Another client chosen meanwhile, or the picker gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = CPT_CLIENT_PICKER (user_data);
  g_clear_object (&self->naming);
  /* A client that is not there (deleted meanwhile) is not chosen. */
  if (client != NULL)
    choose (self, cpt_client_get_id (client), cpt_client_get_name (client));
  else
    choose (self, 0, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
cpt_client_picker_set_client_id (CptClientPicker *self,
                                 gint64           client_id)
{
  g_return_if_fail (CPT_IS_CLIENT_PICKER (self));

  if (client_id <= 0 || self->context == NULL)
    {
      choose (self, 0, NULL);
      return;
    }
  /* Chosen at once; its name follows from the worker. */
  choose (self, client_id, NULL);
  self->naming = g_cancellable_new ();
  cpt_client_load_async (cpt_context_get_worker (self->context), client_id, self->naming,
                         on_client_named, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
cpt_client_picker_set_can_create (CptClientPicker *self,
                                  gboolean         can_create)
{
  g_return_if_fail (CPT_IS_CLIENT_PICKER (self));

  self->can_create = can_create;
  gtk_widget_set_visible (self->create_button, can_create);
  update_button (self);
}

void
cpt_client_picker_set_can_clear (CptClientPicker *self,
                                 gboolean         can_clear)
{
  g_return_if_fail (CPT_IS_CLIENT_PICKER (self));

  self->can_clear = can_clear;
  gtk_widget_set_visible (self->clear_button, can_clear);
  update_button (self);
}

void
cpt_client_picker_set_placeholder (CptClientPicker *self,
                                   const char      *text)
{
  g_return_if_fail (CPT_IS_CLIENT_PICKER (self));

  g_set_str (&self->placeholder, text);
  update_button (self);
}

void
cpt_client_picker_popup (CptClientPicker *self)
{
  g_return_if_fail (CPT_IS_CLIENT_PICKER (self));

  gtk_menu_button_popup (self->button);
}
