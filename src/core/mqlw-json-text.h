/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-json-text.h — the one writer of canonical JSON text.
 *
 * Signatures and digests are computed over JSON text, so its bytes are a
 * contract: the model's canonical form (mqlw_model_to_json, in every signed
 * export since format 1) and sign-off's parts (mqlw-signoff.h) are written
 * here, from a JsonNode tree built with json-glib, in the tree's member order.
 * Strings are escaped by json-glib. Two number forms, each frozen by the
 * digests over it:
 * - MQLW_JSON_NUMBERS_GLIB (sign-off's parts): json-glib's own text for a
 *   number (a double as "%.17g", "2.0" for a whole one), so the text equals
 *   json_to_string (node, FALSE) byte for byte — except where json-glib's
 *   is no JSON ("1e+22.0", "inf.0"; see mqlw_json_generate);
 * - MQLW_JSON_NUMBERS_SHORTEST (the model's): a whole number below 10^15 as
 *   an integer ("50", never "-0"), any other the shortest "%.Ng" that reads
 *   back as the same double; ±∞ and NaN as null.
 * Pretty text (the model file people read) indents by two spaces and writes
 * a container on one line where @layout says so; compact text has no
 * whitespace at all.
 *
 * Documents only people and other programs read (the pretty sign-off
 * export, a mapping file, the CLI's --format json) are written by json-glib's
 * generator directly. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  MQLW_JSON_NUMBERS_GLIB     = 0,
  MQLW_JSON_NUMBERS_SHORTEST = 1 << 0,
  MQLW_JSON_PRETTY           = 1 << 1,
} MqlwJsonTextFlags;

/* Pretty text: TRUE to write @value, the container at @member of its parent
 * (NULL for the root and array elements), at @depth (0: the root) on one line. */
typedef gboolean (*MqlwJsonLayoutFunc) (const char *member,
                                        JsonNode   *value,
                                        guint       depth,
                                        gpointer    user_data);

char     *mqlw_json_to_text        (JsonNode           *node,
                                    MqlwJsonTextFlags   flags,
                                    MqlwJsonLayoutFunc  layout,      /* nullable: every container on one line */
                                    gpointer            user_data);

/* json-glib's generator text of @root (indent 2 when @pretty), with the
 * number tokens json-glib gets wrong mended: a whole double of 10^17 or more
 * as "1e+22" (json-glib: "1e+22.0"), ±∞ and NaN as null. Every JSON
 * document the product writes goes through here or mqlw_json_to_text. */
char     *mqlw_json_generate       (JsonNode           *root,
                                    gboolean            pretty);

/* Sign-off's canonical form of @node: keys sorted, whole doubles below 2^53
 * as integers, null for anything not a value; a new node, and its compact
 * text (MQLW_JSON_NUMBERS_GLIB). */
JsonNode *mqlw_json_canonical_node (JsonNode           *node);
char     *mqlw_json_canonical_text (JsonNode           *node);

G_END_DECLS
