/* cpt-client-files.c: see cpt-client-files.h. */
#define G_LOG_DOMAIN "cpt-client-files"

#include <glib/gi18n.h>

#include "cpt-client.h"
#include "cpt-client-files.h"
#include "cpt-gui-utils.h"

struct _CptClientFiles
{
  AdwPreferencesPage   parent_instance;

  GPtrArray           *rows;

  /* template children */
  AdwPreferencesGroup *files_group;
};

G_DEFINE_FINAL_TYPE (CptClientFiles, cpt_client_files, ADW_TYPE_PREFERENCES_PAGE)

static void
cpt_client_files_dispose (GObject *object)
{
  CptClientFiles *self = CPT_CLIENT_FILES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_CLIENT_FILES);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (cpt_client_files_parent_class)->dispose (object);
}

static void
cpt_client_files_class_init (CptClientFilesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cpt_client_files_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-client-files.ui");
  gtk_widget_class_bind_template_child (widget_class, CptClientFiles, files_group);
}

static void
cpt_client_files_init (CptClientFiles *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new ();
}

CptClientFiles *
cpt_client_files_new (void)
{
  return g_object_new (CPT_TYPE_CLIENT_FILES, NULL);
}

void
cpt_client_files_show (CptClientFiles *self,
                       GPtrArray      *files)
{
  g_return_if_fail (CPT_IS_CLIENT_FILES (self));

  cpt_group_clear_rows (self->files_group, self->rows);
  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      CptClientFile *file = g_ptr_array_index (files, i);
      g_autofree char *size = g_format_size (file->size);
      g_autofree char *day = file->added_at ? g_strndup (file->added_at, 10) : NULL;
      g_autofree char *date = cpt_format_date (day);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", size, date);
      GtkWidget *row = cpt_group_add_row (self->files_group, self->rows, file->name, subtitle);
      GtkWidget *open = gtk_button_new_from_icon_name ("document-open-symbolic");
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_set_tooltip_text (open, _("Open"));
      gtk_widget_set_tooltip_text (remove, _("Remove"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"), -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove"), -1);
      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (open, "flat");
      gtk_widget_add_css_class (remove, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "client.open-file");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "x", file->id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "client.remove-file");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", file->id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
    }
  if (self->rows->len == 0)
    cpt_group_add_row (self->files_group, self->rows, _("No file"), NULL);
}
