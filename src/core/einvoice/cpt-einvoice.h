/* cpt-einvoice.h: the semantic model of an e-invoice, as EN 16931 defines it: business terms
 * (BT-n) and groups (BG-n), plain C, no database and no GTK, so that a document we issue
 * (cpt-einvoice-from-render.c) and, later, a CII or UBL file we receive can both be checked
 * by the same rules (cpt-einvoice-rules.c). Amounts are integer cents (cpt-money), quantities
 * thousandths, unit prices ten-thousandths, rates hundredths of a percent. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *name;             /* BT-27 / BT-44 */
  char *legal_id;         /* BT-30 / BT-47 */
  char *legal_scheme;     /* BT-30-1 / BT-47-1: "0002" for a SIREN */
  char *vat_id;           /* BT-31 / BT-48 */
  char *tax_registration; /* BT-32 (seller only) */
  char *endpoint;         /* BT-34 / BT-49 */
  char *endpoint_scheme;  /* BT-34-1 / BT-49-1 */
  char *street;           /* BT-35 / BT-50 */
  char *postcode;         /* BT-38 / BT-53 */
  char *city;             /* BT-37 / BT-52 */
  char *country;          /* BT-40 / BT-55 */
} CptEinvoiceParty;

typedef struct
{
  char     *id;           /* BT-126 */
  char     *name;         /* BT-153 */
  gint64    quantity;     /* BT-129, thousandths */
  gint64    price;        /* BT-146, ten-thousandths */
  gint64    net;          /* BT-131, cents */
  char     *category;     /* BT-151 */
  gboolean  has_rate;
  gint64    rate;         /* BT-152 */
} CptEinvoiceLine;

typedef struct
{
  char     *category;     /* BT-118 */
  gboolean  has_rate;
  gint64    rate;         /* BT-119 */
  gint64    base;         /* BT-116 */
  gint64    amount;       /* BT-117 */
  char     *reason;       /* BT-120 */
  char     *reason_code;  /* BT-121 */
} CptEinvoiceVat;

typedef struct
{
  char             *number;          /* BT-1 */
  gboolean          draft;           /* a draft: BT-1 is given at validation */
  char             *issue_date;      /* BT-2, ISO */
  int               type_code;       /* BT-3: 380, 381, 386... */
  char             *currency;        /* BT-5 */
  char             *due_date;        /* BT-9 */
  char             *payment_terms;   /* BT-20 */
  char             *billing_route;   /* BT-22 of the note with subject BAR: B2B, B2C, B2BINT */
  char             *process;         /* BT-23 */
  char             *specification;   /* BT-24 */
  GPtrArray        *preceding;       /* BT-25 (char *) */
  char             *deliver_country; /* BT-80 */
  CptEinvoiceParty  seller;          /* BG-4 */
  CptEinvoiceParty  buyer;           /* BG-7 */
  GPtrArray        *lines;           /* BG-25 (CptEinvoiceLine *) */
  GPtrArray        *vat;             /* BG-23 (CptEinvoiceVat *) */
  gint64            line_total;      /* BT-106 */
  gint64            allowances;      /* BT-107 */
  gint64            charges;         /* BT-108 */
  gint64            tax_exclusive;   /* BT-109 */
  gint64            tax_total;       /* BT-110 */
  gint64            grand_total;     /* BT-112 */
  gint64            prepaid;         /* BT-113 */
  gint64            rounding;        /* BT-114 */
  gint64            due;             /* BT-115 */
} CptEinvoice;

CptEinvoice     *cpt_einvoice_new       (void);
void             cpt_einvoice_free      (CptEinvoice *self);
CptEinvoiceLine *cpt_einvoice_add_line  (CptEinvoice *self);
CptEinvoiceVat  *cpt_einvoice_add_vat   (CptEinvoice *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CptEinvoice, cpt_einvoice_free)

G_END_DECLS
