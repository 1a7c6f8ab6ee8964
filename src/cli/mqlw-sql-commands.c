/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw score, and mqlw export --what sql|sql-aggregate|sql-sample: the
 * agreed model as a warehouse query, and the same per-lead columns from the
 * core. Parse options, call the core, print. */
#define G_LOG_DOMAIN "mqlw-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "mqlw-cli.h"
#include "mqlw-commands.h"

/* ---- score ------------------------------------------------------------- */

int
mqlw_command_score (int    argc,
                    char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwModel) model = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(MqlwScorer) scorer = NULL;
  GOptionEntry entries[] = { { NULL } };

  mqlw_invocation_init (&inv, _("FILE"),
                        _("Every lead's score from the core, in the columns the warehouse query returns (mqlw export\n"
                          "--what sql): lead_id, score, grade, mql, path, disqualified. Compare the two row by row."),
                        _("Exit status: 0 success, 1 usage error, 2 data error."), entries, TRUE, TRUE, TRUE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, NULL, &error))
    return mqlw_report_error (error);
  if (inv.format.parsed == MQLW_FORMAT_TEXT && inv.format.format == NULL)
    inv.format.parsed = MQLW_FORMAT_CSV;

  model = mqlw_build_model (&inv.model, &error);
  if (model == NULL)
    return mqlw_report_error (error);
  dataset = mqlw_load_dataset (inv.rest[0], &inv.data, &error);
  if (dataset == NULL)
    return mqlw_report_error (error);
  scorer = mqlw_scorer_new (dataset, model, &error);
  if (scorer == NULL)
    return mqlw_report_error (error);

  if (inv.format.parsed == MQLW_FORMAT_JSON)
    {
      g_autoptr(JsonNode) root = mqlw_lead_scores_to_json (scorer, &error);

      if (root == NULL)
        return mqlw_report_error (error);
      mqlw_print_json (root);
    }
  else if (inv.format.parsed == MQLW_FORMAT_CSV)
    {
      g_autofree char *text = mqlw_lead_scores_to_csv (scorer, &error);

      if (text == NULL)
        return mqlw_report_error (error);
      fputs (text, stdout);
    }
  else
    {
      g_printerr ("mqlw: %s\n", _("mqlw score writes --format csv or json"));
      return MQLW_EXIT_USAGE;
    }
  return MQLW_EXIT_OK;
}

/* ---- export --what sql ------------------------------------------------- */

/* The model and the table's schema from @path: a project (its agreed model,
 * else its current one, over its dataset), an agreed-model export (its model,
 * and the schema it records) or a model file; --map gives or replaces the schema. */
static gboolean
load_model_and_schema (const char   *path,
                       const char   *map_path,
                       MqlwModel   **model_out,
                       MqlwMapping **schema_out,
                       GError      **error)
{
  g_autoptr(MqlwModel) model = NULL;
  g_autoptr(MqlwMapping) schema = NULL;

  if (mqlw_project_is_project_file (path))
    {
      g_autoptr(MqlwProject) project = mqlw_project_open (path, NULL, NULL, NULL, error);
      MqlwSignoff *signoff;
      const MqlwModelVersion *head;

      if (project == NULL)
        return FALSE;
      signoff = mqlw_project_get_latest_signoff (project);
      head = mqlw_project_get_head (project);
      if (signoff != NULL)
        {
          model = mqlw_model_ref (signoff->model);
          if (head != NULL && head->signoff != signoff)
            g_printerr (_("mqlw: note: the query runs signed version %u; the current version %u is a draft\n"),
                        signoff->version, head->number);
        }
      else if (head != NULL)
        {
          model = mqlw_model_ref (head->model);
          g_printerr (_("mqlw: note: version %u is a draft, not signed yet\n"), head->number);
        }
      else
        {
          g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                       _("%s has no model yet: add one with mqlw project set-model"), path);
          return FALSE;
        }
      if (mqlw_project_get_dataset (project) != NULL)
        schema = mqlw_sql_schema_from_dataset (mqlw_project_get_dataset (project), mqlw_project_get_mapping (project));
    }
  else
    {
      g_autoptr(GBytes) bytes = mqlw_read_input (path, error);
      gsize len;
      const char *text;

      if (bytes == NULL)
        return FALSE;
      text = g_bytes_get_data (bytes, &len);
      /* The bytes of a file are not NUL-terminated. */
      if (text != NULL && g_strstr_len (text, (gssize) len, MQLW_SIGNOFF_FORMAT) != NULL)
        {
          g_autoptr(MqlwSignoff) signoff = mqlw_signoff_from_json (text, (gssize) len, error);

          if (signoff == NULL)
            return FALSE;
          model = mqlw_model_ref (signoff->model);
          schema = mqlw_signoff_get_sql_schema (signoff, NULL);
        }
      else
        {
          model = mqlw_model_from_json (text, (gssize) len, error);
          if (model == NULL)
            return FALSE;
        }
    }

  if (map_path != NULL)
    {
      g_clear_pointer (&schema, mqlw_mapping_free);
      schema = mqlw_mapping_load (map_path, error);
      if (schema == NULL)
        return FALSE;
    }
  if (schema == NULL)
    {
      g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                   _("say what the table's columns are: --map MAP.json (mqlw inspect FILE.csv --write-map MAP.json)"));
      return FALSE;
    }
  *model_out = g_steal_pointer (&model);
  *schema_out = g_steal_pointer (&schema);
  return TRUE;
}

int
mqlw_export_sql (const char *path,
                 const char *what,
                 const char *dialect_name,
                 const char *table,
                 const char *map_path,
                 int         sample_size,
                 const char *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwModel) model = NULL;
  g_autoptr(MqlwMapping) schema = NULL;
  g_autofree char *sql = NULL;
  MqlwSqlOptions options = { 0, };

  if (dialect_name == NULL)
    {
      g_printerr ("mqlw: %s\n", _("say which warehouse runs it: --dialect sqlite|duckdb|postgres|bigquery|snowflake|spark"));
      return MQLW_EXIT_USAGE;
    }
  if (!mqlw_sql_dialect_from_string (dialect_name, &options.dialect))
    {
      g_printerr (_("mqlw: --dialect must be sqlite, duckdb, postgres, bigquery, snowflake or spark, not “%s”\n"),
                  dialect_name);
      return MQLW_EXIT_USAGE;
    }
  if (sample_size < 0)
    {
      g_printerr ("mqlw: %s\n", _("--sample-size must be a positive number of leads"));
      return MQLW_EXIT_USAGE;
    }
  g_assert (mqlw_sql_query_from_string (what, &options.query));
  options.table = table;
  options.sample_size = (guint) sample_size;

  if (!load_model_and_schema (path, map_path, &model, &schema, &error))
    return mqlw_report_error (error);
  sql = mqlw_sql_build (model, schema, &options, &error);
  if (sql == NULL)
    return mqlw_report_error (error);
  if (output == NULL || g_str_equal (output, "-"))
    {
      fputs (sql, stdout);
      return MQLW_EXIT_OK;
    }
  if (!mqlw_export_write_file (output, sql, -1, &error))
    return mqlw_report_error (error);
  return MQLW_EXIT_OK;
}

int
mqlw_verify_sql (const MqlwSignoff *signoff,
                 const char        *path,
                 gboolean           quiet)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL, *dialect = NULL, *query = NULL;

  sql = mqlw_cli_read_text (path, _("the warehouse query (--sql)"), MQLW_CLI_TEXT_MAX_BYTES, NULL, &error);
  if (sql == NULL)
    return mqlw_report_error (error);
  if (signoff->sql == NULL)
    {
      if (!quiet)
        g_print (_("%s: this agreed model records no warehouse queries (exported before format 3)\n"), path);
      return MQLW_EXIT_MISMATCH;
    }
  if (!mqlw_signoff_find_query (signoff, sql, &dialect, &query))
    {
      if (!quiet)
        g_print (_("%s: NOT one of the agreed model's warehouse queries: export them again from the agreed model "
                   "(mqlw export AGREED-MODEL.json --what sql --dialect …) and run them unchanged\n"), path);
      return MQLW_EXIT_MISMATCH;
    }
  if (!quiet)
    g_print (_("%s: the agreed model's %s query for %s, as signed\n"), path, query, dialect);
  return MQLW_EXIT_OK;
}
