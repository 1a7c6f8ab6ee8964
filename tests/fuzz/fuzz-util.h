/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What every libFuzzer target shares: the entry points' prototypes and a
 * GLib set up so that a critical or a warning is a finding. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

int  LLVMFuzzerInitialize   (int            *argc,
                             char         ***argv);
int  LLVMFuzzerTestOneInput (const uint8_t  *data,
                             size_t          size);

/* Criticals and warnings abort (so libFuzzer keeps the input); messages are quiet. */
void fuzz_init_glib         (void);
