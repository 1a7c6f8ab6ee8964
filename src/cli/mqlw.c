/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw — MQL Workbench on the command line: every calibration the window does,
 * scriptable. Exit 0 on success, 1 on usage errors, 2 on data errors. */
#define G_LOG_DOMAIN "mqlw-cli"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mqlw-cli.h"
#include "mqlw-commands.h"
#include "mqlw-text-table.h"

typedef struct {
  const char *name;
  const char *summary;
  int (*run) (int argc, char **argv);
} Command;

static const Command commands[] = {
  { "generate",  N_("Write a synthetic lead history (CSV)"), mqlw_command_generate },
  { "inspect",   N_("Show the columns, types, roles and problems of a lead history"), mqlw_command_inspect },
  { "calibrate", N_("Score buckets with acceptance, SQL, opportunity and win rates, and a threshold preview"), mqlw_command_calibrate },
  { "sweep",     N_("MQL volume and conversion across a range of thresholds"), mqlw_command_sweep },
  { "suggest",   N_("Suggested thresholds: target SQL rate, acceptance band, top 20–30 %, capacity"), mqlw_command_suggest },
  { "compare",   N_("A proposed model against a baseline: volumes, rates, swap-in and swap-out leads"), mqlw_command_compare },
  { "scenarios", N_("A project's scenarios side by side with its current model: volumes, rates, wins, swap sets"), mqlw_command_scenarios },
  { "evaluate",  N_("How good is the score: ROC AUC with its interval, gains and lift, reliability, Brier score"), mqlw_command_evaluate },
  { "suggest-weights", N_("Weights suggested by the data: each criterion's lift and a logistic regression, as points"), mqlw_command_suggest_weights },
  { "value",     N_("What the line is worth: revenue captured and missed, expected value per threshold, a month's forecast"), mqlw_command_value },
  { "maturity",  N_("Outcome maturity: time to each stage, rates per created-month cohort, the young ones flagged"), mqlw_command_maturity },
  { "segments",  N_("Does the picture hold in every segment: rates per value of a field, reversals, best thresholds"), mqlw_command_segments },
  { "backtest",  N_("Does it hold out of sample: the model and a tuned line judged on held-out leads"), mqlw_command_backtest },
  { "grid",      N_("Fit × engagement: each grade and behaviour band's leads and rates, the cells the rule selects"), mqlw_command_grid },
  { "score",     N_("Every lead's score, grade, MQL, path and disqualifier (to check a warehouse's scoring)"), mqlw_command_score },
  { "project",   N_("Projects: create, info, set-model, sign (the model both teams agree to)"), mqlw_command_project },
  { "export",    N_("Export the agreed model (JSON, or SQL for a warehouse), the bucket table or sweep (CSV), or the chart"), mqlw_command_export },
  { "report",    N_("Write the MQL definition as a PDF or Markdown document"), mqlw_command_report },
  { "sign",      N_("Add your key signature to an agreed model (JSON export or project)"), mqlw_command_sign },
  { "verify",    N_("Check an agreed-model export: its key signatures, trusted keys, and what changed"), mqlw_command_verify },
  { "key",       N_("Show your signing key and its approver card (or make the key)"), mqlw_command_key },
};

/* Errors and warnings name values from the user's files: a value holding an
 * escape sequence must show as text, not clear the screen or retitle the
 * terminal (mqlw_text_visible; a text table shows its cells this way too). */
static void
print_visible (const char *text)
{
  g_autofree char *visible = NULL;

  /* The progress line ("\rImporting…  42 %", then "\r\033[K" to clear it) is
   * ours, and starts with its carriage return; no message does. */
  if (text[0] == '\r')
    {
      fputs (text, stderr);
      return;
    }
  visible = mqlw_text_visible (text);
  fputs (visible, stderr);
}

/* Results printed for a person at a terminal the same way (a program reading
 * them through a pipe or a file gets every byte). */
static void
print_result (const char *text)
{
  if (isatty (STDOUT_FILENO))
    {
      g_autofree char *visible = mqlw_text_visible (text);

      fputs (visible, stdout);
    }
  else
    fputs (text, stdout);
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: mqlw COMMAND [OPTION…] FILE.csv|-"));
  fprintf (stream, "%s\n", _("Calibrate MQL scoring thresholds from historical lead outcomes."));
  fprintf (stream, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-15s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Run “mqlw COMMAND --help” for a command's options."));
  fprintf (stream, "%s\n", _("FILE may also be a project (PROJECT.mqlw): its data, and its current model unless\n"
                              "--model or --score-column is given."));
  fprintf (stream, "%s\n", _("Exit status: 0 success, 1 usage error, 2 data error, 3 verify mismatch."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("mqlw");
  /* Standard output carries the results (JSON, CSV, a query): GLib's debug
   * and info messages (G_MESSAGES_DEBUG=all) go to standard error with the rest. */
  g_log_writer_default_set_use_stderr (TRUE);
  g_set_printerr_handler (print_visible);
  g_set_print_handler (print_result);
  /* Under a file size limit (ulimit -f) a write past it fails with EFBIG,
   * which the writer reports and cleans up after, instead of killing us
   * with SIGXFSZ and leaving its temporary behind. */
  signal (SIGXFSZ, SIG_IGN);

  if (argc < 2)
    {
      print_usage (stderr);
      return MQLW_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return MQLW_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("mqlw %s\n", PACKAGE_VERSION);
      return MQLW_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        /* "Usage: mqlw calibrate [OPTION…] FILE" in each command's --help. */
        g_autofree char *prgname = g_strdup_printf ("mqlw %s", commands[i].name);
        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }

  g_printerr (_("mqlw: unknown command “%s”; run “mqlw --help” for the list of commands\n"), argv[1]);
  return MQLW_EXIT_USAGE;
}
