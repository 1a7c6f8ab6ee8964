/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Counting the leads into a calibration (mqlw_calibration_new ()). */
#define G_LOG_DOMAIN "mqlw-calibration"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "mqlw-calibration.h"
#include "mqlw-calibration-private.h"

/* How it works
 *
 * The scorer rounds every total to two decimals, so key = round (total × 100)
 * identifies a score exactly. mqlw_calibration_new() makes one pass over the
 * leads and counts, per key ("bin"):
 *
 *   E  threshold-eligible leads (not disqualified, no fixed path)
 *   F  leads passing a fixed path (not disqualified)
 *   Q  disqualified leads
 *
 * each group holding count, known[p], reached[p], where p runs over the stages
 * the data has ("present"), packed so that an absent stage costs nothing.
 * known[p] and reached[p] share one 64-bit word (known in the low half,
 * reached in the high half): counts never exceed n < 2³², so neither half
 * overflows, even in the suffix sums.
 * Every lead lands in exactly one group, chosen by an offset, not a branch.
 * All leads = E + F + Q; leads that are not disqualified = E + F.
 *
 * Only the keys that occur get a row (a few thousand at most in practice,
 * against tens of thousands of keys in the score range): a map from key to
 * row, 4 bytes per key, finds the row of a lead. While counting, a row holds
 * 32-bit counters by joint outcome of pairs of stages (see
 * get_group_width()), so that a lead costs one increment per two stages;
 * merging turns them into the packed words above. Rows are then put in key
 * order and turned into suffix sums from the highest key down, so "leads with
 * score ≥ T" is one row, found through a key → first-row-at-or-above table.
 * Leads that pass a fixed path (grade + behaviour, hand-raiser) are MQLs at
 * every threshold: their counts are constants added to every preview.
 *
 * The pass works on chunks of leads. A part (one thread's counts) sizes its
 * map from the score range of its first chunk, with room to spare; a lead
 * outside widens it. The score and date ranges are noted on the way, so no
 * separate pass finds them. Within a chunk, blocks of leads go through short
 * loops: groups and fixed paths, outcome codes and the date range sixteen or
 * four leads at a time; then keys to rows; then the increments.
 *
 * From 100 000 leads on, a persistent worker thread takes chunks too,
 * counting into its own map and rows; the two are merged, which costs a walk
 * over the key range. Chunks are claimed as the threads come, so a worker that
 * starts late costs little, and one that has not started by the end is not
 * waited for. One calibration at a time uses the worker; a concurrent one (the
 * window builds off the main thread) counts on its own thread only.
 *
 * When the key range is too wide for a map (a platform score with a huge
 * range), the distinct keys are sorted instead; everything else is the same.
 *
 * A total that is NaN is an unscored lead (mqlw-scorer.h): it is counted
 * apart, with its outcomes, and is in no bucket, preview, sweep or suggestion;
 * mqlw_calibration_get_unscored() hands its figures out, so no lead is lost
 * from view. */

#define DEFAULT_MAX_BINS   (1u << 22)
#define CHUNK_LEADS        16384
#define FILL_CHUNK_LEADS   65536   /* a chunk scored by the fill function: fewer, larger calls */
#define BLOCK_LEADS        1024
#define MIN_PARALLEL_LEADS 100000

static guint max_bins_for_testing = 0;
static guint threads_for_testing = 0;
static guint chunk_for_testing = 0;

void
mqlw_calibration_set_max_bins_for_testing (guint max_bins)
{
  max_bins_for_testing = max_bins;
}

void
mqlw_calibration_set_threads_for_testing (guint n_threads,
                                          guint chunk_leads)
{
  threads_for_testing = MIN (n_threads, 2);
  chunk_for_testing = chunk_leads;
}

gboolean
mqlw_calibration_is_sorted_for_testing (MqlwCalibration *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->sorted;
}

guint64
mqlw_calibration_max_range (guint n)
{
  guint64 max_range = max_bins_for_testing != 0 ? max_bins_for_testing : DEFAULT_MAX_BINS;

  /* A map much sparser than the leads costs more than sorting them. */
  return MIN (max_range, (guint64) n * 4 + 65536);
}

#define compute_key mqlw_calibration_key
#define compute_key_score mqlw_calibration_key_score

/* ---- building ---------------------------------------------------------- */

/* What the threads share while counting. */
typedef struct {
  const MqlwScores *scores;
  const gint8      *stage[MQLW_N_STAGES];   /* by packed index */
  const gint32     *created;                /* NULL when no created dates */
  guint             n;
  guint             P;
  guint             chunk;                  /* leads per chunk */
  guint             n_chunks;
  guint64           max_range;              /* widest key range a map may cover */
  gint              next_chunk;             /* atomic: the next chunk to claim */
  gint              too_wide;               /* atomic: a map would exceed max_range */
  gboolean          interleave;             /* tests: part t takes chunks t, t + 2, … */
  MqlwScoresFillFunc fill;                  /* scores == NULL: each chunk's scores from it */
  gpointer          fill_data;
  gint              failed;                 /* atomic: @fill failed, stop */
  GError           *error;                  /* its first error (set by the part that set failed) */
} Job;

/* One thread's counts. */
typedef struct {
  Job            *job;
  guint           index;
  guint           next;                     /* interleave: its next chunk */

  /* The scores it reads: lead i's at [i − base] (the job's, or a chunk's
   * filled into its own buffers) */
  const double   *total;
  const guint8   *fixed_paths;
  const guint16  *disqualified;
  guint           base;
  double         *own_total;
  guint8         *own_fixed_paths;
  guint16        *own_disqualified;

  double          lo, hi;                   /* finite totals seen */
  guint64         n_finite;
  gint32          created_lo, created_hi;   /* present dates seen */

  gint64          key_lo;                   /* key of map[0] */
  gsize           map_len;
  guint32        *map;                      /* key − key_lo → 1 + row; 0 = none yet */
  guint32        *rows;                     /* row_width counters each (see
                                               get_row_width()), in order first
                                               seen; by bin in the fallback */
  guint           n_rows;
  guint           rows_alloc;
  const guint32  *bin_of;                   /* sorted fallback: bin of each lead */

  Tally           unscored[N_GROUPS];       /* NaN totals, by group, packed stages */
  guint64         path_gb;
  guint64         path_hr;
} Part;

static void
init_part (Part *part,
           Job  *job,
           guint index)
{
  memset (part, 0, sizeof *part);
  part->job = job;
  part->index = index;
  part->next = index;
  part->lo = INFINITY;
  part->hi = -INFINITY;
  part->created_lo = G_MAXINT32;
  part->created_hi = G_MININT32;
  if (job->scores != NULL)
    {
      part->total = job->scores->total;
      part->fixed_paths = job->scores->fixed_paths;
      part->disqualified = job->scores->disqualified;
    }
}

static void
clear_part (Part *part)
{
  g_clear_pointer (&part->map, g_free);
  g_clear_pointer (&part->rows, g_free);
  g_clear_pointer (&part->own_total, g_free);
  g_clear_pointer (&part->own_fixed_paths, g_free);
  g_clear_pointer (&part->own_disqualified, g_free);
}

/* @error as the job's, when it is the first failure (FALSE either way). */
static gboolean
job_fail (Job    *job,
          GError *error)
{
  if (g_atomic_int_compare_and_exchange (&job->failed, 0, 1))
    job->error = error;
  else
    g_clear_error (&error);
  return FALSE;
}

/* Leads [@begin, @end)'s scores from the job's fill function into the part's
 * own buffers (a chunk's worth). FALSE when it failed (the job's error). */
static gboolean
fill_chunk (Part *part,
            guint begin,
            guint end)
{
  Job *job = part->job;
  GError *error = NULL;

  if (part->own_total == NULL
      && ((part->own_total = g_try_new (double, job->chunk)) == NULL
          || (part->own_fixed_paths = g_try_new (guint8, job->chunk)) == NULL
          || (part->own_disqualified = g_try_new (guint16, job->chunk)) == NULL))
    {
      /* clear_part () frees what was had. */
      g_set_error (&error, G_FILE_ERROR, G_FILE_ERROR_NOMEM, _("there is not enough memory to score the leads"));
      return job_fail (job, error);
    }
  if (!job->fill (begin, end, part->own_total, part->own_fixed_paths, part->own_disqualified, job->fill_data,
                  &error))
    return job_fail (job, error);
  part->total = part->own_total;
  part->fixed_paths = part->own_fixed_paths;
  part->disqualified = part->own_disqualified;
  part->base = begin;
  return TRUE;
}

/* A part's counters per key. Per group, leads are counted by the outcomes of
 * pairs of stages (unknown, no, yes: 3 × 3 codes), so that a lead costs one
 * increment per pair of stages, not two per stage; a last odd stage has 3
 * codes, no stage at all one counter. The sum over the codes of a pair is the
 * count. 32 bits suffice: a part counts fewer than 2³² leads. Merging turns
 * these into the packed known/reached words of the suffix rows. */
static inline guint
get_group_width (guint P)
{
  return P == 0 ? 1 : 9 * (P / 2) + 3 * (P % 2);
}

static inline guint
get_row_width (guint P)
{
  return N_GROUPS * get_group_width (P);
}

/* Outcome code by (guint8) outcome: 0 unknown, 1 no, 2 yes; any other
 * known value counts as "no", as known = v ≥ 0 and reached = v == YES say.
 * A table: one load instead of two comparisons per stage and lead. */
static guint8 outcome_codes[256];
static GOnce codes_once = G_ONCE_INIT;

static gpointer
init_outcome_codes (gpointer data)
{
  for (guint v = 0; v < 256; v++)
    outcome_codes[v] = ((gint8) v >= 0) + ((gint8) v == MQLW_OUTCOME_YES);
  return NULL;
}

static inline guint
get_outcome_code (gint8 v)
{
  return outcome_codes[(guint8) v];
}

typedef gint32 Int32x4 __attribute__ ((vector_size (16)));
typedef gint8 Int8x16 __attribute__ ((vector_size (16)));

static inline Int8x16
compute_codes16 (const gint8 *outcomes)
{
  const Int8x16 zero = { 0, };
  const Int8x16 one = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  Int8x16 v;

  memcpy (&v, outcomes, sizeof v);
  return ((v >= zero) & one) + ((v == one) & one);
}

typedef guint8 Uint8x16 __attribute__ ((vector_size (16)));
typedef guint16 Uint16x16 __attribute__ ((vector_size (32)));
typedef gint16 Int16x16 __attribute__ ((vector_size (32)));

/* The group of @n leads from @first as the offset of its counters in a row
 * (E 0, F @W, Q 2 × @W, with @W < 128), and the leads passing each fixed
 * path (not disqualified); sixteen leads at a time. */
static void
compute_groups (const guint8  *fixed_paths,
                const guint16 *disqualified,
                guint          first,
                guint          n,
                guint          W,
                guint8        *offsets,
                guint64       *path_gb,
                guint64       *path_hr)
{
  const Uint8x16 zero = { 0, };
  const Uint8x16 one = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  const Uint8x16 w = zero + (guint8) W;
  Uint8x16 gb = zero, hr = zero;   /* at most n / 16 ≤ 64 each per lane */
  guint64 sum_gb = 0, sum_hr = 0;
  guint i = 0;

  g_assert (n <= 255 * 16 && W < 128);

  fixed_paths += first;
  disqualified += first;
  for (; i + 16 <= n; i += 16)
    {
      Uint8x16 fp, is_dq, is_fixed;
      Uint16x16 dq;

      memcpy (&fp, fixed_paths + i, sizeof fp);
      memcpy (&dq, disqualified + i, sizeof dq);
      is_dq = (Uint8x16) __builtin_convertvector ((Int16x16) (dq != 0), Uint8x16);
      is_fixed = ~is_dq & (Uint8x16) (fp != zero);
      /* MQLW_PATH_GRADE_BEHAVIOUR = 1 << 1, MQLW_PATH_HAND_RAISER = 1 << 2 */
      gb += is_fixed & (fp >> 1) & one;
      hr += is_fixed & (fp >> 2) & one;
      fp = (is_dq & (w + w)) | (is_fixed & w);
      memcpy (offsets + i, &fp, sizeof fp);
    }
  for (guint k = 0; k < 16; k++)
    {
      sum_gb += gb[k];
      sum_hr += hr[k];
    }
  for (; i < n; i++)
    {
      const guint is_dq = disqualified[i] != 0;
      const guint is_fixed = !is_dq & (fixed_paths[i] != 0);

      sum_gb += is_fixed & (fixed_paths[i] >> 1);
      sum_hr += is_fixed & (fixed_paths[i] >> 2);
      offsets[i] = (is_dq * GROUP_DISQUALIFIED + is_fixed * GROUP_FIXED) * W;
    }
  *path_gb += sum_gb;
  *path_hr += sum_hr;
}

/* Codes of @n leads from @first for the pairs of stages @stage[0..P): for
 * each pair, 3 × code of the first + code of the second; a last odd stage
 * alone. Sixteen leads at a time. */
static void
compute_pair_codes (const gint8 * const *stage,
                    guint                P,
                    guint                first,
                    guint                n,
                    guint8               codes[][BLOCK_LEADS])
{
  for (guint j = 0; j < P; j += 2)
    {
      guint8 *out = codes[j / 2];
      const gint8 *a = stage[j] + first;
      const gint8 *b = j + 1 < P ? stage[j + 1] + first : NULL;
      guint i = 0;

      for (; i + 16 <= n; i += 16)
        {
          Int8x16 ca = compute_codes16 (a + i);
          Int8x16 c = b != NULL ? ca + ca + ca + compute_codes16 (b + i) : ca;
          memcpy (out + i, &c, sizeof c);
        }
      for (; i < n; i++)
        out[i] = b != NULL ? 3 * get_outcome_code (a[i]) + get_outcome_code (b[i]) : get_outcome_code (a[i]);
    }
}

/* Range of the present dates of @n leads, four at a time. */
static void
scan_dates (const gint32 *created,
            guint         n,
            gint32       *created_lo,
            gint32       *created_hi)
{
  const Int32x4 missing = { MQLW_DATE_MISSING, MQLW_DATE_MISSING, MQLW_DATE_MISSING, MQLW_DATE_MISSING };
  const Int32x4 top = { G_MAXINT32, G_MAXINT32, G_MAXINT32, G_MAXINT32 };
  Int32x4 lo = top, hi = missing;
  gint32 l = *created_lo, h = *created_hi;
  guint i = 0;

  for (; i + 4 <= n; i += 4)
    {
      Int32x4 d, m, v, lt, gt;

      memcpy (&d, created + i, sizeof d);
      m = d == missing;
      v = (d & ~m) | (top & m);   /* missing never lowers the minimum */
      lt = v < lo;
      lo = (v & lt) | (lo & ~lt);
      gt = d > hi;                /* G_MININT32 never raises the maximum */
      hi = (d & gt) | (hi & ~gt);
    }
  for (guint k = 0; k < 4; k++)
    {
      l = MIN (l, lo[k]);
      h = MAX (h, hi[k]);
    }
  for (; i < n; i++)
    {
      l = MIN (l, created[i] == MQLW_DATE_MISSING ? G_MAXINT32 : created[i]);
      h = MAX (h, created[i]);
    }
  *created_lo = l;
  *created_hi = h;
}

static guint
add_row (Part *part,
         guint width)
{
  if (part->n_rows == part->rows_alloc)
    {
      guint alloc = MAX (256, part->rows_alloc * 2);

      part->rows = g_renew (guint32, part->rows, (gsize) alloc * width);
      memset (part->rows + (gsize) part->rows_alloc * width, 0,
              (gsize) (alloc - part->rows_alloc) * width * sizeof (guint32));
      part->rows_alloc = alloc;
    }
  return ++part->n_rows;
}

/* Adds a part's row of counters to a suffix row (before the suffix sums). */
static void
add_part_row (guint64       *row,
              const guint32 *from,
              guint          P)
{
  const guint G = 1 + P;
  const guint W = get_group_width (P);

  for (guint g = 0; g < N_GROUPS; g++, from += W, row += G)
    {
      if (P == 0)
        {
          row[0] += from[0];
          continue;
        }
      for (guint j = 0; j < P; j += 2)
        {
          const guint32 *codes = from + 9 * (j / 2);
          const guint n_codes = j + 1 < P ? 9 : 3;

          for (guint code = 0; code < n_codes; code++)
            {
              guint64 n = codes[code];
              guint a = n_codes == 9 ? code / 3 : code;
              guint b = code % 3;

              if (n == 0)
                continue;
              if (j == 0)
                row[0] += n;
              row[1 + j] += n * (a > 0) + ((n * (a == 2)) << 32);
              if (n_codes == 9)
                row[2 + j] += n * (b > 0) + ((n * (b == 2)) << 32);
            }
        }
    }
}

/* Makes @part's map cover keys @lo..@hi and some room around them, so that
 * a run of new extremes does not copy the map every time; FALSE when @lo..@hi
 * is wider than the job allows. */
static gboolean
grow_map (Part  *part,
          gint64 lo,
          gint64 hi)
{
  guint64 max_range = part->job->max_range;
  guint64 range, room;
  guint32 *map;
  gint64 new_lo;

  if (part->map != NULL)
    {
      lo = MIN (lo, part->key_lo);
      hi = MAX (hi, part->key_lo + (gint64) part->map_len - 1);
    }
  range = (guint64) (hi - lo) + 1;
  if (range > max_range)
    return FALSE;

  /* A quarter more on either side, within max_range and within the keys
   * compute_key() gives (so that a total inside the map needs no clamp). */
  room = MIN (range / 4 + 64, (max_range - range) / 2);
  new_lo = MAX (lo - (gint64) room, -KEY_LIMIT_KEY);
  range = (guint64) (MIN (hi + (gint64) room, KEY_LIMIT_KEY) - new_lo) + 1;

  map = g_new0 (guint32, range);
  if (part->map != NULL)
    memcpy (map + (part->key_lo - new_lo), part->map, part->map_len * sizeof (guint32));
  g_free (part->map);
  part->map = map;
  part->map_len = range;
  part->key_lo = new_lo;
  return TRUE;
}

/* Range of the finite totals and of the dates of leads @begin..@end, for
 * the first map of a part and for the sorted fallback. NaN compares false,
 * so it never becomes a minimum or a maximum. */
static guint64
scan_range (const double *total,
            guint         base,
            const gint32 *created,
            guint         begin,
            guint         end,
            double       *lo,
            double       *hi,
            gint32       *created_lo,
            gint32       *created_hi)
{
  guint64 n_nan = 0;

  for (guint i = begin; i < end; i++)
    {
      double t = total[i - base];
      *lo = t < *lo ? t : *lo;
      *hi = t > *hi ? t : *hi;
      n_nan += t != t;
    }
  if (created != NULL)
    for (guint i = begin; i < end; i++)
      {
        /* MQLW_DATE_MISSING is G_MININT32: it never raises the maximum. */
        *created_lo = MIN (*created_lo, created[i] == MQLW_DATE_MISSING ? G_MAXINT32 : created[i]);
        *created_hi = MAX (*created_hi, created[i]);
      }

  return (end - begin) - n_nan;
}

#define NO_ROW      G_MAXSIZE

/* Counts leads @begin..@end of @part, noting the range of the totals and of
 * the created dates on the way; FALSE when the map would grow wider than the
 * job allows. Inlined once per number of present stages so that the stage
 * loops are unrolled and carry no test on presence, and once per storage
 * (map or sorted bins).
 *
 * Each block of leads takes two loops: the first finds every lead's counters
 * (key, map, group), the second adds to them. Apart, both loops are short
 * and their iterations independent, so the processor overlaps the cache
 * misses of many leads instead of waiting on each. */
static G_ALWAYS_INLINE inline gboolean
accumulate_leads (Part          *part,
                  guint          begin,
                  guint          end,
                  const guint    P,
                  const gboolean sorted)
{
  const Job *job = part->job;
  const guint W = get_group_width (P);
  const guint S = N_GROUPS * W;
  /* Lead i's scores at [i − base]: offset once here (a chunk's own buffers
   * start at its first lead). */
  const guint base = part->base;
  const double *total = part->total;
  const guint8 *fixed_paths = part->fixed_paths;
  const guint16 *disqualified = part->disqualified;
  const gint32 *created = job->created;
  const guint32 *bin_of = part->bin_of;
  const gint8 *st[MQLW_N_STAGES] = { NULL, };
  guint32 *map = part->map;
  gint64 key_lo = part->key_lo;
  gsize map_len = part->map_len;
  /* Totals × 100 strictly between these have their key in the map. */
  double fast_lo = (double) key_lo + 1;
  double fast_hi = (double) (key_lo + (gint64) map_len) - 2;
  guint64 path_gb = 0, path_hr = 0;
  double lo = part->lo, hi = part->hi;
  gint32 created_lo = part->created_lo, created_hi = part->created_hi;
  gsize at[BLOCK_LEADS];                    /* word offset of each lead's group */
  guint8 codes[MQLW_N_STAGES / 2][BLOCK_LEADS];
  guint8 group_at[BLOCK_LEADS];             /* offset of each lead's group in its row */
  gboolean ok = TRUE;

  for (guint p = 0; p < P; p++)
    st[p] = job->stage[p];

  for (guint block = begin; block < end && ok; block += BLOCK_LEADS)
    {
      const guint block_end = MIN (end, block + BLOCK_LEADS);
      guint32 *rows;

      if (!sorted && created != NULL)
        scan_dates (created + block, block_end - block, &created_lo, &created_hi);
      compute_pair_codes (st, P, block, block_end - block, codes);
      compute_groups (fixed_paths, disqualified, block - base, block_end - block, W, group_at,
                      &path_gb, &path_hr);

      for (guint i = block; i < block_end; i++)
        {
          const double t = total[i - base];
          const double x = t * 100.0;
          gsize row;

          lo = t < lo ? t : lo;              /* NaN compares false */
          hi = t > hi ? t : hi;

          if (!sorted && G_LIKELY (x > fast_lo && x < fast_hi))
            {
              /* Well inside the map (so not NaN, and |x| ≤ KEY_LIMIT):
               * compute_key() without its clamp. */
              gsize k = (gsize) ((gint64) (x + copysign (0.5, x)) - key_lo);
              guint32 id = map[k];

              if (G_UNLIKELY (id == 0))
                id = map[k] = add_row (part, S);
              row = id - 1;
            }
          else if (isnan (t))
            {
              Tally *u = &part->unscored[group_at[i - block] / W];

              /* Unscored: not in the fixed paths' counts either. */
              if (group_at[i - block] == W)
                {
                  path_gb -= (fixed_paths[i - base] >> 1) & 1;
                  path_hr -= (fixed_paths[i - base] >> 2) & 1;
                }

              u->count++;
              for (guint p = 0; p < P; p++)
                {
                  const gint8 v = st[p][i];
                  u->known[p] += v >= 0;
                  u->reached[p] += v == MQLW_OUTCOME_YES;
                }
              at[i - block] = NO_ROW;
              continue;
            }
          else if (sorted)
            row = bin_of[i];
          else
            {
              /* Near the map's ends or beyond. */
              const gint64 key = compute_key (t);
              guint32 id;

              if ((guint64) (key - key_lo) >= map_len)
                {
                  if (!grow_map (part, key, key))
                    {
                      ok = FALSE;
                      break;
                    }
                  map = part->map;
                  map_len = part->map_len;
                  key_lo = part->key_lo;
                  fast_lo = (double) key_lo + 1;
                  fast_hi = (double) (key_lo + (gint64) map_len) - 2;
                }
              id = map[key - key_lo];
              if (G_UNLIKELY (id == 0))
                id = map[key - key_lo] = add_row (part, S);
              row = id - 1;
            }
          at[i - block] = row * S + group_at[i - block];
        }
      if (!ok)
        break;

      /* Counting. */
      rows = part->rows;
      for (guint i = block; i < block_end; i++)
        {
          const gsize w = at[i - block];
          guint32 *c;

          /* An unscored lead has no row (and when every lead is unscored,
           * there are no rows at all: no pointer is formed). */
          if (G_UNLIKELY (w == NO_ROW))
            continue;
          c = rows + w;
          if (P == 0)
            c[0]++;
#pragma GCC unroll 2
          for (guint j = 0; j < P; j += 2)
            c[9 * (j / 2) + codes[j / 2][i - block]]++;
        }
    }

  part->path_gb += path_gb;
  part->path_hr += path_hr;
  part->lo = lo;
  part->hi = hi;
  part->created_lo = created_lo;
  part->created_hi = created_hi;
  return ok;
}

static gboolean
accumulate_chunk (Part    *part,
                  guint    begin,
                  guint    end,
                  gboolean sorted)
{
#define CASE(P) \
    case P: \
      return sorted ? accumulate_leads (part, begin, end, P, TRUE) \
                    : accumulate_leads (part, begin, end, P, FALSE);

  switch (part->job->P)
    {
    CASE (0)
    CASE (1)
    CASE (2)
    CASE (3)
    CASE (4)
    default: g_assert_not_reached ();
    }
#undef CASE
}

static gboolean
claim_chunk (Part  *part,
             guint *chunk)
{
  Job *job = part->job;

  if (g_atomic_int_get (&job->too_wide) || g_atomic_int_get (&job->failed))
    return FALSE;
  if (job->interleave)
    {
      *chunk = part->next;
      part->next += 2;
    }
  else
    *chunk = (guint) g_atomic_int_add (&job->next_chunk, 1);
  return *chunk < job->n_chunks;
}

/* Claims chunks until none is left and counts them. The first chunk's range
 * sizes the map; leads outside it widen it. */
static void
run_part (Part *part)
{
  Job *job = part->job;
  guint chunk;

  while (claim_chunk (part, &chunk))
    {
      guint begin = chunk * job->chunk;
      guint end = MIN (job->n, begin + job->chunk);

      if (job->scores == NULL && !fill_chunk (part, begin, end))
        return;
      if (part->map == NULL)
        {
          double lo = INFINITY, hi = -INFINITY;
          gint32 clo = G_MAXINT32, chi = G_MININT32;

          if (scan_range (part->total, part->base, NULL, begin, end, &lo, &hi, &clo, &chi) > 0 &&
              !grow_map (part, compute_key (lo), compute_key (hi)))
            {
              g_atomic_int_set (&job->too_wide, 1);
              return;
            }
        }
      if (!accumulate_chunk (part, begin, end, FALSE))
        {
          g_atomic_int_set (&job->too_wide, 1);
          return;
        }
      part->n_finite += end - begin;
    }
  for (guint g = 0; g < N_GROUPS; g++)
    part->n_finite -= part->unscored[g].count;
}

/* ---- the worker thread ------------------------------------------------- */

/* The worker's state. IDLE → PENDING (a caller handed it a part) → RUNNING
 * (it took the part) → DONE (the caller may read the part) → IDLE. A caller
 * that finished every chunk before the worker even woke up cancels instead
 * (PENDING → CANCELLED) and goes on at once; the worker then drops the job
 * without touching it and goes back to IDLE. */
enum { WORKER_IDLE, WORKER_PENDING, WORKER_RUNNING, WORKER_DONE, WORKER_CANCELLED };

static GMutex worker_lock;
static GCond worker_cond;
static gint worker_state;     /* atomic */

static void
run_worker_job (gpointer data,
                gpointer user_data)
{
  if (!g_atomic_int_compare_and_exchange (&worker_state, WORKER_PENDING, WORKER_RUNNING))
    {
      /* Cancelled: @data is gone. */
      g_atomic_int_set (&worker_state, WORKER_IDLE);
      return;
    }

  run_part (data);

  g_mutex_lock (&worker_lock);
  g_atomic_int_set (&worker_state, WORKER_DONE);
  g_cond_signal (&worker_cond);
  g_mutex_unlock (&worker_lock);
}

static gpointer
create_worker_pool (gpointer data)
{
  g_autoptr(GError) error = NULL;
  GThreadPool *pool;

  /* Exclusive: the thread starts now and stays, so a what-if step never pays
   * for starting one. */
  pool = g_thread_pool_new (run_worker_job, NULL, 1, TRUE, &error);
  if (pool == NULL)
    g_warning ("Could not start a second calibration thread (%s); using one", error->message);
  return pool;
}

/* Hands @part to the worker; FALSE when it is busy with another calibration
 * or cannot run. */
static gboolean
start_worker (Part *part)
{
  static GOnce once = G_ONCE_INIT;
  GThreadPool *pool;

  pool = g_once (&once, create_worker_pool, NULL);
  if (pool == NULL || !g_atomic_int_compare_and_exchange (&worker_state, WORKER_IDLE, WORKER_PENDING))
    return FALSE;
  g_thread_pool_push (pool, part, NULL);
  return TRUE;
}

/* Returns once the worker is done with the part given to start_worker().
 * With @may_cancel (chunks are claimed, so the caller has counted every chunk
 * the worker did not take) the part is left empty when the worker had not
 * started yet. */
static void
wait_worker (gboolean may_cancel)
{
  if (may_cancel &&
      g_atomic_int_compare_and_exchange (&worker_state, WORKER_PENDING, WORKER_CANCELLED))
    return;

  g_mutex_lock (&worker_lock);
  while (g_atomic_int_get (&worker_state) != WORKER_DONE)
    g_cond_wait (&worker_cond, &worker_lock);
  g_mutex_unlock (&worker_lock);
  g_atomic_int_set (&worker_state, WORKER_IDLE);
}

/* ---- merging ----------------------------------------------------------- */

static int
compare_keys (const void *a,
              const void *b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;
  return (x > y) - (x < y);
}

/* The parts' rows in key order, summed: one walk over the key range. */
static void
merge_parts (MqlwCalibration *self,
             Part            *parts,
             guint            n_parts)
{
  const guint S = self->stride;
  const guint W = get_row_width (self->n_present);
  gsize range = (gsize) (self->key_max - self->key_min) + 1;
  gsize max_rows = 0;
  guint b = 0;

  for (guint t = 0; t < n_parts; t++)
    max_rows += parts[t].n_rows;
  self->keys = g_new (gint64, max_rows + 1);
  self->bin_at = g_new (guint32, range);
  self->suffix = g_new0 (guint64, (max_rows + 1) * S);

  for (gsize k = 0; k < range; k++)
    {
      gint64 key = self->key_min + (gint64) k;
      guint64 *row = self->suffix + (gsize) b * S;
      gboolean seen = FALSE;

      self->bin_at[k] = b;
      for (guint t = 0; t < n_parts; t++)
        {
          const Part *part = &parts[t];
          guint64 off = (guint64) (key - part->key_lo);

          if (part->map == NULL || off >= part->map_len || part->map[off] == 0)
            continue;
          add_part_row (row, part->rows + (gsize) (part->map[off] - 1) * W, self->n_present);
          seen = TRUE;
        }
      if (seen)
        self->keys[b++] = key;
    }
  self->n_bins = b;
}

/* Sorted fallback: the distinct keys become the bins; one thread. */
static void
count_sorted (MqlwCalibration *self,
              Part            *part)
{
  const MqlwScores *scores = part->job->scores;
  g_autofree gint64 *sorted = g_new (gint64, MAX (self->n_finite, 1));
  g_autofree guint32 *bin_of = g_new (guint32, MAX (self->n, 1));
  gsize m = 0, distinct = 0;

  for (guint i = 0; i < self->n; i++)
    if (!isnan (scores->total[i]))
      sorted[m++] = compute_key (scores->total[i]);
  qsort (sorted, m, sizeof (gint64), compare_keys);
  for (gsize i = 0; i < m; i++)
    if (distinct == 0 || sorted[i] != sorted[distinct - 1])
      sorted[distinct++] = sorted[i];

  self->sorted = TRUE;
  self->n_bins = distinct;
  self->keys = g_memdup2 (sorted, MAX (distinct, 1) * sizeof (gint64));
  self->suffix = g_new0 (guint64, ((gsize) self->n_bins + 1) * self->stride);

  for (guint i = 0; i < self->n; i++)
    bin_of[i] = isnan (scores->total[i]) ? 0
              : mqlw_calibration_bin_for_key (self, compute_key (scores->total[i]));

  part->bin_of = bin_of;
  part->rows = g_new0 (guint32, (gsize) MAX (distinct, 1) * get_row_width (self->n_present));
  accumulate_chunk (part, 0, self->n, TRUE);
  for (guint b = 0; b < self->n_bins; b++)
    add_part_row (self->suffix + (gsize) b * self->stride,
                  part->rows + (gsize) b * get_row_width (self->n_present), self->n_present);
  part->bin_of = NULL;
  g_clear_pointer (&part->rows, g_free);
}

/* Calendar months touched by the created dates, from the range the pass
 * found; NAN without a created date: the period is unknown, never "1 month".
 * A date after today is a typing error (the health check reports it): one
 * lead "created" in 2099 must not stretch the period to 900 months, so the
 * rare history that has one is scanned again up to today. */
double
mqlw_calibration_compute_months (const gint32 *created,
                                 guint         n,
                                 gint32        lo,
                                 gint32        hi)
{
  gint32 today;

  if (created == NULL || lo > hi)
    return NAN;
  today = mqlw_date_today ();
  if (hi > today && !mqlw_date_range_until (created, n, today, &lo, &hi))
    return NAN;
  return mqlw_date_months_touched (lo, hi);
}

/* Totals of group @g over every scored lead: the top suffix row. */
static void
compute_group_total (MqlwCalibration *self,
                     guint            g,
                     Tally           *tally)
{
  const guint64 *row = self->suffix;
  const guint P = self->n_present;

  tally->count = mqlw_calibration_counter (self, row, g, 0);
  for (guint p = 0; p < P; p++)
    {
      tally->known[p] = mqlw_calibration_counter (self, row, g, 1 + p);
      tally->reached[p] = mqlw_calibration_counter (self, row, g, 1 + P + p);
    }
}

/* The suffix sums and the totals, once every bin's row and the unscored
 * tallies (by group) are counted: the last step of each constructor. */
void
mqlw_calibration_finish (MqlwCalibration *self,
                         const Tally      unscored[N_GROUPS],
                         guint64          path_gb,
                         guint64          path_hr)
{
  /* Suffix sums: row b counts the leads with key ≥ key of bin b. */
  for (guint b = self->n_bins; b-- > 0;)
    {
      guint64 *row = self->suffix + (gsize) b * self->stride;
      const guint64 *next = row + self->stride;
      for (guint j = 0; j < self->stride; j++)
        row[j] += next[j];
    }
  mqlw_calibration_finish_totals (self, unscored, path_gb, path_hr);
}

/* The totals, once the suffix rows are summed. */
void
mqlw_calibration_finish_totals (MqlwCalibration *self,
                                const Tally      unscored[N_GROUPS],
                                guint64          path_gb,
                                guint64          path_hr)
{
  Tally groups[N_GROUPS] = { { 0, }, };

  for (guint g = 0; g < N_GROUPS; g++)
    compute_group_total (self, g, &groups[g]);
  self->fixed = groups[GROUP_FIXED];
  self->disqualified = groups[GROUP_DISQUALIFIED].count;
  self->by_path_fixed[MQLW_PATH_INDEX_GRADE_BEHAVIOUR] = path_gb;
  self->by_path_fixed[MQLW_PATH_INDEX_HAND_RAISER] = path_hr;
  self->unscored = unscored[GROUP_ELIGIBLE];
  for (guint g = 1; g < N_GROUPS; g++)
    {
      self->unscored.count += unscored[g].count;
      for (guint p = 0; p < self->n_present; p++)
        {
          self->unscored.known[p] += unscored[g].known[p];
          self->unscored.reached[p] += unscored[g].reached[p];
        }
    }
  for (guint p = 0; p < self->n_present; p++)
    {
      MqlwStage s = self->present[p];
      for (guint g = 0; g < N_GROUPS; g++)
        {
          self->all_known[s] += groups[g].known[p];
          self->all_reached[s] += groups[g].reached[p];
        }
    }

}

/* Every lead's scores from @job's fill function, a chunk at a time, into
 * @whole (the sorted fallback reads them all). FALSE when it failed (the
 * job's error). */
static gboolean
fill_whole (Job        *job,
            MqlwScores *whole)
{
  memset (whole, 0, sizeof *whole);
  whole->n = job->n;
  whole->total = g_new (double, MAX (job->n, 1));
  whole->fixed_paths = g_new (guint8, MAX (job->n, 1));
  whole->disqualified = g_new (guint16, MAX (job->n, 1));
  for (guint begin = 0; begin < job->n; begin += job->chunk)
    {
      guint end = MIN (job->n, begin + job->chunk);
      GError *error = NULL;

      if (!job->fill (begin, end, whole->total + begin, whole->fixed_paths + begin, whole->disqualified + begin,
                      job->fill_data, &error))
        return job_fail (job, error);
    }
  job->scores = whole;
  return TRUE;
}

static void
clear_whole (MqlwScores *whole)
{
  g_free (whole->total);
  g_free (whole->fixed_paths);
  g_free (whole->disqualified);
}

/* The one pass of mqlw_calibration_new () and _new_from_blocks (): over
 * @scores, or (NULL) over chunks that @fill gives. */
static MqlwCalibration *
calibration_count (const MqlwScores   *scores,
                   guint               n,
                   const MqlwOutcomes *outcomes,
                   gboolean            score_path,
                   MqlwScoresFillFunc  fill,
                   gpointer            fill_data,
                   GError            **error)
{
  g_autoptr(MqlwCalibration) self = NULL;
  Job job = { 0, };
  Part parts[2];
  guint n_parts = 1;
  Tally unscored[N_GROUPS] = { { 0, }, };
  double lo = INFINITY, hi = -INFINITY;
  gint32 created_lo = G_MAXINT32, created_hi = G_MININT32;
  guint64 range = 0, max_range, path_gb = 0, path_hr = 0;
  guint threads;
  MqlwScores whole = { 0, };

  g_once (&codes_once, init_outcome_codes, NULL);

  self = g_new0 (MqlwCalibration, 1);
  self->n = n;
  self->score_path = score_path != FALSE;
  self->months_stated = NAN;

  for (guint s = 0; s < MQLW_N_STAGES; s++)
    {
      self->packed[s] = -1;
      if (outcomes->stage[s] != NULL)
        {
          self->packed[s] = self->n_present;
          job.stage[self->n_present] = outcomes->stage[s];
          self->present[self->n_present++] = s;
        }
    }
  self->group = 1 + self->n_present;
  self->stride = N_GROUPS * self->group;

  max_range = mqlw_calibration_max_range (self->n);

  job.scores = scores;
  job.fill = fill;
  job.fill_data = fill_data;
  job.created = outcomes->created_days;
  job.n = self->n;
  job.P = self->n_present;
  job.chunk = chunk_for_testing != 0 ? chunk_for_testing : scores != NULL ? CHUNK_LEADS : FILL_CHUNK_LEADS;
  job.n_chunks = self->n / job.chunk + (self->n % job.chunk != 0);
  job.max_range = max_range;
  job.interleave = threads_for_testing == 2;

  threads = threads_for_testing != 0 ? threads_for_testing
          : self->n >= MIN_PARALLEL_LEADS ? 2 : 1;
  init_part (&parts[0], &job, 0);
  init_part (&parts[1], &job, 1);
  if (threads == 2 && job.n_chunks > 1 && start_worker (&parts[1]))
    {
      run_part (&parts[0]);
      wait_worker (!job.interleave);
      n_parts = 2;
    }
  else
    {
      job.interleave = FALSE;
      run_part (&parts[0]);
    }
  if (g_atomic_int_get (&job.failed))
    goto failed;

  if (g_atomic_int_get (&job.too_wide))
    {
      /* A part gave up before the end, so the ranges are incomplete: rescan
       * on this thread for the sorted fallback. */
      for (guint t = 0; t < n_parts; t++)
        clear_part (&parts[t]);
      if (job.scores == NULL && !fill_whole (&job, &whole))
        goto failed;
      scores = job.scores;
      init_part (&parts[0], &job, 0);
      n_parts = 1;
      parts[0].n_finite = scan_range (scores->total, 0, job.created, 0, self->n, &parts[0].lo,
                                      &parts[0].hi, &parts[0].created_lo, &parts[0].created_hi);
      range = G_MAXUINT64;
    }

  for (guint t = 0; t < n_parts; t++)
    {
      const Part *part = &parts[t];

      self->n_finite += part->n_finite;
      lo = MIN (lo, part->lo);
      hi = MAX (hi, part->hi);
      created_lo = MIN (created_lo, part->created_lo);
      created_hi = MAX (created_hi, part->created_hi);
    }
  self->months = mqlw_calibration_compute_months (job.created, job.n, created_lo, created_hi);
  /* + 0.0 turns −0 into 0, whichever part saw which first. */
  self->score_min = self->n_finite > 0 ? lo + 0.0 : NAN;
  self->score_max = self->n_finite > 0 ? hi + 0.0 : NAN;
  if (self->n_finite > 0)
    {
      self->key_min = compute_key (lo);
      self->key_max = compute_key (hi);
      range = MAX (range, (guint64) (self->key_max - self->key_min) + 1);
    }
  else
    {
      self->key_min = 0;
      self->key_max = -1;
    }

  if (range <= max_range)
    merge_parts (self, parts, n_parts);
  else
    {
      for (guint t = 0; t < n_parts; t++)
        clear_part (&parts[t]);
      if (job.scores == NULL && !fill_whole (&job, &whole))
        goto failed;
      init_part (&parts[0], &job, 0);
      n_parts = 1;
      count_sorted (self, &parts[0]);
    }

  for (guint t = 0; t < n_parts; t++)
    {
      path_gb += parts[t].path_gb;
      path_hr += parts[t].path_hr;
      for (guint g = 0; g < N_GROUPS; g++)
        {
          unscored[g].count += parts[t].unscored[g].count;
          for (guint p = 0; p < self->n_present; p++)
            {
              unscored[g].known[p] += parts[t].unscored[g].known[p];
              unscored[g].reached[p] += parts[t].unscored[g].reached[p];
            }
        }
      clear_part (&parts[t]);
    }

  mqlw_calibration_finish (self, unscored, path_gb, path_hr);
  clear_whole (&whole);
  return g_steal_pointer (&self);

failed:
  for (guint t = 0; t < G_N_ELEMENTS (parts); t++)
    clear_part (&parts[t]);
  clear_whole (&whole);
  g_propagate_error (error, job.error);
  return NULL;
}

MqlwCalibration *
mqlw_calibration_new (const MqlwScores   *scores,
                      const MqlwOutcomes *outcomes,
                      gboolean            score_path)
{
  g_return_val_if_fail (scores != NULL, NULL);
  g_return_val_if_fail (outcomes != NULL, NULL);
  g_return_val_if_fail (scores->n == outcomes->n, NULL);
  g_return_val_if_fail (scores->n == 0 || (scores->total != NULL && scores->fixed_paths != NULL &&
                                           scores->disqualified != NULL), NULL);

  return calibration_count (scores, scores->n, outcomes, score_path, NULL, NULL, NULL);
}

MqlwCalibration *
mqlw_calibration_new_from_blocks (guint               n,
                                  const MqlwOutcomes *outcomes,
                                  gboolean            score_path,
                                  MqlwScoresFillFunc  fill,
                                  gpointer            user_data,
                                  GError            **error)
{
  g_return_val_if_fail (outcomes != NULL, NULL);
  g_return_val_if_fail (n == outcomes->n, NULL);
  g_return_val_if_fail (fill != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return calibration_count (NULL, n, outcomes, score_path, fill, user_data, error);
}
