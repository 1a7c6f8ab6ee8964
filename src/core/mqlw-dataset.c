/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-dataset"

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/mman.h>

#include "mqlw-dataset.h"

#define HUGE_PAGE ((gsize) 2 << 20)

void
mqlw_storage_advise_huge (gpointer data,
                          gsize    bytes)
{
#ifdef MADV_HUGEPAGE
  guintptr start = ((guintptr) data + HUGE_PAGE - 1) & ~(guintptr) (HUGE_PAGE - 1);
  guintptr end = ((guintptr) data + bytes) & ~(guintptr) (HUGE_PAGE - 1);

  /* Only advice: a kernel without transparent huge pages says no, and the
   * pages stay small. */
  if (data != NULL && end > start)
    (void) madvise ((gpointer) start, end - start, MADV_HUGEPAGE);
#endif
}

gpointer
mqlw_storage_try_alloc (gsize n,
                        gsize size)
{
  gpointer data = g_try_malloc_n (MAX (n, 1), size);

  /* Smaller ones cannot hold a whole huge page. */
  if (data != NULL && n * size > HUGE_PAGE)
    mqlw_storage_advise_huge (data, n * size);
  return data;
}

GPtrArray *
mqlw_storage_try_ptr_array (gsize n)
{
  gsize bytes = MAX (n, 1) * sizeof (gpointer);
  gpointer probe;

  if (n >= G_MAXUINT / 2)
    return NULL;
  /* GLib rounds the room up to a power of two and g_realloc()s it, which
   * aborts when refused (a bound far above the rows, under `ulimit -v` or
   * strict overcommit). The same room asked for with g_try_malloc () first
   * tells whether it can be had; freed, it is given back whole (a block this
   * size is its own mapping), so the array's own request gets it. */
  if (bytes > 1)
    bytes = (gsize) 1 << g_bit_storage (bytes - 1);
  probe = g_try_malloc (bytes);
  if (probe == NULL)
    return NULL;
  g_free (probe);
  return g_ptr_array_sized_new ((guint) n);
}

static void
column_free (MqlwColumn *column)
{
  if (column == NULL)
    return;
  g_free (column->name);
  g_free (column->activity);
  g_free (column->text_reason);
  /* Every storage type shares the union's pointer. */
  g_free (column->num);
  g_clear_pointer (&column->dict, g_ptr_array_unref);
  g_clear_pointer (&column->dict_index, g_hash_table_unref);
  g_clear_pointer (&column->dict_chunks, g_ptr_array_unref);
  g_free (column);
}

MqlwDataset *
mqlw_dataset_new (guint n_rows)
{
  MqlwDataset *self = g_new0 (MqlwDataset, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->n_rows = n_rows;
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_problem_free);
  self->outcomes.n = n_rows;
  g_mutex_init (&self->load_lock);
  return self;
}

MqlwDataset *
mqlw_dataset_ref (MqlwDataset *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
mqlw_dataset_unref (MqlwDataset *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  /* A shared array is freed with its column. */
  for (guint s = 0; s < MQLW_N_STAGES; s++)
    if (!(self->outcomes.shared & MQLW_OUTCOMES_SHARED_STAGE (s)))
      g_free (self->outcomes.stage[s]);
  if (!(self->outcomes.shared & MQLW_OUTCOMES_SHARED_AMOUNT))
    g_free (self->outcomes.amount);
  if (!(self->outcomes.shared & MQLW_OUTCOMES_SHARED_CREATED_DAYS))
    g_free (self->outcomes.created_days);
  g_hash_table_unref (self->by_name);
  g_ptr_array_unref (self->columns);
  g_ptr_array_unref (self->problems);
  g_free (self->source_name);
  g_free (self->source_sha256);
  if (self->loader_destroy != NULL)
    self->loader_destroy (self->loader_data);
  g_mutex_clear (&self->load_lock);
  g_free (self);
}

MqlwColumn *
mqlw_dataset_append_column (MqlwDataset    *self,
                            const char     *name,
                            MqlwColumnType  type,
                            MqlwColumnRole  role)
{
  MqlwColumn *column;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_hash_table_contains (self->by_name, name))
    return NULL;
  column = g_new0 (MqlwColumn, 1);
  column->name = g_strdup (name);
  column->type = type;
  column->role = role;
  column->n_rows = self->n_rows;
  column->width = mqlw_column_type_width (type);
  g_ptr_array_add (self->columns, column);
  g_hash_table_insert (self->by_name, column->name, column);
  return column;
}

MqlwColumn *
mqlw_dataset_add_column (MqlwDataset    *self,
                         const char     *name,
                         MqlwColumnType  type,
                         MqlwColumnRole  role)
{
  MqlwColumn *column;
  guint n;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  column = mqlw_dataset_append_column (self, name, type, role);
  if (column == NULL)
    return NULL;
  n = column->n_rows;

  switch (type)
    {
    case MQLW_COLUMN_TYPE_INTEGER:
    case MQLW_COLUMN_TYPE_DECIMAL:
      column->num = g_new (double, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        column->num[i] = NAN;
      break;
    case MQLW_COLUMN_TYPE_BOOLEAN:
      column->boolean = g_new (gint8, MAX (n, 1));
      memset (column->boolean, MQLW_BOOL_MISSING, n);
      break;
    case MQLW_COLUMN_TYPE_DATE:
      column->days = g_new (gint32, MAX (n, 1));
      for (guint i = 0; i < n; i++)
        column->days[i] = MQLW_DATE_MISSING;
      break;
    case MQLW_COLUMN_TYPE_CATEGORICAL:
      column->codes = g_new (guint32, MAX (n, 1));
      memset (column->codes, 0xff, (gsize) n * sizeof (guint32));
      column->dict = g_ptr_array_new_with_free_func (g_free);
      column->dict_index = g_hash_table_new (g_str_hash, g_str_equal);
      break;
    default:
      g_assert_not_reached ();
    }
  return column;
}

MqlwColumn *
mqlw_dataset_adopt_column (MqlwDataset    *self,
                           const char     *name,
                           MqlwColumnType  type,
                           MqlwColumnRole  role,
                           gpointer        values,
                           GPtrArray      *dict,
                           GStringChunk   *strings)
{
  MqlwColumn *column;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (values != NULL, NULL);
  g_return_val_if_fail (type >= MQLW_COLUMN_TYPE_INTEGER && type <= MQLW_COLUMN_TYPE_CATEGORICAL, NULL);
  g_return_val_if_fail ((type == MQLW_COLUMN_TYPE_CATEGORICAL) == (dict != NULL), NULL);

  column = mqlw_dataset_append_column (self, name, type, role);
  if (column == NULL)
    return NULL;
  column->num = values;
  column->dict = dict;
  if (strings != NULL)
    {
      column->dict_chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_string_chunk_free);
      g_ptr_array_add (column->dict_chunks, strings);
    }
  return column;
}

/* The string → code index of an adopted dictionary, built when first needed. */
static void
ensure_dict_index (MqlwColumn *column)
{
  if (column->dict_index != NULL)
    return;
  column->dict_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint c = 0; c < column->dict->len; c++)
    g_hash_table_insert (column->dict_index, g_ptr_array_index (column->dict, c), GUINT_TO_POINTER (c + 1));
}

MqlwColumn *
mqlw_dataset_get_column (MqlwDataset *self,
                         const char  *name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return g_hash_table_lookup (self->by_name, name);
}

MqlwColumn *
mqlw_dataset_find_role (MqlwDataset    *self,
                        MqlwColumnRole  role)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->columns->len; i++)
    {
      MqlwColumn *column = g_ptr_array_index (self->columns, i);
      if (column->role == role)
        return column;
    }
  return NULL;
}

/* A removed column's storage for the first outcome that shares it, a copy for any other. */
static gpointer
hand_over (gpointer  data,
           gsize     size,
           gboolean *given)
{
  if (*given)
    return g_memdup2 (data, size);
  *given = TRUE;
  return data;
}

gboolean
mqlw_dataset_remove_column (MqlwDataset *self,
                            const char  *name)
{
  MqlwColumn *column;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  column = g_hash_table_lookup (self->by_name, name);
  if (column == NULL)
    return FALSE;
  /* An outcome may be this column's storage (an import's amounts and created
   * dates, a reopened project's): the first such outcome keeps it (any other
   * one gets a copy), and the outcomes shared with other columns stay so. */
  if (self->outcomes.shared != 0)
    {
      MqlwOutcomes *o = &self->outcomes;
      gboolean given = FALSE;
      gsize n = MAX (o->n, 1);

      for (guint s = 0; s < MQLW_N_STAGES; s++)
        if ((o->shared & MQLW_OUTCOMES_SHARED_STAGE (s)) && (gpointer) o->stage[s] == column->data)
          {
            o->stage[s] = hand_over (o->stage[s], n, &given);
            o->shared &= ~MQLW_OUTCOMES_SHARED_STAGE (s);
          }
      if ((o->shared & MQLW_OUTCOMES_SHARED_AMOUNT) && (gpointer) o->amount == column->data)
        {
          o->amount = hand_over (o->amount, n * sizeof (double), &given);
          o->shared &= ~MQLW_OUTCOMES_SHARED_AMOUNT;
        }
      if ((o->shared & MQLW_OUTCOMES_SHARED_CREATED_DAYS) && (gpointer) o->created_days == column->data)
        {
          o->created_days = hand_over (o->created_days, n * sizeof (gint32), &given);
          o->shared &= ~MQLW_OUTCOMES_SHARED_CREATED_DAYS;
        }
      if (given)
        column->data = NULL;
    }
  g_hash_table_remove (self->by_name, name);
  g_ptr_array_remove (self->columns, column);   /* frees it */
  return TRUE;
}

gint8 *
mqlw_dataset_ensure_stage (MqlwDataset *self,
                           MqlwStage    stage)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (stage < MQLW_N_STAGES, NULL);

  /* The caller writes into it. */
  mqlw_outcomes_unshare (&self->outcomes);
  if (self->outcomes.stage[stage] == NULL)
    {
      self->outcomes.stage[stage] = g_new (gint8, MAX (self->n_rows, 1));
      memset (self->outcomes.stage[stage], MQLW_OUTCOME_UNKNOWN, self->n_rows);
    }
  return self->outcomes.stage[stage];
}

void
mqlw_outcomes_unshare (MqlwOutcomes *outcomes)
{
  g_return_if_fail (outcomes != NULL);

  for (guint s = 0; s < MQLW_N_STAGES; s++)
    if (outcomes->shared & MQLW_OUTCOMES_SHARED_STAGE (s))
      outcomes->stage[s] = g_memdup2 (outcomes->stage[s], MAX (outcomes->n, 1));
  if (outcomes->shared & MQLW_OUTCOMES_SHARED_AMOUNT)
    outcomes->amount = g_memdup2 (outcomes->amount, sizeof (double) * MAX (outcomes->n, 1));
  if (outcomes->shared & MQLW_OUTCOMES_SHARED_CREATED_DAYS)
    outcomes->created_days = g_memdup2 (outcomes->created_days, sizeof (gint32) * MAX (outcomes->n, 1));
  outcomes->shared = 0;
}

/* The funnel closed over @k stages' outcomes @v, in place: the rule as written. */
static void
close_funnel_one (gint8 *v,
                  int    k)
{
  /* Reaching a stage means the earlier stages were reached. */
  for (int s = k - 1; s > 0; s--)
    if (v[s] == MQLW_OUTCOME_YES)
      for (int e = s - 1; e >= 0; e--)
        v[e] = MQLW_OUTCOME_YES;
  /* Falling out at a stage means never reaching the later ones. */
  for (int s = 0; s < k - 1; s++)
    if (v[s] == MQLW_OUTCOME_NO)
      for (int l = s + 1; l < k; l++)
        v[l] = MQLW_OUTCOME_NO;
}

/* A lead's outcomes at the stages the data has, two bits each (the low two of
 * the gint8: -1, 0, 1 and 2 stay apart), index the closed outcomes: the rule
 * is worked out once per key instead of once per lead. An absent stage is
 * neither read nor written, exactly as if the funnel had only the others. */
typedef struct {
  gint8 *stage[MQLW_N_STAGES];   /* the present ones, in order */
  int    k;
  gint8  closed[1 << (2 * MQLW_N_STAGES)][MQLW_N_STAGES];
  guint  from, to;
} FunnelRange;

#define FUNNEL_KEY(v) ((guint) (guint8) (v) & 3u)

static gpointer
close_funnel_range (gpointer data)
{
  const FunnelRange *r = data;

  if (r->k == MQLW_N_STAGES)
    {
      gint8 *s0 = r->stage[0], *s1 = r->stage[1], *s2 = r->stage[2], *s3 = r->stage[3];
      G_STATIC_ASSERT (MQLW_N_STAGES == 4);
      for (guint i = r->from; i < r->to; i++)
        {
          const gint8 *c = r->closed[FUNNEL_KEY (s0[i]) | FUNNEL_KEY (s1[i]) << 2 | FUNNEL_KEY (s2[i]) << 4 |
                                     FUNNEL_KEY (s3[i]) << 6];
          s0[i] = c[0], s1[i] = c[1], s2[i] = c[2], s3[i] = c[3];
        }
      return NULL;
    }
  for (guint i = r->from; i < r->to; i++)
    {
      guint key = 0;
      for (int j = 0; j < r->k; j++)
        key |= FUNNEL_KEY (r->stage[j][i]) << (2 * j);
      for (int j = 0; j < r->k; j++)
        r->stage[j][i] = r->closed[key][j];
    }
  return NULL;
}

/* Below this many rows the funnel is closed on one thread. */
#define FUNNEL_SPLIT_ROWS 262144

void
mqlw_dataset_close_funnel (MqlwDataset *self)
{
  FunnelRange first, second;
  GThread *thread = NULL;

  g_return_if_fail (self != NULL);

  mqlw_outcomes_unshare (&self->outcomes);

  first.k = 0;
  for (int s = 0; s < MQLW_N_STAGES; s++)
    if (self->outcomes.stage[s] != NULL)
      first.stage[first.k++] = self->outcomes.stage[s];
  if (first.k < 2)
    return;   /* one stage: nothing before or after it */
  for (guint key = 0; key < G_N_ELEMENTS (first.closed); key++)
    {
      for (int j = 0; j < first.k; j++)
        {
          guint bits = (key >> (2 * j)) & 3u;
          first.closed[key][j] = bits == 3 ? MQLW_OUTCOME_UNKNOWN : (gint8) bits;
        }
      close_funnel_one (first.closed[key], first.k);
    }
  first.from = 0;
  first.to = self->n_rows;
  /* Leads are independent: a large history's are closed in two halves. */
  if (self->n_rows >= FUNNEL_SPLIT_ROWS && g_get_num_processors () > 1)
    {
      second = first;
      first.to = second.from = self->n_rows / 2;
      /* No thread to be had (a memory limit): this one closes them all. */
      if ((thread = g_thread_try_new ("mqlw-funnel", close_funnel_range, &second, NULL)) == NULL)
        first.to = self->n_rows;
    }
  close_funnel_range (&first);
  if (thread != NULL)
    g_thread_join (thread);
}

guint32
mqlw_column_intern (MqlwColumn *column,
                    const char *text,
                    gssize      len)
{
  gpointer found;
  char *copy;

  g_return_val_if_fail (column != NULL, MQLW_CODE_MISSING);
  g_return_val_if_fail (column->type == MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_CODE_MISSING);
  g_return_val_if_fail (mqlw_column_is_loaded (column), MQLW_CODE_MISSING);
  g_return_val_if_fail (text != NULL, MQLW_CODE_MISSING);

  ensure_dict_index (column);
  if (len < 0)
    found = g_hash_table_lookup (column->dict_index, text);
  else
    {
      /* Avoid an allocation for the common case of a value seen before. */
      char stack[128];
      if ((gsize) len < sizeof stack)
        {
          memcpy (stack, text, len);
          stack[len] = '\0';
          found = g_hash_table_lookup (column->dict_index, stack);
        }
      else
        {
          g_autofree char *tmp = g_strndup (text, len);
          found = g_hash_table_lookup (column->dict_index, tmp);
        }
    }
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  /* A dictionary the narrow codes cannot hold (see codes_width ()): back to full width. */
  if (column->width < 4 && column->dict->len + 1 >= ((guint32) 1 << (8 * column->width)) - 1)
    mqlw_column_widen (column);
  if (column->dict_chunks != NULL && column->dict_chunks->len > 0)
    copy = g_string_chunk_insert_len (g_ptr_array_index (column->dict_chunks, 0), text, len);
  else
    copy = len < 0 ? g_strdup (text) : g_strndup (text, len);
  g_ptr_array_add (column->dict, copy);
  g_hash_table_insert (column->dict_index, copy, GUINT_TO_POINTER (column->dict->len));
  return column->dict->len - 1;
}

const char *
mqlw_column_string (const MqlwColumn *column,
                    guint             row)
{
  guint32 code;

  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (column->type == MQLW_COLUMN_TYPE_CATEGORICAL, NULL);
  g_return_val_if_fail (row < column->n_rows, NULL);
  g_return_val_if_fail (mqlw_column_is_loaded (column), NULL);

  code = mqlw_column_code_at (column, row);
  if (code == MQLW_CODE_MISSING)
    return NULL;
  return g_ptr_array_index (column->dict, code);
}

gboolean
mqlw_column_is_missing (const MqlwColumn *column,
                        guint             row)
{
  g_return_val_if_fail (column != NULL, TRUE);
  g_return_val_if_fail (row < column->n_rows, TRUE);
  g_return_val_if_fail (mqlw_column_is_loaded (column), TRUE);

  switch (column->type)
    {
    case MQLW_COLUMN_TYPE_INTEGER:
    case MQLW_COLUMN_TYPE_DECIMAL:
      return isnan (mqlw_column_num_at (column, row));
    case MQLW_COLUMN_TYPE_BOOLEAN:
      return column->boolean[row] == MQLW_BOOL_MISSING;
    case MQLW_COLUMN_TYPE_DATE:
      return column->days[row] == MQLW_DATE_MISSING;
    case MQLW_COLUMN_TYPE_CATEGORICAL:
      return mqlw_column_code_at (column, row) == MQLW_CODE_MISSING;
    default:
      g_assert_not_reached ();
    }
}

double
mqlw_column_number (const MqlwColumn *column,
                    guint             row)
{
  g_return_val_if_fail (column != NULL, NAN);
  g_return_val_if_fail (row < column->n_rows, NAN);

  switch (column->type)
    {
    case MQLW_COLUMN_TYPE_INTEGER:
    case MQLW_COLUMN_TYPE_DECIMAL:
      return mqlw_column_num_at (column, row);
    case MQLW_COLUMN_TYPE_BOOLEAN:
      return column->boolean[row] == MQLW_BOOL_MISSING ? NAN : column->boolean[row];
    case MQLW_COLUMN_TYPE_DATE:
      return column->days[row] == MQLW_DATE_MISSING ? NAN : column->days[row];
    case MQLW_COLUMN_TYPE_CATEGORICAL:
    default:
      return NAN;
    }
}

char *
mqlw_column_format (const MqlwColumn *column,
                    guint             row)
{
  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (row < column->n_rows, NULL);
  g_return_val_if_fail (mqlw_column_is_loaded (column), NULL);

  if (mqlw_column_is_missing (column, row))
    return NULL;

  switch (column->type)
    {
    case MQLW_COLUMN_TYPE_INTEGER:
      return g_strdup_printf ("%.0f", mqlw_column_num_at (column, row));
    case MQLW_COLUMN_TYPE_DECIMAL:
      return g_strdup_printf ("%g", column->num[row]);
    case MQLW_COLUMN_TYPE_BOOLEAN:
      return g_strdup (column->boolean[row] ? "true" : "false");
    case MQLW_COLUMN_TYPE_DATE:
      {
        char buf[16];
        mqlw_date_format_iso (column->days[row], buf);
        return g_strdup (buf);
      }
    case MQLW_COLUMN_TYPE_CATEGORICAL:
      return g_strdup (mqlw_column_string (column, row));
    default:
      g_assert_not_reached ();
    }
}

static const char * const type_names[] = {
  NULL, "integer", "decimal", "boolean", "date", "categorical",
};

const char *
mqlw_column_type_to_string (MqlwColumnType type)
{
  g_return_val_if_fail (type >= MQLW_COLUMN_TYPE_INTEGER && type <= MQLW_COLUMN_TYPE_CATEGORICAL, NULL);
  return type_names[type];
}

gboolean
mqlw_column_type_from_string (const char     *text,
                              MqlwColumnType *type)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = MQLW_COLUMN_TYPE_INTEGER; i <= MQLW_COLUMN_TYPE_CATEGORICAL; i++)
    if (g_ascii_strcasecmp (text, type_names[i]) == 0)
      {
        *type = i;
        return TRUE;
      }
  if (g_ascii_strcasecmp (text, "text") == 0 || g_ascii_strcasecmp (text, "string") == 0)
    {
      *type = MQLW_COLUMN_TYPE_CATEGORICAL;
      return TRUE;
    }
  return FALSE;
}

static const char * const role_names[] = {
  "none", "lead_id", "email", "account", "created_at", "as_of", "fit",
  "activity_count", "activity_date", "outcome", "stage", "deal_amount",
  "rejection_reason", "score", "ignore",
};

const char *
mqlw_column_role_to_string (MqlwColumnRole role)
{
  g_return_val_if_fail (role <= MQLW_ROLE_IGNORE, NULL);
  return role_names[role];
}

gboolean
mqlw_column_role_from_string (const char     *text,
                              MqlwColumnRole *role)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (g_ascii_strcasecmp (text, role_names[i]) == 0)
      {
        *role = i;
        return TRUE;
      }
  return FALSE;
}

double
mqlw_outcomes_months (const MqlwOutcomes *outcomes)
{
  gint32 lo, hi;

  g_return_val_if_fail (outcomes != NULL, NAN);

  /* Without a created date the period is unknown: never "1 month"; dates
   * after today are typing errors, not the end of the history. */
  if (outcomes->created_days == NULL
      || !mqlw_date_range_until (outcomes->created_days, outcomes->n, mqlw_date_today (), &lo, &hi))
    return NAN;
  return mqlw_date_months_touched (lo, hi);
}

/* ---- compact storage ---------------------------------------------------- */

guint
mqlw_column_type_width (MqlwColumnType type)
{
  switch (type)
    {
    case MQLW_COLUMN_TYPE_INTEGER:
    case MQLW_COLUMN_TYPE_DECIMAL:
      return sizeof (double);
    case MQLW_COLUMN_TYPE_BOOLEAN:
      return sizeof (gint8);
    case MQLW_COLUMN_TYPE_DATE:
      return sizeof (gint32);
    case MQLW_COLUMN_TYPE_CATEGORICAL:
      return sizeof (guint32);
    default:
      return 0;
    }
}

gboolean
mqlw_column_number_fits (double v,
                         guint  width)
{
  double lo, hi;

  if (width >= 8 || isnan (v))
    return TRUE;   /* missing has a sentinel at every width */
  /* The sentinel is the type's smallest value: the range starts one above it. */
  hi = width == 1 ? G_MAXINT8 : width == 2 ? G_MAXINT16 : G_MAXINT32;
  lo = -hi;
  /* Whole, in range, and not -0 (which would come back as +0). */
  return v >= lo && v <= hi && v == (double) (gint64) v && !(v == 0.0 && signbit (v));
}

static guint
codes_width (guint dict_len)
{
  /* The largest value of the narrow type means missing. */
  if (dict_len < G_MAXUINT8)
    return 1;
  if (dict_len < G_MAXUINT16)
    return 2;
  return 4;
}

/* The width mqlw_column_number_fits () allows every value of @num at, in one
 * branch-free pass (it runs over every count column of an import). */
static guint
integer_width (const double *num,
               guint         n)
{
  double lo = 0.0, hi = 0.0;
  gboolean odd = FALSE;   /* a fraction, -0, or beyond gint32 */

  for (guint i = 0; i < n; i++)
    {
      double v = num[i];
      gboolean present = v == v;
      /* Clamped first: converting a double gint32 cannot hold is undefined. */
      double c = present ? CLAMP (v, -2147483647.0, 2147483647.0) : 0.0;
      guint64 bits;

      memcpy (&bits, &v, sizeof bits);
      odd |= (present && (double) (gint32) c != v) | (bits == G_GUINT64_CONSTANT (0x8000000000000000));
      lo = v < lo ? v : lo;   /* NAN compares false: left out */
      hi = v > hi ? v : hi;
    }
  if (odd)
    return 8;
  if (lo >= -G_MAXINT8 && hi <= G_MAXINT8)
    return 1;
  if (lo >= -G_MAXINT16 && hi <= G_MAXINT16)
    return 2;
  return 4;
}

guint
mqlw_column_compact_width (const MqlwColumn *column)
{
  g_return_val_if_fail (column != NULL, 0);

  if (!mqlw_column_is_loaded (column))
    return column->width;
  if (column->type == MQLW_COLUMN_TYPE_CATEGORICAL)
    return codes_width (column->dict->len);
  if (column->type != MQLW_COLUMN_TYPE_INTEGER)
    return column->width;
  if (column->width < 8)
    return column->width;
  return integer_width (column->num, column->n_rows);
}

/* Storage for @n values of @width bytes, advised like import's. */
static gpointer
alloc_storage (guint n,
               guint width)
{
  gpointer data = mqlw_storage_try_alloc (n, width);

  if (data == NULL)
    g_error ("%s: failed to allocate %" G_GSIZE_FORMAT " bytes", G_STRLOC, (gsize) MAX (n, 1) * width);
  return data;
}

#define NARROW_INT(type, missing) \
  G_STMT_START { \
    type *out = alloc_storage (n, width); \
    for (guint i = 0; i < n; i++) \
      out[i] = isnan (column->num[i]) ? (missing) : (type) column->num[i]; \
    data = out; \
  } G_STMT_END
#define NARROW_CODE(type, missing) \
  G_STMT_START { \
    type *out = alloc_storage (n, width); \
    for (guint i = 0; i < n; i++) \
      out[i] = column->codes[i] == MQLW_CODE_MISSING ? (missing) : (type) column->codes[i]; \
    data = out; \
  } G_STMT_END

void
mqlw_column_compact (MqlwColumn *column)
{
  guint width, n;
  gpointer data = NULL;

  g_return_if_fail (column != NULL);

  if (column->width != mqlw_column_type_width (column->type) || !mqlw_column_is_loaded (column))
    return;   /* already narrow, or stored as it is held */
  width = mqlw_column_compact_width (column);
  if (width == column->width)
    return;
  n = column->n_rows;
  if (column->type == MQLW_COLUMN_TYPE_INTEGER)
    {
      if (width == 1)
        NARROW_INT (gint8, MQLW_INT8_MISSING);
      else if (width == 2)
        NARROW_INT (gint16, MQLW_INT16_MISSING);
      else
        NARROW_INT (gint32, MQLW_INT32_MISSING);
    }
  else if (width == 1)
    NARROW_CODE (guint8, MQLW_CODE8_MISSING);
  else
    NARROW_CODE (guint16, MQLW_CODE16_MISSING);
  g_free (column->data);
  column->data = data;
  column->width = width;
}

/* Below this many rows the columns are compacted on one thread. */
#define COMPACT_SPLIT_ROWS 262144

typedef struct {
  GPtrArray *columns;
  guint      from, to;
} CompactRange;

static gpointer
compact_range_thread (gpointer data)
{
  CompactRange *range = data;

  for (guint i = range->from; i < range->to; i++)
    mqlw_column_compact (g_ptr_array_index (range->columns, i));
  return NULL;
}

/* Columns are independent: a large dataset's are compacted in two halves of
 * about equal bytes, the second on another core (it is the serial tail of
 * every import). */
void
mqlw_dataset_compact (MqlwDataset *self)
{
  CompactRange second = { NULL, 0, 0 };
  GThread *thread = NULL;
  guint64 total = 0, half = 0;
  guint split = 0;

  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->columns->len; i++)
    total += ((MqlwColumn *) g_ptr_array_index (self->columns, i))->width;
  while (split < self->columns->len && 2 * half < total)
    half += ((MqlwColumn *) g_ptr_array_index (self->columns, split++))->width;
  if (self->n_rows >= COMPACT_SPLIT_ROWS && split < self->columns->len && g_get_num_processors () > 1)
    {
      second = (CompactRange) { self->columns, split, self->columns->len };
      /* No thread to be had (a memory limit): this one compacts them all. */
      if ((thread = g_thread_try_new ("mqlw-compact", compact_range_thread, &second, NULL)) == NULL)
        split = self->columns->len;
    }
  else
    split = self->columns->len;
  for (guint i = 0; i < split; i++)
    mqlw_column_compact (g_ptr_array_index (self->columns, i));
  if (thread != NULL)
    g_thread_join (thread);
}

void
mqlw_column_widen (MqlwColumn *column)
{
  guint full, n;

  g_return_if_fail (column != NULL);
  g_return_if_fail (mqlw_column_is_loaded (column));

  full = mqlw_column_type_width (column->type);
  if (column->width == full)
    return;
  n = column->n_rows;
  if (column->type == MQLW_COLUMN_TYPE_INTEGER)
    {
      double *out = alloc_storage (n, full);
      for (guint i = 0; i < n; i++)
        out[i] = mqlw_column_num_at (column, i);
      g_free (column->data);
      column->num = out;
    }
  else
    {
      guint32 *out = alloc_storage (n, full);
      for (guint i = 0; i < n; i++)
        out[i] = mqlw_column_code_at (column, i);
      g_free (column->data);
      column->codes = out;
    }
  column->width = full;
}

const double *
mqlw_column_numbers (const MqlwColumn *column,
                     guint             start,
                     guint             n,
                     double           *scratch)
{
  switch (column->width)
    {
    case 1:
      for (guint i = 0; i < n; i++)
        {
          gint8 v = column->i8[start + i];
          scratch[i] = v == MQLW_INT8_MISSING ? NAN : (double) v;
        }
      return scratch;
    case 2:
      for (guint i = 0; i < n; i++)
        {
          gint16 v = column->i16[start + i];
          scratch[i] = v == MQLW_INT16_MISSING ? NAN : (double) v;
        }
      return scratch;
    case 4:
      for (guint i = 0; i < n; i++)
        {
          gint32 v = column->i32[start + i];
          scratch[i] = v == MQLW_INT32_MISSING ? NAN : (double) v;
        }
      return scratch;
    default:
      return column->num + start;
    }
}

const guint32 *
mqlw_column_codes (const MqlwColumn *column,
                   guint             start,
                   guint             n,
                   guint32          *scratch)
{
  switch (column->width)
    {
    case 1:
      for (guint i = 0; i < n; i++)
        {
          guint8 v = column->c8[start + i];
          scratch[i] = v == MQLW_CODE8_MISSING ? MQLW_CODE_MISSING : v;
        }
      return scratch;
    case 2:
      for (guint i = 0; i < n; i++)
        {
          guint16 v = column->c16[start + i];
          scratch[i] = v == MQLW_CODE16_MISSING ? MQLW_CODE_MISSING : v;
        }
      return scratch;
    default:
      return column->codes + start;
    }
}
