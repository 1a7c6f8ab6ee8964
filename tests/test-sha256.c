/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sha256"

#include "config.h"

#include <glib/gstdio.h>

#include "mqlw-sha256.h"

/* Nettle's SHA-256 against FIPS 180-2's examples and GLib's digest. */

static void
test_known_vectors (void)
{
  g_autofree char *empty = mqlw_sha256_hex ("", 0);
  g_autofree char *abc = mqlw_sha256_hex ("abc", 3);

  /* FIPS 180-2, appendix B.1, and the digest of no bytes. */
  g_assert_cmpstr (abc, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_assert_cmpstr (empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

/* A file of 3 MiB + 17 bytes (blocks of 1 MiB and a short tail), read in
 * pieces and whole: the same text as GChecksum's. */
static void
test_file_as_glib (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  gsize len = (3u << 20) + 17;
  g_autofree guint8 *data = g_malloc (len);
  g_autofree char *dir = g_dir_make_tmp ("mqlw-sha256-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "data.bin", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *from_file = NULL;
  g_autofree char *in_pieces = NULL;
  g_autoptr(GError) error = NULL;
  MqlwSha256 sha;

  for (gsize i = 0; i < len; i++)
    data[i] = (guint8) g_rand_int (rand);
  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) len, NULL));

  from_file = mqlw_sha256_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (from_file, ==, expected);

  mqlw_sha256_init (&sha);
  for (gsize off = 0; off < len; off += 1000)
    mqlw_sha256_update (&sha, data + off, MIN (1000, len - off));
  in_pieces = mqlw_sha256_finish (&sha);
  g_assert_cmpstr (in_pieces, ==, expected);

  {
    /* A folder cannot be read as a file. */
    g_autofree char *none = mqlw_sha256_file (dir, &error);

    g_assert_null (none);
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sha256/known-vectors", test_known_vectors);
  g_test_add_func ("/sha256/file-as-glib", test_file_as_glib);
  return g_test_run ();
}
