/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mqlw-cli.h"
#include "mqlw-json-text.h"

/* The calibration's JSON is written in the core (mqlw-calibration-json.h),
 * which sign-off's metrics share. */

void
mqlw_print_json (JsonNode *root)
{
  g_autofree char *text = mqlw_json_generate (root, TRUE);

  /* json-glib copies strings as they are: a file name that is not UTF-8
   * (bytes a file system allows) would make the output no JSON. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      char *valid = g_utf8_make_valid (text, -1);
      g_free (text);
      text = valid;
    }
  fputs (text, stdout);
  fputc ('\n', stdout);
}

/* The CSV writing lives in the core (mqlw-export.h) so that the window's
 * exports and the CLI print the same bytes. */
void
mqlw_csv_row (GString           *out,
              const char *const *fields,
              guint              n_fields)
{
  mqlw_csv_append_row (out, fields, n_fields);
}

static char *
format_score (double value)
{
  if (!isfinite (value))
    return g_strdup ("");
  if (value == floor (value))
    return g_strdup_printf ("%.0f", value);
  return mqlw_export_format_decimal (value, 2);
}

/* "41.2 %" or "—" when there is nothing to compute it over. */
static char *
format_percent (double rate)
{
  return mqlw_format_percent_as (rate, 1, MQLW_FORMAT_PLAIN);
}

static char *
format_rate_cell (const MqlwRate *rate)
{
  if (!rate->present)
    return g_strdup ("");
  if (rate->known == 0)
    return g_strdup ("— (0)");
  return mqlw_format_rate_counts (rate, MQLW_FORMAT_PLAIN);
}

void
mqlw_print_buckets_text (const MqlwBucketTable *table)
{
  g_autofree char *text = mqlw_text_buckets (table);

  fputs (text, stdout);
  if (table->unscored.leads > 0)
    {
      g_autofree char *scored = g_strdup_printf ("%" G_GUINT64_FORMAT, table->scored_leads);

      g_print (g_dngettext (NULL, "Unscored: leads without a score, in no bucket and no figure; shares are of the %s scored lead.\n", "Unscored: leads without a score, in no bucket and no figure; shares are of the %s scored leads.\n", (gulong) table->scored_leads),
               scored);
    }
  {
    g_autofree char *note = mqlw_verdict_explain (table->verdict_stage, table->verdict_why, table->cuts.stage);

    g_print ("%s", note);
    if (table->verdict_stage < MQLW_N_STAGES)
      g_print (g_dngettext (NULL, " Fewer than %u known outcome: “Too few leads”.", " Fewer than %u known outcomes: “Too few leads”.", table->cuts.min_known), table->cuts.min_known);
    g_print ("\n");
  }
}

void
mqlw_print_buckets_csv (const MqlwBucketTable *table)
{
  g_autofree char *text = mqlw_export_buckets_csv (table);

  fputs (text, stdout);
}

void
mqlw_print_preview_text (const MqlwPreview *preview,
                         const char        *heading)
{
  g_autofree char *threshold = format_score (preview->threshold);

  if (heading != NULL)
    g_print ("%s\n", heading);
  g_print ("  %-26s %s\n", _("Threshold"), threshold);
  {
    g_autofree char *share = format_percent (preview->mql_share);

    g_print ("  %-26s %" G_GUINT64_FORMAT " (%s %s)\n", _("MQLs"), preview->mql, share,
             preview->unscored.leads > 0 ? _("of scored leads") : _("of all leads"));
  }
  if (isnan (preview->mql_per_month))
    g_print ("  %-26s — (%s)\n", _("MQLs per month"),
             _("the period is unknown: no created date; give --months N"));
  else
    g_print ("  %-26s %.1f (%s %g %s%s)\n", _("MQLs per month"), preview->mql_per_month,
             _("over"), round (preview->months * 100) / 100, g_dngettext (NULL, "month", "months", mqlw_format_plural_n (preview->months, 2)),
             preview->months_source == MQLW_MONTHS_STATED ? _(", as stated") : "");
  g_print ("  %-26s %s %" G_GUINT64_FORMAT ", %s %" G_GUINT64_FORMAT ", %s %" G_GUINT64_FORMAT "\n",
           _("By path"), _("score"), preview->by_path[MQLW_PATH_INDEX_SCORE],
           _("grade + behaviour"), preview->by_path[MQLW_PATH_INDEX_GRADE_BEHAVIOUR],
           _("hand-raiser"), preview->by_path[MQLW_PATH_INDEX_HAND_RAISER]);
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    {
      g_autofree char *cell = NULL;
      g_autofree char *label = NULL;

      if (!preview->stage[s].present)
        continue;
      cell = format_rate_cell (&preview->stage[s]);
      label = g_strdup_printf (_("%s rate"), _(mqlw_stage_label (s)));
      if (s == MQLW_STAGE_ACCEPTED)
        g_print ("  %-26s %s, %s %.1f %%\n", label, cell, _("coverage"),
                 isnan (preview->acceptance_coverage) ? 0.0 : preview->acceptance_coverage * 100.0);
      else
        g_print ("  %-26s %s\n", label, cell);
    }
  if (preview->stage[MQLW_STAGE_WON].present)
    {
      g_autofree char *share = format_percent (preview->wins_captured_share);
      g_print ("  %-26s %" G_GUINT64_FORMAT " %s %" G_GUINT64_FORMAT " (%s), %s %" G_GUINT64_FORMAT "\n",
               _("Wins captured"), preview->wins_captured, _("of"), preview->wins_total, share,
               _("missed"), preview->wins_missed);
    }
  if (!isnan (preview->capacity_per_month) && isnan (preview->mql_per_month))
    g_print ("  %-26s %s\n", _("Capacity check"), _("none: the period is unknown"));
  else if (!isnan (preview->capacity_per_month))
    g_print ("  %-26s %.0f %s %.0f: %s\n", _("Capacity check"), preview->mql_per_month,
             _("a month against a capacity of"), preview->capacity_per_month,
             preview->over_capacity ? _("over capacity") : _("within capacity"));
  if (preview->disqualified > 0)
    g_print ("  %-26s %" G_GUINT64_FORMAT "\n", _("Disqualified leads"), preview->disqualified);
  if (preview->unscored.leads > 0)
    {
      g_print ("  %-26s %" G_GUINT64_FORMAT " (%s)\n", _("Unscored leads"), preview->unscored.leads,
               _("no score: left out of every figure above"));
      for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
        {
          g_autofree char *cell = NULL;
          g_autofree char *label = NULL;

          if (!preview->unscored.stage[s].present)
            continue;
          cell = format_rate_cell (&preview->unscored.stage[s]);
          label = g_strdup_printf (_("%s rate"), _(mqlw_stage_label (s)));
          g_print ("    %-24s %s\n", label, cell);
        }
    }
}

void
mqlw_print_previews_csv (const MqlwPreview *previews,
                         guint              n)
{
  g_autofree char *text = mqlw_export_previews_csv (previews, n);

  fputs (text, stdout);
}
