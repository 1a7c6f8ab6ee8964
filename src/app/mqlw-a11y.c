/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-a11y"

#include "config.h"

#include "mqlw-a11y.h"

gboolean
mqlw_a11y_doubled_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  return gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) &&
         gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static void
drop_mnemonic_label (GtkWidget *button)
{
  /* Its mnemonic label names it already (GTK sets the relation). */
  if (gtk_button_get_use_underline (GTK_BUTTON (button)) && mqlw_a11y_doubled_name (button))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static gboolean
on_map_hook (GSignalInvocationHint *hint,
             guint                  n_params,
             const GValue          *params,
             gpointer               user_data)
{
  GObject *object = g_value_get_object (&params[0]);

  if (!GTK_IS_BUTTON (object))
    return TRUE;
  if (g_object_get_data (object, "mqlw-a11y") == NULL)
    {
      g_object_set_data (object, "mqlw-a11y", GINT_TO_POINTER (1));
      g_signal_connect_after (object, "notify::label", G_CALLBACK (drop_mnemonic_label), NULL);
      g_signal_connect_after (object, "notify::use-underline", G_CALLBACK (drop_mnemonic_label), NULL);
    }
  drop_mnemonic_label (GTK_WIDGET (object));
  return TRUE;
}

void
mqlw_a11y_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_type_class_unref (g_type_class_ref (GTK_TYPE_WIDGET));
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, on_map_hook, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}
