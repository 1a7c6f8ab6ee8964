/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-import-private.h — the modules of the CSV import, for each other (not
 * installed). The import is cut into rooms:
 *
 *   mqlw-csv.c          the text: encoding, BOM, delimiter; libcsv fed line by line
 *   mqlw-infer.c        the sample's header and rows → the resolved mapping (types, roles)
 *   mqlw-csv-reader.c   one parser's records → typed column values (MqlwCsvReader)
 *   mqlw-import-rows.c  the whole text into a dataset's columns, finished
 *   mqlw-import-parts.c the text by one parser per part (a core each), stitched
 *   mqlw-dict.c         string interning for categorical columns
 *   mqlw-join.c         files joined by a key (enrichment or outcomes)
 *   mqlw-outcomes.c     the funnel outcomes from stage and outcome columns and joins
 *   mqlw-import.c       the public API (mqlw-import.h): import, preview, the digest
 *
 * Field values (mqlw_field_*) are read the same way by inference and import. */
#pragma once

#include <math.h>
#include <string.h>

#include "mqlw-column-blocks.h"
#include "mqlw-csv-private.h"
#include "mqlw-dict.h"
#include "mqlw-import-needs.h"
#include "mqlw-missing.h"
#include "mqlw-number.h"

G_BEGIN_DECLS

#define MQLW_IMPORT_MAX_PROBLEMS 100   /* problems listed; the rest are counted */

/* Field values */

enum {
  MQLW_FIELD_EXTRA_ACCEPTED = 1 << 0,   /* accepted / rejected read as yes / no */
  MQLW_FIELD_EXTRA_WON      = 1 << 1,   /* won / lost */
};

static inline void
mqlw_field_trim (const char **field,
                 gsize       *len)
{
  while (*len > 0 && (**field == ' ' || **field == '\t'))
    {
      (*field)++;
      (*len)--;
    }
  while (*len > 0 && ((*field)[*len - 1] == ' ' || (*field)[*len - 1] == '\t'))
    (*len)--;
}

/* A number, with a fast path for plain integers. */
static inline gboolean
mqlw_field_parse_plain (const char *s,
                        gsize       len,
                        double     *value,
                        gboolean   *integral)
{
  gsize i = 0;
  gboolean negative = FALSE;
  guint64 acc = 0;

  if (len == 0)
    return FALSE;
  if (s[0] == '-' || s[0] == '+')
    {
      negative = s[0] == '-';
      i = 1;
    }
  if (i < len && len - i <= 15)
    {
      gsize j = i;
      while (j < len && (guchar) (s[j] - '0') < 10)
        acc = acc * 10 + (guint64) (s[j++] - '0');
      if (j == len)
        {
          *value = negative ? -(double) acc : (double) acc;
          *integral = TRUE;
          return TRUE;
        }
    }
  /* "5340000.00": digits, one dot, at most 15 digits in all. Both the digits
   * and the power of ten are exact doubles, so one division rounds as strtod
   * does (Clinger's fast path); g_ascii_strtod cost 600 instructions. */
  if (i < len && len - i <= 16)
    {
      gsize j = i, digits = 0, after = 0;
      gboolean dot = FALSE;
      static const double tens[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
                                     1e13, 1e14, 1e15 };

      acc = 0;
      for (; j < len; j++)
        if ((guchar) (s[j] - '0') < 10)
          {
            acc = acc * 10 + (guint64) (s[j] - '0');
            digits++;
            after += dot;
          }
        else if (s[j] == '.' && !dot)
          dot = TRUE;
        else
          break;
      if (j == len && dot && digits > 0 && digits <= 15)
        {
          double v = (double) acc / tens[after];
          *value = negative ? -v : v;
          *integral = FALSE;
          return TRUE;
        }
    }
  /* Decimals: digits, sign or a leading dot only (no "nan", "inf" or hex). */
  {
    char buf[64];
    char *end = NULL;
    double v;
    char c = s[i];

    if (len >= sizeof buf || !(g_ascii_isdigit (c) || c == '.'))
      return FALSE;
    for (gsize k = i; k < len; k++)
      if (s[k] == 'x' || s[k] == 'X')
        return FALSE;
    memcpy (buf, s, len);
    buf[len] = '\0';
    v = g_ascii_strtod (buf, &end);
    if (end != buf + len || !isfinite (v))
      return FALSE;
    *value = v;
    *integral = v == floor (v) && memchr (s, '.', len) == NULL && memchr (s, 'e', len) == NULL
                && memchr (s, 'E', len) == NULL;
    return TRUE;
  }
}

/* @s (@len bytes) is @token, a lower-case word of @len bytes, in any case. */
static inline gboolean
mqlw_field_token_is (const char *s,
                     gsize       len,
                     const char *token)
{
  for (gsize k = 0; k < len; k++)
    if ((s[k] >= 'A' && s[k] <= 'Z' ? s[k] - 'A' + 'a' : s[k]) != token[k])
      return FALSE;
  return TRUE;
}

/* 1, 0, or -1 when @s is not a yes/no value: the words of mqlw-bool-words.h
 * (test-value checks the two agree), by length: a call per value of every
 * yes/no column. */
static inline int
mqlw_field_parse_bool (const char *s,
                       gsize       len,
                       guint       extra)
{
  if (len == 0 || len > 9)
    return -1;
  if (len == 1)
    switch (s[0])
      {
      case '1': case 'y': case 'Y': case 't': case 'T': case 'x': case 'X':
        return 1;
      case '0': case 'n': case 'N': case 'f': case 'F':
        return 0;
      default:
        return -1;
      }
  switch (len)
    {
    case 2:
      if (mqlw_field_token_is (s, len, "no"))
        return 0;
      return mqlw_field_token_is (s, len, "ja") || mqlw_field_token_is (s, len, "si") ? 1 : -1;
    case 3:
      if (mqlw_field_token_is (s, len, "yes") || mqlw_field_token_is (s, len, "oui")
          || mqlw_field_token_is (s, len, "s\xc3\xad") || memcmp (s, "\xe2\x9c\x93", 3) == 0
          || memcmp (s, "\xe2\x9c\x94", 3) == 0)
        return 1;
      if (mqlw_field_token_is (s, len, "non") || memcmp (s, "\xe2\x9c\x97", 3) == 0
          || memcmp (s, "\xe2\x9c\x98", 3) == 0)
        return 0;
      return (extra & MQLW_FIELD_EXTRA_WON) && mqlw_field_token_is (s, len, "won") ? 1 : -1;
    case 4:
      if (mqlw_field_token_is (s, len, "true") || mqlw_field_token_is (s, len, "wahr")
          || mqlw_field_token_is (s, len, "vrai"))
        return 1;
      if (mqlw_field_token_is (s, len, "nein") || mqlw_field_token_is (s, len, "faux"))
        return 0;
      return (extra & MQLW_FIELD_EXTRA_WON) && mqlw_field_token_is (s, len, "lost") ? 0 : -1;
    case 5:
      return mqlw_field_token_is (s, len, "false") || mqlw_field_token_is (s, len, "falso") ? 0 : -1;
    case 6:
      return mqlw_field_token_is (s, len, "falsch") ? 0 : -1;
    case 8:
      if (!(extra & MQLW_FIELD_EXTRA_ACCEPTED))
        return -1;
      if (mqlw_field_token_is (s, len, "accepted"))
        return 1;
      return mqlw_field_token_is (s, len, "rejected") ? 0 : -1;
    case 9:
      return mqlw_field_token_is (s, len, "verdadero") ? 1 : -1;
    default:
      return -1;
    }
}

/* The extra yes/no words of an outcome column's stage (MQLW_FIELD_EXTRA_*). */
guint         mqlw_field_bool_extra   (const MqlwColumnSpec *spec);
/* @field cut to 40 characters for a message. */
char         *mqlw_field_shorten      (const char *field,
                                       gsize       len);

/* Progress of a part of the work, mapped onto [start, start + span] of the whole. */
typedef struct {
  MqlwProgressFunc func;
  gpointer         data;
  double           start, span;
} MqlwProgressSpan;

void          mqlw_progress_span_cb   (double   fraction,
                                       gpointer user_data);

/* Inference (mqlw-infer.c) */

/* The mapping for this header: every column, in header order, detected from
 * the sample @rows and merged with the overrides. Checks that every column
 * the overrides name exists. */
MqlwMapping  *mqlw_infer_resolve_mapping (const MqlwCsvText  *text,
                                          GStrv               header,
                                          GPtrArray          *rows,
                                          const MqlwMapping  *overrides,
                                          GError            **error);
/* What the sample says about each column for the full read: the form of its
 * numbers, and for a text column why it is not numbers. */
void          mqlw_infer_learn_forms     (const MqlwMapping  *mapping,
                                          GPtrArray          *rows,
                                          GArray             *row_lines,
                                          MqlwNumberForm     *forms,
                                          char              **text_reasons);
/* Columns with nearly one value per row in the sample (ids, e-mails): interned
 * after parsing instead of row by row. */
void          mqlw_infer_choose_deferred (const MqlwMapping *mapping,
                                          GPtrArray         *rows,
                                          gboolean          *deferred);

/* One parser's records into columns (mqlw-csv-reader.c) */

typedef struct {
  const MqlwColumnSpec *spec;
  MqlwColumn   *column;        /* NULL when the column is ignored */
  MqlwColumnType type;
  guint         bool_extra;
  gboolean      saw_fraction;
  /* dates read with MQLW_DATE_ORDER_AUTO */
  gint32       *alt;           /* day-first reading of ambiguous slash dates, by row, XOR
                                * MQLW_DATE_MISSING (0: none) */
  guint64       dmy_line, mdy_line, ambiguous_line;
  char         *dmy_example, *mdy_example, *ambiguous_example;
  MqlwNumberForm form;         /* numbers: the column's decimal mark and currency */
  /* categorical */
  MqlwDict      dict;
  gboolean      deferred;      /* nearly one value per row (ids, e-mails): the row's string
                                * goes to dict.strings[row] and codes are given after parsing */
  gboolean      checked_only;  /* a column the caller does not need (column NULL): its values are
                                * checked as if stored (same errors, warnings and values read as
                                * missing) and dropped */
  gboolean      domain_only;   /* an e-mail column read only for its domain (mqlw-import-needs.h) */
  struct _MqlwMissingMemo *memo;   /* checked-only text column: whether recent values read as missing */
  const char   *block_start;   /* deferred: the chunk's current block, advised for huge pages */
  gsize         chunk_size;    /* deferred: the size of the chunk's blocks */
  gsize         chunk_left;    /* deferred: bytes left in the chunk's current block */
  /* values read as missing (mqlw-missing.h): checked when a value does not
   * parse, or first when a listed value would parse ("-1" in a number column) */
  MqlwMissingSet   *missing;
  MqlwMissingTally *missing_tally;
  gboolean          missing_first;
  /* a stored INTEGER column of an import: its values in narrow blocks
   * (mqlw-column-blocks.h), by row - row_base, until mqlw_csv_reader_take_blocks () */
  gboolean          blocked;
  guint             row_base;
  MqlwColumnBlocks  nums;
} MqlwColumnBuilder;

typedef struct {
  const MqlwCsvText *text;
  const MqlwMapping *mapping;    /* resolved: one spec per header column */
  MqlwDataset  *dataset;
  MqlwColumnBuilder *builders;
  guint         n_cols;
  guint         row_base;        /* the first row this reader fills */
  guint         next_row;        /* the row the record being read goes to */
  guint         row_end;         /* past the last row this reader may fill */
  guint         max_rows;        /* the leads one import may hold (limits) */
  gsize         capacity;        /* rows allocated in every column */
  gboolean      past_header;
  gboolean      preview;
  gboolean      hit_row_end;     /* a record came with no row left below row_end */
  GPtrArray    *problems;
  guint         n_dropped;
  GError       *error;
} MqlwCsvReader;

/* A reader filling rows [@row_base, @capacity) of @dataset's columns (made by
 * the caller, with room for @capacity rows); @first reads the header and
 * interns into the columns' own dictionaries. */
void          mqlw_csv_reader_init       (MqlwCsvReader        *reader,
                                          const MqlwCsvText    *text,
                                          const MqlwMapping    *mapping,
                                          MqlwDataset          *dataset,
                                          gboolean              preview,
                                          const gboolean       *deferred,
                                          const gboolean       *checked_only,
                                          const MqlwNumberForm *forms,
                                          GPtrArray            *problems,
                                          gsize                 capacity,
                                          guint                 row_base,
                                          gboolean              first);
void          mqlw_csv_reader_clear      (MqlwCsvReader        *reader);
/* FALSE, with an error naming the line and column, when a column's
 * dictionary had no room for a new value (memory refused it); the reader's
 * dictionaries no longer stop it (call once its parse is over). */
gboolean      mqlw_csv_reader_check_room   (MqlwCsvReader      *reader,
                                            GError            **error);
/* Moves a reader that has read nothing yet to start at @row_base (no lower
 * than the one it was made with: its blocks have room up to its row_end). */
void          mqlw_csv_reader_set_row_base (MqlwCsvReader      *reader,
                                            guint               row_base);
/* The MqlwCsvFieldFunc and MqlwCsvRowFunc of a reader (mqlw-csv-private.h). */
void          mqlw_csv_reader_field_cb   (gpointer    user_data,
                                          guint       col,
                                          const char *field,
                                          gsize       len,
                                          guint64     line);
gboolean      mqlw_csv_reader_row_cb     (gpointer   user_data,
                                          guint      n_fields,
                                          gboolean   blank,
                                          guint64    line,
                                          GError   **error);
/* The blocked columns of @n_parts readers (each reading on from the rows of
 * the one before) become their columns' contiguous values, at the width
 * mqlw_column_compact () would give them; call once every reader has read
 * all its rows, before the rows are stitched. */
void          mqlw_csv_reader_take_blocks (MqlwCsvReader    **readers,
                                           guint              n_parts);
/* Takes over what a second reader found in a date column read with AUTO. */
void          mqlw_csv_reader_merge_dates (MqlwColumnBuilder *into,
                                           MqlwColumnBuilder *from,
                                           guint              from_base,
                                           guint              from_rows);
/* Settles the day/month order of a date column read with AUTO. */
gboolean      mqlw_csv_reader_finish_dates (MqlwCsvReader      *reader,
                                            MqlwColumnBuilder  *b,
                                            guint               end_row,
                                            GError            **error);
/* A categorical column's values that read as missing leave its dictionary. */
void          mqlw_csv_reader_drop_missing_codes (MqlwColumn            *column,
                                                  MqlwDict              *dict,
                                                  const MqlwMissingSet  *missing,
                                                  MqlwMissingTally     **tally);

/* The text in parts (mqlw-import-parts.c) */

typedef struct {
  const MqlwCsvText    *text;
  const MqlwMapping    *mapping;
  MqlwDataset          *dataset;      /* its columns made with room for @capacity rows */
  gboolean              preview;
  const gboolean       *deferred;
  const gboolean       *checked_only;
  const MqlwNumberForm *forms;
  GPtrArray            *problems;
  gsize                 capacity;
  guint64               first_row_line;   /* a part may start no earlier than the line after */
  MqlwProgressFunc      progress;
  gpointer              progress_data;
  GCancellable         *cancellable;
} MqlwPartsJob;

typedef enum {
  MQLW_PARTS_READ,     /* by one parser */
  MQLW_PARTS_SPLIT,    /* by more than one, stitched */
  MQLW_PARTS_FAILED,   /* the earliest line's error is set */
  MQLW_PARTS_RETRY,    /* a part started where one parser would not have: read it again in one */
} MqlwPartsResult;

/* Reads the text in @n_splits + 1 parts (@n_splits increasing offsets just
 * after a LF; 0: one parser, this thread), a thread each but the first (this
 * one), into @reader: every row in [0, reader->next_row), the dates settled,
 * the parts' blocks taken; the caller finishes the columns and clears it. */
MqlwPartsResult mqlw_import_read_parts   (const MqlwPartsJob  *job,
                                          const gsize         *splits,
                                          guint                n_splits,
                                          MqlwCsvReader       *reader,
                                          GError             **error);

/* Every record into a new dataset (mqlw-import-rows.c): with @retry non-NULL,
 * a large text is read in parts, a parser each (when a split falls inside a
 * record, the part before reads on), and *retry is set when a part would
 * start before the first data row (@first_row_line). */
MqlwDataset  *mqlw_import_read_rows      (const MqlwCsvText     *text,
                                          const MqlwMapping     *mapping,
                                          gboolean               preview,
                                          const gboolean        *deferred,
                                          const gboolean        *checked_only,   /* nullable; MQLW_IMPORT_KEEP … */
                                          const MqlwNumberForm  *forms,
                                          GPtrArray             *problems,
                                          GHashTable           **first_lines_out,
                                          GPtrArray            **tallies_out,
                                          MqlwProgressFunc       progress,
                                          gpointer               progress_data,
                                          GCancellable          *cancellable,
                                          gboolean              *retry,
                                          guint64                first_row_line,   /* the first data row's */
                                          GError               **error);

/* A whole table without outcomes (mqlw-import.c); on success *mapping_out is
 * the resolved mapping. With @needed non-NULL only the columns it names and
 * those the import itself reads (dates, outcomes, amounts, scores, join keys)
 * are stored; the others are checked as if stored and dropped. */
MqlwDataset  *mqlw_import_read_table     (const MqlwCsvText  *text,
                                          const MqlwMapping  *overrides,
                                          const char * const *needed,      /* nullable */
                                          gboolean            preview,
                                          guint               head_rows,
                                          GPtrArray         **head_out,
                                          GPtrArray          *problems,
                                          MqlwMapping       **mapping_out,
                                          GHashTable        **first_lines_out,
                                          MqlwProgressFunc    progress,
                                          gpointer            progress_data,
                                          GCancellable       *cancellable,
                                          GError            **error);

/* Joins (mqlw-join.c) */

/* An outcome join's result, for mqlw_outcomes_derive (). */
typedef struct {
  const MqlwJoinSpec *join;
  gint8              *present;   /* per lead: 1 when its key is in the file */
} MqlwOutcomeJoin;

void          mqlw_outcome_join_clear    (MqlwOutcomeJoin      *oj);
/* Reads the file of @join (relative to @base_dir) and adds its columns by the
 * key (enrichment), or appends its presence to @outcome_joins (outcomes). */
gboolean      mqlw_join_apply            (MqlwDataset         *dataset,
                                          const MqlwJoinSpec  *join,
                                          const char          *source_name,
                                          const char          *base_dir,
                                          GArray              *outcome_joins,
                                          GPtrArray           *problems,
                                          GCancellable        *cancellable,
                                          GError             **error);

/* Outcomes (mqlw-outcomes.c) */

/* The funnel outcomes from the stage columns, the outcome columns and the
 * outcome joins, stage by stage; fails when there is none of them. With
 * @needed (a command that keeps only the columns it reads, NULL: every column
 * stays), a stage or outcome column that @needed does not name and that is
 * not a date (a rule's leak check reads outcome dates) is dropped as soon as
 * its outcomes are read: it is not held beside the stages' arrays. */
gboolean      mqlw_outcomes_derive       (MqlwDataset        *dataset,
                                          const MqlwMapping  *mapping,
                                          GArray             *outcome_joins,
                                          GHashTable         *first_lines,
                                          GPtrArray          *problems,
                                          GPtrArray          *stage_uses,
                                          const char * const *needed,
                                          GError            **error);

/* After mqlw_outcomes_derive (): a yes/no outcome column that the sample
 * found to hold marks alone, but whose whole column has a "no" too, reads
 * its blanks as unknown (the import's reading): @mapping says so, so that a
 * map written from it (inspect --write-map) imports the same way. */
void          mqlw_outcomes_settle_blanks (MqlwMapping        *mapping,
                                           MqlwDataset        *dataset);

G_END_DECLS
