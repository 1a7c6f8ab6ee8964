/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-histogram"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mqlw-histogram.h"
#include "mqlw-calibration-private.h"

/* How it works
 *
 * Rows are the calibration's (mqlw-calibration-private.h): per group E, F, Q
 * a count and, per present stage, known in the low and reached in the high
 * half of a word. They are dense over a key range with room on either side:
 * row 0 holds the unscored leads, row 1 + key − key_lo the leads of that key.
 *
 * What a lead adds to its group is fixed by its outcomes alone, so the leads
 * are sorted once into "profiles" (the outcome code of each stage: at most
 * 3⁴ of them) and a lead adds its profile's words. Per lead the histogram
 * keeps one word, its place: the row and the state (group and fixed paths)
 * it was counted under, and its profile, so that a move reads one cache line
 * of the histogram's per-lead data rather than three. A step computes row
 * and state again and moves only the leads where one differs: subtract the
 * profile's words from the old place, add them at the new. The months of the period come from the created dates,
 * which never change: computed once. A bitmap marks the occupied rows, so
 * handing out a calibration visits only them (a few thousand keys against
 * tens of thousands in the range): a step costs its moved leads, the
 * occupied keys and a bit per key of the range.
 *
 * A key outside the range, or the first call, counts every lead anew into a
 * range sized from the scores. A range too wide for dense rows, or a total
 * that is not a two-decimal number (not a scorer's), hands the work to
 * mqlw_calibration_new (). */

#define MAX_ROW_WORDS  ((gsize) 4 << 20)   /* 32 MiB of rows */
#define BLOCK_LEADS    1024
#define FLAGGED_BLOCK  4096
#define KEY_INT32_LIMIT (G_GINT64_CONSTANT (1) << 29)

/* A lead's state: its group, and its fixed paths when it counts in them. */
#define STATE_GROUP    0x3
#define STATE_GB       0x4
#define STATE_HR       0x8

/* A lead's place: state in bits 0–3, profile in 4–10, row in 11–31. Rows
 * number at most MAX_ROW_WORDS / stride + 1, a stride is at least N_GROUPS
 * words, and there are at most 3⁴ profiles, so each fits its bits. */
#define PLACE_STATE_MASK    0xfu
#define PLACE_PROFILE_SHIFT 4
#define PLACE_PROFILE_MASK  (0x7fu << PLACE_PROFILE_SHIFT)
#define PLACE_ROW_SHIFT     11
#define PLACE_ROW_LIMIT     ((gsize) 1 << (32 - PLACE_ROW_SHIFT))
/* No lead's place: its row must be looked up (find_row ()). */
#define PLACE_LOOK          G_MAXUINT32

G_STATIC_ASSERT (MAX_ROW_WORDS / N_GROUPS + 1 < PLACE_ROW_LIMIT - 1);
G_STATIC_ASSERT (MQLW_N_STAGES <= 4);   /* 3⁴ = 81 profiles ≤ 0x7f + 1 */

struct _MqlwHistogram {
  const MqlwOutcomes *outcomes;
  guint      n;
  guint      n_present;
  MqlwStage  present[MQLW_N_STAGES];
  int        packed[MQLW_N_STAGES];
  guint      group;                  /* words per group */
  guint      stride;                 /* words per row */
  double     months;

  guint64   *profile_words;          /* group words per profile */
  guint32   *place_of;               /* per lead: its profile; when built, its row and state too */

  gboolean   built;
  gint64     key_lo;                 /* key of row 1 */
  gsize      n_keys;                 /* rows 1 … n_keys */
  guint64   *rows;                   /* (1 + n_keys) × stride */
  guint32   *occupied;               /* per row: its leads, all groups */
  guint64   *nonempty;               /* bit r: occupied[r] != 0, or a row emptied since the last
                                        make_calibration () (row 0's bit unused) */
  guint64    path_gb;                /* scored leads of group F on each fixed path */
  guint64    path_hr;
  guint      moved;
  guint64    generation;             /* of the scores counted; 0 unknown */
};

static guint
get_code (gint8 v)
{
  /* As the calibration counts: known = v ≥ 0, reached = v == YES. */
  return (v >= 0) + (v == MQLW_OUTCOME_YES);
}

MqlwHistogram *
mqlw_histogram_new (const MqlwOutcomes *outcomes)
{
  MqlwHistogram *self;
  guint n_profiles = 1;
  gint32 created_lo = G_MAXINT32, created_hi = G_MININT32;

  g_return_val_if_fail (outcomes != NULL, NULL);

  self = g_new0 (MqlwHistogram, 1);
  self->outcomes = outcomes;
  self->n = outcomes->n;
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    {
      self->packed[s] = -1;
      if (outcomes->stage[s] != NULL)
        {
          self->packed[s] = self->n_present;
          self->present[self->n_present++] = s;
          n_profiles *= 3;
        }
    }
  self->group = 1 + self->n_present;
  self->stride = N_GROUPS * self->group;

  /* Profile = Σ code(stage p) × 3^p; its words: 1, then known | reached << 32. */
  self->profile_words = g_new0 (guint64, (gsize) n_profiles * self->group);
  for (guint c = 0; c < n_profiles; c++)
    {
      guint64 *w = self->profile_words + (gsize) c * self->group;
      guint rest = c;

      w[0] = 1;
      for (guint p = 0; p < self->n_present; p++, rest /= 3)
        w[1 + p] = (guint64) (rest % 3 > 0) | ((guint64) (rest % 3 == 2) << 32);
    }
  /* Scattered leads are read in a step: huge pages spare the TLB misses. */
  self->place_of = g_new0 (guint32, MAX (self->n, 1));
  mqlw_storage_advise_huge (self->place_of, MAX (self->n, 1) * sizeof (guint32));
  for (guint p = 0, weight = 1; p < self->n_present; p++, weight *= 3)
    {
      const gint8 *stage = outcomes->stage[self->present[p]];

      for (guint i = 0; i < self->n; i++)
        self->place_of[i] += (get_code (stage[i]) * weight) << PLACE_PROFILE_SHIFT;
    }

  if (outcomes->created_days != NULL)
    for (guint i = 0; i < self->n; i++)
      {
        gint32 d = outcomes->created_days[i];

        created_lo = MIN (created_lo, d == MQLW_DATE_MISSING ? G_MAXINT32 : d);
        created_hi = MAX (created_hi, d);
      }
  self->months = mqlw_calibration_compute_months (outcomes->created_days, self->n, created_lo, created_hi);
  return self;
}

static void
drop_counts (MqlwHistogram *self)
{
  self->built = FALSE;
  self->generation = 0;
  g_clear_pointer (&self->rows, g_free);
  g_clear_pointer (&self->occupied, g_free);
  g_clear_pointer (&self->nonempty, g_free);
}

void
mqlw_histogram_free (MqlwHistogram *self)
{
  if (self == NULL)
    return;
  drop_counts (self);
  g_free (self->place_of);
  g_free (self->profile_words);
  g_free (self);
}

guint
mqlw_histogram_get_moved_for_testing (MqlwHistogram *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->moved;
}

static inline guint8
compute_state (guint8  fixed_paths,
               guint16 disqualified)
{
  guint g = disqualified != 0 ? GROUP_DISQUALIFIED : fixed_paths != 0 ? GROUP_FIXED : GROUP_ELIGIBLE;

  /* MQLW_PATH_GRADE_BEHAVIOUR = 1 << 1, MQLW_PATH_HAND_RAISER = 1 << 2 */
  return g | (g == GROUP_FIXED ? (fixed_paths & 0x6) << 1 : 0);
}

static inline guint32
place_row (guint32 place)
{
  return place >> PLACE_ROW_SHIFT;
}

static inline guint32
place_state (guint32 place)
{
  return place & PLACE_STATE_MASK;
}

/* The group words its profile adds. */
static inline const guint64 *
place_words (MqlwHistogram *self,
             guint32        place)
{
  return self->profile_words + (gsize) ((place & PLACE_PROFILE_MASK) >> PLACE_PROFILE_SHIFT) * self->group;
}

/* Its group's words in its row. */
static inline guint64 *
place_counts (MqlwHistogram *self,
              guint32        place)
{
  return self->rows + (gsize) place_row (place) * self->stride + (place & STATE_GROUP) * self->group;
}

/* A place without its profile: @row and @state. */
static inline guint32
make_place (guint32 row,
            guint32 state)
{
  return row << PLACE_ROW_SHIFT | state;
}

/* Adds a lead at @place. */
static inline void
count_lead (MqlwHistogram *self,
            guint32        place)
{
  const guint64 *w = place_words (self, place);
  guint64 *r = place_counts (self, place);
  const guint32 row = place_row (place), state = place_state (place);

  for (guint j = 0; j < self->group; j++)
    r[j] += w[j];
  self->occupied[row]++;
  self->nonempty[row / 64] |= G_GUINT64_CONSTANT (1) << (row % 64);
  if (row != 0)
    {
      self->path_gb += (state & STATE_GB) != 0;
      self->path_hr += (state & STATE_HR) != 0;
    }
}

/* The row of @total: 0 for NAN; FALSE when it lies outside the range or is
 * not a two-decimal number. */
static inline gboolean
find_row (MqlwHistogram *self,
          double         total,
          guint32       *row)
{
  gint64 key;

  if (isnan (total))
    {
      *row = 0;
      return TRUE;
    }
  key = mqlw_calibration_key (total);
  if (key < self->key_lo || (guint64) (key - self->key_lo) >= self->n_keys ||
      mqlw_calibration_key_score (key) != total)
    return FALSE;
  *row = (guint32) (1 + (key - self->key_lo));
  return TRUE;
}

/* Counts every lead anew into a range sized from @scores; FALSE when the
 * range is too wide for dense rows or a total is not a two-decimal number. */
static gboolean
count_all (MqlwHistogram    *self,
           const MqlwScores *scores)
{
  double lo = INFINITY, hi = -INFINITY;
  gint64 key_lo, key_hi;
  guint64 range, room;

  drop_counts (self);
  for (guint i = 0; i < self->n; i++)
    {
      double t = scores->total[i];

      lo = t < lo ? t : lo;   /* NaN compares false */
      hi = t > hi ? t : hi;
    }
  if (lo > hi)
    key_lo = key_hi = 0;
  else
    {
      key_lo = mqlw_calibration_key (lo);
      key_hi = mqlw_calibration_key (hi);
    }
  range = (guint64) (key_hi - key_lo) + 1;
  /* Rows and keys as gint32 in the per-lead pass (see compute_rows()). */
  if (range > mqlw_calibration_max_range (self->n) || range > MAX_ROW_WORDS / self->stride ||
      key_lo < -KEY_INT32_LIMIT || key_hi > KEY_INT32_LIMIT)
    return FALSE;
  /* Room on either side, so that the next edits rarely leave the range. */
  room = MIN (range / 4 + 1000, MAX_ROW_WORDS / self->stride - range) / 2;
  self->key_lo = key_lo - (gint64) room;
  self->n_keys = range + 2 * room;
  self->rows = g_new0 (guint64, (1 + self->n_keys) * self->stride);
  mqlw_storage_advise_huge (self->rows, (1 + self->n_keys) * self->stride * sizeof (guint64));
  self->occupied = g_new0 (guint32, 1 + self->n_keys);
  self->nonempty = g_new0 (guint64, self->n_keys / 64 + 1);
  self->path_gb = self->path_hr = 0;

  for (guint i = 0; i < self->n; i++)
    {
      guint32 row;
      guint8 state = compute_state (scores->fixed_paths[i], scores->disqualified[i]);

      if (!find_row (self, scores->total[i], &row))
        {
          drop_counts (self);
          return FALSE;
        }
      self->place_of[i] = make_place (row, state) | (self->place_of[i] & PLACE_PROFILE_MASK);
      count_lead (self, self->place_of[i]);
    }
  self->built = TRUE;
  self->moved = G_MAXUINT;
  return TRUE;
}

/* The per-lead passes of a step: let GCC vectorize them (see mqlw-scorer.c). */
#if defined(__GNUC__) && !defined(__clang__)
# define HOT_LOOP __attribute__ ((optimize ("vect-cost-model=dynamic", "no-trapping-math")))
#else
# define HOT_LOOP
#endif
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
# define WIDE_LOOP __attribute__ ((target_clones ("avx2", "default")))
#else
# define WIDE_LOOP
#endif

/* The places (without profile) of @n leads, and whether they differ from
 * the leads' last ones: row 1 + key − @key_lo when total × 100 lies strictly
 * between @fast_lo and @fast_hi (inside the range, well within gint32; the
 * caller checks that the key gives the total), row 0 for NAN, else
 * PLACE_LOOK (the range's ends and beyond: looked at one by one). */
HOT_LOOP WIDE_LOOP static void
compute_places (const double  *restrict total,
                const guint8  *restrict fixed_paths,
                const guint16 *restrict disqualified,
                const guint32 *restrict place_of,
                guint                   n,
                double                  fast_lo,
                double                  fast_hi,
                gint32                  key_lo,
                guint32       *restrict places,
                guint8        *restrict differ)
{
  for (guint i = 0; i < n; i++)
    {
      double x = total[i] * 100.0;
      gboolean in = x > fast_lo && x < fast_hi;
      double xc = in ? x : 0.0;
      guint32 row = (guint32) ((gint32) (xc + copysign (0.5, xc)) - key_lo + 1);
      guint8 fp = fixed_paths[i];
      guint8 is_dq = disqualified[i] != 0;
      guint8 is_fixed = !is_dq & (fp != 0);
      /* GROUP_FIXED 1, GROUP_DISQUALIFIED 2; paths bits 1, 2 → STATE_GB, STATE_HR */
      guint32 state = (guint32) ((2 * is_dq + is_fixed) | (((fp & 0x6) << 1) & -is_fixed));
      guint32 place = in ? make_place (row, state) : x != x ? make_place (0, state) : PLACE_LOOK;

      places[i] = place;
      differ[i] = place != (place_of[i] & ~PLACE_PROFILE_MASK);
    }
}

/* @from − @w and @to + @w over the @group words of a group: straight-line
 * code for each width (1 + the stages present: 1 … 5) rather than a loop the
 * compiler must guard for any length and overlap (@from may be @to). */
static inline void
shift_words (guint64       *from,
             guint64       *to,
             const guint64 *w,
             guint          group)
{
#define SHIFT(k) do { from[k] -= w[k]; to[k] += w[k]; } while (0)
  switch (group)
    {
    case 5: SHIFT (4); G_GNUC_FALLTHROUGH;
    case 4: SHIFT (3); G_GNUC_FALLTHROUGH;
    case 3: SHIFT (2); G_GNUC_FALLTHROUGH;
    case 2: SHIFT (1); G_GNUC_FALLTHROUGH;
    default: SHIFT (0);
    }
#undef SHIFT
}

/* Moves lead @i from its counted place to @place (checked, without its
 * profile). An emptied row keeps its bit in the bitmap: make_calibration ()
 * drops it when it visits the row, so a move clears no bit. */
G_ALWAYS_INLINE static inline void
shift_lead (MqlwHistogram *self,
            guint          i,
            guint32        place)
{
  const guint32 old = self->place_of[i];
  const guint32 now = place | (old & PLACE_PROFILE_MASK);
  const guint32 old_row = place_row (old), row = place_row (now);
  const guint32 old_state = place_state (old), state = place_state (now);

  shift_words (place_counts (self, old), place_counts (self, now), place_words (self, old), self->group);
  self->occupied[old_row]--;
  self->occupied[row]++;
  self->nonempty[row / 64] |= G_GUINT64_CONSTANT (1) << (row % 64);
  /* Fixed paths count only scored leads (row ≠ 0). */
  self->path_gb += (guint64) ((row != 0) & ((state & STATE_GB) != 0)) -
                   (guint64) ((old_row != 0) & ((old_state & STATE_GB) != 0));
  self->path_hr += (guint64) ((row != 0) & ((state & STATE_HR) != 0)) -
                   (guint64) ((old_row != 0) & ((old_state & STATE_HR) != 0));
  self->place_of[i] = now;
}

/* Moves the leads whose row or state changed; FALSE when one leaves the
 * range (or is not a two-decimal number): the caller then counts every lead
 * anew. */
static gboolean
move_changed (MqlwHistogram    *self,
              const MqlwScores *scores)
{
  const double *total = scores->total;
  const gint32 key_lo = (gint32) self->key_lo;
  /* Totals × 100 strictly between these have their row in range. */
  const double fast_lo = (double) self->key_lo + 1;
  const double fast_hi = (double) (self->key_lo + (gint64) self->n_keys) - 2;
  guint32 places[BLOCK_LEADS];
  guint8 differ[BLOCK_LEADS];
  guint moved = 0;

  for (guint block = 0; block < self->n; block += BLOCK_LEADS)
    {
      const guint n = MIN (self->n - block, BLOCK_LEADS);

      compute_places (total + block, scores->fixed_paths + block, scores->disqualified + block,
                      self->place_of + block, n, fast_lo, fast_hi, key_lo, places, differ);
      memset (differ + n, 0, sizeof differ - n);

      /* Eight flags a word: most words are zero. */
      for (guint k8 = 0; k8 < n; k8 += 8)
        {
          guint64 word;

          memcpy (&word, differ + k8, sizeof word);
          for (; word != 0; word &= word - 1)
            {
              const guint k = k8 + (guint) __builtin_ctzll (word) / 8;
              const guint i = block + k;
              guint32 place = places[k];

              /* A row's key must give the total itself (a scorer's two decimals). */
              if (place == PLACE_LOOK ||
                  (place_row (place) != 0 &&
                   mqlw_calibration_key_score ((gint64) place_row (place) - 1 + self->key_lo) != total[i]))
                {
                  guint32 row;

                  if (!find_row (self, total[i], &row))
                    return FALSE;
                  place = make_place (row, compute_state (scores->fixed_paths[i], scores->disqualified[i]));
                  if (place == (self->place_of[i] & ~PLACE_PROFILE_MASK))
                    continue;
                }
              shift_lead (self, i, place);
              moved++;
            }
        }
    }
  self->moved = moved;
  return TRUE;
}

/* Moves the leads @index[0 … n − 1] (at most FLAGGED_BLOCK, ascending) if
 * their row or state changed. They are scattered, so two loops: find their
 * new places (no branch, so the processor overlaps the cache misses of many
 * leads, and prefetches what the moves read; a row is kept only when its
 * key's score is the total itself, else looked at by find_row ()); move.
 * With @given_total and @given_paths (the scorer's lists, parallel to
 * @index: MqlwScores.changed_total) the new totals and paths are read from
 * them in sequence, and the group from the lead's place: a listed update
 * leaves disqualified as it was, so a disqualified lead stays so (with no
 * fixed path) and the others are fixed when they have a path. */
G_ALWAYS_INLINE static inline gboolean
move_indexed_loops (MqlwHistogram    *self,
                    const MqlwScores *scores,
                    const guint32    *index,
                    const double     *given_total,
                    const guint8     *given_paths,
                    guint             n,
                    guint            *moved)
{
  const double *total = scores->total;
  const double fast_lo = (double) self->key_lo + 1;
  const double fast_hi = (double) (self->key_lo + (gint64) self->n_keys) - 2;
  const gint32 key_lo = (gint32) self->key_lo;
  const gboolean given = given_total != NULL;
  guint32 places[FLAGGED_BLOCK];
  guint n_moved = 0;

  for (guint j = 0; j < n; j++)
    {
      const guint i = index[j];
      const double t = given ? given_total[j] : total[i];
      const double x = t * 100.0;
      const gboolean in = x > fast_lo && x < fast_hi;
      const double xc = in ? x : 0.0;
      const gint32 key = (gint32) (xc + copysign (0.5, xc));
      const gboolean exact = in && mqlw_calibration_key_score (key) == t;
      const guint8 fp = given ? given_paths[j] : scores->fixed_paths[i];
      guint8 is_dq, is_fixed;
      guint32 state, row = (guint32) (key - key_lo + 1);

      if (given)
        {
          /* The old place says whether it is disqualified: wait for it. */
          is_dq = 0;
          __builtin_prefetch (&self->place_of[i], 1);
        }
      else
        is_dq = scores->disqualified[i] != 0;
      is_fixed = !is_dq & (fp != 0);
      state = (guint32) ((2 * is_dq + is_fixed) | (((fp & 0x6) << 1) & -is_fixed));
      /* The state rides in the low bits of a look-up too (PLACE_LOOK's are all set). */
      places[j] = exact ? make_place (row, state) : (PLACE_LOOK & ~PLACE_STATE_MASK) | state;
      if (!given)
        __builtin_prefetch (&self->place_of[i], 1);
      /* The new row's counts: the move adds there. */
      if (exact)
        __builtin_prefetch (place_counts (self, make_place (row, state)), 1);
    }

  for (guint j = 0; j < n; j++)
    {
      const guint i = index[j];
      const guint32 old = self->place_of[i];
      guint32 place = places[j];

      if (given && (old & STATE_GROUP) == GROUP_DISQUALIFIED)
        place = (place & ~PLACE_STATE_MASK) | GROUP_DISQUALIFIED;
      if (G_UNLIKELY ((place | PLACE_STATE_MASK) == PLACE_LOOK))
        {
          guint32 row;

          if (!find_row (self, given ? given_total[j] : total[i], &row))
            return FALSE;
          place = make_place (row, place_state (place));
        }
      if (place == (old & ~PLACE_PROFILE_MASK))
        continue;
      shift_lead (self, i, place);
      n_moved++;
    }
  *moved += n_moved;
  return TRUE;
}

static gboolean
move_indexed (MqlwHistogram    *self,
              const MqlwScores *scores,
              const guint32    *index,
              guint             n,
              guint            *moved)
{
  return move_indexed_loops (self, scores, index, NULL, NULL, n, moved);
}

static gboolean
move_given (MqlwHistogram    *self,
            const MqlwScores *scores,
            const guint32    *index,
            const double     *total,
            const guint8     *paths,
            guint             n,
            guint            *moved)
{
  return move_indexed_loops (self, scores, index, total, paths, n, moved);
}

/* Moves the leads the scorer flagged as changed since the histogram's
 * generation (MqlwScores.changed): a pass over one byte per lead. */
static gboolean
move_flagged (MqlwHistogram    *self,
              const MqlwScores *scores)
{
  const guint8 *changed = scores->changed;
  guint32 index[FLAGGED_BLOCK];
  guint moved = 0;

  for (guint block = 0; block < self->n; block += FLAGGED_BLOCK)
    {
      const guint end = MIN (self->n, block + FLAGGED_BLOCK);
      guint n = 0;

      for (guint k8 = block; k8 < end; k8 += 8)
        {
          guint64 word = 0;

          /* Eight flags a word (most are zero); the last word may be short. */
          if (G_LIKELY (k8 + 8 <= end))
            memcpy (&word, changed + k8, sizeof word);
          else
            memcpy (&word, changed + k8, end - k8);
          while (word != 0)
            {
              const guint k = (guint) __builtin_ctzll (word) / 8;

              word &= ~(G_GUINT64_CONSTANT (0xff) << (8 * k));
              index[n++] = k8 + k;
            }
        }
      if (!move_indexed (self, scores, index, n, &moved))
        return FALSE;
    }
  self->moved = moved;
  return TRUE;
}

/* The same for the leads the scorer listed (MqlwScores.changed_rows, with
 * their new totals and paths when it gives them): no pass over every lead. */
static gboolean
move_listed (MqlwHistogram    *self,
             const MqlwScores *scores)
{
  guint moved = 0;

  for (guint j = 0; j < scores->n_changed_rows; j += FLAGGED_BLOCK)
    {
      const guint n = MIN (scores->n_changed_rows - j, FLAGGED_BLOCK);

      if (scores->changed_total != NULL && scores->changed_paths != NULL
          ? !move_given (self, scores, scores->changed_rows + j, scores->changed_total + j,
                         scores->changed_paths + j, n, &moved)
          : !move_indexed (self, scores, scores->changed_rows + j, n, &moved))
        return FALSE;
    }
  self->moved = moved;
  return TRUE;
}

/* Unpacks the group words of row 0 into tallies. */
static void
get_unscored (MqlwHistogram *self,
              Tally          unscored[N_GROUPS])
{
  for (guint g = 0; g < N_GROUPS; g++)
    {
      const guint64 *w = self->rows + g * self->group;

      memset (&unscored[g], 0, sizeof unscored[g]);
      unscored[g].count = w[0];
      for (guint p = 0; p < self->n_present; p++)
        {
          unscored[g].known[p] = w[1 + p] & G_GUINT64_CONSTANT (0xffffffff);
          unscored[g].reached[p] = w[1 + p] >> 32;
        }
    }
}

/* A calibration from the counts: the occupied rows become the bins. Only
 * they are visited (through the bitmap), so a step costs its moved leads,
 * the occupied keys and a bit per key of the range; the key → bin table is
 * left out (NULL: lookups search the sorted keys), as it would cost a word
 * per key of the range at every step. */
static MqlwCalibration *
make_calibration (MqlwHistogram *self,
                  gboolean       score_path)
{
  MqlwCalibration *cal = g_new0 (MqlwCalibration, 1);
  Tally unscored[N_GROUPS];
  const gsize n_words = self->n_keys / 64 + 1;
  const guint stride = self->stride;
  gsize first_word = n_words, last_word = 0, n_bins = 0, b;

  cal->n = self->n;
  cal->score_path = score_path != FALSE;
  cal->months = self->months;
  cal->months_stated = NAN;
  cal->n_present = self->n_present;
  memcpy (cal->present, self->present, sizeof cal->present);
  memcpy (cal->packed, self->packed, sizeof cal->packed);
  cal->group = self->group;
  cal->stride = stride;

  /* Row 0 (the unscored leads) is no bin; rows emptied by moves lose their bit here. */
  self->nonempty[0] &= ~G_GUINT64_CONSTANT (1);
  for (gsize w = 0; w < n_words; w++)
    if (self->nonempty[w] != 0)
      {
        for (guint64 word = self->nonempty[w]; word != 0; word &= word - 1)
          {
            const guint bit = (guint) __builtin_ctzll (word);

            if (self->occupied[w * 64 + bit] == 0)
              self->nonempty[w] &= ~(G_GUINT64_CONSTANT (1) << bit);
          }
        if (self->nonempty[w] == 0)
          continue;
        first_word = MIN (first_word, w);
        last_word = w;
        n_bins += (gsize) __builtin_popcountll (self->nonempty[w]);
      }

  cal->suffix = g_new (guint64, (n_bins + 1) * stride);
  memset (cal->suffix + n_bins * stride, 0, stride * sizeof (guint64));
  cal->keys = g_new (gint64, n_bins + 1);
  cal->bin_at = NULL;
  if (n_bins == 0)
    {
      cal->key_min = 0;
      cal->key_max = -1;
      cal->score_min = cal->score_max = NAN;
    }
  else
    {
      /* One pass from the top: each occupied row plus the suffix above it. */
      b = n_bins;
      for (gsize w = last_word + 1; w-- > first_word;)
        for (guint64 word = self->nonempty[w]; word != 0;)
          {
            const guint bit = 63 - (guint) __builtin_clzll (word);
            const gsize r = w * 64 + bit;
            const guint64 *restrict from = self->rows + r * stride;
            guint64 *restrict to;

            word &= ~(G_GUINT64_CONSTANT (1) << bit);
            b--;
            to = cal->suffix + b * stride;
            for (guint j = 0; j < stride; j++)
              to[j] = from[j] + to[j + stride];
            cal->keys[b] = self->key_lo + (gint64) (r - 1);
            cal->n_finite += self->occupied[r];
          }
      g_assert (b == 0);
      cal->key_min = cal->keys[0];
      cal->key_max = cal->keys[n_bins - 1];
      /* + 0.0 turns −0 into 0, as mqlw_calibration_new () does. */
      cal->score_min = mqlw_calibration_key_score (cal->key_min) + 0.0;
      cal->score_max = mqlw_calibration_key_score (cal->key_max) + 0.0;
    }
  cal->n_bins = n_bins;

  get_unscored (self, unscored);
  mqlw_calibration_finish_totals (cal, unscored, self->path_gb, self->path_hr);
  return cal;
}

/* Brings the counts to @scores: the leads the scorer flagged when it says
 * what changed since the counts were made, else every lead compared. */
static gboolean
update_counts (MqlwHistogram    *self,
               const MqlwScores *scores)
{
  if (self->generation != 0 && scores->generation == self->generation)
    {
      self->moved = 0;
      return TRUE;
    }
  if (self->generation != 0 && scores->changed_rows != NULL && scores->changed_since == self->generation)
    return move_listed (self, scores);
  if (self->generation != 0 && scores->changed != NULL && scores->changed_since == self->generation)
    return move_flagged (self, scores);
  return move_changed (self, scores);
}

MqlwCalibration *
mqlw_histogram_calibrate (MqlwHistogram    *self,
                          const MqlwScores *scores,
                          gboolean          score_path)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (scores != NULL && scores->n == self->n, NULL);

  if (!(self->built && update_counts (self, scores)) && !count_all (self, scores))
    {
      self->moved = G_MAXUINT;
      return mqlw_calibration_new (scores, self->outcomes, score_path);
    }
  self->generation = scores->generation;
  return make_calibration (self, score_path);
}
