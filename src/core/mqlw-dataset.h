/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-dataset.h — the imported lead history, held column by column.
 *
 * Numbers live in typed arrays, categorical strings are dictionary-encoded,
 * dates are days since 1970-01-01; every type has its own "missing" value so
 * that missing is never confused with zero or an empty string. The funnel
 * outcomes are derived once at import (see MqlwOutcomes) so that calibration
 * never looks at the raw outcome columns again. */
#pragma once

#include <math.h>

#include "mqlw-types.h"
#include "mqlw-date.h"

G_BEGIN_DECLS

typedef enum {
  MQLW_COLUMN_TYPE_INTEGER = 1,
  MQLW_COLUMN_TYPE_DECIMAL,
  MQLW_COLUMN_TYPE_BOOLEAN,
  MQLW_COLUMN_TYPE_DATE,
  MQLW_COLUMN_TYPE_CATEGORICAL,
} MqlwColumnType;

typedef enum {
  MQLW_ROLE_NONE = 0,         /* kept, not used by any rule unless a rule names it */
  MQLW_ROLE_LEAD_ID,
  MQLW_ROLE_EMAIL,
  MQLW_ROLE_ACCOUNT,          /* company / account name */
  MQLW_ROLE_CREATED_AT,
  MQLW_ROLE_AS_OF,            /* the date the lead was scored / handed over */
  MQLW_ROLE_FIT,              /* job title, seniority, size, industry, … */
  MQLW_ROLE_ACTIVITY_COUNT,   /* occurrences of one activity type */
  MQLW_ROLE_ACTIVITY_DATE,    /* date of the last activity (of one type, or of all) */
  MQLW_ROLE_OUTCOME,          /* one funnel stage; see MqlwColumn.stage */
  MQLW_ROLE_STAGE,            /* one lifecycle column mapped to the furthest stage */
  MQLW_ROLE_DEAL_AMOUNT,
  MQLW_ROLE_REJECTION_REASON,
  MQLW_ROLE_SCORE,            /* a score computed by a marketing platform */
  MQLW_ROLE_IGNORE,           /* dropped at import */
} MqlwColumnRole;

#define MQLW_CODE_MISSING G_MAXUINT32
#define MQLW_BOOL_MISSING ((gint8) -1)

/* Compact storage (see MqlwColumn.width): an INTEGER column whose values are
 * all whole numbers in range is held as gint8/gint16/gint32 with the type's
 * smallest value meaning missing; a CATEGORICAL column's codes as
 * guint8/guint16 with the type's largest value meaning missing. Read them
 * through mqlw_column_num_at () / mqlw_column_code_at () or, in loops, a
 * chunk at a time through mqlw_column_numbers () / mqlw_column_codes (). */
#define MQLW_INT8_MISSING  G_MININT8
#define MQLW_INT16_MISSING G_MININT16
#define MQLW_INT32_MISSING G_MININT32
#define MQLW_CODE8_MISSING  G_MAXUINT8
#define MQLW_CODE16_MISSING G_MAXUINT16
/* Values a chunked reader asks for at once (its scratch buffer's length). */
#define MQLW_COLUMN_CHUNK 2048

typedef struct {
  char           *name;
  MqlwColumnType  type;
  MqlwColumnRole  role;
  MqlwStage       stage;       /* MQLW_ROLE_OUTCOME only */
  char           *activity;    /* MQLW_ROLE_ACTIVITY_DATE: the count column it dates; NULL = every activity */
  guint           n_rows;
  guint           width;       /* bytes per stored value: INTEGER 1, 2, 4 (whole numbers, see
                                  MQLW_INT*_MISSING) or 8 (double); CATEGORICAL 1, 2 or 4;
                                  DECIMAL 8, BOOLEAN 1, DATE 4 */
  union {
    gpointer data;             /* any of them */
    double  *num;              /* INTEGER (width 8), DECIMAL: NAN when missing */
    gint8   *i8;               /* INTEGER (width 1): MQLW_INT8_MISSING when missing */
    gint16  *i16;              /* INTEGER (width 2) */
    gint32  *i32;              /* INTEGER (width 4) */
    gint8   *boolean;          /* BOOLEAN: 0, 1, MQLW_BOOL_MISSING */
    gint32  *days;             /* DATE: MQLW_DATE_MISSING when missing */
    guint32 *codes;            /* CATEGORICAL (width 4): index into dict, MQLW_CODE_MISSING */
    guint8  *c8;               /* CATEGORICAL (width 1): MQLW_CODE8_MISSING when missing */
    guint16 *c16;              /* CATEGORICAL (width 2): MQLW_CODE16_MISSING when missing */
  };
  GPtrArray      *dict;        /* CATEGORICAL: code → string (owned) */
  GHashTable     *dict_index;  /* CATEGORICAL: string → GUINT_TO_POINTER (code + 1); NULL for an
                                 adopted column until its first mqlw_column_intern() */
  char           *text_reason; /* CATEGORICAL read from a file: why it is not numbers, the first
                                 value that is not one ("line 5: '$5.3M' is not a number: …");
                                 NULL when unknown */
  gboolean        blank_is_no; /* OUTCOME: its blanks were read as "not reached" (a column of marks);
                                 known after an import, not saved (the project's mapping says it) */
  /*< private >*/
  GPtrArray      *dict_chunks; /* CATEGORICAL: GStringChunk* holding the dict strings when the
                                 import made it (dict then has no free function); else NULL */
  gint            unloaded;    /* 1 while its values and dictionary wait in a project file
                                 (data and dict NULL): see mqlw_dataset_load_columns () */
} MqlwColumn;

/* Funnel outcomes per lead, derived at import. stage[s] is NULL when the data
 * says nothing about stage s (then every rate for it is "no data", not 0 %). */
typedef struct {
  guint    n;
  gint8   *stage[MQLW_N_STAGES];  /* MQLW_OUTCOME_* per lead */
  double  *amount;                /* deal amount, NAN when missing; NULL when no column */
  gint32  *created_days;          /* NULL when no created date */
  /*< private >*/
  guint    shared;                /* MQLW_OUTCOMES_SHARED_*: arrays that are a column's storage (an
                                     import's amounts and created dates; a reopened project stores
                                     such an outcome once), neither freed nor written through here:
                                     see mqlw_outcomes_unshare (); a removed column's storage goes
                                     to the outcome (mqlw_dataset_remove_column ()) */
} MqlwOutcomes;

#define MQLW_OUTCOMES_SHARED_STAGE(s)     (1u << (s))
#define MQLW_OUTCOMES_SHARED_AMOUNT       (1u << MQLW_N_STAGES)
#define MQLW_OUTCOMES_SHARED_CREATED_DAYS (1u << (MQLW_N_STAGES + 1))

/* Gives every outcome array shared with a column a copy of its own; whatever
 * writes into the outcomes of a dataset it did not build calls it first. */
void mqlw_outcomes_unshare (MqlwOutcomes *outcomes);

typedef struct _MqlwDataset MqlwDataset;

struct _MqlwDataset {
  /*< public, read-only >*/
  guint         n_rows;
  GPtrArray    *columns;           /* MqlwColumn*, in file order */
  MqlwOutcomes  outcomes;
  char         *source_name;       /* file name as given, or "stdin" */
  char         *source_sha256;     /* hex digest of the bytes read; NULL if built in memory */
  GPtrArray    *problems;          /* MqlwProblem*: warnings kept from import */
  /*< private >*/
  gatomicrefcount ref_count;
  GHashTable   *by_name;           /* name → MqlwColumn* */
  GMutex        load_lock;         /* held while unloaded columns are loaded */
  gint          n_unloaded;        /* columns still waiting (atomic) */
  gpointer      loader;            /* MqlwColumnLoadFunc */
  gpointer      loader_data;
  GDestroyNotify loader_destroy;
};

MqlwDataset *mqlw_dataset_new            (guint           n_rows);
MqlwDataset *mqlw_dataset_ref            (MqlwDataset    *self);
void         mqlw_dataset_unref          (MqlwDataset    *self);

/* Adds a column with zeroed storage of the right type, all values set to missing.
 * Names are unique; returns NULL if @name exists. The dataset owns it. */
MqlwColumn  *mqlw_dataset_add_column     (MqlwDataset    *self,
                                          const char     *name,
                                          MqlwColumnType  type,
                                          MqlwColumnRole  role);
/* Adds a column over storage built elsewhere (a saved project being reopened):
 * @values, g_malloc'd with n_rows elements of the type's full-width storage
 * (double, gint8, gint32, guint32; mqlw_column_set_width () then narrows it), and for CATEGORICAL @dict, a GPtrArray of strings,
 * are adopted without a copy. @strings nullable: the GStringChunk that holds
 * the dict's strings (adopted too; @dict then has no free function); without
 * it @dict frees its strings with g_free. The dictionary's index is built on
 * the first mqlw_column_intern(). Returns NULL (adopting nothing) if @name exists. */
MqlwColumn  *mqlw_dataset_adopt_column   (MqlwDataset    *self,
                                          const char     *name,
                                          MqlwColumnType  type,
                                          MqlwColumnRole  role,
                                          gpointer        values,
                                          GPtrArray      *dict,
                                          GStringChunk   *strings);
MqlwColumn  *mqlw_dataset_get_column     (MqlwDataset    *self,
                                          const char     *name);

/* Columns loaded on first use. A saved project's high-cardinality text
 * columns (lead ids, e-mails: half of what a reopen would read) stay in the
 * file until something needs their values; scoring and calibration never do.
 * Such a column is there (name, type, role, width) but its data and dict are
 * NULL, and mqlw_column_is_loaded () says FALSE, until
 * mqlw_dataset_load_columns () succeeds. Every reader of a column's values or
 * strings that it did not pick for scoring (exports, joins, lead lists,
 * segments, SQL, health) calls mqlw_dataset_load_columns () first, and shows
 * its error: the file may have changed, been damaged or removed since it was
 * opened. Safe from any thread; the first caller loads, the others wait. */
typedef gboolean (*MqlwColumnLoadFunc) (MqlwColumn *column,
                                        gpointer    user_data,
                                        GError    **error);

/* A column with no storage yet, at the end of the dataset and found by its
 * name (the type's width, every row): what adding, adopting and an unloaded
 * column share; the caller gives its values. NULL if @name exists. */
MqlwColumn  *mqlw_dataset_append_column  (MqlwDataset    *self,
                                         const char     *name,
                                         MqlwColumnType  type,
                                         MqlwColumnRole  role);

/* A column whose storage a loader will give: see mqlw_dataset_set_loader (). */
MqlwColumn  *mqlw_dataset_add_unloaded_column (MqlwDataset    *self,
                                                const char     *name,
                                                MqlwColumnType  type,
                                                MqlwColumnRole  role,
                                                guint           width);
/* @func loads one unloaded column: it reads and verifies the values, then
 * hands them over with mqlw_column_adopt_storage (). Called with the
 * dataset's load lock held, at most once at a time. */
void         mqlw_dataset_set_loader       (MqlwDataset       *self,
                                            MqlwColumnLoadFunc func,
                                            gpointer           user_data,
                                            GDestroyNotify     destroy);
/* Loads every unloaded column. TRUE when all are loaded (at once when none
 * waits); on failure the columns not loaded stay unloaded and a later call
 * tries again. */
gboolean     mqlw_dataset_load_columns     (MqlwDataset    *self,
                                            GError        **error);
/* Loads @column alone (a rule on the e-mails needs no lead ids); TRUE at
 * once when it is loaded. */
gboolean     mqlw_dataset_load_column      (MqlwDataset    *self,
                                            MqlwColumn     *column,
                                            GError        **error);
gboolean     mqlw_dataset_is_loaded        (MqlwDataset    *self);
gboolean     mqlw_column_is_loaded         (const MqlwColumn *column);
/* For a loader: @values and @dict (with @strings) as mqlw_dataset_adopt_column () takes them. */
void         mqlw_column_adopt_storage     (MqlwColumn     *column,
                                            gpointer        values,
                                            GPtrArray      *dict,
                                            GStringChunk   *strings);
/* First column with @role, or NULL. */
MqlwColumn  *mqlw_dataset_find_role      (MqlwDataset    *self,
                                          MqlwColumnRole  role);
/* Drops the column @name and its values (a command that has read what it
 * needs of it: the outcome columns once the outcomes are derived); the other
 * columns keep their order. FALSE when there is none. */
gboolean     mqlw_dataset_remove_column  (MqlwDataset    *self,
                                          const char     *name);

/* Allocates outcomes.stage[stage] (all UNKNOWN) if needed and returns it. */
gint8       *mqlw_dataset_ensure_stage   (MqlwDataset    *self,
                                          MqlwStage       stage);
/* Applies the funnel rules to outcomes: a reached stage implies the earlier ones;
 * a known "not reached" implies the later ones are not reached. */
void         mqlw_dataset_close_funnel   (MqlwDataset    *self);

/* Categorical dictionary: code for @text (adding it), or the string for a code. */
guint32      mqlw_column_intern          (MqlwColumn     *column,
                                          const char     *text,
                                          gssize          len);
const char  *mqlw_column_string          (const MqlwColumn *column,
                                          guint           row);   /* NULL when missing */
gboolean     mqlw_column_is_missing      (const MqlwColumn *column,
                                          guint           row);
/* Narrows @column to the smallest width that holds every value exactly
 * (INTEGER: whole numbers, -0 and NAN kept apart; CATEGORICAL: by the
 * dictionary's size). A column that is already narrow, or of another type,
 * is left alone. Its storage is reallocated: pointers into it go stale. */
void         mqlw_column_compact         (MqlwColumn     *column);
/* mqlw_column_compact () on every column: once a dataset is complete. */
void         mqlw_dataset_compact        (MqlwDataset    *self);
/* Back to the full width (double / guint32): before writing values that may
 * not fit. */
void         mqlw_column_widen           (MqlwColumn     *column);
/* The narrowest width that holds @column's values, without changing it. */
guint        mqlw_column_compact_width   (const MqlwColumn *column);
/* The full width of @type's storage: 8, 8, 1, 4, 4. */
guint        mqlw_column_type_width      (MqlwColumnType  type);
/* Whether @v can be stored at @width in an INTEGER column, bit for bit. */
gboolean     mqlw_column_number_fits     (double          v,
                                          guint           width);

/* Values @start .. @start + @n (n ≤ MQLW_COLUMN_CHUNK) of an INTEGER or
 * DECIMAL column as doubles (NAN when missing), of a CATEGORICAL column as
 * codes (MQLW_CODE_MISSING when missing): the storage itself when it is full
 * width, else @scratch widened. */
const double  *mqlw_column_numbers       (const MqlwColumn *column,
                                          guint           start,
                                          guint           n,
                                          double         *scratch);
const guint32 *mqlw_column_codes         (const MqlwColumn *column,
                                          guint           start,
                                          guint           n,
                                          guint32        *scratch);

/* One value of an INTEGER/DECIMAL column (NAN when missing). */
static inline double
mqlw_column_num_at (const MqlwColumn *column,
                    guint             row)
{
  switch (column->width)
    {
    case 1:
      return column->i8[row] == MQLW_INT8_MISSING ? NAN : (double) column->i8[row];
    case 2:
      return column->i16[row] == MQLW_INT16_MISSING ? NAN : (double) column->i16[row];
    case 4:
      return column->i32[row] == MQLW_INT32_MISSING ? NAN : (double) column->i32[row];
    default:
      return column->num[row];
    }
}

/* One code of a CATEGORICAL column (MQLW_CODE_MISSING when missing). */
static inline guint32
mqlw_column_code_at (const MqlwColumn *column,
                     guint             row)
{
  switch (column->width)
    {
    case 1:
      return column->c8[row] == MQLW_CODE8_MISSING ? MQLW_CODE_MISSING : column->c8[row];
    case 2:
      return column->c16[row] == MQLW_CODE16_MISSING ? MQLW_CODE_MISSING : column->c16[row];
    default:
      return column->codes[row];
    }
}

/* Numeric view of any non-categorical column (days for dates, 0/1 for booleans); NAN when missing. */
double       mqlw_column_number          (const MqlwColumn *column,
                                          guint           row);
/* A value as text for display (dates ISO, numbers %g); newly allocated, NULL when missing. */
char        *mqlw_column_format          (const MqlwColumn *column,
                                          guint           row);

const char  *mqlw_column_type_to_string  (MqlwColumnType  type);   /* "integer", "decimal", "boolean", "date", "categorical" */
gboolean     mqlw_column_type_from_string(const char     *text,
                                          MqlwColumnType *type);
const char  *mqlw_column_role_to_string  (MqlwColumnRole  role);   /* "none", "lead_id", "email", "account", "created_at", "as_of", "fit",
                                                                     "activity_count", "activity_date", "outcome", "stage",
                                                                     "deal_amount", "rejection_reason", "score", "ignore" */
gboolean     mqlw_column_role_from_string(const char     *text,
                                          MqlwColumnRole *role);

/* Calendar months the created dates touch, for "MQLs per month"; NAN without
 * a created date (the period is unknown, never "1 month"). Dates after today
 * are left out: they are typing errors, not the end of the history. */
double       mqlw_outcomes_months        (const MqlwOutcomes *outcomes);

/* Column storage: room for @n values of @size bytes (g_malloc'd, freed with
 * g_free), or NULL when memory cannot give it. Above a few MiB the pages are
 * advised as huge pages (MADV_HUGEPAGE): a column of a million leads is then
 * faulted in 2 MiB at a time instead of 4 KiB (a page fault per 512 values of
 * a double column was a fifth of an import). The pages are only used as values
 * are written: a capacity counted from lines is cheap. */
gpointer     mqlw_storage_try_alloc      (gsize           n,
                                          gsize           size);
/* A pointer array with room for @n pointers (g_ptr_array_sized_new), or NULL
 * when memory cannot give it: GLib would abort the process instead. */
GPtrArray   *mqlw_storage_try_ptr_array  (gsize           n);
/* Advises [@data, @data + @bytes) as huge pages where it covers whole ones. */
void         mqlw_storage_advise_huge    (gpointer        data,
                                          gsize           bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwDataset, mqlw_dataset_unref)

G_END_DECLS
