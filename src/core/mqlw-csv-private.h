/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-csv-private.h — the CSV reader shared by import and preview (not
 * installed, not part of the public API). libcsv does the parsing; this layer
 * prepares the text (BOM, encoding, binary check, delimiter) and feeds libcsv one
 * physical line at a time so every row knows the line it started on. The text
 * is read block by block from an MqlwSource (a file is never mapped), so its
 * size never limits memory and a file changing meanwhile is an error. A large
 * import reads the text unchecked (no scan before the parsers): each parser
 * checks its own blocks, and anything found sends the import back to the
 * checked way, which names it as ever. */
#pragma once

#include "mqlw-import.h"
#include "mqlw-read.h"

G_BEGIN_DECLS

typedef struct {
  char        *source_name;
  MqlwSource  *source;         /* holds the UTF-8 text (converted into memory when needed) */
  guint64      start;          /* where the text starts in @source (after a BOM and
                                * an Excel "sep=" line) */
  guint64      lines_skipped;  /* 1 after a "sep=" line: added to every line number */
  gsize        len;
  char         delimiter;
  gboolean     had_bom;
  gboolean     converted_from_cp1252;
  gboolean     converted_from_utf16;
  gboolean     lone_cr;        /* some lines end with a CR alone (classic Mac, Excel's
                                * "CSV (Macintosh)"): lines are then found by CR or LF */
  guint64      n_lines;        /* line ends + 1, the way libcsv ends records (LF, CR,
                                * CRLF): an upper bound of the records */
  GPtrArray   *problems;       /* MqlwProblem*: warnings found while preparing */
  gsize        split;          /* 0, or the offset just after a newline outside
                                * quotes near the middle: where a second parser may start */
  guint64      split_lines;    /* line ends before @split */
  gboolean     unchecked;      /* made by mqlw_csv_text_init_unchecked (): the bytes were not
                                * scanned; every parse checks each block before it reads it,
                                * n_lines is 0 and split only a guess (see there) */
} MqlwCsvText;

/* Checks and decodes the text of @source (UTF-8, Windows-1252 and UTF-16 are
 * read; binary data is refused), counts its lines and detects the delimiter
 * when @delimiter is 0. Errors in MQLW_IMPORT_ERROR. */
gboolean  mqlw_csv_text_init   (MqlwCsvText  *text,
                                MqlwSource   *source,
                                char          delimiter,
                                GError      **error);
void      mqlw_csv_text_clear  (MqlwCsvText  *text);

/* The parse's own checks failed on a text made by mqlw_csv_text_init_unchecked ():
 * it holds a NUL, a byte that is not UTF-8, a lone CR or a report footer. The
 * caller reads it again through mqlw_csv_text_init (), which says what it is. */
#define MQLW_CSV_RECHECK (mqlw_csv_recheck_quark ())
GQuark    mqlw_csv_recheck_quark (void);

/* mqlw_csv_text_init () without reading the whole text first: only its head is
 * looked at (UTF-16, BOM, "sep=" line, control characters, delimiter, footer).
 * Each parse of the text then checks every block just before it reads it, and
 * fails with MQLW_CSV_RECHECK on a NUL, a byte that is not UTF-8 or a CR not
 * followed by LF, before any callback sees the block. @split is the offset just
 * after the first LF from the middle on (assumed to lie outside quotes: the
 * parser that ends there tells), @split_lines and @n_lines are not known (0).
 * Fails (with any error) whenever mqlw_csv_text_init () would do more than this:
 * UTF-16 text, or a footer to cut; the caller then uses mqlw_csv_text_init (). */
gboolean  mqlw_csv_text_init_unchecked (MqlwCsvText  *text,
                                        MqlwSource   *source,
                                        char          delimiter,
                                        GError      **error);

/* Line ends (LF) in [@start, @end) of @text, read block by block. */
gboolean  mqlw_csv_count_lines (const MqlwCsvText *text,
                                gsize              start,
                                gsize              end,
                                guint64           *lines,
                                const gint        *stop,
                                GError           **error);

/* A report's footer (mqlw-csv-footer.c): a block at the end of the text that
 * starts, after a blank line, with a row of one value and fewer fields than
 * the header, and holds only rows of one value or none up to the end (the
 * "Grand Totals" and "Confidential Information" lines of a Salesforce report
 * export). It is cut off (@text's len ends before it) with a warning in
 * @text's problems naming its first line and how many lines it has. A header
 * of one field, or a one-value row followed by a row of several values,
 * leaves the text as it is (such a row stays a ragged row). Only the last
 * 64 KiB and 64 lines are looked at. Called by mqlw_csv_text_init (). */
gboolean  mqlw_csv_text_cut_footer (MqlwCsvText  *text,
                                    GError      **error);

/* Converts an error of mqlw-read into MQLW_IMPORT_ERROR (CHANGED, or IO). */
void      mqlw_csv_import_read_error (GError **error);

/* Called for each field: @col is its index in the row, @field is NUL-terminated. */
typedef void     (*MqlwCsvFieldFunc)  (gpointer     user_data,
                                       guint        col,
                                       const char  *field,
                                       gsize        len,
                                       guint64      line);
/* Called at the end of each record with its field count and the physical line
 * it started on. @blank is TRUE when every field was empty (such rows are still
 * reported; most sinks skip them). Return FALSE (with @error set) to stop. */
typedef gboolean (*MqlwCsvRowFunc)    (gpointer     user_data,
                                       guint        n_fields,
                                       gboolean     blank,
                                       guint64      line,
                                       GError     **error);

/* Parses the whole text (the header is the first record). Stops after
 * @max_records records when it is not 0. Checks @cancellable every block and
 * every 65 536 rows. A value longer than MQLW_IMPORT_MAX_FIELD_BYTES stops it
 * with MQLW_IMPORT_ERROR_LIMIT. */
gboolean  mqlw_csv_parse       (const MqlwCsvText *text,
                                guint64            max_records,
                                MqlwCsvFieldFunc   field_func,
                                MqlwCsvRowFunc     row_func,
                                gpointer           user_data,
                                MqlwProgressFunc   progress,
                                gpointer           progress_data,
                                GCancellable      *cancellable,
                                GError           **error);

/* One stretch of the text for one parser: [@start, @end) where @start is 0 or
 * the beginning of a record and @lines_before the newlines before @start. */
typedef struct {
  gsize          start, end;
  guint64        lines_before;
  gboolean       last;           /* ends the text: check for an open quote, flush the last record */
  const gint    *stop;           /* nullable: stop (as cancelled) when it becomes non-zero */
  /* nullable: called at the span's end (unless it is the text's end), with
   * whether that end falls inside a record; when it returns TRUE, it has
   * moved @end further (and set @last when that is the text's end) and the
   * parse goes on to there */
  gboolean     (*extend)         (gpointer data,
                                  gboolean in_record);
  gpointer       extend_data;
  gboolean       ended_at_record; /* out: the last record ended exactly at @end */
} MqlwCsvSpan;

/* mqlw_csv_parse over one span; progress is the fraction of the span. */
gboolean  mqlw_csv_parse_span  (const MqlwCsvText *text,
                                MqlwCsvSpan       *span,
                                MqlwCsvFieldFunc   field_func,
                                MqlwCsvRowFunc     row_func,
                                gpointer           user_data,
                                MqlwProgressFunc   progress,
                                gpointer           progress_data,
                                GCancellable      *cancellable,
                                GError           **error);

/* The header and the first @max_rows data rows as strings (rows with every
 * field empty are skipped). Ragged rows are kept as they are. @lines (nullable)
 * receives the line of each row as guint64 in a GArray. */
gboolean  mqlw_csv_read_head   (const MqlwCsvText *text,
                                guint              max_rows,
                                GStrv             *header,
                                guint64           *header_line,
                                GPtrArray        **rows,
                                GArray           **lines,
                                GError           **error);

/* Tests: blocks of @bytes (at least 4) instead of 512 KiB, so that small texts
 * cross block boundaries anywhere; 0 restores the default. */
void      mqlw_csv_set_block_size (gsize bytes);

/* Tests: the guessed split of an unchecked text is looked for from @offset of
 * the text on instead of its middle; 0 restores the middle. */
void      mqlw_csv_set_split_at (gsize offset);

/* Tests: the guessed splits of mqlw_csv_guess_splits () are looked for from
 * @offsets (sorted) instead of evenly spaced; @n 0 restores them. */
void      mqlw_csv_set_split_targets (const gsize *offsets,
                                      guint        n);

/* The most parts (parsers) one text is read in. */
#define MQLW_IMPORT_MAX_PARTS 16

/* Up to @n_parts - 1 splits of an unchecked text into @splits, increasing,
 * each just after a LF: guessed as mqlw_csv_text_init_unchecked () guesses
 * its split, from k / @n_parts of the text on (k = 1 … @n_parts - 1), only a
 * window read around each (no scan). Returns how many (two guesses at one LF
 * are one), or G_MAXUINT with @error set when the text cannot be read. */
guint     mqlw_csv_guess_splits (const MqlwCsvText  *text,
                                 guint               n_parts,
                                 gsize              *splits,
                                 GError            **error);

/* Texts of at least @bytes with a split are read in parts, a parser each:
 * one per core, each part of at least @bytes, but two from @bytes on
 * (default 4 MiB; tests set 0 to read even small files in parts, G_MAXSIZE
 * for one parser). */
void      mqlw_import_set_split_min (gsize bytes);
gsize     mqlw_import_get_split_min (void);
/* Tests: read in @n parts (at most MQLW_IMPORT_MAX_PARTS, where splits are
 * found) instead of one per core; 0 restores one per core. */
void      mqlw_import_set_parts     (guint n);
/* Tests: the parts parse one after another (1, 2, …, the first last), so
 * what a failing part does to those after it does not depend on timing. */
void      mqlw_import_set_parts_in_turn (gboolean in_turn);
/* Tests: no thread can be had for a part, as when memory is short (the
 * text is then read by one parser). */
void      mqlw_import_set_no_threads (gboolean none);
/* The parts halted because a part before them failed, and the rows they had
 * read, over the reads since the last call (they stop at once: no rows, when
 * they wait their turn). */
void      mqlw_import_get_halted (guint   *parts,
                                  guint64 *rows);
/* How many imports were read by more than one parser so far. */
guint     mqlw_import_get_split_count (void);
/* How many reads in parts were done again by one parser so far (a part
 * started where one parser would not have). */
guint     mqlw_import_get_retry_count (void);

/* "12 345" style: thin-space grouping is avoided; plain digits. */
#define MQLW_LINE_FORMAT G_GUINT64_FORMAT

/* Header name normalised for role guessing: lower case, spaces and dashes → '_'. */
char     *mqlw_mapping_normalize_name (const char *header);
/* Whether a normalised header name looks like an activity count column. */
gboolean  mqlw_mapping_name_is_activity (const char *normalized);

G_END_DECLS
