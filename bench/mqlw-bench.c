/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-bench"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "mqlw-core.h"

/* mqlw-bench — the performance benchmark of DESIGN.md §5 (run by
 * bench/run-bench.sh, never by the test suite). Each mode prints key=value
 * lines that the driver script turns into a table:
 *
 *   mqlw-bench generate N SEED FILE     synthetic history (when the CLI is not built)
 *   mqlw-bench import FILE              wall time and peak RSS of a full import
 *   mqlw-bench memchr FILE              one memchr pass counting lines (the floor)
 *   mqlw-bench whatif FILE MODEL        what-if step, float-column pass, threshold move
 *   mqlw-bench reopen PROJECT           wall time of opening a saved project, data included */

#define WHATIF_ITERATIONS    50
#define THRESHOLD_MOVES      10000

static double
now_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* CPU time of the whole process (every thread): on a loaded machine the
 * work done, where wall time also counts the waits for a core. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Minor page faults of the process so far: pages touched for the first time. */
static long
minor_faults (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;
  return usage.ru_minflt;
}

static long
peak_rss_kib (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;
  return usage.ru_maxrss;   /* KiB on Linux */
}

/* Resident now (VmRSS), in KiB; −1 without /proc. */
static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return -1;
  return strtol (line + strlen ("VmRSS:"), NULL, 10);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_of (double *values,
           guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

/* The 95th percentile by the nearest rank; sorts @values. */
static double
p95_of (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[MIN (n - 1, (guint) ceil (0.95 * n) - 1)];
}

static int
run_generate (const char *n_text,
              const char *seed_text,
              const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  MqlwGenerateOptions options;
  double start;

  mqlw_generate_options_init (&options);
  if (!g_ascii_string_to_unsigned (n_text, 10, 0, G_MAXUINT32, &options.n_leads, &error)
      || !g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &options.seed, &error))
    {
      g_printerr ("mqlw-bench: %s\n", error->message);
      return 2;
    }
  start = now_seconds ();
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  if (out == NULL
      || !mqlw_generate (G_OUTPUT_STREAM (out), &options, NULL, NULL, NULL, &error)
      || !g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error))
    {
      g_printerr ("mqlw-bench: %s: %s\n", path, error->message);
      return 1;
    }
  printf ("generate_seconds=%.3f\n", now_seconds () - start);
  return 0;
}

static int
run_import (const char *path)
{
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  double start, seconds;

  start = now_seconds ();
  dataset = mqlw_import_file (path, NULL, NULL, NULL, NULL, &error);
  seconds = now_seconds () - start;
  if (dataset == NULL)
    {
      g_printerr ("mqlw-bench: %s\n", error->message);
      return 1;
    }
  printf ("rows=%u\n", dataset->n_rows);
  printf ("columns=%u\n", dataset->columns->len);
  printf ("import_seconds=%.4f\n", seconds);
  printf ("peak_rss_kib=%ld\n", peak_rss_kib ());
  return 0;
}

static int
run_memchr (const char *path)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) error = NULL;
  double best = INFINITY;
  guint64 lines = 0;

  mapped = g_mapped_file_new (path, FALSE, &error);
  if (mapped == NULL)
    {
      g_printerr ("mqlw-bench: %s\n", error->message);
      return 1;
    }
  /* Best of three: the first pass also pays for the page cache. */
  for (guint pass = 0; pass < 3; pass++)
    {
      const char *p = g_mapped_file_get_contents (mapped);
      const char *end = p + g_mapped_file_get_length (mapped);
      double start = now_seconds ();

      lines = 0;
      while (p < end && (p = memchr (p, '\n', end - p)) != NULL)
        {
          lines++;
          p++;
        }
      best = MIN (best, now_seconds () - start);
    }
  printf ("lines=%" G_GUINT64_FORMAT "\n", lines);
  printf ("memchr_seconds=%.4f\n", best);
  return 0;
}

/* Changes one weight of @model: the rule MQLW_BENCH_RULE names (an id),
 * else the first enabled behaviour rule, else the first fit rule, by ±1
 * point so that every step really differs. */
static gboolean
nudge_weight (MqlwModel *model,
              guint      step)
{
  double delta = step % 2 == 0 ? 1.0 : -1.0;
  const char *id = g_getenv ("MQLW_BENCH_RULE");

  for (guint i = 0; id != NULL && i < model->behaviour->len; i++)
    {
      MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);

      if (g_strcmp0 (rule->id, id) == 0)
        {
          rule->points += delta;
          return TRUE;
        }
    }
  for (guint i = 0; id != NULL && i < model->fit->len; i++)
    {
      MqlwFitRule *rule = g_ptr_array_index (model->fit, i);

      if (g_strcmp0 (rule->id, id) == 0)
        {
          rule->points += delta;
          return TRUE;
        }
    }

  for (guint i = 0; i < model->behaviour->len; i++)
    {
      MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);

      if (rule->enabled)
        {
          rule->points += delta;
          return TRUE;
        }
    }
  for (guint i = 0; i < model->fit->len; i++)
    {
      MqlwFitRule *rule = g_ptr_array_index (model->fit, i);

      if (rule->enabled)
        {
          rule->points += delta;
          return TRUE;
        }
    }
  return FALSE;
}

static guint
whatif_steps (void)
{
  const char *text = g_getenv ("MQLW_BENCH_WHATIF_STEPS");
  guint64 steps = WHATIF_ITERATIONS;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, 100000, &steps, NULL))
    steps = WHATIF_ITERATIONS;
  return (guint) steps;
}

static int
run_whatif (const char *path,
            const char *model_path)
{
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(MqlwModel) model = NULL;
  g_autoptr(MqlwScorer) scorer = NULL;
  g_autoptr(MqlwBucketSpec) spec = NULL;
  g_autoptr(MqlwHistogram) histogram = NULL;
  g_autoptr(GError) error = NULL;
  /* MQLW_BENCH_WHATIF_STEPS=N: more steps than the default 50, for steadier
   * medians on a loaded machine. */
  const guint n_steps = whatif_steps ();
  g_autofree double *times = g_new (double, MAX (n_steps, THRESHOLD_MOVES));
  g_autofree double *phase_times = g_new (double, 4 * (gsize) n_steps);
  double *phases[4] = { phase_times, phase_times + n_steps,              /* update, calibration, */
                        phase_times + 2 * n_steps, phase_times + 3 * n_steps };   /* buckets, preview */
  g_autofree double *moved = g_new (double, n_steps);   /* leads the calibration moved */
  g_autofree double *cpu = g_new (double, n_steps);     /* CPU time of each step, all threads */
  g_autofree long *faults = g_new (long, n_steps);      /* minor page faults of each step */
  gboolean full_rebuild = g_strcmp0 (g_getenv ("MQLW_BENCH_FULL_REBUILD"), "1") == 0;
  gboolean steps_out = g_strcmp0 (g_getenv ("MQLW_BENCH_STEPS"), "1") == 0;
  const MqlwScores *scores;
  volatile float sink = 0.0f;
  MqlwPreview preview;
  double min_score, max_score, t_column, t_whatif, t_whatif_p95, t_move;
  guint64 mql_sum = 0;
  long peak_import, peak_scorer, peak_steps;   /* KiB: what holds the peak */
  long rss_import, rss_scorer, rss_histogram;

  dataset = mqlw_import_file (path, NULL, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    {
      g_printerr ("mqlw-bench: %s\n", error->message);
      return 1;
    }
  peak_import = peak_rss_kib ();
  rss_import = rss_kib ();
  model = mqlw_model_load (model_path, &error);
  if (model == NULL)
    {
      g_printerr ("mqlw-bench: %s\n", error->message);
      return 1;
    }
  scorer = mqlw_scorer_new (dataset, model, &error);
  if (scorer == NULL)
    {
      g_printerr ("mqlw-bench: %s\n", error->message);
      return 1;
    }
  /* As mqlw_scoring_new (MQLW_SCORING_WHAT_IF) does for the window. */
  mqlw_scorer_prepare_edits (scorer);
  rss_scorer = rss_kib ();
  spec = mqlw_bucket_spec_parse ("width:10", &error);
  g_assert_no_error (error);
  scores = mqlw_scorer_get_scores (scorer);
  /* As the window does: the counts kept from step to step, so that a step
   * moves only the leads whose score changed. */
  histogram = mqlw_histogram_new (&dataset->outcomes);
  mqlw_calibration_free (mqlw_histogram_calibrate (histogram, scores, mqlw_scorer_get_model (scorer)->paths.score));
  peak_scorer = peak_rss_kib ();
  rss_histogram = rss_kib ();

  /* Reference: one pass summing a float column of n leads. */
  for (guint i = 0; i < n_steps; i++)
    {
      double start = now_seconds ();
      float sum = 0.0f;

      for (guint row = 0; row < scores->n; row++)
        sum += scores->fit[row];
      sink = sum;
      times[i] = now_seconds () - start;
    }
  t_column = median_of (times, n_steps);

  /* What-if step: one weight changed → rescore → calibration → buckets → preview. */
  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(MqlwModel) edited = mqlw_model_copy (mqlw_scorer_get_model (scorer));
      g_autoptr(MqlwCalibration) calibration = NULL;
      g_autoptr(MqlwBucketTable) table = NULL;
      long faults_start = minor_faults ();
      double start = now_seconds (), cpu_start = cpu_seconds (), mark;

      if (!nudge_weight (edited, i))
        {
          g_printerr ("mqlw-bench: %s has no rule to change\n", model_path);
          return 1;
        }
      if (!mqlw_scorer_update (scorer, edited, &error))
        {
          g_printerr ("mqlw-bench: %s\n", error->message);
          return 1;
        }
      mark = now_seconds ();
      phases[0][i] = mark - start;
      scores = mqlw_scorer_get_scores (scorer);
      /* MQLW_BENCH_FULL_REBUILD=1: the full rebuild, for before/after runs. */
      calibration = full_rebuild ? mqlw_calibration_new (scores, &dataset->outcomes, edited->paths.score)
                                 : mqlw_histogram_calibrate (histogram, scores, edited->paths.score);
      phases[1][i] = now_seconds () - mark;
      moved[i] = mqlw_histogram_get_moved_for_testing (histogram);
      mark = now_seconds ();
      table = mqlw_calibration_buckets (calibration, spec, NULL, &error);
      phases[2][i] = now_seconds () - mark;
      if (table == NULL)
        {
          g_printerr ("mqlw-bench: %s\n", error->message);
          return 1;
        }
      mark = now_seconds ();
      mqlw_calibration_preview (calibration, edited->threshold, edited->capacity_per_month, &preview);
      phases[3][i] = now_seconds () - mark;
      times[i] = now_seconds () - start;
      cpu[i] = cpu_seconds () - cpu_start;
      faults[i] = minor_faults () - faults_start;
      mql_sum += preview.mql;
      /* MQLW_BENCH_STEPS=1: each step's phases, to see what the slow ones are. */
      if (steps_out)
        g_printerr ("step=%u total_ms=%.3f update_ms=%.3f calibration_ms=%.3f buckets_ms=%.3f "
                    "preview_ms=%.3f cpu_ms=%.3f moved=%.0f faults=%ld\n",
                    i, times[i] * 1e3, phases[0][i] * 1e3, phases[1][i] * 1e3, phases[2][i] * 1e3,
                    phases[3][i] * 1e3, cpu[i] * 1e3, moved[i], faults[i]);
    }
  peak_steps = peak_rss_kib ();
  t_whatif = median_of (times, n_steps);
  t_whatif_p95 = p95_of (times, n_steps);

  /* Threshold move alone: previews at thresholds spread over the score range. */
  {
    g_autoptr(MqlwCalibration) calibration =
      mqlw_calibration_new (mqlw_scorer_get_scores (scorer), &dataset->outcomes,
                            mqlw_scorer_get_model (scorer)->paths.score);

    mqlw_calibration_score_range (calibration, &min_score, &max_score);
    for (guint i = 0; i < THRESHOLD_MOVES; i++)
      {
        /* A stride coprime with the count visits the range in a scattered order. */
        double threshold = min_score + (max_score - min_score) * ((i * 7919u) % THRESHOLD_MOVES)
                                       / (double) THRESHOLD_MOVES;
        double start = now_seconds ();

        mqlw_calibration_preview (calibration, threshold, NAN, &preview);
        times[i] = now_seconds () - start;
        mql_sum += preview.mql;
      }
    t_move = median_of (times, THRESHOLD_MOVES);
  }

  printf ("rows=%u\n", dataset->n_rows);
  printf ("score_min=%g\nscore_max=%g\n", min_score, max_score);
  printf ("column_pass_ms=%.4f\n", t_column * 1e3);
  printf ("whatif_ms=%.4f\n", t_whatif * 1e3);
  printf ("whatif_p95_ms=%.4f\n", t_whatif_p95 * 1e3);
  printf ("whatif_update_ms=%.4f\n", median_of (phases[0], n_steps) * 1e3);
  printf ("whatif_calibration_ms=%.4f\n", median_of (phases[1], n_steps) * 1e3);
  printf ("whatif_buckets_ms=%.4f\n", median_of (phases[2], n_steps) * 1e3);
  printf ("whatif_preview_ms=%.4f\n", median_of (phases[3], n_steps) * 1e3);
  printf ("whatif_cpu_ms=%.4f\n", median_of (cpu, n_steps) * 1e3);
  printf ("whatif_cpu_p95_ms=%.4f\n", p95_of (cpu, n_steps) * 1e3);
  printf ("whatif_moved_leads=%.0f\n", median_of (moved, n_steps));
  printf ("threshold_move_us=%.4f\n", t_move * 1e6);
  /* Peak RSS so far after the import, after scorer and histogram, after the steps. */
  printf ("whatif_peak_import_mib=%.1f\n", peak_import / 1024.0);
  printf ("whatif_peak_scorer_mib=%.1f\n", peak_scorer / 1024.0);
  printf ("whatif_peak_steps_mib=%.1f\n", peak_steps / 1024.0);
  printf ("whatif_rss_import_mib=%.1f\nwhatif_rss_scorer_mib=%.1f\nwhatif_rss_histogram_mib=%.1f\n",
          rss_import / 1024.0, rss_scorer / 1024.0, rss_histogram / 1024.0);
  printf ("checksum=%" G_GUINT64_FORMAT " %g\n", mql_sum, (double) sink);
  return 0;
}

/* Opening a saved project as the window and the CLI do: the file, its
 * dataset and its model versions, ready to score. */
static int
run_reopen (const char *path)
{
  g_autoptr(MqlwProject) project = NULL;
  g_autoptr(GError) error = NULL;
  double start, seconds;

  start = now_seconds ();
  project = mqlw_project_open (path, NULL, NULL, NULL, &error);
  seconds = now_seconds () - start;
  if (project == NULL)
    {
      g_printerr ("mqlw-bench: %s\n", error->message);
      return 1;
    }
  printf ("rows=%u\n", mqlw_project_get_dataset (project)->n_rows);
  printf ("reopen_ms=%.3f\n", seconds * 1e3);
  printf ("peak_rss_kib=%ld\n", peak_rss_kib ());
  return 0;
}

static void
print_usage (void)
{
  g_printerr ("Usage:\n"
              "  mqlw-bench generate N SEED FILE\n"
              "  mqlw-bench import FILE\n"
              "  mqlw-bench memchr FILE\n"
              "  mqlw-bench whatif FILE MODEL.json\n"
              "  mqlw-bench reopen PROJECT.mqlw\n");
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "generate"))
    return run_generate (argv[2], argv[3], argv[4]);
  if (argc == 3 && g_str_equal (argv[1], "import"))
    return run_import (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "memchr"))
    return run_memchr (argv[2]);
  if (argc == 4 && g_str_equal (argv[1], "whatif"))
    return run_whatif (argv[2], argv[3]);
  if (argc == 3 && g_str_equal (argv[1], "reopen"))
    return run_reopen (argv[2]);
  print_usage ();
  return 2;
}
