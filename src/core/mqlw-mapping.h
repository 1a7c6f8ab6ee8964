/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-mapping.h — how the columns of a CSV become a dataset: each column's type
 * and role, how outcomes are read (stage columns, a lifecycle column's values,
 * a second file), and files joined for enrichment. Detected automatically from
 * header names and values; saved and edited as JSON (`mqlw inspect --write-map`). */
#pragma once

#include "mqlw-dataset.h"

G_BEGIN_DECLS

#define MQLW_MAPPING_ERROR (mqlw_mapping_error_quark ())
typedef enum {
  MQLW_MAPPING_ERROR_INVALID = 1,      /* bad mapping JSON: message names the JSON path */
  MQLW_MAPPING_ERROR_UNKNOWN_COLUMN,   /* mapping names a column the file does not have */
  MQLW_MAPPING_ERROR_MISSING_OUTCOME,  /* an outcome column named on the command line is absent */
} MqlwMappingError;
GQuark mqlw_mapping_error_quark (void);

typedef struct {
  char           *name;
  MqlwColumnType  type;
  MqlwColumnRole  role;
  MqlwStage       stage;      /* role OUTCOME */
  char           *activity;   /* role ACTIVITY_DATE, nullable */
  gboolean        type_set;   /* TRUE when the user (or mapping file) fixed the type */
  gboolean        role_set;
  GStrv           missing_values;  /* nullable: values read as missing in this column too */
  gboolean        blank_is_no;     /* role OUTCOME: a blank cell means "not reached", not unknown
                                    * (a column of marks: X or ✓ for yes, nothing for no) */
  gboolean        blank_set;       /* TRUE when the user (or mapping file) said so; else detected */
  char           *reason;     /* why the role was detected ("named like an outcome; values 0/1");
                               * NULL when the role was set */
} MqlwColumnSpec;

/* One value of a lifecycle / stage column, e.g. "Engaging" → opportunity, open. */
typedef struct {
  char     *value;        /* matched case-insensitively, trimmed */
  int       furthest;     /* MqlwStage reached, or -1 for none ("New", "Rejected") */
  gboolean  closed;       /* the funnel ended here: later stages are known not reached */
} MqlwStageValue;

typedef enum {
  MQLW_JOIN_ENRICH = 1,   /* add the second file's columns to each lead */
  MQLW_JOIN_OUTCOME,      /* a lead whose key appears in the file reached @stage */
} MqlwJoinKind;

typedef struct {
  char          *path;        /* absolute from a map file or the command line; a relative path
                               * (a mapping built in memory) resolves against the main file's folder */
  char          *key;         /* column in the main file */
  char          *file_key;    /* column in the joined file (defaults to @key) */
  MqlwJoinKind   kind;
  MqlwStage      stage;       /* OUTCOME: stage reached when the key is present */
  char          *amount;      /* OUTCOME: nullable column with the deal amount */
  char          *date;        /* OUTCOME: nullable column with the date reached */
  char          *prefix;      /* ENRICH: nullable prefix for added column names */
} MqlwJoinSpec;

typedef struct {
  char           delimiter;      /* 0 = detect */
  MqlwDateOrder  date_order;     /* AUTO = detect, ambiguous is reported */
  GPtrArray     *columns;        /* MqlwColumnSpec*, header order once resolved */
  GPtrArray     *stage_values;   /* MqlwStageValue*: for the ROLE_STAGE columns, value by value over the built-in table */
  GPtrArray     *joins;          /* MqlwJoinSpec* */
  GPtrArray     *missing_values; /* char*: read as missing in every column (see mqlw-missing.h) */
  gboolean       detect_placeholders;  /* the built-in placeholders too; TRUE unless a map lists
                                        * missing_values or says otherwise */
} MqlwMapping;

MqlwMapping    *mqlw_mapping_new           (void);
MqlwMapping    *mqlw_mapping_copy          (const MqlwMapping *self);
void            mqlw_mapping_free          (MqlwMapping   *self);

MqlwColumnSpec *mqlw_mapping_get_column    (MqlwMapping   *self,
                                            const char    *name);
/* Adds or replaces the spec for @name; the override is marked type_set/role_set. */
MqlwColumnSpec *mqlw_mapping_set_column    (MqlwMapping   *self,
                                            const char    *name);
void            mqlw_mapping_add_stage_value (MqlwMapping *self,
                                              const char  *value,
                                              int          furthest,
                                              gboolean     closed);
/* Adds @value to the values read as missing: in @column's, or every column's
 * when @column is NULL. Ignored when already listed (case-insensitively). */
void            mqlw_mapping_add_missing_value (MqlwMapping *self,
                                                const char  *column,
                                                const char  *value);
/* Says whether a blank in outcome column @name means "not reached" (the
 * user's choice, over the detection); adds a spec for @name if needed
 * without fixing its type or role. */
void            mqlw_mapping_set_blank_is_no (MqlwMapping *self,
                                              const char  *name,
                                              gboolean     blank_is_no);
MqlwJoinSpec   *mqlw_mapping_add_join      (MqlwMapping   *self,
                                            MqlwJoinKind   kind,
                                            const char    *path,
                                            const char    *key,
                                            const char    *file_key);

/* The built-in stage table (mqlw-stage-table.h) read in no particular
 * context: New, Open, Nurturing, MQL, Rejected, SAL, SQL, Qualified,
 * Opportunity, Engaging, Prospecting, Won, Closed Won, Lost, Closed Lost, the
 * platforms' picklists, …; NULL if @value is unknown. Values a mapping's
 * stage_values do not list read through this table. */
const MqlwStageValue *mqlw_stage_value_builtin (const char *value);

/* Guess a role from a header name and a type (e.g. "sql" → OUTCOME/SQL,
 * "pricing_page_views" → ACTIVITY_COUNT, "created_at" → CREATED_AT). */
MqlwColumnRole  mqlw_mapping_guess_role    (const char    *header,
                                            MqlwColumnType type,
                                            MqlwStage     *stage);

/* @file (absolute, or relative to the current folder) relative to the folder
 * of @map_path, or NULL when it is not inside that folder. */
char           *mqlw_mapping_relative_path (const char    *map_path,
                                            const char    *file);

char           *mqlw_mapping_to_json       (const MqlwMapping *self);
MqlwMapping    *mqlw_mapping_from_json     (const char    *json,
                                            gssize         len,
                                            GError       **error);
/* Reads a mapping file. Its joins' files are read from the map's folder and
 * must stay inside it: an absolute path, or one that leaves the folder (by
 * "..", or a link), is an error naming $.joins[N].file; the joins come back
 * with absolute paths. Files outside are given on the command line instead. */
MqlwMapping    *mqlw_mapping_load          (const char    *path,
                                            GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwMapping, mqlw_mapping_free)

G_END_DECLS
