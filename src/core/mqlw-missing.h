/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-missing.h — answers that mean "no answer".
 *
 * Forms and exports write placeholders where nobody answered: "Select",
 * "-- None --", "N/A", "#N/A", "null", "none", "not provided", "(blank)", "-",
 * "unknown", … Read as text they become a category of their own, a numeric
 * column becomes text, and a `missing` rule misses them.
 *
 * Which values read as missing is part of the mapping: its missing_values (in
 * every column), each column's missing_values, and detect_placeholders (the
 * built-in placeholders below, wherever they occur). A mapping that does not
 * say (no map file, or one without "missing_values") detects them: the import
 * reads them as missing and reports each one with its count, and the resolved
 * mapping (`inspect --write-map`, the mapping page) lists what it found per
 * column, so the choice is visible and can be undone. Matching ignores case and
 * the spaces around a value; the built-in list also ignores the dashes, dots,
 * brackets and question marks around a word ("-- Select --" = "select"). */
#pragma once

#include "mqlw-mapping.h"

G_BEGIN_DECLS

/* The zero date of MySQL-backed exports ("0000-00-00", "0000-00-00 00:00:00",
 * "00/00/0000"): eight zeros or more and these marks between them, nothing
 * else. A built-in placeholder too (a date nobody entered). */
#define MQLW_MISSING_ZERO_DATE_MARKS "-/.: T"
gboolean             mqlw_missing_is_zero_date   (const char            *text,
                                                  gsize                  len);
/* Whether @text (@len bytes, trimmed, not empty) is a built-in placeholder. */
gboolean             mqlw_missing_is_placeholder (const char            *text,
                                                  gsize                  len);
/* The built-in placeholders as the documentation lists them. */
const char * const  *mqlw_missing_placeholders   (void);

/* The values one column reads as missing. */
typedef struct _MqlwMissingSet MqlwMissingSet;

/* From @mapping's missing_values and detect_placeholders and @spec's
 * missing_values (@spec nullable). */
MqlwMissingSet      *mqlw_missing_set_new        (const MqlwMapping     *mapping,
                                                  const MqlwColumnSpec  *spec);
void                 mqlw_missing_set_free       (MqlwMissingSet        *self);
/* @text (@len bytes) trimmed and not empty. */
gboolean             mqlw_missing_set_match      (const MqlwMissingSet  *self,
                                                  const char            *text,
                                                  gsize                  len);
/* The values given by name (not the built-in ones), as given. */
const char * const  *mqlw_missing_set_values     (const MqlwMissingSet  *self);

/* What one column read as missing: each value as first written, with its rows. */
typedef struct _MqlwMissingTally MqlwMissingTally;

MqlwMissingTally    *mqlw_missing_tally_new      (void);
void                 mqlw_missing_tally_free     (MqlwMissingTally      *self);
void                 mqlw_missing_tally_add      (MqlwMissingTally      *self,
                                                  const char            *text,
                                                  gsize                  len,
                                                  guint64                rows);
void                 mqlw_missing_tally_merge    (MqlwMissingTally      *self,
                                                  const MqlwMissingTally *other);
guint64              mqlw_missing_tally_rows     (const MqlwMissingTally *self);
/* The values, most rows first (ties in order of first appearance). */
GStrv                mqlw_missing_tally_values   (const MqlwMissingTally *self);
guint64              mqlw_missing_tally_count    (const MqlwMissingTally *self,
                                                  const char            *value);
/* "'Select' (1942 rows), 'N/A' (3 rows)". */
char                *mqlw_missing_tally_describe (const MqlwMissingTally *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwMissingSet, mqlw_missing_set_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MqlwMissingTally, mqlw_missing_tally_free)

G_END_DECLS
