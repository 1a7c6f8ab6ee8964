/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Bucket specs ("auto", "width:10", …) and the bucket table. */
#define G_LOG_DOMAIN "mqlw-calibration"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mqlw-calibration.h"
#include "mqlw-calibration-private.h"
#include "mqlw-format.h"

#define MAX_BUCKETS 10000

/* ---- bucket specs ------------------------------------------------------ */

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  if (g_ascii_strtod (buf, NULL) != value)
    g_ascii_formatd (buf, sizeof buf, "%.17g", value);
  return g_strdup (buf);
}

static gboolean
parse_number (const char *text,
              double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (*copy == '\0')
    return FALSE;
  *value = g_ascii_strtod (copy, &end);
  return end != NULL && *end == '\0' && isfinite (*value);
}

MqlwBucketSpec *
mqlw_bucket_spec_parse (const char *text,
                        GError    **error)
{
  g_autoptr(MqlwBucketSpec) spec = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *scheme = NULL;
  const char *value = NULL;
  char *colon;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  copy = g_strstrip (g_strdup (text));
  colon = strchr (copy, ':');
  if (colon != NULL)
    {
      *colon = '\0';
      value = colon + 1;
    }
  scheme = g_ascii_strdown (g_strstrip (copy), -1);

  spec = g_new0 (MqlwBucketSpec, 1);

  if (g_str_equal (scheme, "width"))
    {
      spec->kind = MQLW_BUCKETS_WIDTH;
      if (value == NULL || !parse_number (value, &spec->width))
        {
          g_set_error (error, MQLW_CALIBRATION_ERROR, MQLW_CALIBRATION_ERROR_BUCKETS,
                       _("width needs a number of points, e.g. width:10 (got '%s')"), text);
          return NULL;
        }
      if (!(spec->width > 0))
        {
          g_set_error (error, MQLW_CALIBRATION_ERROR, MQLW_CALIBRATION_ERROR_BUCKETS,
                       _("width must be positive (got %s)"), g_strstrip ((char *) value));
          return NULL;
        }
    }
  else if (g_str_equal (scheme, "edges"))
    {
      g_auto(GStrv) items = NULL;

      spec->kind = MQLW_BUCKETS_EDGES;
      spec->edges = g_array_new (FALSE, FALSE, sizeof (double));
      if (value == NULL || *g_strstrip ((char *) value) == '\0')
        {
          g_set_error (error, MQLW_CALIBRATION_ERROR, MQLW_CALIBRATION_ERROR_BUCKETS,
                       _("edges needs scores separated by commas, e.g. edges:0,31,51,71"));
          return NULL;
        }
      items = g_strsplit (value, ",", -1);
      for (guint i = 0; items[i] != NULL; i++)
        {
          double edge;

          if (!parse_number (items[i], &edge))
            {
              g_set_error (error, MQLW_CALIBRATION_ERROR, MQLW_CALIBRATION_ERROR_BUCKETS,
                           _("edge %u of edges:%s is not a number: '%s'"),
                           i + 1, value, g_strstrip (items[i]));
              return NULL;
            }
          if (spec->edges->len > 0)
            {
              double prev = g_array_index (spec->edges, double, spec->edges->len - 1);
              if (!(edge > prev))
                {
                  g_autofree char *a = format_number (edge);
                  g_autofree char *b = format_number (prev);
                  g_set_error (error, MQLW_CALIBRATION_ERROR, MQLW_CALIBRATION_ERROR_BUCKETS,
                               _("edges must increase: %s after %s"), a, b);
                  return NULL;
                }
            }
          g_array_append_val (spec->edges, edge);
        }
    }
  else if (g_str_equal (scheme, "quantiles"))
    {
      guint64 q = 0;

      spec->kind = MQLW_BUCKETS_QUANTILES;
      if (value == NULL ||
          !g_ascii_string_to_unsigned (g_strstrip ((char *) value), 10, 1, MAX_BUCKETS, &q, NULL))
        {
          g_set_error (error, MQLW_CALIBRATION_ERROR, MQLW_CALIBRATION_ERROR_BUCKETS,
                       _("quantiles needs a whole number from 1 to %u, e.g. quantiles:5 (got '%s')"),
                       MAX_BUCKETS, value != NULL ? value : "");
          return NULL;
        }
      spec->quantiles = (guint) q;
    }
  else if (g_str_equal (scheme, "auto") && (value == NULL || *g_strstrip ((char *) value) == '\0'))
    spec->kind = MQLW_BUCKETS_AUTO;
  else
    {
      g_set_error (error, MQLW_CALIBRATION_ERROR, MQLW_CALIBRATION_ERROR_BUCKETS,
                   _("unknown bucket scheme '%s'; use auto, width:N, edges:A,B,… or quantiles:N"), scheme);
      return NULL;
    }

  return g_steal_pointer (&spec);
}

MqlwBucketSpec *
mqlw_bucket_spec_copy (const MqlwBucketSpec *self)
{
  MqlwBucketSpec *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (MqlwBucketSpec, 1);
  *copy = *self;
  if (self->edges != NULL)
    {
      copy->edges = g_array_sized_new (FALSE, FALSE, sizeof (double), self->edges->len);
      g_array_append_vals (copy->edges, self->edges->data, self->edges->len);
    }
  return copy;
}

char *
mqlw_bucket_spec_to_string (const MqlwBucketSpec *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  switch (self->kind)
    {
    case MQLW_BUCKETS_WIDTH:
      {
        g_autofree char *w = format_number (self->width);
        g_string_append_printf (out, "width:%s", w);
      }
      break;
    case MQLW_BUCKETS_EDGES:
      g_string_append (out, "edges:");
      for (guint i = 0; self->edges != NULL && i < self->edges->len; i++)
        {
          g_autofree char *e = format_number (g_array_index (self->edges, double, i));
          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append (out, e);
        }
      break;
    case MQLW_BUCKETS_QUANTILES:
      g_string_append_printf (out, "quantiles:%u", self->quantiles);
      break;
    case MQLW_BUCKETS_AUTO:
      g_string_append (out, "auto");
      break;
    default:
      g_string_free (out, TRUE);
      g_return_val_if_reached (NULL);
    }
  return g_string_free (out, FALSE);
}

void
mqlw_bucket_spec_free (MqlwBucketSpec *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->edges, g_array_unref);
  g_free (self);
}

gboolean
mqlw_bucket_spec_fits_scores (const MqlwBucketSpec *self,
                              double                min,
                              double                max)
{
  guint inside = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->kind != MQLW_BUCKETS_EDGES)
    return TRUE;
  /* NAN ends compare false: no edge is inside. */
  for (guint i = 0; self->edges != NULL && i < self->edges->len; i++)
    {
      double edge = g_array_index (self->edges, double, i);

      inside += edge >= min && edge <= max;
    }
  return inside >= 2;
}

/* ---- buckets ----------------------------------------------------------- */

MqlwBucketTable *
mqlw_bucket_table_copy (const MqlwBucketTable *self)
{
  MqlwBucketTable *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = g_memdup2 (self, sizeof *self);
  copy->buckets = g_memdup2 (self->buckets, sizeof *self->buckets * self->n_buckets);
  return copy;
}

void
mqlw_bucket_table_free (MqlwBucketTable *self)
{
  if (self == NULL)
    return;
  g_free (self->buckets);
  g_free (self);
}

void
mqlw_bucket_table_range_style (const MqlwBucketTable *self,
                               gboolean              *whole,
                               gboolean              *spelled)
{
  g_return_if_fail (self != NULL);

  *whole = TRUE;
  for (guint i = 0; i < self->n_buckets; i++)
    {
      const MqlwBucket *b = &self->buckets[i];

      if (b->lo != floor (b->lo) || (isfinite (b->hi) && b->hi != floor (b->hi)))
        *whole = FALSE;
    }
  /* "−93–−21" reads badly: when a minus would follow a dash anywhere, every
   * range is spelled "−93 to −21". */
  *spelled = FALSE;
  for (guint i = 0; i < self->n_buckets; i++)
    {
      const MqlwBucket *b = &self->buckets[i];
      double hi = *whole ? b->hi - 1 : b->hi;

      if (isfinite (b->hi) && hi > b->lo && hi <= -0.05)
        *spelled = TRUE;
    }
}

char *
mqlw_bucket_table_range_label (const MqlwBucketTable *self,
                               guint                  index)
{
  const MqlwBucket *bucket;
  gboolean whole, spelled;
  double hi;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_buckets, NULL);

  bucket = &self->buckets[index];
  mqlw_bucket_table_range_style (self, &whole, &spelled);
  hi = !isfinite (bucket->hi) ? INFINITY : (whole ? bucket->hi - 1 : bucket->hi);
  return mqlw_format_score_range (bucket->lo, hi, whole ? 0 : 1, spelled);
}

/* Lower edges of the buckets for @spec over this data (strictly increasing). */
/* The score of the lead at @rank (0-based) in score order: the first bin b
 * whose leads with key ≤ key(b) exceed the rank, i.e. suffix[b + 1] < n − rank. */
double
mqlw_calibration_score_at_rank (MqlwCalibration *self,
                                guint64          rank)
{
  guint lo = 0, hi = self->n_bins - 1;

  g_assert (self->n_bins > 0 && rank < self->n_finite);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (mqlw_calibration_all (self, mqlw_calibration_row (self, mid + 1), 0) < self->n_finite - rank)
        hi = mid;
      else
        lo = mid + 1;
    }
  return mqlw_calibration_key_score (mqlw_calibration_bin_key (self, lo));
}

/* "auto": the round width (1, 2, 2.5 or 5 × a power of ten) whose buckets over
 * the middle 80 % of the scores, plus an open bucket below and above, come
 * closest to ten (fewer on a tie), so every bucket holds a fair share of the
 * leads and the sparse tails do not dominate the chart. */
static void
append_auto_edges (MqlwCalibration *self,
                   GArray          *edges)
{
  static const double steps[] = { 1, 2, 2.5, 5 };
  double p10 = mqlw_calibration_score_at_rank (self, self->n_finite / 10);
  double p90 = mqlw_calibration_score_at_rank (self, self->n_finite * 9 / 10);
  double width = 0, best = G_MAXDOUBLE, first, last;
  guint count;

  /* The middle 80 % on one score (most leads at 0): the width is chosen over
   * every score; one score alone is one bucket (no width fits a range of 0:
   * the search would end on its largest, 5e299). */
  if (!(p90 > p10))
    {
      p10 = self->score_min;
      p90 = self->score_max;
    }
  if (!(p90 > p10))
    {
      g_array_append_val (edges, p10);
      return;
    }
  for (double scale = 0.01; scale < 1e300; scale *= 10)
    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        double w = steps[i] * scale;
        double n = ceil ((p90 - p10) / w - 1e-9) + 2;

        /* Every wider width makes as many buckets (the middle one and the
         * open ends): the search would end on the widest (0.01 to 0.02 as
         * one bucket up to 5e299). */
        if (width > 0 && w > p90 - p10)
          break;
        if (n <= 14 && (width == 0 || fabs (n - 10) <= best))
          {
            width = w;
            best = fabs (n - 10);
          }
      }
  first = width > 0 ? floor (p10 / width) * width : NAN;
  last = width > 0 ? MAX (ceil (p90 / width) * width, first + width) : NAN;
  /* Scores near the ends of the doubles (a score column holding 1.7e308):
   * no round width spans them, so the middle 80 % is one bucket. */
  if (!isfinite (first) || !isfinite (last) || !isfinite (last - first))
    {
      if (self->score_min < p10)
        {
          double bottom = floor (self->score_min);
          g_array_append_val (edges, bottom);
        }
      g_array_append_val (edges, p10);
      if (p90 > p10)
        g_array_append_val (edges, p90);
      return;
    }
  /* Like edges:, the leads below the first edge get a bucket of their own. */
  if (self->score_min < first)
    {
      double bottom = floor (self->score_min);
      g_array_append_val (edges, bottom);
    }
  count = (guint) llround ((last - first) / width);
  for (guint i = 0; i <= count; i++)
    {
      /* From the integer index, so 0.1 steps print as 0.3 and not 0.30000000000000004. */
      double edge = round ((first + i * width) / width) * width;
      g_array_append_val (edges, edge);
    }
}

static GArray *
compute_lower_edges (MqlwCalibration      *self,
                     const MqlwBucketSpec *spec,
                     GError              **error)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (double));

  switch (spec->kind)
    {
    case MQLW_BUCKETS_WIDTH:
      {
        double start, count;

        if (!(spec->width > 0) || !isfinite (spec->width))
          {
            g_set_error (error, MQLW_CALIBRATION_ERROR, MQLW_CALIBRATION_ERROR_BUCKETS,
                         _("width must be positive"));
            return NULL;
          }
        if (self->n_finite == 0)
          break;
        start = floor (self->score_min / spec->width) * spec->width;
        /* The relative slack absorbs drift such as 100 / 0.1 = 999.9999…. */
        count = floor ((self->score_max - start) / spec->width + 1e-9) + 1;
        if (count > MAX_BUCKETS)
          {
            g_autofree char *w = format_number (spec->width);
            g_set_error (error, MQLW_CALIBRATION_ERROR, MQLW_CALIBRATION_ERROR_BUCKETS,
                         _("width:%s makes %.0f buckets over scores %g to %g; the limit is %u, "
                           "so choose a wider width"),
                         w, count, self->score_min, self->score_max, MAX_BUCKETS);
            return NULL;
          }
        for (guint i = 0; i < (guint) count; i++)
          {
            double edge = start + i * spec->width;
            g_array_append_val (edges, edge);
          }
      }
      break;

    case MQLW_BUCKETS_EDGES:
      if (spec->edges == NULL || spec->edges->len == 0)
        {
          g_set_error (error, MQLW_CALIBRATION_ERROR, MQLW_CALIBRATION_ERROR_BUCKETS,
                       _("edges needs scores separated by commas, e.g. edges:0,31,51,71"));
          return NULL;
        }
      for (guint i = 0; i < spec->edges->len; i++)
        {
          double edge = g_array_index (spec->edges, double, i);
          if (!isfinite (edge) || (i > 0 && !(edge > g_array_index (spec->edges, double, i - 1))))
            {
              g_autofree char *a = format_number (edge);
              g_autofree char *b = format_number (i > 0 ? g_array_index (spec->edges, double, i - 1) : NAN);
              g_set_error (error, MQLW_CALIBRATION_ERROR, MQLW_CALIBRATION_ERROR_BUCKETS,
                           _("edges must increase: %s after %s"), a, b);
              return NULL;
            }
        }
      /* Keep every lead: scores below the first edge get a bucket of their own. */
      if (self->n_finite > 0 && self->score_min < g_array_index (spec->edges, double, 0))
        {
          double first = floor (self->score_min);
          g_array_append_val (edges, first);
        }
      g_array_append_vals (edges, spec->edges->data, spec->edges->len);
      break;

    case MQLW_BUCKETS_QUANTILES:
      if (spec->quantiles < 1 || spec->quantiles > MAX_BUCKETS)
        {
          g_set_error (error, MQLW_CALIBRATION_ERROR, MQLW_CALIBRATION_ERROR_BUCKETS,
                       _("quantiles needs a whole number from 1 to %u"), MAX_BUCKETS);
          return NULL;
        }
      for (guint j = 0; j < spec->quantiles && self->n_finite > 0; j++)
        {
          /* The score of the lead at rank ⌊j·n/Q⌋ (0-based) in score order:
           * the first bin b whose leads with key ≤ key(b) exceed the rank,
           * i.e. suffix[b + 1] < n − rank. */
          guint64 rank = (guint64) j * self->n_finite / spec->quantiles;
          double edge = mqlw_calibration_score_at_rank (self, rank);

          if (edges->len == 0 || edge > g_array_index (edges, double, edges->len - 1))
            g_array_append_val (edges, edge);
        }
      break;

    case MQLW_BUCKETS_AUTO:
      if (self->n_finite > 0)
        append_auto_edges (self, edges);
      break;

    default:
      g_set_error (error, MQLW_CALIBRATION_ERROR, MQLW_CALIBRATION_ERROR_BUCKETS,
                   _("unknown bucket scheme; use width:N, edges:A,B,… or quantiles:N"));
      return NULL;
    }

  return g_steal_pointer (&edges);
}

MqlwBucketTable *
mqlw_calibration_buckets (MqlwCalibration       *self,
                          const MqlwBucketSpec  *spec,
                          const MqlwVerdictCuts *cuts,
                          GError               **error)
{
  g_autoptr(MqlwBucketTable) table = NULL;
  g_autoptr(GArray) edges = NULL;
  gboolean present[MQLW_N_STAGES], varies[MQLW_N_STAGES];
  guint P;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  edges = compute_lower_edges (self, spec, error);
  if (edges == NULL)
    return NULL;

  table = g_new0 (MqlwBucketTable, 1);
  table->total_leads = self->n;
  table->scored_leads = self->n_finite;
  mqlw_calibration_get_unscored (self, &table->unscored);
  if (cuts != NULL)
    table->cuts = *cuts;
  else
    mqlw_verdict_cuts_init_default (&table->cuts);
  table->n_buckets = edges->len;
  table->buckets = g_new0 (MqlwBucket, MAX (edges->len, 1));

  P = self->n_present;
  for (guint j = 0; j < edges->len; j++)
    {
      MqlwBucket *bucket = &table->buckets[j];
      guint first, last;
      const guint64 *a, *b;
      guint64 count;

      bucket->lo = g_array_index (edges, double, j);
      bucket->hi = j + 1 < edges->len ? g_array_index (edges, double, j + 1) : INFINITY;
      first = mqlw_calibration_bin_for_score (self, bucket->lo);
      last = j + 1 < edges->len ? mqlw_calibration_bin_for_score (self, bucket->hi) : self->n_bins;
      a = mqlw_calibration_row (self, first);
      b = mqlw_calibration_row (self, MAX (first, last));

      count = mqlw_calibration_all (self, a, 0) - mqlw_calibration_all (self, b, 0);
      bucket->leads = count;
      bucket->share = self->n_finite > 0 ? (double) count / self->n_finite : 0.0;

      for (guint s = 0; s < MQLW_N_STAGES; s++)
        {
          int p = self->packed[s];
          guint64 known, reached;

          if (p < 0)
            {
              mqlw_rate_set_absent (&bucket->stage[s]);
              continue;
            }
          known = mqlw_calibration_all (self, a, 1 + p) - mqlw_calibration_all (self, b, 1 + p);
          reached = mqlw_calibration_all (self, a, 1 + P + p) - mqlw_calibration_all (self, b, 1 + P + p);
          mqlw_rate_set (&bucket->stage[s], known, reached);
        }
    }

  /* The stage the verdicts follow: one that differs between these buckets. */
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    {
      present[s] = self->packed[s] >= 0;
      varies[s] = present[s] && mqlw_verdict_stage_varies (&table->buckets[0].stage[s], table->n_buckets,
                                                           sizeof (MqlwBucket));
    }
  table->verdict_stage = mqlw_verdict_choose_stage (&table->cuts, present, varies, &table->verdict_why);
  for (guint j = 0; j < table->n_buckets; j++)
    {
      MqlwBucket *bucket = &table->buckets[j];

      bucket->verdict = table->verdict_stage < MQLW_N_STAGES
        ? mqlw_verdict_rate (&bucket->stage[table->verdict_stage], &table->cuts)
        : MQLW_VERDICT_NONE;
    }

  return g_steal_pointer (&table);
}
