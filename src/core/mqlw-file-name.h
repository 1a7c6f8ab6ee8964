/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-file-name.h — a file name made from a name people typed (a project's
 * title, a source file's name) or from another file's (a report's chart).
 *
 * The name is kept whole where it is shown (the project keeps its title);
 * only the file name is made safe:
 * - never a path: '/' and '\' become '_', so nothing leaves the folder;
 * - never hidden, never "." or "..": leading dots and spaces are dropped;
 * - nothing that acts on a display: control characters and the
 *   bidirectional controls (a right-to-left override would show "fdp.exe"
 *   for "exe.pdf") are dropped, bytes that are not UTF-8 become U+FFFD;
 * - nothing Windows refuses, for files that travel: < > : " | ? * become
 *   '_', a trailing dot or space is dropped, and a device name (CON, PRN,
 *   AUX, NUL, COM1–COM9, LPT1–LPT9, in any case, with any extension) gets a
 *   leading '_';
 * - at most @max_bytes bytes with the suffix (255, a file name's limit on
 *   Linux, macOS and Windows' UTF-16 fits in it too, when @max_bytes is 0),
 *   shortened on a character boundary and never between a letter and its
 *   combining accents;
 * - empty after all that: @fallback. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MQLW_FILE_NAME_MAX 255

char *mqlw_file_name_for (const char *name,
                          const char *suffix,
                          const char *fallback,
                          gsize       max_bytes);

G_END_DECLS
