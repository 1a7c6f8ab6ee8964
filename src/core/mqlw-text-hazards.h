/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-text-hazards.h — characters in text from a file (names, values) that
 * act on a display instead of showing, found by one walker and replaced as
 * each writer needs.
 *
 * The hazards: control characters (Cc: C0, DEL, C1 such as NEL), the line
 * and paragraph separators (U+2028, U+2029), and the bidirectional formatting
 * characters (ALM U+061C, LRM U+200E, RLM U+200F, the embeddings and
 * overrides U+202A–U+202E, the isolates U+2066–U+2069): a right-to-left
 * override in a name would show "fdp.exe" for "exe.pdf" in a report or a
 * terminal, and reorder the text after it.
 *
 * The terminal (mqlw_text_visible), the SQL comments (mqlw_sql_comment_text),
 * the Markdown and the PDF report each pass their replacement to
 * mqlw_text_replace_hazards (). Bytes that are not UTF-8 become U+FFFD first. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  MQLW_TEXT_SAFE = 0,
  MQLW_TEXT_CONTROL,     /* Cc: C0, DEL, C1 */
  MQLW_TEXT_SEPARATOR,   /* U+2028, U+2029 */
  MQLW_TEXT_BIDI,        /* the bidirectional marks, embeddings, overrides, isolates */
} MqlwTextHazard;

/* What @c is; MQLW_TEXT_SAFE for a character that only shows. */
MqlwTextHazard mqlw_text_hazard          (gunichar        c);

/* Appends to @out what @c (a hazard of kind @hazard) is written as. */
typedef void (*MqlwTextReplaceFunc) (GString        *out,
                                     gunichar        c,
                                     MqlwTextHazard  hazard);

/* @text (nullable: "") with every hazard passed to @replace, the rest as it is. */
char          *mqlw_text_replace_hazards (const char          *text,
                                          MqlwTextReplaceFunc  replace);

/* The reports' replacement: the line break and the tab kept (the layout's
 * own), another break (CR, VT, FF, NEL, U+2028, U+2029) a space, another
 * control or a bidirectional character U+FFFD (seen, acting on nothing). */
void           mqlw_text_replace_shown   (GString        *out,
                                          gunichar        c,
                                          MqlwTextHazard  hazard);

G_END_DECLS
