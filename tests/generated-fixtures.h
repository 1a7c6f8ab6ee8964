/* SPDX-License-Identifier: GPL-3.0-or-later */
/* generated-fixtures.h — a generated history and a sample model for the core
 * tests that compare incremental work with a full pass (header only). */
#pragma once

#include <gio/gio.h>

#include "mqlw-core.h"

/* A history of @n_leads from the synthetic generator, imported as a file would be. */
static inline MqlwDataset *
generate_dataset (guint64 n_leads,
                  guint64 seed)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  MqlwGenerateOptions options;
  MqlwDataset *dataset;

  mqlw_generate_options_init (&options);
  options.n_leads = n_leads;
  options.seed = seed;
  g_assert_true (mqlw_generate (out, &options, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  dataset = mqlw_import_bytes (bytes, "generated.csv", NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return dataset;
}

/* data/samples/@name (MQLW_SAMPLES_DIR). */
static inline MqlwModel *
load_sample_model (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("MQLW_SAMPLES_DIR"), name, NULL);
  g_autoptr(GError) error = NULL;
  MqlwModel *model = mqlw_model_load (path, &error);

  g_assert_no_error (error);
  return model;
}
