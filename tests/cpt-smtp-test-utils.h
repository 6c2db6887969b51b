/* cpt-smtp-test-utils.h: a real SMTP server on 127.0.0.1 for the tests (aiosmtpd,
 * tests/smtp-server.py): started with its options, its port read from its first line, the
 * messages it accepted read back as JSON, stopped by closing its standard input. */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cpt-test-utils.h"

typedef struct
{
  char        *dir;        /* the server's messages */
  GSubprocess *server;
  guint        port;
} Server;

/* Starts tests/`script` with a folder of its own for what it receives and `options`, and
 * waits for its first line, which starts with `ready`; returns that line. */
static char *
stand_in_start (Server *server, const char *script_name, const char *const *options, const char *ready)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, script_name, NULL);

  server->dir = cpt_test_make_dir ();
  g_ptr_array_add (argv, "python3");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, server->dir);
  for (guint i = 0; options != NULL && options[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) options[i]);
  g_ptr_array_add (argv, NULL);
  server->server = g_subprocess_newv ((const char *const *) argv->pdata,
                                      G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->server));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, ready));
  return g_steal_pointer (&line);
}

G_GNUC_UNUSED static void
server_start (Server *server, const char *const *options)
{
  g_autofree char *line = stand_in_start (server, "smtp-server.py", options, "port ");

  server->port = (guint) g_ascii_strtoull (line + 5, NULL, 10);
}

/* The desktop's Email portal, stood in for by email-portal.py on the test's session bus;
 * received () gives what it was handed. Stopped with server_stop (). */
G_GNUC_UNUSED static void
portal_start (Server *portal)
{
  g_autofree char *line = stand_in_start (portal, "email-portal.py", NULL, "ready");
}

G_GNUC_UNUSED static void
server_stop (Server *server)
{
  g_output_stream_close (g_subprocess_get_stdin_pipe (server->server), NULL, NULL);
  g_subprocess_wait (server->server, NULL, NULL);
  g_clear_object (&server->server);
  cpt_test_cleanup_dir (server->dir);
  g_free (server->dir);
}

/* The n-th message the server received, or NULL. */
G_GNUC_UNUSED static JsonObject *
received (Server *server, guint n)
{
  g_autofree char *name = g_strdup_printf ("%u.json", n);
  g_autofree char *path = g_build_filename (server->dir, name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!g_file_test (path, G_FILE_TEST_EXISTS) || !json_parser_load_from_file (parser, path, NULL))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

