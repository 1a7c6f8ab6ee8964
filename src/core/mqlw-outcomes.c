/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-outcomes.c — The funnel outcomes (MqlwOutcomes) from stage columns, outcome
 * columns and outcome joins, stage by stage. */
#define G_LOG_DOMAIN "mqlw-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "mqlw-import-private.h"
#include "mqlw-roles.h"
#include "mqlw-stage-table.h"

static const char *
stage_label_lower (MqlwStage stage)
{
  static const char * const labels[] = { N_("sales acceptance (SAL)"), N_("SQL"), N_("opportunity"), N_("won") };
  return _(labels[stage]);
}

/* While the outcomes are derived, the win of a lead a stage column reads as
 * open (an open deal, a lead in progress): unknown, and no blank won date,
 * blank mark or absence from a won file makes it "not won" (an open deal's
 * won date is blank). Made unknown before the funnel is closed. */
#define OUTCOME_OPEN ((gint8) -2)

/* A blank in a date-like source: not reached when the previous stage is known. */
static inline gint8
blank_outcome (gint8 **stage,
               int     s,
               guint   i)
{
  for (int e = s - 1; e >= 0; e--)
    if (stage[e] != NULL)
      return stage[e][i] == MQLW_OUTCOME_UNKNOWN ? MQLW_OUTCOME_UNKNOWN : MQLW_OUTCOME_NO;
  return MQLW_OUTCOME_NO;
}

static guint64
first_line_of (GHashTable       *first_lines,
               const MqlwColumn *column,
               guint             code)
{
  GArray *lines = first_lines != NULL ? g_hash_table_lookup (first_lines, column->name) : NULL;
  if (lines == NULL || code >= lines->len)
    return 0;
  return g_array_index (lines, guint64, code);
}

/* Several stage columns (a lifecycle stage and a lead status) combine: a stage
 * reached in any of them is reached; else one that ended the funnel says "not
 * reached"; else it stays unknown. */
static inline gint8
combine_outcome (gint8 known,
                 gint8 value)
{
  if (known == MQLW_OUTCOME_YES || value == MQLW_OUTCOME_UNKNOWN
      || (value == OUTCOME_OPEN && known != MQLW_OUTCOME_UNKNOWN))
    return known;
  return value;
}

static const MqlwStageValue *
find_stage_value (const MqlwMapping *mapping,
                  const char        *trimmed)
{
  for (guint k = 0; k < mapping->stage_values->len; k++)
    {
      const MqlwStageValue *candidate = g_ptr_array_index (mapping->stage_values, k);
      if (g_utf8_collate (candidate->value, trimmed) == 0 || g_ascii_strcasecmp (candidate->value, trimmed) == 0)
        return candidate;
    }
  return NULL;
}

static void
apply_stage_column (MqlwDataset       *dataset,
                    MqlwColumn        *column,
                    const MqlwMapping *mapping,
                    GHashTable        *first_lines,
                    GPtrArray         *problems,
                    GPtrArray         *stage_uses)
{
  guint n_codes = column->type == MQLW_COLUMN_TYPE_CATEGORICAL ? column->dict->len : 0;
  g_autofree int *furthest = g_new (int, MAX (n_codes, 1));
  g_autofree gint8 *known = g_new0 (gint8, MAX (n_codes, 1));
  g_autofree gboolean *closed = g_new0 (gboolean, MAX (n_codes, 1));
  g_autofree gboolean *unknown_before = g_new0 (gboolean, MAX (n_codes, 1));
  g_autofree guint64 *leads = g_new0 (guint64, MAX (n_codes, 1));
  g_autofree const char **values = g_new0 (const char *, n_codes + 1);
  gint8 *stage[MQLW_N_STAGES];
  MqlwStageContext context;

  for (int s = 0; s < MQLW_N_STAGES; s++)
    stage[s] = mqlw_dataset_ensure_stage (dataset, s);

  for (guint c = 0; c < n_codes; c++)
    values[c] = g_ptr_array_index (column->dict, c);
  context = mqlw_stage_table_context (column->name, values);

  for (guint c = 0; c < n_codes; c++)
    {
      const char *value = values[c];
      const MqlwStageValue *entry;
      const MqlwStageTableEntry *builtin = NULL;
      g_autofree char *trimmed = g_strstrip (g_strdup (value));

      entry = find_stage_value (mapping, trimmed);
      if (entry == NULL)
        builtin = mqlw_stage_table_lookup (context, trimmed);
      if (entry == NULL && builtin == NULL)
        {
          g_ptr_array_add (problems,
                           mqlw_problem_new (MQLW_PROBLEM_WARNING, first_line_of (first_lines, column, c),
                                             column->name,
                                             _("the stage '%s' is not known, so its leads are left unknown; "
                                               "pick its stage on the mapping page, with --stage-value "
                                               "'%s=STAGE:open' (or :closed), or in stage_values of a map file"),
                                             value, value));
          continue;
        }
      known[c] = TRUE;
      furthest[c] = entry != NULL ? entry->furthest : builtin->furthest;
      closed[c] = entry != NULL ? entry->closed : builtin->closed;
      unknown_before[c] = entry == NULL && mqlw_stage_table_unknown_before (builtin, column->name);
    }

  for (guint i = 0; i < dataset->n_rows; i++)
    {
      guint32 code = n_codes > 0 ? mqlw_column_code_at (column, i) : MQLW_CODE_MISSING;
      if (code == MQLW_CODE_MISSING)
        continue;
      leads[code]++;
      if (!known[code])
        continue;
      for (int s = 0; s < MQLW_N_STAGES; s++)
        stage[s][i] = combine_outcome (stage[s][i], s <= furthest[code] ? MQLW_OUTCOME_YES
                                                    : closed[code] && (s == MQLW_STAGE_WON || !unknown_before[code])
                                                    ? MQLW_OUTCOME_NO
                                                    : s == MQLW_STAGE_WON && !closed[code] ? OUTCOME_OPEN
                                                    : MQLW_OUTCOME_UNKNOWN);
    }

  for (guint c = 0; stage_uses != NULL && c < n_codes; c++)
    {
      MqlwStageUse *use = g_new0 (MqlwStageUse, 1);

      use->column = g_strdup (column->name);
      use->value = g_strdup (values[c]);
      use->known = known[c];
      use->furthest = known[c] ? furthest[c] : -1;
      use->closed = known[c] && closed[c];
      use->unknown_before = known[c] && unknown_before[c];
      use->from_mapping = find_stage_value (mapping, values[c]) != NULL;
      use->leads = leads[c];
      if (use->leads > 0)
        g_ptr_array_add (stage_uses, use);
      else
        mqlw_stage_use_free (use);
    }
}

/* A column of marks (X or ✓, nothing for no): its blanks say "not reached"
 * where nothing else said otherwise, when the mapping says so or detection
 * found marks alone in the sample and the whole column has no "no" in it. */
static void
apply_blanks_as_no (MqlwDataset          *dataset,
                    MqlwColumn           *column,
                    const MqlwColumnSpec *spec,
                    gint8                *out,
                    GPtrArray            *problems)
{
  guint64 read = 0;

  column->blank_is_no = FALSE;
  if (spec == NULL || !spec->blank_is_no)
    return;
  if (!spec->blank_set)
    for (guint i = 0; i < dataset->n_rows; i++)
      if (column->boolean[i] == 0)
        return;
  column->blank_is_no = TRUE;
  for (guint i = 0; i < dataset->n_rows; i++)
    if (column->boolean[i] == MQLW_BOOL_MISSING && out[i] == MQLW_OUTCOME_UNKNOWN)
      {
        out[i] = MQLW_OUTCOME_NO;
        read++;
      }
  if (read > 0)
    g_ptr_array_add (problems,
                     mqlw_problem_new (MQLW_PROBLEM_WARNING, 0, column->name,
                                       g_dngettext (GETTEXT_PACKAGE,
                                                    "column %s holds marks (X, ✓) and blanks: %" PRIu64
                                                    " blank lead is read as not reaching %s; if a blank means "
                                                    "unknown there, turn off “A blank cell means not reached” for it (mqlw: --blank-unknown '%s')",
                                                    "column %s holds marks (X, ✓) and blanks: %" PRIu64
                                                    " blank leads are read as not reaching %s; if a blank means "
                                                    "unknown there, turn off “A blank cell means not reached” for it (mqlw: --blank-unknown '%s')", read),
                                       column->name, read, stage_label_lower (column->stage), column->name));
}

static void
apply_outcome_column (MqlwDataset          *dataset,
                      MqlwColumn           *column,
                      const MqlwColumnSpec *spec,
                      GHashTable           *first_lines,
                      GPtrArray            *problems)
{
  int s = column->stage;
  gint8 *out = mqlw_dataset_ensure_stage (dataset, s);
  gint8 **stage = dataset->outcomes.stage;

  /* An id filled by the conversion: filled reached, blank as a blank date. */
  if ((column->type == MQLW_COLUMN_TYPE_CATEGORICAL || column->type == MQLW_COLUMN_TYPE_INTEGER
       || column->type == MQLW_COLUMN_TYPE_DECIMAL) && mqlw_roles_filled_is_reached (column->name))
    {
      gboolean text = column->type == MQLW_COLUMN_TYPE_CATEGORICAL;

      for (guint i = 0; i < dataset->n_rows; i++)
        {
          if (text ? mqlw_column_code_at (column, i) != MQLW_CODE_MISSING : !isnan (mqlw_column_num_at (column, i)))
            out[i] = MQLW_OUTCOME_YES;
          else if (out[i] == MQLW_OUTCOME_UNKNOWN)
            out[i] = blank_outcome (stage, s, i);
        }
      return;
    }

  switch (column->type)
    {
    case MQLW_COLUMN_TYPE_BOOLEAN:
      /* Branch-free, so that it runs a vector at a time. */
      for (guint i = 0; i < dataset->n_rows; i++)
        {
          gint8 b = column->boolean[i];
          out[i] = b == MQLW_BOOL_MISSING ? out[i] : b != 0 ? MQLW_OUTCOME_YES : MQLW_OUTCOME_NO;
        }
      apply_blanks_as_no (dataset, column, spec, out, problems);
      break;
    case MQLW_COLUMN_TYPE_INTEGER:
    case MQLW_COLUMN_TYPE_DECIMAL:
      for (guint i = 0; i < dataset->n_rows; i++)
        {
          double v = mqlw_column_num_at (column, i);
          if (!isnan (v))
            out[i] = v > 0 ? MQLW_OUTCOME_YES : MQLW_OUTCOME_NO;
        }
      break;
    case MQLW_COLUMN_TYPE_DATE:
      for (guint i = 0; i < dataset->n_rows; i++)
        {
          if (column->days[i] != MQLW_DATE_MISSING)
            out[i] = MQLW_OUTCOME_YES;
          else if (out[i] == MQLW_OUTCOME_UNKNOWN)
            out[i] = blank_outcome (stage, s, i);
        }
      break;
    case MQLW_COLUMN_TYPE_CATEGORICAL:
    default:
      {
        guint extra = s == MQLW_STAGE_ACCEPTED ? MQLW_FIELD_EXTRA_ACCEPTED : s == MQLW_STAGE_WON ? MQLW_FIELD_EXTRA_WON : 0;
        g_autofree gint8 *by_code = g_new (gint8, MAX (column->dict->len, 1));
        for (guint c = 0; c < column->dict->len; c++)
          {
            const char *value = g_ptr_array_index (column->dict, c);
            int v = mqlw_field_parse_bool (value, strlen (value), extra);
            by_code[c] = v < 0 ? MQLW_OUTCOME_UNKNOWN : v ? MQLW_OUTCOME_YES : MQLW_OUTCOME_NO;
            if (v < 0)
              g_ptr_array_add (problems,
                               mqlw_problem_new (MQLW_PROBLEM_WARNING, first_line_of (first_lines, column, c),
                                                 column->name,
                                                 _("'%s' is not a yes/no value, so those leads' %s outcome "
                                                   "is left unknown"),
                                                 value, stage_label_lower (s)));
          }
        for (guint i = 0; i < dataset->n_rows; i++)
          {
            guint32 code = mqlw_column_code_at (column, i);
            if (code != MQLW_CODE_MISSING && by_code[code] != MQLW_OUTCOME_UNKNOWN)
              out[i] = by_code[code];
          }
      }
      break;
    }
}

/* @column read into the outcomes: dropped when the command does not read it
 * (mqlw_outcomes_derive ()'s @needed). TRUE when dropped. */
static gboolean
drop_if_unneeded (MqlwDataset        *dataset,
                  MqlwColumn         *column,
                  const char * const *needed)
{
  if (needed == NULL || column->type == MQLW_COLUMN_TYPE_DATE || g_strv_contains (needed, column->name))
    return FALSE;
  return mqlw_dataset_remove_column (dataset, column->name);
}

gboolean
mqlw_outcomes_derive (MqlwDataset        *dataset,
                      const MqlwMapping  *mapping,
                      GArray             *outcome_joins,
                      GHashTable         *first_lines,
                      GPtrArray          *problems,
                      GPtrArray          *stage_uses,
                      const char * const *needed,
                      GError            **error)
{
  MqlwColumn *column;
  gboolean any = FALSE, any_stage_column = FALSE;

  /* The dataset is complete: every later command holds it in its compact
   * form, made before the outcomes so that the full-width codes are gone
   * before the outcomes' arrays are made (the import's peak memory) and the
   * passes below read narrow columns. */
  mqlw_dataset_compact (dataset);

  for (guint c = 0; c < dataset->columns->len; c++)
    {
      column = g_ptr_array_index (dataset->columns, c);
      if (column->role != MQLW_ROLE_STAGE)
        continue;
      apply_stage_column (dataset, column, mapping, first_lines, problems, stage_uses);
      any = any_stage_column = TRUE;
      if (drop_if_unneeded (dataset, column, needed))
        c--;   /* the next column is at c now */
    }

  for (int s = 0; s < MQLW_N_STAGES; s++)
    {
      for (guint c = 0; c < mapping->columns->len; c++)
        {
          const MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
          if (spec->role != MQLW_ROLE_OUTCOME || (int) spec->stage != s)
            continue;
          column = mqlw_dataset_get_column (dataset, spec->name);
          if (column == NULL)
            continue;
          apply_outcome_column (dataset, column, spec, first_lines, problems);
          any = TRUE;
          (void) drop_if_unneeded (dataset, column, needed);
        }
      for (guint j = 0; j < outcome_joins->len; j++)
        {
          MqlwOutcomeJoin *oj = &g_array_index (outcome_joins, MqlwOutcomeJoin, j);
          gint8 *out;
          if ((int) oj->join->stage != s)
            continue;
          out = mqlw_dataset_ensure_stage (dataset, s);
          for (guint i = 0; i < dataset->n_rows; i++)
            {
              if (oj->present[i])
                out[i] = MQLW_OUTCOME_YES;
              else if (out[i] == MQLW_OUTCOME_UNKNOWN)
                out[i] = blank_outcome (dataset->outcomes.stage, s, i);
            }
          any = TRUE;
        }
    }

  if (!any)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_NO_OUTCOME,
                   _("%s: no outcome columns found: name the SQL or won column with --outcome, "
                     "or map a stage column"), dataset->source_name);
      return FALSE;
    }

  if (any_stage_column && dataset->outcomes.stage[MQLW_STAGE_WON] != NULL)
    {
      gint8 *won = dataset->outcomes.stage[MQLW_STAGE_WON];
      for (guint i = 0; i < dataset->n_rows; i++)
        won[i] = won[i] == OUTCOME_OPEN ? MQLW_OUTCOME_UNKNOWN : won[i];
    }
  mqlw_dataset_close_funnel (dataset);

  /* The amounts and the created dates are their columns' values: held once,
   * in the column's storage (MqlwOutcomes.shared), unless joins gave amounts
   * already. A command that drops the column hands the storage over
   * (mqlw_dataset_remove_column ()). */
  column = mqlw_dataset_find_role (dataset, MQLW_ROLE_DEAL_AMOUNT);
  if (column != NULL && (column->type == MQLW_COLUMN_TYPE_INTEGER || column->type == MQLW_COLUMN_TYPE_DECIMAL))
    {
      gboolean fresh = dataset->outcomes.amount == NULL;

      if (fresh && column->width == sizeof (double))
        {
          dataset->outcomes.amount = column->num;
          dataset->outcomes.shared |= MQLW_OUTCOMES_SHARED_AMOUNT;
        }
      else
        {
          if (fresh)
            dataset->outcomes.amount = g_new (double, MAX (dataset->n_rows, 1));
          for (guint i = 0; i < dataset->n_rows; i++)
            {
              double v = mqlw_column_num_at (column, i);
              if (fresh || !isnan (v))
                dataset->outcomes.amount[i] = v;
            }
        }
    }
  column = mqlw_dataset_find_role (dataset, MQLW_ROLE_CREATED_AT);
  if (column != NULL && column->type == MQLW_COLUMN_TYPE_DATE)
    {
      dataset->outcomes.created_days = column->days;
      dataset->outcomes.shared |= MQLW_OUTCOMES_SHARED_CREATED_DAYS;
    }
  return TRUE;
}

void
mqlw_outcomes_settle_blanks (MqlwMapping *mapping,
                             MqlwDataset *dataset)
{
  g_autofree char *suffix = g_strdup_printf (_("%s; only marks (X, ✓): a blank reads as not reached"), "");

  for (guint c = 0; c < mapping->columns->len; c++)
    {
      MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      MqlwColumn *column;

      if (!spec->blank_is_no || spec->blank_set)
        continue;
      column = mqlw_dataset_get_column (dataset, spec->name);
      if (column == NULL || column->blank_is_no)
        continue;
      /* A "no" further down than the sample: blanks stay unknown, as the import reads them. */
      spec->blank_is_no = FALSE;
      if (spec->reason != NULL && g_str_has_suffix (spec->reason, suffix))
        spec->reason[strlen (spec->reason) - strlen (suffix)] = '\0';
    }
}
