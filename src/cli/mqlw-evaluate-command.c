/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw evaluate: how good is the score (mqlw-evaluate.h). */
#define G_LOG_DOMAIN "mqlw-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "mqlw-cli-analytics.h"
#include "mqlw-commands.h"

typedef enum {
  TABLE_SUMMARY,
  TABLE_GAINS,
  TABLE_RELIABILITY,
} Table;

static gboolean
parse_table (const char  *text,
             Table       *table,
             GError     **error)
{
  if (text == NULL || g_str_equal (text, "summary"))
    *table = TABLE_SUMMARY;
  else if (g_str_equal (text, "gains"))
    *table = TABLE_GAINS;
  else if (g_str_equal (text, "reliability"))
    *table = TABLE_RELIABILITY;
  else
    {
      g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                   _("--table must be summary, gains or reliability, not “%s”"), text);
      return FALSE;
    }
  return TRUE;
}

/* ---- JSON ---------------------------------------------------------------- */

static void
add_stage_json (JsonBuilder            *builder,
                const MqlwStageQuality *q)
{
  json_builder_begin_object (builder);
  mqlw_json_add_count (builder, "known", q->known);
  mqlw_json_add_count (builder, "reached", q->reached);
  mqlw_json_add_number (builder, "auc", q->auc, 6);
  mqlw_json_add_number (builder, "auc_se", q->auc_se, 6);
  mqlw_json_add_number (builder, "auc_ci_low", q->auc_ci_low, 6);
  mqlw_json_add_number (builder, "auc_ci_high", q->auc_ci_high, 6);
  mqlw_json_add_number (builder, "brier", q->brier, 6);

  json_builder_set_member_name (builder, "gains");
  json_builder_begin_array (builder);
  for (guint i = 0; i < q->n_gains; i++)
    {
      json_builder_begin_object (builder);
      mqlw_json_add_number (builder, "share_leads", q->gains[i].share_leads, 6);
      mqlw_json_add_number (builder, "share_reached", q->gains[i].share_reached, 6);
      mqlw_json_add_number (builder, "lift", q->gains[i].lift, 6);
      mqlw_json_add_score (builder, "score", q->gains[i].score);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "reliability");
  json_builder_begin_array (builder);
  for (guint i = 0; i < q->reliability->len; i++)
    {
      const MqlwReliabilityRow *row = &g_array_index (q->reliability, MqlwReliabilityRow, i);

      json_builder_begin_object (builder);
      mqlw_json_add_score (builder, "lo", row->lo);
      mqlw_json_add_score (builder, "hi", row->hi);
      mqlw_json_add_count (builder, "known", row->rate.known);
      mqlw_json_add_count (builder, "reached", row->rate.reached);
      mqlw_json_add_number (builder, "rate", row->rate.rate, 6);
      mqlw_json_add_number (builder, "ci_low", row->rate.ci_low, 6);
      mqlw_json_add_number (builder, "ci_high", row->rate.ci_high, 6);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "at_threshold");
  json_builder_begin_object (builder);
  mqlw_json_add_number (builder, "share_reached", q->threshold_tpr, 6);
  mqlw_json_add_number (builder, "share_others", q->threshold_fpr, 6);
  mqlw_json_add_number (builder, "share_leads", q->threshold_share_leads, 6);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
print_json (const MqlwScored     *scored,
            const MqlwEvaluation *evaluation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, scored->model->name != NULL ? scored->model->name : "");
  mqlw_json_add_score (builder, "threshold", evaluation->threshold);
  mqlw_json_add_count (builder, "scored", evaluation->scored);
  json_builder_set_member_name (builder, "stages");
  json_builder_begin_object (builder);
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    if (evaluation->stage[s].present)
      {
        json_builder_set_member_name (builder, mqlw_stage_to_string (s));
        add_stage_json (builder, &evaluation->stage[s]);
      }
  json_builder_end_object (builder);
  mqlw_json_add_left_out (builder, "unscored", evaluation->unscored, evaluation->unscored_stage);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  mqlw_print_json (root);
}

/* ---- CSV ----------------------------------------------------------------- */

static void
print_csv (const MqlwEvaluation *evaluation,
           Table                 table)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (table == TABLE_SUMMARY)
    {
      const char *header[] = { "stage", "known", "reached", "auc", "auc_ci_low", "auc_ci_high", "brier",
                               "share_reached_at_threshold", "share_others_at_threshold" };

      mqlw_csv_row (out, header, G_N_ELEMENTS (header));
    }
  else if (table == TABLE_GAINS)
    {
      const char *header[] = { "stage", "share_leads", "share_reached", "lift", "score" };

      mqlw_csv_row (out, header, G_N_ELEMENTS (header));
    }
  else
    {
      const char *header[] = { "stage", "lo", "hi", "known", "reached", "rate", "ci_low", "ci_high" };

      mqlw_csv_row (out, header, G_N_ELEMENTS (header));
    }

  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    {
      const MqlwStageQuality *q = &evaluation->stage[s];
      const char *stage = mqlw_stage_to_string (s);

      if (!q->present)
        continue;
      if (table == TABLE_SUMMARY)
        {
          g_autofree char *known = g_strdup_printf ("%" G_GUINT64_FORMAT, q->known);
          g_autofree char *reached = g_strdup_printf ("%" G_GUINT64_FORMAT, q->reached);
          g_autofree char *auc = mqlw_export_format_decimal (q->auc, 6);
          g_autofree char *low = mqlw_export_format_decimal (q->auc_ci_low, 6);
          g_autofree char *high = mqlw_export_format_decimal (q->auc_ci_high, 6);
          g_autofree char *brier = mqlw_export_format_decimal (q->brier, 6);
          g_autofree char *tpr = mqlw_export_format_decimal (q->threshold_tpr, 6);
          g_autofree char *fpr = mqlw_export_format_decimal (q->threshold_fpr, 6);
          const char *row[] = { stage, known, reached, auc, low, high, brier, tpr, fpr };

          mqlw_csv_row (out, row, G_N_ELEMENTS (row));
        }
      else if (table == TABLE_GAINS)
        for (guint i = 0; i < q->n_gains; i++)
          {
            g_autofree char *share = mqlw_export_format_decimal (q->gains[i].share_leads, 2);
            g_autofree char *reached = mqlw_export_format_decimal (q->gains[i].share_reached, 6);
            g_autofree char *lift = mqlw_export_format_decimal (q->gains[i].lift, 6);
            g_autofree char *score = mqlw_text_score (q->gains[i].score);
            const char *row[] = { stage, share, reached, lift, score };

            mqlw_csv_row (out, row, G_N_ELEMENTS (row));
          }
      else
        for (guint i = 0; i < q->reliability->len; i++)
          {
            const MqlwReliabilityRow *r = &g_array_index (q->reliability, MqlwReliabilityRow, i);
            g_autofree char *lo = mqlw_text_score (r->lo);
            g_autofree char *hi = mqlw_text_score (r->hi);
            g_autofree char *known = g_strdup_printf ("%" G_GUINT64_FORMAT, r->rate.known);
            g_autofree char *reached = g_strdup_printf ("%" G_GUINT64_FORMAT, r->rate.reached);
            g_autofree char *rate = mqlw_export_format_decimal (r->rate.rate, 6);
            g_autofree char *low = mqlw_export_format_decimal (r->rate.ci_low, 6);
            g_autofree char *high = mqlw_export_format_decimal (r->rate.ci_high, 6);
            const char *row[] = { stage, lo, hi, known, reached, rate, low, high };

            mqlw_csv_row (out, row, G_N_ELEMENTS (row));
          }
    }
  fputs (out->str, stdout);
}

/* ---- text ---------------------------------------------------------------- */

static void
print_stage_text (const MqlwStageQuality *q,
                  MqlwStage               stage,
                  const MqlwBucketTable  *bands,
                  double                  threshold)
{
  g_autofree char *known = g_strdup_printf ("%" G_GUINT64_FORMAT, q->known);
  g_autofree char *reached = g_strdup_printf ("%" G_GUINT64_FORMAT, q->reached);
  g_autofree char *auc = mqlw_text_decimal (q->auc, 3);
  g_autofree char *low = mqlw_text_decimal (q->auc_ci_low, 3);
  g_autofree char *high = mqlw_text_decimal (q->auc_ci_high, 3);
  g_autofree char *brier = mqlw_text_decimal (q->brier, 4);
  g_autofree char *cut = mqlw_text_score (threshold);
  g_autofree char *tpr = mqlw_text_percent (q->threshold_tpr);
  g_autofree char *fpr = mqlw_text_percent (q->threshold_fpr);
  g_autofree char *share = mqlw_text_percent (q->threshold_share_leads);

  /* TRANSLATORS: "SQL — 120 of 400 leads with a known outcome reached it" */
  g_print (g_dngettext (NULL, "%s — %s of %s lead with a known outcome reached it\n",
                        "%s — %s of %s leads with a known outcome reached it\n", (gulong) q->known),
           _(mqlw_stage_label (stage)), reached, known);
  if (isnan (q->auc))
    {
      g_print ("  %s\n\n", _("No AUC: it needs leads that reached the stage and leads that did not."));
      return;
    }
  g_print ("  %-28s %s", _("AUC (ties count half)"), auc);
  if (!isnan (q->auc_ci_low))
    g_print (_(", 95 %% interval %s–%s (DeLong)"), low, high);
  g_print ("\n  %-28s %s\n", _("Brier score (band rates)"), brier);
  g_print ("  %-28s ", _("MQL rule at the threshold"));
  g_print (_("%s takes %s of these leads: %s of those that reached it, %s of the others\n"), cut, share, tpr, fpr);

  if (q->n_gains > 0)
    {
      g_print ("\n  ");
      mqlw_print_cell (_("Top leads"), 11, TRUE);
      mqlw_print_cell (_("Reached"), 11, TRUE);
      mqlw_print_cell (_("Lift"), 8, TRUE);
      mqlw_print_cell (_("Score from"), 12, TRUE);
      g_print ("\n");
      for (guint i = 0; i < q->n_gains; i++)
        {
          g_autofree char *leads = mqlw_text_percent (q->gains[i].share_leads);
          g_autofree char *got = mqlw_text_percent (q->gains[i].share_reached);
          g_autofree char *lift = mqlw_text_decimal (q->gains[i].lift, 2);
          g_autofree char *score = mqlw_text_score (q->gains[i].score);

          g_print ("  ");
          mqlw_print_cell (leads, 11, TRUE);
          mqlw_print_cell (got, 11, TRUE);
          mqlw_print_cell (lift, 8, TRUE);
          mqlw_print_cell (score, 12, TRUE);
          g_print ("\n");
        }
    }

  if (q->reliability->len > 0 && bands != NULL)
    {
      g_print ("\n  ");
      mqlw_print_cell (_("Score"), 12, FALSE);
      mqlw_print_cell (_("Observed rate"), 22, TRUE);
      /* xgettext:no-c-format */
      mqlw_print_cell (_("95 % interval"), 18, TRUE);
      g_print ("\n");
      for (guint i = 0; i < q->reliability->len; i++)
        {
          const MqlwReliabilityRow *r = &g_array_index (q->reliability, MqlwReliabilityRow, i);
          g_autofree char *range = mqlw_bucket_table_range_label (bands, i);
          g_autofree char *rate = mqlw_text_rate (&r->rate);
          g_autofree char *lo = mqlw_text_percent (r->rate.ci_low);
          g_autofree char *hi = mqlw_text_percent (r->rate.ci_high);
          g_autofree char *interval = r->rate.known > 0 ? g_strdup_printf ("%s–%s", lo, hi) : g_strdup ("—");

          g_print ("  ");
          mqlw_print_cell (range, 12, FALSE);
          mqlw_print_cell (rate, 22, TRUE);
          mqlw_print_cell (interval, 18, TRUE);
          g_print ("\n");
        }
    }
  g_print ("\n");
}

static void
print_text (const MqlwScored      *scored,
            const MqlwEvaluation  *evaluation,
            const MqlwBucketTable *bands)
{
  gboolean any = FALSE;

  g_print ("%s — %s, %u %s\n\n", scored->model->name != NULL ? scored->model->name : _("Model"),
           scored->dataset->source_name, scored->dataset->n_rows,
           g_dngettext (NULL, "lead", "leads", scored->dataset->n_rows));
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    if (evaluation->stage[s].present)
      {
        print_stage_text (&evaluation->stage[s], s, bands, evaluation->threshold);
        any = TRUE;
      }
  if (!any)
    g_print ("%s\n", _("The data has no outcomes to judge the score by."));
  /* xgettext:no-c-format */
  g_print ("%s\n", _("Gains: the top-scoring leads and the share of the stage they hold (leads of equal score taken "
                     "in proportion).\nReliability: each score range's observed rate, with its 95 % Wilson interval; "
                     "the Brier score\nis the mean squared gap between a lead's outcome and its range's rate."));
  mqlw_print_left_out (evaluation->unscored);
}

static gboolean
draw_chart (const char           *path,
            const char           *stage_text,
            const MqlwScored     *scored,
            const MqlwEvaluation *evaluation,
            GError              **error)
{
  MqlwChartFormat format;
  MqlwChartStyle style;
  MqlwCurveSeries series = { _("Model"), NULL, evaluation->threshold, FALSE };
  MqlwStage stage = MQLW_STAGE_SQL;
  g_autofree char *title = NULL;

  if (!mqlw_chart_format_from_name (path, &format))
    {
      g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                   _("--chart: name a .png, .svg or .pdf file, not “%s”"), path);
      return FALSE;
    }
  if (!mqlw_parse_stage (stage_text, &stage, error))
    return FALSE;
  if (stage_text == NULL && !evaluation->stage[stage].present)
    for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
      if (evaluation->stage[s].present)
        {
          stage = s;
          break;
        }
  series.label = scored->model->name != NULL ? scored->model->name : _("Model");
  series.quality = evaluation->stage[stage].present ? &evaluation->stage[stage] : NULL;
  mqlw_chart_style_init (&style);
  /* TRANSLATORS: the curves chart's title; %s is a stage ("SQL") */
  title = g_strdup_printf (_("How well the score ranks leads that reached %s"), _(mqlw_stage_label (stage)));
  style.title = title;
  return mqlw_chart_export_curves (path, format, 1600, 900, stage, &series, 1, &style, error);
}

int
mqlw_command_evaluate (int    argc,
                       char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwBucketSpec) spec = NULL;
  g_autoptr(MqlwBucketTable) bands = NULL;
  g_autoptr(MqlwEvaluation) evaluation = NULL;
  g_autofree char *buckets = NULL, *table_text = NULL, *chart = NULL, *stage_text = NULL;
  MqlwScored scored = { 0 };
  Table table;
  int status;
  GOptionEntry entries[] = {
    { "buckets", 'b', 0, G_OPTION_ARG_STRING, &buckets,
      N_("Score ranges of the reliability table: auto, width:10, edges:0,31,51,71 or quantiles:5 (default auto)"), N_("SCHEME") },
    { "table", 0, 0, G_OPTION_ARG_STRING, &table_text,
      N_("With --format csv: summary (default), gains or reliability"), N_("TABLE") },
    { "chart", 0, 0, G_OPTION_ARG_FILENAME, &chart,
      N_("Also draw the ROC and gains curves to FILE (.png, .svg or .pdf)"), N_("FILE") },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage_text,
      N_("The stage the chart shows (default sql, else the first with data)"), N_("STAGE") },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("FILE"),
                        /* xgettext:no-c-format */
                        _("How good is the score: per stage, the ROC AUC (ties count half) with its 95 % DeLong\n"
                          "interval, the cumulative gains and lift, each score range's observed rate (reliability)\n"
                          "and the Brier score of those rates. Unscored leads are left out and counted."),
                        _("FILE is a CSV export of lead history, or - to read it from standard input.\n"
                          "Exit status: 0 success, 1 usage error, 2 data error."),
                        entries, TRUE, TRUE, TRUE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, NULL, &error) ||
      (spec = mqlw_parse_buckets (buckets, &error)) == NULL ||
      !parse_table (table_text, &table, &error))
    return mqlw_report_error (error);

  if ((status = mqlw_analytics_load (&inv, &scored)) != MQLW_EXIT_OK)
    return status;

  bands = mqlw_calibration_buckets (scored.calibration, spec, NULL, &error);
  if (bands == NULL)
    {
      mqlw_scored_clear (&scored);
      return mqlw_report_error (error);
    }
  evaluation = mqlw_evaluate (mqlw_scorer_get_scores (scored.scorer), &scored.dataset->outcomes,
                              scored.model->paths.score, scored.model->threshold, bands);

  if (chart != NULL && !draw_chart (chart, stage_text, &scored, evaluation, &error))
    {
      mqlw_scored_clear (&scored);
      return mqlw_report_error (error);
    }

  switch (inv.format.parsed)
    {
    case MQLW_FORMAT_JSON:
      print_json (&scored, evaluation);
      break;
    case MQLW_FORMAT_CSV:
      print_csv (evaluation, table);
      break;
    case MQLW_FORMAT_TEXT:
    default:
      print_text (&scored, evaluation, bands);
      break;
    }
  mqlw_scored_clear (&scored);
  return MQLW_EXIT_OK;
}
