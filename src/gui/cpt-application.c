/* cpt-application.c: the Comptoir application: command line, actions, the open database. */
#define G_LOG_DOMAIN "cpt-application"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cpt-application.h"
#include "cpt-preferences-dialog.h"
#include "cpt-window.h"

/* From the compiled resources (data/meson.build, --manual-register): a static library
 * would otherwise drop the object file and its constructor. */
void cpt_gui_register_resource (void);

struct _CptApplication
{
  AdwApplication parent_instance;

  char        *database_path;
  CptDatabase *database;
  CptWorker   *worker;
  GError      *database_error;
  gboolean     database_tried;
  gboolean     opening;        /* the database is being opened (and migrated) in a thread */
  gboolean     bench_first_frame;
};

G_DEFINE_FINAL_TYPE (CptApplication, cpt_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  PROP_DATABASE,
  PROP_OPENING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DATA_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database file FILE instead of the default one"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  /* bench/bench-startup: the time from the start of the process to the first frame. */
  { "bench-first-frame", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL,
    "Print the time to the first frame and quit", NULL },
  { NULL }
};

/* Opening the database can take a while: a file of a million documents written by an older
 * version is brought up to date (migrations) before it opens. That runs in a thread, so that
 * the window shows at once and says what it is waiting for. */
static void
open_database_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  const char *requested = task_data;
  g_autofree char *path = NULL;
  GError *error = NULL;
  CptDatabase *database;

  if (requested != NULL)
    {
      path = g_strdup (requested);
    }
  else
    {
      g_autofree char *dir = NULL;

      path = cpt_database_default_path ();
      dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_task_return_new_error (task, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                                   _("Could not create the folder “%s”: %s"),
                                   dir, g_strerror (saved_errno));
          return;
        }
    }

  database = cpt_database_open (path, &error);
  if (database == NULL)
    {
      g_message ("Could not open the database %s: %s", path, error->message);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, database, g_object_unref);
}

static void
on_database_opened (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CptApplication *self = CPT_APPLICATION (source);
  GError *error = NULL;

  self->database = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->database != NULL)
    {
      g_debug ("Opened the database %s", cpt_database_get_path (self->database));
      self->worker = cpt_worker_new (cpt_database_get_path (self->database));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE]);
    }
  else
    {
      self->database_error = error;
    }
  self->opening = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPENING]);
  g_application_release (G_APPLICATION (self));
}

/* Opens the database once, on the first activation. Failure is kept and shown by the
 * window; the file is left as it is. */
static void
cpt_application_open_database (CptApplication *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->database_tried)
    return;
  self->database_tried = TRUE;
  self->opening = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPENING]);

  /* Held until opened: quitting meanwhile waits for the thread to let go of the file. */
  g_application_hold (G_APPLICATION (self));
  task = g_task_new (self, NULL, on_database_opened, NULL);
  g_task_set_source_tag (task, cpt_application_open_database);
  g_task_set_task_data (task, g_strdup (self->database_path), g_free);
  g_task_run_in_thread (task, open_database_thread);
}

static int
cpt_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  CptApplication *self = CPT_APPLICATION (app);
  g_autofree char *db = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("comptoir %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "bench-first-frame"))
    self->bench_first_frame = TRUE;

  if (g_variant_dict_lookup (options, "db", "^ay", &db))
    {
      g_autofree char *absolute = g_canonicalize_filename (db, NULL);

      cpt_application_set_database_path (self, absolute);
      /* A window on another file is its own instance: the running one keeps its database. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return G_APPLICATION_CLASS (cpt_application_parent_class)->handle_local_options (app, options);
}

static void
cpt_application_activate (GApplication *app)
{
  CptApplication *self = CPT_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      cpt_application_open_database (self);
      window = GTK_WINDOW (cpt_window_new (self));
    }

  gtk_window_present (window);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CptApplication *self = user_data;
  GList *windows;

  /* Destroy rather than close: closing a window that shows a dialog only closes the
   * dialog. Each window saves its state as it goes; the last one ends the application. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  CptApplication *self = user_data;
  static const char *developers[] = { "The Comptoir developers", NULL };
  AdwDialog *dialog;

  dialog = g_object_new (ADW_TYPE_ABOUT_DIALOG,
                         "application-name", "Comptoir",
                         "application-icon", APP_ID,
                         "developer-name", "The Comptoir developers",
                         "developers", developers,
                         "version", PACKAGE_VERSION,
                         "comments", _("Quotes, invoices and payments for small businesses"),
                         "website", "https://github.com/comptoir/comptoir",
                         "issue-url", "https://github.com/comptoir/comptoir/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© The Comptoir developers",
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);

  adw_dialog_present (dialog, GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (self))));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CptApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->database == NULL || window == NULL)
    return;
  adw_dialog_present (ADW_DIALOG (cpt_preferences_dialog_new (self->database)), GTK_WIDGET (window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
};

static void
cpt_application_startup (GApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.search", { "<Control>k", NULL } },
    /* A list's own search, or the global one where there is no list. */
    { "win.find", { "<Control>f", NULL } },
    /* An accelerator of the application, so that the shortcuts window shows it. */
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.new-document('')", { "<Control>n", NULL } },
    { "win.new-client", { "<Control><Shift>n", NULL } },
    { "win.show-section::dashboard", { "<Alt>1", NULL } },
    { "win.show-section::quotes", { "<Alt>2", NULL } },
    { "win.show-section::invoices", { "<Alt>3", NULL } },
    { "win.show-section::credit-notes", { "<Alt>4", NULL } },
    { "win.show-section::deposits", { "<Alt>5", NULL } },
    { "win.show-section::payments", { "<Alt>6", NULL } },
    { "win.show-section::clients", { "<Alt>7", NULL } },
    { "win.show-section::products", { "<Alt>8", NULL } },
    { "document.validate", { "<Control>Return", NULL } },
    { "document.duplicate", { "<Control>d", NULL } },
    { "document.delete", { "<Control>Delete", NULL } },
    { "document.print", { "<Control>p", NULL } },
    { "document.save-pdf", { "<Control>s", NULL } },
    { "document.add-line", { "<Control>l", NULL } },
    { "document.add-product", { "<Control><Shift>l", NULL } },
    { "document.credit", { "<Control><Shift>c", NULL } },
    { "lines.move-up", { "<Alt>Up", NULL } },
    { "lines.move-down", { "<Alt>Down", NULL } },
    { "lines.remove", { "<Shift>Delete", NULL } },
  };

  G_APPLICATION_CLASS (cpt_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static void
cpt_application_dispose (GObject *object)
{
  CptApplication *self = CPT_APPLICATION (object);

  g_clear_object (&self->worker);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (cpt_application_parent_class)->dispose (object);
}

static void
cpt_application_finalize (GObject *object)
{
  CptApplication *self = CPT_APPLICATION (object);

  g_clear_pointer (&self->database_path, g_free);
  g_clear_error (&self->database_error);

  G_OBJECT_CLASS (cpt_application_parent_class)->finalize (object);
}

static void
cpt_application_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CptApplication *self = CPT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;

    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;

    case PROP_OPENING:
      g_value_set_boolean (value, self->opening);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_application_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CptApplication *self = CPT_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      cpt_application_set_database_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cpt_application_class_init (CptApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = cpt_application_dispose;
  object_class->finalize = cpt_application_finalize;
  object_class->get_property = cpt_application_get_property;
  object_class->set_property = cpt_application_set_property;

  app_class->handle_local_options = cpt_application_handle_local_options;
  app_class->startup = cpt_application_startup;
  app_class->activate = cpt_application_activate;

  /**
   * CptApplication:database-path:
   *
   * The database file to open, or %NULL for the default one.
   */
  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * CptApplication:database:
   *
   * The open database, or %NULL.
   */
  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         CPT_TYPE_DATABASE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * CptApplication:opening:
   *
   * Whether the database is being opened (in a thread).
   */
  properties[PROP_OPENING] =
    g_param_spec_boolean ("opening", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CptApplication::data-changed:
   * @what: the #CptChange flags of what was written
   *
   * Emitted after the interface wrote to the database, so that lists reload.
   */
  signals[DATA_CHANGED] =
    g_signal_new ("data-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  cpt_gui_register_resource ();
}

static void
cpt_application_init (CptApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Invoicing for small businesses"));
}

CptApplication *
cpt_application_new (void)
{
  return g_object_new (CPT_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

const char *
cpt_application_get_database_path (CptApplication *self)
{
  g_return_val_if_fail (CPT_IS_APPLICATION (self), NULL);

  return self->database_path;
}

void
cpt_application_set_database_path (CptApplication *self,
                                   const char     *path)
{
  g_return_if_fail (CPT_IS_APPLICATION (self));

  if (g_set_str (&self->database_path, path))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATABASE_PATH]);
}

CptDatabase *
cpt_application_get_database (CptApplication *self)
{
  g_return_val_if_fail (CPT_IS_APPLICATION (self), NULL);

  return self->database;
}

gboolean
cpt_application_is_opening (CptApplication *self)
{
  g_return_val_if_fail (CPT_IS_APPLICATION (self), FALSE);

  return self->opening;
}

const GError *
cpt_application_get_database_error (CptApplication *self)
{
  g_return_val_if_fail (CPT_IS_APPLICATION (self), NULL);

  return self->database_error;
}

CptWorker *
cpt_application_get_worker (CptApplication *self)
{
  g_return_val_if_fail (CPT_IS_APPLICATION (self), NULL);

  return self->worker;
}

void
cpt_application_data_changed (CptApplication *self,
                              CptChange       what)
{
  g_return_if_fail (CPT_IS_APPLICATION (self));

  g_signal_emit (self, signals[DATA_CHANGED], 0, (guint) what);
}

gboolean
cpt_application_get_bench_first_frame (CptApplication *self)
{
  g_return_val_if_fail (CPT_IS_APPLICATION (self), FALSE);

  return self->bench_first_frame;
}
