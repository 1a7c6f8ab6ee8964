/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-cli"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <gio/gunixinputstream.h>

#include "mqlw-cli.h"

G_DEFINE_QUARK (mqlw-cli-error-quark, mqlw_cli_error)

GOptionGroup *
mqlw_data_option_group (MqlwDataOptions *options)
{
  GOptionEntry entries[] = {
    { "map", 'm', 0, G_OPTION_ARG_FILENAME, &options->map_path,
      N_("Column mapping (JSON, as written by inspect --write-map)"), N_("MAP.json") },
    { "outcome", 'o', 0, G_OPTION_ARG_STRING_ARRAY, &options->outcomes,
      N_("Column holding a funnel stage: accepted, sql, opportunity or won (repeatable)"), N_("STAGE=COLUMN") },
    { "stage-column", 0, 0, G_OPTION_ARG_STRING, &options->stage_column,
      N_("One lifecycle column whose values give the furthest stage reached"), N_("COLUMN") },
    { "stage-value", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->stage_values,
      N_("How a lifecycle value reads, e.g. Engaging=opportunity:open or Rejected=none:closed (repeatable)"),
      N_("VALUE=STAGE[:open|closed]") },
    { "join", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->joins,
      N_("Add the columns of a second file, matched on a key (repeatable)"), N_("FILE:KEY[=FILE_KEY]") },
    { "outcome-file", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->outcome_files,
      N_("Leads whose key appears in a second file reached STAGE (e.g. won=deals.csv:email)"),
      N_("STAGE=FILE:KEY[=FILE_KEY]") },
    { "date-order", 0, 0, G_OPTION_ARG_STRING, &options->date_order,
      N_("Order of day and month in dates like 3/4/2025: auto, mdy or dmy"), N_("ORDER") },
    { "delimiter", 0, 0, G_OPTION_ARG_STRING, &options->delimiter,
      N_("Field delimiter (default: detected): , ; tab |"), N_("CHAR") },
    { "missing-value", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->missing_values,
      N_("Read VALUE as missing in every column, besides the placeholders found (repeatable)"), N_("VALUE") },
    { "blank-means-no", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->blank_no,
      N_("A blank in this outcome column means the stage was not reached (a column of X marks; repeatable)"),
      N_("COLUMN") },
    { "blank-unknown", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->blank_unknown,
      N_("A blank in this outcome column stays unknown, even when it holds only marks (repeatable)"),
      N_("COLUMN") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &options->quiet,
      N_("No progress and no warnings on stderr"), NULL },
    { "aggregate", 0, 0, G_OPTION_ARG_NONE, &options->aggregate,
      N_("FILE is a calibration aggregate from a warehouse (mqlw export --what sql-aggregate), not leads"), NULL },
    { NULL }
  };
  GOptionGroup *group;

  group = g_option_group_new ("data", _("Lead history options:"), _("Show lead history options"), NULL, NULL);
  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  return group;
}

GOptionGroup *
mqlw_model_option_group (MqlwModelOptions *options)
{
  GOptionEntry entries[] = {
    { "model", 0, 0, G_OPTION_ARG_FILENAME, &options->model_path,
      N_("Scoring model (JSON)"), N_("MODEL.json") },
    { "score-column", 's', 0, G_OPTION_ARG_STRING, &options->score_column,
      N_("Use an existing score column (a platform's score) instead of a model"), N_("COLUMN") },
    { "threshold", 't', 0, G_OPTION_ARG_STRING, &options->threshold,
      N_("MQL threshold (default: the model's)"), N_("POINTS") },
    { "capacity", 'c', 0, G_OPTION_ARG_STRING, &options->capacity,
      N_("MQLs per month sales can follow up (default: the model's)"), N_("N") },
    { "months", 0, 0, G_OPTION_ARG_STRING, &options->months,
      N_("Months of history the data covers, for the per-month figures (default: from the created dates)"), N_("N") },
    { NULL }
  };
  GOptionGroup *group;

  group = g_option_group_new ("model", _("Model options:"), _("Show model options"), NULL, NULL);
  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  return group;
}

GOptionEntry *
mqlw_format_option_entry (MqlwFormatOptions *options)
{
  GOptionEntry *entries = g_new0 (GOptionEntry, 2);

  entries[0].long_name = "format";
  entries[0].short_name = 'f';
  entries[0].arg = G_OPTION_ARG_STRING;
  entries[0].arg_data = &options->format;
  entries[0].description = N_("Output format: text, csv or json");
  entries[0].arg_description = N_("FORMAT");
  return entries;
}

void
mqlw_data_options_clear (MqlwDataOptions *options)
{
  g_clear_pointer (&options->map_path, g_free);
  g_clear_pointer (&options->outcomes, g_strfreev);
  g_clear_pointer (&options->stage_column, g_free);
  g_clear_pointer (&options->stage_values, g_strfreev);
  g_clear_pointer (&options->joins, g_strfreev);
  g_clear_pointer (&options->outcome_files, g_strfreev);
  g_clear_pointer (&options->date_order, g_free);
  g_clear_pointer (&options->delimiter, g_free);
  g_clear_pointer (&options->missing_values, g_strfreev);
  g_clear_pointer (&options->blank_no, g_strfreev);
  g_clear_pointer (&options->blank_unknown, g_strfreev);
}

void
mqlw_model_options_clear (MqlwModelOptions *options)
{
  g_clear_pointer (&options->model_path, g_free);
  g_clear_pointer (&options->score_column, g_free);
  g_clear_pointer (&options->threshold, g_free);
  g_clear_pointer (&options->capacity, g_free);
  g_clear_pointer (&options->months, g_free);
}

void
mqlw_invocation_init (MqlwInvocation     *inv,
                      const char         *parameter,
                      const char         *summary,
                      const char         *description,
                      const GOptionEntry *entries,
                      gboolean            with_data,
                      gboolean            with_model,
                      gboolean            with_format)
{
  GOptionEntry rest_entry[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &inv->rest, NULL, NULL },
    { NULL }
  };

  g_return_if_fail (inv != NULL);

  memset (inv, 0, sizeof *inv);
  inv->context = g_option_context_new (parameter);
  g_option_context_set_translation_domain (inv->context, GETTEXT_PACKAGE);
  g_option_context_set_summary (inv->context, summary);
  g_option_context_set_description (inv->context, description);
  if (entries != NULL)
    g_option_context_add_main_entries (inv->context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (inv->context, rest_entry, GETTEXT_PACKAGE);
  if (with_format)
    {
      inv->format_entry = mqlw_format_option_entry (&inv->format);
      g_option_context_add_main_entries (inv->context, inv->format_entry, GETTEXT_PACKAGE);
    }
  if (with_data)
    g_option_context_add_group (inv->context, mqlw_data_option_group (&inv->data));
  if (with_model)
    g_option_context_add_group (inv->context, mqlw_model_option_group (&inv->model));
}

gboolean
mqlw_invocation_parse (MqlwInvocation  *inv,
                       int              argc,
                       char           **argv,
                       guint            n_files,
                       const char      *what,
                       GError         **error)
{
  guint n_rest;

  g_return_val_if_fail (inv != NULL && inv->context != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_option_context_parse (inv->context, &argc, &argv, error))
    return FALSE;
  if (inv->format_entry != NULL && !mqlw_parse_format (&inv->format, error))
    return FALSE;

  n_rest = inv->rest != NULL ? g_strv_length (inv->rest) : 0;
  if (n_rest != n_files)
    {
      if (n_files == 0)
        g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                     _("unexpected argument “%s”"), inv->rest[0]);
      else if (n_rest == 0 && what != NULL)
        g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE, _("name the %s"), what);
      else if (n_rest == 0)
        g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                     _("name the lead history to read (a CSV file, or - for standard input)"));
      else
        g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                     _("one file at a time, please: “%s” is one too many"), inv->rest[n_files]);
      return FALSE;
    }
  return TRUE;
}

void
mqlw_invocation_clear (MqlwInvocation *inv)
{
  g_return_if_fail (inv != NULL);

  g_clear_pointer (&inv->context, g_option_context_free);
  mqlw_data_options_clear (&inv->data);
  mqlw_model_options_clear (&inv->model);
  g_clear_pointer (&inv->format.format, g_free);
  g_clear_pointer (&inv->format_entry, g_free);
  g_clear_pointer (&inv->rest, g_strfreev);
}

gboolean
mqlw_parse_format (MqlwFormatOptions  *options,
                   GError            **error)
{
  const char *text = options->format != NULL ? options->format : "text";

  if (g_str_equal (text, "text"))
    options->parsed = MQLW_FORMAT_TEXT;
  else if (g_str_equal (text, "csv"))
    options->parsed = MQLW_FORMAT_CSV;
  else if (g_str_equal (text, "json"))
    options->parsed = MQLW_FORMAT_JSON;
  else
    {
      g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                   _("--format must be text, csv or json, not “%s”"), text);
      return FALSE;
    }
  return TRUE;
}

gboolean
mqlw_parse_number (const char  *option,
                   const char  *text,
                   double      *value,
                   GError     **error)
{
  char *end = NULL;
  double v;

  errno = 0;
  v = g_ascii_strtod (text, &end);
  if (errno != 0 || end == text || *end != '\0' || !isfinite (v))
    {
      g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                   _("%s needs a number, not “%s”"), option, text);
      return FALSE;
    }
  *value = v;
  return TRUE;
}

gboolean
mqlw_parse_fraction (const char  *option,
                     const char  *text,
                     double      *value,
                     GError     **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gsize len = strlen (copy);
  gboolean percent = len > 0 && copy[len - 1] == '%';
  double v;

  if (percent)
    copy[len - 1] = '\0';
  if (!mqlw_parse_number (option, copy, &v, error))
    return FALSE;
  if (percent || v > 1.0)
    v /= 100.0;
  if (v < 0.0 || v > 1.0)
    {
      g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                   _("%s must be a rate between 0 and 100 %%, not “%s”"), option, text);
      return FALSE;
    }
  *value = v;
  return TRUE;
}

void
mqlw_protect_input (const char *path)
{
  if (path != NULL && !g_str_equal (path, "-"))
    mqlw_safe_write_protect (path, _("a file this command reads"));
}

/* What read standard input first, for the message when a second input names it too. */
static const char *stdin_claimed_by;

gboolean
mqlw_claim_stdin (const char  *path,
                  const char  *what,
                  GError     **error)
{
  if (g_strcmp0 (path, "-") != 0)
    return TRUE;
  if (stdin_claimed_by != NULL)
    {
      g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                   _("standard input (-) can be read only once, and %s already reads it: give %s as a file"),
                   stdin_claimed_by, what);
      return FALSE;
    }
  stdin_claimed_by = what;
  return TRUE;
}

char *
mqlw_cli_read_text (const char  *path,
                    const char  *what,
                    guint64      max_size,
                    gsize       *length,
                    GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MqlwSource) source = NULL;
  gsize size;
  const char *data;
  char *text;

  if (what != NULL)
    {
      if (!mqlw_claim_stdin (path, what, error))
        return NULL;
      bytes = mqlw_read_small_file (path, max_size, error);
    }
  else if ((source = mqlw_source_new_for_path (path, path, error)) != NULL)
    bytes = mqlw_source_read_all (source, max_size, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  text = g_malloc (size + 1);
  if (size > 0)
    memcpy (text, data, size);
  text[size] = '\0';
  if (length != NULL)
    *length = size;
  return text;
}

MqlwBucketSpec *
mqlw_parse_buckets (const char  *text,
                    GError     **error)
{
  g_autoptr(GError) local = NULL;
  MqlwBucketSpec *spec = mqlw_bucket_spec_parse (text != NULL ? text : "auto", &local);

  if (spec == NULL)
    g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE, "--buckets: %s", local->message);
  return spec;
}

gboolean
mqlw_parse_verdict_cuts (const char       *cuts_text,
                         const char       *stage_text,
                         int               min_known,
                         MqlwVerdictCuts  *cuts,
                         GError          **error)
{
  mqlw_verdict_cuts_init_default (cuts);

  if (stage_text != NULL && g_ascii_strcasecmp (stage_text, "auto") != 0 &&
      !mqlw_stage_from_string (stage_text, &cuts->stage))
    {
      g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                   _("--verdict-stage must be auto, accepted, sql, opportunity or won, not “%s”"), stage_text);
      return FALSE;
    }
  if (cuts_text != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (cuts_text, ",", -1);
      double values[3];

      if (g_strv_length (parts) != 3)
        {
          g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                       _("--verdict-cuts needs three rates MARGINAL,GOOD,HOT such as 10,30,50"));
          return FALSE;
        }
      for (guint i = 0; i < 3; i++)
        if (!mqlw_parse_fraction ("--verdict-cuts", parts[i], &values[i], error))
          return FALSE;
      if (!(values[0] <= values[1] && values[1] <= values[2]))
        {
          g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                       _("--verdict-cuts must not decrease: marginal ≤ good ≤ hot"));
          return FALSE;
        }
      cuts->marginal = values[0];
      cuts->good = values[1];
      cuts->hot = values[2];
    }
  if (min_known >= 0)
    cuts->min_known = (guint) min_known;
  return TRUE;
}

gboolean
mqlw_parse_months (const char  *text,
                   double      *months,
                   GError     **error)
{
  if (!mqlw_parse_number ("--months", text, months, error))
    return FALSE;
  if (!(*months > 0) || !isfinite (*months))
    {
      g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                   _("--months must be a positive number of months, not “%s”"), text);
      return FALSE;
    }
  return TRUE;
}

/* The period stated in the last project opened as lead history (NAN: none). */
static double project_months = NAN;

gboolean
mqlw_apply_months (MqlwScored  *scored,
                   const char  *text,
                   GError     **error)
{
  double months = project_months;

  if (text != NULL && !mqlw_parse_months (text, &months, error))
    return FALSE;
  if (!isnan (months))
    mqlw_scoring_set_months (scored->scoring, months);
  return TRUE;
}

GBytes *
mqlw_read_input (const char  *path,
                 GError     **error)
{
  g_autoptr(MqlwSource) source = NULL;

  mqlw_protect_input (path);
  if (g_strcmp0 (path, "-") == 0)
    source = mqlw_source_new_for_fd (STDIN_FILENO, "stdin", error);
  else
    source = mqlw_source_new_for_path (path, NULL, error);
  if (source == NULL)
    return NULL;
  return mqlw_source_read_all (source, 0, error);
}

/* "FILE:KEY[=FILE_KEY]"; the file part may itself contain ':', and so may a
 * key ("Contact: Email", as report exports name columns): the first ':' after
 * which the part before names a file that exists, else the last. */
static gboolean
parse_join_target (const char  *option,
                   const char  *text,
                   char       **path,
                   char       **key,
                   char       **file_key,
                   GError     **error)
{
  const char *colon = strrchr (text, ':');
  const char *equals;

  for (const char *c = strchr (text, ':'); c != NULL && c < colon; c = strchr (c + 1, ':'))
    {
      g_autofree char *candidate = g_strndup (text, c - text);

      if (c != text && g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
        {
          colon = c;
          break;
        }
    }

  if (colon == NULL || colon == text || colon[1] == '\0')
    {
      g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                   _("%s needs FILE:KEY[=FILE_KEY], not “%s”"), option, text);
      return FALSE;
    }
  *path = g_strndup (text, colon - text);
  equals = strchr (colon + 1, '=');
  if (equals != NULL)
    {
      *key = g_strndup (colon + 1, equals - colon - 1);
      *file_key = g_strdup (equals + 1);
    }
  else
    {
      *key = g_strdup (colon + 1);
      *file_key = g_strdup (colon + 1);
    }
  return TRUE;
}

static gboolean
parse_stage_option (const char  *option,
                    const char  *text,
                    MqlwStage   *stage,
                    const char **rest,
                    GError     **error)
{
  const char *equals = strchr (text, '=');
  g_autofree char *name = NULL;

  if (equals == NULL || equals == text || equals[1] == '\0')
    {
      g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                   _("%s needs STAGE=…, not “%s”"), option, text);
      return FALSE;
    }
  name = g_strndup (text, equals - text);
  if (!mqlw_stage_from_string (name, stage))
    {
      g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                   _("%s: unknown stage “%s”; use accepted, sql, opportunity or won"), option, name);
      return FALSE;
    }
  *rest = equals + 1;
  return TRUE;
}

MqlwMapping *
mqlw_build_mapping (const MqlwDataOptions  *options,
                    GError                **error)
{
  g_autoptr(MqlwMapping) mapping = NULL;

  if (options->map_path != NULL)
    {
      mqlw_protect_input (options->map_path);
      if (!mqlw_claim_stdin (options->map_path, _("the mapping (--map)"), error))
        return NULL;
      mapping = mqlw_mapping_load (options->map_path, error);
      if (mapping == NULL)
        return NULL;
    }
  else
    mapping = mqlw_mapping_new ();

  if (options->delimiter != NULL)
    {
      if (g_str_equal (options->delimiter, "tab") || g_str_equal (options->delimiter, "\\t"))
        mapping->delimiter = '\t';
      else if (strlen (options->delimiter) == 1 && strchr (",;|\t", options->delimiter[0]) != NULL)
        mapping->delimiter = options->delimiter[0];
      else
        {
          g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                       _("--delimiter must be one of , ; | or tab, not “%s”"), options->delimiter);
          return NULL;
        }
    }

  if (options->date_order != NULL)
    {
      if (g_str_equal (options->date_order, "auto"))
        mapping->date_order = MQLW_DATE_ORDER_AUTO;
      else if (g_str_equal (options->date_order, "mdy"))
        mapping->date_order = MQLW_DATE_ORDER_MDY;
      else if (g_str_equal (options->date_order, "dmy"))
        mapping->date_order = MQLW_DATE_ORDER_DMY;
      else
        {
          g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                       _("--date-order must be auto, mdy or dmy, not “%s”"), options->date_order);
          return NULL;
        }
    }

  for (guint i = 0; options->missing_values != NULL && options->missing_values[i] != NULL; i++)
    mqlw_mapping_add_missing_value (mapping, NULL, options->missing_values[i]);
  for (guint i = 0; options->blank_no != NULL && options->blank_no[i] != NULL; i++)
    mqlw_mapping_set_blank_is_no (mapping, options->blank_no[i], TRUE);
  for (guint i = 0; options->blank_unknown != NULL && options->blank_unknown[i] != NULL; i++)
    mqlw_mapping_set_blank_is_no (mapping, options->blank_unknown[i], FALSE);

  for (guint i = 0; options->outcomes != NULL && options->outcomes[i] != NULL; i++)
    {
      MqlwColumnSpec *spec;
      const char *column;
      MqlwStage stage;

      if (!parse_stage_option ("--outcome", options->outcomes[i], &stage, &column, error))
        return NULL;
      spec = mqlw_mapping_set_column (mapping, column);
      spec->role = MQLW_ROLE_OUTCOME;
      spec->role_set = TRUE;
      spec->stage = stage;
    }

  if (options->stage_column != NULL)
    {
      MqlwColumnSpec *spec = mqlw_mapping_set_column (mapping, options->stage_column);
      spec->role = MQLW_ROLE_STAGE;
      spec->role_set = TRUE;
    }

  for (guint i = 0; options->stage_values != NULL && options->stage_values[i] != NULL; i++)
    {
      const char *text = options->stage_values[i];
      const char *equals = strrchr (text, '=');
      g_autofree char *value = NULL;
      g_auto(GStrv) parts = NULL;
      gboolean closed = FALSE;
      int furthest = -1;

      if (equals == NULL || equals == text)
        {
          g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                       _("--stage-value needs VALUE=STAGE[:open|closed], not “%s”"), text);
          return NULL;
        }
      value = g_strndup (text, equals - text);
      parts = g_strsplit (equals + 1, ":", 2);
      if (!g_str_equal (parts[0], "none"))
        {
          MqlwStage stage;
          if (!mqlw_stage_from_string (parts[0], &stage))
            {
              g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                           _("--stage-value: unknown stage “%s”; use none, accepted, sql, opportunity or won"),
                           parts[0]);
              return NULL;
            }
          furthest = stage;
        }
      /* Won ends the funnel; anything else is open unless said otherwise. */
      closed = furthest == MQLW_STAGE_WON;
      if (parts[1] != NULL)
        {
          if (g_str_equal (parts[1], "closed"))
            closed = TRUE;
          else if (g_str_equal (parts[1], "open"))
            closed = FALSE;
          else
            {
              g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                           _("--stage-value: “%s” must be open or closed"), parts[1]);
              return NULL;
            }
        }
      mqlw_mapping_add_stage_value (mapping, value, furthest, closed);
    }

  for (guint i = 0; options->joins != NULL && options->joins[i] != NULL; i++)
    {
      g_autofree char *path = NULL, *key = NULL, *file_key = NULL, *absolute = NULL;

      if (!parse_join_target ("--join", options->joins[i], &path, &key, &file_key, error))
        return NULL;
      mqlw_protect_input (path);
      /* Relative to the current folder, as a shell user means it. */
      absolute = g_canonicalize_filename (path, NULL);
      mqlw_mapping_add_join (mapping, MQLW_JOIN_ENRICH, absolute, key, file_key);
    }

  for (guint i = 0; options->outcome_files != NULL && options->outcome_files[i] != NULL; i++)
    {
      g_autofree char *path = NULL, *key = NULL, *file_key = NULL, *absolute = NULL;
      const char *target;
      MqlwJoinSpec *join;
      MqlwStage stage;

      if (!parse_stage_option ("--outcome-file", options->outcome_files[i], &stage, &target, error) ||
          !parse_join_target ("--outcome-file", target, &path, &key, &file_key, error))
        return NULL;
      mqlw_protect_input (path);
      absolute = g_canonicalize_filename (path, NULL);
      join = mqlw_mapping_add_join (mapping, MQLW_JOIN_OUTCOME, absolute, key, file_key);
      join->stage = stage;
    }

  return g_steal_pointer (&mapping);
}

typedef struct {
  gboolean show;
  int last_percent;
} Progress;

static void
on_import_progress_cb (double   fraction,
                       gpointer user_data)
{
  Progress *progress = user_data;
  int percent = (int) (fraction * 100.0);

  if (!progress->show || percent == progress->last_percent)
    return;
  progress->last_percent = percent;
  /* Only on a terminal, so scripts reading stderr see just the messages. */
  g_printerr ("\r%s %3d %%", _("Importing…"), percent);
}

/* A project in place of a CSV. When neither --model nor --score-column was
 * given, mqlw_build_model hands out a placeholder and notes it here; opening
 * a project fills it with the project's current model (then --threshold and
 * --capacity apply again); a CSV still gets the old usage error. */
typedef struct {
  MqlwModel *model;
  char      *threshold;
  char      *capacity;
} DeferredModel;

static GPtrArray *deferred_models;

static void
deferred_model_free (DeferredModel *deferred)
{
  mqlw_model_unref (deferred->model);
  g_free (deferred->threshold);
  g_free (deferred->capacity);
  g_free (deferred);
}

static void
defer_model (MqlwModel              *model,
             const MqlwModelOptions *options)
{
  DeferredModel *deferred = g_new0 (DeferredModel, 1);

  if (deferred_models == NULL)
    deferred_models = g_ptr_array_new_with_free_func ((GDestroyNotify) deferred_model_free);
  deferred->model = mqlw_model_ref (model);
  deferred->threshold = g_strdup (options->threshold);
  deferred->capacity = g_strdup (options->capacity);
  g_ptr_array_add (deferred_models, deferred);
}

static gboolean
apply_model_overrides (MqlwModel   *model,
                       const char  *threshold,
                       const char  *capacity_text,
                       GError     **error)
{
  if (threshold != NULL && !mqlw_parse_number ("--threshold", threshold, &model->threshold, error))
    return FALSE;
  if (capacity_text != NULL)
    {
      double capacity;
      if (!mqlw_parse_number ("--capacity", capacity_text, &capacity, error))
        return FALSE;
      if (capacity <= 0)
        {
          g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                       _("--capacity must be a positive number of MQLs per month"));
          return FALSE;
        }
      model->capacity_per_month = capacity;
    }
  return TRUE;
}

/* Moves a copy of @source into @target's struct, keeping @target's identity
 * (the caller holds it) and freeing what @target held. */
static void
fill_model (MqlwModel *target,
            MqlwModel *source)
{
  MqlwModel *fresh = mqlw_model_copy (source);
  MqlwModel old = *target;

  *target = *fresh;
  target->ref_count = old.ref_count;
  old.ref_count = fresh->ref_count;
  *fresh = old;
  mqlw_model_unref (fresh);
}

static MqlwDataset *
load_project (const char  *path,
              GError     **error)
{
  g_autoptr(MqlwProject) project = mqlw_open_project (path, FALSE, error);
  g_autoptr(GPtrArray) deferred = g_steal_pointer (&deferred_models);
  MqlwModel *current;

  if (project == NULL)
    return NULL;
  current = mqlw_project_get_model (project);
  project_months = mqlw_project_get_months (project);
  if (current == NULL && mqlw_project_get_head (project) != NULL && deferred != NULL && deferred->len > 0)
    {
      /* The current version is damaged: say so rather than fall back to an older one. */
      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_DAMAGED, "%s",
                   mqlw_project_get_head (project)->damage);
      return NULL;
    }
  for (guint i = 0; deferred != NULL && i < deferred->len; i++)
    {
      DeferredModel *d = g_ptr_array_index (deferred, i);

      if (current == NULL)
        {
          g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                       _("the project %s has no model yet: give --model MODEL.json or --score-column COLUMN"), path);
          return NULL;
        }
      fill_model (d->model, current);
      if (!apply_model_overrides (d->model, d->threshold, d->capacity, error))
        return NULL;
    }
  return mqlw_dataset_ref (mqlw_project_get_dataset (project));
}

static MqlwDataset *
load_dataset (const char             *path,
              const MqlwDataOptions  *options,
              const char * const     *needed,
              const char * const     *domain_only,
              GError                **error)
{
  g_autoptr(MqlwMapping) mapping = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autofree char *base_dir = NULL;
  Progress progress = { .show = !options->quiet && isatty (STDERR_FILENO), .last_percent = -1 };

  if (options->aggregate)
    {
      g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                   _("this command needs the leads themselves, not a calibration aggregate (--aggregate)"));
      return NULL;
    }
  if (g_strcmp0 (path, "-") != 0 && mqlw_project_is_project_file (path))
    return load_project (path, error);

  mapping = mqlw_build_mapping (options, error);
  if (mapping == NULL)
    return NULL;

  if (!mqlw_claim_stdin (path, _("the lead history"), error))
    return NULL;
  if (g_strcmp0 (path, "-") == 0)
    {
      /* Standard input is read whole first: the import goes over its text more than once. */
      bytes = mqlw_read_input (path, error);
      if (bytes == NULL)
        return NULL;
      base_dir = g_get_current_dir ();
      dataset = mqlw_import_bytes_projected (bytes, "stdin", base_dir, mapping, needed, domain_only,
                                             on_import_progress_cb, &progress, NULL, error);
    }
  else
    dataset = mqlw_import_file_projected (path, mapping, needed, domain_only, on_import_progress_cb, &progress, NULL,
                                          error);
  if (progress.show && progress.last_percent >= 0)
    g_printerr ("\r\033[K");
  if (dataset == NULL)
    return NULL;
  /* Read first, so that the message can name the platform's score column. */
  if (deferred_models != NULL && deferred_models->len > 0)
    {
      MqlwColumn *score = mqlw_dataset_find_role (dataset, MQLW_ROLE_SCORE);

      g_clear_pointer (&deferred_models, g_ptr_array_unref);
      if (score != NULL)
        g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                     _("say how leads are scored: --score-column “%s” (the score column found in %s) or --model MODEL.json"),
                     score->name, dataset->source_name);
      else
        g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                     _("say how leads are scored: --model MODEL.json or --score-column COLUMN"));
      return NULL;
    }

  if (!options->quiet)
    mqlw_print_warnings (dataset->problems, dataset->source_name);
  return g_steal_pointer (&dataset);
}

MqlwDataset *
mqlw_load_dataset (const char             *path,
                   const MqlwDataOptions  *options,
                   GError                **error)
{
  return load_dataset (path, options, NULL, NULL, error);
}

static void
add_match_field (GPtrArray       *names,
                 const MqlwMatch *match)
{
  if (match->field != NULL)
    g_ptr_array_add (names, match->field);
}

/* Every column @model's rules, paths and score read (borrowed strings). */
static GPtrArray *
model_columns (const MqlwModel *model)
{
  GPtrArray *names = g_ptr_array_new ();

  if (model->score_column != NULL)
    g_ptr_array_add (names, model->score_column);
  for (guint i = 0; model->unscored_when_missing[i] != NULL; i++)
    g_ptr_array_add (names, model->unscored_when_missing[i]);
  for (guint i = 0; i < model->fit->len; i++)
    add_match_field (names, &((MqlwFitRule *) g_ptr_array_index (model->fit, i))->match);
  for (guint i = 0; i < model->disqualifiers->len; i++)
    add_match_field (names, &((MqlwDisqualifier *) g_ptr_array_index (model->disqualifiers, i))->match);
  for (guint i = 0; i < model->behaviour->len; i++)
    {
      const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);
      if (rule->activity != NULL)
        g_ptr_array_add (names, rule->activity);
      if (rule->date_column != NULL)
        g_ptr_array_add (names, rule->date_column);
    }
  for (guint i = 0; model->paths.hand_raiser_activities != NULL && model->paths.hand_raiser_activities[i] != NULL; i++)
    g_ptr_array_add (names, model->paths.hand_raiser_activities[i]);
  g_ptr_array_add (names, NULL);
  return names;
}

/* Whether @field is read by @match other than for its e-mail domain or its presence. */
static gboolean
match_reads_whole (const MqlwMatch *match,
                   const char      *field)
{
  return g_strcmp0 (match->field, field) == 0 && match->op != MQLW_MATCH_EMAIL_DOMAIN &&
         match->op != MQLW_MATCH_MISSING;
}

/* The columns @model reads only with email_domain rules (and "is missing"):
 * the import may keep just their domains (mqlw_import_file_projected ()). */
static GPtrArray *
model_domain_columns (const MqlwModel *model)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; model->score_column == NULL && i < model->fit->len; i++)
    {
      const MqlwMatch *match = &((MqlwFitRule *) g_ptr_array_index (model->fit, i))->match;
      gboolean whole = FALSE;

      if (match->op != MQLW_MATCH_EMAIL_DOMAIN || match->field == NULL ||
          g_ptr_array_find_with_equal_func (names, match->field, g_str_equal, NULL))
        continue;
      for (guint k = 0; k < model->fit->len && !whole; k++)
        whole = match_reads_whole (&((MqlwFitRule *) g_ptr_array_index (model->fit, k))->match, match->field);
      for (guint k = 0; k < model->disqualifiers->len && !whole; k++)
        whole = match_reads_whole (&((MqlwDisqualifier *) g_ptr_array_index (model->disqualifiers, k))->match,
                                   match->field);
      for (guint k = 0; k < model->behaviour->len && !whole; k++)
        {
          const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, k);
          whole = g_strcmp0 (rule->activity, match->field) == 0 || g_strcmp0 (rule->date_column, match->field) == 0;
        }
      for (guint k = 0; model->paths.hand_raiser_activities != NULL && model->paths.hand_raiser_activities[k] != NULL &&
                        !whole; k++)
        whole = g_strcmp0 (model->paths.hand_raiser_activities[k], match->field) == 0;
      if (!whole)
        g_ptr_array_add (names, match->field);
    }
  g_ptr_array_add (names, NULL);
  return names;
}

/* A command that only scores and calibrates has read what it needs of the
 * columns the import kept for itself: the outcomes are derived (amounts,
 * created dates and stages are in dataset->outcomes), so those columns go
 * before the scorer's arrays are made. Kept: any the model names, dates that
 * the scorer or a leak check reads (as-of, activity dates, outcome dates),
 * platform scores. */
static void
drop_read_columns (MqlwDataset        *dataset,
                   const char * const *needed)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < dataset->columns->len; c++)
    {
      const MqlwColumn *column = g_ptr_array_index (dataset->columns, c);
      gboolean read = FALSE;

      switch (column->role)
        {
        case MQLW_ROLE_OUTCOME:
          read = column->type != MQLW_COLUMN_TYPE_DATE;
          break;
        case MQLW_ROLE_STAGE:
        case MQLW_ROLE_DEAL_AMOUNT:
        case MQLW_ROLE_REJECTION_REASON:
        case MQLW_ROLE_CREATED_AT:
          read = TRUE;
          break;
        default:
          break;
        }
      if (read && !g_strv_contains (needed, column->name))
        g_ptr_array_add (names, g_strdup (column->name));
    }
  for (guint i = 0; i < names->len; i++)
    mqlw_dataset_remove_column (dataset, g_ptr_array_index (names, i));
}

MqlwDataset *
mqlw_load_dataset_for_model (const char             *path,
                             const MqlwDataOptions  *options,
                             const MqlwModelOptions *model_options,
                             const MqlwModel        *model,
                             GError                **error)
{
  g_autoptr(GPtrArray) needed = NULL;
  g_autoptr(GPtrArray) domains = NULL;
  MqlwDataset *dataset;

  /* Without --model or --score-column the model may come with a project. */
  if (model_options->model_path == NULL && model_options->score_column == NULL)
    return load_dataset (path, options, NULL, NULL, error);
  needed = model_columns (model);
  domains = model_domain_columns (model);
  dataset = load_dataset (path, options, (const char * const *) needed->pdata, (const char * const *) domains->pdata,
                          error);
  /* A project's dataset is its own, whole. */
  if (dataset != NULL && (g_strcmp0 (path, "-") == 0 || !mqlw_project_is_project_file (path)))
    drop_read_columns (dataset, (const char * const *) needed->pdata);
  return dataset;
}

MqlwModel *
mqlw_build_model (const MqlwModelOptions  *options,
                  GError                 **error)
{
  g_autoptr(MqlwModel) model = NULL;

  if (options->model_path != NULL && options->score_column != NULL)
    {
      g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                   _("give either --model or --score-column, not both"));
      return NULL;
    }
  if (options->model_path == NULL && options->score_column == NULL)
    {
      /* Perhaps the data is a project with a current model: decided when it is loaded. */
      model = mqlw_model_new ();
      if (!apply_model_overrides (model, options->threshold, options->capacity, error))
        return NULL;
      defer_model (model, options);
      return g_steal_pointer (&model);
    }

  if (options->model_path != NULL)
    {
      mqlw_protect_input (options->model_path);
      if (!mqlw_claim_stdin (options->model_path, _("the model (--model)"), error))
        return NULL;
      model = mqlw_model_load (options->model_path, error);
      if (model == NULL)
        return NULL;
    }
  else
    {
      model = mqlw_model_new ();
      g_free (model->name);
      model->name = g_strdup_printf (_("Score column “%s”"), options->score_column);
      model->score_column = g_strdup (options->score_column);
    }

  if (!apply_model_overrides (model, options->threshold, options->capacity, error))
    return NULL;
  return g_steal_pointer (&model);
}

MqlwProject *
mqlw_open_project (const char  *path,
                   gboolean     for_update,
                   GError     **error)
{
  g_autoptr(MqlwProject) project = NULL;
  g_autoptr(GPtrArray) damage = NULL;
  g_autoptr(GError) local = NULL;

  mqlw_protect_input (path);
  if (for_update)
    {
      project = mqlw_project_open_for_update (path, NULL, NULL, NULL, &local);
      /* Where nothing may be written (a read-only folder) the project is still
       * read; a save says why it cannot be done, an export is written elsewhere. */
      if (project == NULL && g_error_matches (local, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_SAVE))
        g_clear_error (&local);
      else if (project == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }
  if (project == NULL)
    project = mqlw_project_open (path, NULL, NULL, NULL, error);
  if (project == NULL)
    return NULL;
  damage = mqlw_project_dup_damage (project);
  for (guint i = 0; i < damage->len; i++)
    g_printerr (_("mqlw: warning: %s\n"), (const char *) g_ptr_array_index (damage, i));
  /* The lead ids and e-mails a reopen leaves in the file are loaded by what
   * reads them (lead scores, joins, segments, the report, health, a save of
   * the dataset), which says their damage: a command that never reads them
   * does not pay for them. */
  return g_steal_pointer (&project);
}

int
mqlw_report_error (const GError *error)
{
  g_printerr ("mqlw: %s\n", error->message);
  if (error->domain == MQLW_CLI_ERROR || error->domain == G_OPTION_ERROR)
    return MQLW_EXIT_USAGE;
  /* Writing over an input, a folder or a device: the command line asked for it. */
  if (error->domain == MQLW_SAFE_WRITE_ERROR &&
      (error->code == MQLW_SAFE_WRITE_ERROR_NOT_REGULAR || error->code == MQLW_SAFE_WRITE_ERROR_PROTECTED))
    return MQLW_EXIT_USAGE;
  return MQLW_EXIT_DATA;
}

void
mqlw_print_warnings (GPtrArray  *problems,
                     const char *source_name)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const MqlwProblem *problem = g_ptr_array_index (problems, i);
      const char *level = problem->level == MQLW_PROBLEM_ERROR ? _("error") : _("warning");

      if (problem->line > 0 && problem->column != NULL)
        g_printerr ("mqlw: %s: %s: %s %" G_GUINT64_FORMAT ", %s %s: %s\n", level, source_name,
                    _("line"), problem->line, _("column"), problem->column, problem->message);
      else if (problem->line > 0)
        g_printerr ("mqlw: %s: %s: %s %" G_GUINT64_FORMAT ": %s\n", level, source_name,
                    _("line"), problem->line, problem->message);
      else
        g_printerr ("mqlw: %s: %s: %s\n", level, source_name, problem->message);
    }
}

void
mqlw_print_rule_warnings (const MqlwModel *model,
                          MqlwDataset     *dataset)
{
  g_autoptr(GPtrArray) warnings = mqlw_model_check (model, dataset);

  for (guint i = 0; i < warnings->len; i++)
    {
      const MqlwRuleWarning *warning = g_ptr_array_index (warnings, i);
      g_printerr ("mqlw: %s: %s\n", _("warning"), warning->message);
    }
}

/* The parts of @scored->scoring, borrowed for the commands. */
static void
scored_borrow_parts (MqlwScored *scored)
{
  scored->dataset = mqlw_scoring_get_dataset (scored->scoring);
  scored->model = mqlw_scoring_get_model (scored->scoring);
  scored->scorer = mqlw_scoring_get_scorer (scored->scoring);
  scored->calibration = mqlw_scoring_get_calibration (scored->scoring);
}

static gboolean
scored_init (MqlwScored       *scored,
             MqlwDataset      *dataset,
             MqlwModel        *model,
             MqlwScoringFlags  flags,
             GError          **error)
{
  memset (scored, 0, sizeof *scored);
  scored->scoring = mqlw_scoring_new (dataset, model, flags, NULL, error);
  if (scored->scoring == NULL)
    {
      /* A rule naming a column the data lacks: say which data. */
      if (error != NULL && *error != NULL && (*error)->domain == MQLW_SCORER_ERROR && dataset->source_name != NULL)
        g_prefix_error (error, "%s: ", dataset->source_name);
      return FALSE;
    }
  scored_borrow_parts (scored);
  return TRUE;
}

gboolean
mqlw_scored_init (MqlwScored   *scored,
                  MqlwDataset  *dataset,
                  MqlwModel    *model,
                  GError      **error)
{
  return scored_init (scored, dataset, model, MQLW_SCORING_NONE, error);
}

gboolean
mqlw_scored_init_totals_only (MqlwScored   *scored,
                              MqlwDataset  *dataset,
                              MqlwModel    *model,
                              GError      **error)
{
  return scored_init (scored, dataset, model, MQLW_SCORING_TOTALS_ONLY, error);
}

gboolean
mqlw_scored_init_aggregate (MqlwScored  *scored,
                            const char  *path,
                            MqlwModel   *model,
                            GError     **error)
{
  g_autoptr(MqlwAggregate) aggregate = NULL;

  memset (scored, 0, sizeof *scored);
  if (g_strcmp0 (path, "-") == 0)
    {
      g_autoptr(GBytes) bytes = mqlw_read_input (path, error);

      if (bytes == NULL)
        return FALSE;
      aggregate = mqlw_aggregate_read (bytes, "stdin", error);
    }
  else
    aggregate = mqlw_aggregate_load (path, error);
  if (aggregate == NULL)
    return FALSE;
  scored->scoring = mqlw_scoring_new_from_aggregate (aggregate, model);
  scored_borrow_parts (scored);
  return TRUE;
}

void
mqlw_scored_clear (MqlwScored *scored)
{
  g_clear_pointer (&scored->scoring, mqlw_scoring_unref);
  memset (scored, 0, sizeof *scored);
}
