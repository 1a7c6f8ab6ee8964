/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw suggest-weights: weights suggested by the data (mqlw-weights.h). */
#define G_LOG_DOMAIN "mqlw-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "mqlw-cli-analytics.h"
#include "mqlw-commands.h"

static void
print_json (const MqlwScored  *scored,
            const MqlwWeights *weights,
            const char        *written)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, scored->model->name != NULL ? scored->model->name : "");
  json_builder_set_member_name (builder, "stage");
  json_builder_add_string_value (builder, mqlw_stage_to_string (weights->stage));
  mqlw_json_add_count (builder, "leads", weights->leads);
  mqlw_json_add_count (builder, "reached", weights->reached);
  json_builder_set_member_name (builder, "left_out");
  json_builder_begin_object (builder);
  mqlw_json_add_count (builder, "unscored", weights->unscored);
  mqlw_json_add_count (builder, "disqualified", weights->disqualified);
  mqlw_json_add_count (builder, "unknown", weights->unknown);
  json_builder_end_object (builder);
  mqlw_json_add_number (builder, "intercept", weights->intercept, 8);
  mqlw_json_add_number (builder, "intercept_se", weights->intercept_se, 8);
  mqlw_json_add_number (builder, "scale", weights->scale, 8);
  json_builder_set_member_name (builder, "converged");
  json_builder_add_boolean_value (builder, weights->converged);
  mqlw_json_add_count (builder, "iterations", weights->iterations);
  mqlw_json_add_number (builder, "deviance", weights->deviance, 6);
  mqlw_json_add_number (builder, "null_deviance", weights->null_deviance, 6);
  json_builder_set_member_name (builder, "criteria");
  json_builder_begin_array (builder);
  for (guint i = 0; i < weights->rows->len; i++)
    {
      const MqlwWeightRow *row = g_ptr_array_index (weights->rows, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, row->id);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, row->label);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, row->behaviour ? "behaviour" : "fit");
      mqlw_json_add_number (builder, "points", row->points, -1);
      mqlw_json_add_rate (builder, "match", &row->match);
      mqlw_json_add_rate (builder, "other", &row->other);
      mqlw_json_add_number (builder, "lift", row->lift, 6);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, mqlw_weight_status_to_string (row->status));
      mqlw_json_add_number (builder, "coef", row->coef, 8);
      mqlw_json_add_number (builder, "se", row->se, 8);
      mqlw_json_add_number (builder, "z", row->z, 6);
      mqlw_json_add_number (builder, "p_value", row->p_value, 8);
      mqlw_json_add_number (builder, "suggested", row->suggested, 4);
      mqlw_json_add_number (builder, "suggested_low", row->suggested_low, 4);
      mqlw_json_add_number (builder, "suggested_high", row->suggested_high, 4);
      mqlw_json_add_number (builder, "suggested_points", round (row->suggested), 0);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "written");
  if (written != NULL)
    json_builder_add_string_value (builder, written);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  mqlw_print_json (root);
}

static void
print_csv (const MqlwWeights *weights)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *header[] = { "id", "kind", "points", "match_rate", "other_rate", "lift", "status", "coef", "se",
                           "p_value", "suggested", "suggested_low", "suggested_high" };

  mqlw_csv_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < weights->rows->len; i++)
    {
      const MqlwWeightRow *row = g_ptr_array_index (weights->rows, i);
      g_autofree char *points = mqlw_text_score (row->points);
      g_autofree char *match = mqlw_export_format_decimal (row->match.rate, 6);
      g_autofree char *other = mqlw_export_format_decimal (row->other.rate, 6);
      g_autofree char *lift = mqlw_export_format_decimal (row->lift, 6);
      g_autofree char *coef = mqlw_export_format_decimal (row->coef, 8);
      g_autofree char *se = mqlw_export_format_decimal (row->se, 8);
      g_autofree char *p = mqlw_export_format_decimal (row->p_value, 8);
      g_autofree char *suggested = mqlw_export_format_decimal (row->suggested, 4);
      g_autofree char *low = mqlw_export_format_decimal (row->suggested_low, 4);
      g_autofree char *high = mqlw_export_format_decimal (row->suggested_high, 4);
      const char *cells[] = { row->id, row->behaviour ? "behaviour" : "fit", points, match, other, lift,
                              mqlw_weight_status_to_string (row->status), coef, se, p, suggested, low, high };

      mqlw_csv_row (out, cells, G_N_ELEMENTS (cells));
    }
  fputs (out->str, stdout);
}

static char *
format_points (double value)
{
  if (!isfinite (value))
    return g_strdup ("—");
  return g_strdup_printf ("%+.0f", round (value));
}

static void
print_text (const MqlwScored  *scored,
            const MqlwWeights *weights)
{
  g_autofree char *leads = g_strdup_printf ("%" G_GUINT64_FORMAT, weights->leads);
  g_autofree char *reached = g_strdup_printf ("%" G_GUINT64_FORMAT, weights->reached);

  g_print ("%s — %s, %u %s\n", scored->model->name != NULL ? scored->model->name : _("Model"),
           scored->dataset->source_name, scored->dataset->n_rows,
           g_dngettext (NULL, "lead", "leads", scored->dataset->n_rows));
  /* TRANSLATORS: "Weighed by SQL over 4 321 leads with a known outcome, 480 of which reached it." */
  g_print (g_dngettext (NULL, "Weighed by %s over %s lead with a known outcome, %s of which reached it.\n\n",
                        "Weighed by %s over %s leads with a known outcome, %s of which reached it.\n\n",
                        (gulong) weights->leads), _(mqlw_stage_label (weights->stage)), leads, reached);
  mqlw_print_cell (_("Criterion"), 30, FALSE);
  mqlw_print_cell (_("Now"), 7, TRUE);
  mqlw_print_cell (_("Matching"), 22, TRUE);
  mqlw_print_cell (_("Others"), 22, TRUE);
  mqlw_print_cell (_("Lift"), 7, TRUE);
  mqlw_print_cell (_("Suggested"), 11, TRUE);
  /* xgettext:no-c-format */
  mqlw_print_cell (_("95 % interval"), 16, TRUE);
  g_print ("\n");
  for (guint i = 0; i < weights->rows->len; i++)
    {
      const MqlwWeightRow *row = g_ptr_array_index (weights->rows, i);
      g_autofree char *now = format_points (row->points);
      g_autofree char *match = mqlw_text_rate (&row->match);
      g_autofree char *other = mqlw_text_rate (&row->other);
      g_autofree char *lift = mqlw_text_decimal (row->lift, 2);
      g_autofree char *label = g_utf8_strlen (row->label, -1) > 29 ? g_utf8_substring (row->label, 0, 28)
                                                                   : g_strdup (row->label);

      mqlw_print_cell (label, 30, FALSE);
      mqlw_print_cell (now, 7, TRUE);
      mqlw_print_cell (match, 22, TRUE);
      mqlw_print_cell (other, 22, TRUE);
      mqlw_print_cell (lift, 7, TRUE);
      if (row->status == MQLW_WEIGHT_ESTIMATED)
        {
          g_autofree char *suggested = format_points (row->suggested);
          g_autofree char *low = format_points (row->suggested_low);
          g_autofree char *high = format_points (row->suggested_high);
          g_autofree char *interval = g_strdup_printf ("%s … %s", low, high);

          mqlw_print_cell (suggested, 11, TRUE);
          mqlw_print_cell (interval, 16, TRUE);
        }
      else
        g_print ("  %s", _(mqlw_weight_status_label (row->status)));
      g_print ("\n");
    }
  g_print ("\n%s\n", _("Lift: the stage's rate among the leads matching a criterion over the rate among the others.\n"
                       "Suggested: a logistic regression of the stage on every criterion at once, turned into points\n"
                       "on this model's scale (the suggested totals spread as much as today's). Nothing is applied:\n"
                       "--output writes the suggestion as a model to compare and calibrate."));
  if (!weights->converged)
    g_print ("%s\n", _("Warning: the regression did not settle; some criteria nearly decide the outcome alone."));
  if (weights->unscored + weights->disqualified > 0)
    {
      g_autofree char *unscored = g_strdup_printf ("%" G_GUINT64_FORMAT, weights->unscored);
      g_autofree char *disqualified = g_strdup_printf ("%" G_GUINT64_FORMAT, weights->disqualified);

      g_autofree char *unscored_part = g_strdup_printf (g_dngettext (NULL, "%s unscored lead", "%s unscored leads",
                                                                     (gulong) weights->unscored), unscored);
      g_autofree char *disqualified_part = g_strdup_printf (g_dngettext (NULL, "%s disqualified lead",
                                                                         "%s disqualified leads",
                                                                         (gulong) weights->disqualified), disqualified);

      g_print (_("Left out: %s and %s.\n"), unscored_part, disqualified_part);
    }
}

int
mqlw_command_suggest_weights (int    argc,
                              char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwWeights) weights = NULL;
  g_autofree char *stage_text = NULL, *output = NULL;
  MqlwScored scored = { 0 };
  MqlwStage stage = MQLW_STAGE_SQL;
  int status;
  GOptionEntry entries[] = {
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage_text,
      N_("The stage to weigh the criteria by (default sql, else the first the data has)"), N_("STAGE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the suggested model to FILE (whole points; the threshold keeps today's score-path volume)"), N_("FILE") },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("FILE"),
                        /* xgettext:no-c-format */
                        _("Weights suggested by the data, never applied silently: per criterion, the lift of the leads\n"
                          "matching it against the others, and a logistic regression of the stage on every criterion\n"
                          "at once, turned into points on the model's scale with 95 % intervals."),
                        _("FILE is a CSV export of lead history, or - to read it from standard input.\n"
                          "Exit status: 0 success, 1 usage error, 2 data error."),
                        entries, TRUE, TRUE, TRUE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, NULL, &error) ||
      !mqlw_parse_stage (stage_text, &stage, &error))
    return mqlw_report_error (error);
  if ((status = mqlw_analytics_load (&inv, &scored)) != MQLW_EXIT_OK)
    return status;
  /* The stage to weigh by: --stage, else SQL, else the first the data has. */
  stage = mqlw_default_stage (stage_text, &scored.dataset->outcomes, stage);
  if ((weights = mqlw_weights_suggest (scored.dataset, scored.model, stage, &error)) == NULL)
    {
      mqlw_scored_clear (&scored);
      return mqlw_report_error (error);
    }
  if (output != NULL)
    {
      g_autoptr(MqlwModel) suggested = mqlw_weights_apply (weights, scored.model, scored.dataset, &error);

      if (suggested == NULL || !mqlw_model_save (suggested, output, &error))
        {
          mqlw_scored_clear (&scored);
          return mqlw_report_error (error);
        }
    }

  switch (inv.format.parsed)
    {
    case MQLW_FORMAT_JSON:
      print_json (&scored, weights, output);
      break;
    case MQLW_FORMAT_CSV:
      print_csv (weights);
      break;
    case MQLW_FORMAT_TEXT:
    default:
      print_text (&scored, weights);
      break;
    }
  mqlw_scored_clear (&scored);
  return MQLW_EXIT_OK;
}
