/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-stage-table"

#include "config.h"

#include <string.h>

#include "mqlw-stage-table.h"

#define NONE (-1)
#define ACC  MQLW_STAGE_ACCEPTED
#define SQL  MQLW_STAGE_SQL
#define OPP  MQLW_STAGE_OPPORTUNITY
#define WON  MQLW_STAGE_WON
#define ANY  MQLW_STAGE_CONTEXT_ANY
#define LEAD MQLW_STAGE_CONTEXT_LEAD
#define DEAL MQLW_STAGE_CONTEXT_OPPORTUNITY

/* Open values leave the later stages unknown; closed ones end the funnel.
 * "Working" and "Contacted" say nothing yet: sales may still reject the lead. */
static const MqlwStageTableEntry entries[] = {
  /* generic lifecycle words */
  { "New", NONE, FALSE, ANY, "generic; Dynamics 365 lead" },
  { "Open", NONE, FALSE, ANY, "generic; HubSpot lead status" },
  { "Inquiry", NONE, FALSE, ANY, "generic" },
  { "Nurture", NONE, FALSE, ANY, "generic" },
  { "Nurturing", NONE, FALSE, ANY, "generic" },
  { "Working", NONE, FALSE, ANY, "generic" },
  { "Contacted", NONE, FALSE, ANY, "generic; Dynamics 365 lead" },
  { "MQL", NONE, FALSE, ANY, "generic; Marketo" },
  { "Marketing Qualified", NONE, FALSE, ANY, "generic" },
  { "Rejected", NONE, TRUE, ANY, "generic" },
  { "Disqualified", NONE, TRUE, ANY, "generic; Marketo" },
  { "Unqualified", NONE, TRUE, ANY, "generic; HubSpot lead status" },
  { "Recycled", NONE, TRUE, ANY, "generic; Marketo" },
  { "SAL", ACC, FALSE, ANY, "generic; Marketo" },
  { "Accepted", ACC, FALSE, ANY, "generic" },
  { "Sales Accepted", ACC, FALSE, ANY, "generic" },
  { "Sales Accepted Lead", ACC, FALSE, ANY, "generic" },
  { "SQL", SQL, FALSE, ANY, "generic; Marketo" },
  { "Sales Qualified", SQL, FALSE, ANY, "generic" },
  { "Qualified", SQL, FALSE, ANY, "generic; Dynamics 365 lead" },
  { "Converted", SQL, FALSE, ANY, "generic" },
  { "Opportunity", OPP, FALSE, ANY, "generic; HubSpot lifecycle stage; Marketo" },
  { "Engaging", OPP, FALSE, ANY, "generic" },
  { "Proposal", OPP, FALSE, ANY, "generic" },
  { "Negotiation", OPP, FALSE, ANY, "generic" },
  { "Won", WON, TRUE, ANY, "generic; Dynamics 365 opportunity" },
  { "Lost", OPP, TRUE, ANY, "generic" },
  /* HubSpot lifecycle stages (labels and internal values) */
  { "Subscriber", NONE, FALSE, ANY, "HubSpot lifecycle stage" },
  { "Lead", NONE, FALSE, ANY, "HubSpot lifecycle stage" },
  { "Marketing Qualified Lead", NONE, FALSE, ANY, "HubSpot lifecycle stage" },
  { "marketingqualifiedlead", NONE, FALSE, ANY, "HubSpot lifecycle stage (internal value)" },
  { "Sales Qualified Lead", SQL, FALSE, ANY, "HubSpot lifecycle stage" },
  { "salesqualifiedlead", SQL, FALSE, ANY, "HubSpot lifecycle stage (internal value)" },
  { "Customer", WON, TRUE, ANY, "HubSpot lifecycle stage; Marketo" },
  { "Evangelist", WON, TRUE, ANY, "HubSpot lifecycle stage" },
  { "Other", NONE, FALSE, ANY, "HubSpot lifecycle stage" },
  /* HubSpot lead statuses */
  { "In Progress", ACC, FALSE, ANY, "HubSpot lead status" },
  { "Open Deal", OPP, FALSE, ANY, "HubSpot lead status" },
  { "Attempted to Contact", NONE, FALSE, ANY, "HubSpot lead status" },
  { "Connected", NONE, FALSE, ANY, "HubSpot lead status" },
  { "Bad Timing", NONE, TRUE, ANY, "HubSpot lead status" },
  /* HubSpot deal stages (labels and internal values) */
  { "Appointment Scheduled", OPP, FALSE, ANY, "HubSpot deal stage" },
  { "appointmentscheduled", OPP, FALSE, ANY, "HubSpot deal stage (internal value)" },
  { "Qualified To Buy", OPP, FALSE, ANY, "HubSpot deal stage" },
  { "qualifiedtobuy", OPP, FALSE, ANY, "HubSpot deal stage (internal value)" },
  { "Presentation Scheduled", OPP, FALSE, ANY, "HubSpot deal stage" },
  { "presentationscheduled", OPP, FALSE, ANY, "HubSpot deal stage (internal value)" },
  { "Decision Maker Bought-In", OPP, FALSE, ANY, "HubSpot deal stage" },
  { "decisionmakerboughtin", OPP, FALSE, ANY, "HubSpot deal stage (internal value)" },
  { "Contract Sent", OPP, FALSE, ANY, "HubSpot deal stage" },
  { "contractsent", OPP, FALSE, ANY, "HubSpot deal stage (internal value)" },
  { "closedwon", WON, TRUE, ANY, "HubSpot deal stage (internal value)" },
  { "closedlost", OPP, TRUE, ANY, "HubSpot deal stage (internal value)" },
  /* Salesforce lead statuses */
  { "Open - Not Contacted", NONE, FALSE, ANY, "Salesforce lead status" },
  { "Working - Contacted", NONE, FALSE, ANY, "Salesforce lead status" },
  { "Closed - Converted", SQL, FALSE, ANY, "Salesforce lead status" },
  { "Closed - Not Converted", NONE, TRUE, ANY, "Salesforce lead status" },
  /* Salesforce opportunity stages */
  { "Prospecting", OPP, FALSE, ANY, "Salesforce opportunity stage" },
  { "Qualification", OPP, FALSE, ANY, "Salesforce opportunity stage" },
  { "Needs Analysis", OPP, FALSE, ANY, "Salesforce opportunity stage" },
  { "Value Proposition", OPP, FALSE, ANY, "Salesforce opportunity stage" },
  { "Id. Decision Makers", OPP, FALSE, ANY, "Salesforce opportunity stage" },
  { "Perception Analysis", OPP, FALSE, ANY, "Salesforce opportunity stage" },
  { "Proposal/Price Quote", OPP, FALSE, ANY, "Salesforce opportunity stage" },
  { "Negotiation/Review", OPP, FALSE, ANY, "Salesforce opportunity stage" },
  { "Closed Won", WON, TRUE, ANY, "Salesforce opportunity stage" },
  { "Closed Lost", OPP, TRUE, ANY, "Salesforce opportunity stage" },
  { "Identify Decision Makers", OPP, FALSE, ANY, "Zoho CRM deal stage" },
  { "Closed Lost to Competition", OPP, TRUE, ANY, "Zoho CRM deal stage" },
  /* Marketo revenue-cycle statuses */
  { "Anonymous", NONE, FALSE, ANY, "Marketo" },
  { "Known", NONE, FALSE, ANY, "Marketo" },
  { "Engaged", NONE, FALSE, ANY, "Marketo" },
  /* Dynamics 365 lead and opportunity status reasons */
  { "Cannot Contact", NONE, TRUE, ANY, "Dynamics 365 lead" },
  { "No Longer Interested", NONE, TRUE, ANY, "Dynamics 365 lead" },
  { "Canceled", NONE, TRUE, ANY, "Dynamics 365 lead" },
  { "Cancelled", NONE, TRUE, ANY, "generic" },
  { "On Hold", OPP, FALSE, ANY, "Dynamics 365 opportunity" },
  { "Out-Sold", OPP, TRUE, ANY, "Dynamics 365 opportunity" },
  /* Zoho CRM lead statuses (the defaults vtiger shares) */
  { "Not Contacted", NONE, FALSE, ANY, "Zoho CRM lead status" },
  { "Contact in Future", NONE, FALSE, ANY, "Zoho CRM lead status" },
  { "Pre-Qualified", NONE, FALSE, ANY, "Zoho CRM lead status" },
  { "Junk Lead", NONE, TRUE, ANY, "Zoho CRM lead status" },
  { "Lost Lead", NONE, TRUE, ANY, "Zoho CRM lead status" },
  { "Not Qualified", NONE, TRUE, ANY, "Zoho CRM lead status" },
  /* Pipedrive's default pipeline (deal stages) */
  { "Contact Made", OPP, FALSE, ANY, "Pipedrive deal stage" },
  { "Needs Defined", OPP, FALSE, ANY, "Pipedrive deal stage" },
  { "Demo Scheduled", OPP, FALSE, ANY, "Pipedrive deal stage" },
  { "Proposal Made", OPP, FALSE, ANY, "Pipedrive deal stage" },
  { "Negotiations Started", OPP, FALSE, ANY, "Pipedrive deal stage" },
  /* Freshsales lead stages */
  { "Interested", NONE, FALSE, ANY, "Freshsales lead stage" },
  /* Localized labels: exports are written in the user's language. These are the
   * platforms' default labels as their German, French and Spanish interfaces
   * are commonly seen to show them; not checked against each platform's own
   * translation tables (see tests/data/real-exports/README.md). */
  /* German */
  { "Neu", NONE, FALSE, ANY, "generic (German)" },
  { "Kontaktiert", NONE, FALSE, ANY, "generic (German)" },
  /* HubSpot lead statuses (New, Open, In Progress, Open Deal, Unqualified, Attempted to
   * Contact, Connected, Bad Timing) as German, French and Spanish exports are commonly
   * seen to write them (not checked against HubSpot's translation tables) */
  { "Offen", NONE, FALSE, ANY, "HubSpot lead status (German)" },
  { "In Bearbeitung", NONE, FALSE, ANY, "HubSpot lead status (German)" },
  { "Offener Deal", OPP, FALSE, ANY, "HubSpot lead status (German)" },
  { "Nicht qualifiziert", NONE, TRUE, ANY, "HubSpot lead status (German)" },
  { "Kontaktversuch", NONE, FALSE, ANY, "HubSpot lead status (German)" },
  { "Verbunden", NONE, FALSE, ANY, "HubSpot lead status (German)" },
  { "Schlechtes Timing", NONE, FALSE, ANY, "HubSpot lead status (German)" },
  { "Ouvert", NONE, FALSE, ANY, "HubSpot lead status (French)" },
  { "En cours", NONE, FALSE, ANY, "HubSpot lead status (French)" },
  { "Transaction ouverte", OPP, FALSE, ANY, "HubSpot lead status (French)" },
  { "Non qualifié", NONE, TRUE, ANY, "HubSpot lead status (French)" },
  { "Tentative de contact", NONE, FALSE, ANY, "HubSpot lead status (French)" },
  { "Connecté", NONE, FALSE, ANY, "HubSpot lead status (French)" },
  { "Mauvais timing", NONE, FALSE, ANY, "HubSpot lead status (French)" },
  { "Abierto", NONE, FALSE, ANY, "HubSpot lead status (Spanish)" },
  { "En curso", NONE, FALSE, ANY, "HubSpot lead status (Spanish)" },
  { "En progreso", NONE, FALSE, ANY, "HubSpot lead status (Spanish)" },
  { "Negocio abierto", OPP, FALSE, ANY, "HubSpot lead status (Spanish)" },
  { "No calificado", NONE, TRUE, ANY, "HubSpot lead status (Spanish)" },
  { "Intento de contacto", NONE, FALSE, ANY, "HubSpot lead status (Spanish)" },
  { "Conectado", NONE, FALSE, ANY, "HubSpot lead status (Spanish)" },
  { "Mal momento", NONE, FALSE, ANY, "HubSpot lead status (Spanish)" },
  { "Abonnent", NONE, FALSE, ANY, "HubSpot lifecycle stage (German)" },
  { "Marketingqualifizierter Lead", NONE, FALSE, ANY, "HubSpot lifecycle stage (German)" },
  { "Marketing-qualifizierter Lead", NONE, FALSE, ANY, "HubSpot lifecycle stage (German)" },
  { "Vertriebsqualifizierter Lead", SQL, FALSE, ANY, "HubSpot lifecycle stage (German)" },
  { "Vertriebs-qualifizierter Lead", SQL, FALSE, ANY, "HubSpot lifecycle stage (German)" },
  { "Verkaufschance", OPP, FALSE, ANY, "HubSpot lifecycle stage (German)" },
  { "Kunde", WON, TRUE, ANY, "HubSpot lifecycle stage (German)" },
  { "Sonstiges", NONE, FALSE, ANY, "HubSpot lifecycle stage (German)" },
  { "Qualifiziert", SQL, FALSE, ANY, "generic; Dynamics 365 lead (German)" },
  { "Disqualifiziert", NONE, TRUE, ANY, "generic (German)" },
  { "Gewonnen", WON, TRUE, ANY, "generic (German)" },
  { "Verloren", OPP, TRUE, ANY, "generic (German)" },
  { "Offen - Nicht kontaktiert", NONE, FALSE, ANY, "Salesforce lead status (German)" },
  { "In Bearbeitung - Kontaktiert", NONE, FALSE, ANY, "Salesforce lead status (German)" },
  { "Geschlossen - Konvertiert", SQL, FALSE, ANY, "Salesforce lead status (German)" },
  { "Geschlossen - Nicht konvertiert", NONE, TRUE, ANY, "Salesforce lead status (German)" },
  { "Qualifizierung", OPP, FALSE, ANY, "Salesforce opportunity stage (German)" },
  { "Bedarfsanalyse", OPP, FALSE, ANY, "Salesforce opportunity stage (German)" },
  { "Angebot/Preisangebot", OPP, FALSE, ANY, "Salesforce opportunity stage (German)" },
  { "Verhandlung/Überprüfung", OPP, FALSE, ANY, "Salesforce opportunity stage (German)" },
  { "Geschlossen und gewonnen", WON, TRUE, ANY, "Salesforce opportunity stage (German)" },
  { "Geschlossen und verloren", OPP, TRUE, ANY, "Salesforce opportunity stage (German)" },
  { "Abgeschlossen und gewonnen", WON, TRUE, ANY, "HubSpot deal stage (German)" },
  { "Abgeschlossen und verloren", OPP, TRUE, ANY, "HubSpot deal stage (German)" },
  /* French */
  { "Nouveau", NONE, FALSE, ANY, "generic (French)" },
  { "Contacté", NONE, FALSE, ANY, "generic (French)" },
  { "Abonné", NONE, FALSE, ANY, "HubSpot lifecycle stage (French)" },
  { "Lead qualifié marketing", NONE, FALSE, ANY, "HubSpot lifecycle stage (French)" },
  { "Lead qualifié par le marketing", NONE, FALSE, ANY, "HubSpot lifecycle stage (French)" },
  { "Lead qualifié pour la vente", SQL, FALSE, ANY, "HubSpot lifecycle stage (French)" },
  { "Lead qualifié par les ventes", SQL, FALSE, ANY, "HubSpot lifecycle stage (French)" },
  { "Opportunité", OPP, FALSE, ANY, "HubSpot lifecycle stage (French)" },
  { "Client", WON, TRUE, ANY, "HubSpot lifecycle stage (French)" },
  { "Ambassadeur", WON, TRUE, ANY, "HubSpot lifecycle stage (French)" },
  { "Autre", NONE, FALSE, ANY, "HubSpot lifecycle stage (French)" },
  { "Qualifié", SQL, FALSE, ANY, "generic (French)" },
  { "Disqualifié", NONE, TRUE, ANY, "generic (French)" },
  { "Gagné", WON, TRUE, ANY, "generic (French)" },
  { "Gagnée", WON, TRUE, ANY, "generic (French)" },
  { "Perdu", OPP, TRUE, ANY, "generic (French)" },
  { "Perdue", OPP, TRUE, ANY, "generic (French)" },
  { "Ouvert - Non contacté", NONE, FALSE, ANY, "Salesforce lead status (French)" },
  { "En cours - Contacté", NONE, FALSE, ANY, "Salesforce lead status (French)" },
  { "Fermé - Converti", SQL, FALSE, ANY, "Salesforce lead status (French)" },
  { "Fermé - Non converti", NONE, TRUE, ANY, "Salesforce lead status (French)" },
  { "Prospection", OPP, FALSE, ANY, "Salesforce opportunity stage (French)" },
  { "Analyse des besoins", OPP, FALSE, ANY, "Salesforce opportunity stage (French)" },
  { "Proposition/Devis", OPP, FALSE, ANY, "Salesforce opportunity stage (French)" },
  { "Négociation/Révision", OPP, FALSE, ANY, "Salesforce opportunity stage (French)" },
  { "Fermée gagnée", WON, TRUE, ANY, "Salesforce opportunity stage (French)" },
  { "Fermée perdue", OPP, TRUE, ANY, "Salesforce opportunity stage (French)" },
  { "Conclue gagnée", WON, TRUE, ANY, "HubSpot deal stage (French)" },
  { "Conclue perdue", OPP, TRUE, ANY, "HubSpot deal stage (French)" },
  /* Spanish */
  { "Nuevo", NONE, FALSE, ANY, "generic (Spanish)" },
  { "Contactado", NONE, FALSE, ANY, "generic (Spanish)" },
  { "Suscriptor", NONE, FALSE, ANY, "HubSpot lifecycle stage (Spanish)" },
  { "Lead calificado para marketing", NONE, FALSE, ANY, "HubSpot lifecycle stage (Spanish)" },
  { "Lead calificado por marketing", NONE, FALSE, ANY, "HubSpot lifecycle stage (Spanish)" },
  { "Lead calificado para ventas", SQL, FALSE, ANY, "HubSpot lifecycle stage (Spanish)" },
  { "Lead calificado por ventas", SQL, FALSE, ANY, "HubSpot lifecycle stage (Spanish)" },
  { "Oportunidad", OPP, FALSE, ANY, "HubSpot lifecycle stage (Spanish)" },
  { "Cliente", WON, TRUE, ANY, "HubSpot lifecycle stage (Spanish)" },
  { "Promotor", WON, TRUE, ANY, "HubSpot lifecycle stage (Spanish)" },
  { "Otro", NONE, FALSE, ANY, "HubSpot lifecycle stage (Spanish)" },
  { "Calificado", SQL, FALSE, ANY, "generic (Spanish)" },
  { "Descalificado", NONE, TRUE, ANY, "generic (Spanish)" },
  { "Ganado", WON, TRUE, ANY, "generic (Spanish)" },
  { "Ganada", WON, TRUE, ANY, "generic (Spanish)" },
  { "Perdido", OPP, TRUE, ANY, "generic (Spanish)" },
  { "Perdida", OPP, TRUE, ANY, "generic (Spanish)" },
  { "Abierto - No contactado", NONE, FALSE, ANY, "Salesforce lead status (Spanish)" },
  { "Trabajando - Contactado", NONE, FALSE, ANY, "Salesforce lead status (Spanish)" },
  { "Cerrado - Convertido", SQL, FALSE, ANY, "Salesforce lead status (Spanish)" },
  { "Cerrado - No convertido", NONE, TRUE, ANY, "Salesforce lead status (Spanish)" },
  { "Prospección", OPP, FALSE, ANY, "Salesforce opportunity stage (Spanish)" },
  { "Calificación", OPP, FALSE, ANY, "Salesforce opportunity stage (Spanish)" },
  { "Análisis de necesidades", OPP, FALSE, ANY, "Salesforce opportunity stage (Spanish)" },
  { "Propuesta/Presupuesto", OPP, FALSE, ANY, "Salesforce opportunity stage (Spanish)" },
  { "Negociación/Revisión", OPP, FALSE, ANY, "Salesforce opportunity stage (Spanish)" },
  { "Cerrada ganada", WON, TRUE, ANY, "Salesforce opportunity stage (Spanish)" },
  { "Cerrada perdida", OPP, TRUE, ANY, "Salesforce opportunity stage (Spanish)" },
  { "Cerrado ganado", WON, TRUE, ANY, "HubSpot deal stage (Spanish)" },
  { "Cerrado perdido", OPP, TRUE, ANY, "HubSpot deal stage (Spanish)" },
  /* Words a lead status or lifecycle reads differently: a lost lead never says it
   * reached an opportunity, nor that it did not (Dynamics 365 lead: disqualified;
   * Mautic has no default stages, a "Lost" stage is one a user made for lost
   * contacts, SQLs and lost deals among them): only "not won" is known. */
  { "Lost", NONE, TRUE, LEAD, "a lead's status or lifecycle stage (Dynamics 365 lead: disqualified)", TRUE },
  /* Words an opportunity reads differently: the row is an opportunity */
  { "New", OPP, FALSE, DEAL, "an opportunity's status" },
  { "Open", OPP, FALSE, DEAL, "an opportunity's status; Account Engagement opportunity status" },
  { "In Progress", OPP, FALSE, DEAL, "Dynamics 365 opportunity" },
  { "Qualified", OPP, FALSE, DEAL, "an opportunity's stage" },
  { "Canceled", OPP, TRUE, DEAL, "Dynamics 365 opportunity" },
  { "Cancelled", OPP, TRUE, DEAL, "an opportunity's status" },
};

/* Values only an opportunity (or only a lead status) has: they set the context. */
static const char * const opportunity_only[] = {
  "Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers",
  "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "On Hold", "Out-Sold",
  "Identify Decision Makers", "Closed Lost to Competition",
  "Appointment Scheduled", "appointmentscheduled", "Qualified To Buy", "qualifiedtobuy",
  "Presentation Scheduled", "presentationscheduled", "Decision Maker Bought-In", "decisionmakerboughtin",
  "Contract Sent", "contractsent", "closedwon", "closedlost",
  "Contact Made", "Needs Defined", "Demo Scheduled", "Proposal Made", "Negotiations Started",
  "Qualifizierung", "Bedarfsanalyse", "Angebot/Preisangebot", "Verhandlung/Überprüfung", "Geschlossen und gewonnen",
  "Geschlossen und verloren", "Abgeschlossen und gewonnen", "Abgeschlossen und verloren",
  "Prospection", "Analyse des besoins", "Proposition/Devis", "Négociation/Révision", "Fermée gagnée", "Fermée perdue",
  "Prospección", "Calificación", "Análisis de necesidades", "Propuesta/Presupuesto", "Negociación/Revisión",
  "Cerrada ganada", "Cerrada perdida", NULL,
};
static const char * const lead_only[] = {
  "Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted",
  "Contacted", "Cannot Contact", "No Longer Interested", "Attempted to Contact", "Connected",
  "Bad Timing", "Open Deal", "Unqualified",
  "Not Contacted", "Contact in Future", "Pre-Qualified", "Junk Lead", "Lost Lead", "Not Qualified",
  /* a lifecycle (HubSpot, Marketo, Mautic, Brevo): the stages of the lead, not of a deal */
  "Subscriber", "Lead", "MQL", "Marketing Qualified Lead", "marketingqualifiedlead", "SQL",
  "Sales Qualified Lead", "salesqualifiedlead", "Evangelist",
  "Offen - Nicht kontaktiert", "In Bearbeitung - Kontaktiert", "Geschlossen - Konvertiert", "Geschlossen - Nicht konvertiert",
  "Ouvert - Non contacté", "En cours - Contacté", "Fermé - Converti", "Fermé - Non converti",
  "Abierto - No contactado", "Trabajando - Contactado", "Cerrado - Convertido", "Cerrado - No convertido", NULL,
};

const MqlwStageTableEntry *
mqlw_stage_table_entries (guint *n_entries)
{
  if (n_entries != NULL)
    *n_entries = G_N_ELEMENTS (entries);
  return entries;
}

char *
mqlw_stage_table_normalize (const char *value)
{
  GString *out;
  gboolean space = FALSE;

  g_return_val_if_fail (value != NULL, NULL);

  out = g_string_sized_new (strlen (value));
  for (const char *p = value; *p != '\0'; p++)
    {
      /* Bytes of UTF-8 characters are kept: only ASCII punctuation separates words. */
      if (g_ascii_isalnum (*p) || (guchar) *p >= 0x80)
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append_c (out, g_ascii_tolower (*p));
          space = FALSE;
        }
      else
        space = TRUE;
    }
  return g_string_free (out, FALSE);
}

/* The entries' values in the form they are compared in, made once. */
static const char * const *
normalized_entries (void)
{
  static char **keys = NULL;

  if (g_once_init_enter (&keys))
    {
      char **built = g_new0 (char *, G_N_ELEMENTS (entries) + 1);
      for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
        built[i] = mqlw_stage_table_normalize (entries[i].value);
      g_once_init_leave (&keys, built);
    }
  return (const char * const *) keys;
}

static gboolean
list_has (const char * const *list,
          const char         *normalized)
{
  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autofree char *known = mqlw_stage_table_normalize (list[i]);
      if (strcmp (known, normalized) == 0)
        return TRUE;
    }
  return FALSE;
}

MqlwStageContext
mqlw_stage_table_context (const char         *column_name,
                          const char * const *values)
{
  gboolean lead = FALSE;

  if (column_name != NULL)
    {
      g_autofree char *name = mqlw_stage_table_normalize (column_name);
      g_auto(GStrv) words = g_strsplit (name, " ", -1);

      for (guint i = 0; words[i] != NULL; i++)
        if (g_str_has_prefix (words[i], "opportunit") || strcmp (words[i], "opp") == 0
            || strcmp (words[i], "deal") == 0 || strcmp (words[i], "stagename") == 0)
          return MQLW_STAGE_CONTEXT_OPPORTUNITY;
    }
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *value = mqlw_stage_table_normalize (values[i]);
      if (list_has (opportunity_only, value))
        return MQLW_STAGE_CONTEXT_OPPORTUNITY;
      lead = lead || list_has (lead_only, value);
    }
  return lead ? MQLW_STAGE_CONTEXT_LEAD : MQLW_STAGE_CONTEXT_ANY;
}

const MqlwStageTableEntry *
mqlw_stage_table_lookup (MqlwStageContext  context,
                         const char       *value)
{
  const char * const *keys = normalized_entries ();
  g_autofree char *normalized = NULL;
  const MqlwStageTableEntry *general = NULL;

  g_return_val_if_fail (value != NULL, NULL);

  normalized = mqlw_stage_table_normalize (value);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      if (entries[i].context != MQLW_STAGE_CONTEXT_ANY && entries[i].context != context)
        continue;
      if (strcmp (keys[i], normalized) != 0)
        continue;
      if (entries[i].context == context && context != MQLW_STAGE_CONTEXT_ANY)
        return &entries[i];
      if (general == NULL)
        general = &entries[i];
    }
  return general;
}

gboolean
mqlw_stage_table_unknown_before (const MqlwStageTableEntry *entry,
                                 const char                *column_name)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (entry != NULL, FALSE);
  if (!entry->unknown_before || column_name == NULL)
    return entry->unknown_before;
  /* Dynamics 365 names it Status Reason (statuscode in its API). */
  name = mqlw_stage_table_normalize (column_name);
  return strstr (name, "status reason") == NULL && strstr (name, "statuscode") == NULL;
}

void
mqlw_stage_use_free (MqlwStageUse *use)
{
  if (use == NULL)
    return;
  g_free (use->column);
  g_free (use->value);
  g_free (use);
}
