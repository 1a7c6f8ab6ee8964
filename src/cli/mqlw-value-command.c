/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw value: what the line is worth (mqlw-value.h). */
#define G_LOG_DOMAIN "mqlw-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "mqlw-cli-analytics.h"
#include "mqlw-commands.h"

static char *
format_money (double value)
{
  return mqlw_format_money (value, MQLW_FORMAT_PLAIN);
}

static void
add_point_json (JsonBuilder          *builder,
                const char           *member,
                const MqlwValuePoint *point)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  mqlw_json_add_score (builder, "threshold", point->threshold);
  mqlw_json_add_count (builder, "mql", point->mql);
  mqlw_json_add_number (builder, "expected_wins", point->expected_wins, 4);
  mqlw_json_add_number (builder, "expected_revenue", point->expected_revenue, 2);
  mqlw_json_add_number (builder, "cost", point->cost, 2);
  mqlw_json_add_number (builder, "value", point->value, 2);
  json_builder_end_object (builder);
}

static void
print_json (const MqlwScored *scored,
            const MqlwValue  *value,
            GArray           *suggestions)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  MqlwMonthsSource source;

  mqlw_calibration_get_months (scored->calibration, &source);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, scored->model->name != NULL ? scored->model->name : "");
  mqlw_json_add_count (builder, "wins", value->wins);
  mqlw_json_add_count (builder, "wins_with_amount", value->wins_with_amount);
  mqlw_json_add_number (builder, "revenue", value->revenue, 2);
  mqlw_json_add_number (builder, "average_deal", value->average_deal, 2);
  mqlw_json_add_number (builder, "win_rate", value->win_rate, 6);
  mqlw_json_add_number (builder, "cost_per_mql", value->cost_per_mql > 0 ? value->cost_per_mql : NAN, 2);
  json_builder_set_member_name (builder, "buckets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < value->bands->len; i++)
    {
      const MqlwValueBand *band = &g_array_index (value->bands, MqlwValueBand, i);

      json_builder_begin_object (builder);
      mqlw_json_add_score (builder, "lo", band->lo);
      mqlw_json_add_score (builder, "hi", band->hi);
      mqlw_json_add_count (builder, "leads", band->leads);
      mqlw_json_add_count (builder, "wins", band->wins);
      mqlw_json_add_count (builder, "wins_with_amount", band->wins_with_amount);
      mqlw_json_add_number (builder, "revenue", value->has_amounts ? band->revenue : NAN, 2);
      mqlw_json_add_number (builder, "win_rate", band->win_rate, 6);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "at_threshold");
  json_builder_begin_object (builder);
  mqlw_json_add_score (builder, "threshold", value->threshold);
  mqlw_json_add_count (builder, "wins_captured", value->wins_captured);
  mqlw_json_add_count (builder, "wins_missed", value->wins_missed);
  mqlw_json_add_number (builder, "revenue_captured", value->revenue_captured, 2);
  mqlw_json_add_number (builder, "revenue_missed", value->revenue_missed, 2);
  mqlw_json_add_number (builder, "revenue_captured_share", value->revenue_captured_share, 6);
  json_builder_end_object (builder);
  add_point_json (builder, "expected", &value->at_threshold);
  if (value->best_found)
    add_point_json (builder, "best", &value->best);
  else
    {
      json_builder_set_member_name (builder, "best");
      json_builder_add_null_value (builder);
    }

  json_builder_set_member_name (builder, "suggestions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < suggestions->len; i++)
    {
      const MqlwSuggestion *s = &g_array_index (suggestions, MqlwSuggestion, i);
      MqlwValuePoint point;

      if (!s->found)
        continue;
      mqlw_value_at (value, s->threshold, &point);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, mqlw_suggestion_kind_to_string (s->kind));
      add_point_json (builder, "expected", &point);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "per_month");
  json_builder_begin_object (builder);
  mqlw_json_add_number (builder, "months", value->months, 2);
  json_builder_set_member_name (builder, "months_from");
  if (source == MQLW_MONTHS_UNKNOWN)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, mqlw_months_source_to_string (source));
  mqlw_json_add_number (builder, "mql", value->mql_per_month, 2);
  mqlw_json_add_number (builder, "expected_wins", value->wins_per_month, 4);
  mqlw_json_add_number (builder, "expected_revenue", value->revenue_per_month, 2);
  mqlw_json_add_number (builder, "value", value->value_per_month, 2);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "unscored");
  json_builder_begin_object (builder);
  mqlw_json_add_count (builder, "leads", value->unscored);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  mqlw_print_json (root);
}

static void
print_csv (const MqlwValue *value)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *header[] = { "lo", "hi", "leads", "wins", "wins_with_amount", "revenue", "win_rate" };

  mqlw_csv_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < value->bands->len; i++)
    {
      const MqlwValueBand *band = &g_array_index (value->bands, MqlwValueBand, i);
      g_autofree char *lo = mqlw_text_score (band->lo);
      g_autofree char *hi = mqlw_text_score (band->hi);
      g_autofree char *leads = g_strdup_printf ("%" G_GUINT64_FORMAT, band->leads);
      g_autofree char *wins = g_strdup_printf ("%" G_GUINT64_FORMAT, band->wins);
      g_autofree char *with_amount = g_strdup_printf ("%" G_GUINT64_FORMAT, band->wins_with_amount);
      g_autofree char *revenue = mqlw_export_format_decimal (value->has_amounts ? band->revenue : NAN, 2);
      g_autofree char *rate = mqlw_export_format_decimal (band->win_rate, 6);
      const char *row[] = { lo, hi, leads, wins, with_amount, revenue, rate };

      mqlw_csv_row (out, row, G_N_ELEMENTS (row));
    }
  fputs (out->str, stdout);
}

static void
print_point_text (const char           *label,
                  const MqlwValuePoint *point)
{
  g_autofree char *threshold = mqlw_text_score (point->threshold);
  g_autofree char *mql = g_strdup_printf ("%" G_GUINT64_FORMAT, point->mql);
  g_autofree char *wins = mqlw_text_decimal (point->expected_wins, 1);
  g_autofree char *value = format_money (point->value);

  g_print ("  ");
  mqlw_print_cell (label, 36, FALSE);
  mqlw_print_cell (threshold, 9, TRUE);
  mqlw_print_cell (mql, 9, TRUE);
  mqlw_print_cell (wins, 10, TRUE);
  mqlw_print_cell (value, 14, TRUE);
  g_print ("\n");
}

static void
print_text (const MqlwScored       *scored,
            const MqlwValue        *value,
            const MqlwBucketTable  *bands,
            GArray                 *suggestions)
{
  g_autofree char *wins = g_strdup_printf ("%" G_GUINT64_FORMAT, value->wins);
  g_autofree char *with_amount = g_strdup_printf ("%" G_GUINT64_FORMAT, value->wins_with_amount);
  g_autofree char *revenue = format_money (value->revenue);
  g_autofree char *average = format_money (value->average_deal);

  g_print ("%s — %s, %u %s\n", scored->model->name != NULL ? scored->model->name : _("Model"),
           scored->dataset->source_name, scored->dataset->n_rows,
           g_dngettext (NULL, "lead", "leads", scored->dataset->n_rows));
  if (!value->has_wins)
    {
      g_print ("%s\n", _("The data has no won outcome: there is no revenue to weigh the line by."));
      return;
    }
  g_print (g_dngettext (NULL, "%s won lead, %s with a deal amount: revenue %s, average deal %s\n\n",
                        "%s won leads, %s with a deal amount: revenue %s, average deal %s\n\n", (gulong) value->wins),
           wins, with_amount, revenue, average);

  mqlw_print_cell (_("Score"), 12, FALSE);
  mqlw_print_cell (_("Leads"), 9, TRUE);
  mqlw_print_cell (_("Wins"), 7, TRUE);
  mqlw_print_cell (_("Win rate"), 10, TRUE);
  mqlw_print_cell (_("Revenue"), 14, TRUE);
  g_print ("\n");
  for (guint i = 0; i < value->bands->len; i++)
    {
      const MqlwValueBand *band = &g_array_index (value->bands, MqlwValueBand, i);
      g_autofree char *range = mqlw_bucket_table_range_label (bands, i);
      g_autofree char *leads = g_strdup_printf ("%" G_GUINT64_FORMAT, band->leads);
      g_autofree char *band_wins = g_strdup_printf ("%" G_GUINT64_FORMAT, band->wins);
      g_autofree char *rate = mqlw_text_percent (band->win_rate);
      g_autofree char *money = format_money (value->has_amounts ? band->revenue : NAN);

      mqlw_print_cell (range, 12, FALSE);
      mqlw_print_cell (leads, 9, TRUE);
      mqlw_print_cell (band_wins, 7, TRUE);
      mqlw_print_cell (rate, 10, TRUE);
      mqlw_print_cell (money, 14, TRUE);
      g_print ("\n");
    }

  {
    g_autofree char *threshold = mqlw_text_score (value->threshold);
    g_autofree char *captured = g_strdup_printf ("%" G_GUINT64_FORMAT, value->wins_captured);
    g_autofree char *missed = g_strdup_printf ("%" G_GUINT64_FORMAT, value->wins_missed);
    g_autofree char *money_captured = format_money (value->revenue_captured);
    g_autofree char *money_missed = format_money (value->revenue_missed);
    g_autofree char *share = mqlw_text_percent (value->revenue_captured_share);

    g_print ("\n");
    /* TRANSLATORS: "At 51: 39 wins captured (revenue 1,120,000, 90.7 %), 4 missed (revenue 98,000)" */
    g_print (g_dngettext (NULL, "At %s: %s win captured (revenue %s, %s), %s missed below the line (revenue %s)\n",
                          "At %s: %s wins captured (revenue %s, %s), %s missed below the line (revenue %s)\n",
                          (gulong) value->wins_captured), threshold, captured, money_captured, share, missed, money_missed);
  }

  g_print ("\n");
  if (!(value->cost_per_mql > 0))
    g_print ("%s\n", _("No cost per MQL follow-up given (--cost): the value below is the expected revenue alone."));
  g_print ("  ");
  mqlw_print_cell (_("Threshold"), 36, FALSE);
  mqlw_print_cell (_("Points"), 9, TRUE);
  mqlw_print_cell (_("MQLs"), 9, TRUE);
  mqlw_print_cell (_("Exp. wins"), 10, TRUE);
  mqlw_print_cell (_("Value"), 14, TRUE);
  g_print ("\n");
  print_point_text (_("Now"), &value->at_threshold);
  if (value->best_found)
    print_point_text (_("Most value"), &value->best);
  for (guint i = 0; i < suggestions->len; i++)
    {
      const MqlwSuggestion *s = &g_array_index (suggestions, MqlwSuggestion, i);
      MqlwValuePoint point;

      if (!s->found)
        continue;
      mqlw_value_at (value, s->threshold, &point);
      print_point_text (_(mqlw_suggestion_kind_label (s->kind)), &point);
    }

  g_print ("\n");
  if (isnan (value->months))
    g_print ("%s\n", _("A month: — (the period is unknown: no created date; give --months N)"));
  else
    {
      g_autofree char *months = mqlw_text_decimal (value->months, 1);
      g_autofree char *mql = mqlw_text_decimal (value->mql_per_month, 1);
      g_autofree char *exp_wins = mqlw_text_decimal (value->wins_per_month, 2);
      g_autofree char *exp_revenue = format_money (value->revenue_per_month);
      g_autofree char *month_value = format_money (value->value_per_month);

      /* TRANSLATORS: "A month at this volume (over 18.0 months): 57.0 MQLs, 2.21 wins, revenue 63,000, value 60,150" */
      g_print (_("A month at this volume (over %s months): %s MQLs, %s wins, revenue %s, value %s\n"),
               months, mql, exp_wins, exp_revenue, month_value);
    }
  g_print ("%s\n", _("Expected wins: each MQL counts its score range's win rate; value: expected wins × average deal\n"
                     "− MQLs × cost per MQL follow-up."));
  mqlw_print_left_out (value->unscored);
}

static gboolean
draw_chart (const char       *path,
            const MqlwValue  *value,
            GError          **error)
{
  MqlwChartFormat format;
  MqlwChartStyle style;

  if (!mqlw_chart_format_from_name (path, &format))
    {
      g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                   _("--chart: name a .png, .svg or .pdf file, not “%s”"), path);
      return FALSE;
    }
  mqlw_chart_style_init (&style);
  style.title = _("What each threshold is worth");
  return mqlw_chart_export_value (path, format, 1600, 900, value, &style, error);
}

int
mqlw_command_value (int    argc,
                    char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwBucketSpec) spec = NULL;
  g_autoptr(MqlwBucketTable) bands = NULL;
  g_autoptr(MqlwValue) value = NULL;
  g_autoptr(GArray) suggestions = NULL;
  g_autofree char *buckets = NULL, *cost_text = NULL, *chart = NULL;
  MqlwScored scored = { 0 };
  MqlwSuggestOptions options;
  double cost = NAN;
  int status;
  GOptionEntry entries[] = {
    { "cost", 0, 0, G_OPTION_ARG_STRING, &cost_text,
      N_("What following up one MQL costs, in the deal amount's currency"), N_("AMOUNT") },
    { "buckets", 'b', 0, G_OPTION_ARG_STRING, &buckets,
      N_("Score ranges whose win rates the expected wins use (default auto)"), N_("SCHEME") },
    { "chart", 0, 0, G_OPTION_ARG_FILENAME, &chart,
      N_("Also draw the expected value of each threshold to FILE (.png, .svg or .pdf)"), N_("FILE") },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("FILE"),
                        _("What the line is worth: revenue won per score range, captured and missed at the threshold;\n"
                          "with a cost per MQL follow-up, the expected value of each threshold, the one worth most\n"
                          "beside the other suggestions, and a month's wins and revenue at the current volume."),
                        _("FILE is a CSV export of lead history, or - to read it from standard input.\n"
                          "Exit status: 0 success, 1 usage error, 2 data error."),
                        entries, TRUE, TRUE, TRUE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, NULL, &error) ||
      (spec = mqlw_parse_buckets (buckets, &error)) == NULL ||
      (cost_text != NULL && !mqlw_parse_number ("--cost", cost_text, &cost, &error)))
    return mqlw_report_error (error);
  if (cost_text != NULL && cost < 0)
    {
      g_printerr ("mqlw: %s\n", _("--cost must not be negative"));
      return MQLW_EXIT_USAGE;
    }
  if ((status = mqlw_analytics_load (&inv, &scored)) != MQLW_EXIT_OK)
    return status;
  if ((bands = mqlw_calibration_buckets (scored.calibration, spec, NULL, &error)) == NULL)
    {
      mqlw_scored_clear (&scored);
      return mqlw_report_error (error);
    }
  value = mqlw_value_new (mqlw_scorer_get_scores (scored.scorer), &scored.dataset->outcomes,
                          scored.model->paths.score, scored.model->threshold, bands,
                          mqlw_calibration_get_months (scored.calibration, NULL), cost);
  mqlw_suggest_options_init_default (&options);
  options.capacity_per_month = scored.model->capacity_per_month;
  suggestions = mqlw_calibration_suggest (scored.calibration, &options);
  if (chart != NULL && !draw_chart (chart, value, &error))
    {
      mqlw_scored_clear (&scored);
      return mqlw_report_error (error);
    }

  switch (inv.format.parsed)
    {
    case MQLW_FORMAT_JSON:
      print_json (&scored, value, suggestions);
      break;
    case MQLW_FORMAT_CSV:
      print_csv (value);
      break;
    case MQLW_FORMAT_TEXT:
    default:
      print_text (&scored, value, bands, suggestions);
      break;
    }
  mqlw_scored_clear (&scored);
  return MQLW_EXIT_OK;
}
