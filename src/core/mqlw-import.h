/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-import.h — CSV lead history into a dataset (libcsv, streaming).
 *
 * Delimiter detection (, ; tab |), quoted fields with delimiters, quotes and
 * newlines, LF, CRLF and lone CR (classic Mac) line ends, UTF-8 BOM, empty
 * trailing lines; UTF-16 (with or without its BOM) is converted, other non-UTF-8
 * text is read as Windows-1252 with a warning. Files are read, not mapped: one
 * that changes while it is read gives MQLW_IMPORT_ERROR_CHANGED. Types are inferred per column, roles guessed from
 * the header names, and both can be overridden by a MqlwMapping. Errors name the
 * file, the line and the column. Nothing is returned unless all of it is good. */
#pragma once

#include "mqlw-mapping.h"

G_BEGIN_DECLS

#define MQLW_IMPORT_ERROR (mqlw_import_error_quark ())
typedef enum {
  MQLW_IMPORT_ERROR_IO = 1,          /* cannot read the file */
  MQLW_IMPORT_ERROR_EMPTY,           /* no bytes, or no header */
  MQLW_IMPORT_ERROR_NO_ROWS,         /* a header and nothing else */
  MQLW_IMPORT_ERROR_BINARY,          /* NUL bytes / not text */
  MQLW_IMPORT_ERROR_RAGGED,          /* "line 8 812: 14 fields, the header has 12" */
  MQLW_IMPORT_ERROR_QUOTE,           /* unterminated quoted field, with the line it opened on */
  MQLW_IMPORT_ERROR_DUPLICATE_HEADER,
  MQLW_IMPORT_ERROR_BAD_VALUE,       /* "line 40, column company_size: 'lots' is not a number" */
  MQLW_IMPORT_ERROR_NO_OUTCOME,      /* no outcome of any stage found or mapped */
  MQLW_IMPORT_ERROR_JOIN,            /* second file problems; message names that file */
  MQLW_IMPORT_ERROR_CANCELLED,
  MQLW_IMPORT_ERROR_CHANGED,         /* the file was truncated or rewritten while it was read */
  MQLW_IMPORT_ERROR_LIMIT,           /* beyond the limits below */
} MqlwImportError;
GQuark mqlw_import_error_quark (void);

/* What one import reads at most (README "Limits"); beyond any of them it stops
 * with MQLW_IMPORT_ERROR_LIMIT and says which. */
#define MQLW_IMPORT_MAX_ROWS         100000000u    /* leads */
#define MQLW_IMPORT_MAX_COLUMNS      65536u
#define MQLW_IMPORT_MAX_VALUES       2000000000u   /* rows × columns */
#define MQLW_IMPORT_MAX_FIELD_BYTES  (1u << 20)    /* one value, 1 MiB */

/* What `mqlw inspect` and the mapping page show before a full import. */
typedef struct {
  char         *source_name;
  char          delimiter;
  gboolean      had_bom;
  gboolean      converted_from_cp1252;
  gboolean      converted_from_utf16;
  GStrv         header;
  GPtrArray    *rows;          /* GStrv per row, the first @max_rows data rows, each with at least
                                * a value per header column ("" when the row is short) */
  guint64       n_rows;        /* data rows in the whole file */
  MqlwMapping  *mapping;       /* detected (merged with the given overrides); each detected
                                * column says why (MqlwColumnSpec.reason) */
  GPtrArray    *problems;      /* MqlwProblem*: values, placeholders, joins, then the data's
                                * health (mqlw-health.h) */
  GPtrArray    *stage_uses;    /* MqlwStageUse*: how each stage column's values were read */
} MqlwCsvPreview;

void            mqlw_csv_preview_free   (MqlwCsvPreview *self);

/* Reads the whole file to count rows and check every value against the detected
 * types, collecting problems instead of failing (up to a limit); reads the joins
 * (relative paths: against the file's folder, or the current one for bytes) and
 * the outcomes, and checks the data's health. Fails only when the file cannot
 * be read as CSV at all. */
MqlwCsvPreview *mqlw_csv_preview_bytes  (GBytes             *data,
                                         const char         *source_name,
                                         const MqlwMapping  *overrides,   /* nullable */
                                         guint               max_rows,
                                         GCancellable       *cancellable,
                                         GError            **error);
MqlwCsvPreview *mqlw_csv_preview_file   (const char         *path,
                                         const MqlwMapping  *overrides,
                                         guint               max_rows,
                                         GCancellable       *cancellable,
                                         GError            **error);

/* The full import. @mapping may be NULL (detect everything). Joins in the
 * mapping are read relative to @base_dir (NULL = current directory). */
MqlwDataset    *mqlw_import_bytes       (GBytes             *data,
                                         const char         *source_name,
                                         const char         *base_dir,
                                         const MqlwMapping  *mapping,
                                         MqlwProgressFunc    progress,
                                         gpointer            progress_data,
                                         GCancellable       *cancellable,
                                         GError            **error);
MqlwDataset    *mqlw_import_file        (const char         *path,
                                         const MqlwMapping  *mapping,
                                         MqlwProgressFunc    progress,
                                         gpointer            progress_data,
                                         GCancellable       *cancellable,
                                         GError            **error);

/* The same import keeping only the columns @needed names (NULL-terminated,
 * e.g. those a model reads) and those the import itself reads (dates, outcomes,
 * stages, amounts, rejection reasons, scores, join keys). Every other column is
 * read and checked as if kept — the same errors, warnings and values read as
 * missing — and dropped: less memory and time for a command that only scores.
 * @needed NULL keeps every column. */
MqlwDataset    *mqlw_import_bytes_needed (GBytes             *data,
                                          const char         *source_name,
                                          const char         *base_dir,
                                          const MqlwMapping  *mapping,
                                          const char * const *needed,
                                          MqlwProgressFunc    progress,
                                          gpointer            progress_data,
                                          GCancellable       *cancellable,
                                          GError            **error);
MqlwDataset    *mqlw_import_file_needed  (const char         *path,
                                          const MqlwMapping  *mapping,
                                          const char * const *needed,
                                          MqlwProgressFunc    progress,
                                          gpointer            progress_data,
                                          GCancellable       *cancellable,
                                          GError            **error);

/* The same import with the columns @domain_only names (NULL-terminated,
 * nullable; each also in @needed) kept as e-mail domains: each value from its
 * last '@' on ("@example.com"), for a command whose model reads them only with
 * email_domain rules or "is missing". Only a column taken as the e-mail, not a
 * join key, is cut so (mqlw-import-needs.h); the others are kept whole. */
MqlwDataset    *mqlw_import_bytes_projected (GBytes             *data,
                                             const char         *source_name,
                                             const char         *base_dir,
                                             const MqlwMapping  *mapping,
                                             const char * const *needed,
                                             const char * const *domain_only,
                                             MqlwProgressFunc    progress,
                                             gpointer            progress_data,
                                             GCancellable       *cancellable,
                                             GError            **error);
MqlwDataset    *mqlw_import_file_projected  (const char         *path,
                                             const MqlwMapping  *mapping,
                                             const char * const *needed,
                                             const char * const *domain_only,
                                             MqlwProgressFunc    progress,
                                             gpointer            progress_data,
                                             GCancellable       *cancellable,
                                             GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwCsvPreview, mqlw_csv_preview_free)

G_END_DECLS
