/* cpt-mail.h: sending a message through the user's SMTP server (libcurl), and the account's
 * password in the keyring (libsecret). What is sent, when and why is the model's business
 * (templates, outbox, history, reminders); this is the wire. */
#pragma once

#include <gio/gio.h>

#include "cpt-company.h"

G_BEGIN_DECLS

#define CPT_MAIL_ERROR (cpt_mail_error_quark ())

typedef enum
{
  CPT_MAIL_ERROR_INVALID,           /* an address, the account: fix what was typed */
  CPT_MAIL_ERROR_HOST_NOT_FOUND,
  CPT_MAIL_ERROR_CONNECTION,        /* refused or lost: the server is down or unreachable */
  CPT_MAIL_ERROR_TLS,               /* the secure connection failed, or its certificate is not trusted */
  CPT_MAIL_ERROR_LOGIN,             /* the server refused the user name or the password */
  CPT_MAIL_ERROR_TIMEOUT,
  CPT_MAIL_ERROR_REFUSED,           /* the server refused the sender, a recipient or the message */
  CPT_MAIL_ERROR_FAILED,
} CptMailError;

GQuark cpt_mail_error_quark (void);

typedef enum
{
  CPT_MAIL_SECURITY_TLS,        /* SMTPS, usually port 465 */
  CPT_MAIL_SECURITY_STARTTLS,   /* usually port 587 */
  CPT_MAIL_SECURITY_NONE,       /* only to this computer (a local relay) */
} CptMailSecurity;

typedef struct
{
  char            *host;
  guint            port;
  CptMailSecurity  security;
  char            *user;          /* NULL: no login */
  char            *from_address;
  char            *from_name;     /* NULL: the address alone */
  char            *ca_file;       /* NULL: the system's certificate authorities */
} CptMailAccount;

typedef struct
{
  GBytes     *data;
  const char *name;           /* "FA-2026-0001.pdf" */
  const char *type;           /* "application/pdf" */
} CptMailAttachment;

typedef struct
{
  GStrv   to;
  GStrv   cc;
  GStrv   bcc;
  char   *subject;
  char   *text;               /* the plain text part */
  char   *html;               /* NULL: plain text only */
  const CptMailAttachment *attachments;
  guint   n_attachments;
} CptMailMessage;

/* Checks an address as the user typed it ("name@example.fr"); refusals say why. */
gboolean cpt_mail_check_address (const char *address, GError **error);

/* Sends `message`; blocks (run it in a thread). TRUE only once the server has accepted
 * the message for every recipient. Cancelling stops it (G_IO_ERROR_CANCELLED). */
gboolean cpt_mail_send          (const CptMailAccount *account,
                                 const char           *password,
                                 const CptMailMessage *message,
                                 GCancellable         *cancellable,
                                 GError              **error);

/* The same; once the server has accepted it, *out_answer (may be NULL) is what the server
 * said to the message ("250 2.0.0 Ok: queued as 4F1A2"), or NULL when it said nothing
 * readable. */
gboolean cpt_mail_send_full     (const CptMailAccount *account,
                                 const char           *password,
                                 const CptMailMessage *message,
                                 GCancellable         *cancellable,
                                 char                **out_answer,
                                 GError              **error);
/* Connects, secures and logs in as a send would, and sends nothing. */
gboolean cpt_mail_test_account  (const CptMailAccount *account,
                                 const char           *password,
                                 GCancellable         *cancellable,
                                 GError              **error);

/* The password of `user` on `host`, in the keyring (never in the file, a log or a command
 * line). lookup: NULL with no error when none is stored. */
gboolean cpt_mail_password_store  (const char *host, const char *user, const char *password,
                                   GCancellable *cancellable, GError **error);
char    *cpt_mail_password_lookup (const char *host, const char *user,
                                   GCancellable *cancellable, GError **error);
gboolean cpt_mail_password_clear  (const char *host, const char *user,
                                   GCancellable *cancellable, GError **error);

/* The company's mail account as saved (CptCompany's mail_* fields), the usual port filled in
 * for 0; refused in plain words while it lacks the server or the sender. Free its strings
 * with cpt_mail_account_clear (). */
gboolean cpt_mail_account_from_company (CptCompany     *company,
                                        CptMailAccount *out,
                                        GError        **error);
void     cpt_mail_account_clear        (CptMailAccount *account);
/* The account's password from the keyring, in *out_password: NULL (and TRUE) when the
 * account logs in with no user name or none is stored; FALSE when the keyring failed. */
gboolean cpt_mail_account_lookup_password (const CptMailAccount *account,
                                           char                **out_password,
                                           GCancellable         *cancellable,
                                           GError              **error);

/* The company's mail account in `db` and its password from the keyring, in one call: what
 * every sender needs first. On failure `out` is cleared and *out_password NULL. Blocks
 * (the keyring): run it in a thread. */
gboolean cpt_mail_account_load (CptDatabase    *db,
                                CptMailAccount *out,
                                char          **out_password,
                                GCancellable   *cancellable,
                                GError        **error);

G_END_DECLS
