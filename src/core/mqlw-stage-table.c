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
  /* Words a lead status reads differently */
  { "Lost", NONE, TRUE, LEAD, "Dynamics 365 lead (disqualified)" },
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
  "Appointment Scheduled", "appointmentscheduled", "Qualified To Buy", "qualifiedtobuy",
  "Presentation Scheduled", "presentationscheduled", "Decision Maker Bought-In", "decisionmakerboughtin",
  "Contract Sent", "contractsent", "closedwon", "closedlost", NULL,
};
static const char * const lead_only[] = {
  "Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted",
  "Contacted", "Cannot Contact", "No Longer Interested", "Attempted to Contact", "Connected",
  "Bad Timing", "Open Deal", "Unqualified", NULL,
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

void
mqlw_stage_use_free (MqlwStageUse *use)
{
  if (use == NULL)
    return;
  g_free (use->column);
  g_free (use->value);
  g_free (use);
}
