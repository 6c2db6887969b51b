/* test-mail-app.c: a message handed to the user's mail program goes through the session bus
 * without waiting on the main loop, and what cannot be attached is said in plain words. The
 * suite's private D-Bus session has no Email portal. */
#include <string.h>
#include <gio/gio.h>

#include "cpt-mail-app.h"

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Outcome;

static void
on_composed (GObject *source, GAsyncResult *result, gpointer data)
{
  Outcome *outcome = data;

  outcome->ok = cpt_mail_app_compose_finish (result, &outcome->error);
  outcome->done = TRUE;
}

static void
test_missing_attachment (void)
{
  static const char *const to[] = { "compta@example.org", NULL };
  static const char *const attachments[] = { "/nonexistent/FA-2026-0001.pdf", NULL };
  Outcome outcome = { 0 };
  guint iterations = 0;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no D-Bus session (the suite runs in one: tests/run-headless.sh)");
      return;
    }

  cpt_mail_app_compose_async (to, "Facture FA-2026-0001", "Bonjour", attachments, NULL, on_composed, &outcome);
  /* Nothing is decided before the main loop turns. */
  g_assert_false (outcome.done);
  while (!outcome.done && iterations++ < 100000)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (outcome.done);
  g_assert_false (outcome.ok);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (outcome.error->message, "/nonexistent/FA-2026-0001.pdf"));
  g_clear_error (&outcome.error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mail-app/missing-attachment", test_missing_attachment);
  return g_test_run ();
}
