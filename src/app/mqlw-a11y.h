/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-a11y: accessible names read once.
 *
 * GTK 4.8 gives a button with a mnemonic ("_Cancel") the accessible label
 * "_Cancel" and also the relation "labelled by" its own label ("Cancel"):
 * a screen reader hears "_Cancel Cancel". mqlw_a11y_init() (once, at the
 * application's start-up) drops the button's own label property whenever a
 * button is mapped or its label changes, so the name comes from the label
 * alone. mqlw_a11y_doubled_name() tells the tests whether a widget still has
 * a name twice (a label property and a "labelled by" relation). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     mqlw_a11y_init         (void);
gboolean mqlw_a11y_doubled_name (GtkWidget *widget);

G_END_DECLS
