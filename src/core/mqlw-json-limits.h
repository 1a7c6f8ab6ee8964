/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-json-limits.h — the one way the core reads JSON (models, column maps,
 * agreed-model exports, the JSON parts of a project).
 *
 * Before json-glib parses, one cheap scan over the text checks what json-glib
 * does not: the nesting depth (its parser recurses, so ~100 000 levels overflow
 * the stack), the size, keys that appear twice in one object (json-glib keeps
 * the last one silently) and numbers that cannot be held (1e400 would become
 * infinity, 99999999999999999999 a wrong integer). Each failure names the JSON
 * path ("$.fit[2].points") and the line and column. It also refuses what json-glib's scanner
 * reads but JSON does not have (comments, single quotes, hex, octal and leading-zero numbers,
 * raw control characters in strings, \u0000, a second value after the first), and after the
 * parse every string is checked to be UTF-8 (mqlw_json_check_tree). Errors are in
 * MQLW_JSON_ERROR; each reader turns them into its own domain with
 * mqlw_json_error_convert() keeping the message. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define MQLW_JSON_MAX_DEPTH  64                  /* nested objects and arrays */
#define MQLW_JSON_MAX_BYTES  ((gsize) 64 << 20)  /* 64 MiB */

#define MQLW_JSON_ERROR (mqlw_json_error_quark ())
typedef enum {
  MQLW_JSON_ERROR_SYNTAX = 1,      /* "line 3, column 7: this is not valid JSON (…)" */
  MQLW_JSON_ERROR_EMPTY,           /* no value at all */
  MQLW_JSON_ERROR_TOO_DEEP,        /* nested deeper than MQLW_JSON_MAX_DEPTH */
  MQLW_JSON_ERROR_TOO_LARGE,       /* more than MQLW_JSON_MAX_BYTES */
  MQLW_JSON_ERROR_DUPLICATE_KEY,   /* "$.fit[0].points: the key appears twice …" */
  MQLW_JSON_ERROR_NUMBER,          /* a number too large to hold */
  MQLW_JSON_ERROR_TOO_MANY,        /* a list longer than its MqlwJsonListLimit */
} MqlwJsonError;
GQuark mqlw_json_error_quark (void);

/* Checks @data (@len -1: NUL-terminated), then loads it into @parser. */
gboolean  mqlw_json_load           (JsonParser   *parser,
                                    const char   *data,
                                    gssize        len,
                                    GError      **error);

/* The most elements of a list whose key is @key (at any depth); the entry
 * with a NULL @key ends a table and holds the limit of every other list
 * (0: any number). */
typedef struct {
  const char *key;
  guint       max_items;
} MqlwJsonListLimit;

/* What one kind of file may hold, checked in the scan before json-glib
 * builds a tree, so a file far too large is refused in a moment and named by
 * its JSON path and line. */
typedef struct {
  gsize                    max_bytes;   /* 0: MQLW_JSON_MAX_BYTES */
  const MqlwJsonListLimit *lists;       /* NULL: lists of any length */
  const char              *what;        /* "a model": for the messages */
} MqlwJsonLimits;

/* mqlw_json_load () within @limits (NULL: the defaults). */
gboolean  mqlw_json_load_limited   (JsonParser           *parser,
                                    const char           *data,
                                    gssize                len,
                                    const MqlwJsonLimits *limits,
                                    GError              **error);

/* Checks, after json-glib has read a text, that every key and string of @root is UTF-8 and
 * every number finite; a failure names the JSON path. mqlw_json_load () calls it. */
gboolean  mqlw_json_check_tree     (JsonNode     *root,
                                    GError      **error);

/* Moves an error of MQLW_JSON_ERROR into @domain: the syntax-like codes
 * (SYNTAX, EMPTY, TOO_DEEP, TOO_LARGE, TOO_MANY) become @parse_code, the others
 * @invalid_code. Other errors are left as they are. */
void      mqlw_json_error_convert  (GError      **error,
                                    GQuark        domain,
                                    int           parse_code,
                                    int           invalid_code);

G_END_DECLS
