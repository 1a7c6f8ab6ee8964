/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-import.c — The import and the preview (mqlw-import.h): the header and the
 * sample, the resolved mapping, the rows, joins and outcomes, the digest; the
 * other rooms are listed in mqlw-import-private.h. */
#define G_LOG_DOMAIN "mqlw-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "mqlw-csv-private.h"
#include "mqlw-health.h"
#include "mqlw-import-private.h"
#include "mqlw-sha256.h"
#include "mqlw-stage-table.h"

G_DEFINE_QUARK (mqlw-import-error-quark, mqlw_import_error)

#define SAMPLE_ROWS   2000   /* rows read first, for the types and roles */

/* A header of numbers alone ("1,2,3") is no header: the file has none (a raw
 * dump), or its header line held only delimiters and was passed over. Taken
 * as the header, its first lead would be lost without a word. */
static gboolean
header_names_columns (const MqlwCsvText *text,
                      GStrv              header,
                      guint64            header_line,
                      GError           **error)
{
  guint n = g_strv_length (header);

  if (n < 2)
    return TRUE;
  for (guint c = 0; c < n; c++)
    {
      const char *s = header[c];
      gsize len = strlen (s);
      double v;
      gboolean integral;

      if (len == 0 || !mqlw_field_parse_plain (s, len, &v, &integral))
        return TRUE;
    }
  g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_EMPTY,
               _("%s: line %" PRIu64 ": the header holds only numbers (%s, %s, …), no column names: the file "
                 "seems to have no header line (or it held only delimiters); add a first line that names "
                 "the columns"),
               text->source_name, header_line, header[0], header[1]);
  return FALSE;
}

/* Blanks and byte order marks (U+FEFF) around a header name, in any order:
 * a text saved twice with a BOM (or a UTF-16 one converted with its own) has
 * a second mark before its first name, which would otherwise be part of the
 * name, unseen ("lead_id" on screen, and --score-column lead_id not found). */
static void
strip_byte_order_marks (char *name)
{
  static const char bom[] = "\xEF\xBB\xBF";
  gboolean again = TRUE;

  while (again)
    {
      gsize len;

      g_strstrip (name);
      len = strlen (name);
      again = FALSE;
      if (g_str_has_prefix (name, bom))
        {
          memmove (name, name + 3, len - 2);
          again = TRUE;
        }
      else if (g_str_has_suffix (name, bom))
        {
          name[len - 3] = '\0';
          again = TRUE;
        }
    }
}

/* Values a sample's short rows are padded with, at most: a header far wider
 * than its rows (10 000 names over rows of 30 fields) would otherwise cost
 * a string per missing value of 2 000 rows (20 M strings, seconds and GBs
 * before the first row's error). */
#define PAD_BUDGET 1000000

/* Gives every row at least @n_cols values ("" for the missing ones), so that
 * a column's value in a row is there without measuring the row each time;
 * the sample ends before the row that would go past PAD_BUDGET (a text this
 * ragged is an error on its first short row, or, in a preview, shown with
 * the types of fewer rows; the first @keep rows always stay). */
static void
pad_rows (GPtrArray *rows,
          GArray    *row_lines,
          guint      n_cols,
          guint      keep)
{
  guint64 padded = 0;

  for (guint r = 0; r < rows->len; r++)
    {
      GStrv row = g_ptr_array_index (rows, r);
      guint len = g_strv_length (row);

      if (len >= n_cols)
        continue;
      padded += n_cols - len;
      if (padded > PAD_BUDGET && r >= MAX (keep, 1))
        {
          g_ptr_array_set_size (rows, r);
          if (row_lines != NULL && row_lines->len > r)
            g_array_set_size (row_lines, r);
          return;
        }
      row = g_renew (char *, row, n_cols + 1);
      for (guint c = len; c < n_cols; c++)
        row[c] = g_strdup ("");
      row[n_cols] = NULL;
      rows->pdata[r] = row;
    }
}

/* Each column's values read as missing are reported, and the resolved mapping
 * lists them for that column: read again with it, they read the same. */
static void
note_missing_values (MqlwMapping *mapping,
                     GPtrArray   *tallies,
                     GPtrArray   *problems)
{
  for (guint c = 0; tallies != NULL && c < tallies->len && c < mapping->columns->len; c++)
    {
      const MqlwMissingTally *tally = g_ptr_array_index (tallies, c);
      MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      g_auto(GStrv) values = NULL;
      g_autofree char *described = NULL;
      MqlwProblem *problem;

      if (tally == NULL || mqlw_missing_tally_rows (tally) == 0)
        continue;
      values = mqlw_missing_tally_values (tally);
      for (guint i = 0; values[i] != NULL; i++)
        {
          gboolean listed = FALSE;
          g_autofree char *folded = g_utf8_casefold (values[i], -1);
          for (guint k = 0; k < mapping->missing_values->len && !listed; k++)
            {
              g_autofree char *other = g_utf8_casefold (g_ptr_array_index (mapping->missing_values, k), -1);
              listed = strcmp (folded, other) == 0;
            }
          if (!listed)
            mqlw_mapping_add_missing_value (mapping, spec->name, values[i]);
        }
      described = mqlw_missing_tally_describe (tally);
      problem = mqlw_problem_new (MQLW_PROBLEM_WARNING, 0, spec->name,
                                  /* Translators: %s lists values with their rows: "'Select' (12 rows), 'N/A' (3 rows)". */
                                  _("column %s: %s read as missing"),
                                  spec->name, described);
      mqlw_problem_set_kind (problem, "placeholder");
      g_ptr_array_add (problems, problem);
    }
  /* What was found is listed now; reading again with this mapping finds the same. */
  mapping->detect_placeholders = FALSE;
}

/* Whether the import itself reads @spec's column (outcomes, dates, amounts,
 * scores, join keys) or @needed names it. */
static gboolean
column_is_needed (const MqlwMapping    *mapping,
                  const MqlwColumnSpec *spec,
                  const char * const   *needed)
{
  switch (spec->role)
    {
    case MQLW_ROLE_CREATED_AT:
    case MQLW_ROLE_AS_OF:
    case MQLW_ROLE_ACTIVITY_DATE:
    case MQLW_ROLE_OUTCOME:
    case MQLW_ROLE_STAGE:
    case MQLW_ROLE_DEAL_AMOUNT:
    case MQLW_ROLE_SCORE:
      return TRUE;
    default:
      break;
    }
  for (guint j = 0; j < mapping->joins->len; j++)
    {
      const MqlwJoinSpec *join = g_ptr_array_index (mapping->joins, j);
      if (g_strcmp0 (join->key, spec->name) == 0)
        return TRUE;
    }
  return g_strv_contains (needed, spec->name);
}

/* The needed columns that @domain_only names and that may be kept as domains:
 * read as such, and one code per row without the per-row strings. */
static void
choose_domain_only (const MqlwMapping  *mapping,
                    const char * const *domain_only,
                    gboolean           *deferred,
                    gboolean           *checked_only)
{
  for (guint c = 0; domain_only != NULL && c < mapping->columns->len; c++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);

      if (checked_only[c] == MQLW_IMPORT_KEEP && g_strv_contains (domain_only, spec->name) &&
          mqlw_import_domain_only_allowed (mapping, spec))
        {
          checked_only[c] = MQLW_IMPORT_DOMAIN_ONLY;
          deferred[c] = FALSE;   /* a few thousand domains, interned as read */
          g_debug ("column %s is kept as e-mail domains", spec->name);
        }
    }
}

static MqlwDataset *
read_table (const MqlwCsvText  *text,
            const MqlwMapping  *overrides,
            const char * const *needed,
            const char * const *domain_only,
            gboolean            preview,
            guint               head_rows,
            GPtrArray         **head_out,
            GPtrArray          *problems,
            MqlwMapping       **mapping_out,
            GHashTable        **first_lines_out,
            MqlwProgressFunc    progress,
            gpointer            progress_data,
            GCancellable       *cancellable,
            GError            **error)
{
  g_auto(GStrv) header = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) row_lines = NULL;
  g_autoptr(MqlwMapping) mapping = NULL;
  g_autofree gboolean *deferred = NULL;
  g_autofree gboolean *checked_only = NULL;
  g_autofree MqlwNumberForm *forms = NULL;
  g_autoptr(GPtrArray) text_reasons = NULL;   /* char*, NULL-filled */
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) tallies = NULL;
  MqlwDataset *dataset;
  guint64 header_line = 1;
  gboolean retry = FALSE;

  if (!mqlw_csv_read_head (text, MAX (SAMPLE_ROWS, head_rows), &header, &header_line, &rows, &row_lines, error))
    return NULL;

  /* Header: names must be unique; blank names get a placeholder. */
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint c = 0; header[c] != NULL; c++)
    {
      gpointer first;

      strip_byte_order_marks (header[c]);
      if (header[c][0] == '\0')
        {
          g_free (header[c]);
          header[c] = g_strdup_printf ("column_%u", c + 1);
        }
      if (g_hash_table_lookup_extended (seen, header[c], NULL, &first))
        {
          g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_DUPLICATE_HEADER,
                       _("%s: line %" PRIu64 ": the column name '%s' appears twice in the header "
                         "(columns %u and %u); rename one of them"),
                       text->source_name, header_line, header[c], GPOINTER_TO_UINT (first), c + 1);
          return NULL;
        }
      g_hash_table_insert (seen, header[c], GUINT_TO_POINTER (c + 1));
    }
  if (!header_names_columns (text, header, header_line, error))
    return NULL;
  pad_rows (rows, row_lines, g_strv_length (header), head_rows);
  if (rows->len == 0 && !preview)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_NO_ROWS,
                   _("%s: the file has a header line but no leads"), text->source_name);
      return NULL;
    }

  mapping = mqlw_infer_resolve_mapping (text, header, rows, overrides, error);
  if (mapping == NULL)
    return NULL;

  deferred = g_new0 (gboolean, mapping->columns->len);
  if (!preview)
    mqlw_infer_choose_deferred (mapping, rows, deferred);
  if (needed != NULL && !preview)
    {
      checked_only = g_new0 (gboolean, mapping->columns->len);
      for (guint c = 0; c < mapping->columns->len; c++)
        checked_only[c] = column_is_needed (mapping, g_ptr_array_index (mapping->columns, c), needed)
                          ? MQLW_IMPORT_KEEP : MQLW_IMPORT_CHECK_ONLY;
      choose_domain_only (mapping, domain_only, deferred, checked_only);
    }
  forms = g_new0 (MqlwNumberForm, mapping->columns->len);
  text_reasons = g_ptr_array_new_full (mapping->columns->len, g_free);
  g_ptr_array_set_size (text_reasons, mapping->columns->len);
  mqlw_infer_learn_forms (mapping, rows, row_lines, forms, (char **) text_reasons->pdata);

  /* A second parser may only start after the header (past its first data row). */
  dataset = mqlw_import_read_rows (text, mapping, preview, deferred, checked_only, forms, problems, first_lines_out, &tallies,
                       progress, progress_data, cancellable,
                       row_lines->len > 0 && (text->unchecked
                                              || text->split_lines + 1 >= g_array_index (row_lines, guint64, 0))
                       ? &retry : NULL, row_lines->len > 0 ? g_array_index (row_lines, guint64, 0) : 0, error);
  if (dataset == NULL && retry)
    {
      /* The second parser started inside a record after all: read it all in one. */
      g_debug ("%s: the split did not fall between records; reading in one piece", text->source_name);
      g_clear_pointer (&tallies, g_ptr_array_unref);
      dataset = mqlw_import_read_rows (text, mapping, preview, deferred, checked_only, forms, problems, first_lines_out, &tallies,
                           progress, progress_data, cancellable, NULL, 0, error);
    }
  if (dataset == NULL)
    return NULL;
  for (guint c = 0; c < mapping->columns->len; c++)
    {
      const MqlwColumnSpec *spec = g_ptr_array_index (mapping->columns, c);
      MqlwColumn *column = spec->role != MQLW_ROLE_IGNORE ? mqlw_dataset_get_column (dataset, spec->name) : NULL;

      if (column != NULL && column->type == MQLW_COLUMN_TYPE_CATEGORICAL)
        column->text_reason = g_steal_pointer (&text_reasons->pdata[c]);
    }
  note_missing_values (mapping, tallies, problems);

  if (head_out != NULL)
    {
      while (rows->len > head_rows)
        g_ptr_array_remove_index (rows, rows->len - 1);
      *head_out = g_steal_pointer (&rows);
    }
  if (mapping_out != NULL)
    *mapping_out = g_steal_pointer (&mapping);
  return dataset;
}

/* Reads a whole table (no outcomes). On success *mapping_out is the resolved mapping. */
MqlwDataset *
mqlw_import_read_table (const MqlwCsvText  *text,
                        const MqlwMapping  *overrides,
                        const char * const *needed,
                        gboolean            preview,
                        guint               head_rows,
                        GPtrArray         **head_out,
                        GPtrArray          *problems,
                        MqlwMapping       **mapping_out,
                        GHashTable        **first_lines_out,
                        MqlwProgressFunc    progress,
                        gpointer            progress_data,
                        GCancellable       *cancellable,
                        GError            **error)
{
  return read_table (text, overrides, needed, NULL, preview, head_rows, head_out, problems, mapping_out,
                     first_lines_out, progress, progress_data, cancellable, error);
}

/* Public API */

static MqlwDataset *
import_text (const MqlwCsvText  *text,
             const char         *base_dir,
             const MqlwMapping  *mapping,
             const char * const *needed,
             const char * const *domain_only,
             MqlwProgressFunc    progress,
             gpointer            progress_data,
             GCancellable       *cancellable,
             GError            **error)
{
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(MqlwMapping) resolved = NULL;
  g_autoptr(GHashTable) first_lines = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_problem_free);
  g_autoptr(GArray) outcome_joins = g_array_new (FALSE, FALSE, sizeof (MqlwOutcomeJoin));
  MqlwProgressSpan span = { progress, progress_data, 0.0, 0.9 };

  g_array_set_clear_func (outcome_joins, (GDestroyNotify) mqlw_outcome_join_clear);

  for (guint i = 0; i < text->problems->len; i++)
    {
      const MqlwProblem *p = g_ptr_array_index (text->problems, i);
      g_ptr_array_add (problems, mqlw_problem_new (p->level, p->line, p->column, "%s", p->message));
    }

  dataset = read_table (text, mapping, needed, domain_only, FALSE, 0, NULL, problems, &resolved, &first_lines,
                        progress != NULL ? mqlw_progress_span_cb : NULL, &span, cancellable, error);
  if (dataset == NULL)
    return NULL;
  dataset->source_name = g_strdup (text->source_name);

  for (guint j = 0; j < resolved->joins->len; j++)
    if (!mqlw_join_apply (dataset, g_ptr_array_index (resolved->joins, j), text->source_name, base_dir,
                     outcome_joins, problems, cancellable, error))
      return NULL;

  if (!mqlw_outcomes_derive (dataset, resolved, outcome_joins, first_lines, problems, NULL, needed, error))
    return NULL;

  g_ptr_array_extend_and_steal (dataset->problems, g_steal_pointer (&problems));
  if (progress != NULL)
    progress (1.0, progress_data);
  return g_steal_pointer (&dataset);
}

typedef struct {
  MqlwSource *source;
  gint        stop;       /* atomic: the import failed, the digest is not needed */
  GError     *error;
} DigestJob;

#define DIGEST_BLOCK ((gsize) 1 << 20)

/* The digest of the bytes as read, block by block (the parsers read the same
 * blocks again from the page cache). */
static gpointer
compute_sha256_thread (gpointer data)
{
  DigestJob *job = data;
  MqlwSha256 checksum;
  g_autofree char *buffer = mqlw_source_is_in_memory (job->source) ? NULL : g_malloc (DIGEST_BLOCK);
  guint64 len = mqlw_source_get_size (job->source);

  mqlw_sha256_init (&checksum);
  for (guint64 off = 0; off < len; off += DIGEST_BLOCK)
    {
      gsize n = (gsize) MIN (DIGEST_BLOCK, len - off);
      const char *p;

      if (g_atomic_int_get (&job->stop))
        return NULL;
      if ((p = mqlw_source_read (job->source, off, n, buffer, &job->error)) == NULL)
        return NULL;
      mqlw_sha256_update (&checksum, p, n);
    }
  return mqlw_sha256_finish (&checksum);
}

static MqlwDataset *
import_source (MqlwSource         *source,
               const char         *base_dir,
               const MqlwMapping  *mapping,
               const char * const *needed,
               const char * const *domain_only,
               MqlwProgressFunc    progress,
               gpointer            progress_data,
               GCancellable       *cancellable,
               GError            **error)
{
  MqlwCsvText text = { 0 };
  g_autoptr(MqlwDataset) dataset = NULL;
  DigestJob job = { source, 0, NULL };
  gboolean cancelled = FALSE;
  GThread *digest_thread;
  char *digest;

  /* The digest is computed on another core while the parsers run (after
   * them, when no thread can be had: memory is short). */
  digest_thread = g_thread_try_new ("mqlw-sha256", compute_sha256_thread, &job, NULL);
  /* A large text is read without a scan first: its parsers check it as they
   * go. Whatever goes wrong is done again the checked way (which names it the
   * same way as ever: a NUL, another encoding, the first error's line). */
  if (mqlw_source_get_size (source) >= mqlw_import_get_split_min ())
    {
      g_autoptr(GError) fast_error = NULL;

      if (mqlw_csv_text_init_unchecked (&text, source, mapping != NULL ? mapping->delimiter : 0, &fast_error))
        dataset = import_text (&text, base_dir, mapping, needed, domain_only, progress, progress_data, cancellable,
                               &fast_error);
      mqlw_csv_text_clear (&text);
      cancelled = g_error_matches (fast_error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_CANCELLED);
      if (cancelled)
        g_propagate_error (error, g_steal_pointer (&fast_error));
      else if (dataset == NULL)
        g_debug ("%s: read again with its checks: %s", mqlw_source_get_name (source), fast_error->message);
    }
  if (dataset == NULL && !cancelled)
    {
      if (mqlw_csv_text_init (&text, source, mapping != NULL ? mapping->delimiter : 0, error))
        dataset = import_text (&text, base_dir, mapping, needed, domain_only, progress, progress_data, cancellable,
                               error);
      mqlw_csv_text_clear (&text);
    }
  if (dataset == NULL)
    g_atomic_int_set (&job.stop, 1);
  digest = digest_thread != NULL ? g_thread_join (digest_thread) : compute_sha256_thread (&job);
  if (dataset != NULL && digest == NULL)
    {
      /* Only a read that came back short stops the digest on its own. */
      g_propagate_error (error, g_steal_pointer (&job.error));
      mqlw_csv_import_read_error (error);
      g_clear_pointer (&dataset, mqlw_dataset_unref);
    }
  g_clear_error (&job.error);
  /* A file edited in place while it was read can fail anywhere ("'Social' is
   * not a number"): say the cause, not what it broke. */
  if (dataset == NULL && error != NULL && *error != NULL)
    {
      GError *changed = NULL;

      if (!mqlw_source_check_unchanged (source, &changed))
        {
          g_clear_error (error);
          g_propagate_error (error, changed);
          mqlw_csv_import_read_error (error);
        }
    }
  if (dataset != NULL && !mqlw_source_check_unchanged (source, error))
    {
      mqlw_csv_import_read_error (error);
      g_clear_pointer (&dataset, mqlw_dataset_unref);
    }
  if (dataset == NULL)
    {
      g_free (digest);
      return NULL;
    }
  dataset->source_sha256 = digest;
  return g_steal_pointer (&dataset);
}

MqlwDataset *
mqlw_import_bytes (GBytes             *data,
                   const char         *source_name,
                   const char         *base_dir,
                   const MqlwMapping  *mapping,
                   MqlwProgressFunc    progress,
                   gpointer            progress_data,
                   GCancellable       *cancellable,
                   GError            **error)
{
  return mqlw_import_bytes_needed (data, source_name, base_dir, mapping, NULL, progress, progress_data,
                                   cancellable, error);
}

MqlwDataset *
mqlw_import_bytes_needed (GBytes             *data,
                          const char         *source_name,
                          const char         *base_dir,
                          const MqlwMapping  *mapping,
                          const char * const *needed,
                          MqlwProgressFunc    progress,
                          gpointer            progress_data,
                          GCancellable       *cancellable,
                          GError            **error)
{
  return mqlw_import_bytes_projected (data, source_name, base_dir, mapping, needed, NULL, progress, progress_data,
                                      cancellable, error);
}

MqlwDataset *
mqlw_import_bytes_projected (GBytes             *data,
                             const char         *source_name,
                             const char         *base_dir,
                             const MqlwMapping  *mapping,
                             const char * const *needed,
                             const char * const *domain_only,
                             MqlwProgressFunc    progress,
                             gpointer            progress_data,
                             GCancellable       *cancellable,
                             GError            **error)
{
  g_autoptr(MqlwSource) source = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  source = mqlw_source_new_for_bytes (data, source_name);
  return import_source (source, base_dir, mapping, needed, domain_only, progress, progress_data, cancellable, error);
}

/* @path opened for reading, with errors in MQLW_IMPORT_ERROR. */
static MqlwSource *
open_source (const char  *path,
             GError     **error)
{
  MqlwSource *source = mqlw_source_new_for_path (path, NULL, error);

  if (source == NULL)
    mqlw_csv_import_read_error (error);
  return source;
}

MqlwDataset *
mqlw_import_file (const char         *path,
                  const MqlwMapping  *mapping,
                  MqlwProgressFunc    progress,
                  gpointer            progress_data,
                  GCancellable       *cancellable,
                  GError            **error)
{
  return mqlw_import_file_needed (path, mapping, NULL, progress, progress_data, cancellable, error);
}

MqlwDataset *
mqlw_import_file_needed (const char         *path,
                         const MqlwMapping  *mapping,
                         const char * const *needed,
                         MqlwProgressFunc    progress,
                         gpointer            progress_data,
                         GCancellable       *cancellable,
                         GError            **error)
{
  return mqlw_import_file_projected (path, mapping, needed, NULL, progress, progress_data, cancellable, error);
}

MqlwDataset *
mqlw_import_file_projected (const char         *path,
                            const MqlwMapping  *mapping,
                            const char * const *needed,
                            const char * const *domain_only,
                            MqlwProgressFunc    progress,
                            gpointer            progress_data,
                            GCancellable       *cancellable,
                            GError            **error)
{
  g_autoptr(MqlwSource) source = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  source = open_source (path, error);
  if (source == NULL)
    return NULL;
  dir = g_path_get_dirname (path);
  return import_source (source, dir, mapping, needed, domain_only, progress, progress_data, cancellable, error);
}

void
mqlw_csv_preview_free (MqlwCsvPreview *self)
{
  if (self == NULL)
    return;
  g_free (self->source_name);
  g_strfreev (self->header);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->mapping, mqlw_mapping_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->stage_uses, g_ptr_array_unref);
  g_free (self);
}

/* The preview goes on where an import would stop: a join that cannot be read
 * and a file without outcomes are problems on the list, and the health of
 * what could be read is checked (mqlw-health.h). */
static gboolean
preview_outcomes (MqlwCsvPreview  *preview,
                  MqlwDataset     *dataset,
                  const char      *base_dir,
                  GHashTable      *first_lines,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_autoptr(GArray) outcome_joins = g_array_new (FALSE, FALSE, sizeof (MqlwOutcomeJoin));
  GError *local = NULL;
  MqlwProblem *problem;

  g_array_set_clear_func (outcome_joins, (GDestroyNotify) mqlw_outcome_join_clear);
  for (guint j = 0; j < preview->mapping->joins->len; j++)
    {
      if (mqlw_join_apply (dataset, g_ptr_array_index (preview->mapping->joins, j), preview->source_name, base_dir,
                      outcome_joins, preview->problems, cancellable, &local))
        continue;
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || g_error_matches (local, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_CANCELLED))
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      problem = mqlw_problem_new (MQLW_PROBLEM_ERROR, 0, NULL, "%s", local->message);
      mqlw_problem_set_kind (problem, "join");
      g_ptr_array_add (preview->problems, problem);
      g_clear_error (&local);
    }
  if (!mqlw_outcomes_derive (dataset, preview->mapping, outcome_joins, first_lines, preview->problems,
                             preview->stage_uses, NULL, &local))
    {
      problem = mqlw_problem_new (MQLW_PROBLEM_ERROR, 0, NULL, "%s", local->message);
      mqlw_problem_set_kind (problem, "no-outcome");
      g_ptr_array_add (preview->problems, problem);
      g_clear_error (&local);
    }
  mqlw_outcomes_settle_blanks (preview->mapping, dataset);
  return mqlw_health_check (dataset, mqlw_health_today (), preview->problems, error);
}

static MqlwCsvPreview *
preview_source (MqlwSource         *source,
                const char         *base_dir,
                const MqlwMapping  *overrides,
                guint               max_rows,
                GCancellable       *cancellable,
                GError            **error)
{
  g_autoptr(MqlwCsvPreview) preview = NULL;
  g_autoptr(MqlwDataset) dataset = NULL;
  g_autoptr(GPtrArray) head = NULL;
  g_autoptr(GHashTable) first_lines = NULL;
  MqlwCsvText text;

  if (!mqlw_csv_text_init (&text, source, overrides != NULL ? overrides->delimiter : 0, error))
    {
      mqlw_csv_text_clear (&text);
      return NULL;
    }

  preview = g_new0 (MqlwCsvPreview, 1);
  preview->source_name = g_strdup (text.source_name);
  preview->delimiter = text.delimiter;
  preview->had_bom = text.had_bom;
  preview->converted_from_cp1252 = text.converted_from_cp1252;
  preview->converted_from_utf16 = text.converted_from_utf16;
  preview->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_problem_free);
  g_ptr_array_extend_and_steal (preview->problems, g_steal_pointer (&text.problems));

  preview->stage_uses = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_stage_use_free);
  dataset = mqlw_import_read_table (&text, overrides, NULL, TRUE, max_rows, &head, preview->problems, &preview->mapping,
                        &first_lines, NULL, NULL, cancellable, error);
  mqlw_csv_text_clear (&text);
  if (dataset == NULL)
    return NULL;
  if (!mqlw_source_check_unchanged (source, error))
    {
      mqlw_csv_import_read_error (error);
      return NULL;
    }
  dataset->source_name = g_strdup (preview->source_name);
  /* A header without leads cannot be calibrated: inspect and the mapping page
   * say so as the import does, rather than "No problems found". */
  if (dataset->n_rows == 0)
    {
      g_set_error (error, MQLW_IMPORT_ERROR, MQLW_IMPORT_ERROR_NO_ROWS,
                   _("%s: the file has a header line but no leads"), preview->source_name);
      return NULL;
    }
  if (!preview_outcomes (preview, dataset, base_dir, first_lines, cancellable, error))
    return NULL;

  preview->header = g_new0 (char *, preview->mapping->columns->len + 1);
  for (guint c = 0; c < preview->mapping->columns->len; c++)
    preview->header[c] = g_strdup (((MqlwColumnSpec *) g_ptr_array_index (preview->mapping->columns, c))->name);
  preview->rows = g_steal_pointer (&head);
  preview->n_rows = dataset->n_rows;
  return g_steal_pointer (&preview);
}

MqlwCsvPreview *
mqlw_csv_preview_bytes (GBytes             *data,
                        const char         *source_name,
                        const MqlwMapping  *overrides,
                        guint               max_rows,
                        GCancellable       *cancellable,
                        GError            **error)
{
  g_autoptr(MqlwSource) source = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  source = mqlw_source_new_for_bytes (data, source_name);
  return preview_source (source, NULL, overrides, max_rows, cancellable, error);
}

MqlwCsvPreview *
mqlw_csv_preview_file (const char         *path,
                       const MqlwMapping  *overrides,
                       guint               max_rows,
                       GCancellable       *cancellable,
                       GError            **error)
{
  g_autoptr(MqlwSource) source = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  source = open_source (path, error);
  if (source == NULL)
    return NULL;
  dir = g_path_get_dirname (path);
  return preview_source (source, dir, overrides, max_rows, cancellable, error);
}
