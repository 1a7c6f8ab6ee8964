/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-model-check"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mqlw-health.h"
#include "mqlw-missing.h"
#include "mqlw-model-check.h"

#define CLOSEST_SHOWN   3
#define CLOSEST_MAX_DICT 50000   /* beyond, only "no lead has" (the distances would take long) */

/* What the checks need of one column, worked out once. */
typedef struct {
  MqlwColumn *column;
  guint64    *counts;     /* CATEGORICAL: leads per code */
  GHashTable *folded;     /* CATEGORICAL: folded value → code + 1 */
  gboolean    leak_done;
  char       *leak_why;   /* NULL: it does not look leaky */
} ColumnInfo;

typedef struct {
  MqlwDataset *dataset;
  GHashTable  *columns;   /* name → ColumnInfo* */
  GPtrArray   *warnings;
} Check;

static void
column_info_free (ColumnInfo *info)
{
  g_free (info->counts);
  g_clear_pointer (&info->folded, g_hash_table_unref);
  g_free (info->leak_why);
  g_free (info);
}

void
mqlw_rule_warning_free (MqlwRuleWarning *warning)
{
  if (warning == NULL)
    return;
  g_free (warning->rule_id);
  g_free (warning->field);
  g_free (warning->value);
  g_free (warning->message);
  g_free (warning->detail);
  g_free (warning->summary);
  g_free (warning);
}

static char *
fold (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  return g_utf8_casefold (copy, -1);
}

guint
mqlw_model_check_distance (const char *a,
                           const char *b)
{
  g_autofree char *fa = NULL, *fb = NULL;
  g_autofree gunichar *ua = NULL, *ub = NULL;
  g_autofree guint *row = NULL;
  glong na = 0, nb = 0;

  g_return_val_if_fail (a != NULL && b != NULL, 0);

  fa = fold (a);
  fb = fold (b);
  ua = g_utf8_to_ucs4_fast (fa, -1, &na);
  ub = g_utf8_to_ucs4_fast (fb, -1, &nb);
  /* Levenshtein, one row at a time. */
  row = g_new (guint, nb + 1);
  for (glong j = 0; j <= nb; j++)
    row[j] = (guint) j;
  for (glong i = 1; i <= na; i++)
    {
      guint diagonal = row[0];
      row[0] = (guint) i;
      for (glong j = 1; j <= nb; j++)
        {
          guint above = row[j];
          guint cost = ua[i - 1] == ub[j - 1] ? 0 : 1;
          row[j] = MIN (MIN (above + 1, row[j - 1] + 1), diagonal + cost);
          diagonal = above;
        }
    }
  return row[nb];
}

static ColumnInfo *
get_info (Check      *check,
          const char *name)
{
  ColumnInfo *info = g_hash_table_lookup (check->columns, name);
  MqlwColumn *column;

  if (info != NULL)
    return info;
  column = mqlw_dataset_get_column (check->dataset, name);
  if (column == NULL)
    return NULL;
  info = g_new0 (ColumnInfo, 1);
  info->column = column;
  g_hash_table_insert (check->columns, g_strdup (name), info);
  return info;
}

/* The counts and folded values of a categorical column, for the value checks
 * only: a leak check on an e-mail column must not fold a million addresses
 * (that was most of `mqlw calibrate`'s memory at a million leads). */
static void
ensure_values (ColumnInfo *info)
{
  MqlwColumn *column = info->column;

  if (info->folded != NULL)
    return;
  info->counts = g_new0 (guint64, MAX (column->dict->len, 1));
  info->folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < column->n_rows; i++)
    {
      guint32 code = mqlw_column_code_at (column, i);
      if (code != MQLW_CODE_MISSING)
        info->counts[code]++;
    }
  for (guint c = 0; c < column->dict->len; c++)
    g_hash_table_insert (info->folded, fold (g_ptr_array_index (column->dict, c)), GUINT_TO_POINTER (c + 1));
}

static void
add_warning (Check               *check,
             MqlwRuleWarningKind  kind,
             const char          *rule_id,
             const char          *label,
             const char          *field,
             const char          *value,
             char                *detail,
             char                *summary)
{
  MqlwRuleWarning *warning = g_new0 (MqlwRuleWarning, 1);

  warning->summary = summary;
  warning->kind = kind;
  warning->rule_id = g_strdup (rule_id);
  warning->field = g_strdup (field);
  warning->value = g_strdup (value);
  warning->detail = detail;
  warning->message = g_strdup_printf ("%s: %s", label != NULL ? label : rule_id, detail);
  g_ptr_array_add (check->warnings, warning);
}

typedef struct {
  guint32 code;
  guint   distance;
  guint64 count;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->code < y->code ? -1 : x->code > y->code;
}

/* "“Senior Manager” (412 leads), “Senior Marketer” (3 leads)": the values
 * nearest to @value (up to about half its length apart), else the commonest. */
static char *
describe_nearby (ColumnInfo *info,
                 const char *value,
                 gboolean   *close)
{
  MqlwColumn *column = info->column;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  guint limit = MAX (2, g_utf8_strlen (value, -1) / 2);
  GString *out = g_string_new (NULL);
  guint shown = 0;

  *close = FALSE;
  for (guint c = 0; c < column->dict->len; c++)
    {
      Candidate candidate = { c, 0, info->counts[c] };
      if (candidate.count == 0)
        continue;
      candidate.distance = mqlw_model_check_distance (value, g_ptr_array_index (column->dict, c));
      if (candidate.distance <= limit)
        *close = TRUE;
      g_array_append_val (candidates, candidate);
    }
  if (!*close)
    for (guint i = 0; i < candidates->len; i++)
      g_array_index (candidates, Candidate, i).distance = 0;
  g_array_sort (candidates, compare_candidates);
  for (guint i = 0; i < candidates->len && shown < CLOSEST_SHOWN; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, i);

      if (*close && candidate->distance > limit)
        break;
      if (shown++ > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "“%s” (%" PRIu64 " lead)", "“%s” (%" PRIu64 " leads)",
                                                candidate->count),
                              (const char *) g_ptr_array_index (column->dict, candidate->code), candidate->count);
    }
  return g_string_free (out, FALSE);
}

static void
check_values (Check           *check,
              const char      *rule_id,
              const char      *label,
              const MqlwMatch *match)
{
  ColumnInfo *info;

  /* A "not_in" value no lead has is the same typo: it excludes nobody. */
  if ((match->op != MQLW_MATCH_EQUALS && match->op != MQLW_MATCH_IN_SET && match->op != MQLW_MATCH_NOT_IN) ||
      match->values == NULL)
    return;
  info = get_info (check, match->field);
  if (info == NULL || info->column->type != MQLW_COLUMN_TYPE_CATEGORICAL)
    return;
  ensure_values (info);
  for (guint i = 0; match->values[i] != NULL; i++)
    {
      const char *value = match->values[i];
      g_autofree char *folded = fold (value);
      gpointer code = g_hash_table_lookup (info->folded, folded);
      g_autofree char *trimmed = g_strstrip (g_strdup (value));
      g_autofree char *nearby = NULL;
      char *detail;
      gboolean close;

      if (code != NULL && info->counts[GPOINTER_TO_UINT (code) - 1] > 0)
        continue;
      if (mqlw_missing_is_placeholder (trimmed, strlen (trimmed)))
        detail = g_strdup_printf (_("no lead has %s “%s”: it is a placeholder, read as missing; use the condition "
                                    "“is missing” instead"), match->field, trimmed);
      else if (info->column->dict->len == 0 || info->column->dict->len > CLOSEST_MAX_DICT)
        detail = g_strdup_printf (_("no lead has %s “%s”"), match->field, trimmed);
      else
        {
          nearby = describe_nearby (info, trimmed, &close);
          detail = close ? g_strdup_printf (_("no lead has %s “%s”; the closest values are %s"), match->field,
                                            trimmed, nearby)
                         : g_strdup_printf (_("no lead has %s “%s”; its commonest values are %s"), match->field,
                                            trimmed, nearby);
        }
      add_warning (check, MQLW_RULE_WARNING_NO_MATCH, rule_id, label, match->field, trimmed, detail,
                   g_strdup_printf (_("no lead has “%s”"), trimmed));
    }
}

static void
check_leak (Check      *check,
            const char *rule_id,
            const char *label,
            const char *field)
{
  ColumnInfo *info;

  if (field == NULL || (info = get_info (check, field)) == NULL)
    return;
  if (!info->leak_done)
    {
      mqlw_health_column_leaks (check->dataset, info->column, &info->leak_why);
      info->leak_done = TRUE;
    }
  if (info->leak_why != NULL)
    add_warning (check, MQLW_RULE_WARNING_LEAKY, rule_id, label, field, NULL,
                 g_strdup_printf (_("the column %s looks filled in after the outcome (%s), so this rule scores "
                                    "what sales already did"), field, info->leak_why),
                 g_strdup_printf (_("%s looks filled in after the outcome"), field));
}

GPtrArray *
mqlw_model_check (const MqlwModel *model,
                  MqlwDataset     *dataset)
{
  Check check;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (dataset != NULL, NULL);

  check.dataset = dataset;
  check.columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) column_info_free);
  check.warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_rule_warning_free);

  if (model->score_column == NULL)
    {
      for (guint i = 0; i < model->fit->len; i++)
        {
          const MqlwFitRule *rule = g_ptr_array_index (model->fit, i);
          check_values (&check, rule->id, rule->label, &rule->match);
          check_leak (&check, rule->id, rule->label, rule->match.field);
        }
      for (guint i = 0; i < model->behaviour->len; i++)
        {
          const MqlwBehaviourRule *rule = g_ptr_array_index (model->behaviour, i);
          check_leak (&check, rule->id, rule->label, rule->activity);
          check_leak (&check, rule->id, rule->label, rule->date_column);
        }
      for (guint i = 0; i < model->disqualifiers->len; i++)
        {
          const MqlwDisqualifier *rule = g_ptr_array_index (model->disqualifiers, i);
          check_values (&check, rule->id, rule->label, &rule->match);
          check_leak (&check, rule->id, rule->label, rule->match.field);
        }
    }
  g_hash_table_unref (check.columns);
  return check.warnings;
}
