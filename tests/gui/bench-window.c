/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-bench-window"

#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "mqlw-application.h"
#include "mqlw-chart-view.h"
#include "mqlw-frame-queue.h"
#include "mqlw-window.h"

/* Main-thread cost of each step a workshop takes in the real window, on a
 * large history (not a test: run it by hand under Xvfb).
 *   bench-window HISTORY.csv MODEL.json [STEPS]
 * The window opens the pair through "Open sample history" (MQLW_SAMPLES_DIR
 * pointed at a directory of links), then the same history is opened again
 * through mqlw_workbench_load_async. For every step three main-thread costs:
 *   handler  the action's handler, called synchronously;
 *   frame    a frame's update + layout + paint (frame clock before-paint to
 *            after-paint), every frame until the step's figures are shown;
 *   stall    the longest gap between two runs of a 1 ms heartbeat while the
 *            step completes: anything that held the main loop (worker
 *            results shown, frames, idles).
 *   cpu      the main thread's own CPU time in its busiest frame: on a shared
 *            machine the frame's wall time also holds other processes' turns.
 * "worst" = max (handler, frame, stall) is what the user feels; a 60 Hz frame
 * is 16.7 ms, the target is under 8 ms. Timings are wall-clock medians / max. */

typedef struct {
  const char *name;
  GArray     *handler;   /* ms per step */
  GArray     *frame;     /* ms of the longest frame per step */
  GArray     *frame_cpu; /* the main thread's CPU ms in the frame of most CPU per step */
  GArray     *stall;     /* ms of the longest heartbeat gap per step */
  GArray     *total;     /* ms until the figures are shown */
  GArray     *split[3];  /* the longest frame's update, layout, paint */
} Phase;

static MqlwChartView *bench_chart;   /* draws a change on a worker thread */
static gint64 heartbeat_last;
static gint64 heartbeat_max_gap;
static gint64 paint_start;
static gint64 frame_max;
static gint64 paint_start_cpu;
static gint64 frame_cpu_max;
static guint  frames;
/* Where the longest frame went: the update phase (tick callbacks: the views
 * showing new figures), layout (measure + allocate) and paint (snapshot +
 * render). Our handlers run after GTK's own for each phase. */
static gint64 phase_mark;
static gint64 phase_now[3];
static gint64 phase_max[3];

/* The main thread's own CPU time: on a shared machine a frame's wall time
 * also counts the time other processes held the core. */
static gint64
get_thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
heartbeat_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (heartbeat_last != 0 && now - heartbeat_last > heartbeat_max_gap)
    heartbeat_max_gap = now - heartbeat_last;
  heartbeat_last = now;
  return G_SOURCE_CONTINUE;
}

static void
on_before_paint_cb (GdkFrameClock *clock,
                    gpointer       user_data)
{
  paint_start = g_get_monotonic_time ();
  paint_start_cpu = get_thread_cpu_us ();
}

static void
mark_phase (guint i)
{
  gint64 now = g_get_monotonic_time ();

  phase_now[i] = now - phase_mark;
  phase_mark = now;
}

static void
on_update_cb (GdkFrameClock *clock,
              gpointer       user_data)
{
  phase_mark = paint_start;
  mark_phase (0);
}

static void
on_layout_cb (GdkFrameClock *clock,
              gpointer       user_data)
{
  mark_phase (1);
}

static void
on_paint_cb (GdkFrameClock *clock,
             gpointer       user_data)
{
  mark_phase (2);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  gint64 spent = g_get_monotonic_time () - paint_start;
  gint64 cpu = get_thread_cpu_us () - paint_start_cpu;

  if (paint_start != 0 && spent > frame_max)
    {
      frame_max = spent;
      memcpy (phase_max, phase_now, sizeof phase_max);
    }
  if (paint_start != 0 && cpu > frame_cpu_max)
    frame_cpu_max = cpu;
  paint_start = 0;
  memset (phase_now, 0, sizeof phase_now);
  frames++;
}

static void
reset_meters (void)
{
  heartbeat_last = g_get_monotonic_time ();
  heartbeat_max_gap = 0;
  frame_max = 0;
  frame_cpu_max = 0;
  frames = 0;
  memset (phase_max, 0, sizeof phase_max);
}

/* Runs the main loop until the worker is done, one frame has been painted
 * after that (or nothing was left to paint) and the loop is idle. */
static void
complete_step (MqlwWorkbench *workbench)
{
  gint64 deadline;
  guint seen;

  while (mqlw_workbench_is_busy (workbench) || !mqlw_chart_view_is_current (bench_chart) ||
         !mqlw_frame_queue_is_idle (GTK_WIDGET (bench_chart)))
    g_main_context_iteration (NULL, TRUE);
  seen = frames;
  deadline = g_get_monotonic_time () + 100 * 1000;
  while (frames == seen && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
phase_init (Phase      *phase,
            const char *name)
{
  phase->name = name;
  phase->handler = g_array_new (FALSE, FALSE, sizeof (double));
  phase->frame = g_array_new (FALSE, FALSE, sizeof (double));
  phase->frame_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  phase->stall = g_array_new (FALSE, FALSE, sizeof (double));
  phase->total = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < 3; i++)
    phase->split[i] = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
phase_add (Phase  *phase,
           gint64  handler_us,
           gint64  total_us)
{
  double h = handler_us / 1000.0, f = frame_max / 1000.0, s = heartbeat_max_gap / 1000.0;
  double c = frame_cpu_max / 1000.0;
  double t = total_us / 1000.0;

  g_array_append_val (phase->handler, h);
  g_array_append_val (phase->frame, f);
  g_array_append_val (phase->frame_cpu, c);
  g_array_append_val (phase->stall, s);
  g_array_append_val (phase->total, t);
  for (guint i = 0; i < 3; i++)
    {
      double ms = phase_max[i] / 1000.0;
      g_array_append_val (phase->split[i], ms);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
summarize (GArray *values,
           double *median,
           double *max)
{
  g_array_sort (values, compare_doubles);
  *median = values->len ? g_array_index (values, double, values->len / 2) : NAN;
  *max = values->len ? g_array_index (values, double, values->len - 1) : NAN;
}

static void
phase_print (Phase *phase)
{
  double hm, hx, fm, fx, cm, cx, sm, sx, tm, tx, split[3], unused;

  for (guint i = 0; i < 3; i++)
    {
      summarize (phase->split[i], &split[i], &unused);
      g_array_unref (phase->split[i]);
    }
  summarize (phase->handler, &hm, &hx);
  summarize (phase->frame, &fm, &fx);
  summarize (phase->frame_cpu, &cm, &cx);
  summarize (phase->stall, &sm, &sx);
  summarize (phase->total, &tm, &tx);
  g_print ("%-28s n=%-3u handler %6.2f / %6.2f  frame %6.2f / %6.2f  (cpu %5.2f / %5.2f)  stall %6.2f / %6.2f  "
           "worst %6.2f  shown after %7.1f / %7.1f ms  (frame: update %.1f layout %.1f paint %.1f)\n",
           phase->name, phase->handler->len, hm, hx, fm, fx, cm, cx, sm, sx,
           MAX (hx, MAX (fx, sx)), tm, tx, split[0], split[1], split[2]);
  g_array_unref (phase->handler);
  g_array_unref (phase->frame);
  g_array_unref (phase->frame_cpu);
  g_array_unref (phase->stall);
  g_array_unref (phase->total);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!mqlw_workbench_load_finish (MQLW_WORKBENCH (object), result, &error))
    g_printerr ("load_async: %s\n", error->message);
  *done = TRUE;
}

/* One threshold or weight step: the handler, then everything it causes. */
#define STEP(phase, code)                                               \
  G_STMT_START {                                                        \
    gint64 _t0, _handler;                                               \
    reset_meters ();                                                    \
    _t0 = g_get_monotonic_time ();                                      \
    code;                                                               \
    _handler = g_get_monotonic_time () - _t0;                           \
    heartbeat_last = g_get_monotonic_time ();                           \
    complete_step (workbench);                                          \
    phase_add (phase, _handler, g_get_monotonic_time () - _t0);         \
  } G_STMT_END

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("mqlw-bench-XXXXXX", NULL);
  g_autofree char *history = NULL;
  g_autofree char *model = NULL;
  g_autoptr(MqlwModel) baseline = NULL;
  MqlwApplication *app;
  MqlwWindow *window;
  MqlwWorkbench *workbench;
  GdkFrameClock *clock;
  Phase open_window, open_async, threshold, drag, edit, undo, suggestion, sweep_show, sweep_threshold, sweep_edit;
  Phase decay_kind, remove_criterion;
  guint n_steps = argc > 3 ? (guint) atoi (argv[3]) : 20;
  gint64 t0;

  if (argc < 3)
    {
      g_printerr ("usage: %s HISTORY.csv MODEL.json [STEPS]\n", argv[0]);
      return 2;
    }
  history = g_build_filename (dir, "leads-5000.csv", NULL);
  model = g_build_filename (dir, "seed002-two-paths.json", NULL);
  /* Absolute targets: a relative one would point into the link's directory. */
  {
    g_autofree char *history_target = g_canonicalize_filename (argv[1], NULL);
    g_autofree char *model_target = g_canonicalize_filename (argv[2], NULL);

    if (symlink (history_target, history) != 0 || symlink (model_target, model) != 0)
      return 1;
  }
  g_setenv ("MQLW_SAMPLES_DIR", dir, TRUE);
  /* g_application_run sets the program name; without it the recent-files
   * entry gets no "exec" and GLib's bookmark writer escapes NULL (a critical). */
  g_set_prgname ("bench-window");
  g_set_application_name ("MQL Workbench bench");

  gtk_init ();
  app = mqlw_application_new (APPLICATION_ID ".Bench", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  window = mqlw_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  workbench = mqlw_window_get_workbench (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_assert (clock != NULL);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), NULL);
  g_signal_connect (clock, "update", G_CALLBACK (on_update_cb), NULL);
  g_signal_connect (clock, "layout", G_CALLBACK (on_layout_cb), NULL);
  g_signal_connect (clock, "paint", G_CALLBACK (on_paint_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
  g_timeout_add_full (G_PRIORITY_HIGH, 1, heartbeat_cb, NULL, NULL);

  bench_chart = MQLW_CHART_VIEW (mqlw_window_get_child (window, "chart"));
  phase_init (&open_window, "open (window: import+load)");
  phase_init (&open_async, "open (load_async)");
  phase_init (&threshold, "threshold move");
  phase_init (&drag, "drag (a move a frame)");
  phase_init (&edit, "weight edit");
  phase_init (&undo, "undo / redo");
  phase_init (&suggestion, "suggestion apply");
  phase_init (&sweep_show, "sweep show");
  phase_init (&sweep_threshold, "threshold, sweep shown");
  phase_init (&sweep_edit, "weight edit, sweep shown");
  phase_init (&decay_kind, "decay kind (group rebuilt)");
  phase_init (&remove_criterion, "remove criterion / undo");

  /* Open through the window, as a person does. */
  reset_meters ();
  t0 = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  heartbeat_last = g_get_monotonic_time ();
  while (!mqlw_workbench_has_data (workbench))
    g_main_context_iteration (NULL, TRUE);
  complete_step (workbench);
  phase_add (&open_window, 0, g_get_monotonic_time () - t0);
  baseline = mqlw_model_copy (mqlw_workbench_get_baseline (workbench));

  /* The same history again, loaded off the main thread. */
  for (guint i = 0; i < 2; i++)
    {
      gboolean done = FALSE;

      reset_meters ();
      t0 = g_get_monotonic_time ();
      mqlw_workbench_load_async (workbench, mqlw_workbench_get_dataset (workbench), baseline,
                                 NULL, on_loaded_cb, &done);
      heartbeat_last = g_get_monotonic_time ();
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      complete_step (workbench);
      phase_add (&open_async, 0, g_get_monotonic_time () - t0);
    }

  for (guint i = 0; i < n_steps; i++)
    STEP (&threshold,
          gtk_widget_activate_action (GTK_WIDGET (window), "win.set-threshold", "d",
                                      mqlw_workbench_get_threshold (workbench) + (i % 2 ? -1 : 1)));

  /* A drag: one move a frame, without waiting for the worker in between. */
  {
    double start = mqlw_workbench_get_threshold (workbench);

    for (guint i = 0; i < n_steps; i++)
      {
        gint64 t, handler;
        guint seen;
        gint64 deadline;

        reset_meters ();
        t = g_get_monotonic_time ();
        gtk_widget_activate_action (GTK_WIDGET (window), "win.set-threshold", "d",
                                    start + (i < n_steps / 2 ? (double) i : (double) (n_steps - i)));
        handler = g_get_monotonic_time () - t;
        heartbeat_last = g_get_monotonic_time ();
        seen = frames;
        deadline = g_get_monotonic_time () + 100 * 1000;
        while (frames == seen && g_get_monotonic_time () < deadline)
          g_main_context_iteration (NULL, TRUE);
        phase_add (&drag, handler, g_get_monotonic_time () - t);
      }
    complete_step (workbench);
  }

  for (guint i = 0; i < n_steps; i++)
    {
      MqlwFitRule *rule = g_ptr_array_index (mqlw_workbench_get_model (workbench)->fit, 0);
      g_autofree char *id = g_strdup (rule->id);
      double points = rule->points + (i % 2 ? -5 : 5);

      STEP (&edit,
            gtk_widget_activate_action (mqlw_window_get_child (window, "model"), "model.set-points",
                                        "(sd)", id, points));
    }

  for (guint i = 0; i < n_steps; i++)
    STEP (&undo,
          gtk_widget_activate_action (GTK_WIDGET (window), i % 2 ? "win.redo" : "win.undo", NULL));

  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(GArray) suggestions = mqlw_workbench_suggest (workbench);
      double target = NAN;

      for (guint k = 0; suggestions != NULL && k < suggestions->len; k++)
        {
          const MqlwSuggestion *s = &g_array_index (suggestions, MqlwSuggestion, (k + i) % suggestions->len);
          if (s->found && s->threshold != mqlw_workbench_get_threshold (workbench))
            {
              target = s->threshold;
              break;
            }
        }
      if (isnan (target))
        break;
      STEP (&suggestion,
            gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-suggestion", "d", target));
    }

  /* Structural edits: a settings group rebuilt, a criterion's row gone and back. */
  for (guint i = 0; i < n_steps / 2; i++)
    {
      static const char *kinds[] = { "steps", "half-life", "none" };

      STEP (&decay_kind,
            gtk_widget_activate_action (mqlw_window_get_child (window, "model"), "model.set-choice",
                                        "(ss)", "decay.kind", kinds[i % G_N_ELEMENTS (kinds)]));
    }
  for (guint i = 0; i < n_steps / 2; i++)
    {
      MqlwFitRule *rule = g_ptr_array_index (mqlw_workbench_get_model (workbench)->fit, 1);
      g_autofree char *id = g_strdup (rule->id);

      STEP (&remove_criterion,
            gtk_widget_activate_action (mqlw_window_get_child (window, "model"), "model.remove", "s", id));
      STEP (&remove_criterion, gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
    }

  for (guint i = 0; i < MAX (n_steps / 4, 2); i++)
    {
      mqlw_window_set_view (window, "chart");
      complete_step (workbench);
      STEP (&sweep_show, mqlw_window_set_view (window, "sweep"));
    }
  for (guint i = 0; i < n_steps; i++)
    STEP (&sweep_threshold,
          gtk_widget_activate_action (GTK_WIDGET (window), "win.set-threshold", "d",
                                      mqlw_workbench_get_threshold (workbench) + (i % 2 ? -1 : 1)));
  for (guint i = 0; i < n_steps / 2; i++)
    {
      MqlwFitRule *rule = g_ptr_array_index (mqlw_workbench_get_model (workbench)->fit, 0);
      g_autofree char *id = g_strdup (rule->id);

      STEP (&sweep_edit,
            gtk_widget_activate_action (mqlw_window_get_child (window, "model"), "model.set-points",
                                        "(sd)", id, rule->points + (i % 2 ? -5 : 5)));
    }
  mqlw_window_set_view (window, "chart");

  g_print ("%" G_GUINT64_FORMAT " leads, %u steps a phase; times in ms, median / max\n",
           (guint64) mqlw_workbench_get_dataset (workbench)->n_rows, n_steps);
  phase_print (&open_window);
  phase_print (&open_async);
  phase_print (&threshold);
  phase_print (&drag);
  phase_print (&edit);
  phase_print (&undo);
  phase_print (&suggestion);
  phase_print (&decay_kind);
  phase_print (&remove_criterion);
  phase_print (&sweep_show);
  phase_print (&sweep_threshold);
  phase_print (&sweep_edit);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (app);
  g_unlink (history);
  g_unlink (model);
  g_rmdir (dir);
  return 0;
}
