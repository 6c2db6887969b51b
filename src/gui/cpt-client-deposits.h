/* cpt-client-deposits.h: the Deposits tab of a client's record (the eKo tab): each deposit
 * invoice, the invoice it is deducted on, and their totals. It writes nothing itself: its
 * buttons activate client.detach-deposit, client.use-deposit and win.open-document (a
 * document's id). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CPT_TYPE_CLIENT_DEPOSITS (cpt_client_deposits_get_type ())
G_DECLARE_FINAL_TYPE (CptClientDeposits, cpt_client_deposits, CPT, CLIENT_DEPOSITS, AdwPreferencesPage)

CptClientDeposits *cpt_client_deposits_new  (void);
/* `deposits`: CptClientDeposit, NULL when they could not be read; `detach_refusals`: for
 * each one why it cannot be detached, or NULL when it can. */
void               cpt_client_deposits_show (CptClientDeposits *self,
                                             GPtrArray         *deposits,
                                             GPtrArray         *detach_refusals);

G_END_DECLS
