/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-spin-guard"

#include "config.h"

#include "mqlw-spin-guard.h"

static int
on_input_cb (GtkSpinButton *spin,
             double        *new_value,
             gpointer       user_data)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin))));

  if (*text != '\0')
    return FALSE;   /* the default parser reads it */
  *new_value = gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin));
  return TRUE;
}

void
mqlw_spin_guard_empty (GtkSpinButton *spin)
{
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));
  /* The window's undo owns Ctrl+Z; the text's own history would only empty it. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (spin), FALSE);
  g_signal_connect (spin, "input", G_CALLBACK (on_input_cb), NULL);
}
