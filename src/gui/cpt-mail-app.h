/* cpt-mail-app.h: "Open in My Mail App": a message with its attachments handed to the
 * user's own mail program, for those who send from there rather than through an SMTP
 * account (issue 14). Through the desktop's Email portal (org.freedesktop.portal.Email: in
 * Flatpak, and on any desktop that runs xdg-desktop-portal); where there is none,
 * xdg-email. The mail program sends it, or not: Comptoir records nothing as sent. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     cpt_mail_app_compose_async  (const char *const   *to,
                                      const char          *subject,
                                      const char          *body,
                                      const char *const   *attachments,   /* file paths */
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean cpt_mail_app_compose_finish (GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
