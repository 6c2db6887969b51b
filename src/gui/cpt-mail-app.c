/* cpt-mail-app.c: a message handed to the user's mail program. */
#define G_LOG_DOMAIN "cpt-mail-app"

#include <fcntl.h>
#include <gio/gunixfdlist.h>
#include <glib/gi18n.h>

#include "cpt-mail-app.h"

#define PORTAL_NAME      "org.freedesktop.portal.Desktop"
#define PORTAL_PATH      "/org/freedesktop/portal/desktop"
#define PORTAL_INTERFACE "org.freedesktop.portal.Email"

typedef struct
{
  GStrv  to;
  char  *subject;
  char  *body;
  GStrv  attachments;
} Compose;

static void
compose_free (Compose *c)
{
  g_strfreev (c->to);
  g_free (c->subject);
  g_free (c->body);
  g_strfreev (c->attachments);
  g_free (c);
}

/* Without a portal: xdg-email, which opens the user's mail program (xdg-utils). */
static void
compose_with_xdg_email (GTask *task, Compose *c)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, "xdg-email");
  g_ptr_array_add (argv, "--utf8");
  if (c->subject != NULL)
    {
      g_ptr_array_add (argv, "--subject");
      g_ptr_array_add (argv, c->subject);
    }
  if (c->body != NULL)
    {
      g_ptr_array_add (argv, "--body");
      g_ptr_array_add (argv, c->body);
    }
  for (guint i = 0; c->attachments != NULL && c->attachments[i] != NULL; i++)
    {
      g_ptr_array_add (argv, "--attach");
      g_ptr_array_add (argv, c->attachments[i]);
    }
  for (guint i = 0; c->to != NULL && c->to[i] != NULL; i++)
    g_ptr_array_add (argv, c->to[i]);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_async (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &error))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("No mail program could be opened: this desktop has neither the "
                                 "Email portal nor xdg-email (%s)"), error->message);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_composed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (source), NULL,
                                                           result, &error);
  if (reply != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* No portal on this desktop: the older way. */
  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER))
    {
      compose_with_xdg_email (task, g_task_get_task_data (task));
      return;
    }
  g_dbus_error_strip_remote_error (error);
  g_task_return_error (task, g_steal_pointer (&error));
}

/* The session bus, found without waiting on the main loop (GApplication has usually
 * connected to it already): the portal's request with the message. */
static void
on_bus (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, NULL);
  g_autoptr(GUnixFDList) fds = g_unix_fd_list_new ();
  g_autoptr(GError) error = NULL;
  Compose *c = g_task_get_task_data (task);
  GVariantBuilder options, handles;

  if (bus == NULL)
    {
      compose_with_xdg_email (task, c);
      return;
    }
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  if (c->to != NULL && c->to[0] != NULL)
    g_variant_builder_add (&options, "{sv}", "addresses", g_variant_new_strv ((const char *const *) c->to, -1));
  if (c->subject != NULL)
    g_variant_builder_add (&options, "{sv}", "subject", g_variant_new_string (c->subject));
  if (c->body != NULL)
    g_variant_builder_add (&options, "{sv}", "body", g_variant_new_string (c->body));
  /* The portal takes the files as descriptors: a sandboxed app has no path to give. */
  g_variant_builder_init (&handles, G_VARIANT_TYPE ("ah"));
  for (guint i = 0; c->attachments != NULL && c->attachments[i] != NULL; i++)
    {
      int fd = open (c->attachments[i], O_RDONLY | O_CLOEXEC);
      int index;

      if (fd < 0 || (index = g_unix_fd_list_append (fds, fd, &error)) < 0)
        {
          if (fd >= 0)
            close (fd);
          g_variant_builder_clear (&options);
          g_variant_builder_clear (&handles);
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                                   _("Could not attach %s"), c->attachments[i]);
          return;
        }
      close (fd);
      g_variant_builder_add (&handles, "h", index);
    }
  g_variant_builder_add (&options, "{sv}", "attachment_fds", g_variant_builder_end (&handles));
  g_dbus_connection_call_with_unix_fd_list (bus, PORTAL_NAME, PORTAL_PATH, PORTAL_INTERFACE,
                                            "ComposeEmail",
                                            g_variant_new ("(sa{sv})", "", &options),
                                            G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                            fds, g_task_get_cancellable (task), on_composed,
                                            g_object_ref (task));
}

void
cpt_mail_app_compose_async (const char *const   *to,
                            const char          *subject,
                            const char          *body,
                            const char *const   *attachments,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Compose *c = g_new0 (Compose, 1);

  c->to = g_strdupv ((char **) to);
  c->subject = g_strdup (subject);
  c->body = g_strdup (body);
  c->attachments = g_strdupv ((char **) attachments);
  g_task_set_task_data (task, c, (GDestroyNotify) compose_free);
  g_task_set_source_tag (task, cpt_mail_app_compose_async);
  g_bus_get (G_BUS_TYPE_SESSION, cancellable, on_bus, task);
}

gboolean
cpt_mail_app_compose_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
