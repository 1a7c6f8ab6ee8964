/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-start-page.h — what the window shows before there is anything to show.
 *
 * Import and the sample history (win.import, win.open-sample), the unsaved
 * work a crash or a closed window left (the newest five; each row's buttons
 * are win.recover and win.discard-recovery with the copy's path), and the
 * recent projects and histories its owner lists (a row activated emits
 * "open-recent" with its path). It reads no settings and no files itself: the
 * window decides what is recent and what can be recovered. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MQLW_TYPE_START_PAGE (mqlw_start_page_get_type ())
G_DECLARE_FINAL_TYPE (MqlwStartPage, mqlw_start_page, MQLW, START_PAGE, AdwBin)

/* @paths: file paths, newest first; the heading hides when there are none. */
void mqlw_start_page_set_recent     (MqlwStartPage *self,
                                     GPtrArray     *paths);
/* @recoveries: MqlwRecovery (mqlw-project-session.h), newest first. */
void mqlw_start_page_set_recoveries (MqlwStartPage *self,
                                     GPtrArray     *recoveries);

G_END_DECLS
