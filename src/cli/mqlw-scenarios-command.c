/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw scenarios: a project's scenarios side by side with its current model
 * (mqlw-scenario-compare.h), as the window's Compare Scenarios shows them. */
#define G_LOG_DOMAIN "mqlw-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "mqlw-cli-analytics.h"
#include "mqlw-commands.h"

static JsonNode *
swap_json (const MqlwSwapSet *set)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "leads");
  json_builder_add_int_value (builder, (gint64) set->leads);
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    mqlw_json_add_rate (builder, mqlw_stage_to_string (s), &set->stage[s]);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_json (const MqlwScenarioComparison *c)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "today");
  json_builder_add_value (builder, mqlw_json_preview (&c->reference));
  json_builder_set_member_name (builder, "scenarios");
  json_builder_begin_array (builder);
  for (guint i = 0; i < c->n_scenarios; i++)
    {
      const MqlwScenarioFigures *f = &c->scenarios[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, f->name);
      json_builder_set_member_name (builder, "preview");
      json_builder_add_value (builder, mqlw_json_preview (&f->preview));
      json_builder_set_member_name (builder, "swap_in");
      json_builder_add_value (builder, swap_json (&f->in));
      json_builder_set_member_name (builder, "swap_out");
      json_builder_add_value (builder, swap_json (&f->out));
      if (i > 0)
        {
          json_builder_set_member_name (builder, "swap_in_against_first");
          json_builder_add_value (builder, swap_json (&f->in_first));
          json_builder_set_member_name (builder, "swap_out_against_first");
          json_builder_add_value (builder, swap_json (&f->out_first));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  mqlw_print_json (root);
}

/* One line a figure: "71.4 % (likely 35.9–91.8 %) ▼ −8.6 pts". */
static void
print_text (const MqlwScenarioComparison *c)
{
  g_autoptr(GPtrArray) rows = mqlw_scenario_comparison_table (c, MQLW_FORMAT_PLAIN);
  g_autofree char *align = g_strnfill (2 + c->n_scenarios, 'l');
  g_autoptr(MqlwTextTable) table = mqlw_text_table_new (align);
  g_autofree char *text = NULL;
  const char *heading[2 + MQLW_SCENARIO_COMPARE_MAX] = { "" };

  heading[1] = c->reference_name;
  for (guint i = 0; i < c->n_scenarios; i++)
    heading[2 + i] = c->scenarios[i].name;
  mqlw_text_table_add_row (table, heading);
  for (guint r = 0; r < rows->len; r++)
    {
      const MqlwScenarioRow *row = rows->pdata[r];
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (cells, g_strdup (row->label));
      for (guint k = 0; k <= c->n_scenarios; k++)
        {
          const MqlwScenarioCell *cell = &row->cells[k];
          GString *s = g_string_new (cell->value);

          if (cell->note[0] != '\0')
            g_string_append_printf (s, " (%s)", cell->note);
          if (cell->change[0] != '\0')
            g_string_append_printf (s, " %s", cell->change);
          g_ptr_array_add (cells, g_string_free (s, FALSE));
        }
      mqlw_text_table_add_row (table, (const char **) cells->pdata);
    }
  text = mqlw_text_table_to_string (table, "  ");
  fputs (text, stdout);
}

int
mqlw_command_scenarios (int    argc,
                        char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwProject) project = NULL;
  g_autoptr(MqlwScenarioComparison) comparison = NULL;
  MqlwModel *today;
  g_auto(GStrv) chosen = NULL;
  g_autofree char *format = NULL;
  const char *names[MQLW_SCENARIO_COMPARE_MAX];
  MqlwModel *models[MQLW_SCENARIO_COMPARE_MAX];
  GPtrArray *scenarios;
  guint n = 0;
  GOptionEntry entries[] = {
    { "scenario", 's', 0, G_OPTION_ARG_STRING_ARRAY, &chosen,
      N_("A scenario to compare (up to three; default: the first three)"), N_("NAME") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), N_("FORMAT") },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("PROJECT.mqlw"),
                        _("Two or three of a project's scenarios side by side with its current model: MQLs,\n"
                          "MQLs a month, the stage rates with their 95 % ranges, wins captured, and the leads\n"
                          "that become or stop being MQLs against today (and against the first scenario)."),
                        _("Exit status: 0 success, 1 usage error, 2 data error."), entries, FALSE, FALSE, FALSE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, _("project (PROJECT.mqlw)"), &error))
    return mqlw_report_error (error);
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    {
      g_printerr (_("mqlw: --format must be text or json, not “%s”\n"), format);
      return MQLW_EXIT_USAGE;
    }
  if (chosen != NULL && g_strv_length (chosen) > MQLW_SCENARIO_COMPARE_MAX)
    {
      g_printerr ("mqlw: %s\n", _("compare at most three scenarios (--scenario) at a time"));
      return MQLW_EXIT_USAGE;
    }
  project = mqlw_open_project (inv.rest[0], FALSE, &error);
  if (project == NULL)
    return mqlw_report_error (error);
  scenarios = mqlw_project_get_scenarios (project);
  for (guint i = 0; chosen != NULL && chosen[i] != NULL; i++)
    {
      const MqlwScenario *s = mqlw_project_get_scenario (project, chosen[i]);

      if (s == NULL || s->model == NULL)
        {
          g_printerr (_("mqlw: the project has no scenario “%s”\n"), chosen[i]);
          return MQLW_EXIT_DATA;
        }
      names[n] = s->name;
      models[n++] = s->model;
    }
  for (guint i = 0; chosen == NULL && i < scenarios->len && n < MQLW_SCENARIO_COMPARE_MAX; i++)
    {
      const MqlwScenario *s = g_ptr_array_index (scenarios, i);

      if (s->model == NULL)
        continue;
      names[n] = s->name;
      models[n++] = s->model;
    }
  if (n == 0)
    {
      g_printerr ("mqlw: %s\n", _("the project has no scenarios to compare"));
      return MQLW_EXIT_DATA;
    }
  today = mqlw_project_get_model (project);
  if (today == NULL)
    {
      g_printerr ("mqlw: %s\n", _("the project has no model to compare the scenarios with"));
      return MQLW_EXIT_DATA;
    }
  comparison = mqlw_scenario_compare (mqlw_project_get_dataset (project), today, NULL, names, models, n,
                                      mqlw_project_get_months (project), &error);
  if (comparison == NULL)
    return mqlw_report_error (error);
  if (format != NULL && g_str_equal (format, "json"))
    print_json (comparison);
  else
    print_text (comparison);
  return MQLW_EXIT_OK;
}
