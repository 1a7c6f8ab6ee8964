/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mqlw-generate.h — synthetic lead history for demos, tests and benchmarks.
 *
 * Columns: lead_id, email, company, job_title, seniority, department,
 * company_size, industry, country, annual_revenue, lead_source, created_at,
 * as_of, demo_requests, contact_sales, pricing_page_views, product_page_views,
 * webinars_attended, case_study_downloads, ebook_downloads, email_clicks,
 * careers_page_views, unsubscribed, last_activity_at, sal, rejection_reason,
 * sql, opportunity, won, deal_amount.
 * Outcomes follow a hidden propensity (fit and intent with noise); SAL is known
 * only for leads handed to sales; open opportunities have no "won" value.
 * The same seed always gives the same bytes. */
#pragma once

#include "mqlw-types.h"

G_BEGIN_DECLS

typedef struct {
  guint64  n_leads;
  guint64  seed;
  gint32   as_of_days;      /* end of the history; default 2026-06-30 */
  guint    months;          /* created dates spread over this many months (18) */
} MqlwGenerateOptions;

void     mqlw_generate_options_init (MqlwGenerateOptions *options);

gboolean mqlw_generate              (GOutputStream             *out,
                                     const MqlwGenerateOptions *options,
                                     MqlwProgressFunc           progress,
                                     gpointer                   progress_data,
                                     GCancellable              *cancellable,
                                     GError                   **error);

G_END_DECLS
