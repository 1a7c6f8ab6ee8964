/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-scoring-page"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "mqlw-background.h"
#include "mqlw-format.h"
#include "mqlw-scoring-page.h"

/* Rows of the column ranking shown under "Start from scratch". */
#define MAX_RANKED 10

struct _MqlwScoringPage
{
  GtkWidget            parent_instance;

  MqlwDataset         *dataset;
  char                *samples_dir;
  GPtrArray           *ranking;         /* MqlwColumnRank*; NULL while computed */
  GCancellable        *cancellable;

  GtkWidget           *page;            /* AdwPreferencesPage, rebuilt for each history */
  AdwPreferencesGroup *ranking_group;
  GHashTable          *choices;         /* "column:…", "example:…" → MqlwModel* */
  GHashTable          *summaries;       /* the same keys → char* for the toast */
};

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MqlwScoringPage, mqlw_scoring_page, GTK_TYPE_WIDGET)

static void
emit_choice (MqlwScoringPage *self,
             const char      *what)
{
  MqlwModel *model = g_hash_table_lookup (self->choices, what);
  const char *summary = g_hash_table_lookup (self->summaries, what);

  g_signal_emit (self, signals[CHOSEN], 0, model, summary);
}

static void
on_choice_activated_cb (GtkWidget       *row,
                        MqlwScoringPage *self)
{
  emit_choice (self, g_object_get_data (G_OBJECT (row), "choice"));
}

static void
on_open_model_activated_cb (AdwActionRow    *row,
                            MqlwScoringPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-model", NULL);
}

static GtkWidget *
add_choice_row (AdwPreferencesGroup *group,
                MqlwScoringPage     *self,
                const char          *choice,
                const char          *title,
                const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  g_object_set_data_full (G_OBJECT (row), "choice", g_strdup (choice), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (on_choice_activated_cb), self);
  adw_preferences_group_add (group, row);
  return row;
}

/* ---- a score from the data ---------------------------------------------- */

static void
add_score_columns (MqlwScoringPage     *self,
                   AdwPreferencesGroup *group)
{
  guint n_found = 0;

  if (self->dataset == NULL)
    return;
  for (guint c = 0; c < self->dataset->columns->len; c++)
    {
      MqlwColumn *column = g_ptr_array_index (self->dataset->columns, c);
      g_autofree char *key = NULL, *subtitle = NULL, *scored_text = NULL, *all_text = NULL;
      MqlwModel *model;
      guint64 scored = 0;

      if (column->role != MQLW_ROLE_SCORE)
        continue;
      for (guint i = 0; i < column->n_rows; i++)
        scored += !mqlw_column_is_missing (column, i);
      scored_text = mqlw_format_count (scored);
      all_text = mqlw_format_count (column->n_rows);
      /* Translators: a score column's coverage: "5 400 of 10 000 leads have a score; the others are left out". */
      subtitle = g_strdup_printf (g_dngettext (NULL, "%s of %s lead has a score; the others are shown apart as unscored",
                                               "%s of %s leads have a score; the others are shown apart as unscored",
                                               (gulong) column->n_rows), scored_text, all_text);
      key = g_strdup_printf ("column:%s", column->name);
      model = mqlw_model_new ();
      g_free (model->name);
      model->name = g_strdup_printf (_("Score column “%s”"), column->name);
      model->score_column = g_strdup (column->name);
      g_hash_table_insert (self->choices, g_strdup (key), model);
      add_choice_row (group, self, key, column->name, subtitle);
      n_found++;
    }
  if (n_found == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No score column was found in the data"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Mark one as “score” on the mapping page if the export has a platform score"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (group, row);
    }
}

/* ---- an example model, fitted ------------------------------------------- */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static void
add_example (MqlwScoringPage     *self,
             AdwPreferencesGroup *group,
             const char          *file)
{
  g_autofree char *path = g_build_filename (self->samples_dir, file, NULL);
  g_autofree char *key = g_strdup_printf ("example:%s", file);
  g_autofree char *subtitle = NULL;
  g_autoptr(MqlwModel) example = NULL;
  g_autoptr(GPtrArray) left_out = NULL;
  g_autoptr(GError) error = NULL;
  MqlwModel *adapted;
  GtkWidget *expander, *use;
  guint kept, dropped;

  if ((example = mqlw_model_load (path, &error)) == NULL)
    {
      g_message ("Example model %s not offered: %s", file, error->message);
      return;
    }
  adapted = mqlw_model_adapt (example, self->dataset, &left_out);
  kept = mqlw_model_get_n_criteria (adapted, MQLW_CRITERION_ANY);
  /* Criteria left out (the list below also names hand-raiser activities). */
  dropped = mqlw_model_get_n_criteria (example, MQLW_CRITERION_ANY) - kept;
  g_hash_table_insert (self->choices, g_strdup (key), adapted);
  if (left_out->len == 0)
    subtitle = g_strdup_printf (g_dngettext (NULL, "Its %u criterion applies to these columns",
                                             "Every one of its %u criteria applies to these columns", kept), kept);
  else
    subtitle = g_strdup_printf (g_dngettext (NULL, "Keeps %u of its %u criterion; the others are left out: the data "
                                             "lacks their columns",
                                             "Keeps %u of its %u criteria; the others are left out: the data "
                                             "lacks their columns", kept + dropped),
                                kept, kept + dropped);
  g_hash_table_insert (self->summaries, g_strdup (key),
                       g_strdup_printf (g_dngettext (NULL, "“%s” fitted to the data: %u criterion kept, %u left out",
                                                     "“%s” fitted to the data: %u criteria kept, %u left out", kept),
                                        example->name, kept, dropped));

  expander = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), example->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  use = gtk_button_new_with_label (_("Use"));
  gtk_widget_set_valign (use, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (use, "suggested-action");
  gtk_widget_set_sensitive (use, kept > 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (use), GTK_ACCESSIBLE_PROPERTY_LABEL, example->name, -1);
  g_object_set_data_full (G_OBJECT (use), "choice", g_strdup (key), g_free);
  g_signal_connect (use, "clicked", G_CALLBACK (on_choice_activated_cb), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), use);
  for (guint i = 0; i < left_out->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      /* Translators: one criterion of an example model that the data cannot score. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Left out"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_ptr_array_index (left_out, i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  adw_preferences_group_add (group, expander);
}

static void
add_examples (MqlwScoringPage     *self,
              AdwPreferencesGroup *group)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (self->dataset == NULL || self->samples_dir == NULL || (dir = g_dir_open (self->samples_dir, 0, NULL)) == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (files, g_strdup (name));
  g_ptr_array_sort (files, compare_names);
  for (guint i = 0; i < files->len; i++)
    add_example (self, group, g_ptr_array_index (files, i));
}

/* ---- the ranking -------------------------------------------------------- */

typedef struct {
  MqlwDataset *dataset;
  MqlwStage    stage;
} RankJob;

static void
rank_job_free (RankJob *job)
{
  mqlw_dataset_unref (job->dataset);
  g_free (job);
}

static void
rank_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  RankJob *job = task_data;

  mqlw_background_thread_begin ();
  g_task_return_pointer (task, mqlw_rank_columns (job->dataset, &job->stage), (GDestroyNotify) g_ptr_array_unref);
}

static void
show_ranking (MqlwScoringPage *self,
              MqlwStage        stage)
{
  static const char * const descriptions[] = {
    N_("Columns whose values tell accepted leads apart best, by acceptance rate"),
    N_("Columns whose values tell SQLs apart best, by SQL rate: good first criteria"),
    N_("Columns whose values tell opportunities apart best, by opportunity rate"),
    N_("Columns whose values tell won leads apart best, by win rate"),
  };

  if (stage < MQLW_N_STAGES)
    adw_preferences_group_set_description (self->ranking_group, _(descriptions[stage]));
  if (self->ranking->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     stage < MQLW_N_STAGES ? _("No column tells the outcomes apart")
                                                           : _("No outcome differs between leads yet"));
      adw_preferences_group_add (self->ranking_group, row);
      return;
    }
  for (guint i = 0; i < self->ranking->len && i < MAX_RANKED; i++)
    {
      const MqlwColumnRank *rank = g_ptr_array_index (self->ranking, i);
      g_autofree char *best = mqlw_format_percent (rank->best_rate);
      g_autofree char *worst = mqlw_format_percent (rank->worst_rate);
      g_autofree char *spread = mqlw_format_number (rank->spread * 100, 0);
      /* Translators: "VP 62.0 % against Individual Contributor 8.0 %". */
      g_autofree char *subtitle = g_strdup_printf (_("%s %s against %s %s"), rank->best, best, rank->worst, worst);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *badge = gtk_label_new (NULL);
      g_autofree char *badge_text = g_strdup_printf (g_dngettext (NULL, "%s point apart", "%s points apart",
                                                                  mqlw_format_plural_n (rank->spread * 100, 0)), spread);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rank->column);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_label_set_text (GTK_LABEL (badge), badge_text);
      gtk_widget_add_css_class (badge, "numeric");
      gtk_widget_add_css_class (badge, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      adw_preferences_group_add (self->ranking_group, row);
    }
}

static void
on_rank_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RankJob *job = g_task_get_task_data (G_TASK (result));
  GPtrArray *ranking = g_task_propagate_pointer (G_TASK (result), NULL);
  MqlwScoringPage *self;

  if (ranking == NULL || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_clear_pointer (&ranking, g_ptr_array_unref);
      return;
    }
  self = MQLW_SCORING_PAGE (object);
  g_clear_pointer (&self->ranking, g_ptr_array_unref);
  self->ranking = ranking;
  show_ranking (self, job->stage);
}

static void
start_ranking (MqlwScoringPage *self)
{
  g_autoptr(GTask) task = NULL;
  RankJob *job = g_new0 (RankJob, 1);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  job->dataset = mqlw_dataset_ref (self->dataset);
  task = g_task_new (self, self->cancellable, on_rank_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) rank_job_free);
  g_task_run_in_thread (task, rank_thread);
}

/* ---- the page ----------------------------------------------------------- */

static void
build (MqlwScoringPage *self)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *intro = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *columns = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *file = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *examples = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *scratch = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *row;

  if (self->page != NULL)
    gtk_widget_unparent (self->page);
  g_hash_table_remove_all (self->choices);
  g_hash_table_remove_all (self->summaries);
  g_clear_pointer (&self->ranking, g_ptr_array_unref);

  adw_preferences_group_set_title (intro, _("How Are Leads Scored?"));
  adw_preferences_group_set_description (intro, _("The threshold is set on a score. Choose where it comes from; "
                                                  "you can change it later with Open Model… or in the model panel."));
  adw_preferences_page_add (page, intro);

  adw_preferences_group_set_title (columns, _("A Score in the Data"));
  adw_preferences_group_set_description (columns, _("The score your marketing platform gave each lead"));
  add_score_columns (self, columns);
  adw_preferences_page_add (page, columns);

  adw_preferences_group_set_title (file, _("A Model File"));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Open a Model File…"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("A model saved from MQL Workbench (JSON)"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("document-open-symbolic"));
  g_signal_connect (row, "activated", G_CALLBACK (on_open_model_activated_cb), self);
  adw_preferences_group_add (file, row);
  adw_preferences_page_add (page, file);

  adw_preferences_group_set_title (examples, _("An Example Model, Fitted to These Columns"));
  adw_preferences_group_set_description (examples, _("Criteria whose columns the data lacks are left out; "
                                                     "expand a model to see which"));
  add_examples (self, examples);
  adw_preferences_page_add (page, examples);

  adw_preferences_group_set_title (scratch, _("Start From Scratch"));
  add_choice_row (scratch, self, "empty", _("An Empty Model"),
                  _("Add criteria in the model panel, starting with the columns below"));
  adw_preferences_page_add (page, scratch);

  self->ranking_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_description (self->ranking_group, _("Finding the columns that tell converting leads apart…"));
  adw_preferences_page_add (page, self->ranking_group);

  self->page = GTK_WIDGET (page);
  gtk_widget_set_parent (self->page, GTK_WIDGET (self));
}

void
mqlw_scoring_page_set_data (MqlwScoringPage *self,
                            MqlwDataset     *dataset,
                            const char      *samples_dir)
{
  g_return_if_fail (MQLW_IS_SCORING_PAGE (self));
  g_return_if_fail (dataset != NULL);

  g_clear_pointer (&self->dataset, mqlw_dataset_unref);
  self->dataset = mqlw_dataset_ref (dataset);
  g_free (self->samples_dir);
  self->samples_dir = g_strdup (samples_dir);
  build (self);
  start_ranking (self);
}

GPtrArray *
mqlw_scoring_page_get_ranking (MqlwScoringPage *self)
{
  g_return_val_if_fail (MQLW_IS_SCORING_PAGE (self), NULL);
  return self->ranking;
}

gboolean
mqlw_scoring_page_choose (MqlwScoringPage *self,
                          const char      *what)
{
  g_return_val_if_fail (MQLW_IS_SCORING_PAGE (self), FALSE);
  g_return_val_if_fail (what != NULL, FALSE);

  if (!g_str_equal (what, "empty") && !g_hash_table_contains (self->choices, what))
    return FALSE;
  emit_choice (self, what);
  return TRUE;
}

static void
mqlw_scoring_page_dispose (GObject *object)
{
  MqlwScoringPage *self = MQLW_SCORING_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->page, gtk_widget_unparent);
  g_clear_pointer (&self->ranking, g_ptr_array_unref);
  g_clear_pointer (&self->dataset, mqlw_dataset_unref);
  g_clear_pointer (&self->samples_dir, g_free);
  g_clear_pointer (&self->choices, g_hash_table_unref);
  g_clear_pointer (&self->summaries, g_hash_table_unref);
  G_OBJECT_CLASS (mqlw_scoring_page_parent_class)->dispose (object);
}

static void
mqlw_scoring_page_class_init (MqlwScoringPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mqlw_scoring_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "scoringpage");

  /**
   * MqlwScoringPage::chosen:
   * @model: (nullable): the model to calibrate (borrowed); NULL for an empty model
   * @summary: (nullable): a line for a toast
   */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_STRING);
}

static void
mqlw_scoring_page_init (MqlwScoringPage *self)
{
  self->choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) mqlw_model_unref);
  self->summaries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  build (self);
}
