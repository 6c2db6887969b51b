/* bench-startup.c: from the start of the comptoir process to its first frame.
 *
 *   bench-startup [--runs N] [--comptoir PATH] [--reference PATH] DATABASE
 *
 * Starts `comptoir --db DATABASE --bench-first-frame` N times (a display is needed: run it
 * under xvfb-run) and measures, from just before the process is spawned to the moment it
 * reports its first painted frame (GdkFrameClock::after-paint), how long each start took.
 * The database opens in a thread, so there are two figures: the first frame of the window
 * while it waits for the database ("early", when opening outlasts the first frame), and the
 * first frame showing the restored page, which is the one that counts. The first run also
 * warms the page cache; the figures are min, median and max.
 *
 * With --reference (bench-bare-window), each start of comptoir is followed by one of the
 * reference, and the ratio of the two medians is given: on a shared machine the times drift
 * by several milliseconds from one minute to the next, and starts taken in turn drift
 * together. */
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

static int
compare (gconstpointer a,
         gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
one_start (const char *comptoir,
           const char *database,
           char      **out_page,
           double     *out_early,
           GError    **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 end;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, error, comptoir, "--db", database,
                              "--bench-first-frame", NULL);
  if (process == NULL)
    return -1;
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  *out_early = -1;
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, error)) != NULL)
    {
      if (g_str_has_prefix (line, "early-frame"))
        *out_early = (g_get_monotonic_time () - start) / 1000.0;
      if (g_str_has_prefix (line, "first-frame"))
        break;
      g_clear_pointer (&line, g_free);
    }
  end = g_get_monotonic_time ();
  if (line == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "comptoir ended without a first frame");
      g_subprocess_force_exit (process);
      return -1;
    }
  *out_page = g_strdup (line + strlen ("first-frame "));
  if (!g_subprocess_wait (process, NULL, error))
    return -1;
  return (end - start) / 1000.0;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare);
  return g_array_index (times, double, times->len / 2);
}

int
main (int   argc,
      char *argv[])
{
  int runs = 7;
  g_autofree char *comptoir = NULL;
  g_autofree char *reference = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("DATABASE");
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "How many starts (default 7)", "N" },
    { "comptoir", 0, 0, G_OPTION_ARG_FILENAME, &comptoir, "The comptoir program (default: from PATH)", "PATH" },
    { "reference", 0, 0, G_OPTION_ARG_FILENAME, &reference,
      "A program started in turn with comptoir, the same way (bench-bare-window)", "PATH" },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) early_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reference_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *page = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error ? error->message : "usage: bench-startup [--runs N] DATABASE");
      return 2;
    }
  if (comptoir == NULL)
    comptoir = g_find_program_in_path ("comptoir");
  if (comptoir == NULL)
    {
      g_printerr ("comptoir is not on PATH; give --comptoir\n");
      return 2;
    }

  for (int i = 0; i < runs; i++)
    {
      double ms, early;

      g_clear_pointer (&page, g_free);
      ms = one_start (comptoir, argv[1], &page, &early, &error);
      if (ms < 0)
        {
          g_printerr ("run %d: %s\n", i + 1, error->message);
          return 1;
        }
      if (early >= 0)
        {
          g_print ("run %d: %.1f ms (%s; the window waiting for the database at %.1f ms)\n",
                   i + 1, ms, page, early);
          g_array_append_val (early_times, early);
        }
      else
        g_print ("run %d: %.1f ms (%s)\n", i + 1, ms, page);
      g_array_append_val (times, ms);
      if (reference != NULL)
        {
          g_clear_pointer (&page, g_free);
          ms = one_start (reference, argv[1], &page, &early, &error);
          if (ms < 0)
            {
              g_printerr ("run %d of the reference: %s\n", i + 1, error->message);
              return 1;
            }
          g_print ("run %d: %.1f ms (%s)\n", i + 1, ms, page);
          g_array_append_val (reference_times, ms);
        }
    }
  g_array_sort (times, compare);
  g_print ("first frame: min %.1f ms, median %.1f ms, max %.1f ms over %d starts\n",
           g_array_index (times, double, 0), g_array_index (times, double, times->len / 2),
           g_array_index (times, double, times->len - 1), runs);
  if (early_times->len > 0)
    {
      g_array_sort (early_times, compare);
      g_print ("window before the database was open, in %u of %d starts: median %.1f ms\n",
               early_times->len, runs, g_array_index (early_times, double, early_times->len / 2));
    }
  if (reference != NULL)
    {
      double comptoir_median = median (times);
      double reference_median = median (reference_times);

      g_print ("reference, started in turn: min %.1f ms, median %.1f ms, max %.1f ms; "
               "comptoir's median is %.2fx the reference's\n",
               g_array_index (reference_times, double, 0), reference_median,
               g_array_index (reference_times, double, reference_times->len - 1),
               comptoir_median / reference_median);
    }
  return 0;
}
