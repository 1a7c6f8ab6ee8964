/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-verdict"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mqlw-verdict.h"

void
mqlw_verdict_cuts_init_default (MqlwVerdictCuts *cuts)
{
  g_return_if_fail (cuts != NULL);

  cuts->stage = MQLW_VERDICT_STAGE_AUTO;
  cuts->marginal = 0.10;
  cuts->good = 0.30;
  cuts->hot = 0.50;
  cuts->min_known = MQLW_VERDICT_DEFAULT_MIN_KNOWN;
}

gboolean
mqlw_verdict_cuts_equal (const MqlwVerdictCuts *a,
                         const MqlwVerdictCuts *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->stage == b->stage && a->marginal == b->marginal && a->good == b->good && a->hot == b->hot &&
         a->min_known == b->min_known;
}

const char *
mqlw_verdict_to_string (MqlwVerdict verdict)
{
  static const char * const names[] = { "none", "too_early", "marginal", "good", "hot", "too_few" };

  g_return_val_if_fail (verdict < MQLW_N_VERDICTS, NULL);
  return names[verdict];
}

const char *
mqlw_verdict_label (MqlwVerdict verdict)
{
  static const char * const labels[] = {
    N_("No data"), N_("Too early"), N_("Marginal"), N_("Good"), N_("Hot"), N_("Too few leads")
  };

  g_return_val_if_fail (verdict < MQLW_N_VERDICTS, NULL);
  return labels[verdict];
}

const char *
mqlw_verdict_why_to_string (MqlwVerdictWhy why)
{
  static const char * const names[] = {
    "sql", "chosen", "no_sql", "sql_same", "none_varies", "no_outcomes", "chosen_absent", "chosen_same"
  };

  g_return_val_if_fail (why <= MQLW_VERDICT_WHY_CHOSEN_SAME, NULL);
  return names[why];
}

gboolean
mqlw_verdict_stage_varies (const MqlwRate *rates,
                           guint           n,
                           gsize           stride)
{
  const MqlwRate *first = NULL;
  guint n_known = 0;
  gboolean differs = FALSE;

  g_return_val_if_fail (n == 0 || rates != NULL, FALSE);

  for (guint i = 0; i < n; i++)
    {
      const MqlwRate *rate = (const MqlwRate *) ((const guint8 *) rates + i * stride);

      if (!rate->present || rate->known == 0)
        continue;
      n_known++;
      if (first == NULL)
        first = rate;
      /* Exact: a/b ≠ c/d ⇔ a·d ≠ c·b (counts stay far below 2³²). */
      else if (rate->reached * first->known != first->reached * rate->known)
        differs = TRUE;
    }
  if (first == NULL)
    return FALSE;
  if (n_known == 1)
    return first->reached > 0 && first->reached < first->known;
  return differs;
}

MqlwStage
mqlw_verdict_choose_stage (const MqlwVerdictCuts *cuts,
                           const gboolean         present[MQLW_N_STAGES],
                           const gboolean         varies[MQLW_N_STAGES],
                           MqlwVerdictWhy        *why)
{
  /* After SQL the funnel goes on (opportunity, won); acceptance comes last. */
  static const MqlwStage fallback[] = { MQLW_STAGE_OPPORTUNITY, MQLW_STAGE_WON, MQLW_STAGE_ACCEPTED };
  gboolean any = FALSE;
  MqlwVerdictWhy dummy;

  g_return_val_if_fail (cuts != NULL, MQLW_N_STAGES);

  if (why == NULL)
    why = &dummy;

  if (cuts->stage < MQLW_N_STAGES)
    {
      *why = !present[cuts->stage] ? MQLW_VERDICT_WHY_CHOSEN_ABSENT
           : !varies[cuts->stage] ? MQLW_VERDICT_WHY_CHOSEN_SAME
           : MQLW_VERDICT_WHY_CHOSEN;
      return *why == MQLW_VERDICT_WHY_CHOSEN ? cuts->stage : MQLW_N_STAGES;
    }

  if (present[MQLW_STAGE_SQL] && varies[MQLW_STAGE_SQL])
    {
      *why = MQLW_VERDICT_WHY_SQL;
      return MQLW_STAGE_SQL;
    }
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    any |= present[s];
  for (guint i = 0; i < G_N_ELEMENTS (fallback); i++)
    if (present[fallback[i]] && varies[fallback[i]])
      {
        *why = present[MQLW_STAGE_SQL] ? MQLW_VERDICT_WHY_SQL_SAME : MQLW_VERDICT_WHY_NO_SQL;
        return fallback[i];
      }
  *why = any ? MQLW_VERDICT_WHY_NONE_VARIES : MQLW_VERDICT_WHY_NO_OUTCOMES;
  return MQLW_N_STAGES;
}

MqlwVerdict
mqlw_verdict_rate (const MqlwRate        *rate,
                   const MqlwVerdictCuts *cuts)
{
  g_return_val_if_fail (rate != NULL && cuts != NULL, MQLW_VERDICT_NONE);

  if (!rate->present || rate->known == 0)
    return MQLW_VERDICT_NONE;
  if (rate->known < cuts->min_known)
    return MQLW_VERDICT_TOO_FEW;
  if (rate->rate >= cuts->hot)
    return MQLW_VERDICT_HOT;
  if (rate->rate >= cuts->good)
    return MQLW_VERDICT_GOOD;
  if (rate->rate >= cuts->marginal)
    return MQLW_VERDICT_MARGINAL;
  return MQLW_VERDICT_TOO_EARLY;
}

/* "the SQL rate" and the like, for the sentences below. */
static const char *
rate_name (MqlwStage stage)
{
  static const char * const names[] = {
    /* Translators: completes "Verdicts follow the …". */
    N_("acceptance rate"), N_("SQL rate"), N_("opportunity rate"), N_("win rate"),
  };

  return stage < MQLW_N_STAGES ? _(names[stage]) : "";
}

char *
mqlw_verdict_explain (MqlwStage      stage,
                      MqlwVerdictWhy why,
                      MqlwStage      chosen)
{
  switch (why)
    {
    case MQLW_VERDICT_WHY_SQL:
    case MQLW_VERDICT_WHY_CHOSEN:
      /* Translators: %s is "SQL rate", "win rate", … */
      return g_strdup_printf (_("Verdicts follow the %s."), rate_name (stage));
    case MQLW_VERDICT_WHY_NO_SQL:
      return g_strdup_printf (_("Verdicts follow the %s: the data has no SQL outcome."), rate_name (stage));
    case MQLW_VERDICT_WHY_SQL_SAME:
      return g_strdup_printf (_("Verdicts follow the %s: the SQL rate is the same in every bucket."),
                              rate_name (stage));
    case MQLW_VERDICT_WHY_NONE_VARIES:
      return g_strdup (_("No verdicts: no stage’s rate differs between the buckets."));
    case MQLW_VERDICT_WHY_NO_OUTCOMES:
      return g_strdup (_("No verdicts: the data has no outcomes."));
    case MQLW_VERDICT_WHY_CHOSEN_ABSENT:
      return g_strdup_printf (_("No verdicts: the data has no outcome for the chosen %s."), rate_name (chosen));
    case MQLW_VERDICT_WHY_CHOSEN_SAME:
      return g_strdup_printf (_("No verdicts: the chosen %s is the same in every bucket."), rate_name (chosen));
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}
