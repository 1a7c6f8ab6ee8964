/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-safe-write: a write lands whole or not at all, keeps the replaced
 * file's mode and a link's target, refuses folders, devices, pipes and the
 * files being read, and the clean-up removes only our own temporaries whose
 * writer is gone — never a live one, never a user's file. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "mqlw-file-name.h"
#include "mqlw-safe-write.h"

static char *dir;

static char *
in_dir (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static char *
read_all (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static guint
count_entries (void)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

static void
empty_dir (void)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;

  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = in_dir (entry);
      g_unlink (path);
    }
}

static void
test_new_and_replaced (void)
{
  g_autofree char *path = in_dir ("out.csv");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  mode_t mask = umask (022);
  GStatBuf st;

  umask (mask);
  g_assert_true (mqlw_safe_write_contents (path, "a,b\n1,2\n", -1, &error));
  g_assert_no_error (error);
  text = read_all (path);
  g_assert_cmpstr (text, ==, "a,b\n1,2\n");
  /* A new file: 0666 less the umask, like any program's. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0666 & ~mask);

  /* A replaced file keeps its mode. */
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_true (mqlw_safe_write_contents (path, "new", 3, &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = read_all (path);
  g_assert_cmpstr (text, ==, "new");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (count_entries (), ==, 1);
  empty_dir ();
}

/* Until the commit the target is as it was; an abort leaves no trace. */
static void
test_abort_and_stream (void)
{
  g_autofree char *path = in_dir ("report.md");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  MqlwSafeWrite *sw;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  sw = mqlw_safe_write_begin (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (mqlw_safe_write_get_stream (sw), "half", 4, NULL, NULL, &error));
  g_assert_cmpuint (count_entries (), ==, 2);
  text = read_all (path);
  g_assert_cmpstr (text, ==, "old");
  mqlw_safe_write_abort (sw);
  g_assert_cmpuint (count_entries (), ==, 1);
  g_clear_pointer (&text, g_free);
  text = read_all (path);
  g_assert_cmpstr (text, ==, "old");

  sw = mqlw_safe_write_begin (path, &error);
  g_assert_true (g_output_stream_write_all (mqlw_safe_write_get_stream (sw), "whole", 5, NULL, NULL, &error));
  g_assert_true (mqlw_safe_write_commit (sw, &error));
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = read_all (path);
  g_assert_cmpstr (text, ==, "whole");
  g_assert_cmpuint (count_entries (), ==, 1);
  empty_dir ();
}

static void
test_link_followed (void)
{
  g_autofree char *real = in_dir ("real.json");
  g_autofree char *link = in_dir ("link.json");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (real, "{}", -1, NULL));
  g_assert_cmpint (symlink ("real.json", link), ==, 0);
  g_assert_true (mqlw_safe_write_contents (link, "[1]", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  text = read_all (real);
  g_assert_cmpstr (text, ==, "[1]");
  empty_dir ();
}

static void
test_refused (void)
{
  g_autofree char *fifo = in_dir ("pipe");
  g_autofree char *input = in_dir ("leads.csv");
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  MqlwSafeWrite *sw;

  g_assert_false (mqlw_safe_write_contents (dir, "x", -1, &error));
  g_assert_error (error, MQLW_SAFE_WRITE_ERROR, MQLW_SAFE_WRITE_ERROR_NOT_REGULAR);
  g_assert_nonnull (strstr (error->message, "it is a folder, not a file"));
  g_clear_error (&error);

  g_assert_false (mqlw_safe_write_contents ("/dev/null", "x", -1, &error));
  g_assert_error (error, MQLW_SAFE_WRITE_ERROR, MQLW_SAFE_WRITE_ERROR_NOT_REGULAR);
  g_assert_nonnull (strstr (error->message, "“/dev/null”: it is a device, not a file"));
  g_clear_error (&error);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_false (mqlw_safe_write_check (fifo, &error));
  g_assert_error (error, MQLW_SAFE_WRITE_ERROR, MQLW_SAFE_WRITE_ERROR_NOT_REGULAR);
  g_assert_nonnull (strstr (error->message, "a pipe or a socket"));
  g_clear_error (&error);

  /* A file being read, under any name (here through a relative one after a chdir would do too). */
  g_assert_true (g_file_set_contents (input, "lead_id\n", -1, NULL));
  mqlw_safe_write_protect (input, "a file this command reads");
  g_assert_false (mqlw_safe_write_contents (input, "x", -1, &error));
  g_assert_error (error, MQLW_SAFE_WRITE_ERROR, MQLW_SAFE_WRITE_ERROR_PROTECTED);
  name = g_filename_display_name (input);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, "it is a file this command reads"));
  g_clear_error (&error);
  /* Its owner may replace it (a project saving over its own file). */
  sw = mqlw_safe_write_begin_own (input, input, &error);
  g_assert_no_error (error);
  mqlw_safe_write_abort (sw);
  /* Two protections, two releases. */
  mqlw_safe_write_protect (input, "the project open in this window");
  mqlw_safe_write_unprotect (input);
  g_assert_false (mqlw_safe_write_check (input, NULL));
  mqlw_safe_write_unprotect (input);
  g_assert_true (mqlw_safe_write_check (input, &error));
  g_assert_no_error (error);

  /* A folder that is not there: nothing written, said so. */
  {
    g_autofree char *missing = g_build_filename (dir, "no-such-folder", "x.csv", NULL);
    g_assert_false (mqlw_safe_write_contents (missing, "x", -1, &error));
    g_assert_error (error, MQLW_SAFE_WRITE_ERROR, MQLW_SAFE_WRITE_ERROR_IO);
    g_assert_nonnull (strstr (error->message, "nothing was written"));
  }
  empty_dir ();
}

/* Strays: our naming and no live writer. A live temporary, a user's look-alike
 * and a lock someone holds stay. */
static void
test_clean_strays (void)
{
  static const char *kept[] = { "p.mqlw", ".notes.txt", "p.mqlw.mqlw-tmp-abc123", ".p.mqlw.mqlw-tmp-ab",
                                ".p.mqlw.mqlw-tmp-abc123.bak", NULL };
  static const char *gone[] = { ".p.mqlw.mqlw-tmp-Zx81Qa", ".p.mqlw.mqlw-tmp-Zx81Qa-journal",
                                ".chart.png.mqlw-tmp-000000", ".orphan.mqlw-tmp-qqqqqq-journal", ".p.mqlw.mqlw-lock", NULL };
  g_autofree char *live_target = in_dir ("live.csv");
  g_autoptr(GError) error = NULL;
  MqlwSafeWrite *live;

  for (guint i = 0; kept[i] != NULL; i++)
    {
      g_autofree char *path = in_dir (kept[i]);
      g_assert_true (g_file_set_contents (path, "x", -1, NULL));
    }
  for (guint i = 0; gone[i] != NULL; i++)
    {
      g_autofree char *path = in_dir (gone[i]);
      g_assert_true (g_file_set_contents (path, "x", -1, NULL));
    }
  live = mqlw_safe_write_begin (live_target, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (mqlw_safe_write_clean_strays (dir, NULL), ==, g_strv_length ((char **) gone));
  for (guint i = 0; kept[i] != NULL; i++)
    {
      g_autofree char *path = in_dir (kept[i]);
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  for (guint i = 0; gone[i] != NULL; i++)
    {
      g_autofree char *path = in_dir (gone[i]);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  g_assert_true (g_file_test (mqlw_safe_write_get_temp_path (live), G_FILE_TEST_EXISTS));
  g_assert_true (mqlw_safe_write_commit (live, &error));
  g_assert_no_error (error);
  empty_dir ();
}

/* A file name made from a name: each case worked out from the rules in
 * mqlw-file-name.h. */
static void
test_file_name_for (void)
{
  static const struct { const char *name, *expected; } cases[] = {
    { "Q3 plan", "Q3 plan.mqlw" },
    /* '/' is '_', then the leading dots go: no path, nothing hidden. */
    { "../../etc/passwd", "_.._etc_passwd.mqlw" },
    { ".hidden", "hidden.mqlw" },
    { "..", "Untitled.mqlw" },
    { " . ", "Untitled.mqlw" },
    { "", "Untitled.mqlw" },
    { "CON", "_CON.mqlw" },
    { "nul.txt", "_nul.txt.mqlw" },
    { "com1", "_com1.mqlw" },
    { "LPT9 .x", "_LPT9 .x.mqlw" },
    { "COM0", "COM0.mqlw" },
    { "CONSOLE", "CONSOLE.mqlw" },
    { "a<b>c:d\"e|f?g*h\\i", "a_b_c_d_e_f_g_h_i.mqlw" },
    /* U+202E dropped: "evil\u202Etxt.exe" would show as "evilexe.txt". */
    { "evil\xe2\x80\xaetxt.exe", "eviltxt.exe.mqlw" },
    { "tab\tname\x1b[31m\xe2\x81\xa6", "tabname[31m.mqlw" },
    { "trail. . ", "trail.mqlw" },
    { "bad\xff", "bad\xef\xbf\xbd.mqlw" },
  };
  g_autoptr(GString) long_name = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = mqlw_file_name_for (cases[i].name, ".mqlw", "Untitled", 0);
      g_assert_cmpstr (name, ==, cases[i].expected);
    }

  /* 200 × "é" (2 bytes each) with ".mqlw" (5): 250 bytes are left, 125 é. */
  for (guint i = 0; i < 200; i++)
    g_string_append (long_name, "\xc3\xa9");
  {
    g_autofree char *name = mqlw_file_name_for (long_name->str, ".mqlw", "Untitled", 0);
    g_assert_cmpuint (strlen (name), ==, 255);
    g_assert_true (g_utf8_validate (name, -1, NULL));
    g_assert_cmpuint (g_utf8_strlen (name, -1), ==, 125 + 5);
  }
  /* "a" first: 1 + 124 × 2 = 249 bytes; the 125th é would end at 251. */
  g_string_prepend_c (long_name, 'a');
  {
    g_autofree char *name = mqlw_file_name_for (long_name->str, ".mqlw", "Untitled", 0);
    g_assert_cmpuint (strlen (name), ==, 254);
    g_assert_true (g_utf8_validate (name, -1, NULL));
  }
  /* "ab" then 100 × e + U+0301 (3 bytes a pair): pair k at 2 + 3k; the cut at
   * 250 falls in pair 82's accent (248 'e', 249–250 U+0301), so pair 82 goes
   * whole: 2 + 82 × 3 = 248 bytes, the last an accent. */
  g_string_assign (long_name, "ab");
  for (guint i = 0; i < 100; i++)
    g_string_append (long_name, "e\xcc\x81");
  {
    g_autofree char *name = mqlw_file_name_for (long_name->str, ".mqlw", "Untitled", 0);
    g_assert_cmpuint (strlen (name), ==, 248 + 5);
    g_assert_true (g_str_has_suffix (name, "e\xcc\x81.mqlw"));
  }
}

/* A name longer than a file name can be is refused before anything is
 * written, naming its length and the limit; one of exactly 255 bytes is
 * written (its temporary's name is cut to fit) and leaves nothing else. */
static void
test_long_names (void)
{
  g_autofree char *long_base = g_strnfill (256, 'n');
  g_autofree char *fits_base = g_strnfill (255, 'f');
  g_autofree char *too_long = in_dir (long_base);
  g_autofree char *fits = in_dir (fits_base);
  g_autoptr(GError) error = NULL;
  g_autoptr(MqlwSafeWrite) sw = NULL;

  empty_dir ();
  g_assert_false (mqlw_safe_write_check (too_long, &error));
  g_assert_error (error, MQLW_SAFE_WRITE_ERROR, MQLW_SAFE_WRITE_ERROR_NAME_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "256 bytes long"));
  g_assert_nonnull (strstr (error->message, "at most 255"));
  g_clear_error (&error);
  sw = mqlw_safe_write_begin (too_long, &error);
  g_assert_null (sw);
  g_assert_error (error, MQLW_SAFE_WRITE_ERROR, MQLW_SAFE_WRITE_ERROR_NAME_TOO_LONG);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (), ==, 0);

  g_assert_true (mqlw_safe_write_contents (fits, "x\n", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (), ==, 1);
  g_assert_true (g_file_test (fits, G_FILE_TEST_IS_REGULAR));
  empty_dir ();
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("mqlw-safe-write-XXXXXX", NULL);
  g_assert_nonnull (dir);

  g_test_add_func ("/mqlw/safe-write/new-and-replaced", test_new_and_replaced);
  g_test_add_func ("/mqlw/safe-write/abort-and-stream", test_abort_and_stream);
  g_test_add_func ("/mqlw/safe-write/link-followed", test_link_followed);
  g_test_add_func ("/mqlw/safe-write/refused", test_refused);
  g_test_add_func ("/mqlw/safe-write/clean-strays", test_clean_strays);
  g_test_add_func ("/mqlw/safe-write/file-name-for", test_file_name_for);
  g_test_add_func ("/mqlw/safe-write/long-names", test_long_names);
  status = g_test_run ();
  g_rmdir (dir);
  return status;
}
