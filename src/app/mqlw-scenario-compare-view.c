/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-scenario-compare-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "mqlw-scenario-compare-view.h"

typedef struct {
  MqlwWorkbench *workbench;   /* a ref */
  MqlwProject   *project;     /* a ref */
  GPtrArray     *checks;      /* GtkCheckButton, one per scenario, in the project's order */
  GPtrArray     *order;       /* char*: the checked scenarios, in the order they were checked */
  GtkWidget     *table_box;   /* holds the grid (or the message) */
  GHashTable    *texts;       /* "row:column:part" → GtkLabel */
  gboolean       syncing;
  /* The scoring under way (Job), cancelled by a newer one or by closing. */
  GCancellable  *cancellable;
  gboolean       busy;
  GtkWidget     *window;      /* the dialog (not a ref: it owns this) */
  /* The spinner waits PROGRESS_DELAY_MS: a quick compare shows its table
   * without a flash of spinner. */
  guint          progress_source;
  guint          done;
  guint          total;
} Compare;

#define PROGRESS_DELAY_MS 400

static void
compare_free (Compare *c)
{
  if (c->cancellable != NULL)
    g_cancellable_cancel (c->cancellable);
  g_clear_object (&c->cancellable);
  g_clear_handle_id (&c->progress_source, g_source_remove);
  g_clear_object (&c->workbench);
  g_clear_pointer (&c->project, mqlw_project_unref);
  g_ptr_array_unref (c->checks);
  g_ptr_array_unref (c->order);
  g_hash_table_unref (c->texts);
  g_free (c);
}

static GtkWidget *
cell_label (Compare    *c,
            const char *row_id,
            guint       column,
            const char *part,
            const char *text,
            const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  gtk_widget_set_visible (label, text[0] != '\0');
  g_hash_table_insert (c->texts, g_strdup_printf ("%s:%u:%s", row_id, column, part), label);
  return label;
}

static GtkWidget *
create_cell (Compare                *c,
             const MqlwScenarioRow  *row,
             guint                   column)
{
  const MqlwScenarioCell *cell = &row->cells[column];
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *value = cell_label (c, row->id, column, "value", cell->value, "figure-value");
  GtkWidget *note = cell_label (c, row->id, column, "note", cell->note, "figure-caption");
  GtkWidget *change = cell_label (c, row->id, column, "change", cell->change, "figure-change");
  g_autofree char *accessible = NULL;

  gtk_widget_add_css_class (value, "numeric");
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_add_css_class (change, "numeric");
  if (cell->sense > 0)
    gtk_widget_add_css_class (change, "change-good");
  else if (cell->sense < 0)
    gtk_widget_add_css_class (change, "change-bad");
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), note);
  gtk_box_append (GTK_BOX (box), change);
  gtk_widget_set_hexpand (box, TRUE);
  accessible = g_strjoin (" ", row->label, cell->value, cell->note, cell->change, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (value), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return box;
}

static GtkWidget *
create_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "title-4");
  return label;
}

static void
clear_table (Compare *c)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (c->table_box)) != NULL)
    gtk_box_remove (GTK_BOX (c->table_box), child);
  g_hash_table_remove_all (c->texts);
}

static void
show_message (Compare    *c,
              const char *text,
              const char *icon)
{
  GtkWidget *status = adw_status_page_new ();

  clear_table (c);
  adw_status_page_set_title (ADW_STATUS_PAGE (status), text);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), icon != NULL ? icon : "view-dual-symbolic");
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (c->table_box), status);
}

static void show_progress_now (Compare *c);

static gboolean
progress_due_cb (gpointer data)
{
  Compare *c = data;

  c->progress_source = 0;
  if (c->busy)
    show_progress_now (c);
  return G_SOURCE_REMOVE;
}

/* While the models are scored: a spinner and how many are done, once the
 * scoring has taken PROGRESS_DELAY_MS (until then the dialog stays as it was). */
static void
show_progress (Compare *c,
               guint    done,
               guint    total)
{
  GtkWidget *status = gtk_widget_get_first_child (c->table_box);

  c->done = done;
  c->total = total;
  if (ADW_IS_STATUS_PAGE (status) && g_object_get_data (G_OBJECT (status), "progress") != NULL)
    show_progress_now (c);
  else if (c->progress_source == 0)
    c->progress_source = g_timeout_add (PROGRESS_DELAY_MS, progress_due_cb, c);
}

static void
show_progress_now (Compare *c)
{
  GtkWidget *status = gtk_widget_get_first_child (c->table_box);
  guint done = c->done, total = c->total;
  g_autofree char *text = NULL;

  if (!(ADW_IS_STATUS_PAGE (status) && g_object_get_data (G_OBJECT (status), "progress") != NULL))
    {
      GtkWidget *spinner = gtk_spinner_new ();

      clear_table (c);
      status = adw_status_page_new ();
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Scoring the scenarios…"));
      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_widget_set_size_request (spinner, 32, 32);
      gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
      adw_status_page_set_child (ADW_STATUS_PAGE (status), spinner);
      gtk_widget_set_vexpand (status, TRUE);
      g_object_set_data (G_OBJECT (status), "progress", GINT_TO_POINTER (1));
      gtk_widget_set_name (status, "compare-progress");
      gtk_box_append (GTK_BOX (c->table_box), status);
    }
  /* Translators: the comparison's progress, "2 of 4 models scored". */
  text = g_strdup_printf (g_dngettext (NULL, "%u of %u model scored", "%u of %u models scored", total), done, total);
  adw_status_page_set_description (ADW_STATUS_PAGE (status), text);
}

static void
show_table (Compare                      *c,
            const MqlwScenarioComparison *comparison)
{
  g_autoptr(GPtrArray) rows = mqlw_scenario_comparison_table (comparison, MQLW_FORMAT_DISPLAY);
  GtkWidget *grid = gtk_grid_new ();

  clear_table (c);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 24);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), FALSE);
  gtk_widget_set_margin_start (grid, 18);
  gtk_widget_set_margin_end (grid, 18);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 18);
  gtk_grid_attach (GTK_GRID (grid), create_heading (comparison->reference_name), 1, 0, 1, 1);
  for (guint k = 0; k < comparison->n_scenarios; k++)
    gtk_grid_attach (GTK_GRID (grid), create_heading (comparison->scenarios[k].name), 2 + k, 0, 1, 1);
  for (guint r = 0; r < rows->len; r++)
    {
      const MqlwScenarioRow *row = rows->pdata[r];
      GtkWidget *label = gtk_label_new (row->label);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_yalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
      gtk_widget_add_css_class (label, "figure-title");
      gtk_widget_add_css_class (label, "compare-row-label");
      gtk_grid_attach (GTK_GRID (grid), label, 0, 1 + r, 1, 1);
      for (guint k = 0; k <= comparison->n_scenarios; k++)
        gtk_grid_attach (GTK_GRID (grid), create_cell (c, row, k), 1 + k, 1 + r, 1, 1);
    }
  gtk_box_append (GTK_BOX (c->table_box), grid);
}

/* ---- scoring off the main thread ----------------------------------------- */

/* Today's model and each checked scenario's are scored by the core's
 * asynchronous chain (mqlw_scoring_new_async), side by side; the previews
 * and swap sets then take a pass over the leads in a worker thread too. */
typedef struct {
  GtkWidget    *window;            /* a ref: the dialog, until the job ends */
  GCancellable *cancellable;
  MqlwDataset  *dataset;           /* a ref */
  double        months;
  guint         n;                 /* scenarios; scorings[0] is today's */
  char         *names[1 + MQLW_SCENARIO_COMPARE_MAX];
  MqlwModel    *models[1 + MQLW_SCENARIO_COMPARE_MAX];   /* copies */
  MqlwScoring  *scorings[1 + MQLW_SCENARIO_COMPARE_MAX];
  guint         pending;
  GError       *error;             /* the first one */
} Job;

static void
job_free (Job *job)
{
  for (guint i = 0; i <= job->n; i++)
    {
      g_free (job->names[i]);
      g_clear_pointer (&job->models[i], mqlw_model_unref);
      g_clear_pointer (&job->scorings[i], mqlw_scoring_unref);
    }
  g_clear_error (&job->error);
  g_clear_pointer (&job->dataset, mqlw_dataset_unref);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->window);
  g_free (job);
}

/* The job is over: @error (nullable) or @comparison (nullable) on show,
 * unless a newer job or the closing took the dialog's attention. */
static void
job_finish (Job                          *job,
            const GError                 *error,
            const MqlwScenarioComparison *comparison)
{
  Compare *c = g_object_get_data (G_OBJECT (job->window), "compare");

  if (c == NULL || c->cancellable != job->cancellable)
    return;
  c->busy = FALSE;
  g_clear_object (&c->cancellable);
  g_clear_handle_id (&c->progress_source, g_source_remove);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      show_message (c, _("Could Not Compare These Scenarios"), "dialog-warning-symbolic");
      adw_status_page_set_description (ADW_STATUS_PAGE (gtk_widget_get_first_child (c->table_box)), error->message);
    }
  else if (comparison != NULL)
    show_table (c, comparison);
}

static void
compare_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  const char *names[MQLW_SCENARIO_COMPARE_MAX];

  for (guint i = 0; i < job->n; i++)
    names[i] = job->names[1 + i];
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task,
                         mqlw_scenario_compare_scorings (job->scorings[0], job->names[0], names,
                                                         job->scorings + 1, job->n, job->months),
                         (GDestroyNotify) mqlw_scenario_comparison_free);
}

static void
on_compared_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwScenarioComparison) comparison = g_task_propagate_pointer (G_TASK (result), &error);

  job_finish (job, error, comparison);
}

typedef struct {
  Job   *job;
  guint  index;
} Slot;

static void
on_scored_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Slot *slot = user_data;
  Job *job = slot->job;
  guint index = slot->index;
  g_autoptr(GError) error = NULL;
  MqlwScoring *scoring = mqlw_scoring_new_finish (result, &error);
  Compare *c = g_object_get_data (G_OBJECT (job->window), "compare");
  g_autoptr(GTask) task = NULL;

  g_free (slot);
  job->pending--;
  job->scorings[index] = scoring;
  if (scoring == NULL && job->error == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        job->error = g_steal_pointer (&error);
      else
        /* Which model, as the core says it (mqlw-scenario-compare.c). */
        job->error = g_error_new (error->domain, error->code, _("The scenario “%s” does not fit the data: %s"),
                                  job->names[index], error->message);
      /* The others are of no use now. */
      g_cancellable_cancel (job->cancellable);
    }
  if (c != NULL && c->cancellable == job->cancellable && job->error == NULL)
    show_progress (c, job->n + 1 - job->pending, job->n + 1);
  if (job->pending > 0)
    return;
  if (job->error != NULL)
    {
      job_finish (job, job->error, NULL);
      job_free (job);
      return;
    }
  task = g_task_new (NULL, job->cancellable, on_compared_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_set_name (task, "mqlw-scenario-compare");
  g_task_run_in_thread (task, compare_thread);
}

static void
start_job (Compare           *c,
           MqlwDataset       *dataset,
           MqlwModel         *today,
           const char *const *names,
           MqlwModel *const  *models,
           guint              n)
{
  Job *job = g_new0 (Job, 1);

  c->cancellable = g_cancellable_new ();
  c->busy = TRUE;
  job->window = g_object_ref (c->window);
  job->cancellable = g_object_ref (c->cancellable);
  job->dataset = mqlw_dataset_ref (dataset);
  job->months = mqlw_workbench_get_months (c->workbench);
  job->n = n;
  job->names[0] = g_strdup (_("Today"));
  job->models[0] = mqlw_model_copy (today);
  for (guint i = 0; i < n; i++)
    {
      job->names[1 + i] = g_strdup (names[i]);
      job->models[1 + i] = mqlw_model_copy (models[i]);
    }
  job->pending = n + 1;
  show_progress (c, 0, n + 1);
  for (guint i = 0; i <= n; i++)
    {
      Slot *slot = g_new0 (Slot, 1);

      slot->job = job;
      slot->index = i;
      mqlw_scoring_new_async (dataset, job->models[i], MQLW_SCORING_NONE, job->cancellable, on_scored_cb, slot);
    }
}

/* The table for the checked scenarios; a change of them cancels the
 * scoring under way. */
static void
rebuild (Compare *c)
{
  MqlwDataset *dataset = mqlw_workbench_get_dataset (c->workbench);
  MqlwModel *today = mqlw_workbench_get_baseline (c->workbench);
  const char *names[MQLW_SCENARIO_COMPARE_MAX];
  MqlwModel *models[MQLW_SCENARIO_COMPARE_MAX];
  guint n = 0;

  if (c->cancellable != NULL)
    g_cancellable_cancel (c->cancellable);
  g_clear_object (&c->cancellable);
  g_clear_handle_id (&c->progress_source, g_source_remove);
  c->busy = FALSE;
  for (guint i = 0; i < c->order->len && n < MQLW_SCENARIO_COMPARE_MAX; i++)
    {
      const MqlwScenario *s = mqlw_project_get_scenario (c->project, c->order->pdata[i]);

      if (s == NULL || s->model == NULL)
        continue;
      names[n] = s->name;
      models[n++] = s->model;
    }
  if (dataset == NULL || today == NULL)
    show_message (c, _("Open a lead history to compare scenarios on it"), NULL);
  else if (n == 0)
    show_message (c, _("Check up to three scenarios to see them beside today’s model"), NULL);
  else
    start_job (c, dataset, today, names, models, n);
}

static void
on_check_toggled_cb (GtkCheckButton *check,
                     Compare        *c)
{
  const char *name = g_object_get_data (G_OBJECT (check), "scenario");
  guint index;

  if (c->syncing)
    return;
  if (gtk_check_button_get_active (check))
    {
      if (!g_ptr_array_find_with_equal_func (c->order, name, g_str_equal, NULL))
        g_ptr_array_add (c->order, g_strdup (name));
    }
  else if (g_ptr_array_find_with_equal_func (c->order, name, g_str_equal, &index))
    g_ptr_array_remove_index (c->order, index);
  /* At most three side by side: the others wait until one is unchecked. */
  for (guint i = 0; i < c->checks->len; i++)
    {
      GtkCheckButton *other = c->checks->pdata[i];

      gtk_widget_set_sensitive (GTK_WIDGET (other), gtk_check_button_get_active (other) ||
                                c->order->len < MQLW_SCENARIO_COMPARE_MAX);
    }
  rebuild (c);
}

static GtkWidget *
create_chooser (Compare *c)
{
  GPtrArray *scenarios = mqlw_project_get_scenarios (c->project);
  GtkWidget *box = gtk_flow_box_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_("Side by side (up to three):"));

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 6);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_add_css_class (label, "figure-title");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  for (guint i = 0; scenarios != NULL && i < scenarios->len; i++)
    {
      const MqlwScenario *s = g_ptr_array_index (scenarios, i);
      GtkWidget *check = gtk_check_button_new_with_label (s->name);

      g_object_set_data_full (G_OBJECT (check), "scenario", g_strdup (s->name), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), c);
      g_ptr_array_add (c->checks, check);
      gtk_flow_box_append (GTK_FLOW_BOX (box), check);
    }
  gtk_widget_set_margin_start (outer, 18);
  gtk_widget_set_margin_end (outer, 18);
  gtk_widget_set_margin_top (outer, 6);
  gtk_box_append (GTK_BOX (outer), label);
  gtk_box_append (GTK_BOX (outer), box);
  return outer;
}

static void
check_initial (Compare    *c,
               const char *first)
{
  GPtrArray *scenarios = mqlw_project_get_scenarios (c->project);

  if (first != NULL && mqlw_project_get_scenario (c->project, first) != NULL)
    g_ptr_array_add (c->order, g_strdup (first));
  for (guint i = 0; scenarios != NULL && i < scenarios->len && c->order->len < MQLW_SCENARIO_COMPARE_MAX; i++)
    {
      const MqlwScenario *s = g_ptr_array_index (scenarios, i);

      if (!g_ptr_array_find_with_equal_func (c->order, s->name, g_str_equal, NULL))
        g_ptr_array_add (c->order, g_strdup (s->name));
    }
  c->syncing = TRUE;
  for (guint i = 0; i < c->checks->len; i++)
    {
      GtkCheckButton *check = c->checks->pdata[i];
      gboolean on = g_ptr_array_find_with_equal_func (c->order, g_object_get_data (G_OBJECT (check), "scenario"),
                                                      g_str_equal, NULL);

      gtk_check_button_set_active (check, on);
      gtk_widget_set_sensitive (GTK_WIDGET (check), on || c->order->len < MQLW_SCENARIO_COMPARE_MAX);
    }
  c->syncing = FALSE;
}

/* Closing stops the scoring: nothing is shown after. */
static void
on_destroy_cb (GtkWidget *window,
               Compare   *c)
{
  if (c->cancellable != NULL)
    g_cancellable_cancel (c->cancellable);
  g_clear_object (&c->cancellable);
  g_clear_handle_id (&c->progress_source, g_source_remove);
  c->busy = FALSE;
}

GtkWidget *
mqlw_scenario_compare_view_present (GtkWidget     *parent,
                                    MqlwWorkbench *workbench,
                                    MqlwProject   *project,
                                    const char    *first)
{
  Compare *c = g_new0 (Compare, 1);
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();
  int width = 1000, height = 640;

  g_return_val_if_fail (MQLW_IS_WORKBENCH (workbench), NULL);
  g_return_val_if_fail (project != NULL, NULL);

  c->workbench = g_object_ref (workbench);
  c->project = mqlw_project_ref (project);
  c->checks = g_ptr_array_new ();
  c->order = g_ptr_array_new_with_free_func (g_free);
  c->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c->table_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  c->window = window;
  g_object_set_data_full (G_OBJECT (window), "compare", c, (GDestroyNotify) compare_free);
  g_signal_connect (window, "destroy", G_CALLBACK (on_destroy_cb), c);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), create_chooser (c));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), c->table_box);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);

  gtk_window_set_title (GTK_WINDOW (window), _("Compare Scenarios"));
  gtk_widget_set_name (window, "compare-scenarios-dialog");
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
      /* The room's type sizes, as the window shows them; a little inside it. */
      if (gtk_widget_has_css_class (GTK_WIDGET (root), "workshop"))
        gtk_widget_add_css_class (window, "workshop");
      width = MAX (640, MIN (gtk_widget_get_width (GTK_WIDGET (root)) - 80,
                             gtk_widget_has_css_class (window, "workshop") ? 1600 : 1100));
      height = MAX (480, gtk_widget_get_height (GTK_WIDGET (root)) - 60);
    }
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, keys);

  check_initial (c, first);
  rebuild (c);
  gtk_window_present (GTK_WINDOW (window));
  if (c->checks->len > 0)
    gtk_widget_grab_focus (c->checks->pdata[0]);
  return window;
}

void
mqlw_scenario_compare_view_set_checked (GtkWidget  *dialog,
                                        const char *name,
                                        gboolean    checked)
{
  Compare *c = g_object_get_data (G_OBJECT (dialog), "compare");

  g_return_if_fail (c != NULL);
  for (guint i = 0; i < c->checks->len; i++)
    if (g_strcmp0 (g_object_get_data (c->checks->pdata[i], "scenario"), name) == 0)
      gtk_check_button_set_active (c->checks->pdata[i], checked);
}

gboolean
mqlw_scenario_compare_view_is_busy (GtkWidget *dialog)
{
  Compare *c = g_object_get_data (G_OBJECT (dialog), "compare");

  g_return_val_if_fail (c != NULL, FALSE);
  return c->busy;
}

GtkWidget *
mqlw_scenario_compare_view_get_label (GtkWidget  *dialog,
                                      const char *row_id,
                                      guint       column,
                                      const char *part)
{
  Compare *c = g_object_get_data (G_OBJECT (dialog), "compare");
  g_autofree char *key = g_strdup_printf ("%s:%u:%s", row_id, column, part);

  g_return_val_if_fail (c != NULL, NULL);
  return g_hash_table_lookup (c->texts, key);
}

const char *
mqlw_scenario_compare_view_get_text (GtkWidget  *dialog,
                                     const char *row_id,
                                     guint       column,
                                     const char *part)
{
  GtkWidget *label = mqlw_scenario_compare_view_get_label (dialog, row_id, column, part);

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* ---- the scenario list's headline figures -------------------------------- */

/* The list is filled again on every change of the project; scoring each
 * scenario over a large history each time would be felt. Figures are kept
 * per history, model (as JSON) and period; a new history starts afresh. */
static GHashTable *headline_cache;
static MqlwDataset *headline_dataset;   /* not a ref: only compared */

gboolean
mqlw_scenario_headline_figures (MqlwDataset *dataset,
                                MqlwModel   *model,
                                double       months,
                                MqlwPreview *preview)
{
  g_autofree char *json = mqlw_model_to_json (model, FALSE);
  g_autofree char *key = g_strdup_printf ("%g|%s", months, json != NULL ? json : "");
  MqlwPreview *found;

  if (headline_cache == NULL || headline_dataset != dataset)
    {
      g_clear_pointer (&headline_cache, g_hash_table_unref);
      headline_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      headline_dataset = dataset;
    }
  found = g_hash_table_lookup (headline_cache, key);
  if (found == NULL)
    {
      if (!mqlw_scenario_headline (dataset, model, months, preview, NULL))
        return FALSE;
      g_hash_table_insert (headline_cache, g_steal_pointer (&key), g_memdup2 (preview, sizeof *preview));
      return TRUE;
    }
  *preview = *found;
  return TRUE;
}

char *
mqlw_scenario_headline_text (MqlwDataset       *dataset,
                             MqlwModel         *scenario,
                             const MqlwPreview *today,
                             double             months)
{
  g_autofree char *mql = NULL, *sql = NULL, *mql_change = NULL, *sql_change = NULL;
  MqlwPreview p;
  MqlwChange change;

  if (dataset == NULL || scenario == NULL || !mqlw_scenario_headline_figures (dataset, scenario, months, &p))
    return NULL;
  mql = mqlw_format_count (p.mql);
  sql = mqlw_format_rate (&p.stage[MQLW_STAGE_SQL]);
  if (today == NULL)
    return p.stage[MQLW_STAGE_SQL].present
      ? g_strdup_printf (g_dngettext (NULL, "%s MQL · SQL rate %s", "%s MQLs · SQL rate %s", (gulong) p.mql), mql, sql)
      : g_strdup_printf (g_dngettext (NULL, "%s MQL", "%s MQLs", (gulong) p.mql), mql);
  mqlw_change_of_count (p.mql, today->mql, MQLW_CHANGE_NEUTRAL, &change);
  mql_change = mqlw_scenario_format_change (&change, FALSE, 0);
  if (!p.stage[MQLW_STAGE_SQL].present)
    /* Translators: MQLs of a scenario and the change from today: "1 030 MQLs (▲ +40)". */
    return g_strdup_printf (g_dngettext (NULL, "%s MQL (%s)", "%s MQLs (%s)", (gulong) p.mql), mql, mql_change);
  mqlw_change_of_rate (&p.stage[MQLW_STAGE_SQL], &today->stage[MQLW_STAGE_SQL], MQLW_CHANGE_UP_IS_GOOD, &change);
  sql_change = mqlw_scenario_format_change (&change, TRUE, 1);
  /* Translators: a scenario's headline figures and their change from today:
   * "1 030 MQLs (▲ +40) · SQL rate 31.2 % (▼ −1.0 pts)". */
  return g_strdup_printf (g_dngettext (NULL, "%s MQL (%s) · SQL rate %s (%s)", "%s MQLs (%s) · SQL rate %s (%s)",
                                       (gulong) p.mql),
                          mql, mql_change[0] ? mql_change : "\u2013", sql, sql_change[0] ? sql_change : "\u2013");
}
