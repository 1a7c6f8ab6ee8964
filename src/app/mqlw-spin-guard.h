/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A spin button whose text was emptied (cleared, or undone by its text's own
 * history) keeps its value when it commits, instead of reading the empty text
 * as 0: a points field never sets a criterion to 0 by accident. */
void mqlw_spin_guard_empty (GtkSpinButton *spin);

G_END_DECLS
