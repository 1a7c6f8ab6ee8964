/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Keys, approver cards and key signatures of a sign-off. The keys are made
 * here, in a temporary folder, with `ssh-keygen -t ed25519 -N ''`; every
 * verdict is checked against OpenSSH's own `ssh-keygen` run by this test, an
 * implementation independent of the code under test (which drives the same
 * tool, but builds the payload and the trust list itself).
 *
 * The sign-off is test-signoff.c's six-lead fixture (threshold 30), signed by
 * Maria Keller (marketing) and Sam Ortiz (sales). */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "mqlw-core.h"
#include "mqlw-signoff-private.h"   /* mqlw_signoff_upgrade: the forger recomputes digests */

static char *work_dir;

/* Runs a command line in work_dir with @input on its standard input; returns
 * the exit status and keeps standard output in @out (nullable). */
static int
run (const char *input,
     char      **out,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL, *stderr_text = NULL;
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, work_dir);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  g_test_message ("%s: %s %s", first, stdout_text, stderr_text);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  return g_subprocess_get_exit_status (process);
}

/* A new key pair <work_dir>/NAME, no passphrase. */
static char *
make_key (const char *name)
{
  g_autofree char *path = g_build_filename (work_dir, name, NULL);

  g_assert_cmpint (run (NULL, NULL, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path, NULL), ==, 0);
  return g_steal_pointer (&path);
}

static MqlwSigningKey *
load_key (const char *path)
{
  g_autoptr(GError) error = NULL;
  MqlwSigningKey *key = mqlw_signing_key_load (path, NULL, &error);

  g_assert_no_error (error);
  return key;
}

/* ---- the six-lead sign-off ---------------------------------------------- */

static MqlwSignoff *
sign_six (void)
{
  static const char * const seniority[] = { "VP", "VP", "Manager", "Manager", NULL, "VP" };
  static const double demo[] = { 0, 1, 1, 0, 2, 0 };
  static const gint8 sql[] = { 1, 1, 0, 0, 1, 0 };
  g_autoptr(MqlwDataset) dataset = mqlw_dataset_new (6);
  g_autoptr(MqlwModel) model = mqlw_model_new ();
  g_autoptr(GPtrArray) approvers = g_ptr_array_new_with_free_func ((GDestroyNotify) mqlw_approver_free);
  g_autoptr(GError) error = NULL;
  MqlwColumn *sen, *dm;
  MqlwFitRule *fit;
  gint8 *stage;
  GDate day;
  MqlwSignoff *signoff;

  dataset->source_name = g_strdup ("six.csv");
  dataset->source_sha256 = g_strdup ("5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e");
  sen = mqlw_dataset_add_column (dataset, "seniority", MQLW_COLUMN_TYPE_CATEGORICAL, MQLW_ROLE_FIT);
  dm = mqlw_dataset_add_column (dataset, "demo_requests", MQLW_COLUMN_TYPE_INTEGER, MQLW_ROLE_ACTIVITY_COUNT);
  stage = mqlw_dataset_ensure_stage (dataset, MQLW_STAGE_SQL);
  for (guint i = 0; i < 6; i++)
    {
      if (seniority[i] != NULL)
        sen->codes[i] = mqlw_column_intern (sen, seniority[i], -1);
      dm->num[i] = demo[i];
      stage[i] = sql[i];
    }
  fit = mqlw_model_add_fit (model, "vp", "seniority", MQLW_MATCH_IN_SET, 30);
  g_strfreev (fit->match.values);
  fit->match.values = g_strsplit ("VP", ",", -1);
  mqlw_model_add_behaviour (model, "demo", "demo_requests", 25, 50);
  model->threshold = 30;
  g_ptr_array_add (approvers, mqlw_approver_new ("Maria Keller", "VP Marketing", MQLW_TEAM_MARKETING));
  g_ptr_array_add (approvers, mqlw_approver_new ("Sam Ortiz", "VP Sales", MQLW_TEAM_SALES));
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 30, G_DATE_NOVEMBER, 2025);
  signoff = mqlw_signoff_create (dataset, model, approvers, "Agreed", &day, NULL, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  return signoff;
}

static void
add_signature (MqlwSignoff    *signoff,
               MqlwSigningKey *key,
               const char     *name,
               MqlwTeam        team)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (mqlw_signoff_add_signature (signoff, key, name, team, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static char *
card (const char *name,
      MqlwSigningKey *key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = mqlw_approver_card_format (name, key->public_key, &error);

  g_assert_no_error (error);
  return g_strconcat (line, "\n", NULL);
}

static MqlwVerifyResult *
verify (const char *json,
        const char *allowed)
{
  g_autoptr(GError) error = NULL;
  MqlwVerifyResult *result = NULL;

  g_assert_true (mqlw_signoff_verify_full (json, -1, NULL, allowed, NULL, &result, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < result->messages->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (result->messages, i));
  return result;
}

static gboolean
has_message (MqlwVerifyResult *result,
             const char       *text)
{
  for (guint i = 0; i < result->messages->len; i++)
    if (strstr (g_ptr_array_index (result->messages, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static MqlwSignatureStatus
status_of (MqlwVerifyResult *result,
           guint             index)
{
  g_assert_cmpuint (index, <, result->signatures->len);
  return ((MqlwSignatureCheck *) g_ptr_array_index (result->signatures, index))->status;
}

/* ---- tests -------------------------------------------------------------- */

/* The fingerprint is OpenSSH's: compare with `ssh-keygen -l -f KEY.pub`. */
static void
test_fingerprint (void)
{
  g_autofree char *path = make_key ("finger");
  g_autofree char *pub = g_strconcat (path, ".pub", NULL);
  g_autofree char *listed = NULL, *contents = NULL, *ours = NULL;
  g_auto(GStrv) fields = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run (NULL, &listed, "ssh-keygen", "-l", "-E", "sha256", "-f", pub, NULL), ==, 0);
  fields = g_strsplit (listed, " ", -1);   /* "256 SHA256:… finger (ED25519)" */
  g_assert_true (g_file_get_contents (pub, &contents, NULL, NULL));
  ours = mqlw_ssh_key_fingerprint (contents);
  g_assert_cmpstr (ours, ==, fields[1]);

  /* Not an Ed25519 key, or a damaged one. */
  g_assert_null (mqlw_ssh_key_normalize ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ user", &error));
  g_assert_error (error, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_TYPE);
  g_assert_nonnull (strstr (error->message, "ssh-rsa"));
  g_clear_error (&error);
  g_assert_null (mqlw_ssh_key_normalize ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA== x", &error));
  g_assert_error (error, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_TYPE);
  g_assert_null (mqlw_ssh_key_fingerprint ("hello"));
}

static void
test_cards (void)
{
  g_autofree char *path = make_key ("carded");
  g_autoptr(MqlwSigningKey) key = load_key (path);
  g_autofree char *line = NULL, *again = NULL;
  g_autoptr(MqlwApproverCard) parsed = NULL;
  g_autoptr(GError) error = NULL;
  const char *bad[] = {
    "\"Dana Lee\"",
    "\"Dana Lee\" namespaces=\"git\" KEY",
    "\"Dana, Lee\" KEY",
    "\"Dana Lee\" ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ",
    "\"Dana Lee\" cert-authority KEY",
    /* A second line in the comment (or the options) would be a card of its own in allowed_signers. */
    "\"Dana Lee\" namespaces=\"mql-workbench\" KEY note\n\"Sam\" namespaces=\"mql-workbench\" KEY",
    "\"Dana Lee\" namespaces=\"mql-workbench\" KEY note\r\"Sam\" KEY",
    "\"Dana Lee\" namespaces=\"mql-workbench\"\n\"Sam\" KEY",
  };

  line = mqlw_approver_card_format ("Dana Lee", key->public_key, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (line, "\"Dana Lee\" namespaces=\"mql-workbench\" ssh-ed25519 AAAA"));
  parsed = mqlw_approver_card_parse (line, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (parsed->principal, ==, "Dana Lee");
  g_assert_cmpstr (parsed->public_key, ==, key->public_key);
  g_assert_cmpstr (parsed->fingerprint, ==, key->fingerprint);
  again = mqlw_approver_card_to_line (parsed);
  g_assert_cmpstr (again, ==, line);

  /* Leniently read: unquoted, without the option, with a comment. */
  {
    g_autofree char *plain = g_strdup_printf ("Sam %s sam@laptop", key->public_key);
    g_autofree char *listed = g_strdup_printf ("\"Sam Ortiz\" namespaces=\"git,mql-workbench\" %s", key->public_key);
    g_autoptr(MqlwApproverCard) a = mqlw_approver_card_parse (plain, &error);
    g_autoptr(MqlwApproverCard) b = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (a->principal, ==, "Sam");
    g_assert_cmpstr (a->comment, ==, "sam@laptop");
    b = mqlw_approver_card_parse (listed, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (b->principal, ==, "Sam Ortiz");
  }
  /* A key's comment is one line of text: control characters read as spaces. */
  {
    g_autofree char *escaped = g_strdup_printf ("\"Sam\" %s sam\x1b[2J@laptop\t1", key->public_key);
    g_autoptr(MqlwApproverCard) c = mqlw_approver_card_parse (escaped, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (c->comment, ==, "sam [2J@laptop 1");
  }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GString) text = g_string_new (bad[i]);
      g_autoptr(GError) local = NULL;

      g_string_replace (text, "KEY", key->public_key, 0);
      g_test_message ("bad card: %s", text->str);
      g_assert_null (mqlw_approver_card_parse (text->str, &local));
      g_assert_error (local, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_CARD);
    }
}

/* The personal key: made on first use in the user data dir, 0600 in a 0700
 * folder, never replaced; a passphrase protects it. */
static void
test_personal_key (void)
{
  g_autofree char *path = mqlw_personal_key_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(MqlwSigningKey) key = NULL;
  g_autoptr(MqlwSigningKey) again = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (g_str_has_prefix (path, work_dir));
  g_assert_null (mqlw_personal_key_load (&error));
  g_assert_error (error, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  key = mqlw_personal_key_create ("Dana Lee", "correct horse", &error);
  g_assert_no_error (error);
  g_assert_true (key->has_private);
  g_assert_cmpstr (key->comment, ==, "Dana Lee");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  /* ssh-keygen itself opens it with the passphrase only. */
  g_assert_cmpint (run (NULL, NULL, "ssh-keygen", "-y", "-P", "correct horse", "-f", path, NULL), ==, 0);
  g_assert_cmpint (run (NULL, NULL, "ssh-keygen", "-y", "-P", "", "-f", path, NULL), !=, 0);

  g_assert_null (mqlw_personal_key_create ("Dana Lee", NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  again = mqlw_personal_key_load (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->fingerprint, ==, key->fingerprint);

  /* Signing needs the passphrase. */
  {
    g_autoptr(MqlwSignoff) signoff = sign_six ();

    g_assert_null (mqlw_signoff_add_signature (signoff, key, "Maria Keller", MQLW_TEAM_MARKETING, NULL, NULL, NULL,
                                               &error));
    g_assert_error (error, MQLW_SSHSIG_ERROR, MQLW_SSHSIG_ERROR_PASSPHRASE);
    g_clear_error (&error);
    g_assert_null (mqlw_signoff_add_signature (signoff, key, "Maria Keller", MQLW_TEAM_MARKETING, "wrong", NULL, NULL,
                                               &error));
    g_assert_error (error, MQLW_SSHSIG_ERROR, MQLW_SSHSIG_ERROR_PASSPHRASE);
    g_clear_error (&error);
    g_assert_nonnull (mqlw_signoff_add_signature (signoff, key, "Maria Keller", MQLW_TEAM_MARKETING, "correct horse",
                                                  NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (signoff->signatures->len, ==, 1);
  }
}

/* Two keys, both teams: signed off; the payload is what ssh-keygen checks. */
static void
test_two_signers (void)
{
  g_autofree char *maria_path = make_key ("maria");
  g_autofree char *sam_path = make_key ("sam");
  g_autoptr(MqlwSigningKey) maria = load_key (maria_path);
  g_autoptr(MqlwSigningKey) sam = load_key (sam_path);
  g_autoptr(MqlwSignoff) signoff = sign_six ();
  g_autoptr(MqlwVerifyResult) none = NULL, half = NULL, both = NULL, untrusted = NULL;
  g_autofree char *json_one = NULL, *json = NULL, *allowed = NULL, *maria_card = NULL, *sam_card = NULL;
  g_autofree char *allowed_path = g_build_filename (work_dir, "allowed_signers", NULL);
  g_autofree char *payload_path = g_build_filename (work_dir, "payload", NULL);
  g_autofree char *sig_path = g_build_filename (work_dir, "payload.sig", NULL);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) error = NULL;
  const MqlwSignature *sig;

  maria_card = card ("Maria Keller", maria);
  sam_card = card ("Sam Ortiz", sam);
  allowed = g_strconcat (maria_card, sam_card, NULL);

  none = verify (mqlw_signoff_to_json (signoff), allowed);
  g_assert_false (mqlw_verify_result_ok (none));
  g_assert_true (has_message (none, "Not signed with keys yet"));
  g_assert_true (has_message (none, "marketing signature missing"));

  add_signature (signoff, maria, "Maria Keller", MQLW_TEAM_MARKETING);
  json_one = mqlw_signoff_to_json (signoff);
  half = verify (json_one, allowed);
  g_assert_cmpint (status_of (half, 0), ==, MQLW_SIGNATURE_TRUSTED);
  g_assert_true (half->team_signed[MQLW_TEAM_MARKETING]);
  g_assert_false (half->team_signed[MQLW_TEAM_SALES]);
  g_assert_true (has_message (half, "sales signature missing"));
  g_assert_false (mqlw_verify_result_ok (half));

  add_signature (signoff, sam, "Sam Ortiz", MQLW_TEAM_SALES);
  json = mqlw_signoff_to_json (signoff);
  both = verify (json, allowed);
  g_assert_cmpint (status_of (both, 0), ==, MQLW_SIGNATURE_TRUSTED);
  g_assert_cmpint (status_of (both, 1), ==, MQLW_SIGNATURE_TRUSTED);
  g_assert_true (mqlw_verify_result_ok (both));
  g_assert_true (mqlw_verify_result_signed_off (both));

  /* Only Maria's card trusted: Sam's signature is valid, his key unknown. */
  untrusted = verify (json, maria_card);
  g_assert_cmpint (status_of (untrusted, 1), ==, MQLW_SIGNATURE_UNKNOWN_KEY);
  g_assert_true (has_message (untrusted, "key not trusted for Sam Ortiz"));
  g_assert_false (mqlw_verify_result_ok (untrusted));

  /* The record, and the signed bytes checked by ssh-keygen itself. */
  sig = mqlw_signoff_find_signature (signoff, "Sam Ortiz");
  g_assert_nonnull (sig);
  g_assert_cmpstr (sig->fingerprint, ==, sam->fingerprint);
  g_assert_true (g_str_has_prefix (sig->signature, "-----BEGIN SSH SIGNATURE-----"));
  payload = mqlw_signoff_payload (json, -1, "Sam Ortiz", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (allowed_path, allowed, -1, NULL));
  g_assert_true (g_file_set_contents (payload_path, g_bytes_get_data (payload, NULL), g_bytes_get_size (payload), NULL));
  g_assert_true (g_file_set_contents (sig_path, sig->signature, -1, NULL));
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
    g_autofree char *cmd = g_strdup_printf ("ssh-keygen -Y verify -f allowed_signers -I 'Sam Ortiz' -n mql-workbench "
                                            "-s payload.sig < payload");

    /* The payload is the canonical export with its signer (sorted keys, no blanks). */
    g_assert_true (g_str_has_prefix (text, "{\"approvers\":[{\"name\":\"Maria Keller\""));
    g_assert_nonnull (strstr (text, "\"signer\":{\"key\":\"ssh-ed25519 "));
    g_assert_null (strstr (text, "\"signatures\""));
    g_assert_null (strstr (text, "\n"));
    g_assert_cmpint (run (NULL, NULL, "sh", "-c", cmd, NULL), ==, 0);
    /* …and for another principal, ssh-keygen says no. */
    g_assert_cmpint (run (NULL, NULL, "sh", "-c",
                          "ssh-keygen -Y verify -f allowed_signers -I 'Maria Keller' -n mql-workbench "
                          "-s payload.sig < payload", NULL), !=, 0);
  }

  /* The export reads back with its signatures, and writes back the same. */
  {
    g_autoptr(MqlwSignoff) back = mqlw_signoff_from_json (json, -1, &error);
    g_autofree char *again = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (back->signatures->len, ==, 2);
    again = mqlw_signoff_to_json (back);
    g_assert_cmpstr (again, ==, json);
  }
}

/* Who may sign: an approver of the sign-off, once; names fit for keys. */
static void
test_sign_rules (void)
{
  g_autofree char *path = make_key ("rules");
  g_autoptr(MqlwSigningKey) key = load_key (path);
  g_autoptr(MqlwSignoff) signoff = sign_six ();
  static const struct {
    const char *name;
    MqlwTeam    team;
    const char *message;
  } cases[] = {
    { "Dana Lee", MQLW_TEAM_MARKETING, "is not among the approvers" },
    { "Sam Ortiz", MQLW_TEAM_MARKETING, "is not among the approvers" },
    { "Maria Keller", MQLW_TEAM_MARKETING, "has signed already" },
    { "Lee, Dana", MQLW_TEAM_SALES, "cannot sign with a key" },
  };

  add_signature (signoff, key, "Maria Keller", MQLW_TEAM_MARKETING);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (mqlw_signoff_add_signature (signoff, key, cases[i].name, cases[i].team, NULL, NULL, NULL, &error));
      g_assert_error (error, MQLW_SIGNOFF_ERROR, MQLW_SIGNOFF_ERROR_SIGN);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

/* A name's length: ssh-keygen itself finds no principal of 1023 bytes in an
 * allowed_signers file (run here, so the limit below stays under what it
 * takes), and a name over MQLW_SIGNING_NAME_MAX (512) bytes is refused before
 * signing, with the start of the name in valid UTF-8 ("é" is 2 bytes: 257 of
 * them are 514 bytes). */
static void
test_name_length (void)
{
  g_autofree char *path = make_key ("long");
  g_autofree char *pub = g_strconcat (path, ".pub", NULL);
  g_autofree char *key_line = NULL, *signature = NULL;
  g_autofree char *sig_path = g_build_filename (work_dir, "long.sig", NULL);
  g_autofree char *cards_path = g_build_filename (work_dir, "long-cards", NULL);
  GString *at_most = g_string_new (NULL), *over = g_string_new (NULL), *too_long = g_string_new ("S");
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (pub, &key_line, NULL, NULL));
  g_assert_cmpint (run ("hello\n", &signature, "ssh-keygen", "-Y", "sign", "-f", path, "-n", "mql-workbench", NULL), ==, 0);
  g_assert_true (g_file_set_contents (sig_path, signature, -1, NULL));
  for (guint i = 0; i < 1022; i++)
    g_string_append_c (too_long, 'z');
  for (int size = 1022; size <= 1023; size++)
    {
      g_autofree char *line = g_strdup_printf ("\"%.*s\" namespaces=\"mql-workbench\" %s", size, too_long->str, key_line);
      g_autofree char *principal = g_strndup (too_long->str, size);

      g_assert_true (g_file_set_contents (cards_path, line, -1, NULL));
      g_assert_cmpint (run ("hello\n", NULL, "ssh-keygen", "-Y", "verify", "-f", "long-cards", "-I", principal,
                            "-n", "mql-workbench", "-s", "long.sig", NULL) == 0, ==, size == 1022);
    }

  for (guint i = 0; i < MQLW_SIGNING_NAME_MAX; i++)
    g_string_append_c (at_most, 'z');
  g_assert_true (mqlw_signing_name_check (at_most->str, NULL));
  for (guint i = 0; i < 257; i++)
    g_string_append (over, "é");
  g_assert_false (mqlw_signing_name_check (over->str, &error));
  g_assert_error (error, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_NAME);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "at most 512 bytes"));
  /* An empty name and one starting with white space are told apart. */
  g_clear_error (&error);
  g_assert_false (mqlw_signing_name_check ("", &error));
  g_assert_cmpstr (error->message, ==, "A signer needs a name");
  g_clear_error (&error);
  g_assert_false (mqlw_signing_name_check (" lead", &error));
  g_assert_cmpstr (error->message, ==, "A name used with keys cannot start with a space or a tab");
  g_string_free (at_most, TRUE);
  g_string_free (over, TRUE);
  g_string_free (too_long, TRUE);
}

/* After signing: a changed part, a changed date, an added member, a forged
 * re-signature with a third key, a dropped signature. */
static void
test_tampering (void)
{
  g_autofree char *maria_path = make_key ("maria2");
  g_autofree char *sam_path = make_key ("sam2");
  g_autofree char *mallory_path = make_key ("mallory");
  g_autoptr(MqlwSigningKey) maria = load_key (maria_path);
  g_autoptr(MqlwSigningKey) sam = load_key (sam_path);
  g_autoptr(MqlwSigningKey) mallory = load_key (mallory_path);
  g_autoptr(MqlwSignoff) signoff = sign_six ();
  g_autofree char *json = NULL, *allowed = NULL, *maria_card = NULL, *sam_card = NULL;
  g_autoptr(GError) error = NULL;

  add_signature (signoff, maria, "Maria Keller", MQLW_TEAM_MARKETING);
  add_signature (signoff, sam, "Sam Ortiz", MQLW_TEAM_SALES);
  json = mqlw_signoff_to_json (signoff);
  maria_card = card ("Maria Keller", maria);
  sam_card = card ("Sam Ortiz", sam);
  allowed = g_strconcat (maria_card, sam_card, NULL);

  /* Forgery: threshold 30 → 20, digests recomputed (a new sign-off with the
   * same approvers), Maria's signature made with Mallory's key. */
  {
    g_autoptr(MqlwSignoff) original = mqlw_signoff_from_json (json, -1, &error);
    g_autoptr(MqlwVerifyResult) result = NULL;
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *root;
      g_autoptr(MqlwSignoff) rebuilt = NULL;
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *edited = NULL;

      g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
      root = json_node_get_object (json_parser_get_root (parser));
      json_object_set_int_member (root, "threshold", 20);
      json_object_set_int_member (json_object_get_object_member (root, "model"), "threshold", 20);
      json_object_set_array_member (root, "signatures", json_array_new ());
      json_generator_set_root (generator, json_parser_get_root (parser));
      edited = json_generator_to_data (generator, NULL);
      /* Its digests are stale; a forger recomputes them (here: by the
       * upgrade path, which recomputes every digest). */
      rebuilt = mqlw_signoff_from_json (edited, -1, &error);
      g_assert_no_error (error);
      rebuilt->format_version = 1;
      g_clear_pointer (&rebuilt->document, json_node_unref);
      mqlw_signoff_upgrade (rebuilt);
      add_signature (rebuilt, mallory, "Maria Keller", MQLW_TEAM_MARKETING);
      /* Sam's genuine signature copied over from the original. */
      g_ptr_array_add (rebuilt->signatures,
                       g_steal_pointer (&g_ptr_array_index (original->signatures, 1)));
      text = mqlw_signoff_to_json (rebuilt);
    }
    result = verify (text, allowed);
    g_assert_cmpuint (result->changed, ==, 0);    /* the digests agree with the content … */
    g_assert_true (result->digest_ok);
    g_assert_cmpint (status_of (result, 0), ==, MQLW_SIGNATURE_UNKNOWN_KEY);
    g_assert_true (has_message (result, "key not trusted for Maria Keller"));
    g_assert_cmpint (status_of (result, 1), ==, MQLW_SIGNATURE_INVALID);   /* … but not with Sam's signature */
    g_assert_true (has_message (result, "the threshold (threshold) changed after Sam Ortiz signed"));
    g_assert_false (mqlw_verify_result_ok (result));
  }

  /* Dropping Sam's signature. */
  {
    g_autoptr(MqlwSignoff) copy = mqlw_signoff_from_json (json, -1, &error);
    g_autoptr(MqlwVerifyResult) result = NULL;
    g_autofree char *text = NULL;

    g_ptr_array_remove_index (copy->signatures, 1);
    text = mqlw_signoff_to_json (copy);
    result = verify (text, allowed);
    g_assert_cmpint (status_of (result, 0), ==, MQLW_SIGNATURE_TRUSTED);
    g_assert_true (has_message (result, "sales signature missing"));
    g_assert_false (mqlw_verify_result_ok (result));
  }

  /* A changed date with the digests left alone: the part is named, both
   * signatures are invalid. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    g_autoptr(MqlwVerifyResult) result = NULL;
    g_autofree char *text = NULL;

    g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
    json_object_set_string_member (json_node_get_object (json_parser_get_root (parser)), "review_on", "2027-01-01");
    json_generator_set_root (generator, json_parser_get_root (parser));
    text = json_generator_to_data (generator, NULL);
    result = verify (text, allowed);
    g_assert_cmpuint (result->changed, ==, 1u << MQLW_SIGNOFF_PART_DATES);
    g_assert_cmpint (status_of (result, 0), ==, MQLW_SIGNATURE_INVALID);
    g_assert_cmpint (status_of (result, 1), ==, MQLW_SIGNATURE_INVALID);
    g_assert_true (has_message (result, "the dates (dates) changed after Maria Keller signed"));
  }
}

/* A format 1 sign-off becomes format 2 with its first key signature. */
static void
test_upgrade (void)
{
  g_autofree char *path = make_key ("upgrade");
  g_autoptr(MqlwSigningKey) key = load_key (path);
  g_autoptr(MqlwSignoff) signoff = sign_six ();
  g_autoptr(GString) recipe = g_string_new ("mqlw-signoff-2\n");
  g_autofree char *v2_digest = NULL;

  /* Format 2's digest (mqlw-signoff.h): the first nine parts. */
  for (guint p = 0; p < MQLW_SIGNOFF_N_PARTS_V2; p++)
    g_string_append_printf (recipe, "%s=%s\n", mqlw_signoff_part_to_string (p), signoff->part_digests[p]);
  v2_digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, recipe->str, -1);

  /* Made format 1 by hand: seven part digests. */
  signoff->format_version = 1;
  g_clear_pointer (&signoff->document, json_node_unref);
  g_clear_pointer (&signoff->part_digests[MQLW_SIGNOFF_PART_DATES], g_free);
  g_clear_pointer (&signoff->part_digests[MQLW_SIGNOFF_PART_PROJECT_VERSION], g_free);
  g_clear_pointer (&signoff->part_digests[MQLW_SIGNOFF_PART_SQL], g_free);
  add_signature (signoff, key, "Sam Ortiz", MQLW_TEAM_SALES);
  g_assert_cmpuint (signoff->format_version, ==, 2);
  g_assert_nonnull (signoff->part_digests[MQLW_SIGNOFF_PART_DATES]);
  /* The same digests as the sign-off had when made as format 2. */
  g_assert_cmpstr (signoff->digest, ==, v2_digest);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_home = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  work_dir = g_dir_make_tmp ("mqlw-keys-XXXXXX", NULL);
  g_assert_nonnull (work_dir);
  /* The personal key goes to $XDG_DATA_HOME: a folder of the test's own. */
  data_home = g_build_filename (work_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_add_func ("/mqlw/keys/fingerprint", test_fingerprint);
  g_test_add_func ("/mqlw/keys/cards", test_cards);
  g_test_add_func ("/mqlw/keys/personal-key", test_personal_key);
  g_test_add_func ("/mqlw/keys/two-signers", test_two_signers);
  g_test_add_func ("/mqlw/keys/sign-rules", test_sign_rules);
  g_test_add_func ("/mqlw/keys/name-length", test_name_length);
  g_test_add_func ("/mqlw/keys/tampering", test_tampering);
  g_test_add_func ("/mqlw/keys/upgrade", test_upgrade);
  status = g_test_run ();
  g_free (work_dir);
  return status;
}
