/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw backtest: does the picture hold out of sample (mqlw-backtest.h)? */
#define G_LOG_DOMAIN "mqlw-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "mqlw-cli-analytics.h"
#include "mqlw-commands.h"

static void
add_part (JsonBuilder            *builder,
          const char             *member,
          const MqlwBacktestPart *part)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  mqlw_json_add_count (builder, "leads", part->leads);
  mqlw_json_add_number (builder, "auc", part->auc, 6);
  mqlw_json_add_number (builder, "auc_ci_low", part->auc_low, 6);
  mqlw_json_add_number (builder, "auc_ci_high", part->auc_high, 6);
  mqlw_json_add_number (builder, "mql_share", part->mql_share, 6);
  mqlw_json_add_rate (builder, "mql_rate", &part->rate);
  mqlw_json_add_number (builder, "tuned_share", part->tuned_share, 6);
  mqlw_json_add_rate (builder, "tuned_sql_rate", &part->tuned_rate);
  json_builder_end_object (builder);
}

static void
print_json (const MqlwBacktest *bt)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mode");
  json_builder_add_string_value (builder, bt->mode == MQLW_BACKTEST_TIME ? "time" : "kfold");
  if (bt->mode == MQLW_BACKTEST_TIME)
    mqlw_json_add_count (builder, "months", bt->months);
  else
    mqlw_json_add_count (builder, "folds", bt->folds);
  json_builder_set_member_name (builder, "stage");
  json_builder_add_string_value (builder, mqlw_stage_to_string (bt->stage));
  mqlw_json_add_score (builder, "threshold", bt->threshold);
  mqlw_json_add_number (builder, "target_sql_rate", bt->target_rate, 6);
  json_builder_set_member_name (builder, "left_out");
  json_builder_begin_object (builder);
  mqlw_json_add_count (builder, "unscored", bt->unscored);
  mqlw_json_add_count (builder, "undated", bt->undated);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "splits");
  json_builder_begin_array (builder);
  for (guint i = 0; i < bt->splits->len; i++)
    {
      const MqlwBacktestSplit *s = &g_array_index (bt->splits, MqlwBacktestSplit, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "held_out");
      json_builder_add_string_value (builder, s->label);
      if (s->tuned_found)
        mqlw_json_add_score (builder, "tuned_threshold", s->tuned_threshold);
      else
        {
          json_builder_set_member_name (builder, "tuned_threshold");
          json_builder_add_null_value (builder);
        }
      add_part (builder, "in_sample", &s->sample);
      add_part (builder, "out_of_sample", &s->held_out);
      json_builder_set_member_name (builder, "differs");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "auc");
      json_builder_add_boolean_value (builder, s->auc_differs);
      json_builder_set_member_name (builder, "mql_rate");
      json_builder_add_boolean_value (builder, s->rate_differs);
      json_builder_set_member_name (builder, "tuned_sql_rate");
      json_builder_add_boolean_value (builder, s->tuned_differs);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < bt->warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (bt->warnings, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  mqlw_print_json (root);
}

static void
csv_part (GPtrArray              *row,
          const MqlwBacktestPart *p)
{
  g_ptr_array_add (row, g_strdup_printf ("%" G_GUINT64_FORMAT, p->leads));
  g_ptr_array_add (row, mqlw_export_format_decimal (p->auc, 6));
  g_ptr_array_add (row, mqlw_export_format_decimal (p->auc_low, 6));
  g_ptr_array_add (row, mqlw_export_format_decimal (p->auc_high, 6));
  g_ptr_array_add (row, mqlw_export_format_decimal (p->mql_share, 6));
  g_ptr_array_add (row, g_strdup_printf ("%" G_GUINT64_FORMAT, p->rate.known));
  g_ptr_array_add (row, g_strdup_printf ("%" G_GUINT64_FORMAT, p->rate.reached));
  g_ptr_array_add (row, mqlw_export_format_decimal (p->rate.present ? p->rate.rate : NAN, 6));
  g_ptr_array_add (row, mqlw_export_format_decimal (p->tuned_rate.present ? p->tuned_rate.rate : NAN, 6));
}

/* One row per split and part. */
static void
print_csv (const MqlwBacktest *bt)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *header[] = { "held_out", "part", "tuned_threshold", "leads", "auc", "auc_ci_low", "auc_ci_high",
                           "mql_share", "mql_known", "mql_reached", "mql_rate", "tuned_sql_rate" };

  mqlw_csv_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < bt->splits->len; i++)
    {
      const MqlwBacktestSplit *s = &g_array_index (bt->splits, MqlwBacktestSplit, i);

      for (guint p = 0; p < 2; p++)
        {
          g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);

          g_ptr_array_add (row, g_strdup (s->label));
          g_ptr_array_add (row, g_strdup (p == 0 ? "in_sample" : "out_of_sample"));
          g_ptr_array_add (row, s->tuned_found ? mqlw_text_score (s->tuned_threshold) : g_strdup (""));
          csv_part (row, p == 0 ? &s->sample : &s->held_out);
          mqlw_csv_row (out, (const char *const *) row->pdata, row->len);
        }
    }
  fputs (out->str, stdout);
}

static char *
auc_cell (const MqlwBacktestPart *p)
{
  g_autofree char *auc = mqlw_text_decimal (p->auc, 3);
  g_autofree char *low = mqlw_text_decimal (p->auc_low, 2);
  g_autofree char *high = mqlw_text_decimal (p->auc_high, 2);

  if (isnan (p->auc))
    return g_strdup ("—");
  return g_strdup_printf ("%s (%s–%s)", auc, low, high);
}

static void
print_part (const char             *name,
            const MqlwBacktestPart *p,
            gboolean                tuned)
{
  g_autofree char *leads = g_strdup_printf ("%" G_GUINT64_FORMAT, p->leads);
  g_autofree char *auc = auc_cell (p);
  g_autofree char *share = mqlw_text_percent (p->mql_share);
  g_autofree char *rate = mqlw_text_rate (&p->rate);
  g_autofree char *tuned_rate = tuned ? mqlw_text_rate (&p->tuned_rate) : g_strdup ("—");

  g_print ("  ");
  mqlw_print_cell (name, 16, FALSE);
  mqlw_print_cell (leads, 7, TRUE);
  mqlw_print_cell (auc, 22, TRUE);
  mqlw_print_cell (share, 9, TRUE);
  mqlw_print_cell (rate, 22, TRUE);
  mqlw_print_cell (tuned_rate, 22, TRUE);
  g_print ("\n");
}

static void
print_text (const MqlwScored  *scored,
            const MqlwBacktest *bt)
{
  const char *stage = _(mqlw_stage_label (bt->stage));
  g_autofree char *threshold = mqlw_text_score (bt->threshold);
  g_autofree char *target = mqlw_format_percent_as (bt->target_rate, 0, MQLW_FORMAT_PLAIN);

  g_print ("%s — %s, %u %s\n", scored->model->name != NULL ? scored->model->name : _("Model"),
           scored->dataset->source_name, scored->dataset->n_rows,
           g_dngettext (NULL, "lead", "leads", scored->dataset->n_rows));
  if (bt->mode == MQLW_BACKTEST_TIME)
    /* TRANSLATORS: "Held out: the leads created in the last 3 months; the rest is the sample." */
    g_print (g_dngettext (NULL, "Held out: the leads created in the last %u month; the rest is the sample.\n",
                          "Held out: the leads created in the last %u months; the rest is the sample.\n", bt->months),
             bt->months);
  else
    g_print (_("Held out: each of %u folds in turn (lead i in fold i mod %u); the others are the sample.\n"),
             bt->folds, bt->folds);
  /* TRANSLATORS: "The model at its threshold 50 (AUC and MQLs' rate at SQL), and the lowest threshold whose MQLs reach 30 % SQL on the sample." */
  g_print (_("The model at its threshold %s (AUC and MQLs' rate at %s), and the lowest threshold whose MQLs "
             "reach %s SQL on the sample.\n"), threshold, stage, target);
  for (guint i = 0; i < bt->splits->len; i++)
    {
      const MqlwBacktestSplit *s = &g_array_index (bt->splits, MqlwBacktestSplit, i);
      g_autofree char *tuned = s->tuned_found ? mqlw_text_score (s->tuned_threshold) : NULL;
      g_autofree char *tuned_head = tuned != NULL ? g_strdup_printf (_("SQL at ≥ %s"), tuned)
                                                  : g_strdup (_("no tuned line"));

      g_print ("\n%s %s\n  ", _("Held out:"), s->label);
      mqlw_print_cell ("", 16, FALSE);
      mqlw_print_cell (_("Leads"), 7, TRUE);
      mqlw_print_cell (_("AUC (95 %)"), 22, TRUE);
      mqlw_print_cell (_("MQLs"), 9, TRUE);
      mqlw_print_cell (_("MQLs' rate"), 22, TRUE);
      mqlw_print_cell (tuned_head, 22, TRUE);
      g_print ("\n");
      print_part (_("In sample"), &s->sample, s->tuned_found);
      print_part (_("Out of sample"), &s->held_out, s->tuned_found);
    }
  g_print ("\n");
  if (bt->warnings->len == 0)
    g_print ("%s\n", _("Out of sample the figures stay within their intervals."));
  for (guint i = 0; i < bt->warnings->len; i++)
    g_print ("%s %s\n", _("Warning:"), (const char *) g_ptr_array_index (bt->warnings, i));
  if (bt->undated > 0)
    {
      g_autofree char *undated = g_strdup_printf ("%" G_GUINT64_FORMAT, bt->undated);

      g_print (g_dngettext (NULL, "Left out: %s lead without a created date, or with one after today.\n",
                            "Left out: %s leads without a created date, or with one after today.\n", (gulong) bt->undated),
               undated);
    }
  mqlw_print_left_out (bt->unscored);
}

int
mqlw_command_backtest (int    argc,
                       char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwBacktest) backtest = NULL;
  g_autofree char *stage_text = NULL, *target = NULL;
  MqlwScored scored = { 0 };
  MqlwStage stage = MQLW_STAGE_SQL;
  double target_rate = 0.30;
  int months = 0, folds = 0, min_known = 20;
  int status;
  GOptionEntry entries[] = {
    { "last-months", 0, 0, G_OPTION_ARG_INT, &months,
      N_("Hold out the leads created in the last N months of the history (default 3)"), N_("N") },
    { "folds", 0, 0, G_OPTION_ARG_INT, &folds,
      N_("Instead, hold out each of K folds in turn (lead i in fold i mod K)"), N_("K") },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage_text,
      N_("The stage the model is judged at (default sql, else the first the data has)"), N_("STAGE") },
    { "target-sql", 0, 0, G_OPTION_ARG_STRING, &target,
      N_("The SQL rate the line tuned on the sample reaches (default 30 %)"), N_("RATE") },
    { "min-known", 0, 0, G_OPTION_ARG_INT, &min_known,
      N_("Tune the line only over this many known outcomes (default 20)"), N_("N") },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("FILE"),
                        _("Does the picture hold out of sample? The history split by created date (the last months\n"
                          "held out) or into folds; the model's AUC and MQLs' rate, and a threshold tuned on the\n"
                          "sample, judged on the held-out leads beside the sample, with a warning when their\n"
                          "intervals do not overlap."),
                        _("FILE is a CSV export of lead history, or - to read it from standard input.\n"
                          "Exit status: 0 success, 1 usage error, 2 data error."),
                        entries, TRUE, TRUE, TRUE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, NULL, &error) ||
      (target != NULL && !mqlw_parse_fraction ("--target-sql", target, &target_rate, &error)))
    return mqlw_report_error (error);
  if (months < 0 || folds < 0 || (months > 0 && folds > 0) || folds == 1 || months > 1200 || folds > 1000)
    {
      g_printerr ("mqlw: %s\n", _("give either --last-months N (1 or more) or --folds K (2 to 1000)"));
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
  backtest = mqlw_backtest_new (scored.dataset, mqlw_scorer_get_scores (scored.scorer), scored.model->paths.score,
                                scored.model->threshold, folds > 0 ? MQLW_BACKTEST_KFOLD : MQLW_BACKTEST_TIME,
                                folds > 0 ? (guint) folds : months > 0 ? (guint) months : 3, stage, target_rate,
                                (guint) min_known, mqlw_date_today (), &error);
  if (backtest == NULL)
    {
      mqlw_scored_clear (&scored);
      return mqlw_report_error (error);
    }

  switch (inv.format.parsed)
    {
    case MQLW_FORMAT_JSON:
      print_json (backtest);
      break;
    case MQLW_FORMAT_CSV:
      print_csv (backtest);
      break;
    case MQLW_FORMAT_TEXT:
    default:
      print_text (&scored, backtest);
      break;
    }
  mqlw_scored_clear (&scored);
  return MQLW_EXIT_OK;
}
