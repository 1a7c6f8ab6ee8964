/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-health"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mqlw-health.h"

static void
add_finding (GPtrArray  *problems,
             const char *kind,
             const char *column,
             char       *message)
{
  MqlwProblem *problem = mqlw_problem_new (MQLW_PROBLEM_WARNING, 0, column, "%s", message);

  mqlw_problem_set_kind (problem, kind);
  g_ptr_array_add (problems, problem);
  g_free (message);
}

static double
percent (guint64 part,
         guint64 whole)
{
  return whole > 0 ? 100.0 * (double) part / (double) whole : 0.0;
}

static const char *
stage_name (MqlwStage stage)
{
  return _(mqlw_stage_label (stage));
}

/* How a lead is named in a finding: its id, or its row. */
static char *
name_lead (MqlwDataset *dataset,
           guint        row)
{
  MqlwColumn *id = mqlw_dataset_find_role (dataset, MQLW_ROLE_LEAD_ID);
  g_autofree char *text = id != NULL ? mqlw_column_format (id, row) : NULL;

  if (text != NULL)
    return g_strdup_printf (_("lead %s"), text);
  return g_strdup_printf (_("row %u"), row + 1);
}

/* ---- coverage ------------------------------------------------------------ */

static void
check_outcome_coverage (MqlwDataset *dataset,
                        GPtrArray   *problems)
{
  for (MqlwStage s = 0; s < MQLW_N_STAGES; s++)
    {
      const gint8 *stage = dataset->outcomes.stage[s];
      guint known = 0;

      if (stage == NULL)
        continue;
      for (guint i = 0; i < dataset->n_rows; i++)
        known += stage[i] != MQLW_OUTCOME_UNKNOWN;
      if (known == dataset->n_rows)
        continue;
      /* An export of open records alone (every deal open, every lead in
       * progress): no rate at all, which "0 %% known" does not say plainly. */
      if (known == 0 && dataset->n_rows > 0)
        {
          add_finding (problems, "outcome-none-known", NULL,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%s outcome known for none of the %u lead: it is still open or "
                                                     "unknown, so there is no %s rate; export the closed records too, "
                                                     "or map the stage values that close them",
                                                     "%s outcome known for none of the %u leads: every one is still "
                                                     "open or unknown, so there is no %s rate; export the closed "
                                                     "records too, or map the stage values that close them",
                                                     dataset->n_rows),
                                        stage_name (s), dataset->n_rows, stage_name (s)));
          continue;
        }
      add_finding (problems, "outcome-coverage", NULL,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s outcome known for %u of %u lead (%.0f %%); the rest "
                                                 "are unknown, not failures",
                                                 "%s outcome known for %u of %u leads (%.0f %%); the rest are unknown, "
                                                 "not failures", dataset->n_rows),
                                    stage_name (s), known, dataset->n_rows, percent (known, dataset->n_rows)));
    }
}

static void
check_score_coverage (MqlwDataset *dataset,
                      GPtrArray   *problems)
{
  for (guint c = 0; c < dataset->columns->len; c++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, c);
      guint missing = 0;

      if (column->role != MQLW_ROLE_SCORE)
        continue;
      for (guint i = 0; i < dataset->n_rows; i++)
        missing += mqlw_column_is_missing (column, i);
      if (missing == 0)
        continue;
      /* Mostly empty: perhaps not the score the platform fills; say what is left. */
      if (missing * 2 > dataset->n_rows)
        {
          add_finding (problems, "score-coverage", column->name,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "score column %s: %u of %u lead (%.0f %%) has no score: most are "
                                                     "unscored, so the buckets describe only the %u scored lead; check "
                                                     "that this is the score the platform fills",
                                                     "score column %s: %u of %u leads (%.0f %%) have no score: most "
                                                     "are unscored, so the buckets describe only the %u scored leads; "
                                                     "check that this is the score the platform fills",
                                                     dataset->n_rows),
                                        column->name, missing, dataset->n_rows, percent (missing, dataset->n_rows),
                                        dataset->n_rows - missing));
          continue;
        }
      add_finding (problems, "score-coverage", column->name,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "score column %s: %u of %u lead (%.0f %%) has no score",
                                                 "score column %s: %u of %u leads (%.0f %%) have no score", dataset->n_rows),
                                    column->name, missing, dataset->n_rows, percent (missing, dataset->n_rows)));
    }
}

/* ---- dates --------------------------------------------------------------- */

static void
check_created_dates (MqlwDataset *dataset,
                     gint32       today,
                     GPtrArray   *problems)
{
  MqlwColumn *created = mqlw_dataset_find_role (dataset, MQLW_ROLE_CREATED_AT);
  gboolean any_date = FALSE;

  for (guint i = 0; created != NULL && created->type == MQLW_COLUMN_TYPE_DATE && i < dataset->n_rows && !any_date; i++)
    any_date = created->days[i] != MQLW_DATE_MISSING;
  /* Said here as well as with the figures (mqlw-notes.c), so that inspect
   * and the health view tell it before anything is calibrated. */
  if (!any_date && dataset->n_rows > 0)
    add_finding (problems, "no-created-date", created != NULL ? created->name : NULL,
                 g_strdup (_("the data has no created date, so the period it covers is unknown: "
                             "no MQLs per month and no capacity check until you state it "
                             "(--months N, or “Months of history” in the window)")));
  if (created == NULL || created->type != MQLW_COLUMN_TYPE_DATE)
    return;
  for (guint c = 0; c < dataset->columns->len; c++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, c);
      guint after = 0;
      gint first = -1;
      g_autofree char *lead = NULL;

      if (column->role != MQLW_ROLE_OUTCOME || column->type != MQLW_COLUMN_TYPE_DATE)
        continue;
      for (guint i = 0; i < dataset->n_rows; i++)
        if (created->days[i] != MQLW_DATE_MISSING && column->days[i] != MQLW_DATE_MISSING
            && created->days[i] > column->days[i])
          {
            after++;
            if (first < 0)
              first = (gint) i;
          }
      if (after == 0)
        continue;
      lead = name_lead (dataset, first);
      add_finding (problems, "created-after-outcome", created->name,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "column %s: the created date is after the %s date (%s) for %u lead (%s)",
                                                 "column %s: the created date is after the %s date (%s) for %u leads (the first is %s)",
                                                 after),
                                    created->name, stage_name (column->stage), column->name, after, lead));
    }
  if (today != MQLW_DATE_MISSING)
    {
      guint future = 0;
      gint first = -1;

      for (guint i = 0; i < dataset->n_rows; i++)
        if (created->days[i] != MQLW_DATE_MISSING && created->days[i] > today)
          {
            future++;
            if (first < 0)
              first = (gint) i;
          }
      if (future > 0)
        {
          g_autofree char *lead = name_lead (dataset, first);
          add_finding (problems, "created-in-future", created->name,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "column %s: %u lead was created in the future (%s)",
                                                     "column %s: %u leads were created in the future (the first is %s)",
                                                     future),
                                        created->name, future, lead));
        }
    }
}

/* A text column whose values are dates but for a few. */
static void
check_unparsed_dates (MqlwDataset *dataset,
                      GPtrArray   *problems)
{
  for (guint c = 0; c < dataset->columns->len; c++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, c);
      g_autofree guint64 *counts = NULL;
      guint64 dates = 0, others = 0, example_count = 0;
      const char *example = NULL;

      if (column->type != MQLW_COLUMN_TYPE_CATEGORICAL || column->role == MQLW_ROLE_STAGE
          || column->role == MQLW_ROLE_OUTCOME || column->role == MQLW_ROLE_IGNORE || column->dict->len == 0)
        continue;
      counts = g_new0 (guint64, column->dict->len);
      for (guint i = 0; i < dataset->n_rows; i++)
        {
          guint32 code = mqlw_column_code_at (column, i);
          if (code != MQLW_CODE_MISSING)
            counts[code]++;
        }
      for (guint k = 0; k < column->dict->len; k++)
        {
          const char *value = g_ptr_array_index (column->dict, k);
          /* Unix times in text are numbers to the reader: not "dates read as text". */
          if ((mqlw_date_forms (value, strlen (value)) & ~MQLW_DATE_FORM_EPOCH) != 0)
            dates += counts[k];
          else
            {
              others += counts[k];
              if (counts[k] > example_count)
                {
                  example = value;
                  example_count = counts[k];
                }
            }
        }
      if (others == 0 || dates < 2 || dates * 10 < (dates + others) * 9)
        continue;
      add_finding (problems, "unparsed-dates", column->name,
                   g_strdup_printf (_("column %s looks like dates, but %" PRIu64 " of %" PRIu64
                                      " values are not (such as '%s'), so it is read as text; correct them, or set "
                                      "its type to date to see each one"),
                                    column->name, others, dates + others, example));
    }
}

/* ---- ids and empty columns ---------------------------------------------- */

static void
check_duplicate_ids (MqlwDataset *dataset,
                     GPtrArray   *problems)
{
  MqlwColumn *id = mqlw_dataset_find_role (dataset, MQLW_ROLE_LEAD_ID);
  g_autoptr(GHashTable) seen = NULL;
  guint ids = 0, rows = 0;
  g_autofree char *first = NULL;

  if (id == NULL)
    return;
  /* text → rows seen with it */
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < dataset->n_rows; i++)
    {
      char *text = mqlw_column_format (id, i);
      guint n;

      if (text == NULL)
        continue;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (seen, text)) + 1;
      if (n == 2)
        {
          ids++;
          rows += 2;
          if (first == NULL)
            first = g_strdup (text);
        }
      else if (n > 2)
        rows++;
      g_hash_table_replace (seen, text, GUINT_TO_POINTER (n));
    }
  if (ids == 0)
    return;
  add_finding (problems, "duplicate-id", id->name,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "column %s: %u id appears on more than one row (%u rows: '%s'); "
                                             "each row counts as a lead",
                                             "column %s: %u ids appear on more than one row (%u rows; the first "
                                             "is '%s'); each row counts as a lead",
                                             ids),
                                id->name, ids, rows, first));
}

static gboolean
emptiness_matters (MqlwColumnRole role)
{
  /* Outcome dates, amounts, reasons, activity dates and scores are empty by nature
   * (or have a finding of their own). */
  return role == MQLW_ROLE_FIT || role == MQLW_ROLE_NONE || role == MQLW_ROLE_LEAD_ID || role == MQLW_ROLE_EMAIL
         || role == MQLW_ROLE_ACCOUNT || role == MQLW_ROLE_CREATED_AT || role == MQLW_ROLE_AS_OF;
}

/* A header cell left blank is named "column_N" by the import. */
static gboolean
is_unnamed (const MqlwColumn *column)
{
  const char *digits;

  if (!g_str_has_prefix (column->name, "column_"))
    return FALSE;
  digits = column->name + strlen ("column_");
  return digits[0] != '\0' && strspn (digits, "0123456789") == strlen (digits);
}

/* Excel and report exports often end every line with empty cells under no
 * header: one finding for all of them, not one a column. */
static void
add_unnamed_empty (GPtrArray *problems,
                   GPtrArray *names)
{
  g_autofree char *list = NULL;

  if (names->len == 0)
    return;
  g_ptr_array_add (names, NULL);
  list = g_strjoinv (", ", (char **) names->pdata);
  add_finding (problems, "empty-column", g_ptr_array_index (names, 0),
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "column %s has no name and no value in any lead; nothing reads it",
                                             "columns %s have no name and no value in any lead; nothing reads them",
                                             names->len - 1),
                                list));
}

static void
check_empty_columns (MqlwDataset *dataset,
                     GPtrArray   *problems)
{
  g_autoptr(GPtrArray) unnamed_empty = g_ptr_array_new ();

  for (guint c = 0; c < dataset->columns->len && dataset->n_rows > 0; c++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, c);
      guint missing = 0;

      if (!emptiness_matters (column->role))
        continue;
      for (guint i = 0; i < dataset->n_rows; i++)
        missing += mqlw_column_is_missing (column, i);
      if ((double) missing <= MQLW_HEALTH_EMPTY_SHARE * dataset->n_rows)
        continue;
      if (missing == dataset->n_rows && is_unnamed (column))
        {
          g_ptr_array_add (unnamed_empty, column->name);
          continue;
        }
      add_finding (problems, "empty-column", column->name,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "column %s is empty for %u of %u lead (%.0f %%)",
                                                 "column %s is empty for %u of %u leads (%.0f %%)", dataset->n_rows),
                                    column->name, missing,
                                    dataset->n_rows, percent (missing, dataset->n_rows)));
    }
  add_unnamed_empty (problems, unnamed_empty);
}

/* ---- leaks --------------------------------------------------------------- */

static gboolean
may_leak (MqlwColumnRole role)
{
  return role == MQLW_ROLE_FIT || role == MQLW_ROLE_NONE || role == MQLW_ROLE_ACCOUNT
         || role == MQLW_ROLE_ACTIVITY_COUNT || role == MQLW_ROLE_ACTIVITY_DATE || role == MQLW_ROLE_AS_OF
         || role == MQLW_ROLE_REJECTION_REASON || role == MQLW_ROLE_SCORE;
}

typedef struct {
  guint32  code;
  guint64  known, reached;
} ValueRate;

static int
compare_rates (gconstpointer a,
               gconstpointer b)
{
  const ValueRate *x = a, *y = b;

  if (x->known != y->known)
    return x->known > y->known ? -1 : 1;
  return x->code < y->code ? -1 : x->code > y->code;
}

static char *
value_text (const MqlwColumn *column,
            guint32           code)
{
  if (column->type == MQLW_COLUMN_TYPE_BOOLEAN)
    return g_strdup (code ? _("yes") : _("no"));
  return g_strdup (g_ptr_array_index (column->dict, code));
}

/* Values that converted ≥ 95 % or ≤ 2 % at stage @s, on a large share of leads. */
static char *
leak_by_rates (MqlwDataset      *dataset,
               const MqlwColumn *column,
               MqlwStage         s)
{
  const gint8 *stage = dataset->outcomes.stage[s];
  guint n_codes;
  g_autofree ValueRate *rates = NULL;
  guint64 known = 0, reached = 0, covered = 0;
  double base;
  GString *out;
  guint shown = 0;

  if (stage == NULL || (column->type != MQLW_COLUMN_TYPE_CATEGORICAL && column->type != MQLW_COLUMN_TYPE_BOOLEAN))
    return NULL;
  n_codes = column->type == MQLW_COLUMN_TYPE_BOOLEAN ? 2 : column->dict->len;
  rates = g_new0 (ValueRate, MAX (n_codes, 1));
  for (guint k = 0; k < n_codes; k++)
    rates[k].code = k;
  for (guint i = 0; i < dataset->n_rows; i++)
    {
      guint32 code;

      if (stage[i] == MQLW_OUTCOME_UNKNOWN)
        continue;
      known++;
      reached += stage[i] == MQLW_OUTCOME_YES;
      if (column->type == MQLW_COLUMN_TYPE_BOOLEAN)
        {
          if (column->boolean[i] == MQLW_BOOL_MISSING)
            continue;
          code = (guint32) column->boolean[i];
        }
      else if ((code = mqlw_column_code_at (column, i)) == MQLW_CODE_MISSING)
        continue;
      rates[code].known++;
      rates[code].reached += stage[i] == MQLW_OUTCOME_YES;
    }
  if (known < MQLW_HEALTH_LEAK_MIN_KNOWN || reached == 0 || reached == known)
    return NULL;
  base = (double) reached / (double) known;

  qsort (rates, n_codes, sizeof (ValueRate), compare_rates);
  out = g_string_new (NULL);
  for (guint k = 0; k < n_codes; k++)
    {
      double rate;
      gboolean extreme;

      if (rates[k].known < MQLW_HEALTH_LEAK_MIN_VALUE)
        continue;
      rate = (double) rates[k].reached / (double) rates[k].known;
      extreme = (rate >= MQLW_HEALTH_LEAK_HIGH && base <= MQLW_HEALTH_LEAK_BASE_HIGH)
                || (rate <= MQLW_HEALTH_LEAK_LOW && base >= MQLW_HEALTH_LEAK_BASE_LOW);
      if (!extreme)
        continue;
      covered += rates[k].known;
      if (shown++ < 3)
        {
          g_autofree char *value = value_text (column, rates[k].code);
          if (out->len > 0)
            g_string_append (out, ", ");
          g_string_append_printf (out, _("'%s' (%" PRIu64 " leads) converted %.0f %%"), value, rates[k].known,
                                  100.0 * rate);
        }
    }
  if ((double) covered < MQLW_HEALTH_LEAK_SHARE * (double) known)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  {
    g_autofree char *values = g_string_free (out, FALSE);
    return g_strdup_printf (_("at the %s stage, %s, against %.0f %% overall; such values cover %" PRIu64
                              " of the %" PRIu64 " leads with a known outcome there (%.0f %%)"),
                            stage_name (s), values, 100.0 * base, covered, known, percent (covered, known));
  }
}

/* Filled for (nearly) every lead whose last stage is known, for (nearly) none still open. */
static char *
leak_by_presence (MqlwDataset      *dataset,
                  const MqlwColumn *column)
{
  int s = MQLW_N_STAGES - 1;
  guint64 known = 0, open = 0, filled_known = 0, filled_open = 0;

  while (s >= 0 && dataset->outcomes.stage[s] == NULL)
    s--;
  if (s < 0)
    return NULL;
  for (guint i = 0; i < dataset->n_rows; i++)
    {
      gboolean filled = !mqlw_column_is_missing (column, i);
      if (dataset->outcomes.stage[s][i] == MQLW_OUTCOME_UNKNOWN)
        {
          open++;
          filled_open += filled;
        }
      else
        {
          known++;
          filled_known += filled;
        }
    }
  if (known < 10 || open < 5 || filled_known * 100 < known * 95 || filled_open * 100 > open * 5)
    return NULL;
  return g_strdup_printf (_("it is filled for %" PRIu64 " of the %" PRIu64 " leads whose %s "
                            "outcome is known and for %" PRIu64 " of the %" PRIu64
                            " still open"),
                          filled_known, known, stage_name (s), filled_open, open);
}

/* Dates on or after a stage's date for most leads that have both. */
static char *
leak_by_dates (MqlwDataset      *dataset,
               const MqlwColumn *column)
{
  if (column->type != MQLW_COLUMN_TYPE_DATE)
    return NULL;
  for (guint c = 0; c < dataset->columns->len; c++)
    {
      MqlwColumn *outcome = g_ptr_array_index (dataset->columns, c);
      guint64 both = 0, after = 0;

      if (outcome == column || outcome->role != MQLW_ROLE_OUTCOME || outcome->type != MQLW_COLUMN_TYPE_DATE)
        continue;
      for (guint i = 0; i < dataset->n_rows; i++)
        if (column->days[i] != MQLW_DATE_MISSING && outcome->days[i] != MQLW_DATE_MISSING)
          {
            both++;
            after += column->days[i] >= outcome->days[i];
          }
      if (both >= MQLW_HEALTH_LEAK_MIN_VALUE && (double) after >= MQLW_HEALTH_LEAK_DATE_SHARE * (double) both)
        return g_strdup_printf (_("its dates are on or after the %s date (%s) for %" PRIu64 " of the %"
                                  PRIu64 " leads that have both"),
                                stage_name (outcome->stage), outcome->name, after, both);
    }
  return NULL;
}

gboolean
mqlw_health_column_leaks (MqlwDataset       *dataset,
                          const MqlwColumn  *column,
                          char             **why)
{
  char *found = NULL;

  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  /* Before the values: an id or e-mail column (loaded on first use) never leaks. */
  if (!may_leak (column->role))
    return FALSE;
  g_return_val_if_fail (mqlw_column_is_loaded (column), FALSE);
  for (int s = MQLW_N_STAGES - 1; s >= 0 && found == NULL; s--)
    found = leak_by_rates (dataset, column, s);
  if (found == NULL)
    found = leak_by_dates (dataset, column);
  if (found == NULL)
    found = leak_by_presence (dataset, column);
  if (why != NULL)
    *why = found;
  else
    g_free (found);
  return found != NULL;
}

static void
check_leaks (MqlwDataset *dataset,
             GPtrArray   *problems)
{
  for (guint c = 0; c < dataset->columns->len; c++)
    {
      MqlwColumn *column = g_ptr_array_index (dataset->columns, c);
      g_autofree char *why = NULL;

      if (!mqlw_health_column_leaks (dataset, column, &why))
        continue;
      add_finding (problems, "leaky", column->name,
                   g_strdup_printf (_("column %s looks filled in after the outcome: %s. A rule on it would "
                                      "score what sales already did, not the lead"),
                                    column->name, why));
    }
}

/* ---- outcome columns that only say yes ------------------------------------ */

/* An outcome written as marks (X, ✓, "yes") with nothing in the other rows: in
 * SAP and Excel check columns a blank means no, but it is read as unknown, as
 * in any yes/no column, so the rate counts only the marked leads. Said, with
 * the way to read blanks as no. */
static void
check_marks_only (MqlwDataset *dataset,
                  GPtrArray   *problems)
{
  for (guint c = 0; c < dataset->columns->len; c++)
    {
      const MqlwColumn *column = g_ptr_array_index (dataset->columns, c);
      const gint8 *outcome;
      guint64 yes = 0, no = 0, blank = 0;

      if (column->type != MQLW_COLUMN_TYPE_BOOLEAN || column->role != MQLW_ROLE_OUTCOME || column->blank_is_no)
        continue;
      outcome = dataset->outcomes.stage[column->stage];
      for (guint i = 0; i < dataset->n_rows; i++)
        {
          gint8 v = column->boolean[i];
          yes += v == 1;
          no += v == 0;
          /* A blank another column settles (an earlier stage not reached) is no loss. */
          blank += v != 0 && v != 1 && (outcome == NULL || outcome[i] == MQLW_OUTCOME_UNKNOWN);
        }
      if (yes == 0 || no > 0 || blank == 0)
        continue;
      add_finding (problems, "marks-only", column->name,
                   g_strdup_printf (_("column %s only ever says yes (%" PRIu64 " leads) and is blank for %" PRIu64
                                      ": blanks are read as unknown, so its rate counts only the marked leads; if a "
                                      "blank means no, say --blank-means-no '%s'"),
                                    column->name, yes, blank, column->name));
    }
}

gboolean
mqlw_health_check (MqlwDataset *dataset,
                   gint32       today,
                   GPtrArray   *problems,
                   GError     **error)
{
  g_return_val_if_fail (dataset != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Duplicate ids and empty columns read every column, the ids a reopen
   * left in the file too: their damage is this check's error. */
  if (!mqlw_dataset_load_columns (dataset, error))
    return FALSE;

  check_outcome_coverage (dataset, problems);
  check_score_coverage (dataset, problems);
  check_created_dates (dataset, today, problems);
  check_duplicate_ids (dataset, problems);
  check_empty_columns (dataset, problems);
  check_unparsed_dates (dataset, problems);
  check_leaks (dataset, problems);
  check_marks_only (dataset, problems);
  return TRUE;
}

gint32
mqlw_health_today (void)
{
  return mqlw_date_today ();
}
