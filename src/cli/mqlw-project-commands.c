/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw project | export | report | verify: projects, sign-off and the agreed
 * model. Parse options, call the core, print. */
#define G_LOG_DOMAIN "mqlw-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mqlw-cli.h"
#include "mqlw-commands.h"

static const char *exit_text = N_("Exit status: 0 success, 1 usage error, 2 data error.");

static char *
default_author (void)
{
  const char *name = g_get_real_name ();

  if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();
  return g_strdup (name);
}

static gboolean
parse_date_option (const char  *option,
                   const char  *text,
                   GDate       *date,
                   GError     **error)
{
  int y, m, d;
  char tail;

  g_date_clear (date, 1);
  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE,
                   _("%s needs a date like 2025-11-30, not “%s”"), option, text);
      return FALSE;
    }
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/* Records an export in the project's log and saves it; a failure there does
 * not undo the export, so it is only a warning. */
static void
log_export (MqlwProject *project,
            const char  *kind,
            const char  *path,
            guint        version)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = mqlw_file_sha256 (path, NULL);
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);

  mqlw_project_log_export (project, kind, absolute, sha, version);
  if (!mqlw_project_save (project, NULL, NULL, NULL, &error))
    g_printerr (_("mqlw: warning: the export was written, but not recorded in the project: %s\n"), error->message);
}

/* A model the project's data cannot score (a rule on a column it lacks, a
 * range on text) is refused before anything is saved: saved, it would replace
 * the draft that scored. */
static gboolean
check_model_scores (MqlwDataset  *dataset,
                    MqlwModel    *model,
                    const char   *model_path,
                    GError      **error)
{
  MqlwScorer *scorer = mqlw_scorer_new_totals_only (dataset, model, error);

  if (scorer == NULL)
    {
      g_prefix_error (error, "%s: ", model_path);
      return FALSE;
    }
  mqlw_scorer_free (scorer);
  return TRUE;
}

/* ---- project create ---------------------------------------------------- */

static int
project_create (int    argc,
                char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL, *model_path = NULL, *author = NULL, *comment = NULL;
  g_autoptr(MqlwMapping) mapping = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(MqlwProject) project = NULL;
  g_autoptr(MqlwModel) model = NULL;
  g_autofree char *months_text = NULL;
  double months = NAN;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from, N_("The lead history to import (CSV)"), N_("FILE.csv") },
    { "months", 0, 0, G_OPTION_ARG_STRING, &months_text,
      N_("Months of history the data covers, saved in the project (default: from the created dates)"), N_("N") },
    { "model", 0, 0, G_OPTION_ARG_FILENAME, &model_path, N_("A scoring model to save as version 1"), N_("MODEL.json") },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author, N_("Who saves the model (default: you)"), N_("NAME") },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("A comment for the model version"), N_("TEXT") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace an existing project file"), NULL },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("PROJECT.mqlw"), _("Create a project from a lead history (and optionally a model)."),
                        _(exit_text), entries, TRUE, FALSE, FALSE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, _("project file to create (PROJECT.mqlw)"), &error) ||
      (months_text != NULL && !mqlw_parse_months (months_text, &months, &error)))
    return mqlw_report_error (error);
  if (from == NULL)
    {
      g_printerr ("mqlw: %s\n", _("say which lead history to import: --from leads.csv"));
      return MQLW_EXIT_USAGE;
    }
  if (!force && g_file_test (inv.rest[0], G_FILE_TEST_EXISTS))
    {
      g_printerr (_("mqlw: “%s” already exists; use --force to replace it\n"), inv.rest[0]);
      return MQLW_EXIT_USAGE;
    }
  mqlw_protect_input (model_path);
  if (model_path != NULL && (model = mqlw_model_load (model_path, &error)) == NULL)
    return mqlw_report_error (error);
  /* Before the import: a refused target says so at once. */
  if (!mqlw_project_check_target (inv.rest[0], &error))
    return mqlw_report_error (error);
  mapping = mqlw_build_mapping (&inv.data, &error);
  if (mapping == NULL)
    return mqlw_report_error (error);
  dataset = mqlw_load_dataset (from, &inv.data, &error);
  if (dataset == NULL)
    return mqlw_report_error (error);

  if (model != NULL && !check_model_scores (dataset, model, model_path, &error))
    return mqlw_report_error (error);
  project = mqlw_project_new (dataset, mapping);
  mqlw_project_set_months (project, months);
  if (model != NULL)
    {
      g_autofree char *who = author != NULL ? g_strdup (author) : default_author ();
      mqlw_project_add_version (project, model, who, comment != NULL ? comment : "");
    }
  if (!mqlw_project_save_as (project, inv.rest[0], NULL, NULL, NULL, &error))
    return mqlw_report_error (error);
  if (!inv.data.quiet)
    g_print (g_dngettext (NULL, "Created %s: %u lead from %s%s\n", "Created %s: %u leads from %s%s\n", dataset->n_rows), inv.rest[0], dataset->n_rows, dataset->source_name,
             model != NULL ? _(", model saved as version 1") : "");
  return MQLW_EXIT_OK;
}

/* ---- project set-model ------------------------------------------------- */

static int
project_set_model (int    argc,
                   char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autofree char *model_path = NULL, *author = NULL, *comment = NULL;
  g_autoptr(MqlwProject) project = NULL;
  g_autoptr(MqlwModel) model = NULL;
  guint before, number;
  GOptionEntry entries[] = {
    { "model", 0, 0, G_OPTION_ARG_FILENAME, &model_path, N_("The edited scoring model"), N_("MODEL.json") },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author, N_("Who saves it (default: you)"), N_("NAME") },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("What changed"), N_("TEXT") },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("PROJECT.mqlw"),
                        _("Save a model as the project's current version. A draft is replaced; a signed version stays\n"
                          "frozen and the model becomes a new draft version."), _(exit_text), entries, FALSE, FALSE, FALSE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, _("project (PROJECT.mqlw)"), &error))
    return mqlw_report_error (error);
  if (model_path == NULL)
    {
      g_printerr ("mqlw: %s\n", _("say which model to save: --model MODEL.json"));
      return MQLW_EXIT_USAGE;
    }
  mqlw_protect_input (model_path);
  if ((model = mqlw_model_load (model_path, &error)) == NULL ||
      (project = mqlw_open_project (inv.rest[0], TRUE, &error)) == NULL
      || !check_model_scores (mqlw_project_get_dataset (project), model, model_path, &error))
    return mqlw_report_error (error);
  {
    g_autofree char *who = author != NULL ? g_strdup (author) : default_author ();
    before = mqlw_project_get_n_versions (project);
    number = mqlw_project_save_model (project, model, who, comment != NULL ? comment : "");
  }
  if (!mqlw_project_save (project, NULL, NULL, NULL, &error))
    return mqlw_report_error (error);
  if (mqlw_project_get_n_versions (project) > before)
    g_print (_("Saved as new version %u\n"), number);
  else
    g_print (_("Saved as version %u\n"), number);
  return MQLW_EXIT_OK;
}

/* ---- project info ------------------------------------------------------ */

static int
project_info (int    argc,
              char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwProject) project = NULL;
  g_autofree char *format = NULL;
  MqlwDataset *dataset;
  GPtrArray *scenarios, *exports;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), N_("FORMAT") },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("PROJECT.mqlw"), _("Show a project: its data, model versions, sign-offs, scenarios and exports."),
                        _(exit_text), entries, FALSE, FALSE, FALSE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, _("project (PROJECT.mqlw)"), &error))
    return mqlw_report_error (error);
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    {
      g_printerr (_("mqlw: --format must be text or json, not “%s”\n"), format);
      return MQLW_EXIT_USAGE;
    }
  project = mqlw_open_project (inv.rest[0], FALSE, &error);
  if (project == NULL)
    return mqlw_report_error (error);
  dataset = mqlw_project_get_dataset (project);
  scenarios = mqlw_project_get_scenarios (project);
  exports = mqlw_project_get_exports (project);

  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "file");
      json_builder_add_string_value (b, inv.rest[0]);
      json_builder_set_member_name (b, "schema");
      json_builder_add_int_value (b, mqlw_project_get_file_schema (project));
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, dataset->source_name != NULL ? dataset->source_name : "");
      json_builder_set_member_name (b, "sha256");
      if (dataset->source_sha256 != NULL)
        json_builder_add_string_value (b, dataset->source_sha256);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "leads");
      json_builder_add_int_value (b, dataset->n_rows);
      json_builder_set_member_name (b, "columns");
      json_builder_add_int_value (b, dataset->columns->len);
      json_builder_set_member_name (b, "versions");
      json_builder_begin_array (b);
      for (guint n = 1; n <= mqlw_project_get_n_versions (project); n++)
        {
          const MqlwModelVersion *v = mqlw_project_get_version (project, n);
          g_autofree char *time = g_date_time_format_iso8601 (v->created);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "number");
          json_builder_add_int_value (b, v->number);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, v->model != NULL && v->model->name != NULL ? v->model->name : "");
          json_builder_set_member_name (b, "threshold");
          if (v->model != NULL)
            json_builder_add_double_value (b, v->model->threshold);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "damage");
          if (v->damage != NULL)
            json_builder_add_string_value (b, v->damage);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "saved");
          json_builder_add_string_value (b, time);
          json_builder_set_member_name (b, "author");
          json_builder_add_string_value (b, v->author);
          json_builder_set_member_name (b, "comment");
          json_builder_add_string_value (b, v->comment);
          json_builder_set_member_name (b, "signed");
          json_builder_add_boolean_value (b, v->signoff != NULL);
          if (v->signoff != NULL)
            {
              json_builder_set_member_name (b, "digest");
              json_builder_add_string_value (b, v->signoff->digest);
              json_builder_set_member_name (b, "key_signatures");
              json_builder_begin_array (b);
              for (guint i = 0; i < v->signoff->signatures->len; i++)
                {
                  const MqlwSignature *s = g_ptr_array_index (v->signoff->signatures, i);

                  json_builder_begin_object (b);
                  json_builder_set_member_name (b, "name");
                  json_builder_add_string_value (b, s->name);
                  json_builder_set_member_name (b, "team");
                  json_builder_add_string_value (b, mqlw_team_to_string (s->team));
                  json_builder_set_member_name (b, "fingerprint");
                  json_builder_add_string_value (b, s->fingerprint);
                  json_builder_set_member_name (b, "signed_at");
                  json_builder_add_string_value (b, s->signed_at);
                  json_builder_end_object (b);
                }
              json_builder_end_array (b);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "scenarios");
      json_builder_begin_array (b);
      for (guint i = 0; i < scenarios->len; i++)
        json_builder_add_string_value (b, ((MqlwScenario *) g_ptr_array_index (scenarios, i))->name);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "exports");
      json_builder_add_int_value (b, exports->len);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      mqlw_print_json (root);
      return MQLW_EXIT_OK;
    }

  g_print ("%s: %s\n", _("Project"), inv.rest[0]);
  g_print ("%s: %s, %u %s, ", _("Data"), dataset->source_name, dataset->n_rows, g_dngettext (NULL, "lead", "leads", dataset->n_rows));
  g_print (g_dngettext (NULL, "%u column\n", "%u columns\n", dataset->columns->len), dataset->columns->len);
  if (dataset->source_sha256 != NULL)
    g_print ("%s: %s\n", _("SHA-256"), dataset->source_sha256);
  g_print ("\n%s (%u)\n", _("Model versions"), mqlw_project_get_n_versions (project));
  for (guint n = 1; n <= mqlw_project_get_n_versions (project); n++)
    {
      const MqlwModelVersion *v = mqlw_project_get_version (project, n);
      g_autofree char *time = g_date_time_format (v->created, "%Y-%m-%d %H:%M");

      g_autofree char *threshold = v->model != NULL ? mqlw_text_score (v->model->threshold) : NULL;

      if (v->model != NULL)
        g_print ("  %2u  %-28s %s %s  %s UTC  %s%s%s\n", v->number, v->model->name != NULL ? v->model->name : "",
                 _("threshold"), threshold, time, v->author, *v->comment ? " — " : "", v->comment);
      else
        g_print ("  %2u  %-28s %s UTC  %s%s%s\n", v->number, _("(damaged: cannot be read)"), time, v->author,
                 *v->comment ? " — " : "", v->comment);
      if (v->signoff != NULL)
        {
          g_autoptr(GString) names = g_string_new (NULL);
          g_autofree char *review = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&v->signoff->review_on),
                                                     g_date_get_month (&v->signoff->review_on),
                                                     g_date_get_day (&v->signoff->review_on));
          for (guint i = 0; i < v->signoff->approvers->len; i++)
            {
              const MqlwApprover *a = g_ptr_array_index (v->signoff->approvers, i);
              g_string_append_printf (names, "%s%s (%s)", i > 0 ? ", " : "", a->name, mqlw_team_to_string (a->team));
            }
          g_print ("      %s %s; %s %s\n      %s %s\n", _("signed off by"), names->str, _("review by"), review,
                   _("digest"), v->signoff->digest);
          for (guint i = 0; i < v->signoff->signatures->len; i++)
            {
              const MqlwSignature *s = g_ptr_array_index (v->signoff->signatures, i);
              g_print (_("      key signature: %s (%s), %s, %s\n"), s->name, mqlw_team_to_string (s->team),
                       s->fingerprint, s->signed_at);
            }
        }
    }
  g_print ("\n%s (%u)\n", _("Scenarios"), scenarios->len);
  for (guint i = 0; i < scenarios->len; i++)
    {
      const MqlwScenario *s = g_ptr_array_index (scenarios, i);
      g_autofree char *threshold = mqlw_text_score (s->model->threshold);

      g_print ("  %s  (%s %s)\n", s->name, _("threshold"), threshold);
    }
  g_print ("\n%s (%u)\n", _("Exports"), exports->len);
  for (guint i = 0; i < exports->len; i++)
    {
      const MqlwExportRecord *e = g_ptr_array_index (exports, i);
      g_autofree char *time = g_date_time_format (e->at, "%Y-%m-%d %H:%M");
      g_print ("  %s UTC  %-8s %s\n", time, e->kind, e->path);
    }
  return MQLW_EXIT_OK;
}

/* ---- project sign ------------------------------------------------------ */

static int
project_sign (int    argc,
              char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwProject) project = NULL;
  g_autoptr(GPtrArray) approvers = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_approver_free);
  g_auto(GStrv) approver_texts = NULL, key_paths = NULL, signers = NULL;
  g_autofree char *notes = NULL, *date_text = NULL, *review_text = NULL, *passphrase_file = NULL, *passphrase = NULL;
  g_autofree char *buckets = NULL, *spec_text = NULL;
  g_autoptr(MqlwBucketSpec) spec = NULL;
  gint version = 0;
  GDate date, review;
  MqlwSignoff *signoff;
  guint n_keys;
  GOptionEntry entries[] = {
    { "approver", 'a', 0, G_OPTION_ARG_STRING_ARRAY, &approver_texts,
      N_("An approver: name, role and team (marketing or sales); repeat for each. Both teams must sign"),
      N_("NAME|ROLE|TEAM") },
    { "notes", 'n', 0, G_OPTION_ARG_STRING, &notes, N_("Notes: exceptions, conditions, what was agreed"), N_("TEXT") },
    { "version", 0, 0, G_OPTION_ARG_INT, &version, N_("The model version to sign (default: the current one)"), N_("N") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("Date of the sign-off (default: today)"), N_("YYYY-MM-DD") },
    { "review", 0, 0, G_OPTION_ARG_STRING, &review_text, N_("Review date (default: three months later)"), N_("YYYY-MM-DD") },
    { "buckets", 'b', 0, G_OPTION_ARG_STRING, &buckets,
      N_("The bucket scheme the signed figures use: auto, width:10, edges:0,31,51,71 or quantiles:5 (default auto)"),
      N_("SCHEME") },
    { "key", 'k', 0, G_OPTION_ARG_FILENAME_ARRAY, &key_paths,
      N_("Sign with this OpenSSH Ed25519 key (default: your personal signing key, made on first use); repeat with --as "
         "for each approver signing here"), N_("KEY") },
    { "as", 0, 0, G_OPTION_ARG_STRING_ARRAY, &signers,
      N_("The approver the key belongs to (default: the first approver)"), N_("NAME") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the key's passphrase from the first line of this file"), N_("FILE") },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("PROJECT.mqlw"),
                        _("Sign off the current model version: both marketing and sales leadership agree to it. The version\n"
                          "is frozen; the sign-off records the model, threshold, capacity, data digest, figures, approvers,\n"
                          "notes and dates, and the approver at this keyboard signs it with their key (Ed25519, OpenSSH's\n"
                          "SSHSIG). The others sign later with mqlw sign, on the export or the project."),
                        _(exit_text), entries, FALSE, FALSE, FALSE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, _("project (PROJECT.mqlw)"), &error) ||
      (spec = mqlw_parse_buckets (buckets, &error)) == NULL)
    return mqlw_report_error (error);
  spec_text = mqlw_bucket_spec_to_string (spec);
  g_date_clear (&date, 1);
  g_date_clear (&review, 1);
  if ((date_text != NULL && !parse_date_option ("--date", date_text, &date, &error)) ||
      (review_text != NULL && !parse_date_option ("--review", review_text, &review, &error)))
    return mqlw_report_error (error);
  if (version < 0)
    {
      g_printerr ("mqlw: %s\n", _("--version must be a version number"));
      return MQLW_EXIT_USAGE;
    }
  for (guint i = 0; approver_texts != NULL && approver_texts[i] != NULL; i++)
    {
      MqlwApprover *approver = mqlw_approver_parse (approver_texts[i], &error);
      if (approver == NULL)
        {
          g_printerr ("mqlw: --approver: %s\n", error->message);
          return MQLW_EXIT_USAGE;
        }
      g_ptr_array_add (approvers, approver);
    }

  n_keys = key_paths != NULL ? g_strv_length (key_paths) : 0;
  if (signers != NULL && g_strv_length (signers) != MAX (n_keys, 1))
    {
      g_printerr ("mqlw: %s\n", _("give one --as NAME for each --key"));
      return MQLW_EXIT_USAGE;
    }
  if (passphrase_file != NULL && (passphrase = mqlw_cli_read_passphrase (passphrase_file, &error)) == NULL)
    return mqlw_report_error (error);

  project = mqlw_open_project (inv.rest[0], TRUE, &error);
  if (project == NULL)
    return mqlw_report_error (error);
  signoff = mqlw_project_sign (project, (guint) version, approvers, notes, &date, &review, spec_text, NULL, &error);
  if (signoff == NULL)
    return mqlw_report_error (error);
  /* The approvers at this keyboard sign with their keys; nothing is saved
   * unless every one of them could. */
  for (guint i = 0; i < MAX (n_keys, 1); i++)
    {
      const char *name = signers != NULL ? signers[i] : ((MqlwApprover *) g_ptr_array_index (signoff->approvers, 0))->name;
      const MqlwApprover *approver = NULL;
      g_autoptr(MqlwSigningKey) key = NULL;

      for (guint a = 0; a < signoff->approvers->len && approver == NULL; a++)
        if (g_str_equal (((MqlwApprover *) g_ptr_array_index (signoff->approvers, a))->name, name))
          approver = g_ptr_array_index (signoff->approvers, a);
      if (approver == NULL)
        {
          g_printerr (_("mqlw: --as “%s” is none of the approvers\n"), name);
          return MQLW_EXIT_USAGE;
        }
      key = mqlw_cli_signing_key (key_paths != NULL ? key_paths[i] : NULL, approver->name, passphrase, &error);
      if (key == NULL ||
          mqlw_signoff_add_signature (signoff, key, approver->name, approver->team, passphrase, NULL, NULL, &error) == NULL)
        return mqlw_cli_report_sign_error (error);
    }
  if (!mqlw_project_save (project, NULL, NULL, NULL, &error))
    return mqlw_report_error (error);
  g_print (_("Signed off version %u of %s\nDigest: %s\n"), signoff->version, inv.rest[0], signoff->digest);
  mqlw_cli_print_signatures (signoff, inv.rest[0]);
  return MQLW_EXIT_OK;
}

int
mqlw_command_project (int    argc,
                      char **argv)
{
  static const struct {
    const char *name;
    const char *summary;
    int (*run) (int, char **);
  } subcommands[] = {
    { "create", N_("Create a project from a lead history (and a model)"), project_create },
    { "info", N_("Show the data, model versions, sign-offs, scenarios and exports"), project_info },
    { "sign", N_("Sign off the current model version (marketing and sales)"), project_sign },
    { "set-model", N_("Save an edited model as the current version"), project_set_model },
    { "trust", N_("The approver cards (keys) the project trusts: list, add, remove"), mqlw_command_project_trust },
  };

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
      if (g_str_equal (argv[1], subcommands[i].name))
        {
          g_autofree char *name = g_strdup_printf ("project %s", argv[1]);
          g_autofree char *prgname = g_strdup_printf ("mqlw %s", name);
          char *saved = argv[1];
          int status;

          g_set_prgname (prgname);
          argv[1] = name;
          status = subcommands[i].run (argc - 1, argv + 1);
          argv[1] = saved;
          return status;
        }

  if (argc >= 2 && !g_str_equal (argv[1], "--help") && !g_str_equal (argv[1], "-h"))
    g_printerr (_("mqlw: unknown project command “%s”\n\n"), argv[1]);
  {
    FILE *stream = argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")) ? stdout : stderr;
    fprintf (stream, "%s\n\n", _("Usage: mqlw project COMMAND [OPTION…] PROJECT.mqlw"));
    for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
      fprintf (stream, "  %-10s %s\n", subcommands[i].name, _(subcommands[i].summary));
    fprintf (stream, "\n%s\n", _("Run “mqlw project COMMAND --help” for its options."));
    return stream == stdout ? MQLW_EXIT_OK : MQLW_EXIT_USAGE;
  }
}

/* ---- export ------------------------------------------------------------ */

static MqlwScoring *
score_project (MqlwProject  *project,
               double        months,
               GError      **error)
{
  MqlwScoring *scoring;
  MqlwModel *model = mqlw_project_get_model (project);
  MqlwDataset *dataset = mqlw_project_get_dataset (project);

  if (model == NULL && mqlw_project_get_head (project) != NULL)
    {
      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_DAMAGED, "%s",
                   mqlw_project_get_head (project)->damage);
      return NULL;
    }
  if (model == NULL)
    {
      g_set_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_NOT_FOUND,
                   _("the project has no model yet: add one with mqlw project set-model"));
      return NULL;
    }
  scoring = mqlw_scoring_new (dataset, model, MQLW_SCORING_NONE, NULL, error);
  if (scoring != NULL && !isnan (months))
    mqlw_scoring_set_months (scoring, months);
  return scoring;
}

/* --months when given, else the period stated in the project (NAN: none). */
static gboolean
choose_months (MqlwProject  *project,
               const char   *text,
               double       *months,
               GError      **error)
{
  *months = mqlw_project_get_months (project);
  return text == NULL || mqlw_parse_months (text, months, error);
}

int
mqlw_command_export (int    argc,
                     char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwProject) project = NULL;
  g_autoptr(MqlwScoring) scoring = NULL;
  g_autofree char *what = NULL, *output = NULL, *buckets = NULL;
  g_autofree char *dialect = NULL, *table_name = NULL, *map_path = NULL;
  int sample_size = 0;
  g_autofree char *cuts_text = NULL, *verdict_stage = NULL, *months_text = NULL;
  g_autoptr(MqlwBucketSpec) spec = NULL;
  const MqlwModelVersion *head;
  MqlwVerdictCuts cuts;
  guint version;
  MqlwSqlQuery query;
  int min_known = -1;
  double months;
  GOptionEntry entries[] = {
    { "what", 'w', 0, G_OPTION_ARG_STRING, &what,
      N_("What to export: model (the agreed model JSON), buckets (CSV), sweep (CSV), chart (PNG, SVG, PDF), "
         "or for a warehouse sql (every lead's score), sql-aggregate (the calibration aggregate) or "
         "sql-sample (a stratified sample of leads)"),
      N_("WHAT") },
    { "dialect", 0, 0, G_OPTION_ARG_STRING, &dialect,
      N_("The warehouse's SQL: sqlite, duckdb, postgres, bigquery, snowflake or spark"), N_("DIALECT") },
    { "table", 0, 0, G_OPTION_ARG_STRING, &table_name,
      N_("The table the query reads (default leads; schema.table allowed)"), N_("NAME") },
    { "map", 0, 0, G_OPTION_ARG_FILENAME, &map_path,
      N_("The table's columns, types and roles (mqlw inspect --write-map); needed for a model file"), N_("MAP.json") },
    { "sample-size", 0, 0, G_OPTION_ARG_INT, &sample_size,
      N_("About how many leads sql-sample returns (default 100000)"), N_("LEADS") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), N_("FILE") },
    { "buckets", 'b', 0, G_OPTION_ARG_STRING, &buckets,
      N_("Score buckets for buckets and chart: auto, width:10, edges:0,31,51,71 or quantiles:5 (default auto)"),
      N_("SCHEME") },
    { "verdict-cuts", 0, 0, G_OPTION_ARG_STRING, &cuts_text,
      N_("Rates at which a bucket becomes Marginal, Good and Hot (default 10,30,50)"), N_("M,G,H") },
    { "verdict-stage", 0, 0, G_OPTION_ARG_STRING, &verdict_stage,
      N_("Stage whose rate gives the verdict: auto, accepted, sql, opportunity or won (default auto)"), N_("STAGE") },
    { "min-known", 0, 0, G_OPTION_ARG_INT, &min_known,
      N_("Known outcomes a bucket needs for a verdict (default 30)"), N_("N") },
    { "months", 0, 0, G_OPTION_ARG_STRING, &months_text,
      N_("Months of history the data covers (default: the project's, else the created dates)"), N_("N") },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("PROJECT.mqlw|MODEL.json"),
                        _("Export from a project: the agreed model (its latest sign-off) as JSON, the bucket table or the\n"
                          "threshold sweep as CSV, or the chart as PNG, SVG or PDF (by the file name). The export is\n"
                          "recorded in the project's export log.\n"
                          "For a warehouse, from a project, an agreed-model export or a model file (with --map): one SQL\n"
                          "query that scores every lead of --table as the workbench does (sql), returns the calibration\n"
                          "aggregate that mqlw calibrate --aggregate reads (sql-aggregate), or a stratified sample of\n"
                          "leads for the what-if (sql-sample); written to --output or standard output."),
                        _(exit_text), entries, FALSE, FALSE, FALSE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, _("project (PROJECT.mqlw)"), &error) ||
      (spec = mqlw_parse_buckets (buckets, &error)) == NULL ||
      !mqlw_parse_verdict_cuts (cuts_text, verdict_stage, min_known, &cuts, &error))
    return mqlw_report_error (error);
  if (what != NULL && mqlw_sql_query_from_string (what, &query))
    return mqlw_export_sql (inv.rest[0], what, dialect, table_name, map_path, sample_size, output);
  if (dialect != NULL || table_name != NULL || map_path != NULL || sample_size != 0)
    {
      g_printerr ("mqlw: %s\n", _("--dialect, --table, --map and --sample-size go with --what sql, sql-aggregate or sql-sample"));
      return MQLW_EXIT_USAGE;
    }
  if (what == NULL || output == NULL)
    {
      g_printerr ("mqlw: %s\n", _("say what to export and where: --what model|buckets|sweep|chart --output FILE"));
      return MQLW_EXIT_USAGE;
    }
  if (!g_str_equal (what, "model") && !g_str_equal (what, "buckets") && !g_str_equal (what, "sweep") &&
      !g_str_equal (what, "chart"))
    {
      g_printerr (_("mqlw: --what must be model, buckets, sweep, chart, sql, sql-aggregate or sql-sample, not “%s”\n"),
                  what);
      return MQLW_EXIT_USAGE;
    }

  project = mqlw_open_project (inv.rest[0], TRUE, &error);
  if (project == NULL || !mqlw_safe_write_check (output, &error))
    return mqlw_report_error (error);
  head = mqlw_project_get_head (project);
  version = head != NULL ? head->number : 0;

  if (g_str_equal (what, "model"))
    {
      MqlwSignoff *signoff = mqlw_project_get_latest_signoff (project);

      if (signoff == NULL)
        {
          g_printerr (_("mqlw: %s has no sign-off yet; sign the model first (mqlw project sign)\n"), inv.rest[0]);
          return MQLW_EXIT_DATA;
        }
      if (!mqlw_signoff_export (signoff, output, &error))
        return mqlw_report_error (error);
      if (head != NULL && head->signoff != signoff)
        g_printerr (_("mqlw: note: exported signed version %u; the current version %u is a draft\n"),
                    signoff->version, head->number);
      version = signoff->version;
    }
  else
    {
      MqlwModel *model;
      MqlwCalibration *calibration;
      g_autofree char *text = NULL;

      if (!choose_months (project, months_text, &months, &error) ||
          !(scoring = score_project (project, months, &error)))
        return mqlw_report_error (error);
      model = mqlw_project_get_model (project);
      calibration = mqlw_scoring_get_calibration (scoring);
      if (g_str_equal (what, "sweep"))
        {
          g_autoptr(GArray) sweep = NULL;
          double min, max, step, raw, magnitude, nice;

          mqlw_calibration_score_range (calibration, &min, &max);
          /* The same default range as mqlw sweep: about 50 round steps. */
          raw = MAX ((ceil (max) - floor (min)) / 50.0, 1.0);
          magnitude = pow (10.0, floor (log10 (raw)));
          nice = raw / magnitude;
          step = (nice <= 1 ? 1 : nice <= 2 ? 2 : nice <= 5 ? 5 : 10) * magnitude;
          sweep = mqlw_calibration_sweep (calibration, floor (min), ceil (max), step, model->capacity_per_month);
          text = mqlw_export_previews_csv ((const MqlwPreview *) (void *) sweep->data, sweep->len);
          if (!mqlw_export_write_file (output, text, -1, &error))
            return mqlw_report_error (error);
        }
      else
        {
          g_autoptr(MqlwBucketTable) table = mqlw_scoring_buckets (scoring, spec, &cuts, &error);

          if (table == NULL)
            return mqlw_report_error (error);
          if (g_str_equal (what, "buckets"))
            {
              text = mqlw_export_buckets_csv (table);
              if (!mqlw_export_write_file (output, text, -1, &error))
                return mqlw_report_error (error);
            }
          else
            {
              MqlwChartFormat format;
              MqlwChartStyle style;

              if (!mqlw_chart_format_from_name (output, &format))
                {
                  g_printerr (_("mqlw: the chart is written as .png, .svg or .pdf, not “%s”\n"), output);
                  return MQLW_EXIT_USAGE;
                }
              mqlw_chart_style_init (&style);
              if (!mqlw_chart_export (output, format, 1200, 640, table, model->threshold, &style, &error))
                return mqlw_report_error (error);
            }
        }
    }

  log_export (project, what, output, version);
  return MQLW_EXIT_OK;
}

/* ---- report ------------------------------------------------------------ */

int
mqlw_command_report (int    argc,
                     char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwProject) project = NULL;
  g_autoptr(MqlwReport) report = NULL;
  g_autofree char *output = NULL, *buckets = NULL, *cuts_text = NULL, *verdict_stage = NULL, *months_text = NULL;
  g_autoptr(MqlwBucketSpec) spec = NULL;
  gint version = 0;
  int min_known = -1;
  const MqlwModelVersion *v;
  MqlwReportFormat format;
  MqlwReportOptions options;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write: .pdf or .md (Markdown)"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_INT, &version, N_("The model version (default: the current one)"), N_("N") },
    { "buckets", 'b', 0, G_OPTION_ARG_STRING, &buckets,
      N_("Score buckets: auto, width:10, edges:0,31,51,71 or quantiles:5 (default: the sign-off's, else auto)"),
      N_("SCHEME") },
    { "verdict-cuts", 0, 0, G_OPTION_ARG_STRING, &cuts_text,
      N_("Rates at which a bucket becomes Marginal, Good and Hot (default 10,30,50)"), N_("M,G,H") },
    { "verdict-stage", 0, 0, G_OPTION_ARG_STRING, &verdict_stage,
      N_("Stage whose rate gives the verdict: auto, accepted, sql, opportunity or won (default auto)"), N_("STAGE") },
    { "min-known", 0, 0, G_OPTION_ARG_INT, &min_known,
      N_("Known outcomes a bucket needs for a verdict (default 30)"), N_("N") },
    { "months", 0, 0, G_OPTION_ARG_STRING, &months_text,
      N_("Months of history the data covers (default: the project's, else the created dates)"), N_("N") },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("PROJECT.mqlw"),
                        _("Write the MQL definition both teams reference: the data, the chart, the bucket table, every\n"
                          "criterion in plain language, the paths and disqualifiers, the threshold and why, volume against\n"
                          "capacity, the sign-off, and how to enter the model in HubSpot, Marketo, Account Engagement\n"
                          "(Pardot) and Mautic. PDF, or Markdown with the chart as a PNG next to it."),
                        _(exit_text), entries, FALSE, FALSE, FALSE);
  mqlw_report_options_init (&options);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, _("project (PROJECT.mqlw)"), &error) ||
      (buckets != NULL && (spec = mqlw_parse_buckets (buckets, &error)) == NULL) ||
      !mqlw_parse_verdict_cuts (cuts_text, verdict_stage, min_known, &options.cuts, &error))
    return mqlw_report_error (error);
  options.buckets = spec;
  if (output == NULL)
    {
      g_printerr ("mqlw: %s\n", _("say where to write it: --output definition.pdf (or .md)"));
      return MQLW_EXIT_USAGE;
    }
  if (!mqlw_report_format_from_name (output, &format))
    {
      g_printerr (_("mqlw: the written definition is a .pdf or a .md file, not “%s”\n"), output);
      return MQLW_EXIT_USAGE;
    }
  project = mqlw_open_project (inv.rest[0], TRUE, &error);
  if (project == NULL || !mqlw_safe_write_check (output, &error) ||
      !choose_months (project, months_text, &options.months, &error))
    return mqlw_report_error (error);
  v = version > 0 ? mqlw_project_get_version (project, (guint) version) : mqlw_project_get_head (project);
  if (v == NULL)
    {
      if (version > 0)
        g_printerr (_("mqlw: %s has no model version %d\n"), inv.rest[0], version);
      else
        g_printerr (_("mqlw: %s has no model yet: add one with mqlw project set-model\n"), inv.rest[0]);
      return MQLW_EXIT_DATA;
    }
  if (v->model == NULL)
    {
      g_printerr ("mqlw: %s\n", v->damage);
      return MQLW_EXIT_DATA;
    }
  report = mqlw_report_new_full (mqlw_project_get_dataset (project), v->model, v->signoff, v->number, &options, &error);
  if (report == NULL || !mqlw_report_write (report, output, &error))
    return mqlw_report_error (error);
  log_export (project, "report", output, v->number);
  return MQLW_EXIT_OK;
}

/* ---- verify ------------------------------------------------------------ */

static const char *
status_name (MqlwSignatureStatus status)
{
  return status == MQLW_SIGNATURE_TRUSTED ? "trusted" : status == MQLW_SIGNATURE_UNKNOWN_KEY ? "unknown-key" : "invalid";
}

static void
print_verify_json (const MqlwVerifyResult *result,
                   gboolean                ok)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "ok");
  json_builder_add_boolean_value (b, ok);
  json_builder_set_member_name (b, "changed");
  json_builder_begin_array (b);
  for (guint p = 0; p < MQLW_SIGNOFF_N_PARTS; p++)
    if (result->changed & (1u << p))
      json_builder_add_string_value (b, mqlw_signoff_part_to_string (p));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "digest_ok");
  json_builder_add_boolean_value (b, result->digest_ok);
  json_builder_set_member_name (b, "unknown_members");
  json_builder_begin_array (b);
  for (guint i = 0; i < result->unknown_members->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (result->unknown_members, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "format_version");
  json_builder_add_int_value (b, result->format_version);
  json_builder_set_member_name (b, "signed_with_keys");
  json_builder_add_boolean_value (b, result->format_version >= 2 && result->signatures->len > 0);
  json_builder_set_member_name (b, "trust_checked");
  json_builder_add_boolean_value (b, result->trust_checked);
  json_builder_set_member_name (b, "signed_off");
  json_builder_add_boolean_value (b, mqlw_verify_result_signed_off (result));
  json_builder_set_member_name (b, "signatures");
  json_builder_begin_array (b);
  for (guint i = 0; i < result->signatures->len; i++)
    {
      const MqlwSignatureCheck *check = g_ptr_array_index (result->signatures, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, check->name);
      json_builder_set_member_name (b, "team");
      if (check->team != 0)
        json_builder_add_string_value (b, mqlw_team_to_string (check->team));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "fingerprint");
      json_builder_add_string_value (b, check->fingerprint != NULL ? check->fingerprint : "");
      json_builder_set_member_name (b, "signed_at");
      json_builder_add_string_value (b, check->signed_at != NULL ? check->signed_at : "");
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, status_name (check->status));
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, check->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (result->data_checked)
    {
      json_builder_set_member_name (b, "data_same_file");
      json_builder_add_boolean_value (b, result->data_same_file);
      json_builder_set_member_name (b, "data_metrics_match");
      json_builder_add_boolean_value (b, result->data_metrics_match);
    }
  json_builder_set_member_name (b, "messages");
  json_builder_begin_array (b);
  for (guint i = 0; i < result->messages->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (result->messages, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  mqlw_print_json (root);
}

static gboolean
has_invalid_signature (const MqlwVerifyResult *result)
{
  for (guint i = 0; i < result->signatures->len; i++)
    if (((MqlwSignatureCheck *) g_ptr_array_index (result->signatures, i))->status == MQLW_SIGNATURE_INVALID)
      return TRUE;
  return FALSE;
}

static void
print_verify_text (const char             *file,
                   const char             *data,
                   const MqlwVerifyResult *result,
                   const MqlwSignoff      *signoff,
                   gboolean                ok)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; signoff != NULL && i < signoff->approvers->len; i++)
    {
      const MqlwApprover *a = g_ptr_array_index (signoff->approvers, i);
      g_string_append_printf (names, "%s%s (%s)", i > 0 ? ", " : "", a->name, mqlw_team_to_string (a->team));
    }
  if (result->changed != 0 || !result->digest_ok || result->unknown_members->len > 0 || has_invalid_signature (result))
    g_print (_("CHANGED: %s was edited after sign-off\n"), file);
  else if (mqlw_verify_result_signed_off (result))
    g_print (_("OK: %s is signed off by %s, with trusted keys\nDigest: %s\n"), file, names->str,
             signoff != NULL ? signoff->digest : "");
  else if (ok && !result->trust_checked)
    g_print (_("SIGNERS NOT CHECKED: %s is unchanged since export and its signatures are intact, but whose keys"
               " signed it was not checked (no --allowed-signers): it is not shown to be signed off by %s\n"
               "Digest: %s\n"), file, names->str, signoff != NULL ? signoff->digest : "");
  else if (ok)
    g_print (_("OK: %s is as signed off by %s\nDigest: %s\n"), file, names->str, signoff != NULL ? signoff->digest : "");
  else
    g_print (_("NOT SIGNED OFF: %s is unchanged, but not signed with trusted keys by both teams\n"), file);
  if (result->data_checked && !result->data_metrics_match)
    g_print (_("MISMATCH: the figures recomputed from %s no longer match the signed figures\n"), data);
  for (guint i = 0; i < result->messages->len; i++)
    g_print ("  %s\n", (const char *) g_ptr_array_index (result->messages, i));
}

/* --payload NAME / --signature NAME: the bytes to hand to ssh-keygen -Y verify. */
static int
extract (const char *file,
         const char *contents,
         gsize       length,
         const char *payload_name,
         const char *signature_name)
{
  g_autoptr(GError) error = NULL;

  if (payload_name != NULL)
    {
      g_autoptr(GBytes) payload = mqlw_signoff_payload (contents, (gssize) length, payload_name, &error);

      if (payload == NULL)
        {
          g_printerr ("mqlw: %s: %s\n", file, error->message);
          return MQLW_EXIT_DATA;
        }
      fwrite (g_bytes_get_data (payload, NULL), 1, g_bytes_get_size (payload), stdout);
      return MQLW_EXIT_OK;
    }
  {
    g_autoptr(MqlwSignoff) signoff = mqlw_signoff_from_json (contents, (gssize) length, &error);
    const MqlwSignature *signature = signoff != NULL ? mqlw_signoff_find_signature (signoff, signature_name) : NULL;

    if (signoff == NULL)
      {
        g_printerr ("mqlw: %s: %s\n", file, error->message);
        return MQLW_EXIT_DATA;
      }
    if (signature == NULL)
      {
        g_printerr (_("mqlw: %s holds no signature by “%s”\n"), file, signature_name);
        return MQLW_EXIT_DATA;
      }
    fputs (signature->signature, stdout);
    return MQLW_EXIT_OK;
  }
}

int
mqlw_command_verify (int    argc,
                     char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(MqlwVerifyResult) result = NULL;
  g_autoptr(MqlwSignoff) signoff = NULL;
  g_autofree char *data = NULL, *format = NULL, *allowed = NULL;
  g_autofree char *payload_name = NULL, *signature_name = NULL, *sql_path = NULL;
  g_auto(GStrv) allowed_paths = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *contents;
  gsize length = 0;
  gboolean ok;
  GOptionEntry entries[] = {
    { "sql", 0, 0, G_OPTION_ARG_FILENAME, &sql_path,
      N_("Also check that this query file is one of the agreed model's warehouse queries (its SHA-256 is signed)"),
      N_("QUERY.sql") },
    { "allowed-signers", 's', 0, G_OPTION_ARG_FILENAME_ARRAY, &allowed_paths,
      N_("Whose key is whose: an allowed_signers file (git's format) or a project's trusted cards; repeatable. "
         "Then OK needs trusted signatures from both teams"), N_("FILE") },
    { "data", 'd', 0, G_OPTION_ARG_FILENAME, &data,
      N_("Also recompute the figures from this lead history (CSV or project) and compare"), N_("FILE") },
    { "payload", 0, 0, G_OPTION_ARG_STRING, &payload_name,
      N_("Write the exact bytes NAME's signature covers to standard output (for ssh-keygen -Y verify)"), N_("NAME") },
    { "signature", 0, 0, G_OPTION_ARG_STRING, &signature_name,
      N_("Write NAME's signature (SSHSIG) to standard output"), N_("NAME") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), N_("FORMAT") },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("AGREED-MODEL.json"),
                        _("Check an agreed-model export: every key signature (valid and trusted, valid but unknown key, or\n"
                          "invalid), both teams' presence, and exactly which part changed after sign-off (model, threshold,\n"
                          "capacity, dataset digest, metrics, approvers, notes, dates, project version). Without\n"
                          "--allowed-signers it is the quick check: unchanged since export, signatures intact."),
                        _("Exit status: 0 signed off (every signature valid and trusted, marketing and sales present),\n"
                          "1 usage error, 2 data error, 3 otherwise (changed after sign-off, a signature invalid,\n"
                          "untrusted or missing, or, with --data, figures that no longer match), 4 unchanged with\n"
                          "intact signatures, but without --allowed-signers whose keys signed was not checked."),
                        entries, TRUE, FALSE, FALSE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, _("agreed-model export to check (JSON)"), &error))
    return mqlw_report_error (error);
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    {
      g_printerr (_("mqlw: --format must be text or json, not “%s”\n"), format);
      return MQLW_EXIT_USAGE;
    }
  if (payload_name != NULL && signature_name != NULL)
    {
      g_printerr ("mqlw: %s\n", _("--payload and --signature write one thing each: give one of them"));
      return MQLW_EXIT_USAGE;
    }
  mqlw_protect_input (inv.rest[0]);
  mqlw_protect_input (data);
  if (!mqlw_claim_stdin (inv.rest[0], _("the agreed-model export"), &error)
      || (bytes = mqlw_read_small_file (inv.rest[0], MQLW_JSON_MAX_BYTES, &error)) == NULL)
    return mqlw_report_error (error);
  contents = g_bytes_get_data (bytes, &length);
  if (contents == NULL)
    contents = "";
  if (payload_name != NULL || signature_name != NULL)
    return extract (inv.rest[0], contents, length, payload_name, signature_name);
  if (allowed_paths != NULL && (allowed = mqlw_cli_allowed_signers (allowed_paths, &error)) == NULL)
    return mqlw_report_error (error);
  if (data != NULL && (dataset = mqlw_load_dataset (data, &inv.data, &error)) == NULL)
    return mqlw_report_error (error);
  if (!mqlw_signoff_verify_full (contents, (gssize) length, dataset, allowed, NULL, &result, &error))
    {
      g_printerr ("mqlw: %s: %s\n", g_str_equal (inv.rest[0], "-") ? "stdin" : inv.rest[0], error->message);
      return MQLW_EXIT_DATA;
    }
  signoff = mqlw_signoff_from_json (contents, (gssize) length, NULL);
  ok = mqlw_verify_result_ok (result);
  if (sql_path != NULL && signoff != NULL)
    {
      gboolean quiet = format != NULL && g_str_equal (format, "json");
      int status = mqlw_verify_sql (signoff, sql_path, quiet);

      if (status == MQLW_EXIT_USAGE || status == MQLW_EXIT_DATA)
        return status;
      ok = ok && status == MQLW_EXIT_OK;
    }

  if (format != NULL && g_str_equal (format, "json"))
    print_verify_json (result, ok);
  else
    print_verify_text (inv.rest[0], data, result, signoff, ok);
  /* Intact is not signed off: anyone can sign with a key of their own. */
  if (ok && !result->trust_checked)
    return MQLW_EXIT_UNTRUSTED;
  return ok ? MQLW_EXIT_OK : MQLW_EXIT_MISMATCH;
}
