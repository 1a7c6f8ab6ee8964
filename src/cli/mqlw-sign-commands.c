/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw sign | key | project trust: key signatures on the agreed model, the
 * signing key, and the project's trusted approver cards. Parse options, call
 * the core (mqlw-keys.h, mqlw-signoff.h), print. */
#define G_LOG_DOMAIN "mqlw-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "mqlw-cli.h"
#include "mqlw-commands.h"
#include "mqlw-project-lock.h"

static const char *exit_text = N_("Exit status: 0 success, 1 usage error, 2 data error.");

/* ---- shared with mqlw project sign ------------------------------------- */

char *
mqlw_cli_read_passphrase (const char  *path,
                          GError     **error)
{
  g_autofree char *text = NULL;
  char *end;

  if (path == NULL)
    return NULL;
  text = mqlw_cli_read_text (path, _("the passphrase (--passphrase-file)"), MQLW_CLI_PASSPHRASE_MAX_BYTES, NULL, error);
  if (text == NULL)
    return NULL;
  end = strchr (text, '\n');
  if (end != NULL)
    *end = '\0';
  return g_steal_pointer (&text);
}

MqlwSigningKey *
mqlw_cli_signing_key (const char  *path,
                      const char  *name,
                      const char  *passphrase,
                      GError     **error)
{
  g_autoptr(MqlwSigningKey) key = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *card = NULL;

  if (path != NULL)
    return mqlw_signing_key_load (path, passphrase, error);
  key = mqlw_personal_key_load (&local);
  if (key != NULL)
    return g_steal_pointer (&key);
  if (!g_error_matches (local, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  /* First use: the personal key, made now. */
  key = mqlw_personal_key_create (name, passphrase, error);
  if (key == NULL)
    return NULL;
  card = mqlw_approver_card_format (name, key->public_key, NULL);
  g_printerr (_("mqlw: created your signing key %s (%s, %s)\n"), key->path, key->fingerprint,
              passphrase != NULL && *passphrase != '\0' ? _("with a passphrase") : _("no passphrase"));
  if (card != NULL)
    g_printerr (_("mqlw: your approver card, for others to trust your key:\n%s\n"), card);
  return g_steal_pointer (&key);
}

int
mqlw_cli_report_sign_error (const GError *error)
{
  if (g_error_matches (error, MQLW_SSHSIG_ERROR, MQLW_SSHSIG_ERROR_PASSPHRASE))
    {
      g_printerr (_("mqlw: %s\nmqlw: give it with --passphrase-file FILE, or add the key to ssh-agent (ssh-add KEY) "
                    "and sign with --key KEY.pub\n"), error->message);
      return MQLW_EXIT_DATA;
    }
  return mqlw_report_error (error);
}

/* Who signed, and whose signature is still missing. */
void
mqlw_cli_print_signatures (const MqlwSignoff *signoff,
                           const char        *file)
{
  g_autoptr(GPtrArray) missing = mqlw_signoff_unsigned_approvers (signoff);
  gboolean both = mqlw_signoff_team_signed (signoff, MQLW_TEAM_MARKETING) &&
                  mqlw_signoff_team_signed (signoff, MQLW_TEAM_SALES);

  for (guint i = 0; i < signoff->signatures->len; i++)
    {
      const MqlwSignature *s = g_ptr_array_index (signoff->signatures, i);
      g_print (_("  signed: %s (%s), key %s, %s\n"), s->name, mqlw_team_to_string (s->team), s->fingerprint,
               s->signed_at);
    }
  for (guint i = 0; i < missing->len; i++)
    {
      const MqlwApprover *a = g_ptr_array_index (missing, i);
      g_print (_("  not signed yet: %s (%s); they sign with: mqlw sign %s --approver \"%s|%s|%s\" --key KEY\n"),
               a->name, mqlw_team_to_string (a->team), file, a->name, a->role, mqlw_team_to_string (a->team));
    }
  if (both)
    g_print ("%s\n", _("Both teams have signed with keys: check it with mqlw verify FILE --allowed-signers CARDS"));
  else
    g_print ("%s\n", !mqlw_signoff_team_signed (signoff, MQLW_TEAM_MARKETING)
                     ? _("Not signed off yet: a marketing signature is missing")
                     : _("Not signed off yet: a sales signature is missing"));
}

char *
mqlw_cli_allowed_signers (char   **paths,
                          GError **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autofree char *contents = NULL;

      if (mqlw_project_is_project_file (paths[i]))
        {
          g_autoptr(MqlwProject) project = mqlw_open_project (paths[i], FALSE, error);

          if (project == NULL)
            return NULL;
          contents = mqlw_project_get_allowed_signers (project);
        }
      else if ((contents = mqlw_cli_read_text (paths[i], _("the approver cards (--allowed-signers)"),
                                               MQLW_CLI_TEXT_MAX_BYTES, NULL, error)) == NULL)
        return NULL;
      g_string_append (text, contents);
      if (text->len > 0 && text->str[text->len - 1] != '\n')
        g_string_append_c (text, '\n');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- mqlw sign --------------------------------------------------------- */

static int
sign_export (const char         *path,
             const MqlwApprover *approver,
             MqlwSigningKey     *key,
             const char         *passphrase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwVerifyResult) result = NULL;
  g_autoptr(MqlwSignoff) signoff = NULL;
  g_autoptr(MqlwProjectLock) lock = NULL;
  g_autofree char *contents = NULL;
  const MqlwSignature *signature;
  gsize length;

  /* Read, signed and written back in turn: two approvers signing one file at
   * once both keep their signature. */
  if ((lock = mqlw_project_lock_acquire (path, -1, NULL, &error)) == NULL ||
      (contents = mqlw_cli_read_text (path, NULL, MQLW_JSON_MAX_BYTES, &length, &error)) == NULL)
    return mqlw_report_error (error);
  /* Only what is as it was exported gets a signature. */
  if (!mqlw_signoff_verify_full (contents, (gssize) length, NULL, NULL, NULL, &result, &error))
    return mqlw_cli_report_sign_error (error);
  if (!mqlw_verify_result_ok (result))
    {
      g_printerr (_("mqlw: %s cannot be signed: it changed after export (run mqlw verify %s)\n"), path, path);
      for (guint i = 0; i < result->messages->len; i++)
        g_printerr ("  %s\n", (const char *) g_ptr_array_index (result->messages, i));
      return MQLW_EXIT_MISMATCH;
    }
  if ((signoff = mqlw_signoff_from_json (contents, (gssize) length, &error)) == NULL)
    return mqlw_report_error (error);
  signature = mqlw_signoff_add_signature (signoff, key, approver->name, approver->team, passphrase, NULL, NULL, &error);
  if (signature == NULL)
    return mqlw_cli_report_sign_error (error);
  if (!mqlw_signoff_export (signoff, path, &error))
    return mqlw_report_error (error);
  g_print (_("Signed %s as %s (%s) with key %s\n"), path, signature->name, mqlw_team_to_string (signature->team),
           signature->fingerprint);
  mqlw_cli_print_signatures (signoff, path);
  return MQLW_EXIT_OK;
}

static int
sign_project (const char         *path,
              guint               version,
              const MqlwApprover *approver,
              MqlwSigningKey     *key,
              const char         *passphrase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwProject) project = NULL;
  const MqlwModelVersion *v;
  MqlwSignoff *signoff;
  const MqlwSignature *signature;

  /* Read and saved under the project's lock: another writer takes its turn. */
  if ((project = mqlw_open_project (path, TRUE, &error)) == NULL)
    return mqlw_report_error (error);
  v = version > 0 ? mqlw_project_get_version (project, version) : NULL;
  signoff = version > 0 ? (v != NULL ? v->signoff : NULL) : mqlw_project_get_latest_signoff (project);
  if (signoff == NULL)
    {
      g_printerr (_("mqlw: %s has no sign-off to sign yet: start one with mqlw project sign\n"), path);
      return MQLW_EXIT_DATA;
    }
  signature = mqlw_signoff_add_signature (signoff, key, approver->name, approver->team, passphrase, NULL, NULL, &error);
  if (signature == NULL)
    return mqlw_cli_report_sign_error (error);
  mqlw_project_signoff_changed (project);
  if (!mqlw_project_save (project, NULL, NULL, NULL, &error))
    return mqlw_report_error (error);
  g_print (_("Signed version %u of %s as %s (%s) with key %s\n"), signoff->version, path, signature->name,
           mqlw_team_to_string (signature->team), signature->fingerprint);
  mqlw_cli_print_signatures (signoff, path);
  return MQLW_EXIT_OK;
}

int
mqlw_command_sign (int    argc,
                   char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autofree char *key_path = NULL, *approver_text = NULL, *passphrase_file = NULL, *passphrase = NULL;
  g_autoptr(MqlwApprover) approver = NULL;
  g_autoptr(MqlwSigningKey) key = NULL;
  gint version = 0;
  GOptionEntry entries[] = {
    { "approver", 'a', 0, G_OPTION_ARG_STRING, &approver_text,
      N_("Who signs: name, role and team, as listed among the approvers"), N_("NAME|ROLE|TEAM") },
    { "key", 'k', 0, G_OPTION_ARG_FILENAME, &key_path,
      N_("Your OpenSSH Ed25519 key (its .pub file when ssh-agent holds it); default: your personal signing key, "
         "made on first use"), N_("KEY") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the key's passphrase from the first line of this file"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_INT, &version,
      N_("For a project: the signed version to sign (default: the latest sign-off)"), N_("N") },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("AGREED-MODEL.json|PROJECT.mqlw"),
                        _("Add your signature to an agreed model: the export's JSON file (as the other team's approver,\n"
                          "on your own machine) or a project's latest sign-off. You must be one of its approvers. The\n"
                          "signature is Ed25519 in OpenSSH's SSHSIG format (namespace mql-workbench), made by ssh-keygen."),
                        _(exit_text), entries, FALSE, FALSE, FALSE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, _("agreed model to sign (JSON or project)"), &error))
    return mqlw_report_error (error);
  if (approver_text == NULL)
    {
      g_printerr ("mqlw: %s\n", _("say who signs: --approver \"Name|Role|team\""));
      return MQLW_EXIT_USAGE;
    }
  if ((approver = mqlw_approver_parse (approver_text, &error)) == NULL)
    {
      g_printerr ("mqlw: --approver: %s\n", error->message);
      return MQLW_EXIT_USAGE;
    }
  if (version < 0)
    {
      g_printerr ("mqlw: %s\n", _("--version must be a version number"));
      return MQLW_EXIT_USAGE;
    }
  if ((passphrase_file != NULL && (passphrase = mqlw_cli_read_passphrase (passphrase_file, &error)) == NULL) ||
      (key = mqlw_cli_signing_key (key_path, approver->name, passphrase, &error)) == NULL)
    return mqlw_cli_report_sign_error (error);
  if (mqlw_project_is_project_file (inv.rest[0]))
    return sign_project (inv.rest[0], (guint) version, approver, key, passphrase);
  return sign_export (inv.rest[0], approver, key, passphrase);
}

/* ---- mqlw key ---------------------------------------------------------- */

int
mqlw_command_key (int    argc,
                  char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autofree char *key_path = NULL, *name = NULL, *passphrase_file = NULL, *passphrase = NULL, *card = NULL;
  g_autoptr(MqlwSigningKey) key = NULL;
  g_autofree char *personal_path = mqlw_personal_key_path ();
  gboolean create = FALSE, card_only = FALSE;
  GOptionEntry entries[] = {
    { "create", 0, 0, G_OPTION_ARG_NONE, &create, N_("Make your personal signing key if you have none"), NULL },
    { "key", 'k', 0, G_OPTION_ARG_FILENAME, &key_path,
      N_("Show this OpenSSH Ed25519 key instead of your personal one"), N_("KEY") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name,
      N_("Your name as approvers list it, for the approver card (default: your full name)"), N_("NAME") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("With --create: protect the new key with the passphrase on the first line of this file"), N_("FILE") },
    { "card", 0, 0, G_OPTION_ARG_NONE, &card_only, N_("Print the approver card only"), NULL },
    { NULL }
  };

  mqlw_invocation_init (&inv, NULL,
                        _("Show your signing key and its approver card: the one line others add to their trusted cards\n"
                          "(mqlw project trust PROJECT --add CARD) or to an allowed_signers file. Your personal key lives\n"
                          "in your data folder (mql-workbench/signing-key), private part readable by you alone."),
                        _(exit_text), entries, FALSE, FALSE, FALSE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 0, NULL, &error))
    return mqlw_report_error (error);
  if (name == NULL)
    {
      const char *real = g_get_real_name ();
      name = g_strdup (real != NULL && *real != '\0' && !g_str_equal (real, "Unknown") ? real : g_get_user_name ());
    }
  if (passphrase_file != NULL && (passphrase = mqlw_cli_read_passphrase (passphrase_file, &error)) == NULL)
    return mqlw_report_error (error);
  if (key_path != NULL)
    key = mqlw_signing_key_load (key_path, passphrase, &error);
  else if (create && !g_file_test (personal_path, G_FILE_TEST_EXISTS))
    key = mqlw_personal_key_create (name, passphrase, &error);
  else
    key = mqlw_personal_key_load (&error);
  if (key == NULL)
    {
      if (g_error_matches (error, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_NOT_FOUND) && key_path == NULL)
        g_printerr (_("mqlw: %s; make one with mqlw key --create\n"), error->message);
      else
        return mqlw_cli_report_sign_error (error);
      return MQLW_EXIT_DATA;
    }
  if ((card = mqlw_approver_card_format (name, key->public_key, &error)) == NULL)
    return mqlw_report_error (error);
  if (card_only)
    {
      g_print ("%s\n", card);
      return MQLW_EXIT_OK;
    }
  g_print ("%s: %s\n", _("Key"), key->path);
  g_print ("%s: %s\n", _("Fingerprint"), key->fingerprint);
  g_print ("%s:\n%s\n", _("Approver card (share it; others trust your key by adding it)"), card);
  return MQLW_EXIT_OK;
}

/* ---- mqlw project trust ------------------------------------------------ */

static gboolean
add_cards_from_file (MqlwProject *project,
                     const char  *path,
                     guint       *added,
                     GError     **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  text = mqlw_cli_read_text (path, _("the approver cards (--add-file)"), MQLW_CLI_TEXT_MAX_BYTES, NULL, error);
  if (text == NULL)
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) local = NULL;

      g_strstrip (lines[i]);
      if (*lines[i] == '\0' || *lines[i] == '#')
        continue;
      if (!mqlw_project_add_trusted_card (project, lines[i], &local))
        {
          g_set_error (error, MQLW_CLI_ERROR, MQLW_CLI_ERROR_USAGE, _("%s, line %u: %s"), path, i + 1, local->message);
          return FALSE;
        }
      (*added)++;
    }
  return TRUE;
}

int
mqlw_command_project_trust (int    argc,
                            char **argv)
{
  g_auto(MqlwInvocation) inv;
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwProject) project = NULL;
  g_auto(GStrv) add = NULL, add_files = NULL, remove = NULL;
  gboolean print = FALSE;
  guint added = 0, removed = 0;
  GPtrArray *cards;
  GOptionEntry entries[] = {
    { "add", 0, 0, G_OPTION_ARG_STRING_ARRAY, &add, N_("Trust this approver card (one line); repeat for more"),
      N_("CARD") },
    { "add-file", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &add_files,
      N_("Trust every card in this file (an allowed_signers file works)"), N_("FILE") },
    { "remove", 0, 0, G_OPTION_ARG_STRING_ARRAY, &remove,
      N_("Stop trusting the cards of this name (or number in the list)"), N_("NAME|N") },
    { "allowed-signers", 0, 0, G_OPTION_ARG_NONE, &print,
      N_("Print the trusted cards as an allowed_signers file"), NULL },
    { NULL }
  };

  mqlw_invocation_init (&inv, _("PROJECT.mqlw"),
                        _("The approver cards this project trusts: whose key is whose, for mqlw verify --allowed-signers\n"
                          "PROJECT.mqlw and the window's sign-off. Without options, lists them."),
                        _(exit_text), entries, FALSE, FALSE, FALSE);
  if (!mqlw_invocation_parse (&inv, argc, argv, 1, _("project (PROJECT.mqlw)"), &error))
    return mqlw_report_error (error);
  if ((project = mqlw_open_project (inv.rest[0], TRUE, &error)) == NULL)
    return mqlw_report_error (error);
  for (guint i = 0; add != NULL && add[i] != NULL; i++, added++)
    if (!mqlw_project_add_trusted_card (project, add[i], &error))
      return mqlw_report_error (error);
  for (guint i = 0; add_files != NULL && add_files[i] != NULL; i++)
    if (!add_cards_from_file (project, add_files[i], &added, &error))
      return mqlw_report_error (error);
  cards = mqlw_project_get_trusted_cards (project);
  for (guint r = 0; remove != NULL && remove[r] != NULL; r++)
    {
      guint64 number = 0;
      guint before = removed;

      if (g_ascii_string_to_unsigned (remove[r], 10, 1, cards->len, &number, NULL))
        removed += mqlw_project_remove_trusted_card (project, (guint) number - 1);
      else
        for (guint i = cards->len; i > 0; i--)
          {
            g_autoptr(MqlwApproverCard) card = mqlw_approver_card_parse (g_ptr_array_index (cards, i - 1), NULL);
            if (card != NULL && g_str_equal (card->principal, remove[r]))
              removed += mqlw_project_remove_trusted_card (project, i - 1);
          }
      if (removed == before)
        {
          g_printerr (_("mqlw: %s trusts no card “%s”\n"), inv.rest[0], remove[r]);
          return MQLW_EXIT_DATA;
        }
    }
  if ((added > 0 || removed > 0) && !mqlw_project_save (project, NULL, NULL, NULL, &error))
    return mqlw_report_error (error);

  if (print)
    {
      g_autofree char *text = mqlw_project_get_allowed_signers (project);
      fputs (text, stdout);
      return MQLW_EXIT_OK;
    }
  g_print (_("Trusted approver cards (%u)\n"), cards->len);
  for (guint i = 0; i < cards->len; i++)
    {
      g_autoptr(MqlwApproverCard) card = mqlw_approver_card_parse (g_ptr_array_index (cards, i), NULL);
      if (card != NULL)
        g_print ("  %2u  %-24s %s%s%s\n", i + 1, card->principal, card->fingerprint, *card->comment ? "  " : "",
                 card->comment);
    }
  return MQLW_EXIT_OK;
}
