/* cpt-mail.c: a message through SMTP with libcurl (curl_mime builds it), its password in the
 * keyring. Errors are said in plain words from libcurl's codes: a person must know whether
 * to check the server's name, the port, the password, or to try again later. */
#define G_LOG_DOMAIN "cpt-mail"

#include "cpt-company.h"
#include "cpt-mail.h"

#include <curl/curl.h>
#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

G_DEFINE_QUARK (cpt-mail-error-quark, cpt_mail_error)

/* Long enough for a slow server to answer, short enough that a person is not left waiting. */
#define CONNECT_TIMEOUT_SECONDS 30
#define STALLED_SECONDS 60
/* A subject longer than this would no longer fit the 998 characters of a header line once
 * encoded. */
#define SUBJECT_MAX_BYTES 600

static const SecretSchema password_schema = {
  "io.github.comptoir.Comptoir.Mail", SECRET_SCHEMA_NONE,
  {
    { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

/* ---------------------------------------------------------------- addresses */

gboolean
cpt_mail_check_address (const char *address, GError **error)
{
  const char *at;

  if (address == NULL || *address == '\0')
    {
      g_set_error_literal (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_INVALID, _("An email address is missing"));
      return FALSE;
    }
  at = strchr (address, '@');
  if (!g_utf8_validate (address, -1, NULL) || strlen (address) > 254 || at == NULL || at == address ||
      strchr (at + 1, '@') != NULL || at[1] == '\0' || at[1] == '.' ||
      address[strlen (address) - 1] == '.' ||
      (strchr (at + 1, '.') == NULL && g_ascii_strcasecmp (at + 1, "localhost") != 0) ||
      strpbrk (address, " \t\r\n<>()[],;:\"\\") != NULL)
    {
      g_set_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_INVALID,
                   _("“%s” is not an email address: write it as name@example.fr"), address);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_account (const CptMailAccount *account, const char *password, GError **error)
{
  if (account->host == NULL || *account->host == '\0' || strpbrk (account->host, " /\r\n") != NULL)
    {
      g_set_error_literal (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_INVALID,
                           _("The mail server’s name is missing or not valid"));
      return FALSE;
    }
  if (account->port == 0 || account->port > 65535)
    {
      g_set_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_INVALID,
                   _("%u is not a port: mail servers use 465 (SSL/TLS) or 587 (STARTTLS)"), account->port);
      return FALSE;
    }
  /* A password in clear over the network: only to a relay on this computer. */
  if (account->security == CPT_MAIL_SECURITY_NONE && !cpt_company_mail_host_is_local (account->host))
    {
      g_set_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_INVALID,
                   _("A connection without security is only allowed to this computer; choose SSL/TLS "
                     "or STARTTLS for “%s”"), account->host);
      return FALSE;
    }
  if (!cpt_mail_check_address (account->from_address, error))
    {
      g_prefix_error (error, _("The sender: "));
      return FALSE;
    }
  if (account->user != NULL && *account->user != '\0' && (password == NULL || *password == '\0'))
    {
      g_set_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_LOGIN,
                   _("No password is stored for %s on %s: enter it in Preferences"), account->user,
                   account->host);
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------- headers */

static gboolean
is_plain_ascii (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p; p++)
    if (*p >= 0x7f || (*p < 0x20 && *p != '\t'))
      return FALSE;
  return TRUE;
}

/* `text` as header words (RFC 2047): as it is when plain ASCII, else base64 encoded-words
 * of whole characters, at most 75 characters each. */
static char *
header_words (const char *text)
{
  GString *out;
  const char *p = text;

  if (is_plain_ascii (text))
    return g_strdup (text);
  out = g_string_new (NULL);
  while (*p != '\0')
    {
      const char *end = p;
      g_autofree char *encoded = NULL;

      /* 45 bytes make 60 of base64, 72 with "=?UTF-8?B?" and "?=". */
      while (*end != '\0' && (end - p) + (g_utf8_next_char (end) - end) <= 45)
        end = g_utf8_next_char (end);
      encoded = g_base64_encode ((const guchar *) p, end - p);
      g_string_append_printf (out, "%s=?UTF-8?B?%s?=", out->len ? " " : "", encoded);
      p = end;
    }
  return g_string_free (out, FALSE);
}

/* An RFC 5322 date, in English whatever the locale. */
static char *
header_date (void)
{
  static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                                        "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S %z");

  return g_strdup_printf ("%s, %02d %s %d %s", days[g_date_time_get_day_of_week (now) - 1],
                          g_date_time_get_day_of_month (now), months[g_date_time_get_month (now) - 1],
                          g_date_time_get_year (now), time);
}

static char *
joined_addresses (GStrv addresses)
{
  return addresses ? g_strjoinv (", ", addresses) : g_strdup ("");
}

/* ---------------------------------------------------------------- errors */

static gboolean
set_curl_error (CURL             *curl,
                CURLcode          code,
                const char       *detail,
                const CptMailAccount *account,
                GError          **error)
{
  long response = 0;

  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &response);
  g_debug ("libcurl: %s (%d), %s, the server's last answer %ld", curl_easy_strerror (code), code,
           detail, response);
  switch (code)
    {
    case CURLE_ABORTED_BY_CALLBACK:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Sending was cancelled"));
      break;
    case CURLE_COULDNT_RESOLVE_HOST:
      g_set_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_HOST_NOT_FOUND,
                   _("The mail server “%s” was not found: check its name and the connection to the internet"),
                   account->host);
      break;
    case CURLE_COULDNT_CONNECT:
      g_set_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_CONNECTION,
                   _("The mail server %s cannot be reached on port %u: check the port, or try again later"),
                   account->host, account->port);
      break;
    case CURLE_OPERATION_TIMEDOUT:
      g_set_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_TIMEOUT,
                   _("The mail server %s did not answer in time: try again later"), account->host);
      break;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      g_set_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_TLS,
                   _("The certificate of the mail server %s is not trusted: the message was not sent"),
                   account->host);
      break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_USE_SSL_FAILED:
      g_set_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_TLS,
                   _("No secure connection could be made with %s on port %u: check the security "
                     "setting (SSL/TLS is usually port 465, STARTTLS port 587)"),
                   account->host, account->port);
      break;
    case CURLE_LOGIN_DENIED:
      g_set_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_LOGIN,
                   _("The mail server refused the user name or the password"));
      break;
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
      g_set_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_CONNECTION,
                   _("The connection to the mail server was lost: the message was not sent"));
      break;
    default:
      /* The server answered no: to the sender, a recipient or the message ("RCPT failed:
       * 550"), which libcurl says in its error buffer. */
      if (response >= 500 && response < 600)
        g_set_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_REFUSED,
                     _("The mail server refused the message (%s): it was not sent"),
                     detail && *detail ? detail : curl_easy_strerror (code));
      else if (code == CURLE_SEND_ERROR)
        g_set_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_CONNECTION,
                     _("The connection to the mail server was lost: the message was not sent"));
      else
        g_set_error (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_FAILED, _("The message could not be sent: %s"),
                     detail && *detail ? detail : curl_easy_strerror (code));
    }
  return FALSE;
}

/* ---------------------------------------------------------------- sending */

static int
on_progress (void       *data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  return g_cancellable_is_cancelled (data) ? 1 : 0;
}

/* A libcurl handle set up for the account: URL, security, login, time limits, Cancel. */
static CURL *
account_handle (const CptMailAccount *account,
                const char           *password,
                GCancellable         *cancellable,
                char                 *error_buffer)
{
  CURL *curl = curl_easy_init ();
  g_autofree char *host = strchr (account->host, ':') ? g_strdup_printf ("[%s]", account->host)
                                                      : g_strdup (account->host);
  g_autofree char *url = g_strdup_printf ("%s://%s:%u", account->security == CPT_MAIL_SECURITY_TLS ? "smtps" : "smtp",
                                          host, account->port);

  if (curl == NULL)
    return NULL;
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (curl, CURLOPT_USE_SSL, (long) (account->security == CPT_MAIL_SECURITY_STARTTLS
                                                   ? CURLUSESSL_ALL : CURLUSESSL_NONE));
  if (account->ca_file != NULL)
    curl_easy_setopt (curl, CURLOPT_CAINFO, account->ca_file);
  if (account->user != NULL && *account->user != '\0')
    {
      curl_easy_setopt (curl, CURLOPT_USERNAME, account->user);
      curl_easy_setopt (curl, CURLOPT_PASSWORD, password);
    }
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, (long) CONNECT_TIMEOUT_SECONDS);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (curl, CURLOPT_LOW_SPEED_TIME, (long) STALLED_SECONDS);
  if (cancellable != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
      curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, on_progress);
      curl_easy_setopt (curl, CURLOPT_XFERINFODATA, cancellable);
    }
  return curl;
}

static gboolean
add_recipients (struct curl_slist **list, GStrv addresses, GError **error)
{
  for (guint i = 0; addresses != NULL && addresses[i] != NULL; i++)
    {
      g_autofree char *bracketed = NULL;

      if (!cpt_mail_check_address (addresses[i], error))
        return FALSE;
      bracketed = g_strdup_printf ("<%s>", addresses[i]);
      *list = curl_slist_append (*list, bracketed);
    }
  return TRUE;
}

static curl_mime *
build_body (CURL *curl, const CptMailMessage *message)
{
  curl_mime *mime = curl_mime_init (curl);
  curl_mimepart *part;

  if (message->html != NULL)
    {
      curl_mime *alternative = curl_mime_init (curl);
      struct curl_slist *inline_header = curl_slist_append (NULL, "Content-Disposition: inline");

      part = curl_mime_addpart (alternative);
      curl_mime_data (part, message->text ? message->text : "", CURL_ZERO_TERMINATED);
      curl_mime_type (part, "text/plain; charset=UTF-8");
      curl_mime_encoder (part, "quoted-printable");
      part = curl_mime_addpart (alternative);
      curl_mime_data (part, message->html, CURL_ZERO_TERMINATED);
      curl_mime_type (part, "text/html; charset=UTF-8");
      curl_mime_encoder (part, "quoted-printable");
      part = curl_mime_addpart (mime);
      curl_mime_subparts (part, alternative);
      curl_mime_type (part, "multipart/alternative");
      curl_mime_headers (part, inline_header, 1);
    }
  else
    {
      part = curl_mime_addpart (mime);
      curl_mime_data (part, message->text ? message->text : "", CURL_ZERO_TERMINATED);
      curl_mime_type (part, "text/plain; charset=UTF-8");
      curl_mime_encoder (part, "quoted-printable");
    }
  for (guint i = 0; i < message->n_attachments; i++)
    {
      const CptMailAttachment *attachment = &message->attachments[i];
      gsize size;
      const char *data = g_bytes_get_data (attachment->data, &size);

      part = curl_mime_addpart (mime);
      curl_mime_data (part, data, size);
      curl_mime_filename (part, attachment->name ? attachment->name : "document.pdf");
      curl_mime_type (part, attachment->type ? attachment->type : "application/octet-stream");
      curl_mime_encoder (part, "base64");
    }
  return mime;
}

static G_GNUC_PRINTF (2, 3) void
add_header (struct curl_slist **headers, const char *format, ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  *headers = curl_slist_append (*headers, line);
}

static struct curl_slist *
build_headers (const CptMailAccount *account, const CptMailMessage *message)
{
  struct curl_slist *headers = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = joined_addresses (message->to);
  g_autofree char *subject = header_words (message->subject ? message->subject : "");
  g_autofree char *date = header_date ();
  g_autofree char *uuid = g_uuid_string_random ();
  const char *domain = strchr (account->from_address, '@') + 1;

  if (account->from_name != NULL && *account->from_name != '\0')
    {
      g_autofree char *name = header_words (account->from_name);

      /* A plain name is quoted, for its commas and dots. */
      from = is_plain_ascii (account->from_name) && strpbrk (account->from_name, "\"\\") == NULL
               ? g_strdup_printf ("\"%s\" <%s>", account->from_name, account->from_address)
               : g_strdup_printf ("%s <%s>", name, account->from_address);
    }
  else
    from = g_strdup (account->from_address);
  add_header (&headers, "Date: %s", date);
  add_header (&headers, "From: %s", from);
  add_header (&headers, "To: %s", to);
  if (message->cc != NULL && message->cc[0] != NULL)
    {
      g_autofree char *cc = joined_addresses (message->cc);
      add_header (&headers, "Cc: %s", cc);
    }
  add_header (&headers, "Subject: %s", subject);
  add_header (&headers, "Message-ID: <%s@%s>", uuid, domain);
  add_header (&headers, "MIME-Version: 1.0");
  return headers;
}

/* What the server says, line by line (libcurl's debug stream): the last line in is its
 * answer to the message, such as "250 2.0.0 Ok: queued as 4F1A2". */
static int
on_debug (CURL          *curl,
          curl_infotype  type,
          char          *data,
          size_t         size,
          void          *user_data)
{
  GString *last = user_data;

  if (type == CURLINFO_HEADER_IN && size > 0)
    {
      g_string_truncate (last, 0);
      g_string_append_len (last, data, (gssize) MIN (size, 512));
      while (last->len > 0 && (last->str[last->len - 1] == '\n' || last->str[last->len - 1] == '\r'))
        g_string_truncate (last, last->len - 1);
    }
  return 0;
}

gboolean
cpt_mail_send (const CptMailAccount *account,
               const char           *password,
               const CptMailMessage *message,
               GCancellable         *cancellable,
               GError              **error)
{
  return cpt_mail_send_full (account, password, message, cancellable, NULL, error);
}

gboolean
cpt_mail_send_full (const CptMailAccount *account,
                    const char           *password,
                    const CptMailMessage *message,
                    GCancellable         *cancellable,
                    char                **out_answer,
                    GError              **error)
{
  g_autoptr(GString) answer = g_string_new (NULL);
  char error_buffer[CURL_ERROR_SIZE] = "";
  struct curl_slist *recipients = NULL;
  struct curl_slist *headers = NULL;
  g_autofree char *mail_from = NULL;
  curl_mime *mime = NULL;
  CURL *curl = NULL;
  CURLcode code;
  gboolean ok = FALSE;

  g_return_val_if_fail (account != NULL, FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  if (!check_account (account, password, error))
    return FALSE;
  if (message->to == NULL || message->to[0] == NULL)
    {
      g_set_error_literal (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_INVALID, _("The message has no recipient"));
      return FALSE;
    }
  if (message->subject != NULL && (strlen (message->subject) > SUBJECT_MAX_BYTES ||
                                   !g_utf8_validate (message->subject, -1, NULL) ||
                                   strpbrk (message->subject, "\r\n") != NULL))
    {
      g_set_error_literal (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_INVALID,
                           _("The subject must be one line of at most 600 characters"));
      return FALSE;
    }
  if ((message->text != NULL && !g_utf8_validate (message->text, -1, NULL)) ||
      (message->html != NULL && !g_utf8_validate (message->html, -1, NULL)))
    {
      g_set_error_literal (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_INVALID, _("The message is not valid text"));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!add_recipients (&recipients, message->to, error) || !add_recipients (&recipients, message->cc, error) ||
      !add_recipients (&recipients, message->bcc, error))
    goto out;
  curl = account_handle (account, password, cancellable, error_buffer);
  if (curl == NULL)
    {
      g_set_error_literal (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_FAILED, _("The message could not be prepared"));
      goto out;
    }
  mail_from = g_strdup_printf ("<%s>", account->from_address);
  curl_easy_setopt (curl, CURLOPT_MAIL_FROM, mail_from);
  curl_easy_setopt (curl, CURLOPT_MAIL_RCPT, recipients);
  headers = build_headers (account, message);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  mime = build_body (curl, message);
  curl_easy_setopt (curl, CURLOPT_MIMEPOST, mime);
  /* Nothing is printed: the debug function takes the stream. */
  curl_easy_setopt (curl, CURLOPT_DEBUGFUNCTION, on_debug);
  curl_easy_setopt (curl, CURLOPT_DEBUGDATA, answer);
  curl_easy_setopt (curl, CURLOPT_VERBOSE, 1L);
  code = curl_easy_perform (curl);
  if (code != CURLE_OK)
    set_curl_error (curl, code, error_buffer, account, error);
  else
    {
      ok = TRUE;
      /* Taken now: closing the connection below adds the answer to QUIT. */
      if (out_answer != NULL)
        *out_answer = answer->len > 0 && g_utf8_validate (answer->str, -1, NULL)
                      ? g_strdup (answer->str) : NULL;
    }

out:
  if (curl != NULL)
    curl_easy_cleanup (curl);
  curl_mime_free (mime);
  curl_slist_free_all (headers);
  curl_slist_free_all (recipients);
  return ok;
}

gboolean
cpt_mail_test_account (const CptMailAccount *account,
                       const char           *password,
                       GCancellable         *cancellable,
                       GError              **error)
{
  char error_buffer[CURL_ERROR_SIZE] = "";
  CURL *curl;
  CURLcode code;

  g_return_val_if_fail (account != NULL, FALSE);

  if (!check_account (account, password, error))
    return FALSE;
  curl = account_handle (account, password, cancellable, error_buffer);
  if (curl == NULL)
    {
      g_set_error_literal (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_FAILED, _("The test could not be prepared"));
      return FALSE;
    }
  /* For SMTP, libcurl's connection goes through the greeting, STARTTLS and the login. */
  curl_easy_setopt (curl, CURLOPT_CONNECT_ONLY, 1L);
  code = curl_easy_perform (curl);
  if (code != CURLE_OK)
    set_curl_error (curl, code, error_buffer, account, error);
  curl_easy_cleanup (curl);
  return code == CURLE_OK;
}

/* ---------------------------------------------------------------- the password */

gboolean
cpt_mail_password_store (const char *host, const char *user, const char *password,
                         GCancellable *cancellable, GError **error)
{
  g_autofree char *label = g_strdup_printf (_("Comptoir: mail password of %s on %s"), user, host);

  g_return_val_if_fail (host != NULL && user != NULL && password != NULL, FALSE);

  return secret_password_store_sync (&password_schema, SECRET_COLLECTION_DEFAULT, label, password,
                                     cancellable, error, "host", host, "user", user, NULL);
}

char *
cpt_mail_password_lookup (const char *host, const char *user,
                          GCancellable *cancellable, GError **error)
{
  char *secret;
  char *copy;

  g_return_val_if_fail (host != NULL && user != NULL, NULL);

  secret = secret_password_lookup_sync (&password_schema, cancellable, error, "host", host,
                                        "user", user, NULL);
  if (secret == NULL)
    return NULL;
  copy = g_strdup (secret);
  secret_password_free (secret);
  return copy;
}

gboolean
cpt_mail_password_clear (const char *host, const char *user,
                         GCancellable *cancellable, GError **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (host != NULL && user != NULL, FALSE);

  /* FALSE with no error: there was none stored, which is what was wanted. */
  if (!secret_password_clear_sync (&password_schema, cancellable, &local, "host", host, "user", user, NULL) &&
      local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

void
cpt_mail_account_clear (CptMailAccount *account)
{
  g_clear_pointer (&account->host, g_free);
  g_clear_pointer (&account->user, g_free);
  g_clear_pointer (&account->from_address, g_free);
  g_clear_pointer (&account->from_name, g_free);
  g_clear_pointer (&account->ca_file, g_free);
}

gboolean
cpt_mail_account_from_company (CptCompany     *company,
                               CptMailAccount *out,
                               GError        **error)
{
  g_autofree char *security = NULL;
  gint64 port = 0;

  memset (out, 0, sizeof *out);
  g_object_get (company, "mail-host", &out->host, "mail-port", &port, "mail-security", &security,
                "mail-user", &out->user, "mail-from-address", &out->from_address,
                "mail-from-name", &out->from_name, NULL);
  if (out->host == NULL || out->from_address == NULL)
    {
      cpt_mail_account_clear (out);
      g_set_error_literal (error, CPT_MAIL_ERROR, CPT_MAIL_ERROR_INVALID,
                           _("No mail account yet: enter the sender’s address and the mail server "
                             "in Preferences, Email"));
      return FALSE;
    }
  out->security = g_strcmp0 (security, "tls") == 0 ? CPT_MAIL_SECURITY_TLS
                  : g_strcmp0 (security, "none") == 0 ? CPT_MAIL_SECURITY_NONE
                  : CPT_MAIL_SECURITY_STARTTLS;
  /* 0: the port that goes with the security. */
  out->port = port > 0 ? (guint) port
              : out->security == CPT_MAIL_SECURITY_TLS ? 465
              : out->security == CPT_MAIL_SECURITY_STARTTLS ? 587 : 25;
  return TRUE;
}

gboolean
cpt_mail_account_load (CptDatabase    *db,
                       CptMailAccount *out,
                       char          **out_password,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr(CptCompany) company = cpt_company_load (db, error);

  *out_password = NULL;
  if (company == NULL || !cpt_mail_account_from_company (company, out, error) ||
      !cpt_mail_account_lookup_password (out, out_password, cancellable, error))
    {
      cpt_mail_account_clear (out);
      return FALSE;
    }
  return TRUE;
}

gboolean
cpt_mail_account_lookup_password (const CptMailAccount *account,
                                  char                **out_password,
                                  GCancellable         *cancellable,
                                  GError              **error)
{
  GError *local = NULL;

  *out_password = NULL;
  if (account->user == NULL)
    return TRUE;
  *out_password = cpt_mail_password_lookup (account->host, account->user, cancellable, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}
