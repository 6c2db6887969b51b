#define G_LOG_DOMAIN "cpt-demo"

#include "cpt-store-demo.h"
#include "cpt-demo.h"
#include "cpt-company.h"
#include "cpt-dates.h"
#include "cpt-documents.h"
#include "cpt-error.h"
#include "cpt-identifiers.h"
#include "cpt-money.h"
#include "cpt-lifecycle-private.h"
#include "cpt-search.h"
#include "cpt-series.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define CHUNK 20000

typedef struct
{
  const char *name;
  const char *type;
  const char *unit;
  gint64      price;    /* hundredths of a cent */
  gint64      rate;     /* hundredths of a percent */
  const char *account;
} DemoProduct;

static const DemoProduct demo_products[] = {
  { "Développement logiciel", "service", "DAY", 6500000, 2000, "706000" },
  { "Conseil et accompagnement", "service", "HUR", 950000, 2000, "706000" },
  { "Formation professionnelle", "service", "DAY", 12000000, 2000, "706000" },
  { "Maintenance mensuelle", "service", "MON", 2500000, 2000, "706000" },
  { "Audit de sécurité", "service", "LS", 18000000, 2000, "706000" },
  { "Rédaction de contenus", "service", "HUR", 550000, 2000, "706000" },
  { "Création graphique", "service", "LS", 45000000, 2000, "706000" },
  { "Hébergement annuel", "service", "ANN", 2400000, 2000, "706000" },
  { "Travaux de rénovation", "service", "HUR", 450000, 1000, "706000" },
  { "Pose de menuiseries", "service", "LS", 85000000, 1000, "706000" },
  { "Repas d'équipe", "service", "C62", 185000, 1000, "706000" },
  { "Transport de personnes", "service", "KMT", 21000, 1000, "706000" },
  { "Livres techniques", "goods", "H87", 395000, 550, "707000" },
  { "Isolation thermique", "service", "MTK", 380000, 550, "706000" },
  { "Café en grains bio", "goods", "KGM", 289000, 550, "707000" },
  { "Panier de fruits", "goods", "H87", 249000, 550, "707000" },
  { "Abonnement presse", "goods", "MON", 129000, 210, "707000" },
  { "Médicament remboursable", "goods", "H87", 87600, 210, "707000" },
  { "Ordinateur portable", "goods", "H87", 12990000, 2000, "707000" },
  { "Écran 27 pouces", "goods", "H87", 3299000, 2000, "707000" },
  { "Câble réseau", "goods", "MTR", 135000, 2000, "707000" },
  { "Imprimante laser", "goods", "H87", 2490000, 2000, "707000" },
  { "Papier A4 (ramette)", "goods", "H87", 59000, 2000, "707000" },
  { "Déplacement forfaitaire", "service", "LS", 600000, 2000, "706000" },
};

static const char *surnames[] = {
  "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
  "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
  "Vincent", "Fournier", "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont",
  "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau",
  "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu",
  "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin",
};
static const char *first_names[] = {
  "Camille", "Léa", "Manon", "Chloé", "Inès", "Jade", "Louise", "Emma", "Hugo", "Lucas",
  "Louis", "Nathan", "Gabriel", "Arthur", "Jules", "Raphaël", "Adam", "Théo", "Sarah",
  "Élodie", "Mathilde", "Antoine", "Julien", "Nicolas", "Sophie", "Claire", "Marc", "Anne",
};
static const char *trades[] = {
  "Boulangerie", "Garage", "Cabinet", "Atelier", "Studio", "Librairie", "Pharmacie",
  "Menuiserie", "Agence", "Restaurant", "Fromagerie", "Imprimerie", "Transports",
  "Bureau d'études", "Clinique vétérinaire", "Architectes", "Conseil", "Informatique",
};
static const char *legal_forms[] = { "SARL", "SAS", "SASU", "EURL", "SA", "SCOP", "SCI" };
static const struct { const char *city, *postcode; } cities[] = {
  { "Paris", "75011" }, { "Lyon", "69003" }, { "Marseille", "13006" }, { "Toulouse", "31000" },
  { "Nantes", "44000" }, { "Bordeaux", "33000" }, { "Lille", "59000" }, { "Rennes", "35000" },
  { "Strasbourg", "67000" }, { "Montpellier", "34000" }, { "Grenoble", "38000" },
  { "Dijon", "21000" }, { "Angers", "49000" }, { "Nancy", "54000" }, { "Tours", "37000" },
  { "Clermont-Ferrand", "63000" }, { "Brest", "29200" }, { "Annecy", "74000" },
  { "Rouen", "76000" }, { "Limoges", "87000" }, { "Poitiers", "86000" }, { "Pau", "64000" },
};
static const char *streets[] = {
  "rue de la République", "avenue Jean Jaurès", "boulevard Victor Hugo", "rue Pasteur",
  "place de la Mairie", "rue du Moulin", "chemin des Vignes", "rue des Écoles",
  "avenue de la Gare", "rue Gambetta", "quai des Chartrons", "impasse des Lilas",
};
static const char *titles[] = {
  "Refonte du site", "Maintenance annuelle", "Fournitures de bureau", "Mission de conseil",
  "Travaux cuisine", "Formation équipe", "Renouvellement du parc", "Prestation mensuelle",
  "Campagne de printemps", "Audit et recommandations", "Commande du trimestre",
  "Installation réseau", "Accompagnement projet", NULL,
};

#define PICK(rand, array) (array[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

char *
cpt_demo_random_siren (GRand *rand)
{
  char digits[10];
  int sum = 0;

  for (int i = 0; i < 8; i++)
    digits[i] = '0' + g_rand_int_range (rand, i == 0 ? 1 : 0, 10);
  /* Luhn over 9 digits: doubling every second digit from the right, i.e. positions 1,3,5,7
   * counted from the left (0-based), once the check digit is appended. */
  for (int i = 0; i < 8; i++)
    {
      int d = digits[i] - '0';
      if (i % 2 == 1)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }
  digits[8] = '0' + (10 - sum % 10) % 10;
  digits[9] = '\0';
  return g_strdup (digits);
}

static gboolean
fill_company (CptDatabase *db, GError **error)
{
  g_autoptr(CptCompany) company = cpt_company_load (db, error);
  g_autofree char *name = NULL;

  if (company == NULL)
    return FALSE;
  g_object_get (company, "name", &name, NULL);
  if (name != NULL && *name != '\0')
    return TRUE;
  g_object_set (company,
                "name", "Atelier Lumière",
                "legal-form", "SARL",
                "share-capital", (gint64) 1000000,
                "siren", "732829320",
                "siret", "73282932000074",
                "rcs-city", "Lyon",
                "vat-number", "FR44732829320",
                "address", "12 rue de la Charité",
                "postcode", "69002",
                "city", "Lyon",
                "email", "contact@atelier-lumiere.fr",
                "phone", "04 78 00 00 00",
                "website", "https://atelier-lumiere.fr",
                "iban", "FR7630006000011234567890189",
                "bic", "AGRIFRPP",
                "payment-days", (gint64) 30,
                "penalty-text", "Pénalités de retard : trois fois le taux d’intérêt légal",
                "footer", "Merci de votre confiance.",
                NULL);
  return cpt_company_save (company, db, error);
}

static gint64
max_id (CptDatabase *db, CptStoreDemoTable table)
{
  return MAX (cpt_store_demo_max_id (db, table, NULL), 0);
}

static gboolean
add_products (CptDatabase *db, gint64 *out_first_id, GError **error)
{
  /* A second run reuses the catalogue of the first. */
  if (!cpt_store_demo_catalogue (db, demo_products[0].name, out_first_id, error))
    return FALSE;
  if (*out_first_id != 0)
    return TRUE;
  *out_first_id = max_id (db, CPT_STORE_DEMO_PRODUCTS) + 1;
  for (guint i = 0; i < G_N_ELEMENTS (demo_products); i++)
    {
      g_autofree char *code = g_strdup_printf ("%s-%03u",
                                               demo_products[i].type[0] == 's' ? "SRV" : "ART", i + 1);

      if (!cpt_store_demo_insert_product (db, demo_products[i].type, code, demo_products[i].name,
                                          demo_products[i].unit, demo_products[i].price,
                                          demo_products[i].rate, demo_products[i].account, error))
        return FALSE;
    }
  return TRUE;
}

static char *
ascii_slug (const char *text)
{
  g_autofree char *plain = g_str_to_ascii (text, "C");
  GString *slug = g_string_new (NULL);

  for (const char *p = plain; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (slug, g_ascii_tolower (*p));
  return g_string_free (slug, FALSE);
}

static gboolean
add_clients (CptDatabase *db, GRand *rand, guint n, GError **error)
{
  for (guint i = 0; i < n; i++)
    {
      gboolean company = g_rand_int_range (rand, 0, 100) < 75;
      g_autofree char *name = NULL, *siren = NULL, *siret = NULL, *vat = NULL;
      g_autofree char *email = NULL, *phone = NULL, *address = NULL, *slug = NULL;
      guint city = g_rand_int_range (rand, 0, G_N_ELEMENTS (cities));
      static const gint64 terms[] = { 0, 15, 30, 30, 30, 45, 60 };
      gint64 days = PICK (rand, terms);

      if (company)
        {
          name = g_strdup_printf ("%s %s %s", PICK (rand, trades), PICK (rand, surnames),
                                  PICK (rand, legal_forms));
          siren = cpt_demo_random_siren (rand);
          siret = g_strdup_printf ("%s%05d", siren, 10 + g_rand_int_range (rand, 0, 9) * 10);
          /* make the SIRET's Luhn digit right by adjusting its last digit */
          for (int d = 0; d < 10; d++)
            {
              siret[13] = '0' + d;
              if (cpt_siret_check (siret, NULL, NULL))
                break;
            }
          vat = cpt_vat_number_from_siren (siren);
        }
      else
        name = g_strdup_printf ("%s %s", PICK (rand, first_names), PICK (rand, surnames));
      slug = ascii_slug (name);
      email = g_strdup_printf ("%s%u@exemple.fr", slug, i % 97);
      phone = g_strdup_printf ("0%d %02d %02d %02d %02d", g_rand_int_range (rand, 1, 6),
                               g_rand_int_range (rand, 0, 100), g_rand_int_range (rand, 0, 100),
                               g_rand_int_range (rand, 0, 100), g_rand_int_range (rand, 0, 100));
      address = g_strdup_printf ("%d %s", g_rand_int_range (rand, 1, 120), PICK (rand, streets));

      {
        CptStoreDemoClient row = {
          .kind = company ? "company" : "individual", .name = name, .siren = siren,
          .siret = siret, .vat_number = vat, .email = email, .phone = phone, .address = address,
          .postcode = cities[city].postcode, .city = cities[city].city, .payment_days = days,
          .end_of_month = days == 45,
          .language = g_rand_int_range (rand, 0, 20) == 0 ? "en" : "fr",
        };

        if (!cpt_store_demo_insert_client (db, &row, error))
          return FALSE;
      }
    }
  return TRUE;
}

typedef struct
{
  guint  product;
  gint64 quantity, discount, net;
} DemoLine;

typedef struct
{
  gint64 id;           /* the client's last validated invoice not credited yet, or 0 */
  gint64 id_for_note;
  gint64 line_id;      /* its first line, which a credit note takes back */
  DemoLine line;
} LastInvoice;

/* Gives a document its number as the lifecycle would: pro forma at once, others when
 * validated (then locked, snapshotted and chained); quotes get sent and often answered. */
/* Most clients pay, some late, some in part, some not yet: payments with their allocation
 * (the triggers keep the receivables and daily totals). */
static gboolean
pay_document (CptDatabase *db, gint64 id, const char *iso, const char *today, GRand *rand,
              GError **error)
{
  static const char *const modes[] = { "transfer", "transfer", "transfer", "card", "cheque",
                                       "direct_debit", "cash" };
  gboolean old = cpt_date_days_between (iso, today) > 60;
  int luck = g_rand_int_range (rand, 0, 100);
  g_autofree char *paid_on = cpt_date_add_days (iso, g_rand_int_range (rand, 3, 45));
  gint64 amount = 0, client_id = 0;
  gboolean found = FALSE;

  if (strcmp (paid_on, today) > 0 || (old ? luck >= 99 : luck >= 45))
    return TRUE; /* not paid (yet) */
  if (!cpt_store_demo_receivable (db, id, &amount, &client_id, &found, error))
    return FALSE;
  if (!found || amount <= 0)
    return TRUE;
  if (luck < 3)
    amount = MAX (amount / 2, 1); /* paid in part */
  return cpt_store_demo_insert_payment (db, client_id, paid_on, amount, PICK (rand, modes), id, error);
}

static gboolean
number_document (CptDatabase *db, gint64 id, CptDocumentKind kind, const char *iso, const char *due,
                 gboolean validated, const char *deposit_series, const char *today, GRand *rand,
                 GError **error)
{
  g_autofree char *number = NULL, *period = NULL;
  const char *series;
  gint64 counter;

  if (kind == CPT_DOCUMENT_KIND_PROFORMA)
    {
      /* A series is named after its kind. */
      return cpt_series_take_next (db, cpt_document_kind_to_string (kind), iso, &number, &period,
                                   &counter, error) &&
             cpt_store_demo_number_proforma (db, id, number, period, counter, error);
    }
  if (!validated)
    return TRUE;
  series = kind == CPT_DOCUMENT_KIND_DEPOSIT ? deposit_series : cpt_document_kind_to_string (kind);
  if (!cpt_series_take_next (db, series, iso, &number, &period, &counter, error) ||
      !cpt_lifecycle_lock (db, id, number, series, period, counter, iso, due, error))
    return FALSE;
  if (kind == CPT_DOCUMENT_KIND_INVOICE || kind == CPT_DOCUMENT_KIND_DEPOSIT)
    return pay_document (db, id, iso, today, rand, error);
  if (kind == CPT_DOCUMENT_KIND_QUOTE)
    {
      int answer = g_rand_int_range (rand, 0, 100);
      g_autofree char *answered = cpt_date_add_days (iso, g_rand_int_range (rand, 1, 20));

      return cpt_store_demo_insert_marks (db, id, iso, answer < 55 ? answered : NULL,
                                          answer >= 55 && answer < 70 ? answered : NULL, error);
    }
  return TRUE;
}

static CptDocumentKind
pick_kind (GRand *rand)
{
  int r = g_rand_int_range (rand, 0, 100);

  if (r < 15)
    return CPT_DOCUMENT_KIND_QUOTE;
  if (r < 17)
    return CPT_DOCUMENT_KIND_PROFORMA;
  if (r < 20)
    return CPT_DOCUMENT_KIND_DEPOSIT;
  if (r < 25)
    return CPT_DOCUMENT_KIND_CREDIT_NOTE;
  return CPT_DOCUMENT_KIND_INVOICE;
}

gboolean
cpt_demo_generate (CptDatabase *db, guint n_clients, guint64 n_documents, guint32 seed,
                   CptDemoProgress progress, gpointer user_data, GError **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *today = cpt_date_today ();
  g_autofree char *start = cpt_date_add_days (today, -3 * 365);
  GDate start_date;
  gint64 first_product, first_client, last_client, client_count;
  guint64 done = 0;
  const int span_days = 3 * 365;
  g_autofree char *recent = cpt_date_add_days (today, -20);
  g_autofree LastInvoice *last_invoices = NULL;
  g_autofree char *deposit_series = NULL;
  /* the lines whose totals are computed, made once and filled for each document */
  g_autoptr(GPtrArray) line_models = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint l = 0; l < 8; l++)
    g_ptr_array_add (line_models, cpt_document_line_new ());
  if (n_documents > 0 && n_clients == 0 && max_id (db, CPT_STORE_DEMO_CLIENTS) == 0)
    n_clients = MAX (1, (guint) MIN (n_documents / 20 + 1, 50000));
  if (n_clients > 10000000 || n_documents > 100000000)
    {
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                   _("At most 10 000 000 clients and 100 000 000 documents"));
      return FALSE;
    }
  cpt_date_parse (start, &start_date);

  /* Company, products and clients: one transaction. */
  if (!cpt_database_begin (db, error))
    return FALSE;
  first_client = max_id (db, CPT_STORE_DEMO_CLIENTS) + 1;
  if (!fill_company (db, error) || !add_products (db, &first_product, error) ||
      !add_clients (db, rand, n_clients, error))
    {
      cpt_database_rollback (db);
      return FALSE;
    }
  if (!cpt_database_commit (db, error))
    return FALSE;
  last_client = max_id (db, CPT_STORE_DEMO_CLIENTS);
  client_count = last_client - first_client + 1;
  if (client_count <= 0)
    {
      first_client = 1;
      client_count = last_client;
    }
  last_invoices = g_new0 (LastInvoice, client_count);
  deposit_series = cpt_series_for_document_kind (db, CPT_DOCUMENT_KIND_DEPOSIT, error);
  if (deposit_series == NULL)
    return FALSE;

  while (done < n_documents)
    {
      guint64 chunk_end = MIN (done + CHUNK, n_documents);
      gint64 before = max_id (db, CPT_STORE_DEMO_DOCUMENTS);

      if (!cpt_database_begin (db, error))
        return FALSE;
      /* The search index is filled in one pass per chunk instead of by the triggers. */
      if (!cpt_search_drop_triggers (db, error))
        goto fail;

      for (guint64 i = done; i < chunk_end; i++)
        {
          CptDocumentKind kind = pick_kind (rand);
          /* Dates grow with the document's rank so that ids follow time, as in real use. */
          int day = (int) ((i * (guint64) span_days) / MAX (n_documents, 1));
          GDate date = start_date;
          g_autofree char *iso = NULL, *due = NULL, *valid = NULL;
          g_autoptr(GPtrArray) models = g_ptr_array_new ();
          CptDocumentTotals totals = { 0 };
          gint64 client_id = first_client + g_rand_int_range (rand, 0, (gint32) MIN (client_count, G_MAXINT32));
          int n_lines = g_rand_int_range (rand, 1, 7);
          gint64 document_id;
          const char *title = PICK (rand, titles);
          DemoLine lines[8];
          LastInvoice *credited = NULL;
          gboolean validated;
          gint64 credited_line = 0;

          g_date_add_days (&date, day);
          iso = cpt_date_to_iso (&date);
          /* Recent work is partly still in draft; older documents are all validated. */
          validated = strcmp (iso, recent) < 0 || g_rand_int_range (rand, 0, 2) == 0;
          if (kind == CPT_DOCUMENT_KIND_CREDIT_NOTE)
            {
              /* A credit note takes back the first line of the client's last invoice. */
              credited = &last_invoices[client_id - first_client];
              if (credited->id == 0)
                {
                  kind = CPT_DOCUMENT_KIND_INVOICE;
                  credited = NULL;
                }
              else
                {
                  n_lines = 1;
                  title = NULL;
                }
            }
          if (kind == CPT_DOCUMENT_KIND_QUOTE)
            valid = cpt_date_add_days (iso, 30);
          else if (kind != CPT_DOCUMENT_KIND_CREDIT_NOTE)
            due = cpt_date_add_days (iso, 30);

          for (int l = 0; l < n_lines; l++)
            {
              const DemoProduct *product;
              if (credited != NULL)
                {
                  lines[l] = credited->line;
                  credited_line = credited->line_id;
                  credited->id = 0; /* credited once */
                  continue;
                }
              lines[l].product = g_rand_int_range (rand, 0, G_N_ELEMENTS (demo_products));
              product = &demo_products[lines[l].product];
              lines[l].quantity = strcmp (product->unit, "HUR") == 0
                                    ? 500 * g_rand_int_range (rand, 1, 40)
                                    : 1000 * g_rand_int_range (rand, 1, 12);
              lines[l].discount = g_rand_int_range (rand, 0, 10) == 0 ? 500 * g_rand_int_range (rand, 1, 5) : 0;
            }
          /* The totals come from the same code as a person's documents */
          for (int l = 0; l < n_lines; l++)
            {
              CptDocumentLine *model = g_ptr_array_index (line_models, l);

              g_object_set (model, "kind", "item", "quantity", lines[l].quantity,
                            "unit-price", demo_products[lines[l].product].price,
                            "discount-percent", lines[l].discount,
                            "vat-rate", demo_products[lines[l].product].rate, NULL);
              g_ptr_array_add (models, model);
            }
          if (!cpt_documents_compute_totals (models, &totals, error))
            goto fail;
          for (int l = 0; l < n_lines; l++)
            lines[l].net = cpt_document_line_get_net (g_ptr_array_index (models, l));

          {
            CptStoreDemoDocument row = {
              .kind = kind, .client_id = client_id, .date = iso, .due_date = due,
              .valid_until = valid, .title = title,
              .payment_terms = due ? "Paiement à 30 jours" : NULL, .language = "fr",
              .total_net = totals.total_net, .total_vat = totals.total_vat,
              .total_gross = totals.total_gross, .amount_due = totals.amount_due,
              .credited_id = credited ? credited->id_for_note : 0,
            };
            gboolean written = cpt_store_demo_insert_document (db, &row, &document_id, error);

            cpt_document_totals_clear (&totals);
            if (!written)
              goto fail;
          }

          for (int l = 0; l < n_lines; l++)
            {
              const DemoProduct *product = &demo_products[lines[l].product];
              CptStoreDemoLine row = {
                .document_id = document_id, .position = l + 1,
                .product_id = first_product + lines[l].product, .description = product->name,
                .unit = product->unit, .account = product->account,
                .quantity = lines[l].quantity, .unit_price = product->price,
                .discount_percent = lines[l].discount, .vat_rate = product->rate,
                .net = lines[l].net, .credited_line_id = credited_line,
              };
              gint64 line_id = 0;

              if (!cpt_store_demo_insert_line (db, &row, &line_id, error))
                goto fail;
              if (l == 0 && kind == CPT_DOCUMENT_KIND_INVOICE && validated)
                {
                  LastInvoice *last = &last_invoices[client_id - first_client];
                  last->id = last->id_for_note = document_id;
                  last->line_id = line_id;
                  last->line.product = lines[0].product;
                  last->line.quantity = lines[0].quantity;
                  last->line.discount = lines[0].discount;
                  last->line.net = lines[0].net;
                }
            }
          if (!number_document (db, document_id, kind, iso, due, validated, deposit_series, today, rand, error))
            goto fail;
        }
      if (!cpt_search_index_documents_after (db, before, error) ||
          !cpt_search_create_triggers (db, error))
        goto fail;
      if (!cpt_database_commit (db, error))
        return FALSE;
      done = chunk_end;
      if (progress)
        progress (done, n_documents, user_data);
      continue;

    fail:
      cpt_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}
