/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A toast saying @text as it is: libadwaita 1.2 reads a toast's title as
 * Pango markup, so a name in it ("R&D <draft>") is escaped here. */
AdwToast *mqlw_toast_new_text (const char *text);

G_END_DECLS
