/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-roles"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mqlw-csv-private.h"
#include "mqlw-bool-words.h"
#include "mqlw-date.h"
#include "mqlw-missing.h"
#include "mqlw-roles.h"
#include "mqlw-stage-table.h"

/* What a name says a column is; its values then decide (check_values). */
typedef enum {
  NAME_NONE = 0,
  NAME_LEAD_ID,
  NAME_ID,             /* *_id: the lead id only if nothing better and its values are unique */
  NAME_EMAIL,
  NAME_ACCOUNT,
  NAME_CREATED,
  NAME_AS_OF,
  NAME_ACTIVITY_DATE,
  NAME_STAGE,
  NAME_STATUS,         /* *_status, *stage*: a stage column only when its values are stage names */
  NAME_AMOUNT,
  NAME_REASON,
  NAME_SCORE,
  NAME_ACTIVITY_COUNT,
  NAME_OUTCOME,
  NAME_CONVERTED,      /* Salesforce's Converted / Converted Date: SQL */
  NAME_BECAME,         /* HubSpot "Became a … Date": see became_role */
  NAME_BOOKKEEPING,    /* Dynamics 365 "(Do Not Modify) …" */
  NAME_RECORD_CHANGED, /* when the record was last changed: after the outcome */
  NAME_CLOSED,         /* when the deal was lost or closed: after the outcome */
  NAME_CONVERTED_INTO, /* Salesforce's ConvertedOpportunityId …: made by the conversion */
  NAME_CONVERTED_OPPORTUNITY, /* Salesforce's ConvertedOpportunityId: filled, an opportunity was reached */
  NAME_FOLLOWS_STAGE,  /* a deal's probability or forecast category: set by its stage */
  NAME_COUNT_OUTCOME,  /* a count of won deals, orders, associated deals: above 0 reached */
  NAME_FROM_OUTCOME,   /* computed from the deals or orders themselves (open deals, predicted CLV) */
  NAME_GRADE,
  NAME_RATING,
} NameKind;

typedef struct {
  NameKind        kind;
  MqlwColumnRole  role;    /* for BECAME: the role its stage gives */
  MqlwStage       stage;
} NameGuess;

typedef struct {
  guint      n_values;      /* not empty, not read as missing */
  guint      n_bool, n_dates, n_numbers, n_integers, n_emails;
  guint      n_epoch;       /* Unix times (1709647200000): dates only in a column named as one */
  guint      bool_kinds;    /* BOOL_* bits of the yes/no words seen */
  guint      n_distinct, n_stage_known;
  double     mean_days;     /* of the values that are dates */
  char      *example;       /* a value that is not a date, for messages */
  gboolean   looked_at;
} Values;

enum {
  BOOL_01 = 1 << 0, BOOL_YES_NO = 1 << 1, BOOL_TRUE_FALSE = 1 << 2, BOOL_Y_N = 1 << 3,
  BOOL_T_F = 1 << 4,  /* bits below 20: 1 << the pair of mqlw-bool-words.h */
  BOOL_WON_LOST = 1 << 20, BOOL_ACCEPTED = 1 << 21,
};

/* ---- names --------------------------------------------------------------- */

static const char * const lead_id_names[] = {
  "id", "lead_id", "leadid", "record_id", "prospect_id", "contact_id", "person_id", "mql_id",
  "hs_object_id", "lead_number",
  /* Salesforce in French and Spanish ("ID de la piste"); German "Lead-ID" is lead_id */
  "id_de_la_piste", "id_du_lead", "id_de_lead", "id_del_lead", "id_de_candidato",
  /* HubSpot's "Record ID" in German, French, Spanish */
  "datensatz_id", "id_de_fiche_d_informations", "id_de_fiche", "id_de_registro", "id_del_registro", NULL,
};
static const char * const email_names[] = {
  "email", "email_address", "e_mail", "e_mail_address", "emailaddress", "work_email", "contact_email",
  "business_email", "primary_email", "emails" /* Freshsales */,
  /* German, French, Spanish exports (non-ASCII letters split words: "correo_electr_nico") */
  "e_mail_adresse", "adresse_e_mail", "courriel", "correo", "correo_electr_nico", "correo_electronico",
  NULL,
};
static const char * const account_names[] = {
  "company", "account", "account_name", "company_name", "company_account", "organization", "organisation",
  "organization_name", "employer", "potential_customer" /* Dynamics 365 opportunity */,
  /* German, French, Spanish exports */
  "firma", "unternehmen", "soci_t", "societe", "entreprise", "empresa",
  /* HubSpot's "Company Name" in German, French, Spanish */
  "name_des_unternehmens", "firmenname", "nom_de_l_entreprise", "nom_de_entreprise", "nombre_de_la_empresa",
  "nombre_de_empresa", NULL,
};
/* In order of preference when several are present. */
static const char * const created_names[] = {
  "created_at", "created_date", "create_date", "createdate", "created", "created_on", "created_time",
  "creation_date", "date_created", "lead_created_date", "lead_created", "first_contact_date",
  "first_contact", "first_touch_date", "engage_date", "engaged_date", "date_added", "added_on",
  "signup_date", "sign_up_date", "registration_date", "inquiry_date", "lead_date",
  /* Pipedrive "Deal - Deal created", "Person - Person created" (add_time in its API), Brevo ADDED_TIME,
   * Klaviyo "Profile Created On" */
  "deal_created", "person_created", "add_time", "added_time", "profile_created_on", "profile_created",
  /* German, French, Spanish exports (non-ASCII letters split words: "date_de_cr_ation") */
  "erstellt_am", "erstelldatum", "erstellungsdatum", "angelegt_am", "date_de_cr_ation", "date_de_creation",
  "cr_e_le", "cree_le", "fecha_de_creaci_n", "fecha_de_creacion", "fecha_creaci_n", "creado_el",
  NULL,
};
static const char * const as_of_names[] = {
  "as_of", "as_of_date", "scored_at", "mql_date", "mql_at", "mql_timestamp", "date_of_mql",
  "handover_date", "handoff_date", "handed_over", "marketing_qualified_date", "became_mql_date", NULL,
};
static const char * const activity_date_names[] = {
  "last_activity_at", "last_activity_date", "last_activity", "last_activity_on", "last_activity_timestamp",
  "last_engagement_date", "last_interesting_moment_date", "last_touch_date", "recent_activity_date",
  /* Mautic, ActiveCampaign */
  "last_active", "last_active_date", "last_activity_time",
  /* HubSpot's "Last Activity Date" in German, French, Spanish (non-ASCII letters split words) */
  "datum_der_letzten_aktivit_t", "letzte_aktivit_t", "date_de_derni_re_activit", "derni_re_activit",
  "fecha_de_la_ltima_actividad", "fecha_de_ltima_actividad", "ltima_actividad", NULL,
};
/* When the platform last changed the record (any field, often by the sales
 * process itself): it happens after the outcome, so a rule on it would read
 * the future. Marketo updatedAt, Zoho Modified Time, Salesforce
 * LastModifiedDate / SystemModstamp, HubSpot Last Modified Date, Dynamics
 * Modified On, Mautic date_modified, Pipedrive Update time. */
static const char * const record_changed_names[] = {
  "updated_at", "updated", "updated_on", "updated_date", "date_updated", "last_updated", "last_updated_at",
  "last_updated_date", "update_time", "modified", "modified_at", "modified_on", "modified_time",
  "modified_date", "date_modified", "last_modified", "last_modified_at", "last_modified_date",
  "last_modified_time", "last_modified_on", "lastmodifieddate", "hs_lastmodifieddate", "system_modstamp",
  "systemmodstamp", NULL,
};
/* When a deal was lost or closed (Pipedrive "Deal - Lost time", Dynamics
 * "Actual Close Date"): it exists only once the outcome is known. */
static const char * const closed_names[] = {
  "lost_time", "lost_date", "lost_at", "lost_on", "close_time", "closed_time", "actual_close_date",
  "closed_date", "date_closed", "closed_at", "closed_on",
  /* a deal's expected close date (Zoho "Closing Date", Salesforce CloseDate, Pipedrive "Expected close
   * date"): set by sales once a deal exists and moved to the day it closes */
  "closing_date", "close_date", "closedate", "expected_close_date", "expected_close",
  /* Salesforce's IsClosed, HubSpot's hs_is_closed: true once won or lost */
  "is_closed", "hs_is_closed", NULL,
};
/* What a deal's stage sets (Salesforce's Probability and ForecastCategoryName
 * follow StageName, HubSpot's hs_deal_stage_probability its dealstage): 100 %
 * and "Closed" once won, so a rule on them would read the outcome. */
static const char * const follows_stage_names[] = {
  /* Amount × Probability (Zoho "Expected Revenue", Salesforce ExpectedRevenue) */
  "expected_revenue", "expectedrevenue",
  "probability", "probability_percent", "deal_probability", "opportunity_probability", "win_probability",
  "deal_stage_probability", "hs_deal_stage_probability", "forecast_category", "forecast_category_name",
  "hs_forecast_category", "hs_forecast_probability", NULL,
};
/* The records a Salesforce lead's conversion made: filled only once sales
 * converted it, so a rule on them would read the outcome. */
static const char * const converted_into_names[] = {
  "converted_account_id", "converted_contact_id", "converted_account", "converted_contact", NULL,
};
/* The opportunity a conversion made: its id filled says an opportunity was
 * reached (Salesforce converts a lead with or without one). */
static const char * const converted_opportunity_names[] = {
  "converted_opportunity_id", "converted_opportunity", "converted_deal_id", "converted_deal", NULL,
};
/* Counts whose "more than 0" is a stage reached: Pipedrive's person "Won
 * deals" (won_deals_count), Klaviyo's "Historic Number Of Orders" ("number of
 * already placed orders": an order is the win of a shop), HubSpot's
 * num_associated_deals ("Number of Associated Deals": a deal made is an
 * opportunity). 0 is "not reached" as the export was made, as Salesforce's
 * IsConverted false is; an empty count (Klaviyo computes none for some
 * profiles) is unknown. */
static const struct { const char *name; MqlwStage stage; } count_outcome_names[] = {
  { "won_deals", MQLW_STAGE_WON }, { "won_deals_count", MQLW_STAGE_WON },
  { "historic_number_of_orders", MQLW_STAGE_WON },
  { "num_associated_deals", MQLW_STAGE_OPPORTUNITY }, { "number_of_associated_deals", MQLW_STAGE_OPPORTUNITY },
};
/* Computed from the deals or orders, the outcome itself, so no fit field:
 * Pipedrive's person "Open deals", "Lost deals", "Closed deals" (not read as
 * outcomes: a person with an open deal and a lost one has 1 open deal, and 0
 * lost deals says nothing while a deal is open), Klaviyo's predictions and
 * averages over the orders placed. */
static const char * const from_outcome_names[] = {
  "open_deals", "open_deals_count", "lost_deals", "lost_deals_count", "closed_deals", "closed_deals_count",
  "related_open_deals_count", "related_closed_deals_count", "related_won_deals_count",
  "related_lost_deals_count", "predicted_number_of_orders", "predicted_customer_lifetime_value",
  "predicted_clv", "total_customer_lifetime_value", "total_clv", "churn_probability", "churn_risk",
  "average_order_value", "average_days_between_orders", "expected_date_of_next_order", NULL,
};
static const char * const stage_names[] = {
  "stage", "lifecycle_stage", "lifecyclestage", "lifecycle", "lead_stage", "lead_lifecycle_stage",
  "lead_status", "hs_lead_status", "status", "status_reason", "statuscode", "lead_status_reason",
  "deal_stage", "dealstage", "opportunity_stage", "opportunity_status", "stage_name", "stagename",
  "sales_stage", "pipeline_stage", "funnel_stage", "prospect_status",
  /* German, French, Spanish exports */
  "lebenszyklusphase", "phase_du_cycle_de_vie", "tape_du_cycle_de_vie", "statut_du_lead",
  "statut_de_lead", "etapa_del_ciclo_de_vida", "estado_del_lead", "estado_de_lead", "verkaufsphase",
  "phase_de_l_opportunit", "etapa_de_la_oportunidad", "statut_de_la_piste",
  NULL,
};
static const char * const amount_names[] = {
  "amount", "deal_amount", "deal_value", "deal_size", "opportunity_amount", "opportunity_value",
  "close_value", "closed_value", "est_revenue", "estimated_revenue", "est_value", "estimated_value",
  "won_amount", "amount_converted", "contract_value", "actual_revenue", "actual_value",
  /* Klaviyo: "Total value of all historically placed orders" */
  "historic_customer_lifetime_value", "historic_clv",
  /* German, French, Spanish exports */
  "betrag", "montant", "importe", NULL,
};
static const char * const reason_names[] = {
  "rejection_reason", "reject_reason", "rejected_reason", "reason_for_rejection", "disqualification_reason",
  "disqualify_reason", "disqualified_reason", "unqualified_reason", "lost_reason", "loss_reason",
  "reason_lost", "closed_lost_reason", NULL,
};
/* The headline scores; other *_score columns are candidates, parts last. */
static const char * const headline_score_names[] = {
  "score", "lead_score", "hubspot_score", "hubspotscore", "person_score", "prospect_score",
  "pardot_score", "total_score", "marketo_score", "msdyn_leadscore", "zoho_score",
  /* Mautic's score is its contact points */
  "points", "mautic_points", "contact_points", "lead_points", "total_points",
  "punktzahl", "lead_punktzahl", "puntuaci_n", "puntuacion", "puntuaci_n_del_lead",
  /* HubSpot's score in German, French, Spanish */
  "hubspot_punktzahl", "score_hubspot", "puntuaci_n_de_hubspot", "puntuacion_de_hubspot",
  NULL,
};
static const char * const part_score_words[] = {
  "behavior", "behaviour", "demographic", "engagement", "fit", "activity", "profile", "interest",
  "intent", "firmographic",
  /* Zoho's parts of its Score */
  "positive", "negative", "touch_point", "touchpoint", NULL,
};
static const char * const grade_names[] = {
  "grade", "pardot_grade", "prospect_grade", "lead_grade", "account_grade", "msdyn_leadgrade",
  "contact_grade", NULL,
};
static const char * const rating_names[] = { "rating", "lead_rating", "account_rating", NULL };

static const struct { const char *names[24]; MqlwStage stage; } outcome_names[] = {
  { { "sal", "is_sal", "sal_date", "sal_at", "sales_accepted", "sales_accepted_date", "accepted",
      "is_accepted", "accepted_date", "accepted_at", "date_accepted", NULL }, MQLW_STAGE_ACCEPTED },
  { { "sql", "is_sql", "sql_date", "sql_at", "sales_qualified", "sales_qualified_date", NULL }, MQLW_STAGE_SQL },
  { { "opportunity", "opp", "is_opportunity", "has_opportunity", "opportunity_created", "opp_created",
      "opportunity_date", "opportunity_created_date", "opportunity_created_at", "opportunity_at", NULL },
    MQLW_STAGE_OPPORTUNITY },
  { { "won", "is_won", "iswon", "closed_won", "closedwon", "won_date", "won_at", "closed_won_date",
      "hs_is_closed_won", "is_closed_won",
      "deal_won", "win", "customer", "is_customer", "became_customer", "customer_date",
      "won_time" /* Pipedrive "Deal - Won time" */, NULL }, MQLW_STAGE_WON },
};
static const char * const converted_names[] = {
  "converted", "is_converted", "isconverted", "lead_converted", "converted_date", "converted_at",
  "converted_on", "conversion_date", "date_converted",
  /* Salesforce in German, French, Spanish ("Konvertiert" Ja/Nein, "Converti" Oui/Non) */
  "konvertiert", "konvertierungsdatum", "converti", "convertie", "date_de_conversion", "convertido",
  "fecha_de_conversi_n", "fecha_de_conversion", NULL,
};

/* HubSpot's lifecycle stages as they appear in "Became a … Date" and
 * "hs_lifecyclestage_…_date": the stage the date proves, the MQL date, or neither. */
static const struct { const char *word; MqlwColumnRole role; MqlwStage stage; } became_stages[] = {
  { "sales_qualified_lead", MQLW_ROLE_OUTCOME, MQLW_STAGE_SQL },
  { "salesqualifiedlead", MQLW_ROLE_OUTCOME, MQLW_STAGE_SQL },
  { "opportunity", MQLW_ROLE_OUTCOME, MQLW_STAGE_OPPORTUNITY },
  { "customer", MQLW_ROLE_OUTCOME, MQLW_STAGE_WON },
  { "marketing_qualified_lead", MQLW_ROLE_AS_OF, 0 },
  { "marketingqualifiedlead", MQLW_ROLE_AS_OF, 0 },
  { "subscriber", MQLW_ROLE_FIT, 0 },
  { "lead", MQLW_ROLE_FIT, 0 },
  { "evangelist", MQLW_ROLE_FIT, 0 },
  { "other_lifecycle", MQLW_ROLE_FIT, 0 },
  { "other", MQLW_ROLE_FIT, 0 },
};

static gboolean
in_list (const char         *name,
         const char * const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (strcmp (name, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_word (const char *name,
          const char *word)
{
  gsize len = strlen (word);

  for (const char *p = strstr (name, word); p != NULL; p = strstr (p + 1, word))
    if ((p == name || p[-1] == '_') && (p[len] == '\0' || p[len] == '_'))
      return TRUE;
  return FALSE;
}

char *
mqlw_roles_normalize (const char *header)
{
  GString *out;
  gboolean split_camel, gap = FALSE;

  g_return_val_if_fail (header != NULL, NULL);

  /* "CreatedDate" and "leadScore" are API names; "HubSpot Score" is not one. */
  split_camel = strpbrk (header, " _-.") == NULL;
  out = g_string_new (NULL);
  for (const char *p = header; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p))
        {
          gap = TRUE;
          continue;
        }
      if (split_camel && g_ascii_isupper (*p) && p > header && g_ascii_islower (p[-1]))
        gap = TRUE;
      if (gap && out->len > 0)
        g_string_append_c (out, '_');
      gap = FALSE;
      g_string_append_c (out, g_ascii_tolower (*p));
    }
  return g_string_free (out, FALSE);
}

/* "became_a_customer_date", "became_an_opportunity_date", "date_entered_customer…",
 * "hs_lifecyclestage_customer_date": the index in became_stages, or -1. */
static int
became_stage (const char *name)
{
  const char *rest = NULL;

  if (g_str_has_prefix (name, "became_an_"))
    rest = name + strlen ("became_an_");
  else if (g_str_has_prefix (name, "became_a_"))
    rest = name + strlen ("became_a_");
  else if (g_str_has_prefix (name, "hs_lifecyclestage_"))
    rest = name + strlen ("hs_lifecyclestage_");
  else if (g_str_has_prefix (name, "date_entered_"))
    rest = name + strlen ("date_entered_");
  if (rest == NULL)
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (became_stages); i++)
    if (g_str_has_prefix (rest, became_stages[i].word))
      {
        const char *after = rest + strlen (became_stages[i].word);
        if (*after == '\0' || *after == '_')
          return (int) i;
      }
  return -1;
}

static NameGuess
guess_by_name (const char *name)
{
  NameGuess guess = { NAME_NONE, MQLW_ROLE_FIT, 0 };
  int became;

  for (guint i = 0; i < G_N_ELEMENTS (outcome_names); i++)
    if (in_list (name, outcome_names[i].names))
      return (NameGuess) { NAME_OUTCOME, MQLW_ROLE_OUTCOME, outcome_names[i].stage };
  if (in_list (name, converted_names))
    return (NameGuess) { NAME_CONVERTED, MQLW_ROLE_OUTCOME, MQLW_STAGE_SQL };
  if ((became = became_stage (name)) >= 0)
    return (NameGuess) { NAME_BECAME, became_stages[became].role, became_stages[became].stage };
  if (g_str_has_prefix (name, "do_not_modify_"))
    {
      const char *entity = name + strlen ("do_not_modify_");
      if (strcmp (entity, "lead") == 0 || strcmp (entity, "contact") == 0 || strcmp (entity, "opportunity") == 0)
        return (NameGuess) { NAME_LEAD_ID, MQLW_ROLE_LEAD_ID, 0 };
      return (NameGuess) { NAME_BOOKKEEPING, MQLW_ROLE_NONE, 0 };
    }
  if (in_list (name, record_changed_names))
    return (NameGuess) { NAME_RECORD_CHANGED, MQLW_ROLE_NONE, 0 };
  if (in_list (name, closed_names))
    return (NameGuess) { NAME_CLOSED, MQLW_ROLE_NONE, 0 };
  if (in_list (name, converted_into_names))
    return (NameGuess) { NAME_CONVERTED_INTO, MQLW_ROLE_NONE, 0 };
  if (in_list (name, converted_opportunity_names))
    return (NameGuess) { NAME_CONVERTED_OPPORTUNITY, MQLW_ROLE_OUTCOME, MQLW_STAGE_OPPORTUNITY };
  if (in_list (name, follows_stage_names))
    return (NameGuess) { NAME_FOLLOWS_STAGE, MQLW_ROLE_NONE, 0 };
  if (in_list (name, from_outcome_names))
    return (NameGuess) { NAME_FROM_OUTCOME, MQLW_ROLE_NONE, 0 };
  for (guint i = 0; i < G_N_ELEMENTS (count_outcome_names); i++)
    if (strcmp (name, count_outcome_names[i].name) == 0)
      return (NameGuess) { NAME_COUNT_OUTCOME, MQLW_ROLE_OUTCOME, count_outcome_names[i].stage };
  if (in_list (name, lead_id_names))
    return (NameGuess) { NAME_LEAD_ID, MQLW_ROLE_LEAD_ID, 0 };
  if (in_list (name, email_names))
    return (NameGuess) { NAME_EMAIL, MQLW_ROLE_EMAIL, 0 };
  if (in_list (name, account_names))
    return (NameGuess) { NAME_ACCOUNT, MQLW_ROLE_ACCOUNT, 0 };
  if (in_list (name, created_names))
    return (NameGuess) { NAME_CREATED, MQLW_ROLE_CREATED_AT, 0 };
  if (in_list (name, as_of_names))
    return (NameGuess) { NAME_AS_OF, MQLW_ROLE_AS_OF, 0 };
  if (in_list (name, activity_date_names) || (g_str_has_suffix (name, "_last_at") && strlen (name) > 8))
    return (NameGuess) { NAME_ACTIVITY_DATE, MQLW_ROLE_ACTIVITY_DATE, 0 };
  if (in_list (name, stage_names) || (g_str_has_suffix (name, "_stage") && strlen (name) > 6))
    return (NameGuess) { NAME_STAGE, MQLW_ROLE_STAGE, 0 };
  if (in_list (name, reason_names))
    return (NameGuess) { NAME_REASON, MQLW_ROLE_REJECTION_REASON, 0 };
  if (in_list (name, amount_names))
    return (NameGuess) { NAME_AMOUNT, MQLW_ROLE_DEAL_AMOUNT, 0 };
  if (in_list (name, headline_score_names) || has_word (name, "score") || g_str_has_suffix (name, "score"))
    return (NameGuess) { NAME_SCORE, MQLW_ROLE_SCORE, 0 };
  if (in_list (name, grade_names))
    return (NameGuess) { NAME_GRADE, MQLW_ROLE_FIT, 0 };
  if (in_list (name, rating_names))
    return (NameGuess) { NAME_RATING, MQLW_ROLE_FIT, 0 };
  if (mqlw_mapping_name_is_activity (name))
    return (NameGuess) { NAME_ACTIVITY_COUNT, MQLW_ROLE_ACTIVITY_COUNT, 0 };
  if (has_word (name, "status") || has_word (name, "stage"))
    return (NameGuess) { NAME_STATUS, MQLW_ROLE_STAGE, 0 };
  if (g_str_has_suffix (name, "_id"))
    return (NameGuess) { NAME_ID, MQLW_ROLE_FIT, 0 };
  return guess;
}

/* Every list of names above, for names written without their gaps. */
static const char * const * const all_name_lists[] = {
  lead_id_names, email_names, account_names, created_names, as_of_names, activity_date_names,
  record_changed_names, closed_names, converted_into_names, converted_opportunity_names, follows_stage_names, from_outcome_names,
  stage_names, amount_names, reason_names, headline_score_names, grade_names, rating_names, converted_names,
};

/* "created_date" is "createddate" without its gaps. */
static gboolean
same_without_gaps (const char *known,
                   const char *glued)
{
  if (strchr (known, '_') == NULL)
    return FALSE;
  for (; *known != '\0'; known++)
    if (*known != '_' && *known != *glued++)
      return FALSE;
  return *glued == '\0';
}

/* A name the lists know with its gaps ("created_date") written without them:
 * Salesforce's Data Loader heads its columns with the API names in capitals
 * ("CREATEDDATE", "LASTACTIVITYDATE"), where no case change marks the words. */
static const char *
regap_name (const char *name)
{
  if (strchr (name, '_') != NULL || guess_by_name (name).kind != NAME_NONE)
    return NULL;
  for (guint l = 0; l < G_N_ELEMENTS (all_name_lists); l++)
    for (guint i = 0; all_name_lists[l][i] != NULL; i++)
      if (same_without_gaps (all_name_lists[l][i], name))
        return all_name_lists[l][i];
  for (guint s = 0; s < G_N_ELEMENTS (outcome_names); s++)
    for (guint i = 0; outcome_names[s].names[i] != NULL; i++)
      if (same_without_gaps (outcome_names[s].names[i], name))
        return outcome_names[s].names[i];
  return NULL;
}

/* The name roles are guessed from: the header normalized, a Salesforce custom
 * field's API name without its "__c" and its package's namespace
 * ("pi__score__c", Account Engagement's score on a Salesforce lead, is
 * "score"; "Lead_Score__c" is "lead_score"), and capitals glued together read
 * with their gaps (regap_name). */
static char *
role_name (const char *header)
{
  gsize len = strlen (header);
  g_autofree char *field = NULL;
  const char *namespace_end;
  char *name;
  const char *spaced;

  if (len > 3 && header[len - 3] == '_' && header[len - 2] == '_' && g_ascii_tolower (header[len - 1]) == 'c')
    {
      field = g_strndup (header, len - 3);
      namespace_end = strstr (field, "__");
      if (namespace_end != NULL && namespace_end[2] != '\0')
        memmove (field, namespace_end + 2, strlen (namespace_end + 2) + 1);
    }
  name = mqlw_roles_normalize (field != NULL ? field : header);
  if ((spaced = regap_name (name)) != NULL)
    {
      g_free (name);
      name = g_strdup (spaced);
    }
  return name;
}

/* Pipedrive names its columns "<Entity> - <Field>" ("Deal - Status", "Person -
 * Email", "Deal - Won time", "Lead - Created"): when the whole name says
 * nothing, the field's name decides. An organization's id is not the lead's. */
static NameGuess
guess_header (const char *header,
              const char *name)
{
  static const char * const entities[] = {
    "deal", "person", "lead", "contact", "organization", "organisation", "org", NULL,
  };
  NameGuess guess = guess_by_name (name);
  const char *dash;
  g_autofree char *entity = NULL;
  g_autofree char *field = NULL;
  NameGuess by_field;

  if ((guess.kind != NAME_NONE && guess.kind != NAME_ID) || (dash = strstr (header, " - ")) == NULL)
    return guess;
  entity = g_strndup (header, dash - header);
  field = mqlw_roles_normalize (entity);
  if (!in_list (field, entities))
    return guess;
  g_free (entity);
  entity = g_steal_pointer (&field);
  field = mqlw_roles_normalize (dash + 3);
  by_field = guess_by_name (field);
  if (by_field.kind == NAME_NONE)
    return guess;
  if (by_field.kind == NAME_LEAD_ID && g_str_has_prefix (entity, "org"))
    return (NameGuess) { NAME_ID, MQLW_ROLE_FIT, 0 };
  return by_field;
}

static const char *
stage_word (MqlwStage stage)
{
  return _(mqlw_stage_label (stage));
}

/* Why a name suggests its role (translated, newly allocated). */
static char *
describe_name (const NameGuess *guess)
{
  switch (guess->kind)
    {
    case NAME_LEAD_ID: return g_strdup (_("named like a lead id"));
    case NAME_ID: return g_strdup (_("named like an id"));
    case NAME_EMAIL: return g_strdup (_("named like an e-mail address"));
    case NAME_ACCOUNT: return g_strdup (_("named like an account"));
    case NAME_CREATED: return g_strdup (_("named like the created date"));
    case NAME_AS_OF: return g_strdup (_("named like the MQL date (when the lead was handed over)"));
    case NAME_ACTIVITY_DATE: return g_strdup (_("named like the last activity date"));
    case NAME_STAGE: return g_strdup (_("named like a stage column"));
    case NAME_STATUS: return g_strdup (_("named like a status"));
    case NAME_AMOUNT: return g_strdup (_("named like a deal amount"));
    case NAME_REASON: return g_strdup (_("named like a rejection reason"));
    case NAME_SCORE: return g_strdup (_("named like a platform score"));
    case NAME_ACTIVITY_COUNT: return g_strdup (_("named like an activity count"));
    case NAME_OUTCOME: return g_strdup_printf (_("named like an outcome (%s)"), stage_word (guess->stage));
    case NAME_CONVERTED:
      return g_strdup (_("named like a conversion, read as SQL (Salesforce converts a lead when sales qualifies it)"));
    case NAME_BECAME:
      if (guess->role == MQLW_ROLE_OUTCOME)
        return g_strdup_printf (_("a HubSpot “Became a … Date” column: the date the lead reached %s"),
                                stage_word (guess->stage));
      if (guess->role == MQLW_ROLE_AS_OF)
        return g_strdup (_("a HubSpot “Became a … Date” column: the date the lead became an MQL"));
      return g_strdup (_("a HubSpot “Became a … Date” column for a stage before the MQL"));
    case NAME_BOOKKEEPING: return g_strdup (_("a Dynamics 365 bookkeeping column"));
    case NAME_RECORD_CHANGED:
      return g_strdup (_("when the record was last changed: later than the outcome, not a fit field"));
    case NAME_CLOSED:
      return g_strdup (_("when the deal was lost or closed: known only with the outcome, not a fit field"));
    case NAME_CONVERTED_INTO:
      return g_strdup (_("a record the lead's conversion made: filled only after sales converted it, not a fit field"));
    case NAME_CONVERTED_OPPORTUNITY:
      return g_strdup (_("the opportunity the lead's conversion made: filled, an opportunity was reached; "
                         "blank, none (unknown while the lead is not converted)"));
    case NAME_FOLLOWS_STAGE:
      return g_strdup (_("set by the deal's stage (certain once won): known only with the outcome, not a fit field"));
    case NAME_COUNT_OUTCOME:
      return g_strdup_printf (_("a count of the lead's deals or orders (%s): above 0 reached, 0 not reached, "
                                "empty unknown"), stage_word (guess->stage));
    case NAME_FROM_OUTCOME:
      return g_strdup (_("computed from the lead's deals or orders, the outcome itself: not a fit field"));
    case NAME_GRADE: return g_strdup (_("a platform grade (A to D), usable in fit rules"));
    case NAME_RATING: return g_strdup (_("a rating (Hot, Warm, Cold), usable in fit rules"));
    case NAME_NONE:
    default:
      return g_strdup (_("not named like any known role: a fit field"));
    }
}

/* ---- values ------------------------------------------------------------- */

static guint
bool_kind (const char *s,
           gsize       len)
{
  static const struct { const char *word; guint kind; } outcome_words[] = {
    { "won", BOOL_WON_LOST }, { "lost", BOOL_WON_LOST }, { "accepted", BOOL_ACCEPTED }, { "rejected", BOOL_ACCEPTED },
  };
  const MqlwBoolWord *word;

  for (guint i = 0; i < G_N_ELEMENTS (outcome_words); i++)
    if (strlen (outcome_words[i].word) == len && g_ascii_strncasecmp (s, outcome_words[i].word, len) == 0)
      return outcome_words[i].kind;
  word = mqlw_bool_word_find (s, len);
  return word != NULL ? 1u << word->pair : 0;
}

static const char *
bool_flavour (guint kinds)
{
  const MqlwBoolWord *words = mqlw_bool_words ();

  switch (kinds)
    {
    case BOOL_WON_LOST: return "won/lost";
    case BOOL_ACCEPTED: return "accepted/rejected";
    default:
      break;
    }
  /* One pair of words: its own name; several, or none: yes/no. */
  if (kinds != 0 && (kinds & (kinds - 1)) == 0 && kinds < BOOL_WON_LOST)
    for (guint i = 0; words[i].word != NULL; i++)
      if ((1u << words[i].pair) == kinds)
        /* The other pairs are the file's own words; marks are described.
         * TRANSLATORS: a column holding X or ✓ marks, in "values X marks" */
        return mqlw_bool_word_is_mark (&words[i]) ? _("X marks") : words[i].flavour;
  return "yes/no";
}

static gboolean
parse_number (const char *s,
              gsize       len,
              gboolean   *integral)
{
  char buf[64];
  char *end = NULL;
  double v;

  if (len == 0 || len >= sizeof buf || !(g_ascii_isdigit (s[0]) || s[0] == '-' || s[0] == '+' || s[0] == '.'))
    return FALSE;
  memcpy (buf, s, len);
  buf[len] = '\0';
  v = g_ascii_strtod (buf, &end);
  if (end != buf + len || !isfinite (v) || memchr (buf, 'x', len) != NULL || memchr (buf, 'X', len) != NULL)
    return FALSE;
  *integral = v == floor (v) && memchr (buf, '.', len) == NULL;
  return TRUE;
}

static gboolean
looks_like_email (const char *s,
                  gsize       len)
{
  const char *at = memchr (s, '@', len);

  return at != NULL && at > s && memchr (at, '.', len - (gsize) (at - s)) != NULL;
}

static void
collect_values (Values               *v,
                GPtrArray            *rows,
                const guint          *lengths,
                guint                 col,
                const char           *column_name,
                const MqlwMissingSet *missing,
                gboolean              want_stages)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) distinct = g_ptr_array_new ();
  double sum_days = 0;

  v->looked_at = TRUE;
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv row = g_ptr_array_index (rows, r);
      const char *s;
      gsize len;
      gint32 days;
      gboolean integral;
      guint kind;
      char *key;

      if (lengths[r] <= col)
        continue;
      s = row[col];
      len = strlen (s);
      while (len > 0 && g_ascii_isspace (*s))
        s++, len--;
      while (len > 0 && g_ascii_isspace (s[len - 1]))
        len--;
      if (len == 0 || mqlw_missing_set_match (missing, s, len))
        continue;
      v->n_values++;
      if ((kind = bool_kind (s, len)) != 0)
        {
          v->n_bool++;
          v->bool_kinds |= kind;
        }
      if (mqlw_date_is_epoch (s, len))
        {
          v->n_epoch++;
          if (v->example == NULL)
            v->example = g_strndup (s, MIN (len, 40));
        }
      else if (mqlw_date_forms (s, len) != 0 && mqlw_date_parse (s, len, MQLW_DATE_ORDER_AUTO, &days))
        {
          v->n_dates++;
          sum_days += days;
        }
      else if (v->example == NULL)
        v->example = g_strndup (s, MIN (len, 40));
      if (parse_number (s, len, &integral))
        {
          v->n_numbers++;
          v->n_integers += integral;
        }
      if (looks_like_email (s, len))
        v->n_emails++;
      key = g_strndup (s, len);
      if (g_hash_table_contains (seen, key))
        g_free (key);
      else
        {
          g_ptr_array_add (distinct, key);
          g_hash_table_add (seen, key);
        }
    }
  v->n_distinct = g_hash_table_size (seen);
  v->mean_days = v->n_dates > 0 ? sum_days / v->n_dates : NAN;
  if (want_stages && distinct->len > 0)
    {
      MqlwStageContext context;

      g_ptr_array_add (distinct, NULL);
      context = mqlw_stage_table_context (column_name, (const char * const *) distinct->pdata);
      for (guint i = 0; i + 1 < distinct->len && i < 200; i++)
        v->n_stage_known += mqlw_stage_table_lookup (context, g_ptr_array_index (distinct, i)) != NULL;
    }
}

static gboolean
is_numeric (MqlwColumnType type)
{
  return type == MQLW_COLUMN_TYPE_INTEGER || type == MQLW_COLUMN_TYPE_DECIMAL;
}

/* How the values look, for the reason (translated, newly allocated; NULL when nothing to say). */
static char *
describe_values (const Values   *v,
                 MqlwColumnType  type)
{
  if (v->n_values == 0)
    return g_strdup (_("no values in the first rows"));
  switch (type)
    {
    case MQLW_COLUMN_TYPE_BOOLEAN:
      return g_strdup_printf (_("values %s"), bool_flavour (v->bool_kinds));
    case MQLW_COLUMN_TYPE_DATE:
      return g_strdup (_("values are dates"));
    case MQLW_COLUMN_TYPE_INTEGER:
      return g_strdup (_("values are whole numbers"));
    case MQLW_COLUMN_TYPE_DECIMAL:
      return g_strdup (_("values are numbers"));
    case MQLW_COLUMN_TYPE_CATEGORICAL:
    default:
      return g_strdup (_("values are text"));
    }
}

static void
set_role (MqlwColumnSpec *spec,
          MqlwColumnRole  role,
          MqlwStage       stage,
          char           *why,
          char           *values)
{
  spec->role = role;
  spec->stage = role == MQLW_ROLE_OUTCOME ? stage : 0;
  g_free (spec->reason);
  if (values != NULL)
    spec->reason = g_strdup_printf ("%s; %s", why, values);
  else
    spec->reason = g_strdup (why);
  g_free (why);
  g_free (values);
}

static gboolean
name_speaks_of_a_date (const char *name)
{
  return has_word (name, "date") || g_str_has_suffix (name, "_at") || g_str_has_suffix (name, "_on")
         || has_word (name, "time");
}

/* Whole numbers that are all Unix times, in a column whose name says it holds
 * dates (HubSpot's "Create Date" through its API: 1709647200000): read as
 * dates. Type inference alone keeps them numbers, as it must for ids. */
static gboolean
epoch_dates (MqlwColumnSpec *spec,
             const Values   *v)
{
  if (spec->type_set || spec->type != MQLW_COLUMN_TYPE_INTEGER || v->n_values == 0 || v->n_epoch != v->n_values)
    return FALSE;
  spec->type = MQLW_COLUMN_TYPE_DATE;
  return TRUE;
}

static char *
describe_epoch (void)
{
  return g_strdup (_("values are dates written as Unix time (seconds or milliseconds since 1970)"));
}

/* A role that needs dates: kept on dates (or on nothing yet, then read as dates). */
static void
decide_date_role (MqlwColumnSpec  *spec,
                  const NameGuess *guess,
                  const Values    *v,
                  const char      *name,
                  char            *why)
{
  if (epoch_dates (spec, v))
    {
      set_role (spec, guess->role, guess->stage, why, describe_epoch ());
      return;
    }
  if (spec->type == MQLW_COLUMN_TYPE_DATE
      || (v->n_values == 0 && (name_speaks_of_a_date (name) || guess->kind == NAME_BECAME)))
    {
      if (!spec->type_set)
        spec->type = MQLW_COLUMN_TYPE_DATE;
      set_role (spec, guess->role, guess->stage, why, describe_values (v, spec->type));
      return;
    }
  if (v->example != NULL)
    set_role (spec, MQLW_ROLE_FIT, 0,
              g_strdup_printf (_("%s, but its values are not dates (such as “%s”): a fit field"), why, v->example),
              NULL);
  else
    set_role (spec, MQLW_ROLE_FIT, 0, g_strdup_printf (_("%s, but its values are not dates: a fit field"), why),
              NULL);
  g_free (why);
}

static void
decide_outcome (MqlwColumnSpec  *spec,
                const NameGuess *guess,
                const Values    *v,
                const char      *name,
                char            *why)
{
  if (name_speaks_of_a_date (name) && epoch_dates (spec, v))
    {
      set_role (spec, MQLW_ROLE_OUTCOME, guess->stage, why, describe_epoch ());
      return;
    }
  if (spec->type == MQLW_COLUMN_TYPE_BOOLEAN || spec->type == MQLW_COLUMN_TYPE_DATE || v->n_values == 0)
    {
      if (v->n_values == 0 && name_speaks_of_a_date (name) && !spec->type_set)
        spec->type = MQLW_COLUMN_TYPE_DATE;
      set_role (spec, MQLW_ROLE_OUTCOME, guess->stage, why, describe_values (v, spec->type));
      return;
    }
  if (spec->type == MQLW_COLUMN_TYPE_CATEGORICAL && v->n_stage_known > 0 && v->n_stage_known * 2 >= v->n_distinct)
    {
      set_role (spec, MQLW_ROLE_STAGE, 0, why,
                g_strdup_printf (_("values are stage names (%u of %u known)"), v->n_stage_known, v->n_distinct));
      return;
    }
  /* Odd values among yes/no ones are warned about at import and read as unknown. */
  if (spec->type == MQLW_COLUMN_TYPE_CATEGORICAL && v->n_bool > 0 && v->n_bool * 2 >= v->n_values)
    {
      set_role (spec, MQLW_ROLE_OUTCOME, guess->stage, why,
                g_strdup_printf (_("values %s (other values read as unknown)"), bool_flavour (v->bool_kinds)));
      return;
    }
  set_role (spec, MQLW_ROLE_FIT, 0,
            g_strdup_printf (_("%s, but its values are neither yes/no nor dates: a fit field"), why), NULL);
  g_free (why);
}

static void
decide_stage (MqlwColumnSpec  *spec,
              const NameGuess *guess,
              const Values    *v,
              char            *why)
{
  gboolean numbers = v->n_values > 0 && v->n_numbers * 10 >= v->n_values * 9;
  gboolean names = v->n_stage_known > 0 && v->n_stage_known * 2 >= v->n_distinct;

  if (numbers || spec->type != MQLW_COLUMN_TYPE_CATEGORICAL)
    {
      set_role (spec, MQLW_ROLE_FIT, 0,
                g_strdup_printf (_("%s, but its values are not stage names: a fit field"), why), NULL);
      g_free (why);
      return;
    }
  if (guess->kind == NAME_STATUS && !names)
    {
      set_role (spec, MQLW_ROLE_FIT, 0,
                g_strdup_printf (_("%s, but its values are not stage names: a fit field"), why), NULL);
      g_free (why);
      return;
    }
  if (v->n_values == 0)
    set_role (spec, MQLW_ROLE_STAGE, 0, why, describe_values (v, spec->type));
  else
    set_role (spec, MQLW_ROLE_STAGE, 0, why,
              g_strdup_printf (_("values are stage names (%u of %u known)"), v->n_stage_known, v->n_distinct));
}

/* The role from the name, checked against the values. */
static void
decide (MqlwColumnSpec  *spec,
        const NameGuess *guess,
        const Values    *v,
        const char      *name)
{
  char *why = describe_name (guess);
  gboolean numeric = is_numeric (spec->type);

  switch (guess->kind)
    {
    case NAME_OUTCOME:
    case NAME_CONVERTED:
      decide_outcome (spec, guess, v, name, why);
      return;
    case NAME_BECAME:
    case NAME_CREATED:
    case NAME_AS_OF:
    case NAME_ACTIVITY_DATE:
      decide_date_role (spec, guess, v, name, why);
      return;
    case NAME_STAGE:
    case NAME_STATUS:
      decide_stage (spec, guess, v, why);
      return;
    case NAME_CONVERTED_OPPORTUNITY:
      /* Any value is an id: filled is reached (mqlw_roles_filled_is_reached). */
      set_role (spec, MQLW_ROLE_OUTCOME, guess->stage, why, NULL);
      return;
    case NAME_COUNT_OUTCOME:
      if (numeric || spec->type == MQLW_COLUMN_TYPE_BOOLEAN || v->n_values == 0)
        set_role (spec, MQLW_ROLE_OUTCOME, guess->stage, why, describe_values (v, spec->type));
      else
        {
          set_role (spec, MQLW_ROLE_FIT, 0,
                    g_strdup_printf (_("%s, but its values are not numbers: a fit field"), why), NULL);
          g_free (why);
        }
      return;
    case NAME_AMOUNT:
    case NAME_SCORE:
      if (numeric || v->n_values == 0)
        set_role (spec, guess->role, 0, why, describe_values (v, spec->type));
      else
        {
          set_role (spec, MQLW_ROLE_FIT, 0,
                    g_strdup_printf (_("%s, but its values are not numbers: a fit field"), why), NULL);
          g_free (why);
        }
      return;
    case NAME_ACTIVITY_COUNT:
      if (numeric || spec->type == MQLW_COLUMN_TYPE_BOOLEAN)
        set_role (spec, MQLW_ROLE_ACTIVITY_COUNT, 0, why, describe_values (v, spec->type));
      else
        {
          set_role (spec, MQLW_ROLE_FIT, 0, g_strdup (_("not named like any known role: a fit field")),
                    describe_values (v, spec->type));
          g_free (why);
        }
      return;
    case NAME_LEAD_ID:
      set_role (spec, MQLW_ROLE_LEAD_ID, 0, why,
                v->n_values == 0 ? NULL
                : g_strdup (v->n_distinct == v->n_values ? _("values unique") : _("values repeat")));
      return;
    case NAME_ID:
      /* Decided with the other columns (pick_lead_id). */
      set_role (spec, MQLW_ROLE_FIT, 0, why,
                g_strdup (v->n_distinct == v->n_values ? _("values unique") : _("values repeat")));
      return;
    case NAME_EMAIL:
    case NAME_ACCOUNT:
    case NAME_REASON:
    case NAME_BOOKKEEPING:
    case NAME_RECORD_CHANGED:
    case NAME_CLOSED:
    case NAME_CONVERTED_INTO:
    case NAME_FOLLOWS_STAGE:
    case NAME_FROM_OUTCOME:
      set_role (spec, guess->role, 0, why, NULL);
      return;
    case NAME_GRADE:
    case NAME_RATING:
    case NAME_NONE:
    default:
      set_role (spec, MQLW_ROLE_FIT, 0, why, NULL);
      return;
    }
}

/* ---- decisions across columns ------------------------------------------- */

static gboolean
role_was_set (MqlwMapping    *mapping,
              MqlwColumnRole  role)
{
  for (guint c = 0; c < mapping->columns->len; c++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      if (spec->role_set && spec->role == role)
        return TRUE;
    }
  return FALSE;
}

/* One column of @role: the first detected one (or the one a mapping set); the
 * others become fit fields saying which one is used. */
static char *
describe_another (MqlwColumnRole  role,
                  const char     *kept)
{
  switch (role)
    {
    case MQLW_ROLE_LEAD_ID:
      return g_strdup_printf (_("another id: %s is the lead id"), kept);
    case MQLW_ROLE_CREATED_AT:
      return g_strdup_printf (_("another created date: %s is used"), kept);
    case MQLW_ROLE_DEAL_AMOUNT:
      return g_strdup_printf (_("another deal amount: %s is used"), kept);
    case MQLW_ROLE_AS_OF:
    default:
      return g_strdup_printf (_("another MQL date: %s is used"), kept);
    }
}

static void
keep_one (MqlwMapping    *mapping,
          MqlwColumnRole  role)
{
  const char *kept = NULL;

  for (guint c = 0; c < mapping->columns->len && kept == NULL; c++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      if (spec->role == role && spec->role_set)
        kept = spec->name;
    }
  for (guint c = 0; c < mapping->columns->len && kept == NULL; c++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      if (spec->role == role)
        kept = spec->name;
    }
  if (kept == NULL)
    return;
  for (guint c = 0; c < mapping->columns->len; c++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      if (spec->role != role || spec->role_set || strcmp (spec->name, kept) == 0)
        continue;
      set_role (spec, MQLW_ROLE_FIT, 0, describe_another (role, kept), NULL);
    }
}

/* The created date is the first named one (in created_names order). */
static void
pick_created (MqlwMapping  *mapping,
              const Values *values,
              char        **names)
{
  int best = -1;
  guint best_rank = G_MAXUINT;

  if (role_was_set (mapping, MQLW_ROLE_CREATED_AT))
    {
      keep_one (mapping, MQLW_ROLE_CREATED_AT);
      return;
    }
  for (guint c = 0; c < mapping->columns->len; c++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      if (spec->role != MQLW_ROLE_CREATED_AT || spec->role_set)
        continue;
      for (guint r = 0; created_names[r] != NULL; r++)
        if (strcmp (names[c], created_names[r]) == 0 && r < best_rank)
          {
            best_rank = r;
            best = (int) c;
          }
    }
  if (best >= 0)
    {
      MqlwColumnSpec *kept = g_ptr_array_index (mapping->columns, best);
      for (guint c = 0; c < mapping->columns->len; c++)
        {
          MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
          if (spec->role == MQLW_ROLE_CREATED_AT && !spec->role_set && (int) c != best)
            set_role (spec, MQLW_ROLE_FIT, 0, describe_another (MQLW_ROLE_CREATED_AT, kept->name), NULL);
        }
      return;
    }

  /* None named so: the earliest of the date columns named like dates, at least
   * half filled, none that speaks of a later event (close, won, last, …). */
  {
    static const char * const later[] = {
      "close", "closed", "won", "lost", "convert", "converted", "last", "modified", "updated", "due", "end",
      "expected", "birth", "next", "renewal", "churn", "mql", "sql", "sal", "opportunity", NULL,
    };
    double earliest = INFINITY;
    guint candidates = 0;

    for (guint c = 0; c < mapping->columns->len; c++)
      {
        MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
        gboolean later_event = FALSE;

        if (spec->role_set || spec->role != MQLW_ROLE_FIT || spec->type != MQLW_COLUMN_TYPE_DATE
            || !values[c].looked_at || values[c].n_dates * 2 < values[c].n_values
            || !(name_speaks_of_a_date (names[c]) || strcmp (names[c], "date") == 0))
          continue;
        for (guint w = 0; later[w] != NULL && !later_event; w++)
          later_event = has_word (names[c], later[w]);
        if (later_event)
          continue;
        candidates++;
        if (values[c].mean_days < earliest)
          {
            earliest = values[c].mean_days;
            best = (int) c;
          }
      }
    if (best >= 0)
      {
        MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, best);
        set_role (spec, MQLW_ROLE_CREATED_AT, 0,
                  candidates == 1 ? g_strdup (_("the only date column named like a date: read as the created date"))
                                  : g_strdup_printf (_("the earliest of %u date columns: read as the created date"),
                                                     candidates),
                  describe_values (&values[best], spec->type));
      }
  }
}

static void
pick_lead_id (MqlwMapping  *mapping,
              const Values *values)
{
  gboolean have = FALSE;

  for (guint c = 0; c < mapping->columns->len && !have; c++)
    have = ((MqlwColumnSpec *) g_ptr_array_index (mapping->columns, c))->role == MQLW_ROLE_LEAD_ID;
  if (have)
    {
      keep_one (mapping, MQLW_ROLE_LEAD_ID);
      return;
    }
  /* The first *_id whose values are unique. */
  for (guint c = 0; c < mapping->columns->len; c++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      g_autofree char *name = NULL;

      if (spec->role_set || spec->role != MQLW_ROLE_FIT || !values[c].looked_at || values[c].n_values == 0
          || values[c].n_distinct != values[c].n_values)
        continue;
      name = role_name (spec->name);
      if (guess_header (spec->name, name).kind != NAME_ID)
        continue;
      set_role (spec, MQLW_ROLE_LEAD_ID, 0, g_strdup (_("named like an id")), g_strdup (_("values unique")));
      return;
    }
}

static void
pick_email (MqlwMapping  *mapping,
            const Values *values)
{
  for (guint c = 0; c < mapping->columns->len; c++)
    if (((MqlwColumnSpec *) g_ptr_array_index (mapping->columns, c))->role == MQLW_ROLE_EMAIL)
      return;
  for (guint c = 0; c < mapping->columns->len; c++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      if (spec->role_set || spec->role != MQLW_ROLE_FIT || spec->type != MQLW_COLUMN_TYPE_CATEGORICAL
          || values[c].n_values == 0 || values[c].n_emails * 10 < values[c].n_values * 9)
        continue;
      set_role (spec, MQLW_ROLE_EMAIL, 0, g_strdup (_("values look like e-mail addresses")), NULL);
      return;
    }
}

static guint
score_rank (const char *name)
{
  if (in_list (name, headline_score_names))
    return 0;
  for (guint i = 0; part_score_words[i] != NULL; i++)
    if (has_word (name, part_score_words[i]))
      return 2;
  return 1;
}

/* One score: a headline name over others, parts (behaviour, demographic, …)
 * last; then the one filled for most leads; then the first. */
static void
pick_score (MqlwMapping  *mapping,
            const Values *values,
            char        **names)
{
  MqlwColumnSpec *headline = NULL;
  int best = -1;
  guint best_rank = G_MAXUINT, n = 0;

  for (guint c = 0; c < mapping->columns->len; c++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      guint rank;

      if (spec->role != MQLW_ROLE_SCORE)
        continue;
      n++;
      if (spec->role_set)
        {
          if (headline == NULL)
            headline = spec;
          continue;
        }
      rank = score_rank (names[c]);
      if (best < 0 || rank < best_rank || (rank == best_rank && values[c].n_values > values[best].n_values))
        {
          best = (int) c;
          best_rank = rank;
        }
    }
  if (n < 2)
    return;
  if (headline == NULL)
    headline = g_ptr_array_index (mapping->columns, best);
  for (guint c = 0; c < mapping->columns->len; c++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);

      if (spec->role != MQLW_ROLE_SCORE || spec->role_set)
        continue;
      if (spec == headline)
        set_role (spec, MQLW_ROLE_SCORE, 0,
                  g_strdup_printf (_("named like a platform score: the headline of %u score columns"), n),
                  describe_values (&values[c], spec->type));
      else
        set_role (spec, MQLW_ROLE_FIT, 0, g_strdup_printf (_("a part score: %s is the headline score"),
                                                           headline->name), NULL);
    }
}

/* One deal amount: what was won (Dynamics "Actual Revenue") over an estimate
 * ("Est. Revenue"); among equals the first. */
static void
pick_amount (MqlwMapping  *mapping,
             char        **names)
{
  static const char * const estimate_words[] = { "est", "estimated", "expected", "weighted", "potential", NULL };
  int best = -1;
  gboolean best_estimate = TRUE;

  if (role_was_set (mapping, MQLW_ROLE_DEAL_AMOUNT))
    {
      keep_one (mapping, MQLW_ROLE_DEAL_AMOUNT);
      return;
    }
  for (guint c = 0; c < mapping->columns->len; c++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      gboolean estimate = FALSE;

      if (spec->role != MQLW_ROLE_DEAL_AMOUNT)
        continue;
      for (guint w = 0; estimate_words[w] != NULL && !estimate; w++)
        estimate = has_word (names[c], estimate_words[w]);
      if (best < 0 || (best_estimate && !estimate))
        {
          best = (int) c;
          best_estimate = estimate;
        }
    }
  if (best < 0)
    return;
  for (guint c = 0; c < mapping->columns->len; c++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      MqlwColumnSpec *kept = g_ptr_array_index (mapping->columns, best);
      if (spec->role == MQLW_ROLE_DEAL_AMOUNT && (int) c != best)
        set_role (spec, MQLW_ROLE_FIT, 0, describe_another (MQLW_ROLE_DEAL_AMOUNT, kept->name), NULL);
    }
}

/* Whether @col of the sample says "no" on a row where the stage column
 * @stage_col, a deal's, holds a value the table reads as open. */
static gboolean
no_on_open_row (GPtrArray   *rows,
                const guint *lengths,
                guint        col,
                guint        stage_col,
                const char  *stage_name)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  MqlwStageContext context;

  for (guint r = 0; r < rows->len; r++)
    if (lengths[r] > stage_col)
      g_ptr_array_add (values, ((GStrv) g_ptr_array_index (rows, r))[stage_col]);
  g_ptr_array_add (values, NULL);
  context = mqlw_stage_table_context (stage_name, (const char * const *) values->pdata);
  /* A lead's status (Closed - Converted is open for the deal to come) says nothing of a deal. */
  if (context != MQLW_STAGE_CONTEXT_OPPORTUNITY)
    return FALSE;
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv row = g_ptr_array_index (rows, r);
      const MqlwStageTableEntry *entry;
      const MqlwBoolWord *word;
      g_autofree char *stage = NULL;

      if (lengths[r] <= MAX (col, stage_col))
        continue;
      word = mqlw_bool_word_find (row[col], strlen (row[col]));
      if (word == NULL || word->yes)
        continue;
      stage = g_strstrip (g_strdup (row[stage_col]));
      entry = mqlw_stage_table_lookup (context, stage);
      if (entry != NULL && !entry->closed)
        return TRUE;
    }
  return FALSE;
}

/* A deal's won flag (Salesforce IsWon, HubSpot hs_is_closed_won) is false for
 * open deals as well as lost ones: when the sample shows it false on a deal
 * a deal's stage column reads as open, it would count open deals as lost, and the
 * stage column alone reads the win (open deals unknown). A flag left blank on
 * open deals stays an outcome. */
static void
drop_won_flag (MqlwMapping *mapping,
               GPtrArray   *rows,
               const guint *lengths,
               char       **names)
{
  static const char * const won_flags[] = { "is_won", "iswon", "hs_is_closed_won", "is_closed_won", NULL };

  for (guint c = 0; c < mapping->columns->len; c++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);

      if (spec->role_set || spec->role != MQLW_ROLE_OUTCOME || spec->stage != MQLW_STAGE_WON
          || spec->type != MQLW_COLUMN_TYPE_BOOLEAN || !in_list (names[c], won_flags))
        continue;
      for (guint k = 0; k < mapping->columns->len; k++)
        {
          const MqlwColumnSpec *stages = g_ptr_array_index (mapping->columns, k);

          if (stages->role != MQLW_ROLE_STAGE || !no_on_open_row (rows, lengths, c, k, stages->name))
            continue;
          set_role (spec, MQLW_ROLE_NONE, 0,
                    g_strdup_printf (_("a won flag, false on open deals as well as lost ones: %s reads the "
                                       "win, open deals unknown, not lost"), stages->name), NULL);
          break;
        }
    }
}

/* "<activity>_date" / "<activity>_last_at" next to a count column dates that activity. */
static void
link_activity_dates (MqlwMapping *mapping)
{
  guint n_cols = mapping->columns->len;

  for (guint c = 0; c < n_cols; c++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      g_autofree char *normalized = NULL;
      gsize stem_len = 0;

      if (spec->role_set || spec->type != MQLW_COLUMN_TYPE_DATE
          || (spec->role != MQLW_ROLE_FIT && spec->role != MQLW_ROLE_ACTIVITY_DATE)
          || spec->activity != NULL)
        continue;
      normalized = mqlw_mapping_normalize_name (spec->name);
      if (g_str_has_suffix (normalized, "_last_at"))
        stem_len = strlen (normalized) - 8;
      else if (g_str_has_suffix (normalized, "_date"))
        stem_len = strlen (normalized) - 5;
      if (stem_len == 0)
        continue;
      normalized[stem_len] = '\0';
      for (guint k = 0; k < n_cols; k++)
        {
          MqlwColumnSpec *count = g_ptr_array_index (mapping->columns, k);
          g_autofree char *count_name = NULL;

          if (count->role != MQLW_ROLE_ACTIVITY_COUNT)
            continue;
          count_name = mqlw_mapping_normalize_name (count->name);
          if (strcmp (count_name, normalized) == 0
              || (g_str_has_prefix (count_name, normalized) && count_name[stem_len] == '_'))
            {
              if (spec->role != MQLW_ROLE_ACTIVITY_DATE || spec->reason == NULL)
                set_role (spec, MQLW_ROLE_ACTIVITY_DATE, 0,
                          g_strdup_printf (_("named after the activity count %s: the date of its last one"),
                                           count->name),
                          g_strdup (_("values are dates")));
              g_free (spec->activity);
              spec->activity = g_strdup (count->name);
              if (strcmp (count_name, normalized) == 0)
                break;
            }
        }
    }
}

/* A date column named in German, French or Spanish ("Erstellt am", "Erstelldatum",
 * "Date de création", "Créé le", "Fecha de creación"): exports in these languages
 * write the day first, so 02/01/2025 is 2 January even when no day in the file is
 * above 12 (read month-first, a French history of January to April became eleven
 * months). Only a map or --date-order that says otherwise overrides it. */
static gboolean
name_is_day_first (const char *name)
{
  return g_str_has_suffix (name, "datum") || g_str_has_suffix (name, "_am") || g_str_has_prefix (name, "date_de_")
         || g_str_has_prefix (name, "date_d_") || g_str_has_suffix (name, "_le") || g_str_has_prefix (name, "fecha_")
         || g_str_has_suffix (name, "_el");
}

static void
pick_date_order (MqlwMapping  *mapping,
                 char        **names)
{
  if (mapping->date_order != MQLW_DATE_ORDER_AUTO)
    return;
  for (guint c = 0; c < mapping->columns->len; c++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      char *reason;

      if (spec->type != MQLW_COLUMN_TYPE_DATE || !name_is_day_first (names[c]))
        continue;
      mapping->date_order = MQLW_DATE_ORDER_DMY;
      reason = g_strdup_printf (_("%s; dates read day first, as German, French and Spanish exports write them "
                                  "(--date-order mdy, or date_order in a map file, if not)"),
                                spec->reason != NULL ? spec->reason : "");
      g_free (spec->reason);
      spec->reason = reason;
      return;
    }
}

void
mqlw_roles_detect (MqlwMapping *mapping,
                   GPtrArray   *rows)
{
  guint n_cols;
  g_autofree Values *values = NULL;
  g_autofree guint *lengths = NULL;
  char **names;

  g_return_if_fail (mapping != NULL);
  g_return_if_fail (rows != NULL);

  n_cols = mapping->columns->len;
  values = g_new0 (Values, MAX (n_cols, 1));
  names = g_new0 (char *, n_cols + 1);
  lengths = g_new (guint, MAX (rows->len, 1));
  for (guint r = 0; r < rows->len; r++)
    lengths[r] = g_strv_length (g_ptr_array_index (rows, r));

  for (guint c = 0; c < n_cols; c++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      g_autoptr(MqlwMissingSet) missing = NULL;
      NameGuess guess;

      names[c] = role_name (spec->name);
      if (spec->role_set)
        continue;
      guess = guess_header (spec->name, names[c]);
      missing = mqlw_missing_set_new (mapping, spec);
      collect_values (&values[c], rows, lengths, c, spec->name, missing,
                      guess.kind == NAME_STAGE || guess.kind == NAME_STATUS || guess.kind == NAME_OUTCOME
                      || guess.kind == NAME_CONVERTED);
      decide (spec, &guess, &values[c], names[c]);
    }

  link_activity_dates (mapping);
  pick_lead_id (mapping, values);
  pick_email (mapping, values);
  pick_created (mapping, values, names);
  keep_one (mapping, MQLW_ROLE_AS_OF);
  pick_score (mapping, values, names);
  pick_amount (mapping, names);
  drop_won_flag (mapping, rows, lengths, names);
  pick_date_order (mapping, names);

  for (guint c = 0; c < n_cols; c++)
    g_free (values[c].example);
  g_strfreev (names);
}

gboolean
mqlw_roles_name_is_score (const char *header)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (header != NULL, FALSE);
  name = role_name (header);
  return guess_header (header, name).kind == NAME_SCORE;
}

MqlwColumnRole
mqlw_roles_guess_name (const char      *header,
                       MqlwColumnType   type,
                       MqlwStage       *stage,
                       char           **reason)
{
  g_autofree char *name = NULL;
  MqlwColumnSpec spec = { 0 };
  Values v = { 0 };
  NameGuess guess;

  g_return_val_if_fail (header != NULL, MQLW_ROLE_NONE);

  /* The name decides; the values are taken to be what the type says. */
  name = role_name (header);
  guess = guess_header (header, name);
  spec.type = type;
  spec.type_set = TRUE;
  v.n_values = 1;
  v.n_distinct = 1;
  v.n_stage_known = guess.kind == NAME_STAGE;
  v.n_bool = type == MQLW_COLUMN_TYPE_BOOLEAN;
  v.bool_kinds = BOOL_YES_NO;
  v.n_numbers = is_numeric (type);
  v.n_dates = type == MQLW_COLUMN_TYPE_DATE;
  v.looked_at = TRUE;
  /* An outcome's name on text says which yes/no words to accept (won/lost). */
  if ((guess.kind == NAME_OUTCOME || guess.kind == NAME_CONVERTED) && type == MQLW_COLUMN_TYPE_CATEGORICAL)
    v.n_bool = 1, v.n_stage_known = 0;
  decide (&spec, &guess, &v, name);
  if (stage != NULL && spec.role == MQLW_ROLE_OUTCOME)
    *stage = spec.stage;
  if (reason != NULL)
    *reason = g_steal_pointer (&spec.reason);
  g_free (spec.reason);
  return spec.role;
}

gboolean
mqlw_roles_filled_is_reached (const char *header)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (header != NULL, FALSE);
  name = role_name (header);
  return guess_header (header, name).kind == NAME_CONVERTED_OPPORTUNITY;
}
