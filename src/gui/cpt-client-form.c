/* cpt-client-form.c: a client's identity, addresses and terms. */
#define G_LOG_DOMAIN "cpt-client-form"

#include <string.h>
#include <glib/gi18n.h>

#include "cpt-client-form.h"
#include "cpt-error.h"
#include "cpt-gui-utils.h"
#include "cpt-identifiers.h"

struct _CptClientForm
{
  AdwPreferencesPage parent_instance;

  gboolean     loading;
  gboolean     modified;

  /* template children */
  AdwComboRow    *kind_row;
  AdwEntryRow    *name_row;
  AdwEntryRow    *siren_row;
  AdwEntryRow    *siret_row;
  AdwEntryRow    *vat_row;
  AdwEntryRow    *email_row;
  AdwEntryRow    *phone_row;
  AdwEntryRow    *address_row;
  AdwEntryRow    *postcode_row;
  AdwEntryRow    *city_row;
  AdwEntryRow    *country_row;
  AdwExpanderRow *delivery_row;
  AdwEntryRow    *delivery_address_row;
  AdwEntryRow    *delivery_postcode_row;
  AdwEntryRow    *delivery_city_row;
  AdwEntryRow    *delivery_country_row;
  AdwSpinRow     *days_row;
  AdwSwitchRow   *end_of_month_row;
  AdwComboRow    *language_row;
  AdwEntryRow    *currency_row;
};

G_DEFINE_FINAL_TYPE (CptClientForm, cpt_client_form, ADW_TYPE_PREFERENCES_PAGE)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_changed (CptClientForm *self)
{
  if (self->loading)
    return;
  self->modified = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_kind_changed (CptClientForm *self)
{
  /* A private person has no SIREN, SIRET or VAT number. */
  gboolean business = adw_combo_row_get_selected (self->kind_row) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->siren_row), business);
  gtk_widget_set_visible (GTK_WIDGET (self->siret_row), business);
  gtk_widget_set_visible (GTK_WIDGET (self->vat_row), business);
  on_changed (self);
}

static void
cpt_client_form_class_init (CptClientFormClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/comptoir/Comptoir/ui/cpt-client-form.ui");
  gtk_widget_class_bind_template_child (widget_class, CptClientForm, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientForm, name_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientForm, siren_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientForm, siret_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientForm, vat_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientForm, email_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientForm, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientForm, address_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientForm, postcode_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientForm, city_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientForm, country_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientForm, delivery_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientForm, delivery_address_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientForm, delivery_postcode_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientForm, delivery_city_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientForm, delivery_country_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientForm, days_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientForm, end_of_month_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientForm, language_row);
  gtk_widget_class_bind_template_child (widget_class, CptClientForm, currency_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed);
}

static void
cpt_client_form_init (CptClientForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  cpt_entry_row_add_check (self->siren_row, cpt_siren_check);
  cpt_entry_row_add_check (self->siret_row, cpt_siret_check);
  cpt_entry_row_add_check (self->vat_row, cpt_vat_number_check);
}

CptClientForm *
cpt_client_form_new (void)
{
  return g_object_new (CPT_TYPE_CLIENT_FORM, NULL);
}

void
cpt_client_form_load (CptClientForm *self,
                      CptClient     *client)
{
  g_autofree char *kind = NULL, *name = NULL, *siren = NULL, *siret = NULL, *vat = NULL;
  g_autofree char *email = NULL, *phone = NULL, *address = NULL, *postcode = NULL;
  g_autofree char *city = NULL, *country = NULL, *d_address = NULL, *d_postcode = NULL;
  g_autofree char *d_city = NULL, *d_country = NULL, *language = NULL, *currency = NULL;
  gint64 days = 30;
  gboolean end_of_month = FALSE;

  g_return_if_fail (CPT_IS_CLIENT_FORM (self));
  g_return_if_fail (CPT_IS_CLIENT (client));

  g_object_get (client, "kind", &kind, "name", &name, "siren", &siren, "siret", &siret,
                "vat-number", &vat, "email", &email, "phone", &phone, "address", &address,
                "postcode", &postcode, "city", &city, "country", &country,
                "delivery-address", &d_address, "delivery-postcode", &d_postcode,
                "delivery-city", &d_city, "delivery-country", &d_country,
                "payment-days", &days, "end-of-month", &end_of_month, "language", &language,
                "currency", &currency, NULL);

  self->loading = TRUE;
  adw_combo_row_set_selected (self->kind_row, g_strcmp0 (kind, "individual") == 0 ? 1 : 0);
  on_kind_changed (self);
  cpt_entry_row_set_text (self->name_row, name);
  cpt_entry_row_set_text (self->siren_row, siren);
  cpt_entry_row_set_text (self->siret_row, siret);
  cpt_entry_row_set_text (self->vat_row, vat);
  cpt_entry_row_set_text (self->email_row, email);
  cpt_entry_row_set_text (self->phone_row, phone);
  cpt_entry_row_set_text (self->address_row, address);
  cpt_entry_row_set_text (self->postcode_row, postcode);
  cpt_entry_row_set_text (self->city_row, city);
  cpt_entry_row_set_text (self->country_row, country ? country : "FR");
  adw_expander_row_set_enable_expansion (self->delivery_row,
                                         d_address != NULL || d_city != NULL);
  cpt_entry_row_set_text (self->delivery_address_row, d_address);
  cpt_entry_row_set_text (self->delivery_postcode_row, d_postcode);
  cpt_entry_row_set_text (self->delivery_city_row, d_city);
  cpt_entry_row_set_text (self->delivery_country_row, d_country);
  adw_spin_row_set_value (self->days_row, (double) days);
  adw_switch_row_set_active (self->end_of_month_row, end_of_month);
  adw_combo_row_set_selected (self->language_row, g_strcmp0 (language, "en") == 0 ? 1 : 0);
  cpt_entry_row_set_text (self->currency_row, currency ? currency : "EUR");
  self->loading = FALSE;
  self->modified = FALSE;
}

gboolean
cpt_client_form_apply (CptClientForm *self,
                       CptClient     *client,
                       GError       **error)
{
  gboolean business;
  gboolean delivery;
  g_autofree char *name = NULL;

  g_return_val_if_fail (CPT_IS_CLIENT_FORM (self), FALSE);
  g_return_val_if_fail (CPT_IS_CLIENT (client), FALSE);

  business = adw_combo_row_get_selected (self->kind_row) == 0;
  name = cpt_entry_row_dup_text (self->name_row);
  if (name == NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID, _("The client needs a name"));
      return FALSE;
    }
  if (business)
    {
      AdwEntryRow *rows[] = { self->siren_row, self->siret_row, self->vat_row };

      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        if (!cpt_entry_row_check_now (rows[i]))
          {
            gtk_widget_grab_focus (GTK_WIDGET (rows[i]));
            g_set_error (error, CPT_ERROR, CPT_ERROR_INVALID,
                         _("Correct the identifiers shown in red"));
            return FALSE;
          }
    }

  delivery = adw_expander_row_get_enable_expansion (self->delivery_row);
  {
    g_autofree char *siren = business ? cpt_entry_row_dup_text (self->siren_row) : NULL;
    g_autofree char *siret = business ? cpt_entry_row_dup_text (self->siret_row) : NULL;
    g_autofree char *vat = business ? cpt_entry_row_dup_text (self->vat_row) : NULL;
    g_autofree char *email = cpt_entry_row_dup_text (self->email_row);
    g_autofree char *phone = cpt_entry_row_dup_text (self->phone_row);
    g_autofree char *address = cpt_entry_row_dup_text (self->address_row);
    g_autofree char *postcode = cpt_entry_row_dup_text (self->postcode_row);
    g_autofree char *city = cpt_entry_row_dup_text (self->city_row);
    g_autofree char *country = cpt_entry_row_dup_text (self->country_row);
    g_autofree char *d_address = delivery ? cpt_entry_row_dup_text (self->delivery_address_row) : NULL;
    g_autofree char *d_postcode = delivery ? cpt_entry_row_dup_text (self->delivery_postcode_row) : NULL;
    g_autofree char *d_city = delivery ? cpt_entry_row_dup_text (self->delivery_city_row) : NULL;
    g_autofree char *d_country = delivery ? cpt_entry_row_dup_text (self->delivery_country_row) : NULL;
    g_autofree char *currency = cpt_entry_row_dup_text (self->currency_row);

    /* A SIRET starts with the SIREN: fill one from the other when only one is known. */
    if (siren == NULL && siret != NULL)
      {
        g_autofree char *normalized = cpt_identifier_normalize (siret);
        if (strlen (normalized) == 14)
          siren = g_strndup (normalized, 9);
      }

    g_object_set (client,
                  "kind", business ? "company" : "individual",
                  "name", name, "siren", siren, "siret", siret, "vat-number", vat,
                  "email", email, "phone", phone, "address", address, "postcode", postcode,
                  "city", city, "country", country,
                  "delivery-address", d_address, "delivery-postcode", d_postcode,
                  "delivery-city", d_city, "delivery-country", d_country,
                  "payment-days", (gint64) adw_spin_row_get_value (self->days_row),
                  "end-of-month", adw_switch_row_get_active (self->end_of_month_row),
                  "language", adw_combo_row_get_selected (self->language_row) == 1 ? "en" : "fr",
                  "currency", currency,
                  NULL);
  }
  return cpt_client_validate (client, error);
}

gboolean
cpt_client_form_get_modified (CptClientForm *self)
{
  g_return_val_if_fail (CPT_IS_CLIENT_FORM (self), FALSE);

  return self->modified;
}

void
cpt_client_form_set_name (CptClientForm *self,
                          const char    *name)
{
  g_return_if_fail (CPT_IS_CLIENT_FORM (self));

  cpt_entry_row_set_text (self->name_row, name);
}

void
cpt_client_form_focus_name (CptClientForm *self)
{
  g_return_if_fail (CPT_IS_CLIENT_FORM (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}
