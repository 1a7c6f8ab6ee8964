/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Faults as tests: the built mqlw is killed at points spread over all of its
 * writing, runs out of disk at several amounts, meets a read-only folder and
 * a second writer, and a project is read while another program saves it.
 * An LD_PRELOAD module (fault-shim.c) picks the points by counting the
 * process's file writes, syncs, renames and unlinks, never by timing.
 *
 * What must hold after each fault: the project opens (its checksums verify)
 * and is exactly the state before the command or the state after it; an
 * export is the file there before or a complete new one; and once the
 * project has been opened again, no temporary, journal or lock file is left.
 *
 * The fixture: 40 leads with a platform score, a project at version 1 (a
 * draft, threshold 50) and the same signed. The figures themselves are the
 * other suites' business; here only states are compared. */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "mqlw-core.h"
#include "mqlw-project-lock.h"

typedef struct {
  int   status;       /* exit status, or -1 when killed */
  int   signal;       /* the signal that ended it, or 0 */
  char *out;
  char *err;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static char *dir;              /* this run's folder */
static char *pristine_draft;   /* bytes of p.mqlw at version 1, a draft */
static gsize pristine_draft_len;
static char *pristine_signed;  /* the same, signed */
static gsize pristine_signed_len;
static char *pristine_agreed;  /* its agreed model, exported */
static gsize pristine_agreed_len;

static const char *approvers[] = { "--approver", "Maria Keller|VP Marketing|marketing",
                                   "--approver", "Sam Ortiz|VP Sales|sales" };

/* ---- running mqlw ------------------------------------------------------- */

static void
become_nobody (gpointer user_data)
{
  /* A read-only folder means nothing to root: the child drops to nobody. */
  if (setgid (65534) != 0 || setuid (65534) != 0)
    _exit (126);
}

/* RLIMIT_FSIZE for the next children (as `ulimit -f` in a shell): a write
 * past it fails with EFBIG, or raises SIGXFSZ where that is not ignored. */
static rlim_t child_fsize = RLIM_INFINITY;

static void
limit_file_size (gpointer user_data)
{
  struct rlimit limit = { child_fsize, child_fsize };

  if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
    _exit (126);
}

/* Runs mqlw in @dir with @args, extra environment @env ("NAME=VALUE", NULL
 * ended, may be NULL); with @shim the fault module is preloaded. */
static void
run_full (Result             *r,
          const char *const  *env,
          gboolean            shim,
          gboolean            as_nobody,
          const char *const  *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (char *) g_getenv ("MQLW_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  result_clear (r);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  g_subprocess_launcher_unsetenv (launcher, "MQLW_FAULT_KILL_AT");
  g_subprocess_launcher_unsetenv (launcher, "MQLW_FAULT_ENOSPC_AFTER");
  g_subprocess_launcher_unsetenv (launcher, "MQLW_FAULT_COUNT_FILE");
  if (shim)
    g_subprocess_launcher_setenv (launcher, "LD_PRELOAD", g_getenv ("MQLW_FAULT_SHIM"), TRUE);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);
      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  if (as_nobody)
    g_subprocess_launcher_set_child_setup (launcher, become_nobody, NULL, NULL);
  else if (child_fsize != RLIM_INFINITY)
    g_subprocess_launcher_set_child_setup (launcher, limit_file_size, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_if_signaled (process))
    {
      r->status = -1;
      r->signal = g_subprocess_get_term_sig (process);
    }
  else
    r->status = g_subprocess_get_exit_status (process);
  g_test_message ("%s %s %s: status %d signal %d: %s", args[0], args[1], args[2] != NULL ? args[2] : "",
                  r->status, r->signal, r->err);
}

static void
run (Result            *r,
     const char *const *args)
{
  run_full (r, NULL, FALSE, FALSE, args);
}

/* How many file events @args takes when nothing goes wrong. */
static guint
count_events (const char *const *args)
{
  g_auto(Result) r = { 0 };
  g_autofree char *count_path = g_build_filename (dir, "count", NULL);
  g_autofree char *env_count = g_strdup_printf ("MQLW_FAULT_COUNT_FILE=%s", count_path);
  const char *env[] = { env_count, NULL };
  g_autofree char *text = NULL;
  guint events;

  run_full (&r, env, TRUE, FALSE, args);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (count_path, &text, NULL, NULL));
  g_unlink (count_path);
  events = (guint) g_ascii_strtoull (text, NULL, 10);
  g_assert_cmpuint (events, >, 0);
  return events;
}

/* ---- the folder --------------------------------------------------------- */

static char *
in_dir (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static void
put (const char *name,
     const char *bytes,
     gssize      length)
{
  g_autofree char *path = in_dir (name);
  g_assert_true (g_file_set_contents (path, bytes, length, NULL));
}

static char *
get (const char *name,
     gsize      *length)
{
  g_autofree char *path = in_dir (name);
  char *bytes = NULL;

  if (!g_file_get_contents (path, &bytes, length, NULL))
    return NULL;
  return bytes;
}

static void
forget (const char *name)
{
  g_autofree char *path = in_dir (name);
  g_unlink (path);
}

/* Only the fixture's own files and @allowed (NULL ended) are in the folder:
 * no temporary, journal or lock of ours is left. */
static void
assert_no_strays (const char *const *allowed)
{
  static const char *fixture[] = { "leads.csv", "m50.json", "m60.json", "p.mqlw", "ro", "k", "k.pub", NULL };
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;

  g_assert_nonnull (listing);
  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      if (g_strv_contains (fixture, entry) || (allowed != NULL && g_strv_contains (allowed, entry)))
        continue;
      g_error ("stray file left in the folder: %s", entry);
    }
}

/* Opens p.mqlw in this process (which also clears strays): it must open. */
static MqlwProject *
reopen (const char *name)
{
  g_autofree char *path = in_dir (name);
  g_autoptr(GError) error = NULL;
  MqlwProject *project = mqlw_project_open (path, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

static double
head_threshold (MqlwProject *project)
{
  g_assert_nonnull (mqlw_project_get_model (project));
  return mqlw_project_get_model (project)->threshold;
}

/* ---- fixture ------------------------------------------------------------ */

/* 40 leads: lead i has score (37 i mod 100), SQL yes when that is over 50 and
 * i is not a multiple of 3, won when over 80 and i odd. */
static void
write_leads (void)
{
  g_autoptr(GString) csv = g_string_new ("lead_id,created_at,score,sql,won\n");

  for (guint i = 1; i <= 40; i++)
    {
      guint score = (i * 37) % 100;
      g_string_append_printf (csv, "L%02u,2025-%02u-1%u,%u,%s,%s\n", i, 1 + i % 6, i % 9, score,
                              score > 50 && i % 3 != 0 ? "yes" : "no", score > 80 && i % 2 == 1 ? "true" : "false");
    }
  put ("leads.csv", csv->str, -1);
}

static void
setup_folder (void)
{
  g_auto(Result) r = { 0 };
  const char *create[] = { "project", "create", "p.mqlw", "--from", "leads.csv", "--model", "m50.json", "-q", NULL };
  const char *sign[] = { "project", "sign", "p.mqlw", approvers[0], approvers[1], approvers[2], approvers[3], NULL };

  dir = g_dir_make_tmp ("mqlw-faults-XXXXXX", NULL);
  g_assert_nonnull (dir);
  /* Reachable by nobody for the read-only folder case. */
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  write_leads ();
  put ("m50.json", "{\"format\": \"mql-workbench-model\", \"version\": 1, \"name\": \"Platform score\","
                   " \"score_column\": \"score\", \"threshold\": 50}", -1);
  put ("m60.json", "{\"format\": \"mql-workbench-model\", \"version\": 1, \"name\": \"Platform score\","
                   " \"score_column\": \"score\", \"threshold\": 60}", -1);
  run (&r, create);
  g_assert_cmpint (r.status, ==, 0);
  pristine_draft = get ("p.mqlw", &pristine_draft_len);
  run (&r, sign);
  g_assert_cmpint (r.status, ==, 0);
  pristine_signed = get ("p.mqlw", &pristine_signed_len);
  {
    const char *export_model[] = { "export", "p.mqlw", "--what", "model", "--output", "agreed.json", NULL };
    g_autofree char *keygen = g_strdup_printf ("ssh-keygen -q -t ed25519 -N '' -C maria -f %s/k", dir);

    run (&r, export_model);
    g_assert_cmpint (r.status, ==, 0);
    pristine_agreed = get ("agreed.json", &pristine_agreed_len);
    forget ("agreed.json");
    g_autofree char *key = in_dir ("k.pub");

    g_assert_true (g_spawn_command_line_sync (keygen, NULL, NULL, NULL, NULL));
    g_assert_true (g_file_test (key, G_FILE_TEST_IS_REGULAR));
  }
  /* The export was logged in the project: the pristine files are as before it. */
  put ("p.mqlw", pristine_signed, (gssize) pristine_signed_len);
}

static void
restore (gboolean signed_off)
{
  if (signed_off)
    put ("p.mqlw", pristine_signed, (gssize) pristine_signed_len);
  else
    put ("p.mqlw", pristine_draft, (gssize) pristine_draft_len);
}

/* ---- kill -9 ------------------------------------------------------------ */

typedef enum {
  AFTER_CREATE,       /* new.mqlw: absent, or complete with version 1 at 50 */
  AFTER_SET_MODEL,    /* p.mqlw: one draft at 50 or at 60 */
  AFTER_SIGN,         /* p.mqlw: version 1 at 50, signed or not */
  AFTER_EXPORT_MODEL, /* agreed.json: the old bytes, or an export that verifies */
  AFTER_EXPORT_CHART, /* chart.png: the old bytes, or a whole PNG */
  AFTER_CREATE_FORCE, /* p.mqlw: the old bytes, or a new project at 60 */
  AFTER_KEY_SIGN,     /* agreed.json: the old bytes, or one with Maria's key signature */
} Check;

/* p.mqlw, opened again (a hot journal rolled back), is byte for byte the
 * draft it was before the command. */
static void
assert_pristine_draft (void)
{
  gsize length = 0;
  g_autofree char *bytes = get ("p.mqlw", &length);

  g_assert_cmpmem (bytes, length, pristine_draft, pristine_draft_len);
}

static void
check_after_kill (Check       check,
                  const char *old_export,
                  gsize       old_length)
{
  g_autoptr(MqlwProject) project = reopen ("p.mqlw");
  const char *extra[] = { "new.mqlw", "agreed.json", "chart.png", NULL };

  switch (check)
    {
    case AFTER_CREATE:
      {
        g_autofree char *path = in_dir ("new.mqlw");
        if (g_file_test (path, G_FILE_TEST_EXISTS))
          {
            g_autoptr(MqlwProject) created = reopen ("new.mqlw");
            g_assert_cmpuint (mqlw_project_get_n_versions (created), ==, 1);
            g_assert_cmpfloat (head_threshold (created), ==, 50);
            g_assert_cmpuint (mqlw_project_get_dataset (created)->n_rows, ==, 40);
          }
      }
      break;
    case AFTER_SET_MODEL:
      g_assert_cmpuint (mqlw_project_get_n_versions (project), ==, 1);
      g_assert_true (head_threshold (project) == 50 || head_threshold (project) == 60);
      if (head_threshold (project) == 50)
        assert_pristine_draft ();
      break;
    case AFTER_SIGN:
      g_assert_cmpuint (mqlw_project_get_n_versions (project), ==, 1);
      g_assert_cmpfloat (head_threshold (project), ==, 50);
      if (mqlw_project_get_latest_signoff (project) == NULL)
        assert_pristine_draft ();
      break;
    case AFTER_CREATE_FORCE:
      g_assert_cmpuint (mqlw_project_get_n_versions (project), ==, 1);
      g_assert_cmpuint (mqlw_project_get_dataset (project)->n_rows, ==, 40);
      g_assert_true (head_threshold (project) == 50 || head_threshold (project) == 60);
      if (head_threshold (project) == 50)
        assert_pristine_draft ();
      break;
    case AFTER_KEY_SIGN:
      {
        gsize length = 0;
        g_autofree char *bytes = get ("agreed.json", &length);
        g_autofree char *pub = get ("k.pub", NULL);
        g_auto(GStrv) fields = g_strsplit (pub, " ", 3);
        g_auto(Result) r = { 0 };
        const char *verify[] = { "verify", "agreed.json", NULL };

        g_assert_nonnull (bytes);
        if (length == old_length && memcmp (bytes, old_export, length) == 0)
          break;
        /* A whole file, intact (no trusted keys given), holding the key. */
        run (&r, verify);
        g_assert_cmpint (r.status, ==, 4);
        g_assert_nonnull (g_strstr_len (bytes, (gssize) length, fields[1]));
      }
      break;
    case AFTER_EXPORT_MODEL:
    case AFTER_EXPORT_CHART:
      {
        gsize length = 0;
        g_autofree char *bytes = get (check == AFTER_EXPORT_MODEL ? "agreed.json" : "chart.png", &length);

        g_assert_nonnull (bytes);
        g_assert_nonnull (mqlw_project_get_latest_signoff (project));
        if (length == old_length && memcmp (bytes, old_export, length) == 0)
          break;
        if (check == AFTER_EXPORT_MODEL)
          {
            g_auto(Result) r = { 0 };
            const char *verify[] = { "verify", "agreed.json", NULL };
            run (&r, verify);
            g_assert_cmpint (r.status, ==, 4);   /* intact; no trusted keys given */
          }
        else
          {
            /* A PNG that ends with its IEND chunk: written to the end. */
            g_assert_cmpuint (length, >, 20);
            g_assert_cmpmem (bytes, 8, "\x89PNG\r\n\x1a\n", 8);
            g_assert_cmpmem (bytes + length - 8, 4, "IEND", 4);
          }
      }
      break;
    default:
      g_assert_not_reached ();
    }
  assert_no_strays (extra);
}

static guint
kill_command (const char *const *args,
              Check              check,
              gboolean           signed_off,
              guint              n_points)
{
  g_autofree char *old_export = NULL;
  gsize old_length = 0;
  guint events, kills = 0;

  restore (signed_off);
  forget ("new.mqlw");
  if (check == AFTER_KEY_SIGN)
    put ("agreed.json", pristine_agreed, (gssize) pristine_agreed_len);
  events = count_events (args);
  /* The previous export, to be replaced: a first run made it. */
  if (check == AFTER_KEY_SIGN)
    old_export = g_memdup2 (pristine_agreed, old_length = pristine_agreed_len);
  else if (check == AFTER_EXPORT_MODEL)
    old_export = get ("agreed.json", &old_length);
  else if (check == AFTER_EXPORT_CHART)
    old_export = get ("chart.png", &old_length);

  for (guint i = 0; i < n_points; i++)
    {
      g_auto(Result) r = { 0 };
      guint at = 1 + (guint) ((guint64) i * (events - 1) / MAX (n_points - 1, 1));
      g_autofree char *env_kill = g_strdup_printf ("MQLW_FAULT_KILL_AT=%u", at);
      const char *env[] = { env_kill, NULL };

      restore (signed_off);
      forget ("new.mqlw");
      if (old_export != NULL)
        put (check == AFTER_EXPORT_CHART ? "chart.png" : "agreed.json", old_export, (gssize) old_length);
      run_full (&r, env, TRUE, FALSE, args);
      if (r.signal == SIGKILL)
        kills++;
      else
        g_assert_cmpint (r.status, ==, 0);
      check_after_kill (check, old_export, old_length);
    }
  g_test_message ("%s %s %s: %u events, %u kills", args[0], args[1], args[2], events, kills);
  return kills;
}

static void
test_kill (void)
{
  const char *create[] = { "project", "create", "new.mqlw", "--from", "leads.csv", "--model", "m50.json", "-q", NULL };
  const char *set_model[] = { "project", "set-model", "p.mqlw", "--model", "m60.json", NULL };
  const char *sign[] = { "project", "sign", "p.mqlw", approvers[0], approvers[1], approvers[2], approvers[3], NULL };
  const char *export_model[] = { "export", "p.mqlw", "--what", "model", "--output", "agreed.json", NULL };
  const char *export_chart[] = { "export", "p.mqlw", "--what", "chart", "--output", "chart.png", NULL };
  const char *create_force[] = { "project", "create", "p.mqlw", "--force", "--from", "leads.csv", "--model", "m60.json",
                                 "-q", NULL };
  const char *key_sign[] = { "sign", "agreed.json", "--key", "k", "--approver", approvers[3], NULL };
  guint kills = 0;

  kills += kill_command (create, AFTER_CREATE, FALSE, 14);
  kills += kill_command (set_model, AFTER_SET_MODEL, FALSE, 14);
  kills += kill_command (sign, AFTER_SIGN, FALSE, 14);
  kills += kill_command (export_model, AFTER_EXPORT_MODEL, TRUE, 12);
  kills += kill_command (export_chart, AFTER_EXPORT_CHART, TRUE, 10);
  kills += kill_command (create_force, AFTER_CREATE_FORCE, FALSE, 14);
  kills += kill_command (key_sign, AFTER_KEY_SIGN, TRUE, 12);
  g_test_message ("%u kills in all", kills);
  g_assert_cmpuint (kills, >=, 70);
  forget ("new.mqlw");
  forget ("agreed.json");
  forget ("chart.png");
}

/* ---- disk full ---------------------------------------------------------- */

typedef struct {
  const char *args[12];
  const char *target;       /* the file written; its old bytes must stay */
  gboolean    signed_off;   /* starts from the signed project */
  const char *also;         /* another file it writes first, which a message may name instead */
  gboolean    agreed;       /* the target is the agreed model it reads (pristine_agreed) */
} Writer;

static const Writer writers[] = {
  { { "project", "create", "new.mqlw", "--from", "leads.csv", "-q", NULL }, "new.mqlw", FALSE },
  { { "project", "set-model", "p.mqlw", "--model", "m60.json", NULL }, "p.mqlw", FALSE },
  /* Signing writes its payload for ssh-keygen first: the disk may fill there. */
  { { "project", "sign", "p.mqlw", "--approver", "Maria Keller|VP Marketing|marketing",
      "--approver", "Sam Ortiz|VP Sales|sales", NULL }, "p.mqlw", FALSE, "a temporary file for signing" },
  { { "export", "p.mqlw", "--what", "model", "--output", "out.json", NULL }, "out.json", TRUE },
  { { "export", "p.mqlw", "--what", "buckets", "--output", "out.csv", NULL }, "out.csv", TRUE },
  { { "export", "p.mqlw", "--what", "chart", "--output", "out.png", NULL }, "out.png", TRUE },
  { { "export", "p.mqlw", "--what", "chart", "--output", "out.pdf", NULL }, "out.pdf", TRUE },
  { { "report", "p.mqlw", "--output", "out.pdf", NULL }, "out.pdf", TRUE },
  { { "report", "p.mqlw", "--output", "out.md", NULL }, "out.md", TRUE, "out-chart.png" },
  { { "generate", "--leads", "2000", "--output", "out.csv", NULL }, "out.csv", FALSE },
  { { "inspect", "leads.csv", "--write-map", "out.json", NULL }, "out.json", FALSE },
  { { "project", "create", "p.mqlw", "--force", "--from", "leads.csv", "--model", "m60.json", "-q", NULL },
    "p.mqlw", FALSE },
  { { "export", "p.mqlw", "--what", "sweep", "--output", "out.csv", NULL }, "out.csv", TRUE },
  { { "export", "p.mqlw", "--what", "sql", "--dialect", "postgres", "--output", "out.sql", NULL }, "out.sql", TRUE },
  { { "export", "p.mqlw", "--what", "sql-aggregate", "--dialect", "bigquery", "--output", "out.sql", NULL },
    "out.sql", TRUE },
  { { "export", "agreed.json", "--what", "sql", "--dialect", "snowflake", "--output", "out.sql", NULL }, "out.sql",
    TRUE, NULL, TRUE },
  /* ssh-keygen writes the signature first, under the same limits. */
  { { "sign", "agreed.json", "--key", "k", "--approver", "Sam Ortiz|VP Sales|sales", NULL },
    "agreed.json", TRUE, "a temporary file for signing", TRUE },
};

/* The state before a writer runs: the project, the agreed model it reads, and
 * an earlier file at its target, which a failed write must keep. */
static void
prepare_writer (const Writer *writer)
{
  restore (writer->signed_off);
  forget ("new.mqlw");
  if (writer->agreed)
    put ("agreed.json", pristine_agreed, (gssize) pristine_agreed_len);
  if (!g_str_equal (writer->target, "p.mqlw") && !g_str_equal (writer->target, "new.mqlw") &&
      !g_str_equal (writer->target, "agreed.json"))
    put (writer->target, "the file there before\n", -1);
}

/* After a writer failed (exit 2, @err its message): the message names the
 * target and says it is kept (or names @also), the target is byte for byte
 * what it was (a project once opened again, which rolls back a hot journal),
 * and the project is where it was. */
static void
check_failed_writer (const Writer *writer,
                     const char   *err,
                     const char   *before,
                     gsize         before_len,
                     const char   *project_before,
                     gsize         project_len)
{
  g_autofree char *after = NULL, *now = NULL;
  gsize after_len = 0, now_len = 0;

  if (writer->also == NULL || strstr (err, writer->also) == NULL)
    {
      g_assert_nonnull (strstr (err, writer->target));
      g_assert_true (strstr (err, "unchanged") != NULL || strstr (err, "nothing was written") != NULL);
    }
  if (!g_str_equal (writer->target, "p.mqlw"))
    {
      after = get (writer->target, &after_len);
      g_assert_cmpuint (after_len, ==, before_len);
      g_assert_true (before == NULL || memcmp (after, before, before_len) == 0);
    }
  {
    g_autoptr(MqlwProject) project = reopen ("p.mqlw");

    g_assert_cmpfloat (head_threshold (project), ==, 50);
    g_assert_true ((mqlw_project_get_latest_signoff (project) != NULL) == writer->signed_off);
  }
  now = get ("p.mqlw", &now_len);
  g_assert_cmpmem (now, now_len, project_before, project_len);
}

typedef enum {
  DISK_FULL,     /* the shim: writes fail with ENOSPC past the amount */
  SIZE_LIMIT,    /* RLIMIT_FSIZE (ulimit -f) at the amount */
} Fault;

/* Every writer with each amount of room (nothing, a little, more than a
 * journal's first page): a failure is exit 2 with the message and state
 * check_failed_writer wants; no temporary of its own is left even before the
 * folder is opened again (SIGXFSZ would have killed mqlw, leaving one). */
static void
run_writers (Fault fault)
{
  static const guint amounts[] = { 0, 3000, 200000 };
  const char *extra[] = { "out.json", "out.csv", "out.png", "out.pdf", "out.md", "out-chart.png", "new.mqlw",
                          "out.sql", "agreed.json", NULL };
  guint failures = 0;

  for (guint w = 0; w < G_N_ELEMENTS (writers); w++)
    for (guint a = 0; a < G_N_ELEMENTS (amounts); a++)
      {
        const Writer *writer = &writers[w];
        g_auto(Result) r = { 0 };
        g_autofree char *env_budget = g_strdup_printf ("MQLW_FAULT_ENOSPC_AFTER=%u", amounts[a]);
        const char *env[] = { env_budget, NULL };
        g_autofree char *before = NULL, *project_before = NULL;
        gsize before_len = 0, project_len = 0;
        g_autoptr(GDir) listing = NULL;
        const char *entry;

        prepare_writer (writer);
        before = get (writer->target, &before_len);
        project_before = get ("p.mqlw", &project_len);

        if (fault == DISK_FULL)
          run_full (&r, env, TRUE, FALSE, writer->args);
        else
          {
            child_fsize = amounts[a];
            run (&r, writer->args);
            child_fsize = RLIM_INFINITY;
          }
        g_assert_cmpint (r.signal, ==, 0);
        listing = g_dir_open (dir, 0, NULL);
        while ((entry = g_dir_read_name (listing)) != NULL)
          g_assert_null (strstr (entry, MQLW_SAFE_WRITE_TEMP_MARK));
        if (r.status != 0)
          {
            failures++;
            g_assert_cmpint (r.status, ==, 2);
            if (writer->also != NULL && strstr (r.err, writer->also) != NULL)
              g_assert_true (fault == SIZE_LIMIT || strstr (r.err, "No space left on device") != NULL ||
                             strstr (r.err, "the disk is full") != NULL);
            else if (fault == SIZE_LIMIT)
              g_assert_nonnull (strstr (r.err, "File too large"));
            check_failed_writer (writer, r.err, before, before_len, project_before, project_len);
          }
        else
          {
            g_autoptr(MqlwProject) project = reopen ("p.mqlw");
          }
        forget ("out-chart.png");
        assert_no_strays (extra);
        for (guint k = 0; extra[k] != NULL; k++)
          forget (extra[k]);
      }
  g_test_message ("%u of %u runs failed", failures, (guint) (G_N_ELEMENTS (writers) * G_N_ELEMENTS (amounts)));
  g_assert_cmpuint (failures, >=, G_N_ELEMENTS (writers) * 2);
}

static void
test_disk_full (void)
{
  run_writers (DISK_FULL);
}

/* ---- a file size limit ---------------------------------------------------- */

/* Each writer under `ulimit -f` (RLIMIT_FSIZE) in its process: the write past
 * the limit must fail as an error that names the file ("File too large"),
 * not kill mqlw with SIGXFSZ, and leave everything as it was. */
static void
test_file_size_limit (void)
{
  run_writers (SIZE_LIMIT);
}

/* ---- the window's save, in this process ---------------------------------- */

/* The window saves through mqlw_project_save, _save_as and _write_copy (the
 * recovery copy): each under a file size limit fails with an error naming
 * the file and leaves the file there, and the folder, as they were; the same
 * project then saves. */
static void
test_save_in_process (void)
{
  g_autofree char *path = in_dir ("p.mqlw");
  g_autofree char *copy = in_dir ("new.mqlw");
  g_autoptr(MqlwProject) project = NULL;
  g_autoptr(MqlwModel) model = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit saved, limit;
  void (*was) (int) = signal (SIGXFSZ, SIG_IGN);

  restore (FALSE);
  put ("new.mqlw", pristine_signed, (gssize) pristine_signed_len);
  project = mqlw_project_open_for_update (path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  model = mqlw_model_copy (mqlw_project_get_model (project));
  model->threshold = 60;
  mqlw_project_save_model (project, model, "test", "60");
  /* The dataset too: a save writes all of it. */
  mqlw_project_set_months (project, 7);

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  for (guint round = 0; round < 3; round++)
    {
      gboolean ok;

      limit = saved;
      limit.rlim_cur = round == 0 ? 0 : round == 1 ? 3000 : 200000;
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      ok = mqlw_project_save (project, NULL, NULL, NULL, &error);
      g_assert_false (ok);
      g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_SAVE);
      g_assert_nonnull (strstr (error->message, "p.mqlw"));
      g_clear_error (&error);
      ok = mqlw_project_write_copy (project, copy, NULL, NULL, NULL, &error);
      g_assert_false (ok);
      g_assert_nonnull (strstr (error->message, "new.mqlw"));
      g_assert_nonnull (strstr (error->message, "unchanged"));
      g_clear_error (&error);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
      g_assert_true (mqlw_project_is_dirty (project));
      {
        g_autoptr(MqlwProject) other = reopen ("p.mqlw");
        g_autofree char *bytes = NULL, *copy_bytes = NULL;
        gsize length = 0, copy_length = 0;

        g_assert_cmpfloat (head_threshold (other), ==, 50);
        bytes = get ("p.mqlw", &length);
        g_assert_cmpmem (bytes, length, pristine_draft, pristine_draft_len);
        copy_bytes = get ("new.mqlw", &copy_length);
        g_assert_cmpmem (copy_bytes, copy_length, pristine_signed, pristine_signed_len);
      }
      /* The project's own lock, held while it is open for update. */
      assert_no_strays ((const char *[]) { "new.mqlw", ".p.mqlw.mqlw-lock", NULL });
    }
  signal (SIGXFSZ, was);
  g_assert_true (mqlw_project_save (project, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&project, mqlw_project_unref);
  {
    g_autoptr(MqlwProject) saved_project = reopen ("p.mqlw");
    g_assert_cmpfloat (head_threshold (saved_project), ==, 60);
  }
  forget ("new.mqlw");
}

/* ---- long names ------------------------------------------------------------ */

/* A project's file name of 247 bytes is created and saved in place (its lock
 * and journal names fit); one of 248 is refused before the import, naming the
 * limit; an export's name of 256 bytes too; a Markdown report of 250 bytes
 * gets its chart beside it under a name cut to 255. */
static char *
repeated (char        c,
          guint       n,
          const char *suffix)
{
  g_autofree char *run_of = g_strnfill (n, c);
  return g_strconcat (run_of, suffix, NULL);
}

static void
test_long_names (void)
{
  g_autofree char *fits = repeated ('p', 242, ".mqlw");
  g_autofree char *over = repeated ('p', 243, ".mqlw");
  g_autofree char *export_name = repeated ('e', 252, ".csv");
  g_autofree char *report = repeated ('r', 247, ".md");
  g_autofree char *chart = repeated ('r', 245, "-chart.png");
  const char *create_fits[] = { "project", "create", fits, "--from", "leads.csv", "--model", "m50.json", "-q", NULL };
  const char *set_model[] = { "project", "set-model", fits, "--model", "m60.json", NULL };
  const char *create_over[] = { "project", "create", over, "--from", "leads.csv", "--model", "m50.json", "-q", NULL };
  const char *export_long[] = { "export", fits, "--what", "buckets", "--output", export_name, NULL };
  const char *report_long[] = { "report", fits, "--output", report, NULL };
  g_auto(Result) r = { 0 };

  g_assert_cmpuint (strlen (fits), ==, 247);
  run (&r, create_fits);
  g_assert_cmpint (r.status, ==, 0);
  run (&r, set_model);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(MqlwProject) project = reopen (fits);
    g_assert_cmpfloat (head_threshold (project), ==, 60);
  }
  run (&r, create_over);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "248 bytes long"));
  g_assert_nonnull (strstr (r.err, "at most 247"));
  run (&r, export_long);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "256 bytes long"));
  g_assert_nonnull (strstr (r.err, "at most 255"));
  run (&r, report_long);
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autofree char *text = get (report, NULL);
    g_autofree char *png = get (chart, NULL);

    g_assert_nonnull (text);
    g_assert_nonnull (strstr (text, "-chart.png)"));
    g_assert_nonnull (png);
    g_assert_cmpmem (png, 8, "\x89PNG\r\n\x1a\n", 8);
  }
  assert_no_strays ((const char *[]) { fits, report, chart, NULL });
  forget (fits);
  forget (report);
  forget (chart);
}

/* ---- read-only folder --------------------------------------------------- */

static void
test_read_only_folder (void)
{
  g_autofree char *ro = in_dir ("ro");
  g_autofree char *project = g_build_filename (ro, "p.mqlw", NULL);
  g_autofree char *bytes = NULL;
  gsize length = 0;
  gboolean as_nobody = geteuid () == 0;
  const char *info[] = { "project", "info", "ro/p.mqlw", NULL };
  const char *set_model[] = { "project", "set-model", "ro/p.mqlw", "--model", "m60.json", NULL };
  const char *export_csv[] = { "export", "ro/p.mqlw", "--what", "buckets", "--output", "ro/b.csv", NULL };
  const char *generate[] = { "generate", "--leads", "10", "--output", "ro/g.csv", NULL };
  const char *const *failing[] = { set_model, export_csv, generate };
  g_autoptr(GDir) listing = NULL;
  g_auto(Result) r = { 0 };

  g_assert_cmpint (g_mkdir (ro, 0755), ==, 0);
  g_assert_true (g_file_set_contents (project, pristine_signed, (gssize) pristine_signed_len, NULL));
  g_assert_cmpint (g_chmod (project, 0644), ==, 0);
  g_assert_cmpint (g_chmod (ro, 0555), ==, 0);

  run_full (&r, NULL, FALSE, as_nobody, info);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "signed off by Maria Keller"));
  for (guint i = 0; i < G_N_ELEMENTS (failing); i++)
    {
      run_full (&r, NULL, FALSE, as_nobody, failing[i]);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_nonnull (strstr (r.err, "ro/"));
      g_assert_nonnull (strstr (r.err, "Permission denied"));
      g_assert_true (strstr (r.err, "unchanged") != NULL || strstr (r.err, "nothing was written") != NULL);
    }

  /* Exported elsewhere, the export is written; only the log entry cannot be. */
  {
    const char *export_out[] = { "export", "ro/p.mqlw", "--what", "buckets", "--output", "w/out.csv", NULL };
    g_autofree char *writable = in_dir ("w");
    g_autofree char *out = g_build_filename (writable, "out.csv", NULL);

    g_assert_cmpint (g_mkdir (writable, 0777), ==, 0);
    g_assert_cmpint (g_chmod (writable, 0777), ==, 0);
    run_full (&r, NULL, FALSE, as_nobody, export_out);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.err, "not recorded in the project"));
    g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
    g_unlink (out);
    g_rmdir (writable);
  }

  /* The folder holds the project alone, as it was. */
  listing = g_dir_open (ro, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "p.mqlw");
  g_assert_null (g_dir_read_name (listing));
  g_assert_true (g_file_get_contents (project, &bytes, &length, NULL));
  g_assert_cmpmem (bytes, length, pristine_signed, pristine_signed_len);

  g_assert_cmpint (g_chmod (ro, 0755), ==, 0);
  g_unlink (project);
  g_rmdir (ro);
}

/* ---- two writers -------------------------------------------------------- */

static GSubprocess *
spawn (const char *const *args,
       const char *const *env)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (argv, (char *) g_getenv ("MQLW_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_set_cwd (launcher, dir);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (env[i], "=", 2);
      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

static int
finish (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  if (err != NULL && *err != '\0')
    g_test_message ("stderr: %s", err);
  return g_subprocess_get_exit_status (process);
}

/* sign and set-model at once: both exit 0 and both changes are there, in
 * either order (signed first: version 1 signed at 50 and a draft 2 at 60;
 * set-model first: version 1 at 60, signed). */
static void
test_two_writers (void)
{
  const char *sign[] = { "project", "sign", "p.mqlw", approvers[0], approvers[1], approvers[2], approvers[3], NULL };
  const char *set_model[] = { "project", "set-model", "p.mqlw", "--model", "m60.json", NULL };
  guint orders[2] = { 0, 0 };

  for (guint round = 0; round < 8; round++)
    {
      g_autoptr(GSubprocess) a = NULL;
      g_autoptr(GSubprocess) b = NULL;
      g_autoptr(MqlwProject) project = NULL;
      const MqlwModelVersion *first;

      restore (FALSE);
      a = spawn (round % 2 == 0 ? sign : set_model, NULL);
      b = spawn (round % 2 == 0 ? set_model : sign, NULL);
      g_assert_cmpint (finish (a), ==, 0);
      g_assert_cmpint (finish (b), ==, 0);

      project = reopen ("p.mqlw");
      first = mqlw_project_get_version (project, 1);
      g_assert_nonnull (first->signoff);
      g_assert_cmpfloat (head_threshold (project), ==, 60);
      if (mqlw_project_get_n_versions (project) == 2)
        {
          g_assert_cmpfloat (first->model->threshold, ==, 50);
          g_assert_null (mqlw_project_get_head (project)->signoff);
          orders[0]++;
        }
      else
        {
          g_assert_cmpuint (mqlw_project_get_n_versions (project), ==, 1);
          orders[1]++;
        }
      assert_no_strays (NULL);
    }
  g_test_message ("signed first %u times, set-model first %u times", orders[0], orders[1]);
}

/* A writer that finds the project locked fails clearly when it may not
 * wait, and changes nothing; once the lock is gone it goes through. */
static void
test_busy (void)
{
  g_autofree char *path = in_dir ("p.mqlw");
  const char *set_model[] = { "project", "set-model", "p.mqlw", "--model", "m60.json", NULL };
  const char *no_wait[] = { "MQLW_LOCK_WAIT=0", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize length = 0;
  g_auto(Result) r = { 0 };
  MqlwProjectLock *lock;

  restore (FALSE);
  lock = mqlw_project_lock_acquire (path, 0, NULL, &error);
  g_assert_no_error (error);
  /* A second lock in this process is refused as well: each is its own file. */
  g_assert_null (mqlw_project_lock_acquire (path, 0, NULL, &error));
  g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_BUSY);
  g_clear_error (&error);

  run_full (&r, no_wait, FALSE, FALSE, set_model);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "“p.mqlw” is being changed by another program"));
  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  g_assert_cmpmem (bytes, length, pristine_draft, pristine_draft_len);

  mqlw_project_lock_release (lock);
  run_full (&r, no_wait, FALSE, FALSE, set_model);
  g_assert_cmpint (r.status, ==, 0);
  assert_no_strays (NULL);
}

/* The window's way: open, edit, and meanwhile another program saves. The
 * window's save is refused (CHANGED) rather than undo that program's change,
 * and the project stays as it was in the window (unsaved). */
static void
test_changed_underneath (void)
{
  g_autofree char *path = in_dir ("p.mqlw");
  g_autofree char *elsewhere = in_dir ("mine.mqlw");
  const char *set_model[] = { "project", "set-model", "p.mqlw", "--model", "m60.json", NULL };
  g_autoptr(MqlwProject) mine = NULL;
  g_autoptr(MqlwModel) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Result) r = { 0 };

  restore (FALSE);
  mine = reopen ("p.mqlw");
  edited = mqlw_model_copy (mqlw_project_get_model (mine));
  edited->threshold = 70;
  mqlw_project_save_model (mine, edited, "me", "");

  run (&r, set_model);
  g_assert_cmpint (r.status, ==, 0);

  g_assert_false (mqlw_project_save (mine, NULL, NULL, NULL, &error));
  g_assert_error (error, MQLW_PROJECT_ERROR, MQLW_PROJECT_ERROR_CHANGED);
  g_assert_nonnull (strstr (error->message, "p.mqlw"));
  g_assert_true (mqlw_project_is_dirty (mine));
  g_clear_error (&error);
  {
    g_autoptr(MqlwProject) theirs = reopen ("p.mqlw");
    g_assert_cmpfloat (head_threshold (theirs), ==, 60);
  }
  /* Saved under another name, the edit is kept. */
  g_assert_true (mqlw_project_save_as (mine, elsewhere, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(MqlwProject) kept = reopen ("mine.mqlw");
    g_assert_cmpfloat (head_threshold (kept), ==, 70);
  }
  g_unlink (elsewhere);
  (void) path;
}

/* Reading while another program saves, over and over: every open succeeds
 * and sees one whole state (a read is one transaction). */
static void
test_read_while_saving (void)
{
  const char *script = "for i in 1 2 3 4 5 6; do \"$MQLW_CLI\" project set-model p.mqlw --model m60.json >/dev/null"
                       " && \"$MQLW_CLI\" project set-model p.mqlw --model m50.json >/dev/null || exit 1; done";
  const char *args[] = { "/bin/sh", "-c", script, NULL };
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) writer = NULL;
  g_autoptr(GError) error = NULL;

  restore (FALSE);
  g_subprocess_launcher_set_cwd (launcher, dir);
  writer = g_subprocess_launcher_spawnv (launcher, args, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(MqlwProject) project = reopen ("p.mqlw");
      double threshold = head_threshold (project);

      g_assert_true (threshold == 50 || threshold == 60);
      g_assert_cmpuint (mqlw_project_get_dataset (project)->n_rows, ==, 40);
      g_assert_cmpuint (mqlw_project_get_n_versions (project), ==, 1);
    }
  g_assert_true (g_subprocess_wait_check (writer, NULL, &error));
  g_assert_no_error (error);
  assert_no_strays (NULL);
}

/* ---- input changing while it is read ------------------------------------ */

/* 60 000 leads (about 2.3 MB, several of the import's blocks). */
static void
write_big_leads (void)
{
  g_autoptr(GString) csv = g_string_new ("lead_id,created_at,score,sql,won\n");

  for (guint i = 1; i <= 60000; i++)
    g_string_append_printf (csv, "L%05u,2025-%02u-1%u,%u,%s,no\n", i, 1 + i % 6, i % 9, (i * 37) % 100,
                            i % 3 ? "no" : "yes");
  put ("big.csv", csv->str, (gssize) csv->len);
}

/* How often @args reads big.csv. */
static guint
count_big_reads (const char *const *args)
{
  g_auto(Result) r = { 0 };
  g_autofree char *count_path = in_dir ("count");
  g_autofree char *big = in_dir ("big.csv");
  g_autofree char *env_count = g_strdup_printf ("MQLW_FAULT_COUNT_FILE=%s", count_path);
  g_autofree char *env_path = g_strdup_printf ("MQLW_FAULT_CHANGE_PATH=%s", big);
  /* A read that never comes: only counted. */
  const char *env[] = { env_count, env_path, "MQLW_FAULT_CHANGE_AT=1000000000", NULL };
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;

  write_big_leads ();
  run_full (&r, env, TRUE, FALSE, args);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (count_path, &text, NULL, NULL));
  g_unlink (count_path);
  fields = g_strsplit (g_strstrip (text), " ", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 3);
  return (guint) g_ascii_strtoull (fields[2], NULL, 10);
}

/* The lead history is cut short or saved again by another program while
 * mqlw imports it, at its first read, a middle one and its last: mqlw says
 * the file changed, naming it, with exit 2 (never SIGBUS: nothing is
 * mapped), and saves nothing: no new project, an existing one unchanged,
 * no stray file. */
static void
test_input_changes (void)
{
  const char *create[] = { "project", "create", "new.mqlw", "--from", "big.csv", "--model", "m50.json", "-q", NULL };
  const char *replace[] = { "project", "create", "p.mqlw", "--from", "big.csv", "--model", "m50.json",
                            "--force", "-q", NULL };
  const char *calibrate[] = { "calibrate", "big.csv", "--score-column", "score", NULL };
  const char *const *commands[] = { create, replace, calibrate };
  const char *changes[] = { "truncate", "rewrite" };
  g_autofree char *big = in_dir ("big.csv");
  g_autofree char *env_path = g_strdup_printf ("MQLW_FAULT_CHANGE_PATH=%s", big);
  const char *extra[] = { "big.csv", NULL };
  guint runs = 0;

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      guint reads = count_big_reads (commands[c]);
      guint points[] = { 1, (reads + 1) / 2, reads };

      g_test_message ("%s %s reads big.csv %u times", commands[c][0], commands[c][1], reads);
      g_assert_cmpuint (reads, >=, 3);
      forget ("new.mqlw");
      for (guint k = 0; k < G_N_ELEMENTS (changes); k++)
        for (guint p = 0; p < G_N_ELEMENTS (points); p++)
          {
            g_auto(Result) r = { 0 };
            g_autofree char *env_at = g_strdup_printf ("MQLW_FAULT_CHANGE_AT=%u", points[p]);
            g_autofree char *env_change = g_strdup_printf ("MQLW_FAULT_CHANGE=%s", changes[k]);
            const char *env[] = { env_path, env_at, env_change, NULL };
            g_autofree char *project_after = NULL;
            gsize project_len = 0;

            restore (FALSE);
            write_big_leads ();
            run_full (&r, env, TRUE, FALSE, commands[c]);
            runs++;
            g_assert_cmpint (r.signal, ==, 0);
            g_assert_cmpint (r.status, ==, 2);
            if (strstr (r.err, "big.csv changed while it was being read") == NULL)
              g_error ("%s %s, %s at read %u: stderr '%s' does not say big.csv changed", commands[c][0],
                       commands[c][1], changes[k], points[p], r.err);
            g_assert_null (get ("new.mqlw", NULL));
            project_after = get ("p.mqlw", &project_len);
            g_assert_cmpmem (project_after, project_len, pristine_draft, pristine_draft_len);
            assert_no_strays (extra);
          }
    }
  forget ("big.csv");
  g_test_message ("%u runs, each refused", runs);
}

typedef struct {
  const char *path;
  goffset     cut_to;
  guint       calls;
} Cut;

static void
cut_on_progress_cb (double   fraction,
                    gpointer user_data)
{
  Cut *cut = user_data;

  if (cut->calls++ == 0)
    g_assert_cmpint (truncate (cut->path, cut->cut_to), ==, 0);
}

/* A project cut short by another program while it is being opened: the open
 * fails naming the file (sqlite reads it, nothing is mapped, so no SIGBUS),
 * or, when everything it needs was read before the cut, gives the whole
 * project; never a part of it. */
static void
test_project_cut_while_opened (void)
{
  const char *create[] = { "project", "create", "big.mqlw", "--from", "big.csv", "--model", "m50.json", "-q", NULL };
  g_autofree char *path = in_dir ("cut.mqlw");
  g_autofree char *bytes = NULL;
  gsize length;
  guint refused = 0;
  g_auto(Result) r = { 0 };

  write_big_leads ();
  run (&r, create);
  g_assert_cmpint (r.status, ==, 0);
  bytes = get ("big.mqlw", &length);
  g_assert_cmpuint (length, >, 200000);
  for (guint i = 0; i < 4; i++)
    {
      static const double fractions[] = { 0.0, 0.01, 0.5, 0.99 };
      Cut cut = { path, (goffset) (fractions[i] * (double) length), 0 };
      g_autoptr(MqlwProject) project = NULL;
      g_autoptr(GError) error = NULL;

      put ("cut.mqlw", bytes, (gssize) length);
      project = mqlw_project_open (path, cut_on_progress_cb, &cut, NULL, &error);
      g_assert_cmpuint (cut.calls, >, 0);
      if (project == NULL)
        {
          refused++;
          g_test_message ("cut to %" G_GOFFSET_FORMAT " bytes: %s", cut.cut_to, error->message);
          g_assert_true (error->domain == MQLW_PROJECT_ERROR);
          g_assert_nonnull (strstr (error->message, "cut.mqlw"));
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpuint (mqlw_project_get_dataset (project)->n_rows, ==, 60000);
          /* The ids a reopen leaves in the file: loaded, or refused naming it. */
          if (!mqlw_dataset_load_columns (mqlw_project_get_dataset (project), &error))
            {
              g_assert_true (error->domain == MQLW_PROJECT_ERROR);
              g_assert_nonnull (strstr (error->message, "cut.mqlw"));
            }
        }
    }
  /* The cut came before most of the columns were read. */
  g_assert_cmpuint (refused, >=, 3);
  forget ("cut.mqlw");
  forget ("big.mqlw");
  forget ("big.csv");
}

/* ---- memory refused ------------------------------------------------------ */

static rlim_t address_space;   /* for limit_memory (), in the child */

static void
limit_memory (gpointer user_data)
{
  struct rlimit limit = { address_space, address_space };

  if (setrlimit (RLIMIT_AS, &limit) != 0)
    _exit (126);
}

/* The job (calibrate) under address-space limits from far too small to
 * enough, in steps: each run either gives exactly the output of the run
 * without a limit, or fails cleanly (exit status 2, "not enough memory" and
 * the file's name on standard error), never a signal (an abort in an
 * allocator that gives up). Both happen over the range. */
static void
test_memory_limit (void)
{
  g_autofree char *csv = g_build_filename (dir, "mem.csv", NULL);
  const char *args[] = { "calibrate", "mem.csv", "--model", NULL, "--buckets", "width:10", "--threshold", "75",
                         "--format", "json", NULL };
  g_autofree char *model = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", "seed000-points.json", NULL);
  g_auto(Result) reference = { 0 };
  guint clean_failures = 0, successes = 0;

  {
    const char *gen[] = { "generate", "--leads", "300000", "--seed", "15", "-o", csv, NULL };
    g_auto(Result) r = { 0 };

    run (&r, gen);
    g_assert_cmpint (r.status, ==, 0);
  }
  args[3] = model;
  run (&reference, args);
  g_assert_cmpint (reference.status, ==, 0);
  for (rlim_t mb = 40; mb <= 400; mb += 16)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                          G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *argv[G_N_ELEMENTS (args) + 1];

      argv[0] = g_getenv ("MQLW_CLI");
      for (guint i = 0; i < G_N_ELEMENTS (args); i++)
        argv[i + 1] = args[i];
      address_space = mb << 20;
      g_subprocess_launcher_set_cwd (launcher, dir);
      g_subprocess_launcher_set_child_setup (launcher, limit_memory, NULL, NULL);
      process = g_subprocess_launcher_spawnv (launcher, argv, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
      g_assert_no_error (error);
      g_test_message ("%u MiB: %s", (guint) mb, err);
      g_assert_false (g_subprocess_get_if_signaled (process));
      if (g_subprocess_get_exit_status (process) == 0)
        {
          g_assert_cmpstr (out, ==, reference.out);
          successes++;
          continue;
        }
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
      g_assert_nonnull (strstr (err, "not enough memory"));
      g_assert_nonnull (strstr (err, "mem.csv"));
      clean_failures++;
    }
  g_assert_cmpuint (clean_failures, >, 0);
  g_assert_cmpuint (successes, >, 0);
  forget ("mem.csv");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("MQLW_CLI"));
  g_assert_nonnull (g_getenv ("MQLW_FAULT_SHIM"));
  setup_folder ();

  g_test_add_func ("/mqlw/faults/kill", test_kill);
  g_test_add_func ("/mqlw/faults/disk-full", test_disk_full);
  g_test_add_func ("/mqlw/faults/file-size-limit", test_file_size_limit);
  g_test_add_func ("/mqlw/faults/save-in-process", test_save_in_process);
  g_test_add_func ("/mqlw/faults/long-names", test_long_names);
  g_test_add_func ("/mqlw/faults/read-only-folder", test_read_only_folder);
  g_test_add_func ("/mqlw/faults/two-writers", test_two_writers);
  g_test_add_func ("/mqlw/faults/busy", test_busy);
  g_test_add_func ("/mqlw/faults/changed-underneath", test_changed_underneath);
  g_test_add_func ("/mqlw/faults/read-while-saving", test_read_while_saving);
  g_test_add_func ("/mqlw/faults/input-changes", test_input_changes);
  g_test_add_func ("/mqlw/faults/project-cut-while-opened", test_project_cut_while_opened);
  g_test_add_func ("/mqlw/faults/memory-limit", test_memory_limit);
  status = g_test_run ();
  if (status == 0)
    {
      /* Clean up only after success: a failure leaves the folder to look at. */
      g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
      const char *entry;
      while (listing != NULL && (entry = g_dir_read_name (listing)) != NULL)
        forget (entry);
      g_rmdir (dir);
    }
  return status;
}
