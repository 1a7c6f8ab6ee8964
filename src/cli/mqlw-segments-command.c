/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw segments: does the picture hold in every segment (mqlw-segments.h)? */
#define G_LOG_DOMAIN "mqlw-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "mqlw-cli-analytics.h"
#include "mqlw-commands.h"

static void
add_threshold (JsonBuilder *builder,
               const char  *member,
               gboolean     found,
               double       threshold)
{
  if (found)
    mqlw_json_add_score (builder, member, threshold);
  else
    {
      json_builder_set_member_name (builder, member);
      json_builder_add_null_value (builder);
    }
}

static void
print_json (const MqlwSegments *seg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "field");
  json_builder_add_string_value (builder, seg->field);
  json_builder_set_member_name (builder, "stage");
  json_builder_add_string_value (builder, mqlw_stage_to_string (seg->stage));
  mqlw_json_add_score (builder, "threshold", seg->threshold);
  mqlw_json_add_number (builder, "target_rate", seg->target_rate, 6);
  json_builder_set_member_name (builder, "pooled");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "buckets");
  json_builder_add_value (builder, mqlw_json_buckets (seg->pooled));
  mqlw_json_add_rate (builder, "mql_rate", &seg->mql_rate);
  mqlw_json_add_rate (builder, "other_rate", &seg->other_rate);
  mqlw_json_add_number (builder, "difference", seg->difference, 6);
  add_threshold (builder, "best_threshold", seg->threshold_found, seg->best_threshold);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "segments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < seg->segments->len; i++)
    {
      const MqlwSegment *s = g_ptr_array_index (seg->segments, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, s->label);
      mqlw_json_add_count (builder, "leads", s->leads);
      mqlw_json_add_count (builder, "mql", s->mql);
      json_builder_set_member_name (builder, "buckets");
      json_builder_add_value (builder, mqlw_json_buckets (s->buckets));
      mqlw_json_add_rate (builder, "mql_rate", &s->mql_rate);
      mqlw_json_add_rate (builder, "other_rate", &s->other_rate);
      mqlw_json_add_number (builder, "difference", s->difference, 6);
      json_builder_set_member_name (builder, "evaluable");
      json_builder_add_boolean_value (builder, s->evaluable);
      json_builder_set_member_name (builder, "reversed");
      json_builder_add_boolean_value (builder, s->reversed);
      add_threshold (builder, "best_threshold", s->threshold_found, s->threshold);
      json_builder_set_member_name (builder, "threshold_differs");
      json_builder_add_boolean_value (builder, s->threshold_differs);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "simpson");
  json_builder_add_boolean_value (builder, seg->simpson);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < seg->warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (seg->warnings, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "unscored");
  json_builder_begin_object (builder);
  mqlw_json_add_count (builder, "leads", seg->unscored);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  mqlw_print_json (root);
}

/* One row per segment and score range: scripts pivot it as they like. */
static void
print_csv (const MqlwSegments *seg)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *header[] = { "value", "lo", "hi", "leads", "known", "reached", "rate" };

  mqlw_csv_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < seg->segments->len; i++)
    {
      const MqlwSegment *s = g_ptr_array_index (seg->segments, i);

      for (guint b = 0; s->buckets != NULL && b < s->buckets->n_buckets; b++)
        {
          const MqlwBucket *bucket = &s->buckets->buckets[b];
          const MqlwRate *rate = &bucket->stage[seg->stage];
          g_autofree char *lo = mqlw_text_score (bucket->lo);
          g_autofree char *hi = mqlw_text_score (bucket->hi);
          g_autofree char *leads = g_strdup_printf ("%" G_GUINT64_FORMAT, bucket->leads);
          g_autofree char *known = g_strdup_printf ("%" G_GUINT64_FORMAT, rate->known);
          g_autofree char *reached = g_strdup_printf ("%" G_GUINT64_FORMAT, rate->reached);
          g_autofree char *value = mqlw_export_format_decimal (rate->rate, 6);
          const char *row[] = { s->label, lo, hi, leads, known, reached, value };

          mqlw_csv_row (out, row, G_N_ELEMENTS (row));
        }
    }
  fputs (out->str, stdout);
}

static char *
short_rate (const MqlwRate *rate)
{
  if (!rate->present || rate->known == 0)
    return g_strdup ("—");
  {
    g_autofree char *percent = mqlw_format_percent_as (rate->rate, 0, MQLW_FORMAT_PLAIN);
    g_autofree char *known = mqlw_format_count_as (rate->known, MQLW_FORMAT_PLAIN);

    return g_strdup_printf ("%s /%s", percent, known);
  }
}

static void
print_text (const MqlwScored  *scored,
            const MqlwSegments *seg)
{
  const char *stage = _(mqlw_stage_label (seg->stage));

  g_print ("%s — %s, %u %s\n", scored->model->name != NULL ? scored->model->name : _("Model"),
           scored->dataset->source_name, scored->dataset->n_rows,
           g_dngettext (NULL, "lead", "leads", scored->dataset->n_rows));
  /* TRANSLATORS: "By lead_source, at SQL: the MQLs' rate against the other leads', and each score range's." */
  g_print (_("By %s, at %s: the MQLs' rate against the other leads', and each score range's.\n\n"), seg->field, stage);

  mqlw_print_cell (_("Segment"), 22, FALSE);
  mqlw_print_cell (_("Leads"), 8, TRUE);
  mqlw_print_cell (_("MQLs"), 7, TRUE);
  mqlw_print_cell (_("MQLs' rate"), 13, TRUE);
  mqlw_print_cell (_("Others'"), 13, TRUE);
  mqlw_print_cell (_("Best"), 8, TRUE);
  for (guint b = 0; b < seg->pooled->n_buckets; b++)
    {
      g_autofree char *range = mqlw_bucket_table_range_label (seg->pooled, b);

      mqlw_print_cell (range, 12, TRUE);
    }
  g_print ("\n");
  for (guint i = 0; i <= seg->segments->len; i++)
    {
      /* The segments, then all of them pooled. */
      gboolean pooled = i == seg->segments->len;
      const MqlwSegment *s = pooled ? NULL : g_ptr_array_index (seg->segments, i);
      const MqlwBucketTable *table = pooled ? seg->pooled : s->buckets;
      g_autofree char *leads = g_strdup_printf ("%" G_GUINT64_FORMAT, pooled ? seg->pooled->scored_leads : s->leads);
      g_autofree char *mql = pooled ? g_strdup ("") : g_strdup_printf ("%" G_GUINT64_FORMAT, s->mql);
      g_autofree char *mql_rate = short_rate (pooled ? &seg->mql_rate : &s->mql_rate);
      g_autofree char *other_rate = short_rate (pooled ? &seg->other_rate : &s->other_rate);
      gboolean found = pooled ? seg->threshold_found : s->threshold_found;
      g_autofree char *best = found ? mqlw_text_score (pooled ? seg->best_threshold : s->threshold) : g_strdup ("—");
      g_autofree char *label = g_strdup_printf ("%s%s", pooled ? _("All leads") : s->label,
                                                !pooled && (s->reversed || s->threshold_differs) ? " !" : "");

      if (pooled)
        g_print ("\n");
      mqlw_print_cell (label, 22, FALSE);
      mqlw_print_cell (leads, 8, TRUE);
      mqlw_print_cell (mql, 7, TRUE);
      mqlw_print_cell (mql_rate, 13, TRUE);
      mqlw_print_cell (other_rate, 13, TRUE);
      mqlw_print_cell (best, 8, TRUE);
      for (guint b = 0; table != NULL && b < table->n_buckets; b++)
        {
          g_autofree char *cell = short_rate (&table->buckets[b].stage[seg->stage]);

          mqlw_print_cell (cell, 12, TRUE);
        }
      g_print ("\n");
    }
  {
    g_autofree char *target = mqlw_format_percent_as (seg->target_rate, 0, MQLW_FORMAT_PLAIN);

    /* TRANSLATORS: "Best: the lowest threshold whose MQLs reach a 30 % SQL rate. Rates read “rate /known leads”." */
    g_print (_("\nBest: the lowest threshold whose MQLs reach a %s SQL rate. Rates read “rate /known leads”.\n"), target);
  }
  if (seg->warnings->len == 0)
    g_print ("%s\n", _("The score ranks the leads the same way in every segment."));
  for (guint i = 0; i < seg->warnings->len; i++)
    g_print ("%s %s\n", _("Warning:"), (const char *) g_ptr_array_index (seg->warnings, i));
  mqlw_print_left_out (seg->unscored);
}

int
mqlw_command_segments (int    argc,
                       char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwBucketSpec) spec = NULL;
  g_autoptr(MqlwSegments) segments = NULL;
  g_autofree char *by = NULL, *stage_text = NULL, *buckets = NULL, *target = NULL;
  MqlwScored scored = { 0 };
  MqlwStage stage = MQLW_STAGE_SQL;
  double target_rate = 0.30;
  int min_known = 20;
  int status;
  GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("The column to split the leads by"), N_("FIELD") },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage_text,
      N_("The stage to compare the segments at (default sql, else the first the data has)"), N_("STAGE") },
    { "buckets", 'b', 0, G_OPTION_ARG_STRING, &buckets,
      N_("The score ranges every segment shares (default auto)"), N_("SCHEME") },
    { "target-sql", 0, 0, G_OPTION_ARG_STRING, &target,
      N_("The SQL rate each segment's best threshold reaches (default 30 %)"), N_("RATE") },
    { "min-known", 0, 0, G_OPTION_ARG_INT, &min_known,
      N_("Judge a segment only over this many known outcomes on each side (default 20)"), N_("N") },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("FILE"),
                        _("Does the picture hold in every segment? Each value of a field (source, region, size band)\n"
                          "with its score ranges' rates and its MQLs against its other leads, a warning when the\n"
                          "pooled trend reverses within the segments (Simpson's paradox) or a segment's best\n"
                          "threshold falls in another score range than the pooled one."),
                        _("FILE is a CSV export of lead history, or - to read it from standard input.\n"
                          "Exit status: 0 success, 1 usage error, 2 data error."),
                        entries, TRUE, TRUE, TRUE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, NULL, &error) ||
      (spec = mqlw_parse_buckets (buckets, &error)) == NULL ||
      (target != NULL && !mqlw_parse_fraction ("--target-sql", target, &target_rate, &error)))
    return mqlw_report_error (error);
  if (by == NULL)
    {
      g_printerr ("mqlw: %s\n", _("say which column to split the leads by: --by FIELD"));
      return MQLW_EXIT_USAGE;
    }
  if (!mqlw_parse_stage (stage_text, &stage, &error))
    return mqlw_report_error (error);
  if (min_known < 1)
    {
      g_printerr ("mqlw: %s\n", _("--min-known must be at least 1"));
      return MQLW_EXIT_USAGE;
    }
  if ((status = mqlw_analytics_load (&inv, &scored)) != MQLW_EXIT_OK)
    return status;
  stage = mqlw_default_stage (stage_text, &scored.dataset->outcomes, stage);
  segments = mqlw_segments_new (scored.dataset, mqlw_scorer_get_scores (scored.scorer), scored.model->paths.score,
                                scored.model->threshold, by, stage, spec, target_rate, (guint) min_known, &error);
  if (segments == NULL)
    {
      mqlw_scored_clear (&scored);
      return mqlw_report_error (error);
    }

  switch (inv.format.parsed)
    {
    case MQLW_FORMAT_JSON:
      print_json (segments);
      break;
    case MQLW_FORMAT_CSV:
      print_csv (segments);
      break;
    case MQLW_FORMAT_TEXT:
    default:
      print_text (&scored, segments);
      break;
    }
  mqlw_scored_clear (&scored);
  return MQLW_EXIT_OK;
}
