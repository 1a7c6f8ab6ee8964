/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The model panel's criterion rows (see mqlw-model-panel-private.h).
 *
 * A structural change (a criterion added, removed, renamed, undone) or new
 * data updates the rows in place: rows are created only for new ids, removed
 * for vanished ones and moved when the order changed; every other row keeps
 * its widgets, and a value is set only when it differs. */
#define G_LOG_DOMAIN "mqlw-model-panel"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "mqlw-format.h"
#include "mqlw-model-panel-private.h"

typedef struct {
  MqlwModelPanel *self;
  MqlwCriterionKind kind;
  char           *id;
  char           *title;
  GtkWidget      *row;            /* owned: a row survives being moved */
  GtkWidget      *spin;           /* points; NULL for disqualifiers */
  GtkWidget      *sw;
  GtkWidget      *warning_icon;   /* shown when the data has something to say about the rule */
  /* The expander's content, built when first expanded. */
  GtkWidget      *cap;
  GtkWidget      *edit_row;
  GtkWidget      *edit_button;
  GtkWidget      *remove_button;
} Criterion;

void
_mqlw_model_panel_criterion_free (gpointer data)
{
  Criterion *c = data;

  g_signal_handlers_disconnect_by_data (c->row, c);
  g_object_unref (c->row);
  g_free (c->id);
  g_free (c->title);
  g_free (c);
}

static char *
make_criterion_key (guint       kind,
                    const char *id)
{
  return g_strdup_printf ("%u/%s", kind, id);
}

static const char *
criterion_title (const MqlwCriterion *c)
{
  return c->label != NULL ? c->label : c->id;
}

/* What the row says under its title: the condition, or how the activity counts. */
static char *
describe_criterion (const MqlwCriterion *c)
{
  g_autofree char *cap_text = NULL;

  if (c->match != NULL)
    return mqlw_match_describe (c->match);
  if (isnan (c->cap))
    cap_text = g_strdup (_("no cap"));
  else
    {
      g_autofree char *cap = mqlw_format_figure (c->cap);

      /* Translators: a criterion's cap on its points: "cap 30". */
      cap_text = g_strdup_printf (_("cap %s"), cap);
    }
  return g_strdup_printf (c->decay ? _("each · %s · decays") : _("each · %s"), cap_text);
}

static void
set_accessible_label (GtkWidget  *widget,
                      const char *label)
{
  if (widget != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* The title and every label that names the criterion. */
static void
label_criterion (Criterion *c)
{
  g_autofree char *use = g_strdup_printf (_("Use %s"), c->title);
  g_autofree char *edit = g_strdup_printf (_("Edit %s"), c->title);
  g_autofree char *remove = g_strdup_printf (_("Remove %s"), c->title);
  g_autofree char *points = c->kind == MQLW_CRITERION_BEHAVIOUR ? g_strdup_printf (_("Points per %s"), c->title)
                                                      : g_strdup_printf (_("Points for %s"), c->title);
  g_autofree char *cap = g_strdup_printf (_("Cap for %s"), c->title);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (c->row), c->title);
  set_accessible_label (c->sw, use);
  set_accessible_label (c->spin, points);
  set_accessible_label (c->cap, cap);
  set_accessible_label (c->edit_button, edit);
  set_accessible_label (c->remove_button, remove);
}

static char *
describe_edit_row (const MqlwCriterion *view)
{
  if (view->kind == MQLW_CRITERION_BEHAVIOUR)
    return g_strdup_printf (_("Activity: %s"), view->column);
  return g_strdup (_("Field, condition and values"));
}

static GtkWidget *
add_button_row (Criterion  *c,
                const char *title,
                const char *mnemonic,
                const char *action)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (mnemonic);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (c->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (c->row), row);
  _mqlw_model_panel_wrap_at_words (row);
  g_object_set_data (G_OBJECT (row), "button", button);
  return row;
}

/* The rest, one click down: built on first expanding. */
static void
build_criterion_content (Criterion *c)
{
  MqlwModel *model = mqlw_workbench_get_model (c->self->workbench);
  g_autofree char *edit_title = NULL;
  GtkWidget *remove_row;
  MqlwCriterion view;

  if (c->edit_row != NULL || model == NULL || !mqlw_model_find_criterion (model, c->kind, c->id, &view))
    return;
  if (c->kind == MQLW_CRITERION_BEHAVIOUR)
    {
      GtkWidget *cap_row = adw_action_row_new ();

      c->cap = _mqlw_model_panel_create_spin (c->self, c->id, view.cap, 0, 1000, 1, 0, c->title, "model.set-cap");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (cap_row), _("Cap"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (cap_row), _("Most points the activity can give; 0 for no cap"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (cap_row), c->cap);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (c->row), cap_row);
    }
  edit_title = describe_edit_row (&view);
  c->edit_row = add_button_row (c, edit_title, _("_Edit…"), "model.edit");
  c->edit_button = g_object_get_data (G_OBJECT (c->edit_row), "button");
  remove_row = add_button_row (c, _("Remove this criterion"), _("_Remove"), "model.remove");
  c->remove_button = g_object_get_data (G_OBJECT (remove_row), "button");
  gtk_widget_add_css_class (c->remove_button, "destructive-action");
  label_criterion (c);
}

static void
on_criterion_expanded_cb (AdwExpanderRow *row,
                          GParamSpec     *pspec,
                          Criterion      *c)
{
  if (!adw_expander_row_get_expanded (row))
    return;
  g_signal_handlers_disconnect_by_func (row, on_criterion_expanded_cb, c);
  build_criterion_content (c);
}

/* The rule's description, and under it what the data says about the rule
 * (a value no lead has, a leaky column). */
static char *
compose_subtitle (MqlwModelPanel      *self,
                  const MqlwCriterion *view)
{
  const char *warning = self->rule_warnings != NULL ? g_hash_table_lookup (self->rule_warnings, view->id) : NULL;
  g_autofree char *description = describe_criterion (view);
  g_autofree char *summary = NULL;

  if (warning == NULL)
    return g_steal_pointer (&description);
  /* The first line of the first warning; the icon's tooltip has the rest. */
  summary = g_strndup (warning, strcspn (warning, "\n"));
  return g_strdup_printf ("%s\n⚠ %s", description, summary);
}

static void
show_warning (MqlwModelPanel *self,
              Criterion      *c)
{
  const char *warning = self->rule_warnings != NULL ? g_hash_table_lookup (self->rule_warnings, c->id) : NULL;

  gtk_widget_set_visible (c->warning_icon, warning != NULL);
  gtk_widget_set_tooltip_text (c->warning_icon, warning);
  if (warning != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (c->warning_icon), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, warning, -1);
}

/* A criterion: points and on/off always in view. */
static Criterion *
create_criterion (MqlwModelPanel      *self,
                  const MqlwCriterion *view)
{
  Criterion *c = g_new0 (Criterion, 1);

  c->self = self;
  c->kind = view->kind;
  c->id = g_strdup (view->id);
  c->title = g_strdup (criterion_title (view));
  c->row = g_object_ref_sink (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (c->row), FALSE);
  {
    g_autofree char *subtitle = compose_subtitle (self, view);
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (c->row), subtitle);
  }
  c->warning_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (c->warning_icon, "warning");
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (c->row), c->warning_icon);
  show_warning (self, c);
  c->sw = _mqlw_model_panel_create_switch (self, view->id, NULL, view->enabled, c->title);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (c->row), c->sw);
  if (view->kind != MQLW_CRITERION_DISQUALIFIER)
    {
      c->spin = _mqlw_model_panel_create_spin (self, view->id, view->points, -1000, 1000, 1, 0, c->title,
                                               "model.set-points");
      adw_expander_row_add_action (ADW_EXPANDER_ROW (c->row), c->spin);
    }
  g_signal_connect (c->row, "notify::expanded", G_CALLBACK (on_criterion_expanded_cb), c);
  label_criterion (c);
  _mqlw_model_panel_wrap_at_words (c->row);
  return c;
}

/* Sets only what differs: an unchanged row is not laid out again. */
static void
update_criterion (MqlwModelPanel      *self,
                  Criterion           *c,
                  const MqlwCriterion *view)
{
  if (g_strcmp0 (c->title, criterion_title (view)) != 0)
    {
      g_free (c->title);
      c->title = g_strdup (criterion_title (view));
      label_criterion (c);
    }
  {
    g_autofree char *subtitle = compose_subtitle (self, view);
    if (g_strcmp0 (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (c->row)), subtitle) != 0)
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (c->row), subtitle);
  }
  show_warning (self, c);
  if (gtk_switch_get_active (GTK_SWITCH (c->sw)) != view->enabled)
    gtk_switch_set_active (GTK_SWITCH (c->sw), view->enabled);
  /* A value being typed or dragged is not overwritten. */
  if (self->pending_source == 0)
    {
      double cap = isnan (view->cap) ? 0 : view->cap;

      if (c->spin != NULL && gtk_spin_button_get_value (GTK_SPIN_BUTTON (c->spin)) != view->points)
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (c->spin), view->points);
      if (c->cap != NULL && gtk_spin_button_get_value (GTK_SPIN_BUTTON (c->cap)) != cap)
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (c->cap), cap);
    }
  if (c->edit_row != NULL)
    {
      g_autofree char *edit_title = describe_edit_row (view);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c->edit_row)), edit_title) != 0)
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (c->edit_row), edit_title);
    }
}

void
_mqlw_model_panel_reconcile_criteria (MqlwModelPanel    *self,
                                      MqlwCriterionKind  kind,
                                      MqlwModel         *model)
{
  GtkWidget *group = self->criterion_groups[KIND_SLOT (kind)];
  GPtrArray *shown = self->criterion_order[KIND_SLOT (kind)];
  guint n = mqlw_model_get_n_criteria (model, kind);
  g_autoptr(GPtrArray) wanted = g_ptr_array_sized_new (n);
  g_autoptr(GPtrArray) kept = g_ptr_array_sized_new (shown->len);
  g_autoptr(GHashTable) wanted_set = g_hash_table_new (NULL, NULL);
  guint prefix = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = NULL;
      Criterion *c;
      MqlwCriterion view;

      mqlw_model_get_nth_criterion (model, kind, i, &view);
      key = make_criterion_key (kind, view.id);
      c = g_hash_table_lookup (self->criteria, key);
      if (c != NULL)
        update_criterion (self, c, &view);
      else if (_mqlw_model_panel_may_build (self))
        {
          c = create_criterion (self, &view);
          g_hash_table_insert (self->criteria, g_steal_pointer (&key), c);
        }
      if (c != NULL && g_hash_table_add (wanted_set, c))   /* a repeated id shows once */
        g_ptr_array_add (wanted, c);
    }

  /* Rows whose criterion is gone. */
  for (guint i = 0; i < shown->len; i++)
    {
      Criterion *c = g_ptr_array_index (shown, i);

      if (g_hash_table_contains (wanted_set, c))
        g_ptr_array_add (kept, c);
      else
        {
          g_autofree char *key = make_criterion_key (kind, c->id);

          adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), c->row);
          g_hash_table_remove (self->criteria, key);
        }
    }

  /* The rows already in order stay put; the rest are (re)added in order. */
  while (prefix < kept->len && prefix < wanted->len &&
         g_ptr_array_index (kept, prefix) == g_ptr_array_index (wanted, prefix))
    prefix++;
  for (guint i = prefix; i < kept->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), ((Criterion *) g_ptr_array_index (kept, i))->row);
  for (guint i = prefix; i < wanted->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), ((Criterion *) g_ptr_array_index (wanted, i))->row);

  g_ptr_array_set_size (shown, 0);
  g_ptr_array_extend (shown, wanted, NULL, NULL);
}
