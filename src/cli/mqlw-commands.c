/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The mqlw subcommands: parse options, call the core, print. */
#define G_LOG_DOMAIN "mqlw-cli"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <gio/gunixoutputstream.h>

#include "mqlw-cli.h"
#include "mqlw-commands.h"

static const char *history_text = N_("FILE is a CSV export of lead history, or - to read it from standard input.\n"
                                     "Exit status: 0 success, 1 usage error, 2 data error.");

static JsonNode *
source_json (MqlwDataset *dataset,
             MqlwModel   *model)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, dataset->source_name);
  json_builder_set_member_name (builder, "sha256");
  if (dataset->source_sha256 != NULL)
    json_builder_add_string_value (builder, dataset->source_sha256);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "leads");
  json_builder_add_int_value (builder, dataset->n_rows);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, model->name != NULL ? model->name : "");
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Opens the JSON object of a command on a scored history: its "source" and
 * the leads left unscored, which every figure after them leaves out. */
static void
begin_scored_json (JsonBuilder      *builder,
                   const MqlwScored *scored)
{
  MqlwUnscored unscored;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_value (builder, source_json (scored->dataset, scored->model));
  json_builder_set_member_name (builder, "unscored");
  mqlw_calibration_get_unscored (scored->calibration, &unscored);
  json_builder_add_value (builder, mqlw_json_unscored (&unscored));
}

/* ---- generate ---------------------------------------------------------- */

typedef struct {
  gboolean show;
  int last;
} GenerateProgress;

static void
on_generate_progress_cb (double   fraction,
                         gpointer user_data)
{
  GenerateProgress *progress = user_data;
  int percent = (int) (fraction * 100);

  if (progress->show && percent != progress->last)
    {
      progress->last = percent;
      g_printerr ("\r%s %3d %%", _("Generating…"), percent);
    }
}

int
mqlw_command_generate (int    argc,
                       char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = NULL;
  g_autoptr(MqlwSafeWrite) sw = NULL;
  g_autofree char *output = NULL;
  gint64 leads = 5000, seed = 42;
  MqlwGenerateOptions options;
  GenerateProgress progress = { 0 };
  GOptionEntry entries[] = {
    { "leads", 'n', 0, G_OPTION_ARG_INT64, &leads, N_("Number of leads (default 5000)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Random seed; the same seed gives the same file (default 42)"), N_("S") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  mqlw_invocation_init (&inv, "", _("Write a synthetic lead history with fit fields, activity, dates and funnel outcomes."),
                        _(history_text), entries, FALSE, FALSE, FALSE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 0, NULL, &error))
    return mqlw_report_error (error);
  if (leads <= 0 || seed < 0)
    {
      g_printerr ("mqlw: %s\n", _("--leads must be positive and --seed not negative"));
      return MQLW_EXIT_USAGE;
    }

  if (output != NULL && !g_str_equal (output, "-"))
    {
      /* Replace atomically so an interrupted run or a full disk never leaves half a file. */
      sw = mqlw_safe_write_begin (output, &error);
      if (sw == NULL)
        return mqlw_report_error (error);
      out = g_object_ref (mqlw_safe_write_get_stream (sw));
      progress.show = isatty (STDERR_FILENO);
      progress.last = -1;
    }
  else
    out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

  mqlw_generate_options_init (&options);
  options.n_leads = (guint64) leads;
  options.seed = (guint64) seed;
  if (!mqlw_generate (out, &options, on_generate_progress_cb, &progress, NULL, &error) ||
      (sw == NULL && !g_output_stream_close (out, NULL, &error)) ||
      (sw != NULL && !mqlw_safe_write_commit (g_steal_pointer (&sw), &error)))
    {
      if (progress.show)
        g_printerr ("\n");
      /* The disk filled up under the generator: say which file, and that it is as it was. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        {
          g_clear_error (&error);
          mqlw_safe_write_set_error (&error, output, ENOSPC);
        }
      return mqlw_report_error (error);
    }
  if (progress.show)
    g_printerr ("\r\033[K");
  return MQLW_EXIT_OK;
}

/* ---- calibrate --------------------------------------------------------- */

/* What the figures leave out (unscored leads, an unknown period), on stderr. */
static void
print_notes (const MqlwDataOptions *options,
             MqlwScored            *scored)
{
  g_autoptr(GPtrArray) notes = NULL;

  if (options->quiet)
    return;
  notes = mqlw_calibration_notes (scored->calibration, scored->model);
  mqlw_print_warnings (notes, scored->dataset->source_name);
}

/* Loads, scores and calibrates; on failure prints and returns the exit status. */
static int
load_and_score (MqlwInvocation *inv,
                MqlwScored     *scored)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwModel) model = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;

  model = mqlw_build_model (&inv->model, &error);
  if (model == NULL)
    return mqlw_report_error (error);
  if (inv->data.aggregate)
    return mqlw_scored_init_aggregate (scored, inv->rest[0], model, &error) ? MQLW_EXIT_OK
                                                                           : mqlw_report_error (error);
  /* Only scored and calibrated: the columns the model does not read are not kept. */
  dataset = mqlw_load_dataset_for_model (inv->rest[0], &inv->data, &inv->model, model, &error);
  if (dataset == NULL)
    return mqlw_report_error (error);
  /* Calibrate, sweep and suggest read the calibration alone. */
  if (!mqlw_scored_init_totals_only (scored, dataset, model, &error) ||
      !mqlw_apply_months (scored, inv->model.months, &error))
    return mqlw_report_error (error);
  print_notes (&inv->data, scored);
  if (!inv->data.quiet)
    mqlw_print_rule_warnings (model, dataset);
  return MQLW_EXIT_OK;
}

int
mqlw_command_calibrate (int    argc,
                        char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwBucketSpec) spec = NULL;
  g_autoptr(MqlwBucketTable) table = NULL;
  g_autofree char *buckets = NULL, *cuts_text = NULL, *verdict_stage = NULL;
  MqlwScored scored = { 0 };
  MqlwVerdictCuts cuts;
  MqlwPreview preview;
  int status, min_known = -1;
  GOptionEntry entries[] = {
    { "buckets", 'b', 0, G_OPTION_ARG_STRING, &buckets,
      N_("Score buckets: auto (about ten round-width buckets), width:10, edges:0,31,51,71 or quantiles:5 (default auto)"), N_("SCHEME") },
    { "verdict-cuts", 0, 0, G_OPTION_ARG_STRING, &cuts_text,
      N_("Rates at which a bucket becomes Marginal, Good and Hot (default 10,30,50)"), N_("M,G,H") },
    { "verdict-stage", 0, 0, G_OPTION_ARG_STRING, &verdict_stage,
      N_("Stage whose rate gives the verdict: auto (SQL, else the next stage that differs between buckets), accepted, sql, opportunity or won (default auto)"), N_("STAGE") },
    { "min-known", 0, 0, G_OPTION_ARG_INT, &min_known,
      N_("Known outcomes a bucket needs for a verdict; fewer give “Too few leads” (default 30)"), N_("N") },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("FILE"),
                        _("Bucket past leads by score and show each bucket's acceptance, SQL, opportunity and win rate\n"
                          "with 95 % Wilson intervals and a verdict, and preview the threshold."),
                        _(history_text), entries, TRUE, TRUE, TRUE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, NULL, &error) ||
      (spec = mqlw_parse_buckets (buckets, &error)) == NULL ||
      !mqlw_parse_verdict_cuts (cuts_text, verdict_stage, min_known, &cuts, &error))
    return mqlw_report_error (error);

  if ((status = load_and_score (&inv, &scored)) != MQLW_EXIT_OK)
    return status;

  table = mqlw_calibration_buckets (scored.calibration, spec, &cuts, &error);
  if (table == NULL)
    {
      mqlw_scored_clear (&scored);
      return mqlw_report_error (error);
    }
  mqlw_calibration_preview (scored.calibration, scored.model->threshold, scored.model->capacity_per_month, &preview);

  switch (inv.format.parsed)
    {
    case MQLW_FORMAT_JSON:
      {
        g_autoptr(JsonBuilder) builder = json_builder_new ();
        g_autoptr(JsonNode) root = NULL;

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "source");
        json_builder_add_value (builder, source_json (scored.dataset, scored.model));
        json_builder_set_member_name (builder, "buckets");
        json_builder_add_value (builder, mqlw_json_buckets (table));
        mqlw_json_add_table_facts (builder, table);
        json_builder_set_member_name (builder, "preview");
        json_builder_add_value (builder, mqlw_json_preview (&preview));
        json_builder_end_object (builder);
        root = json_builder_get_root (builder);
        mqlw_print_json (root);
      }
      break;
    case MQLW_FORMAT_CSV:
      mqlw_print_buckets_csv (table);
      break;
    case MQLW_FORMAT_TEXT:
    default:
      g_print ("%s — %s, %u %s\n\n", scored.model->name != NULL ? scored.model->name : _("Model"),
               scored.dataset->source_name, scored.dataset->n_rows,
               g_dngettext (NULL, "lead", "leads", scored.dataset->n_rows));
      mqlw_print_buckets_text (table);
      g_print ("\n");
      mqlw_print_preview_text (&preview, _("Threshold preview"));
      break;
    }

  mqlw_scored_clear (&scored);
  return MQLW_EXIT_OK;
}

/* ---- sweep ------------------------------------------------------------- */

int
mqlw_command_sweep (int    argc,
                    char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) sweep = NULL;
  g_autofree char *from_text = NULL, *to_text = NULL, *step_text = NULL;
  MqlwScored scored = { 0 };
  double from, to, step = 1.0, min, max;
  int status;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First threshold (default: the lowest score)"), N_("POINTS") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last threshold (default: the highest score)"), N_("POINTS") },
    { "step", 0, 0, G_OPTION_ARG_STRING, &step_text, N_("Step between thresholds (default: about 50 steps)"), N_("POINTS") },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("FILE"), _("MQL volume, conversion and wins captured across a range of thresholds."),
                        _(history_text), entries, TRUE, TRUE, TRUE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, NULL, &error) ||
      (from_text != NULL && !mqlw_parse_number ("--from", from_text, &from, &error)) ||
      (to_text != NULL && !mqlw_parse_number ("--to", to_text, &to, &error)) ||
      (step_text != NULL && !mqlw_parse_number ("--step", step_text, &step, &error)))
    return mqlw_report_error (error);
  if (step_text != NULL && step <= 0)
    {
      g_printerr ("mqlw: %s\n", _("--step must be positive"));
      return MQLW_EXIT_USAGE;
    }

  if ((status = load_and_score (&inv, &scored)) != MQLW_EXIT_OK)
    return status;

  mqlw_calibration_score_range (scored.calibration, &min, &max);
  if (from_text == NULL)
    from = floor (min);
  if (to_text == NULL)
    to = ceil (max);
  if (step_text == NULL)
    {
      /* A round step giving about 50 rows: 1, 2, 5, 10, 20, 50 … */
      double raw = MAX ((to - from) / 50.0, 1.0);
      double magnitude = pow (10.0, floor (log10 (raw)));
      double nice = raw / magnitude;
      step = (nice <= 1 ? 1 : nice <= 2 ? 2 : nice <= 5 ? 5 : 10) * magnitude;
    }
  if (to < from)
    {
      g_printerr ("mqlw: %s\n", _("--to must not be below --from"));
      mqlw_scored_clear (&scored);
      return MQLW_EXIT_USAGE;
    }

  if (mqlw_calibration_sweep_points (from, to, step) > MQLW_CALIBRATION_MAX_SWEEP_POINTS)
    {
      g_printerr ("mqlw: ");
      g_printerr (_("a sweep from %g to %g by %g has more than %u thresholds, the most one sweep "
                    "computes: give a larger --step or a narrower --from/--to"),
                  from, to, step, (guint) MQLW_CALIBRATION_MAX_SWEEP_POINTS);
      g_printerr ("\n");
      mqlw_scored_clear (&scored);
      return MQLW_EXIT_USAGE;
    }
  sweep = mqlw_calibration_sweep (scored.calibration, from, to, step, scored.model->capacity_per_month);

  switch (inv.format.parsed)
    {
    case MQLW_FORMAT_JSON:
      {
        g_autoptr(JsonBuilder) builder = json_builder_new ();
        g_autoptr(JsonNode) root = NULL;

        begin_scored_json (builder, &scored);
        json_builder_set_member_name (builder, "sweep");
        json_builder_begin_array (builder);
        for (guint i = 0; i < sweep->len; i++)
          json_builder_add_value (builder, mqlw_json_preview (&g_array_index (sweep, MqlwPreview, i)));
        json_builder_end_array (builder);
        json_builder_end_object (builder);
        root = json_builder_get_root (builder);
        mqlw_print_json (root);
      }
      break;
    case MQLW_FORMAT_CSV:
      mqlw_print_previews_csv ((const MqlwPreview *) (void *) sweep->data, sweep->len);
      break;
    case MQLW_FORMAT_TEXT:
    default:
      {
        g_autofree char *text = mqlw_text_previews ((const MqlwPreview *) (void *) sweep->data, sweep->len);
        fputs (text, stdout);
      }
      break;
    }

  mqlw_scored_clear (&scored);
  return MQLW_EXIT_OK;
}

/* ---- suggest ----------------------------------------------------------- */

static gboolean
parse_band (const char  *option,
            const char  *text,
            double      *low,
            double      *high,
            GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, "-", 2);

  if (g_strv_length (parts) != 2 ||
      !mqlw_parse_fraction (option, parts[0], low, error) ||
      !mqlw_parse_fraction (option, parts[1], high, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                     _("%s needs a band LOW-HIGH such as 60-75, not “%s”"), option, text);
      return FALSE;
    }
  if (*low > *high)
    {
      g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                   _("%s: the low end of the band is above the high end"), option);
      return FALSE;
    }
  return TRUE;
}

static char *
describe_suggestion (const MqlwSuggestion     *suggestion,
                     const MqlwSuggestOptions *options)
{
  g_autofree char *a = NULL, *b = NULL;

  switch (suggestion->kind)
    {
    case MQLW_SUGGEST_TARGET_SQL:
      a = mqlw_format_percent_as (options->target_sql_rate, 0, MQLW_FORMAT_PLAIN);
      /* TRANSLATORS: %s is a rate such as "30 %" */
      return g_strdup_printf (_("Lowest threshold with an MQL→SQL rate of at least %s"), a);
    case MQLW_SUGGEST_ACCEPTANCE:
      a = mqlw_format_percent_as (options->acceptance_low, 0, MQLW_FORMAT_PLAIN);
      b = mqlw_format_percent_as (options->acceptance_high, 0, MQLW_FORMAT_PLAIN);
      /* TRANSLATORS: the band's ends, such as "60 %" and "75 %" */
      return g_strdup_printf (_("Lowest threshold with sales acceptance between %s and %s"), a, b);
    case MQLW_SUGGEST_TOP_30:
    case MQLW_SUGGEST_TOP_20:
      a = mqlw_format_percent_as (suggestion->kind == MQLW_SUGGEST_TOP_30 ? options->top_high : options->top_low,
                                  0, MQLW_FORMAT_PLAIN);
      /* TRANSLATORS: %s is a share such as "20 %" */
      return g_strdup_printf (_("MQLs are the top %s of leads"), a);
    case MQLW_SUGGEST_CAPACITY:
      if (isnan (options->capacity_per_month))
        return g_strdup (_("Highest volume that fits sales capacity (no capacity given)"));
      a = mqlw_format_money (options->capacity_per_month, MQLW_FORMAT_PLAIN);
      return g_strdup_printf (g_dngettext (NULL, "Highest volume that fits a capacity of %s MQL a month",
                                           "Highest volume that fits a capacity of %s MQLs a month",
                                           mqlw_format_plural_n (options->capacity_per_month, 0)),
                              a);
    default:
      return g_strdup ("");
    }
}

int
mqlw_command_suggest (int    argc,
                      char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) suggestions = NULL;
  g_autofree char *target = NULL, *acceptance = NULL, *top = NULL;
  MqlwScored scored = { 0 };
  MqlwSuggestOptions options;
  int min_known = -1;
  int status;
  GOptionEntry entries[] = {
    { "target-sql", 0, 0, G_OPTION_ARG_STRING, &target, N_("Target MQL→SQL rate (default 30 %)"), N_("RATE") },
    { "acceptance", 0, 0, G_OPTION_ARG_STRING, &acceptance, N_("Sales acceptance band (default 60-75)"), N_("LOW-HIGH") },
    { "top", 0, 0, G_OPTION_ARG_STRING, &top, N_("Share of top-scoring leads to hand over (default 20-30)"), N_("LOW-HIGH") },
    { "min-known", 0, 0, G_OPTION_ARG_INT, &min_known,
      N_("Ignore rates computed over fewer known outcomes (default 20)"), N_("N") },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("FILE"),
                        /* xgettext:no-c-format */
                        _("Suggest thresholds: the lowest meeting a target SQL rate, acceptance inside a band,\n"
                          "the top 20–30 % of scores, and the highest volume that fits sales capacity."),
                        _(history_text), entries, TRUE, TRUE, TRUE);
  mqlw_suggest_options_init_default (&options);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, NULL, &error) ||
      (target != NULL && !mqlw_parse_fraction ("--target-sql", target, &options.target_sql_rate, &error)) ||
      (acceptance != NULL && !parse_band ("--acceptance", acceptance, &options.acceptance_low,
                                          &options.acceptance_high, &error)) ||
      (top != NULL && !parse_band ("--top", top, &options.top_low, &options.top_high, &error)))
    return mqlw_report_error (error);
  if (min_known >= 0)
    options.min_known = (guint) min_known;

  if ((status = load_and_score (&inv, &scored)) != MQLW_EXIT_OK)
    return status;

  options.capacity_per_month = scored.model->capacity_per_month;
  suggestions = mqlw_calibration_suggest (scored.calibration, &options);

  switch (inv.format.parsed)
    {
    case MQLW_FORMAT_JSON:
      {
        g_autoptr(JsonBuilder) builder = json_builder_new ();
        g_autoptr(JsonNode) root = NULL;

        begin_scored_json (builder, &scored);
        json_builder_set_member_name (builder, "suggestions");
        json_builder_begin_array (builder);
        for (guint i = 0; i < suggestions->len; i++)
          {
            const MqlwSuggestion *s = &g_array_index (suggestions, MqlwSuggestion, i);
            g_autofree char *why = describe_suggestion (s, &options);

            json_builder_begin_object (builder);
            json_builder_set_member_name (builder, "kind");
            json_builder_add_string_value (builder, mqlw_suggestion_kind_to_string (s->kind));
            json_builder_set_member_name (builder, "description");
            json_builder_add_string_value (builder, why);
            json_builder_set_member_name (builder, "found");
            json_builder_add_boolean_value (builder, s->found);
            json_builder_set_member_name (builder, "threshold");
            if (s->found)
              json_builder_add_double_value (builder, s->threshold);
            else
              json_builder_add_null_value (builder);
            json_builder_set_member_name (builder, "preview");
            if (s->found)
              json_builder_add_value (builder, mqlw_json_preview (&s->preview));
            else
              json_builder_add_null_value (builder);
            json_builder_end_object (builder);
          }
        json_builder_end_array (builder);
        json_builder_end_object (builder);
        root = json_builder_get_root (builder);
        mqlw_print_json (root);
      }
      break;
    case MQLW_FORMAT_CSV:
      {
        g_autoptr(GString) out = g_string_new (NULL);
        const char *header[] = { "kind", "found", "threshold", "mql", "mql_per_month", "sql_rate",
                                 "accepted_rate", "wins_captured_share" };

        mqlw_csv_row (out, header, G_N_ELEMENTS (header));
        for (guint i = 0; i < suggestions->len; i++)
          {
            const MqlwSuggestion *s = &g_array_index (suggestions, MqlwSuggestion, i);
            g_autofree char *threshold = s->found ? mqlw_export_format_decimal (s->threshold, 2) : g_strdup ("");
            g_autofree char *mql = s->found ? g_strdup_printf ("%" G_GUINT64_FORMAT, s->preview.mql) : g_strdup ("");
            g_autofree char *per_month = s->found ? mqlw_export_format_decimal (s->preview.mql_per_month, 2) : g_strdup ("");
            g_autofree char *sql = s->found ? mqlw_export_format_decimal (s->preview.stage[MQLW_STAGE_SQL].rate, 6) : g_strdup ("");
            g_autofree char *acc = s->found ? mqlw_export_format_decimal (s->preview.stage[MQLW_STAGE_ACCEPTED].rate, 6) : g_strdup ("");
            g_autofree char *wins = s->found ? mqlw_export_format_decimal (s->preview.wins_captured_share, 6) : g_strdup ("");
            const char *row[] = { mqlw_suggestion_kind_to_string (s->kind), s->found ? "true" : "false",
                                  threshold, mql, per_month, sql, acc, wins };
            mqlw_csv_row (out, row, G_N_ELEMENTS (row));
          }
        fputs (out->str, stdout);
      }
      break;
    case MQLW_FORMAT_TEXT:
    default:
      for (guint i = 0; i < suggestions->len; i++)
        {
          const MqlwSuggestion *s = &g_array_index (suggestions, MqlwSuggestion, i);
          g_autofree char *why = describe_suggestion (s, &options);

          if (!s->found)
            {
              MqlwMonthsSource source;

              mqlw_calibration_get_months (scored.calibration, &source);
              if (s->kind == MQLW_SUGGEST_CAPACITY && !isnan (options.capacity_per_month) &&
                  source == MQLW_MONTHS_UNKNOWN)
                g_print ("%s\n  %s\n\n", why, _("None: the period of the history is unknown (no created date); "
                                                "give --months N."));
              else
                g_print ("%s\n  %s\n\n", why, _("No threshold in this history meets it."));
              continue;
            }
          {
            g_autofree char *threshold = mqlw_text_score (s->threshold);
            g_autofree char *heading = g_strdup_printf ("%s: %s", why, threshold);
            mqlw_print_preview_text (&s->preview, heading);
            g_print ("\n");
          }
        }
      break;
    }

  mqlw_scored_clear (&scored);
  return MQLW_EXIT_OK;
}

/* ---- compare ----------------------------------------------------------- */

static void
print_rates_line (const char     *label,
                  const MqlwRate *rates)
{
  g_print ("  %-12s", label);
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    {
      if (!rates[s].present)
        continue;
      {
        g_autofree char *cell = mqlw_text_rate (&rates[s]);
        g_print ("  %s %s", _(mqlw_stage_label (s)), cell);
      }
    }
  g_print ("\n");
}

static const char *
outcome_word (const MqlwOutcomes *outcomes,
              MqlwStage           stage,
              guint               row)
{
  if (outcomes->stage[stage] == NULL)
    return "";
  switch (outcomes->stage[stage][row])
    {
    case MQLW_OUTCOME_YES: return "yes";
    case MQLW_OUTCOME_NO: return "no";
    default: return "unknown";
    }
}

static void
print_swap_rows (const char         *heading,
                 const GArray       *rows,
                 MqlwDataset        *dataset,
                 const MqlwScores   *baseline,
                 const MqlwScores   *proposed)
{
  MqlwColumn *id = mqlw_dataset_find_role (dataset, MQLW_ROLE_LEAD_ID);

  g_print ("\n%s (%u)\n", heading, rows->len);
  {
    g_autoptr(MqlwTextTable) table = mqlw_text_table_new ("lrrllll");
    g_autofree char *text = NULL;
    const char *titles[] = {
      _("Lead"), _("Baseline"), _("Proposed"), _("Accepted"), _("SQL"), _("Opportunity"), _("Won"),
    };

    mqlw_text_table_add_row (table, titles);
    for (guint i = 0; i < rows->len; i++)
      {
        guint row = g_array_index (rows, guint, i);
        g_autofree char *name = id != NULL ? mqlw_column_format (id, row) : NULL;
        g_autofree char *line = g_strdup_printf ("%s %u", _("row"), row + 1);
        g_autofree char *base = mqlw_text_decimal (baseline->total[row], 2);
        g_autofree char *prop = mqlw_text_decimal (proposed->total[row], 2);
        const char *cells[] = {
          name != NULL ? name : line, base, prop,
          outcome_word (&dataset->outcomes, MQLW_STAGE_ACCEPTED, row),
          outcome_word (&dataset->outcomes, MQLW_STAGE_SQL, row),
          outcome_word (&dataset->outcomes, MQLW_STAGE_OPPORTUNITY, row),
          outcome_word (&dataset->outcomes, MQLW_STAGE_WON, row),
        };
        mqlw_text_table_add_row (table, cells);
      }
    text = mqlw_text_table_to_string (table, "  ");
    fputs (text, stdout);
  }
}

static JsonNode *
swap_rows_json (const GArray     *rows,
                MqlwDataset      *dataset,
                const MqlwScores *baseline,
                const MqlwScores *proposed)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  MqlwColumn *id = mqlw_dataset_find_role (dataset, MQLW_ROLE_LEAD_ID);

  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      guint row = g_array_index (rows, guint, i);
      g_autofree char *name = id != NULL ? mqlw_column_format (id, row) : NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "row");
      json_builder_add_int_value (builder, row + 1);
      json_builder_set_member_name (builder, "lead_id");
      if (name != NULL)
        json_builder_add_string_value (builder, name);
      else
        json_builder_add_null_value (builder);
      mqlw_json_add_score (builder, "baseline_score", baseline->total[row]);
      mqlw_json_add_score (builder, "proposed_score", proposed->total[row]);
      for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
        {
          json_builder_set_member_name (builder, mqlw_stage_to_string (s));
          if (dataset->outcomes.stage[s] == NULL || dataset->outcomes.stage[s][row] == MQLW_OUTCOME_UNKNOWN)
            json_builder_add_null_value (builder);
          else
            json_builder_add_boolean_value (builder, dataset->outcomes.stage[s][row] == MQLW_OUTCOME_YES);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

/* {"leads": n, "accepted": rate…, "rows": […]} for one side of the swap. */
static JsonNode *
swap_set_json (guint64           leads,
               const MqlwRate   *rates,
               const GArray     *rows,       /* NULL: no list */
               MqlwDataset      *dataset,
               const MqlwScores *baseline,
               const MqlwScores *proposed)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "leads");
  json_builder_add_int_value (builder, leads);
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    mqlw_json_add_rate (builder, mqlw_stage_to_string (s), &rates[s]);
  if (rows != NULL)
    {
      json_builder_set_member_name (builder, "rows");
      json_builder_add_value (builder, swap_rows_json (rows, dataset, baseline, proposed));
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

int
mqlw_command_compare (int    argc,
                      char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwModel) baseline_model = NULL;
  g_autoptr(MqlwModel) proposed_model = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(MqlwComparison) comparison = NULL;
  g_autofree char *baseline_path = NULL, *baseline_column = NULL, *baseline_threshold = NULL;
  MqlwScored baseline = { 0 }, proposed = { 0 };
  MqlwModelOptions baseline_options = { 0 };
  gboolean list = FALSE;
  GOptionEntry entries[] = {
    { "baseline", 0, 0, G_OPTION_ARG_FILENAME, &baseline_path, N_("The current model (JSON)"), N_("MODEL.json") },
    { "baseline-score-column", 0, 0, G_OPTION_ARG_STRING, &baseline_column,
      N_("The current score column, instead of a baseline model"), N_("COLUMN") },
    { "baseline-threshold", 0, 0, G_OPTION_ARG_STRING, &baseline_threshold,
      N_("The current threshold (default: the baseline model's)"), N_("POINTS") },
    { "list", 'l', 0, G_OPTION_ARG_NONE, &list, N_("List the swap-in and swap-out leads with their outcomes"), NULL },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("FILE"),
                        _("Compare a proposed model (--model/--score-column, --threshold) with the current one\n"
                          "(--baseline/--baseline-score-column, --baseline-threshold): MQL volume and rates under each,\n"
                          "and the leads that become MQLs (swap-in) or stop being MQLs (swap-out), with their outcomes."),
                        _(history_text), entries, TRUE, TRUE, TRUE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, NULL, &error))
    return mqlw_report_error (error);

  baseline_options.model_path = baseline_path;
  baseline_options.score_column = baseline_column;
  baseline_options.threshold = baseline_threshold;
  baseline_options.capacity = inv.model.capacity;
  if (baseline_path == NULL && baseline_column == NULL)
    {
      g_printerr ("mqlw: %s\n", _("say what to compare against: --baseline MODEL.json or --baseline-score-column COLUMN"));
      return MQLW_EXIT_USAGE;
    }
  baseline_model = mqlw_build_model (&baseline_options, &error);
  if (baseline_model == NULL)
    return mqlw_report_error (error);
  proposed_model = mqlw_build_model (&inv.model, &error);
  if (proposed_model == NULL)
    return mqlw_report_error (error);
  if (isnan (baseline_model->capacity_per_month))
    baseline_model->capacity_per_month = proposed_model->capacity_per_month;

  dataset = mqlw_load_dataset (inv.rest[0], &inv.data, &error);
  if (dataset == NULL)
    return mqlw_report_error (error);
  if (!mqlw_scored_init (&baseline, dataset, baseline_model, &error) ||
      !mqlw_scored_init (&proposed, dataset, proposed_model, &error) ||
      !mqlw_apply_months (&baseline, inv.model.months, &error) ||
      !mqlw_apply_months (&proposed, inv.model.months, &error))
    {
      mqlw_scored_clear (&proposed);
      mqlw_scored_clear (&baseline);
      return mqlw_report_error (error);
    }
  /* The listed leads are named by their ids, which a project loads on first use. */
  if (list && !mqlw_dataset_load_columns (dataset, &error))
    {
      mqlw_scored_clear (&proposed);
      mqlw_scored_clear (&baseline);
      return mqlw_report_error (error);
    }
  print_notes (&inv.data, &proposed);
  if (!inv.data.quiet)
    mqlw_print_rule_warnings (proposed_model, dataset);

  comparison = mqlw_compare (baseline.calibration, mqlw_scorer_get_scores (baseline.scorer),
                             baseline_model->paths.score, baseline_model->threshold,
                             proposed.calibration, mqlw_scorer_get_scores (proposed.scorer),
                             proposed_model->paths.score, proposed_model->threshold,
                             &dataset->outcomes, proposed_model->capacity_per_month);

  switch (inv.format.parsed)
    {
    case MQLW_FORMAT_JSON:
      {
        g_autoptr(JsonBuilder) builder = json_builder_new ();
        g_autoptr(JsonNode) root = NULL;

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "source");
        json_builder_add_value (builder, source_json (dataset, proposed_model));
        json_builder_set_member_name (builder, "baseline");
        json_builder_add_value (builder, mqlw_json_preview (&comparison->baseline));
        json_builder_set_member_name (builder, "proposed");
        json_builder_add_value (builder, mqlw_json_preview (&comparison->proposed));
        json_builder_set_member_name (builder, "both");
        json_builder_add_int_value (builder, comparison->both);
        json_builder_set_member_name (builder, "neither");
        json_builder_add_int_value (builder, comparison->neither);
        json_builder_set_member_name (builder, "unscored");
        json_builder_add_int_value (builder, comparison->unscored);
        json_builder_set_member_name (builder, "swap_in");
        json_builder_add_value (builder, swap_set_json (comparison->swap_in, comparison->swap_in_stage,
                                                        list ? comparison->swap_in_rows : NULL, dataset,
                                                        mqlw_scorer_get_scores (baseline.scorer),
                                                        mqlw_scorer_get_scores (proposed.scorer)));
        json_builder_set_member_name (builder, "swap_out");
        json_builder_add_value (builder, swap_set_json (comparison->swap_out, comparison->swap_out_stage,
                                                        list ? comparison->swap_out_rows : NULL, dataset,
                                                        mqlw_scorer_get_scores (baseline.scorer),
                                                        mqlw_scorer_get_scores (proposed.scorer)));
        json_builder_end_object (builder);
        root = json_builder_get_root (builder);
        mqlw_print_json (root);
      }
      break;
    case MQLW_FORMAT_CSV:
      mqlw_print_previews_csv ((const MqlwPreview[]) { comparison->baseline, comparison->proposed }, 2);
      break;
    case MQLW_FORMAT_TEXT:
    default:
      mqlw_print_preview_text (&comparison->baseline, _("Baseline"));
      g_print ("\n");
      mqlw_print_preview_text (&comparison->proposed, _("Proposed"));
      g_print ("\n%s\n", _("Change"));
      g_print ("  %-26s %" G_GUINT64_FORMAT "\n", _("MQL under both"), comparison->both);
      if (comparison->unscored > 0)
        g_print ("  %-26s %" G_GUINT64_FORMAT "\n", _("Unscored (left out)"), comparison->unscored);
      g_print ("  %-26s %" G_GUINT64_FORMAT "\n", _("Swap-in (new MQLs)"), comparison->swap_in);
      print_rates_line ("", comparison->swap_in_stage);
      g_print ("  %-26s %" G_GUINT64_FORMAT "\n", _("Swap-out (no longer MQLs)"), comparison->swap_out);
      print_rates_line ("", comparison->swap_out_stage);
      if (list)
        {
          print_swap_rows (_("Swap-in leads"), comparison->swap_in_rows, dataset,
                           mqlw_scorer_get_scores (baseline.scorer), mqlw_scorer_get_scores (proposed.scorer));
          print_swap_rows (_("Swap-out leads"), comparison->swap_out_rows, dataset,
                           mqlw_scorer_get_scores (baseline.scorer), mqlw_scorer_get_scores (proposed.scorer));
        }
      break;
    }

  mqlw_scored_clear (&baseline);
  mqlw_scored_clear (&proposed);
  return MQLW_EXIT_OK;
}
