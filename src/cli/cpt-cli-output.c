/* comptoir-cli: what reaches the terminal. The program itself writes no control sequence,
 * so any control character in its output came from data (a name typed before the model
 * refused them, a file edited by another program): stdout and stderr go through a filter
 * that shows such characters, and bytes that are not UTF-8, as U+FFFD. A name can then
 * never move the cursor, recolour or clear the terminal. JSON escapes controls itself. */
#define G_LOG_DOMAIN "comptoir-cli"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cpt-cli.h"

#define REPLACEMENT "\xEF\xBF\xBD"

typedef struct
{
  int   fd;
  char  carry[4];  /* the start of a character cut by the stream's buffer */
  gsize n_carry;
} Filter;

static void
write_all (int fd, const char *data, gsize len)
{
  while (len > 0)
    {
      ssize_t done = write (fd, data, len);

      if (done <= 0)
        return;
      data += done;
      len -= done;
    }
}

static gboolean
is_unsafe (gunichar c)
{
  if (c == '\n' || c == '\t')
    return FALSE;
  return c < 0x20 || (c >= 0x7F && c < 0xA0) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

static gsize
filter_chunk (Filter *filter, const char *data, gsize len, gboolean final)
{
  g_autoptr(GString) out = g_string_sized_new (len + 16);
  gsize i = 0;

  while (i < len)
    {
      const char *p = data + i;
      gunichar c = g_utf8_get_char_validated (p, len - i);

      if (c == (gunichar) -2 && !final)
        break;  /* incomplete at the end: wait for the rest */
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append (out, REPLACEMENT);
          i++;
          continue;
        }
      if (c == 0 && i < len)
        {
          g_string_append (out, REPLACEMENT);
          i++;
          continue;
        }
      if (is_unsafe (c))
        g_string_append (out, REPLACEMENT);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      i = g_utf8_next_char (p) - data;
    }
  write_all (filter->fd, out->str, out->len);
  return i;
}

static ssize_t
filter_write (void *cookie, const char *data, size_t len)
{
  Filter *filter = cookie;
  g_autoptr(GString) all = g_string_new_len (filter->carry, filter->n_carry);
  gsize used;

  g_string_append_len (all, data, len);
  used = filter_chunk (filter, all->str, all->len, FALSE);
  filter->n_carry = MIN (all->len - used, sizeof filter->carry);
  memcpy (filter->carry, all->str + used, filter->n_carry);
  return len;
}

static int
filter_close (void *cookie)
{
  Filter *filter = cookie;

  if (filter->n_carry > 0)
    filter_chunk (filter, filter->carry, filter->n_carry, TRUE);
  g_free (filter);
  return 0;
}

static FILE *
filtered (int fd, int mode)
{
  cookie_io_functions_t functions = { .write = filter_write, .close = filter_close };
  Filter *filter = g_new0 (Filter, 1);
  FILE *stream;

  filter->fd = fd;
  stream = fopencookie (filter, "w", functions);
  if (stream == NULL)
    {
      g_free (filter);
      return NULL;
    }
  setvbuf (stream, NULL, mode, BUFSIZ);
  return stream;
}

void
cli_output_filter_install (void)
{
  FILE *out = filtered (STDOUT_FILENO, isatty (STDOUT_FILENO) ? _IOLBF : _IOFBF);
  FILE *err = filtered (STDERR_FILENO, _IOLBF);

  if (out != NULL)
    stdout = out;
  if (err != NULL)
    stderr = err;
}
