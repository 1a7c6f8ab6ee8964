/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-infer.c — Type and role inference from the sample rows, and the field values
 * both inference and import read (mqlw-import-private.h). */
#define G_LOG_DOMAIN "mqlw-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "mqlw-bool-words.h"
#include "mqlw-import-private.h"
#include "mqlw-missing.h"
#include "mqlw-number.h"
#include "mqlw-roles.h"

guint
mqlw_field_bool_extra (const MqlwColumnSpec *spec)
{
  if (spec->role != MQLW_ROLE_OUTCOME)
    return 0;
  if (spec->stage == MQLW_STAGE_ACCEPTED)
    return MQLW_FIELD_EXTRA_ACCEPTED;
  if (spec->stage == MQLW_STAGE_WON)
    return MQLW_FIELD_EXTRA_WON;
  return 0;
}

char *
mqlw_field_shorten (const char *field,
                    gsize       len)
{
  if (len > 40)
    {
      const char *end = g_utf8_find_prev_char (field, field + 40);
      return g_strdup_printf ("%.*s…", (int) (end != NULL ? end - field : 40), field);
    }
  return g_strndup (field, len);
}

/* Type inference from the sample */

static MqlwColumnType
infer_type (GPtrArray            *rows,
            guint                 col,
            const char           *header,
            const char           *normalized,
            guint                 bool_extra,
            const MqlwMissingSet *missing)
{
  gboolean all_bool = TRUE, all_01 = TRUE, all_int = TRUE;
  guint n_values = 0, n_num = 0, n_num_near = 0, n_date = 0, n_date_near = 0;
  MqlwNumberForm form = { 0 };

  for (guint r = 0; r < rows->len; r++)
    {
      GStrv row = g_ptr_array_index (rows, r);
      const char *s;
      gsize len;
      double v;
      gboolean integral;

      /* mqlw_import_read_table pads short rows: every row has a value per header column. */
      s = row[col];
      len = strlen (s);
      mqlw_field_trim (&s, &len);
      if (len == 0 || (missing != NULL && mqlw_missing_set_match (missing, s, len)))
        continue;
      n_values++;
      if (all_bool && mqlw_field_parse_bool (s, len, bool_extra) < 0)
        all_bool = FALSE;
      if (all_01 && !(len == 1 && (s[0] == '0' || s[0] == '1')))
        all_01 = FALSE;
      if (mqlw_field_parse_plain (s, len, &v, &integral))
        {
          n_num++;
          all_int &= integral;
        }
      else
        {
          MqlwNumberResult result = mqlw_number_parse (s, len, &form, TRUE, 0, &v, &integral);
          if (result == MQLW_NUMBER_OK)
            {
              n_num++;
              all_int &= integral;
            }
          else if (mqlw_number_is_near (result))
            n_num_near++;
        }
      if (mqlw_date_forms (s, len) != 0)
        n_date++;
      else if (mqlw_date_is_written_as_date (s, len))
        n_date_near++;
    }

  if (n_values == 0)
    return MQLW_COLUMN_TYPE_CATEGORICAL;
  /* An activity count of 0/1 (unsubscribed) is still a count, and a score of 0/1 points a score. */
  if (all_01)
    return mqlw_mapping_name_is_activity (normalized) || mqlw_roles_name_is_score (header)
           ? MQLW_COLUMN_TYPE_INTEGER : MQLW_COLUMN_TYPE_BOOLEAN;
  if (all_bool)
    return MQLW_COLUMN_TYPE_BOOLEAN;
  /* Values written as numbers (or dates) that cannot be read as one ("$5.3M",
   * 2024-02-30) keep the column's type: the import then names each of them,
   * wherever it is in the file, instead of reading the whole column as text. */
  if (n_num > 0 && n_num + n_num_near == n_values)
    return all_int ? MQLW_COLUMN_TYPE_INTEGER : MQLW_COLUMN_TYPE_DECIMAL;
  if (n_date > 0 && n_date + n_date_near == n_values)
    return MQLW_COLUMN_TYPE_DATE;
  return MQLW_COLUMN_TYPE_CATEGORICAL;
}

/* What the sample says about each column for the full read: the form of its
 * numbers, and for a text column why it is not numbers (the first value that
 * is not one, with its line: the scorer's message names it). */
void
mqlw_infer_learn_forms (const MqlwMapping  *mapping,
                        GPtrArray          *rows,
                        GArray             *row_lines,
                        MqlwNumberForm     *forms,
                        char              **text_reasons)
{
  for (guint c = 0; c < mapping->columns->len; c++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      gboolean numeric = spec->type == MQLW_COLUMN_TYPE_INTEGER || spec->type == MQLW_COLUMN_TYPE_DECIMAL;

      if (!numeric && spec->type != MQLW_COLUMN_TYPE_CATEGORICAL)
        continue;
      for (guint r = 0; r < rows->len; r++)
        {
          GStrv row = g_ptr_array_index (rows, r);
          guint64 line = g_array_index (row_lines, guint64, r);
          const char *s;
          gsize len;
          double v;
          gboolean integral;
          MqlwNumberResult result;

          s = row[c];
          len = strlen (s);
          mqlw_field_trim (&s, &len);
          /* Plain numbers teach the decimal mark too ("12.5"); digits alone do not. */
          if (len == 0 || strspn (s, "0123456789") == len)
            continue;
          result = mqlw_number_parse (s, len, &forms[c], TRUE, line, &v, &integral);
          if (result != MQLW_NUMBER_OK && mqlw_field_parse_plain (s, len, &v, &integral))
            continue;
          if (result != MQLW_NUMBER_OK && !numeric)
            {
              g_autofree char *shown = mqlw_field_shorten (s, len);
              g_autofree char *why = mqlw_number_explain (result, &forms[c], s, len);
              text_reasons[c] = g_strdup_printf (_("line %" PRIu64 ": '%s' %s"), line, shown, why);
              break;
            }
        }
    }
}

static gboolean
is_join_key (const MqlwMapping *mapping,
             const char        *name)
{
  if (mapping == NULL)
    return FALSE;
  for (guint i = 0; i < mapping->joins->len; i++)
    {
      const MqlwJoinSpec *join = g_ptr_array_index (mapping->joins, i);
      if (g_strcmp0 (join->key, name) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
same_join (const MqlwJoinSpec *a,
           const MqlwJoinSpec *b)
{
  g_autofree char *path_a = g_canonicalize_filename (a->path, NULL);
  g_autofree char *path_b = g_canonicalize_filename (b->path, NULL);

  return a->kind == b->kind && (a->kind != MQLW_JOIN_OUTCOME || a->stage == b->stage)
         && strcmp (path_a, path_b) == 0 && g_strcmp0 (a->key, b->key) == 0
         && g_strcmp0 (a->file_key != NULL ? a->file_key : a->key, b->file_key != NULL ? b->file_key : b->key) == 0;
}

/* The same join given twice (in a map and again on the command line) is one
 * join: its wins are not counted twice. What the repeat adds (an amount or a
 * date column) is kept. */
static void
drop_repeated_joins (GPtrArray *joins)
{
  for (guint j = 1; j < joins->len;)
    {
      MqlwJoinSpec *repeat = g_ptr_array_index (joins, j);
      gboolean dropped = FALSE;

      for (guint k = 0; k < j && !dropped; k++)
        {
          MqlwJoinSpec *first = g_ptr_array_index (joins, k);
          if (!same_join (first, repeat))
            continue;
          if (first->amount == NULL)
            first->amount = g_strdup (repeat->amount);
          if (first->date == NULL)
            first->date = g_strdup (repeat->date);
          if (first->prefix == NULL)
            first->prefix = g_strdup (repeat->prefix);
          g_ptr_array_remove_index (joins, j);
          dropped = TRUE;
        }
      if (!dropped)
        j++;
    }
}

/* Whether outcome column @c holds marks alone (X, ✓, ✔ and blanks, as SAP
 * and Excel check columns do): a blank then means "not reached". The user's
 * word (@given) comes first. */
static void
decide_blank_is_no (MqlwColumnSpec       *spec,
                    const MqlwColumnSpec *given,
                    const MqlwMapping    *mapping,
                    GPtrArray            *rows,
                    guint                 c)
{
  g_autoptr(MqlwMissingSet) missing = NULL;
  guint marks = 0;

  if (given != NULL && given->blank_set)
    {
      spec->blank_is_no = given->blank_is_no;
      spec->blank_set = TRUE;
      return;
    }
  if (spec->role != MQLW_ROLE_OUTCOME || spec->type != MQLW_COLUMN_TYPE_BOOLEAN)
    return;
  missing = mqlw_missing_set_new (mapping, spec);
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv row = g_ptr_array_index (rows, r);
      const char *s = row[c];
      gsize len = strlen (s);
      const MqlwBoolWord *word;

      mqlw_field_trim (&s, &len);
      if (len == 0 || mqlw_missing_set_match (missing, s, len))
        continue;
      word = mqlw_bool_word_find (s, len);
      if (word == NULL || !word->yes || !mqlw_bool_word_is_mark (word))
        return;
      marks++;
    }
  if (marks == 0)
    return;
  spec->blank_is_no = TRUE;
  if (spec->reason != NULL)
    {
      char *reason = g_strdup_printf (_("%s; only marks (X, ✓): a blank reads as not reached"), spec->reason);
      g_free (spec->reason);
      spec->reason = reason;
    }
}

/* A lead id or a join key is a name, not a number: "00123" (ERP and CRM
 * numbering often pads them), "+4412" or "1e3" read as a number would lose its
 * text in every export and never meet its match in a joined file. The sample
 * cannot tell: the first padded id may come long after it. Such a column
 * stays text unless the mapping sets its type. */
static void
keep_ids_as_text (MqlwColumnSpec    *spec,
                  const MqlwMapping *overrides)
{
  gboolean key = spec->role == MQLW_ROLE_LEAD_ID;

  if (spec->type_set || (spec->type != MQLW_COLUMN_TYPE_INTEGER && spec->type != MQLW_COLUMN_TYPE_DECIMAL))
    return;
  for (guint i = 0; !key && overrides != NULL && i < overrides->joins->len; i++)
    key = g_strcmp0 (((const MqlwJoinSpec *) g_ptr_array_index (overrides->joins, i))->key, spec->name) == 0;
  if (key)
    spec->type = MQLW_COLUMN_TYPE_CATEGORICAL;
}

/* The mapping for this header: every column, in header order, detected and
 * merged with the overrides. Checks that every column the overrides name exists. */
MqlwMapping *
mqlw_infer_resolve_mapping (const MqlwCsvText  *text,
                            GStrv               header,
                            GPtrArray          *rows,
                            const MqlwMapping  *overrides,
                            GError            **error)
{
  g_autoptr(MqlwMapping) mapping = mqlw_mapping_new ();
  g_autoptr(GHashTable) in_header = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) given_specs = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_cols = g_strv_length (header);

  /* Lookups by name through hash tables: linear in the number of columns. */
  for (guint c = 0; c < n_cols; c++)
    g_hash_table_add (in_header, header[c]);
  if (overrides != NULL)
    {
      for (guint i = 0; i < overrides->columns->len; i++)
        {
          MqlwColumnSpec *spec = g_ptr_array_index (overrides->columns, i);
          g_hash_table_insert (given_specs, spec->name, spec);
        }
      for (guint i = 0; i < overrides->columns->len; i++)
        {
          const MqlwColumnSpec *spec = g_ptr_array_index (overrides->columns, i);
          if (g_hash_table_contains (in_header, spec->name))
            continue;
          if (spec->role_set && spec->role == MQLW_ROLE_OUTCOME)
            g_set_error (error, MQLW_MAPPING_ERROR, MQLW_MAPPING_ERROR_MISSING_OUTCOME,
                         _("%s has no column '%s' (named as the %s outcome)"),
                         text->source_name, spec->name, _(mqlw_stage_label (spec->stage)));
          else
            g_set_error (error, MQLW_MAPPING_ERROR, MQLW_MAPPING_ERROR_UNKNOWN_COLUMN,
                         _("%s has no column '%s' (named in the mapping)"), text->source_name, spec->name);
          return NULL;
        }
      for (guint i = 0; i < overrides->joins->len; i++)
        {
          const MqlwJoinSpec *join = g_ptr_array_index (overrides->joins, i);
          if (!g_hash_table_contains (in_header, join->key))
            {
              g_set_error (error, MQLW_MAPPING_ERROR, MQLW_MAPPING_ERROR_UNKNOWN_COLUMN,
                           _("%s has no column '%s' (named as the key to join %s)"),
                           text->source_name, join->key, join->path);
              return NULL;
            }
        }
      mapping->date_order = overrides->date_order;
      mapping->detect_placeholders = overrides->detect_placeholders;
      for (guint i = 0; i < overrides->missing_values->len; i++)
        mqlw_mapping_add_missing_value (mapping, NULL, g_ptr_array_index (overrides->missing_values, i));
      for (guint i = 0; i < overrides->stage_values->len; i++)
        {
          const MqlwStageValue *value = g_ptr_array_index (overrides->stage_values, i);
          mqlw_mapping_add_stage_value (mapping, value->value, value->furthest, value->closed);
        }
      {
        g_autoptr(MqlwMapping) copy = mqlw_mapping_copy (overrides);
        g_ptr_array_extend_and_steal (mapping->joins, g_steal_pointer (&copy->joins));
        copy->joins = g_ptr_array_new ();
        drop_repeated_joins (mapping->joins);
      }
    }
  mapping->delimiter = text->delimiter;

  for (guint c = 0; c < n_cols; c++)
    {
      const MqlwColumnSpec *given = g_hash_table_lookup (given_specs, header[c]);
      g_autofree char *normalized = mqlw_mapping_normalize_name (header[c]);
      MqlwColumnSpec *spec = g_new0 (MqlwColumnSpec, 1);
      MqlwStage name_stage = MQLW_STAGE_SQL;
      MqlwColumnRole name_role = mqlw_mapping_guess_role (header[c], MQLW_COLUMN_TYPE_CATEGORICAL, &name_stage);
      g_autoptr(MqlwMissingSet) missing = NULL;

      spec->name = g_strdup (header[c]);
      g_ptr_array_add (mapping->columns, spec);
      if (given != NULL)
        spec->missing_values = g_strdupv (given->missing_values);
      missing = mqlw_missing_set_new (mapping, spec);

      /* Type first: the role's outcome words count as yes/no values. */
      if (given != NULL && given->type_set && given->type != 0)
        {
          spec->type = given->type;
          spec->type_set = TRUE;
        }
      else if (is_join_key (overrides, header[c]))
        spec->type = MQLW_COLUMN_TYPE_CATEGORICAL;
      else
        {
          MqlwColumnSpec probe = { 0 };
          if (given != NULL && given->role_set)
            {
              probe.role = given->role;
              probe.stage = given->stage;
            }
          else
            {
              probe.role = name_role;
              probe.stage = name_stage;
            }
          spec->type = infer_type (rows, c, header[c], normalized, mqlw_field_bool_extra (&probe), missing);
          if (probe.role == MQLW_ROLE_STAGE)
            spec->type = MQLW_COLUMN_TYPE_CATEGORICAL;
        }

      if (given != NULL && given->role_set)
        {
          spec->role = given->role;
          spec->stage = given->stage;
          spec->role_set = TRUE;
          spec->activity = g_strdup (given->activity);
        }
    }

  /* Roles from the names and the values, each with its reason. */
  mqlw_roles_detect (mapping, rows);
  for (guint c = 0; c < n_cols; c++)
    keep_ids_as_text (g_ptr_array_index (mapping->columns, c), overrides);
  for (guint c = 0; c < n_cols; c++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      const MqlwColumnSpec *given = g_hash_table_lookup (given_specs, header[c]);

      /* What a blank means is said of a yes/no outcome column only: said of
       * any other column it would change nothing, silently. */
      if (given != NULL && given->blank_set
          && (spec->role != MQLW_ROLE_OUTCOME || spec->type != MQLW_COLUMN_TYPE_BOOLEAN))
        {
          g_set_error (error, MQLW_MAPPING_ERROR, MQLW_MAPPING_ERROR_INVALID,
                       given->blank_is_no
                       ? _("%s: column '%s' is not a yes/no outcome column, so a blank in it cannot mean "
                           "\"not reached\" (--blank-means-no, or blank_means_no in the map): name the outcome "
                           "column, or map this one as an outcome with --outcome STAGE=COLUMN")
                       : _("%s: column '%s' is not a yes/no outcome column, so what a blank means in it cannot "
                           "be set (--blank-unknown, or blank_means_no in the map): name the outcome column, or "
                           "map this one as an outcome with --outcome STAGE=COLUMN"),
                       text->source_name, header[c]);
          return NULL;
        }
      decide_blank_is_no (spec, given, mapping, rows, c);
    }

  return g_steal_pointer (&mapping);
}

/* Columns that hold nearly one value per row in the sample (ids, e-mails) are
 * not interned while parsing: a hash lookup per row would be most of the time. */
void
mqlw_infer_choose_deferred (const MqlwMapping *mapping,
                            GPtrArray         *rows,
                            gboolean          *deferred)
{
  for (guint c = 0; c < mapping->columns->len; c++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      g_autoptr(GHashTable) seen = NULL;
      guint n_values = 0;

      if (spec->type != MQLW_COLUMN_TYPE_CATEGORICAL || spec->role == MQLW_ROLE_IGNORE
          || spec->role == MQLW_ROLE_STAGE || spec->role == MQLW_ROLE_OUTCOME)
        continue;
      seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint r = 0; r < rows->len; r++)
        {
          GStrv row = g_ptr_array_index (rows, r);
          if (row[c][0] == '\0')
            continue;
          n_values++;
          g_hash_table_add (seen, row[c]);
        }
      deferred[c] = n_values > 0 && g_hash_table_size (seen) * 10 >= n_values * 9;
    }
}
