/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw maturity: have the outcomes had time to happen (mqlw-maturity.h)? */
#define G_LOG_DOMAIN "mqlw-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "mqlw-cli-analytics.h"
#include "mqlw-commands.h"

static void
add_day (JsonBuilder *builder,
         const char  *member,
         gint32       day)
{
  char iso[16];

  json_builder_set_member_name (builder, member);
  if (day == MQLW_DATE_MISSING)
    {
      json_builder_add_null_value (builder);
      return;
    }
  mqlw_date_format_iso (day, iso);
  json_builder_add_string_value (builder, iso);
}

static void
print_json (const MqlwMaturity *m,
            const MqlwOutcomes *outcomes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_day (builder, "end_of_history", m->end_day);
  mqlw_json_add_count (builder, "exclude_days", m->exclude_days);
  json_builder_set_member_name (builder, "left_out");
  json_builder_begin_object (builder);
  mqlw_json_add_count (builder, "recent", m->excluded);
  mqlw_json_add_count (builder, "unscored", m->unscored);
  mqlw_json_add_count (builder, "undated", m->undated);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "timing");
  json_builder_begin_object (builder);
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    {
      const MqlwStageTiming *t = &m->timing[s];

      if (outcomes->stage[s] == NULL)
        continue;
      json_builder_set_member_name (builder, mqlw_stage_to_string (s));
      if (!t->has_dates && !t->stated)
        {
          json_builder_add_null_value (builder);
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "column");
      if (t->column != NULL)
        json_builder_add_string_value (builder, t->column);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "stated");
      json_builder_add_boolean_value (builder, t->stated);
      mqlw_json_add_count (builder, "leads", t->leads);
      mqlw_json_add_number (builder, "median_days", t->median_days, 2);
      mqlw_json_add_number (builder, "p75_days", t->p75_days, 2);
      mqlw_json_add_number (builder, "p90_days", t->p90_days, 2);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "cohorts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < m->cohorts->len; i++)
    {
      const MqlwCohort *c = &g_array_index (m->cohorts, MqlwCohort, i);
      g_autofree char *label = mqlw_cohort_label (c);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "month");
      json_builder_add_string_value (builder, label);
      add_day (builder, "last_day", c->last_day);
      mqlw_json_add_number (builder, "age_days", c->age_days, 0);
      mqlw_json_add_count (builder, "leads", c->leads);
      mqlw_json_add_count (builder, "mql", c->mql);
      json_builder_set_member_name (builder, "stages");
      json_builder_begin_object (builder);
      for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
        {
          if (outcomes->stage[s] == NULL)
            continue;
          json_builder_set_member_name (builder, mqlw_stage_to_string (s));
          json_builder_begin_object (builder);
          mqlw_json_add_rate (builder, "leads", &c->stage[s]);
          mqlw_json_add_rate (builder, "mqls", &c->mql_stage[s]);
          json_builder_set_member_name (builder, "immature");
          json_builder_add_boolean_value (builder, c->immature[s]);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "pooled");
  json_builder_begin_object (builder);
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    {
      if (outcomes->stage[s] == NULL)
        continue;
      json_builder_set_member_name (builder, mqlw_stage_to_string (s));
      json_builder_begin_object (builder);
      mqlw_json_add_rate (builder, "all", &m->all[s]);
      mqlw_json_add_rate (builder, "mature", &m->mature[s]);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  mqlw_print_json (root);
}

static void
print_csv (const MqlwMaturity *m,
           const MqlwOutcomes *outcomes)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (header, g_strdup ("month"));
  g_ptr_array_add (header, g_strdup ("leads"));
  g_ptr_array_add (header, g_strdup ("mql"));
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    if (outcomes->stage[s] != NULL)
      {
        const char *name = mqlw_stage_to_string (s);

        g_ptr_array_add (header, g_strdup_printf ("%s_known", name));
        g_ptr_array_add (header, g_strdup_printf ("%s_reached", name));
        g_ptr_array_add (header, g_strdup_printf ("%s_rate", name));
        g_ptr_array_add (header, g_strdup_printf ("%s_immature", name));
      }
  mqlw_csv_row (out, (const char *const *) header->pdata, header->len);
  for (guint i = 0; i < m->cohorts->len; i++)
    {
      const MqlwCohort *c = &g_array_index (m->cohorts, MqlwCohort, i);
      g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (row, mqlw_cohort_label (c));
      g_ptr_array_add (row, g_strdup_printf ("%" G_GUINT64_FORMAT, c->leads));
      g_ptr_array_add (row, g_strdup_printf ("%" G_GUINT64_FORMAT, c->mql));
      for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
        if (outcomes->stage[s] != NULL)
          {
            g_ptr_array_add (row, g_strdup_printf ("%" G_GUINT64_FORMAT, c->stage[s].known));
            g_ptr_array_add (row, g_strdup_printf ("%" G_GUINT64_FORMAT, c->stage[s].reached));
            g_ptr_array_add (row, mqlw_export_format_decimal (c->stage[s].rate, 6));
            g_ptr_array_add (row, g_strdup (c->immature[s] ? "true" : "false"));
          }
      mqlw_csv_row (out, (const char *const *) row->pdata, row->len);
    }
  fputs (out->str, stdout);
}

static void
print_timing (const MqlwMaturity *m,
              const MqlwOutcomes *outcomes)
{
  g_print ("%s\n", _("Time from created to each stage, from the stage's dates:"));
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    {
      const MqlwStageTiming *t = &m->timing[s];

      if (outcomes->stage[s] == NULL)
        continue;
      g_print ("  ");
      mqlw_print_cell (_(mqlw_stage_label (s)), 13, FALSE);
      if (t->stated)
        {
          g_autofree char *days = mqlw_text_decimal (t->p90_days, 0);

          g_print (g_dngettext (NULL, "no dates: nine in ten within %s day, as stated (--horizon)\n",
                                "no dates: nine in ten within %s days, as stated (--horizon)\n",
                                mqlw_format_plural_n (t->p90_days, 0)), days);
        }
      else if (!t->has_dates)
        g_print ("%s\n", _("no dates: no cohort is flagged for this stage (--horizon states a time)"));
      else if (t->leads == 0)
        g_print ("%s\n", _("no lead has both dates"));
      else
        {
          g_autofree char *median = mqlw_text_decimal (t->median_days, 1);
          g_autofree char *p75 = mqlw_text_decimal (t->p75_days, 1);
          g_autofree char *p90 = mqlw_text_decimal (t->p90_days, 1);
          g_autofree char *leads = g_strdup_printf ("%" G_GUINT64_FORMAT, t->leads);

          /* TRANSLATORS: "typically 15.0 days; three in four within 27.5, nine in ten within 32.5 (sql_date, 6 leads)" */
          g_print (g_dngettext (NULL, "typically %s days; three in four within %s, nine in ten within %s (%s, %s lead)\n",
                                "typically %s days; three in four within %s, nine in ten within %s (%s, %s leads)\n",
                                (gulong) t->leads), median, p75, p90, t->column, leads);
        }
    }
}

static void
print_text (const MqlwScored  *scored,
            const MqlwMaturity *m)
{
  const MqlwOutcomes *outcomes = &scored->dataset->outcomes;
  char end[16];

  g_print ("%s — %s, %u %s\n\n", scored->model->name != NULL ? scored->model->name : _("Model"),
           scored->dataset->source_name, scored->dataset->n_rows,
           g_dngettext (NULL, "lead", "leads", scored->dataset->n_rows));
  if (!m->has_created)
    {
      g_print ("%s\n", _("The data has no created date: there are no cohorts to compare."));
      return;
    }
  print_timing (m, outcomes);
  mqlw_date_format_iso (m->end_day, end);
  g_print (_("End of history: %s (the latest created date)\n\n"), end);

  mqlw_print_cell (_("Cohort"), 10, FALSE);
  mqlw_print_cell (_("Leads"), 8, TRUE);
  mqlw_print_cell (_("MQLs"), 7, TRUE);
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    if (outcomes->stage[s] != NULL)
      mqlw_print_cell (_(mqlw_stage_label (s)), 22, TRUE);
  g_print ("\n");
  for (guint i = 0; i < m->cohorts->len; i++)
    {
      const MqlwCohort *c = &g_array_index (m->cohorts, MqlwCohort, i);
      g_autofree char *label = mqlw_cohort_label (c);
      g_autofree char *leads = g_strdup_printf ("%" G_GUINT64_FORMAT, c->leads);
      g_autofree char *mql = g_strdup_printf ("%" G_GUINT64_FORMAT, c->mql);

      mqlw_print_cell (label, 10, FALSE);
      mqlw_print_cell (leads, 8, TRUE);
      mqlw_print_cell (mql, 7, TRUE);
      for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
        if (outcomes->stage[s] != NULL)
          {
            g_autofree char *rate = mqlw_text_rate (&c->stage[s]);
            g_autofree char *cell = g_strdup_printf ("%s%s", rate, c->immature[s] ? " *" : "  ");

            mqlw_print_cell (cell, 22, TRUE);
          }
      g_print ("\n");
    }
  g_print ("%s\n\n", _("* immature: its youngest leads are younger than nine in ten take to reach the stage; the rate is still rising."));
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    if (outcomes->stage[s] != NULL)
      {
        g_autofree char *all = mqlw_text_rate (&m->all[s]);
        g_autofree char *mature = mqlw_text_rate (&m->mature[s]);

        /* TRANSLATORS: "SQL: every cohort 50.0 % (6/12), the mature ones 75.0 % (3/4)" */
        g_print (_("%s: every cohort %s, the mature ones %s\n"), _(mqlw_stage_label (s)), all, mature);
      }
  if (m->excluded > 0)
    {
      g_autofree char *excluded = g_strdup_printf ("%" G_GUINT64_FORMAT, m->excluded);
      g_autofree char *days = g_strdup_printf ("%u", m->exclude_days);

      g_autofree char *lead_part = g_strdup_printf (g_dngettext (NULL, "%s lead", "%s leads", (gulong) m->excluded),
                                                    excluded);
      g_autofree char *period = g_strdup_printf (g_dngettext (NULL, "in the last %s day", "in the last %s days",
                                                              m->exclude_days), days);

      /* TRANSLATORS: "Left out: 40 leads created in the last 30 days." */
      g_print (_("Left out: %s created %s.\n"), lead_part, period);
    }
  if (m->undated > 0)
    {
      g_autofree char *undated = g_strdup_printf ("%" G_GUINT64_FORMAT, m->undated);

      g_print (g_dngettext (NULL, "Left out: %s lead without a created date, or with one after today.\n",
                            "Left out: %s leads without a created date, or with one after today.\n", (gulong) m->undated),
               undated);
    }
  mqlw_print_left_out (m->unscored);
}

static gboolean
draw_chart (const char         *path,
            const char         *stage_text,
            const MqlwMaturity *maturity,
            const MqlwOutcomes *outcomes,
            GError            **error)
{
  MqlwChartFormat format;
  MqlwChartStyle style;
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
  stage = mqlw_default_stage (stage_text, outcomes, stage);
  mqlw_chart_style_init (&style);
  /* TRANSLATORS: the cohort chart's title; %s is a stage ("SQL") */
  title = g_strdup_printf (_("%s rate by the month leads were created"), _(mqlw_stage_label (stage)));
  style.title = title;
  return mqlw_chart_export_cohorts (path, format, 1600, 900, maturity, stage, &style, error);
}

int
mqlw_command_maturity (int    argc,
                       char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwMaturity) maturity = NULL;
  MqlwScored scored = { 0 };
  g_autofree char *horizon_text = NULL, *chart = NULL, *stage_text = NULL;
  double horizon = NAN;
  int exclude = 0;
  int status;
  GOptionEntry entries[] = {
    { "exclude-recent", 0, 0, G_OPTION_ARG_INT, &exclude,
      N_("Leave out the leads created in the last DAYS days of the history"), N_("DAYS") },
    { "horizon", 0, 0, G_OPTION_ARG_STRING, &horizon_text,
      N_("For stages without dates: the days nine in ten leads take to reach them"), N_("DAYS") },
    { "chart", 0, 0, G_OPTION_ARG_FILENAME, &chart,
      N_("Also draw a stage's rate per cohort to FILE (.png, .svg or .pdf)"), N_("FILE") },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage_text,
      N_("The stage the chart shows (default sql, else the first with data)"), N_("STAGE") },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("FILE"),
                        _("Outcome maturity: the typical time from created to each stage (from the stage dates),\n"
                          "each created-month cohort's rates with the cohorts too young for them flagged, and\n"
                          "the rates over every cohort beside the mature ones."),
                        _("FILE is a CSV export of lead history, or - to read it from standard input.\n"
                          "Exit status: 0 success, 1 usage error, 2 data error."),
                        entries, TRUE, TRUE, TRUE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, NULL, &error) ||
      (horizon_text != NULL && !mqlw_parse_number ("--horizon", horizon_text, &horizon, &error)))
    return mqlw_report_error (error);
  if (exclude < 0 || (horizon_text != NULL && !(horizon > 0)))
    {
      g_printerr ("mqlw: %s\n", _("--exclude-recent must not be negative, --horizon must be positive"));
      return MQLW_EXIT_USAGE;
    }
  if ((status = mqlw_analytics_load (&inv, &scored)) != MQLW_EXIT_OK)
    return status;
  maturity = mqlw_maturity_new (scored.dataset, mqlw_scorer_get_scores (scored.scorer), scored.model->paths.score,
                                scored.model->threshold, (guint) exclude, horizon, mqlw_date_today ());

  if (chart != NULL && !draw_chart (chart, stage_text, maturity, &scored.dataset->outcomes, &error))
    {
      mqlw_scored_clear (&scored);
      return mqlw_report_error (error);
    }

  switch (inv.format.parsed)
    {
    case MQLW_FORMAT_JSON:
      print_json (maturity, &scored.dataset->outcomes);
      break;
    case MQLW_FORMAT_CSV:
      print_csv (maturity, &scored.dataset->outcomes);
      break;
    case MQLW_FORMAT_TEXT:
    default:
      print_text (&scored, maturity);
      break;
    }
  mqlw_scored_clear (&scored);
  return MQLW_EXIT_OK;
}
