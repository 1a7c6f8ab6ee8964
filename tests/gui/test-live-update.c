/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-test-live-update"

#include "config.h"

#include <math.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "mqlw-application.h"
#include "mqlw-bucket-view.h"
#include "mqlw-format.h"
#include "mqlw-preview-panel.h"
#include "mqlw-window.h"

#include "gui-test-util.h"

/* A threshold move updates the bucket table and the preview in place: the
 * same row objects before and after, only the rows the threshold crossed
 * notified, and every figure equal to the core's, computed here from a
 * scorer and calibration of the test's own. A load off the main thread
 * (mqlw_workbench_load_async) shows the same figures as the synchronous one.
 * A structural model change keeps the model panel's rows (same objects). */

/* Waits, then lets "changed" handlers and redraws run. */
static void
wait_until (GuiTestCondition  condition,
            gpointer          data,
            const char       *what)
{
  gui_test_wait_until (condition, data, what);
  gui_test_drain ();
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* The preview's headline figures and every table cell against the core's. */
static void
assert_shows (MqlwWindow        *window,
              GuiTestReference *ref,
              double            threshold,
              MqlwBucketTable  *table)
{
  MqlwPreviewPanel *panel = MQLW_PREVIEW_PANEL (mqlw_window_get_child (window, "preview"));
  MqlwBucketView *buckets = MQLW_BUCKET_VIEW (mqlw_window_get_child (window, "buckets"));
  GListModel *rows = mqlw_bucket_view_get_rows (buckets);
  MqlwPreview p;

  mqlw_calibration_preview (ref->cal, threshold, ref->model->capacity_per_month, &p);
  gui_test_assert_figure (panel, "mql", mqlw_format_count (p.mql));
  gui_test_assert_figure (panel, "mql-share", mqlw_format_percent (p.mql_share));
  gui_test_assert_figure (panel, "sql", mqlw_format_rate (&p.stage[MQLW_STAGE_SQL]));
  gui_test_assert_figure (panel, "won", mqlw_format_rate (&p.stage[MQLW_STAGE_WON]));
  gui_test_assert_figure (panel, "wins-missed", mqlw_format_count (p.wins_missed));

  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, table->n_buckets);
  for (guint i = 0; i < table->n_buckets; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (rows, i);
      g_autofree char *leads = mqlw_bucket_view_dup_cell (buckets, i, "leads");
      g_autofree char *expected = mqlw_format_count (table->buckets[i].leads);
      gboolean above;

      g_assert_cmpstr (leads, ==, expected);
      g_object_get (row, "above", &above, NULL);
      /* A whole bucket is over the line when its lower edge is. */
      g_assert_cmpint (above, ==, table->buckets[i].lo >= threshold);
    }
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *counts)
{
  counts[g_str_equal (pspec->name, "above") ? 0 : 1]++;
}

static void
test_threshold_in_place (void)
{
  MqlwWindow *window = mqlw_window_new (gui_test_get_app ());
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  MqlwBucketView *buckets = MQLW_BUCKET_VIEW (mqlw_window_get_child (window, "buckets"));
  g_autoptr(MqlwBucketTable) table = NULL;
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree guint *counts = NULL;
  GListModel *rows;
  double threshold, target;
  guint crossed = 0, n;
  GuiTestReference ref = { 0 };

  gui_test_reference_init (&ref);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  wait_until (gui_test_has_data, window, "the sample");
  wait_until (gui_test_is_idle, window, "the worker");

  /* Fixed buckets of width 10 so the test knows where the edges are. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-buckets", "s", "width:10");
  wait_until (gui_test_is_idle, window, "the worker");
  {
    g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse ("width:10", NULL);
    table = mqlw_calibration_buckets (ref.cal, spec, NULL, NULL);
  }
  g_assert_nonnull (table);
  g_assert_cmpuint (table->n_buckets, >=, 3);
  threshold = mqlw_workbench_get_threshold (workbench);
  g_assert_cmpfloat (threshold, ==, ref.model->threshold);
  assert_shows (window, &ref, threshold, table);

  /* Move the line to the lower edge of the second bucket: the rows between
   * the old and the new threshold change sides, no bucket's figures change. */
  target = table->buckets[1].lo;
  g_assert_cmpfloat (target, !=, threshold);
  for (guint i = 0; i < table->n_buckets; i++)
    crossed += (table->buckets[i].lo >= threshold) != (table->buckets[i].lo >= target);
  g_assert_cmpuint (crossed, >, 0);

  rows = mqlw_bucket_view_get_rows (buckets);
  n = g_list_model_get_n_items (rows);
  counts = g_new0 (guint, 2);
  for (guint i = 0; i < n; i++)
    {
      GObject *row = g_list_model_get_item (rows, i);

      g_signal_connect (row, "notify", G_CALLBACK (count_notify_cb), counts);
      g_ptr_array_add (before, row);
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-threshold", "d", target);
  wait_until (gui_test_is_idle, window, "the worker");
  assert_shows (window, &ref, target, table);

  /* The same row objects, changed in place; only the crossed rows told. */
  g_assert_true (rows == mqlw_bucket_view_get_rows (buckets));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (rows, i);
      g_assert_true (row == g_ptr_array_index (before, i));
    }
  g_assert_cmpuint (counts[0], ==, crossed);
  g_assert_cmpuint (counts[1], ==, 0);

  for (guint i = 0; i < before->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (before, i), count_notify_cb, counts);
  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_reference_clear (&ref);
}

static void
on_superseded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (mqlw_workbench_load_finish (MQLW_WORKBENCH (object), result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *(gboolean *) user_data = TRUE;
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mqlw_workbench_load_finish (MQLW_WORKBENCH (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* The history loaded again off the main thread, with its threshold moved in
 * the model: the window shows the core's figures at that threshold. */
static void
test_load_async (void)
{
  MqlwWindow *window = mqlw_window_new (gui_test_get_app ());
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  g_autoptr(MqlwModel) moved = NULL;
  g_autoptr(MqlwBucketTable) table = NULL;
  gboolean done = FALSE, superseded = FALSE;
  GuiTestReference ref = { 0 };

  gui_test_reference_init (&ref);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  wait_until (gui_test_has_data, window, "the sample");
  wait_until (gui_test_is_idle, window, "the worker");

  /* Two loads in a row: the older one is dropped whichever thread ends first. */
  {
    g_autoptr(MqlwModel) older = mqlw_model_copy (ref.model);

    older->threshold = ref.model->threshold + 3;
    mqlw_workbench_load_async (workbench, ref.dataset, older, NULL, on_superseded_cb, &superseded);
  }
  moved = mqlw_model_copy (ref.model);
  moved->threshold = ref.model->threshold + 7;
  mqlw_workbench_load_async (workbench, ref.dataset, moved, NULL, on_loaded_cb, &done);
  /* Nothing changes until the state is swapped in. */
  g_assert_cmpfloat (mqlw_workbench_get_threshold (workbench), ==, ref.model->threshold);
  wait_until (is_true, &done, "the load");
  wait_until (is_true, &superseded, "the superseded load");
  g_assert_cmpfloat (mqlw_workbench_get_threshold (workbench), ==, moved->threshold);
  g_assert_false (mqlw_workbench_can_undo (workbench));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-buckets", "s", "width:10");
  wait_until (gui_test_is_idle, window, "the worker");
  {
    g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse ("width:10", NULL);
    table = mqlw_calibration_buckets (ref.cal, spec, NULL, NULL);
  }
  assert_shows (window, &ref, moved->threshold, table);

  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_reference_clear (&ref);
}

/* The preferences' verdict cuts reach the bucket table: with SQL cuts of
 * 2 / 5 / 20 % (instead of 10 / 30 / 50 %) every bucket's verdict equals the
 * core's for those cuts, and resetting the keys brings the defaults back. */
static void
test_verdict_settings (void)
{
  MqlwWindow *window = mqlw_window_new (gui_test_get_app ());
  MqlwBucketView *buckets = MQLW_BUCKET_VIEW (mqlw_window_get_child (window, "buckets"));
  g_autoptr(GSettings) settings = mqlw_window_dup_settings ();
  g_autoptr(MqlwBucketSpec) spec = mqlw_bucket_spec_parse ("width:10", NULL);
  MqlwVerdictCuts cuts, defaults;
  GuiTestReference ref = { 0 };

  g_assert_nonnull (settings);
  gui_test_reference_init (&ref);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  wait_until (gui_test_has_data, window, "the sample");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-buckets", "s", "width:10");
  wait_until (gui_test_is_idle, window, "the worker");

  mqlw_verdict_cuts_init_default (&defaults);
  cuts = defaults;
  cuts.marginal = 0.02;
  cuts.good = 0.05;
  cuts.hot = 0.20;
  g_settings_set_double (settings, "verdict-marginal", cuts.marginal);
  g_settings_set_double (settings, "verdict-good", cuts.good);
  g_settings_set_double (settings, "verdict-hot", cuts.hot);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(MqlwBucketTable) table = mqlw_calibration_buckets (ref.cal, spec, round == 0 ? &cuts : &defaults, NULL);
      guint differ = 0;

      g_assert_nonnull (table);
      g_assert_cmpuint (mqlw_bucket_view_get_n_rows (buckets), ==, table->n_buckets);
      for (guint i = 0; i < table->n_buckets; i++)
        {
          g_autofree char *shown = mqlw_bucket_view_dup_cell (buckets, i, "verdict");
          g_autoptr(MqlwBucketTable) other = mqlw_calibration_buckets (ref.cal, spec, round == 0 ? &defaults : &cuts, NULL);

          g_assert_cmpstr (shown, ==, _(mqlw_verdict_label (table->buckets[i].verdict)));
          differ += table->buckets[i].verdict != other->buckets[i].verdict;
        }
      /* The two cut sets really disagree somewhere on the sample. */
      g_assert_cmpuint (differ, >, 0);
      g_settings_reset (settings, "verdict-marginal");
      g_settings_reset (settings, "verdict-good");
      g_settings_reset (settings, "verdict-hot");
    }

  gtk_window_destroy (GTK_WINDOW (window));
  gui_test_reference_clear (&ref);
}

/* Every expander row under @widget, in order. */
static void
collect_expanders (GtkWidget *widget,
                   GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_EXPANDER_ROW (child))
        g_ptr_array_add (rows, child);
      collect_expanders (child, rows);
    }
}

static GtkWidget *
find_expander (GPtrArray  *rows,
               const char *title)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      return rows->pdata[i];
  return NULL;
}

static double
get_first_spin_value (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      double value;

      if (GTK_IS_SPIN_BUTTON (child))
        return gtk_spin_button_get_value (GTK_SPIN_BUTTON (child));
      if (!isnan (value = get_first_spin_value (child)))
        return value;
    }
  return NAN;
}

/* A structural change (a criterion added, then undone) updates the model
 * panel in place: every row there before is the same object after, the new
 * criterion gets one row of its own, and undo removes just that row. */
static void
test_model_rows_kept (void)
{
  MqlwWindow *window = mqlw_window_new (gui_test_get_app ());
  MqlwWorkbench *workbench = mqlw_window_get_workbench (window);
  GtkWidget *panel = mqlw_window_get_child (window, "model");
  g_autoptr(GPtrArray) before = g_ptr_array_new ();
  g_autoptr(GPtrArray) after = g_ptr_array_new ();
  g_autoptr(GPtrArray) undone = g_ptr_array_new ();
  g_autoptr(MqlwModel) added = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget **alive;
  GtkWidget *germany;
  MqlwFitRule *rule;

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-sample", NULL);
  wait_until (gui_test_has_data, window, "the sample");
  wait_until (gui_test_is_idle, window, "the worker");

  collect_expanders (panel, before);
  g_assert_cmpuint (before->len, >, 0);
  g_assert_null (find_expander (before, "Germany"));
  /* Weak pointers: a row destroyed and another allocated at its address
   * would otherwise pass for the same object. */
  alive = g_new0 (GtkWidget *, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      alive[i] = before->pdata[i];
      g_object_add_weak_pointer (G_OBJECT (alive[i]), (gpointer *) &alive[i]);
    }

  /* Add "Germany": country is DE, +12 points. */
  added = mqlw_model_copy (mqlw_workbench_get_model (workbench));
  rule = mqlw_model_add_fit (added, "germany", "country", MQLW_MATCH_EQUALS, 12);
  rule->label = g_strdup ("Germany");
  rule->match.values = g_strsplit ("DE", ",", -1);
  g_assert_true (mqlw_workbench_apply_model (workbench, added, MQLW_WORKBENCH_CHANGED_STRUCTURE, &error));
  g_assert_no_error (error);
  wait_until (gui_test_is_idle, window, "the worker");

  collect_expanders (panel, after);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  for (guint i = 0; i < before->len; i++)
    {
      guint index;

      g_assert_true (alive[i] == before->pdata[i]);
      g_assert_true (g_ptr_array_find (after, alive[i], &index));
    }
  germany = find_expander (after, "Germany");
  g_assert_nonnull (germany);
  g_assert_cmpfloat (get_first_spin_value (germany), ==, 12);

  /* Undo: the added row goes, the others stay. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  wait_until (gui_test_is_idle, window, "the worker");
  collect_expanders (panel, undone);
  g_assert_cmpuint (undone->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      g_assert_true (alive[i] == before->pdata[i]);
      g_assert_true (undone->pdata[i] == before->pdata[i]);
    }

  for (guint i = 0; i < before->len; i++)
    g_object_remove_weak_pointer (G_OBJECT (alive[i]), (gpointer *) &alive[i]);
  g_free (alive);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv, APPLICATION_ID ".TestLive", G_APPLICATION_NON_UNIQUE);

  g_test_add_func ("/mqlw/gui/live-update/threshold-in-place", test_threshold_in_place);
  g_test_add_func ("/mqlw/gui/live-update/load-async", test_load_async);
  g_test_add_func ("/mqlw/gui/live-update/verdict-settings", test_verdict_settings);
  g_test_add_func ("/mqlw/gui/live-update/model-rows-kept", test_model_rows_kept);

  return gui_test_run ();
}
