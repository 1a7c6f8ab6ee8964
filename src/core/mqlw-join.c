/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-join.c — Files joined to the leads by a key: enrichment columns, or outcome
 * files whose rows prove a stage (with a deal amount and a date). */
#define G_LOG_DOMAIN "mqlw-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mqlw-import-private.h"

void
mqlw_outcome_join_clear (MqlwOutcomeJoin *oj)
{
  g_free (oj->present);
}

static gboolean
is_email_key (const MqlwColumn *column)
{
  g_autofree char *lower = g_ascii_strdown (column->name, -1);
  return column->role == MQLW_ROLE_EMAIL || strstr (lower, "email") != NULL || strstr (lower, "e_mail") != NULL;
}

static char *
normalize_key (const char *text,
               gboolean    fold)
{
  char *key = g_strstrip (g_strdup (text));
  if (fold)
    {
      char *folded = g_utf8_casefold (key, -1);
      g_free (key);
      key = folded;
    }
  return key;
}

static char *
unique_column_name (MqlwDataset        *dataset,
                    const MqlwJoinSpec *join,
                    const char         *file_name,
                    const char         *name)
{
  g_autofree char *stem = NULL;
  char *candidate;

  if (join->prefix == NULL && mqlw_dataset_get_column (dataset, name) == NULL)
    return g_strdup (name);
  if (join->prefix != NULL)
    candidate = g_strconcat (join->prefix, name, NULL);
  else
    {
      char *dot;
      stem = g_strdup (file_name);
      dot = strrchr (stem, '.');
      if (dot != NULL && dot != stem)
        *dot = '\0';
      candidate = g_strdup_printf ("%s_%s", stem, name);
    }
  for (guint n = 2; mqlw_dataset_get_column (dataset, candidate) != NULL; n++)
    {
      char *next = g_strdup_printf ("%s_%u", candidate, n);
      g_free (candidate);
      candidate = next;
      if (n > 1000)
        break;
    }
  return candidate;
}

static MqlwDataset *
read_join_file (const MqlwJoinSpec  *join,
                const char          *base_dir,
                GPtrArray           *problems,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autofree char *path = NULL;
  g_autofree char *name = g_path_get_basename (join->path);
  g_autoptr(MqlwSource) source = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(MqlwMapping) overrides = mqlw_mapping_new ();
  MqlwColumnSpec *key_spec;
  MqlwCsvText text;
  MqlwDataset *dataset;
  const char *file_key = join->file_key != NULL ? join->file_key : join->key;

  if (g_path_is_absolute (join->path))
    path = g_strdup (join->path);
  else
    path = g_build_filename (base_dir != NULL ? base_dir : ".", join->path, NULL);

  source = mqlw_source_new_for_path (path, name, &local_error);
  if (source == NULL)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_JOIN,
                   _("%s: cannot read the file to join (%s)"), name, local_error->message);
      return NULL;
    }
  if (!mqlw_csv_text_init (&text, source, 0, error))
    {
      mqlw_csv_text_clear (&text);
      return NULL;
    }

  key_spec = mqlw_mapping_set_column (overrides, file_key);
  key_spec->type = MQLW_COLUMN_TYPE_CATEGORICAL;
  key_spec->role_set = FALSE;

  dataset = mqlw_import_read_table (&text, overrides, NULL, FALSE, 0, NULL, problems, NULL, NULL, NULL, NULL,
                        cancellable, &local_error);
  if (text.problems != NULL)
    g_ptr_array_extend_and_steal (problems, g_steal_pointer (&text.problems));
  mqlw_csv_text_clear (&text);
  if (dataset != NULL && !mqlw_source_check_unchanged (source, &local_error))
    {
      mqlw_csv_import_read_error (&local_error);
      g_clear_pointer (&dataset, mqlw_dataset_unref);
    }
  if (dataset == NULL)
    {
      if (g_error_matches (local_error, MQLW_MAPPING_ERROR, MQLW_MAPPING_ERROR_UNKNOWN_COLUMN))
        g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_JOIN,
                     _("%s has no column '%s' (the key to join on)"), name, file_key);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return dataset;
}

/* Rows of the joined file whose key no lead has: the first of each key that
 * no lead matched, its repeats, and rows without a key. */
static guint
count_unmatched_rows (MqlwDataset   *other,
                      MqlwColumn    *other_key,
                      GHashTable    *index,
                      const gint64  *match,
                      guint          n_leads,
                      gboolean       fold,
                      char         **first)
{
  g_autofree gboolean *hit = g_new0 (gboolean, MAX (other->n_rows, 1));
  guint unmatched = 0;

  for (guint i = 0; i < n_leads; i++)
    if (match[i] >= 0)
      hit[match[i]] = TRUE;
  for (guint r = 0; r < other->n_rows; r++)
    {
      const char *text = mqlw_column_string (other_key, r);
      g_autofree char *k = text != NULL ? normalize_key (text, fold) : NULL;
      gpointer found = k != NULL ? g_hash_table_lookup (index, k) : NULL;

      if (found != NULL && hit[GPOINTER_TO_SIZE (found) - 1])
        continue;
      if (unmatched++ == 0 && first != NULL)
        *first = g_strdup (text != NULL ? text : "");
    }
  return unmatched;
}

/* For each lead, the row of @other whose key matches, or -1. */
static gint64 *
match_keys (MqlwDataset  *dataset,
            MqlwColumn   *key,
            MqlwDataset  *other,
            MqlwColumn   *other_key,
            const char   *other_name,
            GPtrArray    *problems,
            guint        *n_other_unmatched,
            char        **first_other_unmatched)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean fold = is_email_key (key) || is_email_key (other_key);
  gint64 *match = g_new (gint64, MAX (dataset->n_rows, 1));
  guint n_duplicates = 0;
  g_autofree char *first_duplicate = NULL;

  for (guint r = 0; r < other->n_rows; r++)
    {
      const char *text = mqlw_column_string (other_key, r);
      char *k;
      if (text == NULL)
        continue;
      k = normalize_key (text, fold);
      if (g_hash_table_contains (index, k))
        {
          if (n_duplicates++ == 0)
            first_duplicate = g_strdup (k);
          g_free (k);
          continue;
        }
      g_hash_table_insert (index, k, GSIZE_TO_POINTER ((gsize) r + 1));
    }
  if (n_duplicates > 0)
    g_ptr_array_add (problems,
                     mqlw_problem_new (MQLW_PROBLEM_WARNING, 0, other_key->name,
                                       g_dngettext (GETTEXT_PACKAGE,
                                                    "%s: %u row repeats a key already seen (the first is '%s'); "
                                                    "the first row of each key is used",
                                                    "%s: %u rows repeat a key already seen (the first is '%s'); "
                                                    "the first row of each key is used", n_duplicates),
                                       other_name, n_duplicates, first_duplicate));

  if (key->type == MQLW_COLUMN_TYPE_CATEGORICAL)
    {
      g_autofree gint64 *by_code = g_new (gint64, MAX (key->dict->len, 1));
      for (guint c = 0; c < key->dict->len; c++)
        {
          g_autofree char *k = normalize_key (g_ptr_array_index (key->dict, c), fold);
          gpointer found = g_hash_table_lookup (index, k);
          by_code[c] = found != NULL ? (gint64) GPOINTER_TO_SIZE (found) - 1 : -1;
        }
      for (guint i = 0; i < dataset->n_rows; i++)
        {
          guint32 code = mqlw_column_code_at (key, i);
          match[i] = code == MQLW_CODE_MISSING ? -1 : by_code[code];
        }
    }
  else
    for (guint i = 0; i < dataset->n_rows; i++)
      {
        g_autofree char *text = mqlw_column_format (key, i);
        g_autofree char *k = text != NULL ? normalize_key (text, fold) : NULL;
        gpointer found = k != NULL ? g_hash_table_lookup (index, k) : NULL;
        match[i] = found != NULL ? (gint64) GPOINTER_TO_SIZE (found) - 1 : -1;
      }
  *n_other_unmatched = count_unmatched_rows (other, other_key, index, match, dataset->n_rows, fold,
                                             first_other_unmatched);
  return match;
}

/* "1425 of 8800 leads found no row in accounts.csv", and the joined file's rows
 * no lead matched (an outcome file's lost wins). */
static void
report_join_matches (MqlwDataset        *dataset,
                     MqlwColumn         *key,
                     const MqlwJoinSpec *join,
                     const char         *name,
                     guint               other_rows,
                     guint               other_unmatched,
                     const char         *first_other_unmatched,
                     const gint64       *match,
                     GPtrArray          *problems)
{
  const char *file_key = join->file_key != NULL ? join->file_key : join->key;
  MqlwProblem *problem;

  if (join->kind == MQLW_JOIN_ENRICH)
    {
      guint unmatched = 0, no_key = 0;

      for (guint i = 0; i < dataset->n_rows; i++)
        if (match[i] < 0)
          {
            unmatched++;
            no_key += mqlw_column_is_missing (key, i);
          }
      if (unmatched > 0)
        {
          if (no_key > 0)
            problem = mqlw_problem_new (MQLW_PROBLEM_WARNING, 0, key->name,
                                        g_dngettext (GETTEXT_PACKAGE,
                                                     "%u of %u lead found no row in %s by %s (%u of them have no %s)",
                                                     "%u of %u leads found no row in %s by %s (%u of them have no %s)",
                                                     dataset->n_rows),
                                        unmatched, dataset->n_rows, name, key->name, no_key, key->name);
          else
            problem = mqlw_problem_new (MQLW_PROBLEM_WARNING, 0, key->name,
                                        g_dngettext (GETTEXT_PACKAGE, "%u of %u lead found no row in %s by %s",
                                                     "%u of %u leads found no row in %s by %s", dataset->n_rows),
                                        unmatched, dataset->n_rows, name, key->name);
          mqlw_problem_set_kind (problem, "join-unmatched");
          g_ptr_array_add (problems, problem);
        }
    }
  if (other_unmatched > 0)
    {
      problem = mqlw_problem_new (MQLW_PROBLEM_WARNING, 0, NULL,
                                  g_dngettext (GETTEXT_PACKAGE, "%s: %u of %u row found no lead by %s (the first is '%s')",
                                               "%s: %u of %u rows found no lead by %s (the first is '%s')", other_rows),
                                  name, other_unmatched, other_rows, file_key, first_other_unmatched);
      mqlw_problem_set_kind (problem, "join-unmatched");
      g_ptr_array_add (problems, problem);
    }
}

static void
copy_joined_column (MqlwDataset      *dataset,
                    const MqlwColumn *source,
                    const char       *name,
                    MqlwColumnRole    role,
                    const gint64     *match)
{
  MqlwColumn *column = mqlw_dataset_add_column (dataset, name, source->type, role);

  g_assert (column != NULL);
  column->stage = source->stage;
  switch (source->type)
    {
    case MQLW_COLUMN_TYPE_INTEGER:
    case MQLW_COLUMN_TYPE_DECIMAL:
      for (guint i = 0; i < dataset->n_rows; i++)
        if (match[i] >= 0)
          column->num[i] = mqlw_column_num_at (source, match[i]);
      break;
    case MQLW_COLUMN_TYPE_BOOLEAN:
      for (guint i = 0; i < dataset->n_rows; i++)
        if (match[i] >= 0)
          column->boolean[i] = source->boolean[match[i]];
      break;
    case MQLW_COLUMN_TYPE_DATE:
      for (guint i = 0; i < dataset->n_rows; i++)
        if (match[i] >= 0)
          column->days[i] = source->days[match[i]];
      break;
    case MQLW_COLUMN_TYPE_CATEGORICAL:
    default:
      /* Same dictionary order, so the codes carry over. */
      for (guint c = 0; c < source->dict->len; c++)
        mqlw_column_intern (column, g_ptr_array_index (source->dict, c), -1);
      for (guint i = 0; i < dataset->n_rows; i++)
        if (match[i] >= 0)
          column->codes[i] = mqlw_column_code_at (source, match[i]);
      break;
    }
}

gboolean
mqlw_join_apply (MqlwDataset         *dataset,
                 const MqlwJoinSpec  *join,
                 const char          *source_name,
                 const char          *base_dir,
                 GArray              *outcome_joins,
                 GPtrArray           *problems,
                 GCancellable        *cancellable,
                 GError             **error)
{
  g_autoptr(MqlwDataset) other = NULL;
  g_autofree gint64 *match = NULL;
  g_autofree char *name = g_path_get_basename (join->path);
  g_autofree char *first_unmatched = NULL;
  const char *file_key = join->file_key != NULL ? join->file_key : join->key;
  MqlwColumn *key, *other_key;
  guint other_unmatched = 0;

  /* Any column may be the key (e-mails often are): its strings are needed. */
  if (!mqlw_dataset_load_columns (dataset, error))
    return FALSE;
  key = mqlw_dataset_get_column (dataset, join->key);
  if (key == NULL)
    {
      g_set_error (error, MQLW_MAPPING_ERROR, MQLW_MAPPING_ERROR_UNKNOWN_COLUMN,
                   _("%s has no column '%s' (named as the key to join %s)"), source_name, join->key, name);
      return FALSE;
    }
  other = read_join_file (join, base_dir, problems, cancellable, error);
  if (other == NULL)
    return FALSE;
  other_key = mqlw_dataset_get_column (other, file_key);
  g_assert (other_key != NULL);
  match = match_keys (dataset, key, other, other_key, name, problems, &other_unmatched, &first_unmatched);
  report_join_matches (dataset, key, join, name, other->n_rows, other_unmatched, first_unmatched, match, problems);

  if (join->kind == MQLW_JOIN_ENRICH)
    {
      for (guint c = 0; c < other->columns->len; c++)
        {
          MqlwColumn *source = g_ptr_array_index (other->columns, c);
          g_autofree char *new_name = NULL;
          MqlwColumnRole role = source->role;

          if (source == other_key)
            continue;
          if (role != MQLW_ROLE_ACTIVITY_COUNT && role != MQLW_ROLE_ACTIVITY_DATE && role != MQLW_ROLE_SCORE)
            role = MQLW_ROLE_FIT;
          new_name = unique_column_name (dataset, join, name, source->name);
          copy_joined_column (dataset, source, new_name, role, match);
        }
      return TRUE;
    }

  /* Outcome join: presence proves the stage; amount and date come along. */
  {
    MqlwOutcomeJoin oj = { join, g_new (gint8, MAX (dataset->n_rows, 1)) };

    for (guint i = 0; i < dataset->n_rows; i++)
      oj.present[i] = match[i] >= 0;
    g_array_append_val (outcome_joins, oj);
  }
  if (join->amount != NULL)
    {
      MqlwColumn *amount = mqlw_dataset_get_column (other, join->amount);
      if (amount == NULL || (amount->type != MQLW_COLUMN_TYPE_INTEGER && amount->type != MQLW_COLUMN_TYPE_DECIMAL))
        {
          g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_JOIN,
                       amount == NULL ? _("%s has no column '%s' (named as the deal amount)")
                                      : _("%s: column '%s' (named as the deal amount) does not hold numbers"),
                       name, join->amount);
          return FALSE;
        }
      /* Written in place below: a reopened project's amounts may be its amount column's. */
      mqlw_outcomes_unshare (&dataset->outcomes);
      if (dataset->outcomes.amount == NULL)
        {
          dataset->outcomes.amount = g_new (double, MAX (dataset->n_rows, 1));
          for (guint i = 0; i < dataset->n_rows; i++)
            dataset->outcomes.amount[i] = NAN;
        }
      for (guint i = 0; i < dataset->n_rows; i++)
        if (match[i] >= 0 && isnan (dataset->outcomes.amount[i]))
          dataset->outcomes.amount[i] = mqlw_column_num_at (amount, match[i]);
    }
  if (join->date != NULL)
    {
      MqlwColumn *date = mqlw_dataset_get_column (other, join->date);
      g_autofree char *new_name = NULL;
      MqlwJoinSpec no_prefix = *join;

      if (date == NULL)
        {
          g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_JOIN,
                       _("%s has no column '%s' (named as the date the stage was reached)"), name, join->date);
          return FALSE;
        }
      no_prefix.prefix = NULL;
      new_name = unique_column_name (dataset, &no_prefix, name, date->name);
      copy_joined_column (dataset, date, new_name, MQLW_ROLE_OUTCOME, match);
      mqlw_dataset_get_column (dataset, new_name)->stage = join->stage;
    }
  return TRUE;
}
