/* cpt-window.c: the main window. */
#define G_LOG_DOMAIN "cpt-window"

#include <glib/gi18n.h>

#include "cpt-window.h"
#include "cpt-window-private.h"

struct _CptWindow
{
  AdwApplicationWindow parent_instance;

  GSettings     *settings;

  /* template children */
  GtkStack      *stack;
  AdwStatusPage *welcome_page;
  AdwStatusPage *error_page;
};

G_DEFINE_FINAL_TYPE (CptWindow, cpt_window, ADW_TYPE_APPLICATION_WINDOW)

static void
cpt_window_restore_state (CptWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
cpt_window_save_state (CptWindow *self)
{
  int width = 0;
  int height = 0;

  /* The default size follows the window while it is not maximized, so it is the size to
   * come back to after unmaximizing. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

/* Saved when the window goes away, whether it is closed or destroyed by app.quit. */
static void
cpt_window_unrealize (GtkWidget *widget)
{
  CptWindow *self = CPT_WINDOW (widget);

  if (self->settings != NULL)
    cpt_window_save_state (self);

  GTK_WIDGET_CLASS (cpt_window_parent_class)->unrealize (widget);
}

/* Shows the open database, or why it could not be opened. */
static void
cpt_window_show_database (CptWindow *self)
{
  CptApplication *app = CPT_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  CptDatabase *database = cpt_application_get_database (app);
  const GError *error = cpt_application_get_database_error (app);

  if (database != NULL)
    {
      g_autofree char *path = g_markup_escape_text (cpt_database_get_path (database), -1);
      /* Translators: %s is the path of the database file */
      g_autofree char *description = g_strdup_printf (_("Database: %s"), path);

      adw_status_page_set_description (self->welcome_page, description);
      gtk_stack_set_visible_child_name (self->stack, "welcome");
    }
  else
    {
      g_autofree char *message = NULL;

      if (error != NULL)
        message = g_markup_escape_text (error->message, -1);
      else
        message = g_strdup (_("The database is not open."));

      adw_status_page_set_description (self->error_page, message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
}

static void
on_application_changed (CptWindow  *self,
                        GParamSpec *pspec,
                        gpointer    user_data)
{
  if (gtk_window_get_application (GTK_WINDOW (self)) != NULL)
    cpt_window_show_database (self);
}

static void
cpt_window_constructed (GObject *object)
{
  CptWindow *self = CPT_WINDOW (object);

  G_OBJECT_CLASS (cpt_window_parent_class)->constructed (object);

  cpt_window_restore_state (self);
}

static void
cpt_window_dispose (GObject *object)
{
  CptWindow *self = CPT_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CPT_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cpt_window_parent_class)->dispose (object);
}

static void
cpt_window_class_init (CptWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cpt_window_constructed;
  object_class->dispose = cpt_window_dispose;

  widget_class->unrealize = cpt_window_unrealize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CptWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CptWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, CptWindow, error_page);
}

static void
cpt_window_init (CptWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  /* GObject sets "application" after constructed (it is not a construct property). */
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed), NULL);
}

CptWindow *
cpt_window_new (CptApplication *application)
{
  g_return_val_if_fail (CPT_IS_APPLICATION (application), NULL);

  return g_object_new (CPT_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

const char *
cpt_window_get_visible_page_name (CptWindow *self)
{
  g_return_val_if_fail (CPT_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

AdwStatusPage *
cpt_window_get_status_page (CptWindow *self)
{
  g_return_val_if_fail (CPT_IS_WINDOW (self), NULL);

  return ADW_STATUS_PAGE (gtk_stack_get_visible_child (self->stack));
}
