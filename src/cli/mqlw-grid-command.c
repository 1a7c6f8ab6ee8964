/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw grid: fit × engagement, and the region the MQL rule selects (mqlw-grid.h). */
#define G_LOG_DOMAIN "mqlw-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "mqlw-cli-analytics.h"
#include "mqlw-commands.h"

static void
print_json (const MqlwGrid    *grid,
            const MqlwOutcomes *outcomes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rows_by");
  json_builder_add_string_value (builder, grid->by_grade ? "grade" : "fit");
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint r = 0; r < grid->n_rows; r++)
    {
      g_autofree char *label = mqlw_grid_row_label (grid, r);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, label);
      if (!grid->by_grade)
        mqlw_json_add_number (builder, "fit_from", grid->row_lo[r], 6);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint c = 0; c < grid->n_cols; c++)
    {
      g_autofree char *label = mqlw_grid_col_label (grid, c);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, label);
      mqlw_json_add_number (builder, "behaviour_from", grid->col_lo[c], 6);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "cells");
  json_builder_begin_array (builder);
  for (guint r = 0; r < grid->n_rows; r++)
    for (guint c = 0; c < grid->n_cols; c++)
      {
        const MqlwGridCell *cell = mqlw_grid_cell (grid, r, c);

        json_builder_begin_object (builder);
        mqlw_json_add_count (builder, "row", r);
        mqlw_json_add_count (builder, "column", c);
        mqlw_json_add_count (builder, "leads", cell->leads);
        mqlw_json_add_count (builder, "mql", cell->mql);
        json_builder_set_member_name (builder, "in_rule");
        json_builder_add_boolean_value (builder, cell->in_region);
        json_builder_set_member_name (builder, "stages");
        json_builder_begin_object (builder);
        for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
          if (outcomes->stage[s] != NULL)
            mqlw_json_add_rate (builder, mqlw_stage_to_string (s), &cell->stage[s]);
        json_builder_end_object (builder);
        json_builder_end_object (builder);
      }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "rule");
  if (grid->region)
    {
      json_builder_begin_object (builder);
      mqlw_json_add_count (builder, "row", grid->region_row);
      mqlw_json_add_count (builder, "column", grid->region_col);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "left_out");
  json_builder_begin_object (builder);
  mqlw_json_add_count (builder, "unscored", grid->unscored);
  mqlw_json_add_count (builder, "disqualified", grid->disqualified);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  mqlw_print_json (root);
}

/* One row per cell. */
static void
print_csv (const MqlwGrid *grid,
           MqlwStage       stage)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *header[] = { "fit", "behaviour", "leads", "mql", "known", "reached", "rate", "ci_low", "ci_high",
                           "in_rule" };

  mqlw_csv_row (out, header, G_N_ELEMENTS (header));
  for (guint r = 0; r < grid->n_rows; r++)
    for (guint c = 0; c < grid->n_cols; c++)
      {
        const MqlwGridCell *cell = mqlw_grid_cell (grid, r, c);
        const MqlwRate *rate = &cell->stage[stage];
        g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
        gboolean known = rate->present && rate->known > 0;

        g_ptr_array_add (row, mqlw_grid_row_label (grid, r));
        g_ptr_array_add (row, mqlw_grid_col_label (grid, c));
        g_ptr_array_add (row, g_strdup_printf ("%" G_GUINT64_FORMAT, cell->leads));
        g_ptr_array_add (row, g_strdup_printf ("%" G_GUINT64_FORMAT, cell->mql));
        g_ptr_array_add (row, g_strdup_printf ("%" G_GUINT64_FORMAT, rate->known));
        g_ptr_array_add (row, g_strdup_printf ("%" G_GUINT64_FORMAT, rate->reached));
        g_ptr_array_add (row, mqlw_export_format_decimal (known ? rate->rate : NAN, 6));
        g_ptr_array_add (row, mqlw_export_format_decimal (known ? rate->ci_low : NAN, 6));
        g_ptr_array_add (row, mqlw_export_format_decimal (known ? rate->ci_high : NAN, 6));
        g_ptr_array_add (row, g_strdup (cell->in_region ? "true" : "false"));
        mqlw_csv_row (out, (const char *const *) row->pdata, row->len);
      }
  fputs (out->str, stdout);
}

static void
print_text (const MqlwScored *scored,
            const MqlwGrid   *grid,
            MqlwStage         stage)
{
  const char *stage_label = _(mqlw_stage_label (stage));

  g_print ("%s — %s, %u %s\n", scored->model->name != NULL ? scored->model->name : _("Model"),
           scored->dataset->source_name, scored->dataset->n_rows,
           g_dngettext (NULL, "lead", "leads", scored->dataset->n_rows));
  /* TRANSLATORS: "Fit (grade) down, behaviour points across; each cell: leads · MQLs · its SQL rate (95 % interval)." */
  g_print (_("Fit (%s) down, behaviour points across; each cell: leads · MQLs · its %s rate (95 %% interval).\n\n"),
           grid->by_grade ? _("grade") : _("fit points"), stage_label);
  mqlw_print_cell ("", 20, FALSE);
  for (guint c = 0; c < grid->n_cols; c++)
    {
      g_autofree char *label = mqlw_grid_col_label (grid, c);

      mqlw_print_cell (label, 30, TRUE);
    }
  g_print ("\n");
  for (guint r = 0; r < grid->n_rows; r++)
    {
      g_autofree char *label = mqlw_grid_row_label (grid, r);

      mqlw_print_cell (label, 20, FALSE);
      for (guint c = 0; c < grid->n_cols; c++)
        {
          const MqlwGridCell *cell = mqlw_grid_cell (grid, r, c);
          const MqlwRate *rate = &cell->stage[stage];
          g_autofree char *percent = mqlw_text_percent (rate->rate);
          g_autofree char *interval = mqlw_format_range_as (rate->ci_low, rate->ci_high, 0, MQLW_FORMAT_PLAIN);
          g_autofree char *shown = rate->present && rate->known > 0
                                   ? g_strdup_printf ("%s (%s)", percent, interval)
                                   : g_strdup ("—");
          g_autofree char *text = g_strdup_printf ("%s%" G_GUINT64_FORMAT " · %" G_GUINT64_FORMAT " · %s",
                                                   cell->in_region ? "*" : "", cell->leads, cell->mql, shown);

          mqlw_print_cell (text, 30, TRUE);
        }
      g_print ("\n");
    }
  g_print ("\n");
  if (grid->region)
    {
      g_autofree char *grade = g_strdup (mqlw_grade_to_string (grid->region_row));
      g_autofree char *from = mqlw_text_score (scored->model->paths.behaviour_min);

      /* TRANSLATORS: "* the grade + behaviour path: grade B or better and behaviour of 40 or more." */
      g_print (_("* the grade + behaviour path: grade %s or better and behaviour of %s or more.\n"), grade, from);
    }
  else if (grid->by_grade)
    g_print ("%s\n", _("The grade + behaviour path is off: only the score and hand-raiser paths make MQLs."));
  else
    g_print ("%s\n", _("The model has no grades: rows are fit-point bands, and no region of the grid is a rule."));
  if (grid->disqualified > 0)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GUINT64_FORMAT, grid->disqualified);

      g_print (g_dngettext (NULL, "Left out: %s disqualified lead.\n", "Left out: %s disqualified leads.\n",
                            (gulong) grid->disqualified), n);
    }
  mqlw_print_left_out (grid->unscored);
}

static gboolean
parse_edges (const char *text,
             GArray     *edges,
             GError    **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      double v;

      if (!mqlw_parse_number ("--behaviour-edges", g_strstrip (parts[i]), &v, error))
        return FALSE;
      if (edges->len > 0 && !(v > g_array_index (edges, double, edges->len - 1)))
        {
          g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                       _("--behaviour-edges: give the edges in ascending order, each once (“%s”)"), text);
          return FALSE;
        }
      g_array_append_val (edges, v);
    }
  if (edges->len == 0 || edges->len > 20)
    {
      g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                   _("--behaviour-edges: give 1 to 20 edges, such as 20,50,100"));
      return FALSE;
    }
  return TRUE;
}

int
mqlw_command_grid (int    argc,
                   char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwGrid) grid = NULL;
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *stage_text = NULL, *edges_text = NULL;
  MqlwScored scored = { 0 };
  MqlwStage stage = MQLW_STAGE_SQL;
  int status;
  GOptionEntry entries[] = {
    { "behaviour-edges", 0, 0, G_OPTION_ARG_STRING, &edges_text,
      N_("Split behaviour points at these edges (default: its quartiles)"), N_("E1,E2,…") },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage_text,
      N_("The stage whose rate the text and CSV show (default sql, else the first the data has)"), N_("STAGE") },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("FILE"),
                        _("Fit × engagement: the grades (or fit-point bands) down, behaviour bands across; each\n"
                          "cell's leads, MQLs and observed rates with 95 % intervals, and the cells the\n"
                          "grade + behaviour path selects."),
                        _("FILE is a CSV export of lead history, or - to read it from standard input.\n"
                          "Exit status: 0 success, 1 usage error, 2 data error."),
                        entries, TRUE, TRUE, TRUE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, NULL, &error) ||
      (edges_text != NULL && !parse_edges (edges_text, edges, &error)))
    return mqlw_report_error (error);
  if (!mqlw_parse_stage (stage_text, &stage, &error))
    return mqlw_report_error (error);
  if ((status = mqlw_analytics_load (&inv, &scored)) != MQLW_EXIT_OK)
    return status;
  if (scored.model->score_column != NULL)
    {
      g_printerr ("mqlw: %s\n", _("the grid needs a points model (--model): a score column has no fit or behaviour "
                                  "points"));
      mqlw_scored_clear (&scored);
      return MQLW_EXIT_USAGE;
    }
  stage = mqlw_default_stage (stage_text, &scored.dataset->outcomes, stage);
  grid = mqlw_grid_new (mqlw_scorer_get_scores (scored.scorer), &scored.dataset->outcomes, scored.model,
                        edges_text != NULL ? (const double *) edges->data : NULL, edges->len);

  switch (inv.format.parsed)
    {
    case MQLW_FORMAT_JSON:
      print_json (grid, &scored.dataset->outcomes);
      break;
    case MQLW_FORMAT_CSV:
      print_csv (grid, stage);
      break;
    case MQLW_FORMAT_TEXT:
    default:
      print_text (&scored, grid, stage);
      break;
    }
  mqlw_scored_clear (&scored);
  return MQLW_EXIT_OK;
}
