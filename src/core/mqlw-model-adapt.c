/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-model-adapt"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mqlw-model-adapt.h"
#include "mqlw-scorer.h"

/* Keeps the rules of @rules for which @keep says yes; the others' reasons go
 * to @left_out. */
typedef gboolean (*KeepFunc) (MqlwDataset *dataset,
                              gpointer     rule,
                              GError     **error);

static void
filter_rules (GPtrArray   *rules,
              MqlwDataset *dataset,
              KeepFunc     keep,
              GPtrArray   *left_out)
{
  for (guint i = rules->len; i-- > 0;)
    {
      g_autoptr(GError) error = NULL;

      if (keep (dataset, g_ptr_array_index (rules, i), &error))
        continue;
      g_ptr_array_insert (left_out, 0, g_strdup (error->message));
      g_ptr_array_remove_index (rules, i);
    }
}

static gboolean
keep_fit (MqlwDataset  *dataset,
          gpointer      data,
          GError      **error)
{
  MqlwFitRule *rule = data;
  g_autofree char *what = g_strdup_printf (_("fit rule '%s'"), rule->id);

  return mqlw_scorer_check_match (dataset, &rule->match, what, error);
}

static gboolean
keep_disqualifier (MqlwDataset  *dataset,
                   gpointer      data,
                   GError      **error)
{
  MqlwDisqualifier *rule = data;
  g_autofree char *what = g_strdup_printf (_("disqualifier '%s'"), rule->id);

  return mqlw_scorer_check_match (dataset, &rule->match, what, error);
}

static gboolean
keep_behaviour (MqlwDataset  *dataset,
                gpointer      data,
                GError      **error)
{
  MqlwBehaviourRule *rule = data;
  g_autofree char *what = g_strdup_printf (_("behaviour rule '%s'"), rule->id);
  MqlwColumn *dated;

  if (!mqlw_scorer_check_count_column (dataset, rule->activity, what, error))
    return FALSE;
  /* A missing dating column is no reason to drop the activity: the general
   * activity date (or none) dates it instead. */
  dated = rule->date_column != NULL ? mqlw_dataset_get_column (dataset, rule->date_column) : NULL;
  if (rule->date_column != NULL && (dated == NULL || dated->type != MQLW_COLUMN_TYPE_DATE))
    g_clear_pointer (&rule->date_column, g_free);
  return TRUE;
}

/* The columns of unscored_when_missing that @dataset has; the others go to
 * @left_out. */
static GStrv
keep_unscored_columns (GStrv         names,
                       MqlwDataset  *dataset,
                       GPtrArray    *left_out)
{
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      if (mqlw_dataset_get_column (dataset, names[i]) != NULL)
        g_strv_builder_add (kept, names[i]);
      else
        g_ptr_array_add (left_out, g_strdup_printf (_("the column '%s' for unscored leads, which the data does "
                                                      "not have"), names[i]));
    }
  return g_strv_builder_end (kept);
}

MqlwModel *
mqlw_model_adapt (const MqlwModel  *model,
                  MqlwDataset      *dataset,
                  GPtrArray       **left_out_out)
{
  g_autoptr(GPtrArray) left_out = g_ptr_array_new_with_free_func (g_free);
  MqlwModel *copy;
  GStrv kept;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (dataset != NULL, NULL);

  copy = mqlw_model_copy (model);
  if (copy->score_column != NULL && mqlw_dataset_get_column (dataset, copy->score_column) == NULL)
    {
      g_ptr_array_add (left_out, g_strdup_printf (_("the score column '%s', which the data does not have"),
                                                  copy->score_column));
      g_clear_pointer (&copy->score_column, g_free);
    }
  filter_rules (copy->fit, dataset, keep_fit, left_out);
  filter_rules (copy->behaviour, dataset, keep_behaviour, left_out);
  filter_rules (copy->disqualifiers, dataset, keep_disqualifier, left_out);

  {
    g_autoptr(GStrvBuilder) activities = g_strv_builder_new ();

    for (guint i = 0; copy->paths.hand_raiser_activities[i] != NULL; i++)
      {
        g_autoptr(GError) error = NULL;

        if (mqlw_scorer_check_count_column (dataset, copy->paths.hand_raiser_activities[i],
                                            _("the hand-raiser path"), &error))
          g_strv_builder_add (activities, copy->paths.hand_raiser_activities[i]);
        else
          g_ptr_array_add (left_out, g_strdup (error->message));
      }
    g_strfreev (copy->paths.hand_raiser_activities);
    copy->paths.hand_raiser_activities = g_strv_builder_end (activities);
    if (copy->paths.hand_raiser && copy->paths.hand_raiser_activities[0] == NULL)
      copy->paths.hand_raiser = FALSE;
  }

  kept = keep_unscored_columns (copy->unscored_when_missing, dataset, left_out);
  g_strfreev (copy->unscored_when_missing);
  copy->unscored_when_missing = kept;

  if (left_out_out != NULL)
    *left_out_out = g_steal_pointer (&left_out);
  return copy;
}

gboolean
mqlw_model_scores_nothing (const MqlwModel *model)
{
  g_return_val_if_fail (model != NULL, TRUE);

  if (model->score_column != NULL)
    return FALSE;
  for (guint i = 0; i < model->fit->len; i++)
    if (((const MqlwFitRule *) g_ptr_array_index (model->fit, i))->enabled)
      return FALSE;
  for (guint i = 0; i < model->behaviour->len; i++)
    if (((const MqlwBehaviourRule *) g_ptr_array_index (model->behaviour, i))->enabled)
      return FALSE;
  return TRUE;
}
