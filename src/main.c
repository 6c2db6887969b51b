/* main.c: the Comptoir application entry point. */
#include <locale.h>
#include <glib/gi18n.h>

#include "cpt-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CptApplication) app = NULL;
  const char *localedir = g_getenv ("COMPTOIR_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* COMPTOIR_LOCALEDIR: translations compiled in a build tree (./dev sets it), for running
   * uninstalled. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = cpt_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
