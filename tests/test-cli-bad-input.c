/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The hostile-input corpus through mqlw: the exit status, and the core's
 * message on standard error naming the file and the place. */
#define G_LOG_DOMAIN "mqlw-test-cli-bad-input"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "bad-input-cases.h"
#include "test-util.h"

static char *tmp_dir;

static void
run_mqlw (Run        *run,
          const char *stdin_text,
          ...)
{
  va_list args;

  va_start (args, stdin_text);
  run_mqlw_valist (run, NULL, stdin_text, args);
  va_end (args);
}

static char *
fixture (const char *dir,
         const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", dir, name, NULL);
}

static void
test_bad_case (gconstpointer data)
{
  const BadCase *bad = data;
  g_autofree char *path = bad_case_path (bad, tmp_dir);
  g_autofree char *name = bad_case_name (bad, path);
  g_autofree char *good = fixture ("cli", "scored.csv");
  g_autofree char *map = bad->map != NULL ? fixture ("bad", bad->map) : NULL;
  g_auto(Run) run = { 0 };

  switch (bad->kind)
    {
    case BAD_CSV:
      if (map != NULL)
        run_mqlw (&run, NULL, "calibrate", path, "--score-column", "score", "--map", map, NULL);
      else
        run_mqlw (&run, NULL, "calibrate", path, "--score-column", "score", NULL);
      break;
    case BAD_MAP:
      run_mqlw (&run, NULL, "inspect", good, "--map", path, NULL);
      break;
    case BAD_MODEL:
      run_mqlw (&run, NULL, "calibrate", good, "--model", path, NULL);
      break;
    case BAD_AGREED:
      run_mqlw (&run, NULL, "verify", path, NULL);
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_cmpint (run.status, ==, bad->exit_status);
  g_assert_true (g_str_has_prefix (run.err, "mqlw: "));
  if (strstr (run.err, bad->message) == NULL)
    g_error ("stderr '%s' lacks '%s'", run.err, bad->message);
  if (strstr (run.err, name) == NULL)
    g_error ("stderr '%s' does not name %s", run.err, name);
  g_assert_cmpstr (run.out, ==, "");
  if (bad->gen != GEN_NONE && bad->gen != GEN_FOLDER && bad->gen != GEN_DEV_NULL)
    g_remove (path);
}

/* --model - and verify - read standard input, as the manual says. */
static void
test_stdin_model_and_verify (void)
{
  g_autofree char *good = fixture ("cli", "scored.csv");
  g_autofree char *model_path = fixture ("models", "minimal.json");
  g_autofree char *model = NULL;
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_get_contents (model_path, &model, NULL, NULL));
  run_mqlw (&run, model, "calibrate", good, "--model", "-", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);

  run_mqlw (&run, "{\"format\": \"mql-workbench-agreed-model\",\n \"version\": 1,\n \"version\": 1}\n",
            "verify", "-", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "mqlw: stdin: "));
  g_assert_nonnull (strstr (run.err, "$.version: the key “version” appears twice"));

  /* Empty standard input (fuzz finding: an empty text in memory once added an offset to NULL). */
  run_mqlw (&run, "", "calibrate", "-", "--score-column", "score", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, "mqlw: stdin: the file is empty\n");

  /* Standard input cannot be both the history and the model. */
  run_mqlw (&run, model, "calibrate", "-", "--model", "-", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "standard input (-) can be read only once"));
}

/* A sweep beyond the limit is a usage error that names the limit. */
static void
test_sweep_limit (void)
{
  g_autofree char *good = fixture ("cli", "scored.csv");
  g_auto(Run) run = { 0 };

  run_mqlw (&run, NULL, "sweep", good, "--score-column", "score", "--from", "0", "--to", "100",
            "--step", "0.00001", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "has more than 1000000 thresholds"));
}

/* A warning names its line and column once. */
static void
test_warning_once (void)
{
  g_autofree char *quoted = fixture ("bad", "quoted-ragged.csv");
  g_autofree char *csv = g_build_filename (tmp_dir, "maybe.csv", NULL);
  g_auto(Run) run = { 0 };

  /* sql holds 'maybe' on line 3: the column is text, the lead's SQL outcome unknown */
  g_assert_true (g_file_set_contents (csv, "lead_id,score,sql\nL1,10,yes\nL2,20,maybe\nL3,30,no\n", -1, NULL));
  run_mqlw (&run, NULL, "calibrate", csv, "--score-column", "score", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "mqlw: warning: maybe.csv: line 3, column sql: 'maybe' is not a yes/no value"));
  g_assert_null (strstr (strstr (run.err, "line 3, column sql") + 1, "line 3, column sql"));
  g_remove (csv);
}

/* Nothing is lost or silently changed: a model with an infinite number is
 * refused by set-model (the project stays as it was and opens), an export
 * over the project it reads and a project written over a device are refused,
 * and an infinite number on the command line is no number. */
static void
test_no_silent_loss (void)
{
  g_autofree char *good = fixture ("cli", "scored.csv");
  g_autofree char *model = g_build_filename (tmp_dir, "m.json", NULL);
  g_autofree char *infinite = g_build_filename (tmp_dir, "infinite.json", NULL);
  g_autofree char *project = g_build_filename (tmp_dir, "p.mqlw", NULL);
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len, after_len;
  GStatBuf st;
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (model, "{\"format\": \"mql-workbench-model\", \"version\": 1, \"name\": \"m\","
                                      " \"score_column\": \"score\", \"threshold\": 50}", -1, NULL));
  g_assert_true (g_file_set_contents (infinite, "{\"format\": \"mql-workbench-model\", \"version\": 1, \"name\": \"m\","
                                      " \"score_column\": \"score\", \"threshold\": 1e400}", -1, NULL));
  run_mqlw (&run, NULL, "project", "create", project, "--from", good, "--model", model, "-q", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (project, &before, &before_len, NULL));

  run_mqlw (&run, NULL, "project", "set-model", project, "--model", infinite, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "infinite.json: $.threshold: the number 1e400 is too large to be read (line 1)"));

  run_mqlw (&run, NULL, "export", project, "--what", "model", "-o", project, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "p.mqlw”: it is a file this command reads"));

  g_assert_true (g_file_get_contents (project, &after, &after_len, NULL));
  g_assert_cmpmem (after, after_len, before, before_len);
  run_mqlw (&run, NULL, "project", "info", project, NULL);
  g_assert_cmpint (run.status, ==, 0);

  run_mqlw (&run, NULL, "project", "create", "/dev/null", "--from", good, "--force", "-q", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "“/dev/null”: it is a device, not a file"));
  g_assert_cmpint (g_stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));

  run_mqlw (&run, NULL, "calibrate", good, "--score-column", "score", "--threshold", "1e400", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "--threshold needs a number, not “1e400”"));
  run_mqlw (&run, NULL, "sweep", good, "--score-column", "score", "--from", "0", "--to", "1e400", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "--to needs a number, not “1e400”"));
  g_remove (project);
  g_remove (model);
  g_remove (infinite);
}

/* A header and no leads: inspect and calibrate give the same one message, naming the file. */
static void
test_header_only_agree (void)
{
  g_autofree char *path = fixture ("real-exports", "hubspot-header-only.csv");
  g_auto(Run) inspect = { 0 };
  g_auto(Run) calibrate = { 0 };

  run_mqlw (&inspect, NULL, "inspect", path, NULL);
  run_mqlw (&calibrate, NULL, "calibrate", path, "--score-column", "HubSpot Score", NULL);
  g_assert_cmpint (inspect.status, ==, 2);
  g_assert_cmpint (calibrate.status, ==, 2);
  g_assert_cmpstr (inspect.out, ==, "");
  g_assert_cmpstr (inspect.err, ==, "mqlw: hubspot-header-only.csv: the file has a header line but no leads\n");
  g_assert_cmpstr (calibrate.err, ==, inspect.err);
}

/* A Windows-1252 file's warning names the file and the line once. */
static void
test_cp1252_once (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "cp1252.csv", NULL);
  g_auto(Run) run = { 0 };

  /* 0xE9 (é) is on line 3 */
  g_assert_true (g_file_set_contents (path, "email,score,won\na@x.com,10,yes\nb\xe9@x.com,20,no\n", -1, NULL));
  run_mqlw (&run, NULL, "calibrate", path, "--score-column", "score", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "mqlw: warning: cp1252.csv: line 3: the text is not UTF-8 (the first such "
                                     "character is on this line); the file was read as Windows-1252\n"));
  g_remove (path);
}

typedef struct {
  char *path;
  char *text;
} FifoWriter;

static gpointer
write_fifo_thread (gpointer data)
{
  FifoWriter *writer = data;
  FILE *file = fopen (writer->path, "w");   /* waits for mqlw to open the other end */

  g_assert_nonnull (file);
  fputs (writer->text, file);
  fclose (file);
  return NULL;
}

/* A named pipe is read once, whole: the project check must not eat its start. */
static void
test_fifo (void)
{
  g_autofree char *csv = fixture ("real-exports", "bool-words.csv");
  g_autofree char *fifo = g_build_filename (tmp_dir, "leads.fifo", NULL);
  FifoWriter writer = { fifo, NULL };
  g_auto(Run) from_file = { 0 };
  g_auto(Run) from_fifo = { 0 };
  GThread *thread;

  g_assert_true (g_file_get_contents (csv, &writer.text, NULL, NULL));
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  run_mqlw (&from_file, NULL, "calibrate", csv, "--score-column", "score", "--format", "json", NULL);
  thread = g_thread_new ("fifo", write_fifo_thread, &writer);
  run_mqlw (&from_fifo, NULL, "calibrate", fifo, "--score-column", "score", "--format", "json", NULL);
  g_thread_join (thread);
  g_assert_cmpint (from_fifo.status, ==, 0);
  /* The same leads: the same table (the source's name aside). */
  {
    /* "file" : "bool-words.csv" against "file" : "leads.fifo" */
    g_auto(GStrv) a = g_strsplit (from_file.out, "bool-words.csv", -1);
    g_auto(GStrv) b = g_strsplit (from_fifo.out, "leads.fifo", -1);
    g_autofree char *ja = g_strjoinv ("SOURCE", a);
    g_autofree char *jb = g_strjoinv ("SOURCE", b);
    g_assert_cmpuint (g_strv_length (a), ==, 2);
    g_assert_cmpstr (ja, ==, jb);
  }
  g_free (writer.text);
  g_remove (fifo);
}

/* Standard input from a device that never ends is refused, not read until memory runs out. */
static void
test_stdin_device (void)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;

  g_subprocess_launcher_set_stdin_file_path (launcher, "/dev/zero");
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("MQLW_CLI"), "inspect", "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
  g_assert_cmpstr (err, ==, "mqlw: stdin is not a regular file (it is a device or a socket); name a saved file\n");
}

/* An endless pipe (`yes |`) stops at the limit with its name, and leaves no
 * project behind; MQLW_PIPE_LIMIT makes the limit 4 MB here (by default half
 * the memory available, at most 4 GB). */
static void
test_endless_pipe (void)
{
  g_autofree char *target = g_build_filename (tmp_dir, "endless.mqlw", NULL);
  const char *inputs[] = { "/dev/stdin", "-" };

  for (guint k = 0; k < G_N_ELEMENTS (inputs); k++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                           | G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL, *err = NULL;

      g_subprocess_launcher_setenv (launcher, "MQLW_PIPE_LIMIT", "4", TRUE);
      process = g_subprocess_launcher_spawn (launcher, &error, "/bin/sh", "-c",
                                             "yes 2>/dev/null | \"$0\" project create --from \"$1\" \"$2\"",
                                             g_getenv ("MQLW_CLI"), inputs[k], target, NULL);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
      g_assert_cmpstr (err, ==, "mqlw: stdin did not end within 4 MB: a pipe or standard input is read into memory "
                                "whole, and this one is larger than memory allows (or never ends); save it to a "
                                "file and read that file instead\n");
      g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
    }
}

/* A file redirected to standard input is no pipe: it is read in place, past
 * the pipe's limit (1 MB here; the file is about 1.3 MB). */
static void
test_redirected_file (void)
{
  g_autofree char *csv = g_build_filename (tmp_dir, "redirected.csv", NULL);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  GStatBuf st;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, g_getenv ("MQLW_CLI"), "generate", "--leads", "6000",
                              "--seed", "7", "-o", csv, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_clear_object (&process);
  g_assert_cmpint (g_stat (csv, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 1 << 20);

  g_subprocess_launcher_setenv (launcher, "MQLW_PIPE_LIMIT", "1", TRUE);
  g_subprocess_launcher_set_stdin_file_path (launcher, csv);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("MQLW_CLI"), "inspect", "-", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_nonnull (strstr (out, "Leads: 6000\n"));
  g_remove (csv);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("mqlw-cli-bad-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_bad_cases; i++)
    {
      const BadCase *bad = &bad_cases[i];
      g_autofree char *name = NULL;

      /* A file changing while it is read needs the core test's hook. */
      if (bad->gen == GEN_TRUNCATED_WHILE_READ || bad->gen == GEN_REWRITTEN_WHILE_READ)
        continue;
      name = g_strdup_printf ("/mqlw/cli-bad-input/%u-%s", i, bad->gen == GEN_DEV_NULL ? "dev-null" : bad->file);
      g_test_add_data_func (name, bad, test_bad_case);
    }
  g_test_add_func ("/mqlw/cli-bad-input/stdin-model-and-verify", test_stdin_model_and_verify);
  g_test_add_func ("/mqlw/cli-bad-input/sweep-limit", test_sweep_limit);
  g_test_add_func ("/mqlw/cli-bad-input/warning-once", test_warning_once);
  g_test_add_func ("/mqlw/cli-bad-input/no-silent-loss", test_no_silent_loss);
  g_test_add_func ("/mqlw/cli-bad-input/header-only-agree", test_header_only_agree);
  g_test_add_func ("/mqlw/cli-bad-input/cp1252-once", test_cp1252_once);
  g_test_add_func ("/mqlw/cli-bad-input/fifo", test_fifo);
  g_test_add_func ("/mqlw/cli-bad-input/stdin-device", test_stdin_device);
  g_test_add_func ("/mqlw/cli-bad-input/endless-pipe", test_endless_pipe);
  g_test_add_func ("/mqlw/cli-bad-input/redirected-file", test_redirected_file);
  status = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
