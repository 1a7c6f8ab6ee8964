/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-project-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mqlw-format.h"
#include "mqlw-project-view.h"
#include "mqlw-scenario-compare-view.h"

#define MAX_EXPORTS_SHOWN 8

struct _MqlwProjectView
{
  GtkWidget           parent_instance;
  gboolean            workshop;

  MqlwProjectSession *session;
  guint               n_versions;
  guint               n_scenarios;
  guint               refill_source;
  gboolean            stale;

  /* template */
  AdwPreferencesPage *page;
  GtkListBox         *versions_list;
  GtkListBox         *scenarios_list;
  GtkListBox         *exports_list;
  AdwPreferencesGroup *exports_group;
  GtkWidget          *save_version_button;
  GtkWidget          *save_scenario_button;
  GtkWidget          *sign_button;
  GtkListBox         *cards_list;
  AdwEntryRow        *card_entry;
  GtkLabel           *card_status;
  GtkWidget          *copy_card_button;
  guint               n_cards;
};

G_DEFINE_FINAL_TYPE (MqlwProjectView, mqlw_project_view, GTK_TYPE_WIDGET)

static void
label_widget (GtkWidget  *widget,
              const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;

  return local != NULL ? g_date_time_format (local, "%-e %b %Y, %H:%M") : g_strdup ("");
}

static void
add_placeholder (GtkListBox *list,
                 const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (list, row);
}

static GtkWidget *
create_button (const char *label,
               const char *tooltip,
               const char *action,
               GVariant   *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  label_widget (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static char *
describe_approvers (const MqlwSignoff *signoff)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < signoff->approvers->len; i++)
    {
      const MqlwApprover *a = g_ptr_array_index (signoff->approvers, i);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s (%s)", a->name,
                              a->team == MQLW_TEAM_SALES ? _("sales") : _("marketing"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_on_show_badge (GtkWidget *row)
{
  GtkWidget *badge = gtk_label_new (_("On show"));

  gtk_widget_add_css_class (badge, "badge");
  gtk_widget_add_css_class (badge, "badge-on-show");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (badge, _("This is the model on the workbench"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
}

static void
fill_versions (MqlwProjectView *self,
               MqlwProject     *project)
{
  guint n = project != NULL ? mqlw_project_get_n_versions (project) : 0;
  const MqlwModelVersion *head = project != NULL ? mqlw_project_get_head (project) : NULL;
  gboolean new_draft = mqlw_project_session_is_new_draft (self->session);
  MqlwModel *current = mqlw_workbench_get_model (mqlw_project_session_get_workbench (self->session));
  gboolean marked = FALSE;

  clear_list (self->versions_list);
  self->n_versions = n;
  if (n == 0)
    {
      add_placeholder (self->versions_list, _("No versions yet: “Save Version” keeps the current model with your name and a comment."));
      return;
    }
  if (new_draft)
    {
      g_autofree char *title = g_strdup_printf (_("Version %u — unsaved draft"), head->number + 1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *badge = gtk_label_new (_("Draft"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Your edits since the sign-off; the signed version stays as it was"));
      gtk_widget_add_css_class (badge, "badge");
      gtk_widget_add_css_class (badge, "badge-draft");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      gtk_list_box_append (self->versions_list, row);
    }
  for (guint number = n; number >= 1; number--)
    {
      const MqlwModelVersion *v = mqlw_project_get_version (project, number);
      g_autofree char *when = format_time (v->created);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *tooltip = g_strdup_printf (_("Put version %u on the workbench"), number);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *badge;

      title = v->comment[0] != '\0' ? g_strdup_printf (_("Version %u — %s"), number, v->comment)
                                    : g_strdup_printf (_("Version %u"), number);
      if (v->damage != NULL)
        {
          subtitle = g_strdup (v->damage);
          badge = gtk_label_new (_("Damaged"));
          gtk_widget_add_css_class (badge, "badge-draft");
        }
      else if (v->signoff != NULL)
        {
          g_autofree char *who = describe_approvers (v->signoff);
          char day[64];

          g_date_strftime (day, sizeof day, "%-e %B %Y", &v->signoff->signed_on);
          subtitle = g_strdup_printf (_("Signed off on %s by %s · saved %s%s%s"), g_strstrip (day), who, g_strstrip (when),
                                      v->author[0] != '\0' ? _(" by ") : "", v->author);
          badge = gtk_label_new (_("Signed"));
          gtk_widget_add_css_class (badge, "badge-signed");
        }
      else
        {
          subtitle = g_strdup_printf ("%s%s%s", g_strstrip (when), v->author[0] != '\0' ? _(" by ") : "", v->author);
          badge = gtk_label_new (_("Draft"));
          gtk_widget_add_css_class (badge, "badge-draft");
        }
      /* Comments, authors and approvers are text ("R&D", "<draft>"), never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (!marked && current != NULL && v->model != NULL && mqlw_model_equal (v->model, current))
        {
          add_on_show_badge (row);
          marked = TRUE;
        }
      gtk_widget_add_css_class (badge, "badge");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_button (_("_Open"), tooltip, "win.open-version",
                                                                       g_variant_new_uint32 (number)));
      gtk_widget_set_name (row, "version-row");
      gtk_list_box_append (self->versions_list, row);
    }
}

static void
fill_scenarios (MqlwProjectView *self,
                MqlwProject     *project)
{
  GPtrArray *scenarios = project != NULL ? mqlw_project_get_scenarios (project) : NULL;
  MqlwWorkbench *workbench = mqlw_project_session_get_workbench (self->session);
  MqlwModel *current = mqlw_workbench_get_model (workbench);
  MqlwDataset *dataset = mqlw_workbench_get_dataset (workbench);
  MqlwModel *baseline = mqlw_workbench_get_baseline (workbench);
  double months = mqlw_workbench_get_months (workbench);
  MqlwPreview today;
  gboolean have_today = FALSE;

  clear_list (self->scenarios_list);
  self->n_scenarios = scenarios != NULL ? scenarios->len : 0;
  if (self->n_scenarios == 0)
    {
      add_placeholder (self->scenarios_list, _("No scenarios yet: save the current model as “Marketing proposal”, then try the sales view."));
      return;
    }
  /* Each scenario's headline figures against today's model (mqlw-scenario-compare-view.c). */
  if (dataset != NULL && baseline != NULL)
    have_today = mqlw_scenario_headline_figures (dataset, baseline, months, &today);
  for (guint i = 0; i < scenarios->len; i++)
    {
      const MqlwScenario *s = g_ptr_array_index (scenarios, i);
      g_autofree char *figures = mqlw_scenario_headline_text (dataset, s->model, have_today ? &today : NULL, months);
      g_autofree char *when = format_time (s->updated);
      g_autofree char *threshold = mqlw_format_figure (s->model->threshold);
      g_autofree char *subtitle = NULL;
      g_autofree char *show_tip = g_strdup_printf (_("Show “%s” on the workbench, against the baseline"), s->name);
      g_autofree char *compare_tip = g_strdup_printf (_("Compare “%s” side by side with the other scenarios and today’s model"), s->name);
      g_autofree char *remove_tip = g_strdup_printf (_("Remove the scenario “%s”"), s->name);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove;

      subtitle = s->comment[0] != '\0' ?
                 g_strdup_printf (_("Threshold %s · %s · saved %s"), threshold, s->comment, g_strstrip (when)) :
                 g_strdup_printf (_("Threshold %s · saved %s"), threshold, g_strstrip (when));
      if (figures != NULL)
        {
          char *with = g_strdup_printf ("%s\n%s", figures, subtitle);

          g_free (subtitle);
          subtitle = with;
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);   /* names and comments as typed */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), s->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (current != NULL && mqlw_model_equal (s->model, current))
        add_on_show_badge (row);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_button (_("_Compare"), compare_tip, "project.compare-scenarios",
                                                                       g_variant_new_string (s->name)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_button (_("_Show"), show_tip, "win.open-scenario",
                                                                       g_variant_new_string (s->name)));
      remove = create_button (NULL, remove_tip, "win.remove-scenario", g_variant_new_string (s->name));
      gtk_button_set_icon_name (GTK_BUTTON (remove), "user-trash-symbolic");
      gtk_widget_add_css_class (remove, "flat");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->scenarios_list, row);
    }
}

static void
fill_exports (MqlwProjectView *self,
              MqlwProject     *project)
{
  GPtrArray *exports = project != NULL ? mqlw_project_get_exports (project) : NULL;
  guint shown = 0;

  clear_list (self->exports_list);
  gtk_widget_set_visible (GTK_WIDGET (self->exports_group), exports != NULL && exports->len > 0);
  if (exports == NULL)
    return;
  for (guint i = exports->len; i > 0 && shown < MAX_EXPORTS_SHOWN; i--, shown++)
    {
      const MqlwExportRecord *r = g_ptr_array_index (exports, i - 1);
      g_autofree char *when = format_time (r->at);
      g_autofree char *base = g_path_get_basename (r->path);
      g_autofree char *subtitle = r->version > 0 ?
                                  g_strdup_printf (_("%s · version %u · %s"), r->kind, r->version, g_strstrip (when)) :
                                  g_strdup_printf ("%s · %s", r->kind, g_strstrip (when));
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), base);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_tooltip_text (row, r->path);
      gtk_list_box_append (self->exports_list, row);
    }
}

/* ---- trusted approver cards -------------------------------------------- */

static void
fill_cards (MqlwProjectView *self,
            MqlwProject     *project)
{
  GPtrArray *cards = project != NULL ? mqlw_project_get_trusted_cards (project) : NULL;

  clear_list (self->cards_list);
  self->n_cards = cards != NULL ? cards->len : 0;
  if (self->n_cards == 0)
    {
      add_placeholder (self->cards_list, _("No trusted cards yet: signatures are shown as made by unknown keys."));
      return;
    }
  for (guint i = 0; i < cards->len; i++)
    {
      g_autoptr(MqlwApproverCard) card = mqlw_approver_card_parse (g_ptr_array_index (cards, i), NULL);
      g_autofree char *tip = NULL, *subtitle = NULL;
      GtkWidget *row, *remove;

      if (card == NULL)
        continue;
      tip = g_strdup_printf (_("Stop trusting this key of %s"), card->principal);
      subtitle = *card->comment != '\0' ? g_strdup_printf ("%s · %s", card->fingerprint, card->comment)
                                         : g_strdup (card->fingerprint);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);   /* a card's name and comment as written */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), card->principal);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("avatar-default-symbolic"));
      remove = create_button (NULL, tip, "project.remove-card", g_variant_new_uint32 (i));
      gtk_button_set_icon_name (GTK_BUTTON (remove), "user-trash-symbolic");
      gtk_widget_add_css_class (remove, "flat");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_widget_set_name (row, "card-row");
      gtk_list_box_append (self->cards_list, row);
    }
}

static void
say_about_cards (MqlwProjectView *self,
                 const char      *text,
                 gboolean         error)
{
  gtk_label_set_text (self->card_status, text);
  gtk_widget_set_visible (GTK_WIDGET (self->card_status), TRUE);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->card_status), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->card_status), "error");
}

static void
on_card_apply_cb (MqlwProjectView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->card_entry))));
  g_autoptr(MqlwApproverCard) card = NULL;

  if (*text == '\0' || self->session == NULL || mqlw_project_session_is_busy (self->session))
    return;
  card = mqlw_approver_card_parse (text, NULL);
  if (!mqlw_project_session_add_trusted_card (self->session, text, &error))
    {
      say_about_cards (self, error->message, TRUE);
      return;
    }
  {
    g_autofree char *done = g_strdup_printf (_("Trusting %s’s key %s. Save the project to keep it."),
                                             card->principal, card->fingerprint);
    say_about_cards (self, done, FALSE);
  }
  gtk_editable_set_text (GTK_EDITABLE (self->card_entry), "");
}

static void
remove_card_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MqlwProjectView *self = MQLW_PROJECT_VIEW (widget);

  if (self->session != NULL && !mqlw_project_session_is_busy (self->session))
    mqlw_project_session_remove_trusted_card (self->session, g_variant_get_uint32 (param));
}

/* Two or three scenarios side by side with today's model. */
static void
compare_scenarios_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  MqlwProjectView *self = MQLW_PROJECT_VIEW (widget);
  MqlwProject *project = self->session != NULL ? mqlw_project_session_get_project (self->session) : NULL;

  if (project == NULL)
    return;
  mqlw_scenario_compare_view_present (widget, mqlw_project_session_get_workbench (self->session), project,
                                      g_variant_get_string (param, NULL));
}

static void
copy_my_card_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  MqlwProjectView *self = MQLW_PROJECT_VIEW (widget);
  g_autoptr(MqlwSigningKey) key = mqlw_personal_key_load (NULL);
  g_autofree char *card = NULL;
  const char *name = g_get_real_name ();

  if (key == NULL)
    {
      say_about_cards (self, _("You have no signing key yet: it is made the first time you sign (Sign Off…)."), TRUE);
      return;
    }
  card = mqlw_approver_card_format (name != NULL && *name != '\0' && !g_str_equal (name, "Unknown") ? name
                                    : g_get_user_name (), key->public_key, NULL);
  if (card == NULL)
    card = mqlw_approver_card_format (g_get_user_name (), key->public_key, NULL);
  if (card == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), card);
  say_about_cards (self, _("Your approver card is on the clipboard: send it to the other approvers."), FALSE);
}

static void
refill (MqlwProjectView *self)
{
  MqlwProject *project = mqlw_project_session_get_project (self->session);

  if (mqlw_project_session_is_busy (self->session))
    return;   /* the worker has the project; the next "changed" refreshes */
  self->stale = FALSE;
  fill_versions (self, project);
  fill_scenarios (self, project);
  fill_cards (self, project);
  fill_exports (self, project);
}

static gboolean
refill_cb (gpointer user_data)
{
  MqlwProjectView *self = user_data;

  self->refill_source = 0;
  refill (self);
  return G_SOURCE_REMOVE;
}

/* Every model edit and threshold move lands here: rebuild once per idle, and
 * only while the page is on show (it catches up when shown). */
static void
on_session_changed_cb (MqlwProjectSession *session,
                       MqlwProjectView    *self)
{
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->refill_source == 0)
    self->refill_source = g_idle_add (refill_cb, self);
}

static void
mqlw_project_view_map (GtkWidget *widget)
{
  MqlwProjectView *self = MQLW_PROJECT_VIEW (widget);

  GTK_WIDGET_CLASS (mqlw_project_view_parent_class)->map (widget);
  if (self->stale && self->session != NULL)
    refill (self);
}

static void
mqlw_project_view_dispose (GObject *object)
{
  MqlwProjectView *self = (MqlwProjectView *) object;

  g_clear_handle_id (&self->refill_source, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), MQLW_TYPE_PROJECT_VIEW);
  G_OBJECT_CLASS (mqlw_project_view_parent_class)->dispose (object);
}

static void
mqlw_project_view_class_init (MqlwProjectViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mqlw_project_view_dispose;
  widget_class->map = mqlw_project_view_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "projectview");
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/mqlworkbench/Workbench/mqlw-project-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MqlwProjectView, page);
  gtk_widget_class_bind_template_child (widget_class, MqlwProjectView, versions_list);
  gtk_widget_class_bind_template_child (widget_class, MqlwProjectView, scenarios_list);
  gtk_widget_class_bind_template_child (widget_class, MqlwProjectView, exports_list);
  gtk_widget_class_bind_template_child (widget_class, MqlwProjectView, exports_group);
  gtk_widget_class_bind_template_child (widget_class, MqlwProjectView, save_version_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwProjectView, save_scenario_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwProjectView, sign_button);
  gtk_widget_class_bind_template_child (widget_class, MqlwProjectView, cards_list);
  gtk_widget_class_bind_template_child (widget_class, MqlwProjectView, card_entry);
  gtk_widget_class_bind_template_child (widget_class, MqlwProjectView, card_status);
  gtk_widget_class_bind_template_child (widget_class, MqlwProjectView, copy_card_button);
  gtk_widget_class_install_action (widget_class, "project.remove-card", "u", remove_card_action);
  gtk_widget_class_install_action (widget_class, "project.copy-my-card", NULL, copy_my_card_action);
  gtk_widget_class_install_action (widget_class, "project.compare-scenarios", "s", compare_scenarios_action);
}

static void
mqlw_project_view_init (MqlwProjectView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  label_widget (GTK_WIDGET (self->versions_list), _("Model versions"));
  label_widget (GTK_WIDGET (self->scenarios_list), _("Scenarios"));
  label_widget (GTK_WIDGET (self->exports_list), _("Export log"));
  label_widget (self->save_version_button, _("Save the current model as a version"));
  label_widget (self->save_scenario_button, _("Save the current model as a scenario"));
  label_widget (self->sign_button, _("Sign off the model"));
  gtk_widget_set_tooltip_text (self->save_version_button, _("Save Version (Ctrl+Alt+S)"));
  gtk_widget_set_tooltip_text (self->save_scenario_button, _("Save as Scenario (Ctrl+Alt+N)"));
  gtk_widget_set_tooltip_text (self->sign_button, _("Sign Off (Ctrl+Alt+O)"));
  label_widget (GTK_WIDGET (self->cards_list), _("Trusted approver cards"));
  label_widget (self->copy_card_button, _("Copy your approver card"));
  gtk_widget_set_tooltip_text (self->copy_card_button, _("Copy your approver card, to send to the other approvers"));
  g_signal_connect_swapped (self->card_entry, "apply", G_CALLBACK (on_card_apply_cb), self);
}

void
mqlw_project_view_set_session (MqlwProjectView    *self,
                               MqlwProjectSession *session)
{
  g_return_if_fail (MQLW_IS_PROJECT_VIEW (self));
  g_return_if_fail (MQLW_IS_PROJECT_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_signal_connect (session, "changed", G_CALLBACK (on_session_changed_cb), self);
  refill (self);
}

guint
mqlw_project_view_get_n_rows (MqlwProjectView *self,
                              const char      *group)
{
  g_return_val_if_fail (MQLW_IS_PROJECT_VIEW (self), 0);
  g_return_val_if_fail (group != NULL, 0);

  if (self->stale && self->session != NULL)
    refill (self);
  if (g_str_equal (group, "versions"))
    return self->n_versions;
  if (g_str_equal (group, "scenarios"))
    return self->n_scenarios;
  if (g_str_equal (group, "cards"))
    return self->n_cards;
  return 0;
}

/* AdwPreferencesPage keeps its AdwClamp to itself (libadwaita 1.2): found
 * among its descendants. */
static AdwClamp *
find_clamp (GtkWidget *widget)
{
  if (ADW_IS_CLAMP (widget))
    return ADW_CLAMP (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      AdwClamp *clamp = find_clamp (child);
      if (clamp != NULL)
        return clamp;
    }
  return NULL;
}

void
mqlw_project_view_set_workshop (MqlwProjectView *self,
                                gboolean         workshop)
{
  AdwClamp *clamp;

  g_return_if_fail (MQLW_IS_PROJECT_VIEW (self));

  workshop = !!workshop;
  if (self->workshop == workshop)
    return;
  self->workshop = workshop;
  /* The page's own width (600 px) is too narrow for type read across a room. */
  clamp = find_clamp (GTK_WIDGET (self->page));
  if (clamp != NULL)
    {
      adw_clamp_set_maximum_size (clamp, workshop ? 1000 : 600);
      adw_clamp_set_tightening_threshold (clamp, workshop ? 800 : 400);
    }
}
