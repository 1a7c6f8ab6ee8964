/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "mqlw-keys"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>

#include "mqlw-keys.h"
#include "mqlw-read.h"
#include "mqlw-sshsig.h"

G_DEFINE_QUARK (mqlw-keys-error-quark, mqlw_keys_error)

#define ED25519_TYPE "ssh-ed25519"

/* ---- public key lines -------------------------------------------------- */

static gboolean
is_base64 (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isalnum (*text) && *text != '+' && *text != '/' && *text != '=')
      return FALSE;
  return TRUE;
}

/* The key blob of "TYPE BASE64", checked to be a well-formed Ed25519 blob:
 * string "ssh-ed25519", string of 32 bytes (RFC 8709 §4). NULL otherwise. */
static GBytes *
ed25519_blob (const char *type,
              const char *base64)
{
  static const guchar head[] = { 0, 0, 0, 11, 's', 's', 'h', '-', 'e', 'd', '2', '5', '5', '1', '9', 0, 0, 0, 32 };
  guchar *blob;
  gsize size;

  if (g_strcmp0 (type, ED25519_TYPE) != 0 || !is_base64 (base64))
    return NULL;
  blob = g_base64_decode (base64, &size);
  if (size != sizeof head + 32 || memcmp (blob, head, sizeof head) != 0)
    {
      g_free (blob);
      return NULL;
    }
  return g_bytes_new_take (blob, size);
}

static gboolean
split_key_line (const char  *line,
                char       **type,
                char       **base64,
                char       **comment)
{
  g_autofree char *copy = g_strstrip (g_strdup (line != NULL ? line : ""));
  char *p = copy, *q;

  /* One line: a key's line ends at its line break (what follows would be a
   * line of its own in an allowed_signers file). */
  if (strpbrk (copy, "\r\n") != NULL)
    return FALSE;
  q = strpbrk (p, " \t");
  if (q == NULL)
    return FALSE;
  *type = g_strndup (p, q - p);
  p = q + strspn (q, " \t");
  q = strpbrk (p, " \t");
  *base64 = q != NULL ? g_strndup (p, q - p) : g_strdup (p);
  *comment = g_strstrip (g_strdup (q != NULL ? q : ""));
  return TRUE;
}

char *
mqlw_ssh_key_fingerprint (const char *public_key)
{
  g_autofree char *type = NULL, *base64 = NULL, *comment = NULL, *encoded = NULL;
  g_autoptr(GBytes) blob = NULL;
  guint8 digest[32];
  gsize length = sizeof digest;
  g_autoptr(GChecksum) checksum = NULL;
  char *end;

  g_return_val_if_fail (public_key != NULL, NULL);

  if (!split_key_line (public_key, &type, &base64, &comment) || (blob = ed25519_blob (type, base64)) == NULL)
    return NULL;
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, g_bytes_get_data (blob, NULL), g_bytes_get_size (blob));
  g_checksum_get_digest (checksum, digest, &length);
  encoded = g_base64_encode (digest, length);
  /* OpenSSH prints it without the base64 padding. */
  for (end = encoded + strlen (encoded); end > encoded && end[-1] == '='; end--)
    end[-1] = '\0';
  return g_strconcat ("SHA256:", encoded, NULL);
}

char *
mqlw_ssh_key_normalize (const char  *public_key,
                        GError     **error)
{
  g_autofree char *type = NULL, *base64 = NULL, *comment = NULL;
  g_autoptr(GBytes) blob = NULL;

  g_return_val_if_fail (public_key != NULL, NULL);

  if (!split_key_line (public_key, &type, &base64, &comment))
    {
      g_set_error (error, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_TYPE,
                   _("This is not an OpenSSH public key (“ssh-ed25519 AAAA…”)"));
      return NULL;
    }
  if (g_strcmp0 (type, ED25519_TYPE) != 0)
    {
      g_set_error (error, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_TYPE,
                   _("Agreed models are signed with Ed25519 keys (ssh-ed25519), not “%s”; make one with "
                     "ssh-keygen -t ed25519"), type);
      return NULL;
    }
  if ((blob = ed25519_blob (type, base64)) == NULL)
    {
      g_set_error (error, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_TYPE, _("The Ed25519 key is damaged: its data cannot be read"));
      return NULL;
    }
  return g_strconcat (type, " ", base64, NULL);
}

static char *
key_comment (const char *public_key)
{
  g_autofree char *type = NULL, *base64 = NULL;
  char *comment = NULL;

  if (!split_key_line (public_key, &type, &base64, &comment))
    return g_strdup ("");
  /* Free text for people: no control character (a terminal's escapes). */
  for (char *p = comment; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  return comment;
}

/* ---- signing keys ------------------------------------------------------ */

MqlwSigningKey *
mqlw_signing_key_copy (const MqlwSigningKey *key)
{
  MqlwSigningKey *copy;

  g_return_val_if_fail (key != NULL, NULL);

  copy = g_new0 (MqlwSigningKey, 1);
  copy->path = g_strdup (key->path);
  copy->public_key = g_strdup (key->public_key);
  copy->comment = g_strdup (key->comment);
  copy->fingerprint = g_strdup (key->fingerprint);
  copy->has_private = key->has_private;
  return copy;
}

void
mqlw_signing_key_free (MqlwSigningKey *key)
{
  if (key == NULL)
    return;
  g_free (key->path);
  g_free (key->public_key);
  g_free (key->comment);
  g_free (key->fingerprint);
  g_free (key);
}

static gboolean
looks_public (const char *text)
{
  return g_str_has_prefix (text, "ssh-") || g_str_has_prefix (text, "sk-") || g_str_has_prefix (text, "ecdsa-");
}

static char *
first_line (const char *text)
{
  const char *end = strchr (text, '\n');
  return g_strstrip (end != NULL ? g_strndup (text, end - text) : g_strdup (text));
}

/* A key file is small: read (never mapped), at most 1 MiB; a folder or a
 * device is refused naming it (MQLW_READ_ERROR). */
static char *
read_key_file (const char  *path,
               GError     **error)
{
  g_autoptr(MqlwSource) source = mqlw_source_new_for_path (path, path, error);
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize size;

  if (source == NULL || (bytes = mqlw_source_read_all (source, 1 << 20, error)) == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  return size > 0 ? g_strndup (data, size) : g_strdup ("");
}

MqlwSigningKey *
mqlw_signing_key_load (const char  *path,
                       const char  *passphrase,
                       GError     **error)
{
  g_autoptr(MqlwSigningKey) key = NULL;
  g_autofree char *contents = NULL, *pub_path = NULL, *line = NULL, *private_path = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((contents = read_key_file (path, &local)) == NULL)
    {
      g_set_error (error, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_NOT_FOUND, _("Cannot read the key “%s”: %s"),
                   path, local->message);
      return NULL;
    }
  key = g_new0 (MqlwSigningKey, 1);
  key->path = g_strdup (path);
  if (looks_public (contents))
    {
      line = first_line (contents);
      private_path = g_str_has_suffix (path, ".pub") ? g_strndup (path, strlen (path) - 4) : NULL;
      key->has_private = private_path != NULL && g_file_test (private_path, G_FILE_TEST_IS_REGULAR);
    }
  else
    {
      g_autofree char *pub_contents = NULL;

      key->has_private = TRUE;
      pub_path = g_strconcat (path, ".pub", NULL);
      if ((pub_contents = read_key_file (pub_path, NULL)) != NULL && looks_public (pub_contents))
        line = first_line (pub_contents);
      else if ((line = mqlw_sshsig_public_from_private (path, passphrase, error)) == NULL)
        return NULL;
    }
  key->public_key = mqlw_ssh_key_normalize (line, &local);
  if (key->public_key == NULL)
    {
      g_set_error (error, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_TYPE, _("The key “%s” cannot sign: %s"), path, local->message);
      return NULL;
    }
  key->comment = key_comment (line);
  key->fingerprint = mqlw_ssh_key_fingerprint (key->public_key);
  return g_steal_pointer (&key);
}

char *
mqlw_personal_key_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "mql-workbench", "signing-key", NULL);
}

MqlwSigningKey *
mqlw_personal_key_load (GError **error)
{
  g_autofree char *path = mqlw_personal_key_path ();

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_NOT_FOUND,
                   _("You have no personal signing key yet (it would be “%s”)"), path);
      return NULL;
    }
  return mqlw_signing_key_load (path, NULL, error);
}

MqlwSigningKey *
mqlw_personal_key_create (const char  *comment,
                          const char  *passphrase,
                          GError     **error)
{
  g_autofree char *path = mqlw_personal_key_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_NOT_FOUND,
                   _("Cannot make the folder “%s” for your signing key: %s"), dir, g_strerror (saved));
      return NULL;
    }
  g_chmod (dir, 0700);
  if (!mqlw_sshsig_generate (path, comment, passphrase, error))
    return NULL;
  return mqlw_signing_key_load (path, passphrase, error);
}

/* ---- names and cards --------------------------------------------------- */

gboolean
mqlw_signing_name_check (const char  *name,
                         GError     **error)
{
  g_return_val_if_fail (name != NULL, FALSE);

  if (*name == '\0')
    {
      g_set_error (error, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_NAME, _("A signer needs a name"));
      return FALSE;
    }
  if (g_ascii_isspace (*name))
    {
      g_set_error (error, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_NAME,
                   _("A name used with keys cannot start with a space or a tab"));
      return FALSE;
    }
  if (!g_utf8_validate (name, -1, NULL) || *name == '!' || strpbrk (name, "\",*?") != NULL)
    {
      g_set_error (error, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_NAME,
                   _("“%s” cannot sign with a key: a name used with keys cannot hold a quote, a comma, "
                     "* or ?, nor start with !"), name);
      return FALSE;
    }
  /* ssh-keygen -Y verify finds no principal of 1023 bytes or more in an
   * allowed_signers file, and says nothing: such a name could sign, but its
   * signature would never verify. */
  if (strlen (name) > MQLW_SIGNING_NAME_MAX)
    {
      g_autofree char *start = g_utf8_substring (name, 0, 40);

      g_set_error (error, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_NAME,
                   _("“%s…” cannot sign with a key: a name used with keys has at most %d bytes"), start,
                   MQLW_SIGNING_NAME_MAX);
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        g_set_error (error, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_NAME,
                     _("A name used with keys cannot hold control characters"));
        return FALSE;
      }
  return TRUE;
}

void
mqlw_approver_card_free (MqlwApproverCard *card)
{
  if (card == NULL)
    return;
  g_free (card->principal);
  g_free (card->public_key);
  g_free (card->comment);
  g_free (card->fingerprint);
  g_free (card);
}

char *
mqlw_approver_card_to_line (const MqlwApproverCard *card)
{
  g_return_val_if_fail (card != NULL, NULL);

  return g_strdup_printf ("\"%s\" namespaces=\"%s\" %s%s%s", card->principal, MQLW_SSHSIG_NAMESPACE,
                          card->public_key, *card->comment != '\0' ? " " : "", card->comment);
}

char *
mqlw_approver_card_format (const char  *principal,
                           const char  *public_key,
                           GError     **error)
{
  g_autoptr(MqlwApproverCard) card = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (principal != NULL, NULL);
  g_return_val_if_fail (public_key != NULL, NULL);

  if (!mqlw_signing_name_check (principal, error) || (key = mqlw_ssh_key_normalize (public_key, error)) == NULL)
    return NULL;
  card = g_new0 (MqlwApproverCard, 1);
  card->principal = g_strdup (principal);
  card->public_key = g_steal_pointer (&key);
  card->comment = key_comment (public_key);
  return mqlw_approver_card_to_line (card);
}

static void
set_card_error (GError    **error,
                const char *line,
                const char *why)
{
  g_set_error (error, MQLW_KEYS_ERROR, MQLW_KEYS_ERROR_CARD,
               _("This approver card cannot be read (%s); a card looks like "
                 "“\"Dana Lee\" namespaces=\"mql-workbench\" ssh-ed25519 AAAA…”: %s"), why, line);
}

/* The next field: a quoted string, or up to the next blank; a quoted part
 * inside an unquoted field (namespaces="a,b") is kept whole. */
static char *
next_field (const char **cursor)
{
  const char *p = *cursor + strspn (*cursor, " \t");
  const char *start = p;
  gboolean quoted = FALSE;

  if (*p == '\0')
    return NULL;
  if (*p == '"')
    {
      const char *end = strchr (p + 1, '"');
      if (end == NULL)
        return NULL;
      *cursor = end + 1;
      return g_strndup (p + 1, end - p - 1);
    }
  for (; *p != '\0' && (quoted || (*p != ' ' && *p != '\t')); p++)
    if (*p == '"')
      quoted = !quoted;
  *cursor = p;
  return g_strndup (start, p - start);
}

/* namespaces="a,b": TRUE when it lets keys sign for MQL Workbench. */
static gboolean
namespaces_allow (const char *option)
{
  g_autofree char *list = NULL;
  g_auto(GStrv) names = NULL;

  if (!g_str_has_prefix (option, "namespaces=\"") || !g_str_has_suffix (option, "\""))
    return FALSE;
  list = g_strndup (option + strlen ("namespaces=\""), strlen (option) - strlen ("namespaces=\"") - 1);
  names = g_strsplit (list, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (g_strstrip (names[i]), MQLW_SSHSIG_NAMESPACE) || g_str_equal (names[i], "*"))
      return TRUE;
  return FALSE;
}

MqlwApproverCard *
mqlw_approver_card_parse (const char  *line,
                          GError     **error)
{
  g_autoptr(MqlwApproverCard) card = NULL;
  g_autofree char *text = NULL, *field = NULL, *key = NULL;
  g_autoptr(GError) local = NULL;
  const char *cursor;

  g_return_val_if_fail (line != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_strstrip (g_strdup (line));
  cursor = text;
  /* A card is one line of an allowed_signers file: a line break inside it (in
   * its comment, say) would have put a second card, with a key of anyone's
   * choosing, into the file that ssh-keygen reads. */
  if (strpbrk (text, "\r\n") != NULL)
    {
      set_card_error (error, text, _("it is more than one line; add each card on a line of its own"));
      return NULL;
    }
  card = g_new0 (MqlwApproverCard, 1);
  if ((card->principal = next_field (&cursor)) == NULL || *cursor == '\0')
    {
      set_card_error (error, text, _("no name and key"));
      return NULL;
    }
  if (!mqlw_signing_name_check (card->principal, &local))
    {
      set_card_error (error, text, local->message);
      return NULL;
    }
  while ((field = next_field (&cursor)) != NULL && !looks_public (field))
    {
      if (!namespaces_allow (field))
        {
          g_autofree char *why = g_strdup_printf (_("“%s” is not namespaces=\"mql-workbench\""), field);
          set_card_error (error, text, why);
          return NULL;
        }
      g_clear_pointer (&field, g_free);
    }
  if (field == NULL)
    {
      set_card_error (error, text, _("no key"));
      return NULL;
    }
  key = g_strconcat (field, cursor, NULL);
  card->public_key = mqlw_ssh_key_normalize (key, &local);
  if (card->public_key == NULL)
    {
      set_card_error (error, text, local->message);
      return NULL;
    }
  card->comment = key_comment (key);
  card->fingerprint = mqlw_ssh_key_fingerprint (card->public_key);
  return g_steal_pointer (&card);
}
