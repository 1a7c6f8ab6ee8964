/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-sql-private.h — what the query builder's files share: the query is a
 * chain of layers, each one CTE that selects everything of the layer before
 * and adds its own columns (so a later layer may use any earlier column), and
 * how each source column is read (mqlw-sql-read.c). Not for other modules. */
#pragma once

#include "mqlw-dataset.h"
#include "mqlw-sql.h"

G_BEGIN_DECLS

/* The layers, in order; empty ones are left out of the query. */
typedef enum {
  LAYER_TEXT = 0,    /* trimmed text of each column read (NULL when empty) */
  LAYER_CLEAN,       /* the same, NULL for the values the mapping reads as missing */
  LAYER_DATE1,       /* dates: where the first separator is */
  LAYER_DATE2,       /* dates: the separator, the first part, the second separator */
  LAYER_DATE3,       /* dates: the second and third parts */
  LAYER_DATE4,       /* dates: year, month, day (after mqlw_dateorder) */
  LAYER_DATE5,       /* dates: the year from March, the month from March */
  LAYER_DATE6,       /* dates: 400-year era, year of the era */
  LAYER_VALUE,       /* typed values: numbers, yes/no, lower-case text, days, domains */
  LAYER_AGE,         /* activity ages at the as-of date (after mqlw_latest) */
  LAYER_DECAY1,      /* decay percentages (steps), or 100 × 0.5^(age / half-life) */
  LAYER_DECAY2,      /* half-life: binary exponent, roughly */
  LAYER_DECAY3,      /* half-life: binary exponent, exactly */
  LAYER_DECAY4,      /* half-life: scaled to 24 significant bits */
  LAYER_DECAY5,      /* half-life: rounded as a float is */
  LAYER_POINTS,      /* fit points, behaviour contributions before rounding, disqualifier, hand raised, raw outcomes */
  LAYER_SUMS,        /* behaviour points, the furthest stage reached */
  LAYER_TOTAL,       /* grade, total before rounding, the first stage not reached */
  LAYER_SCORE,       /* total in hundredths, final outcomes */
  LAYER_LEAD,        /* per-lead result columns */
  N_LAYERS
} SqlLayer;

/* What is read from one source column. */
enum {
  NEED_LOWER  = 1 << 0,   /* mqlw_l<i>: LOWER (text) */
  NEED_NUMBER = 1 << 1,   /* mqlw_n<i>: double */
  NEED_BOOL   = 1 << 2,   /* mqlw_b<i>: 1, 0, NULL */
  NEED_DAYS   = 1 << 3,   /* mqlw_d<i>: days since 1970-01-01 */
  NEED_DOMAIN = 1 << 4,   /* mqlw_e<i>: lower-case e-mail domain */
  NEED_MONTH  = 1 << 5,   /* mqlw_m<i>: year × 100 + month */
};

/* One column a layer adds. */
typedef struct {
  char *expr;
  char *name;
} SqlItem;

typedef struct {
  MqlwSqlDialect     d;
  const MqlwModel   *model;
  const MqlwMapping *schema;
  MqlwDataset       *shape;          /* an empty dataset with the schema's columns */
  MqlwSqlQuery       query;
  GPtrArray         *layers[N_LAYERS];   /* SqlItem* */
  GPtrArray         *sides[N_LAYERS];    /* SqlItem*: one-row CTEs cross-joined into that layer;
                                            their body reads "$PREV", the layer before */
  gboolean           has_latest;     /* the mqlw_latest side query is there */
  guint             *needs;          /* NEED_* per schema column */
  gboolean          *read;           /* the column's text is read */
  guint              n_letters;
  guint8            *extra_folds;    /* per column: FOLD_SIGMA | FOLD_SHARP_S (mqlw-sql-fold.c) */
  GArray           **letters;        /* per column, nullable: the lower-case letters outside ASCII
                                        its compared words hold, sorted (SQLite: mqlw-sql-fold.c) */
} SqlBuilder;

/* Adds a one-row CTE @name (body @body, taken) cross-joined into @layer. */
void        sql_add_side          (SqlBuilder  *b,
                                   SqlLayer     layer,
                                   char        *body,
                                   const char  *name);
/* Adds "expr AS name" to @layer (takes @expr). */
void        sql_add               (SqlBuilder  *b,
                                   SqlLayer     layer,
                                   char        *expr,
                                   const char  *name);
/* The index of @name in the schema, or -1. */
gint        sql_column_index      (SqlBuilder  *b,
                                   const char  *name);
/* Asks for a reading of column @index (NEED_*); returns the column name of
 * that reading ("mqlw_n3"), newly allocated. */
char       *sql_need              (SqlBuilder  *b,
                                   guint        index,
                                   guint        what);
/* Adds the layers that read every column asked for (call once, after every
 * sql_need). */
void        sql_add_readings      (SqlBuilder  *b);

/* round (@y) half away from zero, as an integer: the scorer's rounding. */
char       *sql_round_half_away   (SqlBuilder  *b,
                                   const char  *y);
/* The yes/no words the import reads, for a column of @role / @stage. */
char       *sql_bool_of_lower     (SqlBuilder  *b,
                                   const char  *lower,
                                   MqlwColumnRole role,
                                   MqlwStage    stage);

/* Lower case beyond ASCII for SQLite (mqlw-sql-fold.c); nothing for the
 * other dialects, whose lower() folds every letter. Note the words (already
 * lowered) compared with column @index before its readings are added. */
void        sql_note_letters      (SqlBuilder  *b,
                                   guint        index,
                                   const char  *lowered);
/* The same for a word g_utf8_casefold () folded (text rules): the values
 * are folded as it folds them (ς as σ, ß and ẞ as ss) where the words need it. */
void        sql_note_casefold     (SqlBuilder  *b,
                                   guint        index,
                                   const char  *folded);
gboolean    sql_folds             (SqlBuilder  *b,
                                   guint        index);
/* lower(@x) folding the noted letters too, in one expression. */
char       *sql_fold_expr         (SqlBuilder  *b,
                                   guint        index,
                                   const char  *x);
/* The same over the date layers, twenty capitals a step; returns the name
 * of the folded text. */
char       *sql_add_fold          (SqlBuilder  *b,
                                   guint        index,
                                   const char  *t);

/* Outcomes (aggregate and sample): adds the raw, closed and final stage
 * states (mqlw_o<stage>, −1 unknown, 0 no, 1 yes, in LAYER_SCORE) for the
 * stages the data has; sets @present. FALSE with @error when none. */
gboolean    sql_add_outcomes      (SqlBuilder  *b,
                                   gboolean     present[MQLW_N_STAGES],
                                   GError     **error);

G_END_DECLS
