/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The hostile-input corpus (tests/data/bad and cases made at run time), one
 * table for the core test (domain, code, message) and the CLI test (exit
 * status, the same message on standard error). */
#pragma once

#include "mqlw-core.h"

G_BEGIN_DECLS

typedef enum {
  BAD_CSV = 1,       /* imported (with @map when given); mqlw calibrate FILE --score-column score */
  BAD_MAP,           /* loaded as a column mapping; mqlw inspect GOOD.csv --map FILE */
  BAD_MODEL,         /* loaded as a model; mqlw calibrate GOOD.csv --model FILE */
  BAD_AGREED,        /* verified as an agreed-model export; mqlw verify FILE */
} BadKind;

/* Cases whose file is made when the test runs (too big to commit, or not a file). */
typedef enum {
  GEN_NONE = 0,
  GEN_DEEP_ARRAYS,        /* 100 000 nested '[' */
  GEN_DEEP_OBJECTS,       /* 100 000 nested {"a": */
  GEN_WIDE_HEADER,        /* 70 000 columns */
  GEN_HEADER_OVER_ROWS,   /* 10 002 names over 3 000 rows of 2 fields */
  GEN_LONG_VALUE,         /* one value of 1.1 MiB on line 2 */
  GEN_LONG_OPEN_QUOTE,    /* a quote opened on line 3, 2 MiB of text after it */
  GEN_LATE_DATE,          /* 2024-02-30 on line 3001, past the rows types are inferred from */
  GEN_MAC_CR_LARGE,       /* 5 000 rows ended by CR alone, a short row on line 4000 */
  GEN_HUGE_JSON,          /* 65 MiB (a sparse file) */
  GEN_MANY_RULES,         /* a model of 1 001 fit rules, one a line from line 2 */
  GEN_MANY_VALUES,        /* a model whose one rule lists 100 001 values, one a line from line 2 */
  GEN_MANY_JOINS,         /* a mapping of 65 joins, one a line from line 2 */
  GEN_MODEL_17MB,         /* a model of 17 MiB (one long description) */
  GEN_FOLDER,             /* a folder */
  GEN_DEV_NULL,           /* /dev/null */
  GEN_MISSING,            /* a path that does not exist */
  GEN_TRUNCATED_WHILE_READ,  /* cut short while the import reads it (core only) */
  GEN_REWRITTEN_WHILE_READ,  /* saved again, same size, while it is read (core only) */
} BadGen;

typedef struct {
  const char *file;        /* in tests/data/bad, or the name of the generated file */
  BadKind     kind;
  const char *map;         /* BAD_CSV: a mapping in tests/data/bad to import with (nullable) */
  const char *domain;      /* "import", "mapping", "model", "signoff" */
  int         code;
  const char *message;     /* in the message: the place (line, column or JSON path) and the reason */
  int         exit_status; /* mqlw's */
  BadGen      gen;
  const char *named;       /* the file the message names, when not @file (a joined file) */
} BadCase;

extern const BadCase bad_cases[];
extern const guint   n_bad_cases;

/* The file of @bad: in tests/data/bad, or made in @dir. */
char   *bad_case_path    (const BadCase *bad,
                          const char    *dir);
GQuark  bad_case_domain  (const BadCase *bad);
/* The name the message must carry: @named, else the base name of @path, or
 * the whole path for /dev/null and a folder. */
char   *bad_case_name    (const BadCase *bad,
                          const char    *path);

G_END_DECLS
