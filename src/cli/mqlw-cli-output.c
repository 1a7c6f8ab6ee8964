/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mqlw-cli.h"

static void
add_double_or_null (JsonBuilder *builder,
                    const char  *member,
                    double       value,
                    int          decimals)
{
  json_builder_set_member_name (builder, member);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else if (isinf (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, decimals >= 0 ? mqlw_export_round (value, decimals) : value);
}

static void
add_count (JsonBuilder *builder,
           const char  *member,
           guint64      value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, (gint64) value);
}

/* Scores are rounded to 2 decimals by the scorer; integral ones print as integers. */
void
mqlw_json_add_score (JsonBuilder *builder,
                     const char  *member,
                     double       value)
{
  json_builder_set_member_name (builder, member);
  if (!isfinite (value))
    json_builder_add_null_value (builder);
  else if (value == floor (value) && fabs (value) < 1e15)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, mqlw_export_round (value, 2));
}

void
mqlw_json_add_rate (JsonBuilder    *builder,
                    const char     *member,
                    const MqlwRate *rate)
{
  json_builder_set_member_name (builder, member);
  if (!rate->present)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  add_count (builder, "known", rate->known);
  add_count (builder, "reached", rate->reached);
  add_double_or_null (builder, "rate", rate->rate, 6);
  add_double_or_null (builder, "ci_low", rate->ci_low, 6);
  add_double_or_null (builder, "ci_high", rate->ci_high, 6);
  json_builder_end_object (builder);
}

static void
add_stage_rates (JsonBuilder    *builder,
                 const MqlwRate *rates)
{
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    mqlw_json_add_rate (builder, mqlw_stage_to_string (s), &rates[s]);
}

JsonNode *
mqlw_json_buckets (const MqlwBucketTable *table)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < table->n_buckets; i++)
    {
      const MqlwBucket *bucket = &table->buckets[i];

      json_builder_begin_object (builder);
      mqlw_json_add_score (builder, "lo", bucket->lo);
      mqlw_json_add_score (builder, "hi", bucket->hi);
      add_count (builder, "leads", bucket->leads);
      add_double_or_null (builder, "share", bucket->share, 6);
      add_stage_rates (builder, bucket->stage);
      json_builder_set_member_name (builder, "verdict");
      json_builder_add_string_value (builder, mqlw_verdict_to_string (bucket->verdict));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

JsonNode *
mqlw_json_unscored (const MqlwUnscored *unscored)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_count (builder, "leads", unscored->leads);
  add_stage_rates (builder, unscored->stage);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
mqlw_json_add_table_facts (JsonBuilder           *builder,
                           const MqlwBucketTable *table)
{
  g_autofree char *note = mqlw_verdict_explain (table->verdict_stage, table->verdict_why, table->cuts.stage);

  json_builder_set_member_name (builder, "verdict_stage");
  if (table->verdict_stage < MQLW_N_STAGES)
    json_builder_add_string_value (builder, mqlw_stage_to_string (table->verdict_stage));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "verdict_reason");
  json_builder_add_string_value (builder, mqlw_verdict_why_to_string (table->verdict_why));
  json_builder_set_member_name (builder, "verdict_note");
  json_builder_add_string_value (builder, note);
  add_count (builder, "min_known", table->cuts.min_known);
  json_builder_set_member_name (builder, "shares_include_unscored");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "unscored");
  json_builder_add_value (builder, mqlw_json_unscored (&table->unscored));
}

JsonNode *
mqlw_json_preview (const MqlwPreview *preview)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  static const char * const path_names[MQLW_N_PATHS] = { "score", "grade_behaviour", "hand_raiser" };

  json_builder_begin_object (builder);
  mqlw_json_add_score (builder, "threshold", preview->threshold);
  add_count (builder, "mql", preview->mql);
  add_stage_rates (builder, preview->stage);
  add_count (builder, "wins_captured", preview->wins_captured);
  add_count (builder, "wins_missed", preview->wins_missed);
  add_count (builder, "wins_total", preview->wins_total);
  json_builder_set_member_name (builder, "wins_total_includes_unscored");
  json_builder_add_boolean_value (builder, FALSE);
  add_double_or_null (builder, "wins_captured_share", preview->wins_captured_share, 6);
  add_count (builder, "leads", preview->leads);
  add_count (builder, "disqualified", preview->disqualified);
  add_double_or_null (builder, "mql_share", preview->mql_share, 6);
  json_builder_set_member_name (builder, "shares_include_unscored");
  json_builder_add_boolean_value (builder, FALSE);
  add_double_or_null (builder, "months", preview->months, 2);
  json_builder_set_member_name (builder, "months_from");
  if (preview->months_source == MQLW_MONTHS_UNKNOWN)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, mqlw_months_source_to_string (preview->months_source));
  add_double_or_null (builder, "mql_per_month", preview->mql_per_month, 2);
  add_double_or_null (builder, "acceptance_coverage", preview->acceptance_coverage, 6);
  json_builder_set_member_name (builder, "by_path");
  json_builder_begin_object (builder);
  for (guint p = 0; p < MQLW_N_PATHS; p++)
    add_count (builder, path_names[p], preview->by_path[p]);
  json_builder_end_object (builder);
  add_double_or_null (builder, "capacity_per_month", preview->capacity_per_month, 2);
  json_builder_set_member_name (builder, "over_capacity");
  if (isnan (preview->capacity_per_month) || isnan (preview->mql_per_month))   /* no capacity verdict */
    json_builder_add_null_value (builder);
  else
    json_builder_add_boolean_value (builder, preview->over_capacity);
  json_builder_set_member_name (builder, "unscored");
  json_builder_add_value (builder, mqlw_json_unscored (&preview->unscored));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
mqlw_print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
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
