/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-scorer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mqlw-bool-words.h"
#include "mqlw-scorer-private.h"

/* Checking a model against the data, before anything is compiled. */

gboolean
mqlw_scorer_parse_boolean (const char *text,
                    gint8      *value)
{
  /* The words the import reads (mqlw-bool-words.h): "ja" in a rule matches "Ja" in the data. */
  const MqlwBoolWord *word = mqlw_bool_word_find (text, strlen (text));

  if (word == NULL)
    return FALSE;
  *value = word->yes ? 1 : 0;
  return TRUE;
}

gboolean
mqlw_scorer_parse_number (const char *text,
                    double     *value)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (*trimmed == '\0')
    return FALSE;
  *value = g_ascii_strtod (trimmed, &end);
  return end != NULL && *end == '\0' && !isnan (*value);
}

gboolean
mqlw_scorer_parse_date (const char *text,
                  gint32     *days)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  return mqlw_date_parse (trimmed, strlen (trimmed), MQLW_DATE_ORDER_AUTO, days);
}

static const char *
describe_type (MqlwColumnType type)
{
  switch (type)
    {
    case MQLW_COLUMN_TYPE_INTEGER:
    case MQLW_COLUMN_TYPE_DECIMAL:
      return _("numbers");
    case MQLW_COLUMN_TYPE_BOOLEAN:
      return _("yes/no values");
    case MQLW_COLUMN_TYPE_DATE:
      return _("dates");
    case MQLW_COLUMN_TYPE_CATEGORICAL:
    default:
      return _("text");
    }
}

/* @what is "fit rule 'senior'" or "disqualifier 'student'". */
static gboolean
check_match (MqlwDataset      *dataset,
             const MqlwMatch  *match,
             const char       *what,
             GError          **error)
{
  MqlwColumn *column = mqlw_dataset_get_column (dataset, match->field);

  if (column == NULL)
    {
      g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_NO_COLUMN,
                   _("%s names column '%s', which the data does not have"), what, match->field);
      return FALSE;
    }
  /* A rule on a column loaded on first use (e-mails): now is its first use, of that column alone. */
  if (!mqlw_dataset_load_column (dataset, column, error))
    return FALSE;

  switch (match->op)
    {
    case MQLW_MATCH_MISSING:
      return TRUE;
    case MQLW_MATCH_RANGE:
      if (column->type == MQLW_COLUMN_TYPE_CATEGORICAL)
        {
          if (column->text_reason != NULL)
            g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                         /* Translators: the last %s is "line 5: '$5.3M' is not a number: …". */
                         _("%s uses a range on column '%s', which holds text, not numbers (%s)"),
                         what, match->field, column->text_reason);
          else
            g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                         _("%s uses a range on column '%s', which holds text, not numbers"), what, match->field);
          return FALSE;
        }
      return TRUE;
    case MQLW_MATCH_EMAIL_DOMAIN:
      if (column->type != MQLW_COLUMN_TYPE_CATEGORICAL)
        {
          g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                       _("%s looks for an e-mail domain in column '%s', which holds %s, not e-mail addresses"),
                       what, match->field, describe_type (column->type));
          return FALSE;
        }
      return TRUE;
    case MQLW_MATCH_CONTAINS:
      if (column->type != MQLW_COLUMN_TYPE_CATEGORICAL)
        {
          g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                       _("%s looks for words in column '%s', which holds %s, not text; use equals, in or range"),
                       what, match->field, describe_type (column->type));
          return FALSE;
        }
      return TRUE;
    case MQLW_MATCH_EQUALS:
    case MQLW_MATCH_IN_SET:
    case MQLW_MATCH_NOT_IN:
      for (guint i = 0; match->values != NULL && match->values[i] != NULL; i++)
        {
          const char *value = match->values[i];
          gboolean ok = TRUE;
          double number;
          gint32 days;
          gint8 flag;

          switch (column->type)
            {
            case MQLW_COLUMN_TYPE_INTEGER:
            case MQLW_COLUMN_TYPE_DECIMAL:
              ok = mqlw_scorer_parse_number (value, &number);
              break;
            case MQLW_COLUMN_TYPE_BOOLEAN:
              ok = mqlw_scorer_parse_boolean (value, &flag);
              break;
            case MQLW_COLUMN_TYPE_DATE:
              ok = mqlw_scorer_parse_date (value, &days);
              break;
            case MQLW_COLUMN_TYPE_CATEGORICAL:
            default:
              break;
            }
          if (!ok)
            {
              g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                           _("%s compares column '%s' with '%s', but that column holds %s"),
                           what, match->field, value, describe_type (column->type));
              return FALSE;
            }
        }
      return TRUE;
    default:
      g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                   _("%s has an unknown condition"), what);
      return FALSE;
    }
}

static gboolean
check_count_column (MqlwDataset  *dataset,
                    const char   *name,
                    const char   *what,
                    GError      **error)
{
  MqlwColumn *column = mqlw_dataset_get_column (dataset, name);

  if (column == NULL)
    {
      g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_NO_COLUMN,
                   _("%s names column '%s', which the data does not have"), what, name);
      return FALSE;
    }
  if (column->type != MQLW_COLUMN_TYPE_INTEGER && column->type != MQLW_COLUMN_TYPE_DECIMAL &&
      column->type != MQLW_COLUMN_TYPE_BOOLEAN)
    {
      g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                   _("%s counts column '%s', which holds %s, not numbers"), what, name, describe_type (column->type));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_empty_column (const MqlwColumn *column)
{
  for (guint i = 0; i < column->n_rows; i++)
    if (!mqlw_column_is_missing (column, i))
      return FALSE;
  return TRUE;
}

gboolean
mqlw_scorer_check_model (MqlwDataset      *dataset,
             const MqlwModel  *model,
             GError          **error)
{
  if (model->score_column != NULL)
    {
      MqlwColumn *column = mqlw_dataset_get_column (dataset, model->score_column);

      if (column == NULL)
        {
          g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_NO_COLUMN,
                       _("the model scores with column '%s', which the data does not have"), model->score_column);
          return FALSE;
        }
      /* A column empty for every lead reads as text; it scores no lead (all unscored). */
      if (column->type != MQLW_COLUMN_TYPE_INTEGER && column->type != MQLW_COLUMN_TYPE_DECIMAL &&
          !is_empty_column (column))
        {
          if (column->text_reason != NULL)
            g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                         /* Translators: the last %s is "line 5: '$5.3M' is not a number: …". */
                         _("the model scores with column '%s', which holds %s, not numbers (%s)"),
                         model->score_column, describe_type (column->type), column->text_reason);
          else
            g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                         _("the model scores with column '%s', which holds %s, not numbers"),
                         model->score_column, describe_type (column->type));
          return FALSE;
        }
    }
  else
    {
      for (guint i = 0; i < model->fit->len; i++)
        {
          const MqlwFitRule *rule = g_ptr_array_index (model->fit, i);
          g_autofree char *what = NULL;

          if (!rule->enabled)
            continue;
          /* Translators: the subject of a sentence such as "fit rule 'senior' names column 'title', …". */
          what = g_strdup_printf (_("fit rule '%s'"), rule->id);
          if (!check_match (dataset, &rule->match, what, error))
            return FALSE;
        }
      for (guint i = 0; i < model->behaviour->len; i++)
        {
          const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);
          g_autofree char *what = NULL;

          if (!rule->enabled)
            continue;
          /* Translators: the subject of a sentence such as "behaviour rule 'demo' counts column …". */
          what = g_strdup_printf (_("behaviour rule '%s'"), rule->id);
          if (!check_count_column (dataset, rule->activity, what, error))
            return FALSE;
          if (rule->date_column != NULL)
            {
              MqlwColumn *column = mqlw_dataset_get_column (dataset, rule->date_column);

              if (column == NULL)
                {
                  g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_NO_COLUMN,
                               _("%s dates its activity with column '%s', which the data does not have"),
                               what, rule->date_column);
                  return FALSE;
                }
              if (column->type != MQLW_COLUMN_TYPE_DATE)
                {
                  g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_WRONG_TYPE,
                               _("%s dates its activity with column '%s', which holds %s, not dates"),
                               what, rule->date_column, describe_type (column->type));
                  return FALSE;
                }
            }
        }
    }

  for (guint i = 0; i < model->disqualifiers->len; i++)
    {
      const MqlwDisqualifier *rule = g_ptr_array_index (model->disqualifiers, i);
      g_autofree char *what = NULL;

      if (!rule->enabled)
        continue;
      /* Translators: the subject of a sentence such as "disqualifier 'student' names column 'title', …". */
      what = g_strdup_printf (_("disqualifier '%s'"), rule->id);
      if (!check_match (dataset, &rule->match, what, error))
        return FALSE;
    }

  if (model->paths.hand_raiser && model->paths.hand_raiser_activities != NULL)
    for (guint i = 0; model->paths.hand_raiser_activities[i] != NULL; i++)
      if (!check_count_column (dataset, model->paths.hand_raiser_activities[i], _("the hand-raiser path"), error))
        return FALSE;

  for (guint i = 0; model->unscored_when_missing != NULL && model->unscored_when_missing[i] != NULL; i++)
    if (mqlw_dataset_get_column (dataset, model->unscored_when_missing[i]) == NULL)
      {
        g_set_error (error, MQLW_SCORER_ERROR, MQLW_SCORER_ERROR_NO_COLUMN,
                     _("the model leaves leads unscored when column '%s' is missing, but the data has no such column"),
                     model->unscored_when_missing[i]);
        return FALSE;
      }

  return TRUE;
}

gboolean
mqlw_scorer_check_match (MqlwDataset      *dataset,
                         const MqlwMatch  *match,
                         const char       *what,
                         GError          **error)
{
  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (match != NULL && match->field != NULL, FALSE);
  g_return_val_if_fail (what != NULL, FALSE);

  return check_match (dataset, match, what, error);
}

gboolean
mqlw_scorer_check_count_column (MqlwDataset  *dataset,
                                const char   *column,
                                const char   *what,
                                GError      **error)
{
  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (column != NULL, FALSE);
  g_return_val_if_fail (what != NULL, FALSE);

  return check_count_column (dataset, column, what, error);
}
