/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-aggregate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mqlw-aggregate.h"
#include "mqlw-csv-private.h"
#include "mqlw-export.h"

G_DEFINE_QUARK (mqlw-aggregate-error-quark, mqlw_aggregate_error)

/* Keys beyond ±10^15 are clamped by the calibration (KEY_LIMIT there). */
#define KEY_LIMIT 1e15

enum {
  COL_KEY = 0,
  COL_MONTH,
  COL_DISQUALIFIED,
  COL_FIXED,
  COL_LEADS,
  COL_AMOUNT,
  COL_STAGES,   /* then known, reached per stage */
  N_COLS = COL_STAGES + 2 * MQLW_N_STAGES
};

void
mqlw_aggregate_free (MqlwAggregate *self)
{
  if (self == NULL)
    return;
  g_free (self->source_name);
  g_free (self->source_sha256);
  g_clear_pointer (&self->rows, g_array_unref);
  g_free (self);
}

static MqlwAggregate *
aggregate_new (const char *source_name)
{
  MqlwAggregate *self = g_new0 (MqlwAggregate, 1);

  self->source_name = g_strdup (source_name);
  self->rows = g_array_new (FALSE, TRUE, sizeof (MqlwAggregateRow));
  return self;
}

static char *
column_name (guint col)
{
  static const char * const fixed[] = { "score_key", "created_month", "disqualified", "fixed_paths", "leads",
                                        "won_amount" };

  if (col < COL_STAGES)
    return g_strdup (fixed[col]);
  return g_strdup_printf ("%s_%s", mqlw_stage_to_string ((col - COL_STAGES) / 2),
                          (col - COL_STAGES) % 2 == 0 ? "known" : "reached");
}

/* ---- reading ----------------------------------------------------------- */

static gboolean
is_empty (const char *text)
{
  return *text == '\0' || g_ascii_strcasecmp (text, "null") == 0 || strcmp (text, "\\N") == 0;
}

/* A whole number written as digits (a warehouse may add ".0"). */
static gboolean
parse_whole (const char *text,
             double      limit,
             double     *value)
{
  char *end = NULL;
  double v;

  if (*text == '\0')
    return FALSE;
  v = g_ascii_strtod (text, &end);
  if (end == NULL || *end != '\0' || !isfinite (v) || v != floor (v) || fabs (v) > limit ||
      strpbrk (text, "xXnN") != NULL)
    return FALSE;
  *value = v + 0.0;
  return TRUE;
}

static gboolean
parse_month (const char *text,
             gint32     *month)
{
  int y = 0, m = 0;
  gsize len = strlen (text);

  if (len == 6 && strspn (text, "0123456789") == 6)
    {
      y = atoi (text) / 100;
      m = atoi (text) % 100;
    }
  else if (len >= 7 && text[4] == '-' && strspn (text, "0123456789") == 4 && g_ascii_isdigit (text[5]) &&
           g_ascii_isdigit (text[6]) && (len == 7 || text[7] == '-'))
    {
      y = atoi (text);
      m = atoi (text + 5);
    }
  if (y < 1000 || m < 1 || m > 12)
    return FALSE;
  *month = y * 100 + m;
  return TRUE;
}

typedef struct {
  const char *source_name;
  guint64     line;
  const char *column;
} Place;

static gboolean
value_error (const Place  *place,
             const char   *text,
             const char   *what,
             GError      **error)
{
  g_set_error (error, MQLW_AGGREGATE_ERROR, MQLW_AGGREGATE_ERROR_VALUE,
               /* Translators: the last %s is a reason such as "is not a count of leads". */
               _("%s: line %" PRIu64 ", column %s: '%s' %s"),
               place->source_name, place->line, place->column, text, what);
  return FALSE;
}

static gboolean
read_row (MqlwAggregate     *self,
          const gint        *at,
          GStrv              fields,
          guint64            line,
          MqlwAggregateRow  *row,
          GError           **error)
{
  guint n_fields = g_strv_length (fields);
  double v;

  memset (row, 0, sizeof *row);
  for (guint col = 0; col < N_COLS; col++)
    {
      g_autofree char *name = NULL;
      g_autofree char *text = NULL;
      Place place = { self->source_name, line, NULL };

      if (at[col] < 0)
        continue;
      if ((guint) at[col] >= n_fields)
        {
          g_set_error (error, MQLW_AGGREGATE_ERROR, MQLW_AGGREGATE_ERROR_VALUE,
                       _("%s: line %" PRIu64 ": %u fields, the header has more"),
                       self->source_name, line, n_fields);
          return FALSE;
        }
      text = g_strstrip (g_strdup (fields[at[col]]));
      name = column_name (col);
      place.column = name;
      switch (col)
        {
        case COL_KEY:
          row->scored = !is_empty (text);
          if (row->scored)
            {
              if (!parse_whole (text, KEY_LIMIT, &v))
                return value_error (&place, text, _("is not a score key (the score × 100, a whole number)"), error);
              row->key = (gint64) v;
            }
          break;
        case COL_MONTH:
          if (!is_empty (text) && !parse_month (text, &row->month))
            return value_error (&place, text, _("is not a month (YYYYMM or YYYY-MM)"), error);
          break;
        case COL_DISQUALIFIED:
          if (strcmp (text, "0") != 0 && strcmp (text, "1") != 0 && g_ascii_strcasecmp (text, "true") != 0 &&
              g_ascii_strcasecmp (text, "false") != 0)
            return value_error (&place, text, _("is not 0 or 1"), error);
          row->disqualified = strcmp (text, "1") == 0 || g_ascii_strcasecmp (text, "true") == 0;
          break;
        case COL_FIXED:
          if (!parse_whole (text, 6, &v) || v < 0 || ((guint) v & ~(guint) (MQLW_PATH_GRADE_BEHAVIOUR |
                                                                             MQLW_PATH_HAND_RAISER)) != 0)
            return value_error (&place, text, _("is not 0, 2, 4 or 6 (the paths a lead passes at any threshold)"),
                                error);
          row->fixed_paths = (guint8) v;
          break;
        case COL_AMOUNT:
          if (!is_empty (text))
            {
              char *end = NULL;

              row->won_amount = g_ascii_strtod (text, &end);
              if (end == NULL || *end != '\0' || !isfinite (row->won_amount))
                return value_error (&place, text, _("is not an amount"), error);
            }
          break;
        default:
          {
            guint64 *count = col == COL_LEADS ? &row->leads
                           : (col - COL_STAGES) % 2 == 0 ? &row->known[(col - COL_STAGES) / 2]
                           : &row->reached[(col - COL_STAGES) / 2];

            if (is_empty (text) && col != COL_LEADS)
              break;
            if (!parse_whole (text, (double) G_MAXUINT32, &v) || v < 0)
              return value_error (&place, text, _("is not a count of leads"), error);
            *count = (guint64) v;
          }
          break;
        }
    }

  if (row->disqualified && row->fixed_paths != 0)
    {
      g_set_error (error, MQLW_AGGREGATE_ERROR, MQLW_AGGREGATE_ERROR_VALUE,
                   _("%s: line %" PRIu64 ": a disqualified lead passes no path (fixed_paths must be 0)"),
                   self->source_name, line);
      return FALSE;
    }
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    if (row->known[s] > row->leads || row->reached[s] > row->known[s])
      {
        g_set_error (error, MQLW_AGGREGATE_ERROR, MQLW_AGGREGATE_ERROR_VALUE,
                     _("%s: line %" PRIu64 ": %s counts do not add up (reached %" PRIu64
                       " ≤ known %" PRIu64 " ≤ leads %" PRIu64 ")"),
                     self->source_name, line, mqlw_stage_to_string (s), row->reached[s], row->known[s], row->leads);
        return FALSE;
      }
  return TRUE;
}

MqlwAggregate *
mqlw_aggregate_read (GBytes      *data,
                     const char  *source_name,
                     GError     **error)
{
  g_autoptr(MqlwAggregate) self = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_autoptr(MqlwSource) source = NULL;
  MqlwCsvText text = { 0, };
  guint64 header_line = 1;
  gint at[N_COLS];
  gboolean ok;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (source_name == NULL)
    source_name = "aggregate";
  self = aggregate_new (source_name);
  self->source_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);

  source = mqlw_source_new_for_bytes (data, source_name);
  if (!mqlw_csv_text_init (&text, source, 0, error))
    {
      /* A failed init may hold its ref on the source (the fuzzer saw it leak). */
      mqlw_csv_text_clear (&text);
      return NULL;
    }
  ok = mqlw_csv_read_head (&text, G_MAXUINT, &header, &header_line, &rows, &lines, error);
  mqlw_csv_text_clear (&text);
  if (!ok)
    return NULL;

  for (guint col = 0; col < N_COLS; col++)
    {
      g_autofree char *name = column_name (col);

      at[col] = -1;
      for (guint i = 0; header[i] != NULL; i++)
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (header[i]));

          if (g_ascii_strcasecmp (trimmed, name) != 0)
            continue;
          if (at[col] >= 0)
            {
              g_set_error (error, MQLW_AGGREGATE_ERROR, MQLW_AGGREGATE_ERROR_COLUMNS,
                           _("%s names column %s twice"), source_name, name);
              return NULL;
            }
          at[col] = (gint) i;
        }
      if (at[col] < 0 && col <= COL_LEADS)
        {
          g_set_error (error, MQLW_AGGREGATE_ERROR, MQLW_AGGREGATE_ERROR_COLUMNS,
                       _("%s has no column %s: is it the result of mqlw export --what sql-aggregate?"),
                       source_name, name);
          return NULL;
        }
    }
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    {
      gboolean known = at[COL_STAGES + 2 * s] >= 0, reached = at[COL_STAGES + 2 * s + 1] >= 0;

      if (known != reached)
        {
          g_autofree char *missing = column_name (COL_STAGES + 2 * s + (known ? 1 : 0));
          g_set_error (error, MQLW_AGGREGATE_ERROR, MQLW_AGGREGATE_ERROR_COLUMNS,
                       _("%s has no column %s"), source_name, missing);
          return NULL;
        }
      self->present[s] = known;
    }
  self->has_amount = at[COL_AMOUNT] >= 0;

  for (guint r = 0; r < rows->len; r++)
    {
      MqlwAggregateRow row;

      if (!read_row (self, at, g_ptr_array_index (rows, r), g_array_index (lines, guint64, r), &row, error))
        return NULL;
      if (row.leads == 0)
        continue;
      self->leads += row.leads;
      if (self->leads > G_MAXUINT32)
        {
          g_set_error (error, MQLW_AGGREGATE_ERROR, MQLW_AGGREGATE_ERROR_TOO_LARGE,
                       _("%s counts more than 4 294 967 295 leads, more than one calibration can hold"),
                       source_name);
          return NULL;
        }
      g_array_append_val (self->rows, row);
    }
  return g_steal_pointer (&self);
}

MqlwAggregate *
mqlw_aggregate_load (const char  *path,
                     GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  /* Read, never mapped; "-" is standard input, a folder or a device is
   * refused naming it (MQLW_READ_ERROR). */
  bytes = mqlw_read_small_file (path, MQLW_AGGREGATE_MAX_BYTES, error);
  if (bytes == NULL)
    return NULL;
  name = g_strcmp0 (path, "-") == 0 ? g_strdup ("stdin") : g_path_get_basename (path);
  return mqlw_aggregate_read (bytes, name, error);
}

/* ---- from the leads ------------------------------------------------------ */

static guint
row_hash (gconstpointer data)
{
  const MqlwAggregateRow *row = data;

  return g_int64_hash (&row->key) * 31u + (guint) row->month * 7u + (row->disqualified ? 5u : 0u) +
         row->fixed_paths * 13u + (row->scored ? 0u : 101u);
}

static gboolean
row_equal (gconstpointer a,
           gconstpointer b)
{
  const MqlwAggregateRow *x = a, *y = b;

  return x->scored == y->scored && x->key == y->key && x->month == y->month &&
         x->disqualified == y->disqualified && x->fixed_paths == y->fixed_paths;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const MqlwAggregateRow *x = a, *y = b;

  if (x->scored != y->scored)
    return x->scored ? 1 : -1;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->month != y->month)
    return x->month < y->month ? -1 : 1;
  if (x->disqualified != y->disqualified)
    return x->disqualified ? 1 : -1;
  return (int) x->fixed_paths - (int) y->fixed_paths;
}

MqlwAggregate *
mqlw_aggregate_from_leads (const MqlwScores   *scores,
                           const MqlwOutcomes *outcomes)
{
  g_autoptr(GHashTable) seen = NULL;
  MqlwAggregate *self;

  g_return_val_if_fail (scores != NULL && outcomes != NULL, NULL);
  g_return_val_if_fail (scores->n == outcomes->n, NULL);

  self = aggregate_new ("leads");
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    self->present[s] = outcomes->stage[s] != NULL;
  self->has_amount = outcomes->amount != NULL && outcomes->stage[MQLW_STAGE_WON] != NULL;
  seen = g_hash_table_new_full (row_hash, row_equal, g_free, NULL);

  for (guint i = 0; i < scores->n; i++)
    {
      MqlwAggregateRow probe = { 0, };
      MqlwAggregateRow *row;
      double total = scores->total[i];

      probe.scored = !isnan (total);
      if (probe.scored)
        {
          double x = CLAMP (total * 100.0, -KEY_LIMIT, KEY_LIMIT);
          probe.key = (gint64) (x + copysign (0.5, x));   /* as the calibration keys a score */
        }
      if (outcomes->created_days != NULL && outcomes->created_days[i] != MQLW_DATE_MISSING)
        {
          int y, m;
          mqlw_date_to_ymd (outcomes->created_days[i], &y, &m, NULL);
          probe.month = y * 100 + m;
        }
      probe.disqualified = scores->disqualified[i] != 0;
      probe.fixed_paths = probe.disqualified ? 0 : scores->fixed_paths[i];
      row = g_hash_table_lookup (seen, &probe);
      if (row == NULL)
        {
          row = g_memdup2 (&probe, sizeof probe);
          g_hash_table_add (seen, row);
        }
      row->leads++;
      for (guint s = 0; s < MQLW_N_STAGES; s++)
        if (outcomes->stage[s] != NULL && outcomes->stage[s][i] != MQLW_OUTCOME_UNKNOWN)
          {
            row->known[s]++;
            row->reached[s] += outcomes->stage[s][i] == MQLW_OUTCOME_YES;
          }
      if (self->has_amount && outcomes->stage[MQLW_STAGE_WON][i] == MQLW_OUTCOME_YES &&
          !isnan (outcomes->amount[i]))
        row->won_amount += outcomes->amount[i];
    }

  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, seen);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_array_append_vals (self->rows, key, 1);
  }
  g_array_sort (self->rows, compare_rows);
  self->leads = scores->n;
  return self;
}

/* ---- writing ----------------------------------------------------------- */

char *
mqlw_aggregate_to_csv (const MqlwAggregate *self)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  for (guint col = 0; col < N_COLS; col++)
    if (col <= COL_LEADS || (col >= COL_STAGES && self->present[(col - COL_STAGES) / 2]))
      g_ptr_array_add (fields, column_name (col));
  if (self->has_amount)
    g_ptr_array_add (fields, column_name (COL_AMOUNT));
  mqlw_csv_append_row (out, (const char * const *) fields->pdata, fields->len);

  for (guint r = 0; r < self->rows->len; r++)
    {
      const MqlwAggregateRow *row = &g_array_index (self->rows, MqlwAggregateRow, r);

      g_ptr_array_set_size (fields, 0);
      g_ptr_array_add (fields, row->scored ? g_strdup_printf ("%" G_GINT64_FORMAT, row->key) : g_strdup (""));
      g_ptr_array_add (fields, row->month != 0 ? g_strdup_printf ("%d", row->month) : g_strdup (""));
      g_ptr_array_add (fields, g_strdup (row->disqualified ? "1" : "0"));
      g_ptr_array_add (fields, g_strdup_printf ("%u", row->fixed_paths));
      g_ptr_array_add (fields, g_strdup_printf ("%" G_GUINT64_FORMAT, row->leads));
      for (guint s = 0; s < MQLW_N_STAGES; s++)
        if (self->present[s])
          {
            g_ptr_array_add (fields, g_strdup_printf ("%" G_GUINT64_FORMAT, row->known[s]));
            g_ptr_array_add (fields, g_strdup_printf ("%" G_GUINT64_FORMAT, row->reached[s]));
          }
      if (self->has_amount)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];
          g_ptr_array_add (fields, g_strdup (g_ascii_dtostr (buf, sizeof buf, row->won_amount)));
        }
      mqlw_csv_append_row (out, (const char * const *) fields->pdata, fields->len);
    }
  return g_string_free (out, FALSE);
}
