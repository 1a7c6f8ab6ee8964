-- MQL Workbench: model "Every operator on every column type", threshold 20.005
-- SQLite query (sql-sample) over leads: a stratified sample of the table's rows for the what-if on weights
WITH src AS (
  SELECT * FROM leads
),
mqlw_text AS (
  SELECT
    lead_id,
    email,
    job_title,
    seniority,
    company_size,
    revenue,
    is_partner,
    country,
    created_at,
    as_of,
    signup_date,
    demo_requests,
    webinars,
    webinars_date,
    unsubscribed,
    last_activity_at,
    lifecycle_stage,
    deal_stage,
    sql,
    accepted,
    opportunity,
    won_on,
    deal_amount,
    platform_score,
    NULLIF(trim(CAST(lead_id AS TEXT), ' ' || char(9)), '') AS mqlw_u0,
    NULLIF(trim(CAST(email AS TEXT), ' ' || char(9)), '') AS mqlw_u1,
    NULLIF(trim(CAST(job_title AS TEXT), ' ' || char(9)), '') AS mqlw_u2,
    NULLIF(trim(CAST(seniority AS TEXT), ' ' || char(9)), '') AS mqlw_u3,
    NULLIF(trim(CAST(company_size AS TEXT), ' ' || char(9)), '') AS mqlw_u4,
    NULLIF(trim(CAST(revenue AS TEXT), ' ' || char(9)), '') AS mqlw_u5,
    NULLIF(trim(CAST(is_partner AS TEXT), ' ' || char(9)), '') AS mqlw_u6,
    NULLIF(trim(CAST(country AS TEXT), ' ' || char(9)), '') AS mqlw_u7,
    NULLIF(trim(CAST(as_of AS TEXT), ' ' || char(9)), '') AS mqlw_u9,
    NULLIF(trim(CAST(signup_date AS TEXT), ' ' || char(9)), '') AS mqlw_u10,
    NULLIF(trim(CAST(demo_requests AS TEXT), ' ' || char(9)), '') AS mqlw_u11,
    NULLIF(trim(CAST(webinars AS TEXT), ' ' || char(9)), '') AS mqlw_u12,
    NULLIF(trim(CAST(webinars_date AS TEXT), ' ' || char(9)), '') AS mqlw_u13,
    NULLIF(trim(CAST(unsubscribed AS TEXT), ' ' || char(9)), '') AS mqlw_u14,
    NULLIF(trim(CAST(last_activity_at AS TEXT), ' ' || char(9)), '') AS mqlw_u15,
    NULLIF(trim(CAST(lifecycle_stage AS TEXT), ' ' || char(9)), '') AS mqlw_u16,
    NULLIF(trim(CAST(deal_stage AS TEXT), ' ' || char(9)), '') AS mqlw_u17,
    NULLIF(trim(CAST(sql AS TEXT), ' ' || char(9)), '') AS mqlw_u18,
    NULLIF(trim(CAST(accepted AS TEXT), ' ' || char(9)), '') AS mqlw_u19,
    NULLIF(trim(CAST(opportunity AS TEXT), ' ' || char(9)), '') AS mqlw_u20,
    NULLIF(trim(CAST(won_on AS TEXT), ' ' || char(9)), '') AS mqlw_u21
  FROM src
  LIMIT -1 OFFSET 0
),
mqlw_clean AS (
  SELECT
    lead_id,
    email,
    job_title,
    seniority,
    company_size,
    revenue,
    is_partner,
    country,
    created_at,
    as_of,
    signup_date,
    demo_requests,
    webinars,
    webinars_date,
    unsubscribed,
    last_activity_at,
    lifecycle_stage,
    deal_stage,
    sql,
    accepted,
    opportunity,
    won_on,
    deal_amount,
    platform_score,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u0, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u0, '0-/.: T') = '' AND length(mqlw_u0) - length(replace(mqlw_u0, '0', '')) >= 8 AND replace(mqlw_u0, '0', '') <> '' AND length(mqlw_u0) < 32) THEN NULL ELSE mqlw_u0 END AS mqlw_t0,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u1, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u1, '0-/.: T') = '' AND length(mqlw_u1) - length(replace(mqlw_u1, '0', '')) >= 8 AND replace(mqlw_u1, '0', '') <> '' AND length(mqlw_u1) < 32) THEN NULL ELSE mqlw_u1 END AS mqlw_t1,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u2, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u2, '0-/.: T') = '' AND length(mqlw_u2) - length(replace(mqlw_u2, '0', '')) >= 8 AND replace(mqlw_u2, '0', '') <> '' AND length(mqlw_u2) < 32) THEN NULL ELSE mqlw_u2 END AS mqlw_t2,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u3, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u3, '0-/.: T') = '' AND length(mqlw_u3) - length(replace(mqlw_u3, '0', '')) >= 8 AND replace(mqlw_u3, '0', '') <> '' AND length(mqlw_u3) < 32) THEN NULL ELSE mqlw_u3 END AS mqlw_t3,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u4, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u4, '0-/.: T') = '' AND length(mqlw_u4) - length(replace(mqlw_u4, '0', '')) >= 8 AND replace(mqlw_u4, '0', '') <> '' AND length(mqlw_u4) < 32) THEN NULL ELSE mqlw_u4 END AS mqlw_t4,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u5, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u5, '0-/.: T') = '' AND length(mqlw_u5) - length(replace(mqlw_u5, '0', '')) >= 8 AND replace(mqlw_u5, '0', '') <> '' AND length(mqlw_u5) < 32) THEN NULL ELSE mqlw_u5 END AS mqlw_t5,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u6, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u6, '0-/.: T') = '' AND length(mqlw_u6) - length(replace(mqlw_u6, '0', '')) >= 8 AND replace(mqlw_u6, '0', '') <> '' AND length(mqlw_u6) < 32) THEN NULL ELSE mqlw_u6 END AS mqlw_t6,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u7, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u7, '0-/.: T') = '' AND length(mqlw_u7) - length(replace(mqlw_u7, '0', '')) >= 8 AND replace(mqlw_u7, '0', '') <> '' AND length(mqlw_u7) < 32) THEN NULL ELSE mqlw_u7 END AS mqlw_t7,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u9, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u9, '0-/.: T') = '' AND length(mqlw_u9) - length(replace(mqlw_u9, '0', '')) >= 8 AND replace(mqlw_u9, '0', '') <> '' AND length(mqlw_u9) < 32) THEN NULL ELSE mqlw_u9 END AS mqlw_t9,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u10, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u10, '0-/.: T') = '' AND length(mqlw_u10) - length(replace(mqlw_u10, '0', '')) >= 8 AND replace(mqlw_u10, '0', '') <> '' AND length(mqlw_u10) < 32) THEN NULL ELSE mqlw_u10 END AS mqlw_t10,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u11, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u11, '0-/.: T') = '' AND length(mqlw_u11) - length(replace(mqlw_u11, '0', '')) >= 8 AND replace(mqlw_u11, '0', '') <> '' AND length(mqlw_u11) < 32) THEN NULL ELSE mqlw_u11 END AS mqlw_t11,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u12, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u12, '0-/.: T') = '' AND length(mqlw_u12) - length(replace(mqlw_u12, '0', '')) >= 8 AND replace(mqlw_u12, '0', '') <> '' AND length(mqlw_u12) < 32) THEN NULL ELSE mqlw_u12 END AS mqlw_t12,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u13, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u13, '0-/.: T') = '' AND length(mqlw_u13) - length(replace(mqlw_u13, '0', '')) >= 8 AND replace(mqlw_u13, '0', '') <> '' AND length(mqlw_u13) < 32) THEN NULL ELSE mqlw_u13 END AS mqlw_t13,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u14, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u14, '0-/.: T') = '' AND length(mqlw_u14) - length(replace(mqlw_u14, '0', '')) >= 8 AND replace(mqlw_u14, '0', '') <> '' AND length(mqlw_u14) < 32) THEN NULL ELSE mqlw_u14 END AS mqlw_t14,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u15, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u15, '0-/.: T') = '' AND length(mqlw_u15) - length(replace(mqlw_u15, '0', '')) >= 8 AND replace(mqlw_u15, '0', '') <> '' AND length(mqlw_u15) < 32) THEN NULL ELSE mqlw_u15 END AS mqlw_t15,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u16, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u16, '0-/.: T') = '' AND length(mqlw_u16) - length(replace(mqlw_u16, '0', '')) >= 8 AND replace(mqlw_u16, '0', '') <> '' AND length(mqlw_u16) < 32) THEN NULL ELSE mqlw_u16 END AS mqlw_t16,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u17, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u17, '0-/.: T') = '' AND length(mqlw_u17) - length(replace(mqlw_u17, '0', '')) >= 8 AND replace(mqlw_u17, '0', '') <> '' AND length(mqlw_u17) < 32) THEN NULL ELSE mqlw_u17 END AS mqlw_t17,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u18, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u18, '0-/.: T') = '' AND length(mqlw_u18) - length(replace(mqlw_u18, '0', '')) >= 8 AND replace(mqlw_u18, '0', '') <> '' AND length(mqlw_u18) < 32) THEN NULL ELSE mqlw_u18 END AS mqlw_t18,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u19, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u19, '0-/.: T') = '' AND length(mqlw_u19) - length(replace(mqlw_u19, '0', '')) >= 8 AND replace(mqlw_u19, '0', '') <> '' AND length(mqlw_u19) < 32) THEN NULL ELSE mqlw_u19 END AS mqlw_t19,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u20, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u20, '0-/.: T') = '' AND length(mqlw_u20) - length(replace(mqlw_u20, '0', '')) >= 8 AND replace(mqlw_u20, '0', '') <> '' AND length(mqlw_u20) < 32) THEN NULL ELSE mqlw_u20 END AS mqlw_t20,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(mqlw_u21, (' ' || char(9) || '-_.()[]<>?*"'''))), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(mqlw_u21, '0-/.: T') = '' AND length(mqlw_u21) - length(replace(mqlw_u21, '0', '')) >= 8 AND replace(mqlw_u21, '0', '') <> '' AND length(mqlw_u21) < 32) THEN NULL ELSE mqlw_u21 END AS mqlw_t21
  FROM mqlw_text
  LIMIT -1 OFFSET 0
),
mqlw_date1 AS (
  SELECT
    lead_id,
    email,
    job_title,
    seniority,
    company_size,
    revenue,
    is_partner,
    country,
    created_at,
    as_of,
    signup_date,
    demo_requests,
    webinars,
    webinars_date,
    unsubscribed,
    last_activity_at,
    lifecycle_stage,
    deal_stage,
    sql,
    accepted,
    opportunity,
    won_on,
    deal_amount,
    platform_score,
    mqlw_t0,
    mqlw_t1,
    mqlw_t2,
    mqlw_t3,
    mqlw_t4,
    mqlw_t5,
    mqlw_t7,
    mqlw_t9,
    mqlw_t10,
    mqlw_t11,
    mqlw_t12,
    mqlw_t13,
    mqlw_t15,
    mqlw_t19,
    mqlw_t20,
    mqlw_t21,
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(mqlw_t16), '!', ' '), '"', ' '), '#', ' '), '$', ' '), '%', ' '), '&', ' '), '''', ' '), '(', ' '), ')', ' '), '*', ' ') AS mqlw_g16_0,
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lower(mqlw_t17), '!', ' '), '"', ' '), '#', ' '), '$', ' '), '%', ' '), '&', ' '), '''', ' '), '(', ' '), ')', ' '), '*', ' ') AS mqlw_g17_0,
    replace(lower(mqlw_t6), 'Í', 'í') AS mqlw_f6_0,
    CASE WHEN substr(mqlw_t9, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t9, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t9, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t9, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t9, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t9, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k9,
    CASE WHEN length(mqlw_t9) IN (10, 12, 13) AND trim(mqlw_t9, '0123456789') = '' THEN CASE WHEN length(mqlw_t9) = 10 THEN CAST(mqlw_t9 AS INTEGER) ELSE (CAST(mqlw_t9 AS INTEGER) / 1000) END END AS mqlw_es9,
    CASE WHEN substr(mqlw_t10, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t10, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t10, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t10, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t10, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t10, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k10,
    CASE WHEN length(mqlw_t10) IN (10, 12, 13) AND trim(mqlw_t10, '0123456789') = '' THEN CASE WHEN length(mqlw_t10) = 10 THEN CAST(mqlw_t10 AS INTEGER) ELSE (CAST(mqlw_t10 AS INTEGER) / 1000) END END AS mqlw_es10,
    CASE WHEN substr(mqlw_t13, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t13, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t13, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t13, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t13, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t13, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k13,
    CASE WHEN length(mqlw_t13) IN (10, 12, 13) AND trim(mqlw_t13, '0123456789') = '' THEN CASE WHEN length(mqlw_t13) = 10 THEN CAST(mqlw_t13 AS INTEGER) ELSE (CAST(mqlw_t13 AS INTEGER) / 1000) END END AS mqlw_es13,
    replace(lower(mqlw_t14), 'Í', 'í') AS mqlw_f14_0,
    CASE WHEN substr(mqlw_t15, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t15, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t15, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t15, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t15, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t15, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k15,
    CASE WHEN length(mqlw_t15) IN (10, 12, 13) AND trim(mqlw_t15, '0123456789') = '' THEN CASE WHEN length(mqlw_t15) = 10 THEN CAST(mqlw_t15 AS INTEGER) ELSE (CAST(mqlw_t15 AS INTEGER) / 1000) END END AS mqlw_es15,
    replace(lower(mqlw_t18), 'Í', 'í') AS mqlw_f18_0,
    CASE WHEN substr(mqlw_t21, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t21, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t21, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t21, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t21, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t21, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k21,
    CASE WHEN length(mqlw_t21) IN (10, 12, 13) AND trim(mqlw_t21, '0123456789') = '' THEN CASE WHEN length(mqlw_t21) = 10 THEN CAST(mqlw_t21 AS INTEGER) ELSE (CAST(mqlw_t21 AS INTEGER) / 1000) END END AS mqlw_es21
  FROM mqlw_clean
  LIMIT -1 OFFSET 0
),
mqlw_date2 AS (
  SELECT
    lead_id,
    email,
    job_title,
    seniority,
    company_size,
    revenue,
    is_partner,
    country,
    created_at,
    as_of,
    signup_date,
    demo_requests,
    webinars,
    webinars_date,
    unsubscribed,
    last_activity_at,
    lifecycle_stage,
    deal_stage,
    sql,
    accepted,
    opportunity,
    won_on,
    deal_amount,
    platform_score,
    mqlw_t0,
    mqlw_t1,
    mqlw_t2,
    mqlw_t3,
    mqlw_t4,
    mqlw_t5,
    mqlw_t7,
    mqlw_t9,
    mqlw_t10,
    mqlw_t11,
    mqlw_t12,
    mqlw_t13,
    mqlw_t15,
    mqlw_t19,
    mqlw_t20,
    mqlw_t21,
    mqlw_f6_0,
    mqlw_k9,
    mqlw_k10,
    mqlw_k13,
    mqlw_f14_0,
    mqlw_k15,
    mqlw_f18_0,
    mqlw_k21,
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(mqlw_g16_0, '+', ' '), ',', ' '), '-', ' '), '.', ' '), '/', ' '), ':', ' '), ';', ' '), '<', ' '), '=', ' '), '>', ' ') AS mqlw_g16_1,
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(mqlw_g17_0, '+', ' '), ',', ' '), '-', ' '), '.', ' '), '/', ' '), ':', ' '), ';', ' '), '<', ' '), '=', ' '), '>', ' ') AS mqlw_g17_1,
    substr(mqlw_t9, mqlw_k9, 1) AS mqlw_s9,
    CAST(substr(mqlw_t9, 1, mqlw_k9 - 1) AS INTEGER) AS mqlw_a9,
    CASE WHEN substr(mqlw_t9, mqlw_k9 + 2, 1) = substr(mqlw_t9, mqlw_k9, 1) THEN mqlw_k9 + 2 ELSE mqlw_k9 + 3 END AS mqlw_j9,
    CASE WHEN mqlw_es9 >= 946684800 AND mqlw_es9 < 4102444800 THEN (mqlw_es9 / 86400) END AS mqlw_ep9,
    substr(mqlw_t10, mqlw_k10, 1) AS mqlw_s10,
    CAST(substr(mqlw_t10, 1, mqlw_k10 - 1) AS INTEGER) AS mqlw_a10,
    CASE WHEN substr(mqlw_t10, mqlw_k10 + 2, 1) = substr(mqlw_t10, mqlw_k10, 1) THEN mqlw_k10 + 2 ELSE mqlw_k10 + 3 END AS mqlw_j10,
    CASE WHEN mqlw_es10 >= 946684800 AND mqlw_es10 < 4102444800 THEN (mqlw_es10 / 86400) END AS mqlw_ep10,
    substr(mqlw_t13, mqlw_k13, 1) AS mqlw_s13,
    CAST(substr(mqlw_t13, 1, mqlw_k13 - 1) AS INTEGER) AS mqlw_a13,
    CASE WHEN substr(mqlw_t13, mqlw_k13 + 2, 1) = substr(mqlw_t13, mqlw_k13, 1) THEN mqlw_k13 + 2 ELSE mqlw_k13 + 3 END AS mqlw_j13,
    CASE WHEN mqlw_es13 >= 946684800 AND mqlw_es13 < 4102444800 THEN (mqlw_es13 / 86400) END AS mqlw_ep13,
    substr(mqlw_t15, mqlw_k15, 1) AS mqlw_s15,
    CAST(substr(mqlw_t15, 1, mqlw_k15 - 1) AS INTEGER) AS mqlw_a15,
    CASE WHEN substr(mqlw_t15, mqlw_k15 + 2, 1) = substr(mqlw_t15, mqlw_k15, 1) THEN mqlw_k15 + 2 ELSE mqlw_k15 + 3 END AS mqlw_j15,
    CASE WHEN mqlw_es15 >= 946684800 AND mqlw_es15 < 4102444800 THEN (mqlw_es15 / 86400) END AS mqlw_ep15,
    substr(mqlw_t21, mqlw_k21, 1) AS mqlw_s21,
    CAST(substr(mqlw_t21, 1, mqlw_k21 - 1) AS INTEGER) AS mqlw_a21,
    CASE WHEN substr(mqlw_t21, mqlw_k21 + 2, 1) = substr(mqlw_t21, mqlw_k21, 1) THEN mqlw_k21 + 2 ELSE mqlw_k21 + 3 END AS mqlw_j21,
    CASE WHEN mqlw_es21 >= 946684800 AND mqlw_es21 < 4102444800 THEN (mqlw_es21 / 86400) END AS mqlw_ep21
  FROM mqlw_date1
  LIMIT -1 OFFSET 0
),
mqlw_date3 AS (
  SELECT
    lead_id,
    email,
    job_title,
    seniority,
    company_size,
    revenue,
    is_partner,
    country,
    created_at,
    as_of,
    signup_date,
    demo_requests,
    webinars,
    webinars_date,
    unsubscribed,
    last_activity_at,
    lifecycle_stage,
    deal_stage,
    sql,
    accepted,
    opportunity,
    won_on,
    deal_amount,
    platform_score,
    mqlw_t0,
    mqlw_t1,
    mqlw_t2,
    mqlw_t3,
    mqlw_t4,
    mqlw_t5,
    mqlw_t7,
    mqlw_t11,
    mqlw_t12,
    mqlw_t19,
    mqlw_t20,
    mqlw_f6_0,
    mqlw_k9,
    mqlw_k10,
    mqlw_k13,
    mqlw_f14_0,
    mqlw_k15,
    mqlw_f18_0,
    mqlw_k21,
    mqlw_s9,
    mqlw_a9,
    mqlw_ep9,
    mqlw_s10,
    mqlw_a10,
    mqlw_ep10,
    mqlw_s13,
    mqlw_a13,
    mqlw_ep13,
    mqlw_s15,
    mqlw_a15,
    mqlw_ep15,
    mqlw_s21,
    mqlw_a21,
    mqlw_ep21,
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(mqlw_g16_1, '?', ' '), '@', ' '), '[', ' '), '\', ' '), ']', ' '), '^', ' '), '_', ' '), '`', ' '), '{', ' '), '|', ' ') AS mqlw_g16_2,
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(mqlw_g17_1, '?', ' '), '@', ' '), '[', ' '), '\', ' '), ']', ' '), '^', ' '), '_', ' '), '`', ' '), '{', ' '), '|', ' ') AS mqlw_g17_2,
    CAST(substr(mqlw_t9, mqlw_k9 + 1, mqlw_j9 - mqlw_k9 - 1) AS INTEGER) AS mqlw_bb9,
    CASE WHEN mqlw_k9 = 5 THEN CAST(substr(mqlw_t9, mqlw_j9 + 1, CASE WHEN substr(mqlw_t9, mqlw_j9 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END) AS INTEGER) ELSE CAST(substr(mqlw_t9, mqlw_j9 + 1, 4) AS INTEGER) END AS mqlw_c9,
    CAST(substr(mqlw_t10, mqlw_k10 + 1, mqlw_j10 - mqlw_k10 - 1) AS INTEGER) AS mqlw_bb10,
    CASE WHEN mqlw_k10 = 5 THEN CAST(substr(mqlw_t10, mqlw_j10 + 1, CASE WHEN substr(mqlw_t10, mqlw_j10 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END) AS INTEGER) ELSE CAST(substr(mqlw_t10, mqlw_j10 + 1, 4) AS INTEGER) END AS mqlw_c10,
    CAST(substr(mqlw_t13, mqlw_k13 + 1, mqlw_j13 - mqlw_k13 - 1) AS INTEGER) AS mqlw_bb13,
    CASE WHEN mqlw_k13 = 5 THEN CAST(substr(mqlw_t13, mqlw_j13 + 1, CASE WHEN substr(mqlw_t13, mqlw_j13 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END) AS INTEGER) ELSE CAST(substr(mqlw_t13, mqlw_j13 + 1, 4) AS INTEGER) END AS mqlw_c13,
    CAST(substr(mqlw_t15, mqlw_k15 + 1, mqlw_j15 - mqlw_k15 - 1) AS INTEGER) AS mqlw_bb15,
    CASE WHEN mqlw_k15 = 5 THEN CAST(substr(mqlw_t15, mqlw_j15 + 1, CASE WHEN substr(mqlw_t15, mqlw_j15 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END) AS INTEGER) ELSE CAST(substr(mqlw_t15, mqlw_j15 + 1, 4) AS INTEGER) END AS mqlw_c15,
    CAST(substr(mqlw_t21, mqlw_k21 + 1, mqlw_j21 - mqlw_k21 - 1) AS INTEGER) AS mqlw_bb21,
    CASE WHEN mqlw_k21 = 5 THEN CAST(substr(mqlw_t21, mqlw_j21 + 1, CASE WHEN substr(mqlw_t21, mqlw_j21 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END) AS INTEGER) ELSE CAST(substr(mqlw_t21, mqlw_j21 + 1, 4) AS INTEGER) END AS mqlw_c21
  FROM mqlw_date2
  LIMIT -1 OFFSET 0
),
mqlw_dateorder9 AS (
  SELECT MAX(CASE WHEN mqlw_k9 <> 5 AND mqlw_s9 = '/' AND mqlw_a9 > 12 THEN 1 ELSE 0 END) AS mqlw_dmy9
  FROM mqlw_date3
),
mqlw_dateorder10 AS (
  SELECT MAX(CASE WHEN mqlw_k10 <> 5 AND mqlw_s10 = '/' AND mqlw_a10 > 12 THEN 1 ELSE 0 END) AS mqlw_dmy10
  FROM mqlw_date3
),
mqlw_dateorder13 AS (
  SELECT MAX(CASE WHEN mqlw_k13 <> 5 AND mqlw_s13 = '/' AND mqlw_a13 > 12 THEN 1 ELSE 0 END) AS mqlw_dmy13
  FROM mqlw_date3
),
mqlw_dateorder15 AS (
  SELECT MAX(CASE WHEN mqlw_k15 <> 5 AND mqlw_s15 = '/' AND mqlw_a15 > 12 THEN 1 ELSE 0 END) AS mqlw_dmy15
  FROM mqlw_date3
),
mqlw_dateorder21 AS (
  SELECT MAX(CASE WHEN mqlw_k21 <> 5 AND mqlw_s21 = '/' AND mqlw_a21 > 12 THEN 1 ELSE 0 END) AS mqlw_dmy21
  FROM mqlw_date3
),
mqlw_date4 AS (
  SELECT
    lead_id,
    email,
    job_title,
    seniority,
    company_size,
    revenue,
    is_partner,
    country,
    created_at,
    as_of,
    signup_date,
    demo_requests,
    webinars,
    webinars_date,
    unsubscribed,
    last_activity_at,
    lifecycle_stage,
    deal_stage,
    sql,
    accepted,
    opportunity,
    won_on,
    deal_amount,
    platform_score,
    mqlw_t0,
    mqlw_t1,
    mqlw_t2,
    mqlw_t3,
    mqlw_t4,
    mqlw_t5,
    mqlw_t7,
    mqlw_t11,
    mqlw_t12,
    mqlw_t19,
    mqlw_t20,
    mqlw_f6_0,
    mqlw_f14_0,
    mqlw_f18_0,
    mqlw_ep9,
    mqlw_ep10,
    mqlw_ep13,
    mqlw_ep15,
    mqlw_ep21,
    mqlw_g16_2,
    mqlw_g17_2,
    CASE WHEN mqlw_k9 = 5 THEN mqlw_a9 ELSE mqlw_c9 END AS mqlw_y9,
    CASE WHEN mqlw_k9 = 5 THEN mqlw_bb9 WHEN (mqlw_s9 <> '/' OR mqlw_a9 > 12 OR (mqlw_bb9 <= 12 AND mqlw_dmy9 = 1)) THEN mqlw_bb9 ELSE mqlw_a9 END AS mqlw_mo9,
    CASE WHEN mqlw_k9 = 5 THEN mqlw_c9 WHEN (mqlw_s9 <> '/' OR mqlw_a9 > 12 OR (mqlw_bb9 <= 12 AND mqlw_dmy9 = 1)) THEN mqlw_a9 ELSE mqlw_bb9 END AS mqlw_da9,
    CASE WHEN mqlw_k10 = 5 THEN mqlw_a10 ELSE mqlw_c10 END AS mqlw_y10,
    CASE WHEN mqlw_k10 = 5 THEN mqlw_bb10 WHEN (mqlw_s10 <> '/' OR mqlw_a10 > 12 OR (mqlw_bb10 <= 12 AND mqlw_dmy10 = 1)) THEN mqlw_bb10 ELSE mqlw_a10 END AS mqlw_mo10,
    CASE WHEN mqlw_k10 = 5 THEN mqlw_c10 WHEN (mqlw_s10 <> '/' OR mqlw_a10 > 12 OR (mqlw_bb10 <= 12 AND mqlw_dmy10 = 1)) THEN mqlw_a10 ELSE mqlw_bb10 END AS mqlw_da10,
    CASE WHEN mqlw_k13 = 5 THEN mqlw_a13 ELSE mqlw_c13 END AS mqlw_y13,
    CASE WHEN mqlw_k13 = 5 THEN mqlw_bb13 WHEN (mqlw_s13 <> '/' OR mqlw_a13 > 12 OR (mqlw_bb13 <= 12 AND mqlw_dmy13 = 1)) THEN mqlw_bb13 ELSE mqlw_a13 END AS mqlw_mo13,
    CASE WHEN mqlw_k13 = 5 THEN mqlw_c13 WHEN (mqlw_s13 <> '/' OR mqlw_a13 > 12 OR (mqlw_bb13 <= 12 AND mqlw_dmy13 = 1)) THEN mqlw_a13 ELSE mqlw_bb13 END AS mqlw_da13,
    CASE WHEN mqlw_k15 = 5 THEN mqlw_a15 ELSE mqlw_c15 END AS mqlw_y15,
    CASE WHEN mqlw_k15 = 5 THEN mqlw_bb15 WHEN (mqlw_s15 <> '/' OR mqlw_a15 > 12 OR (mqlw_bb15 <= 12 AND mqlw_dmy15 = 1)) THEN mqlw_bb15 ELSE mqlw_a15 END AS mqlw_mo15,
    CASE WHEN mqlw_k15 = 5 THEN mqlw_c15 WHEN (mqlw_s15 <> '/' OR mqlw_a15 > 12 OR (mqlw_bb15 <= 12 AND mqlw_dmy15 = 1)) THEN mqlw_a15 ELSE mqlw_bb15 END AS mqlw_da15,
    CASE WHEN mqlw_k21 = 5 THEN mqlw_a21 ELSE mqlw_c21 END AS mqlw_y21,
    CASE WHEN mqlw_k21 = 5 THEN mqlw_bb21 WHEN (mqlw_s21 <> '/' OR mqlw_a21 > 12 OR (mqlw_bb21 <= 12 AND mqlw_dmy21 = 1)) THEN mqlw_bb21 ELSE mqlw_a21 END AS mqlw_mo21,
    CASE WHEN mqlw_k21 = 5 THEN mqlw_c21 WHEN (mqlw_s21 <> '/' OR mqlw_a21 > 12 OR (mqlw_bb21 <= 12 AND mqlw_dmy21 = 1)) THEN mqlw_a21 ELSE mqlw_bb21 END AS mqlw_da21
  FROM mqlw_date3
  CROSS JOIN mqlw_dateorder9
  CROSS JOIN mqlw_dateorder10
  CROSS JOIN mqlw_dateorder13
  CROSS JOIN mqlw_dateorder15
  CROSS JOIN mqlw_dateorder21
  LIMIT -1 OFFSET 0
),
mqlw_date5 AS (
  SELECT
    lead_id,
    email,
    job_title,
    seniority,
    company_size,
    revenue,
    is_partner,
    country,
    created_at,
    as_of,
    signup_date,
    demo_requests,
    webinars,
    webinars_date,
    unsubscribed,
    last_activity_at,
    lifecycle_stage,
    deal_stage,
    sql,
    accepted,
    opportunity,
    won_on,
    deal_amount,
    platform_score,
    mqlw_t0,
    mqlw_t1,
    mqlw_t2,
    mqlw_t3,
    mqlw_t4,
    mqlw_t5,
    mqlw_t7,
    mqlw_t11,
    mqlw_t12,
    mqlw_t19,
    mqlw_t20,
    mqlw_f6_0,
    mqlw_f14_0,
    mqlw_f18_0,
    mqlw_ep9,
    mqlw_ep10,
    mqlw_ep13,
    mqlw_ep15,
    mqlw_ep21,
    mqlw_g16_2,
    mqlw_g17_2,
    mqlw_da9,
    mqlw_da10,
    mqlw_da13,
    mqlw_da15,
    mqlw_da21,
    mqlw_y9 - CASE WHEN mqlw_mo9 <= 2 THEN 1 ELSE 0 END AS mqlw_yy9,
    mqlw_mo9 + CASE WHEN mqlw_mo9 > 2 THEN -3 ELSE 9 END AS mqlw_mp9,
    mqlw_y10 - CASE WHEN mqlw_mo10 <= 2 THEN 1 ELSE 0 END AS mqlw_yy10,
    mqlw_mo10 + CASE WHEN mqlw_mo10 > 2 THEN -3 ELSE 9 END AS mqlw_mp10,
    mqlw_y13 - CASE WHEN mqlw_mo13 <= 2 THEN 1 ELSE 0 END AS mqlw_yy13,
    mqlw_mo13 + CASE WHEN mqlw_mo13 > 2 THEN -3 ELSE 9 END AS mqlw_mp13,
    mqlw_y15 - CASE WHEN mqlw_mo15 <= 2 THEN 1 ELSE 0 END AS mqlw_yy15,
    mqlw_mo15 + CASE WHEN mqlw_mo15 > 2 THEN -3 ELSE 9 END AS mqlw_mp15,
    mqlw_y21 - CASE WHEN mqlw_mo21 <= 2 THEN 1 ELSE 0 END AS mqlw_yy21,
    mqlw_mo21 + CASE WHEN mqlw_mo21 > 2 THEN -3 ELSE 9 END AS mqlw_mp21
  FROM mqlw_date4
  LIMIT -1 OFFSET 0
),
mqlw_date6 AS (
  SELECT
    lead_id,
    email,
    job_title,
    seniority,
    company_size,
    revenue,
    is_partner,
    country,
    created_at,
    as_of,
    signup_date,
    demo_requests,
    webinars,
    webinars_date,
    unsubscribed,
    last_activity_at,
    lifecycle_stage,
    deal_stage,
    sql,
    accepted,
    opportunity,
    won_on,
    deal_amount,
    platform_score,
    mqlw_t0,
    mqlw_t1,
    mqlw_t2,
    mqlw_t3,
    mqlw_t4,
    mqlw_t5,
    mqlw_t7,
    mqlw_t11,
    mqlw_t12,
    mqlw_t19,
    mqlw_t20,
    mqlw_f6_0,
    mqlw_f14_0,
    mqlw_f18_0,
    mqlw_ep9,
    mqlw_ep10,
    mqlw_ep13,
    mqlw_ep15,
    mqlw_ep21,
    mqlw_g16_2,
    mqlw_g17_2,
    mqlw_da9,
    mqlw_da10,
    mqlw_da13,
    mqlw_da15,
    mqlw_da21,
    mqlw_mp9,
    mqlw_mp10,
    mqlw_mp13,
    mqlw_mp15,
    mqlw_mp21,
    (mqlw_yy9 / 400) AS mqlw_era9,
    mqlw_yy9 - (mqlw_yy9 / 400) * 400 AS mqlw_yoe9,
    (mqlw_yy10 / 400) AS mqlw_era10,
    mqlw_yy10 - (mqlw_yy10 / 400) * 400 AS mqlw_yoe10,
    (mqlw_yy13 / 400) AS mqlw_era13,
    mqlw_yy13 - (mqlw_yy13 / 400) * 400 AS mqlw_yoe13,
    (mqlw_yy15 / 400) AS mqlw_era15,
    mqlw_yy15 - (mqlw_yy15 / 400) * 400 AS mqlw_yoe15,
    (mqlw_yy21 / 400) AS mqlw_era21,
    mqlw_yy21 - (mqlw_yy21 / 400) * 400 AS mqlw_yoe21
  FROM mqlw_date5
  LIMIT -1 OFFSET 0
),
mqlw_value AS (
  SELECT
    lead_id,
    email,
    job_title,
    seniority,
    company_size,
    revenue,
    is_partner,
    country,
    created_at,
    as_of,
    signup_date,
    demo_requests,
    webinars,
    webinars_date,
    unsubscribed,
    last_activity_at,
    lifecycle_stage,
    deal_stage,
    sql,
    accepted,
    opportunity,
    won_on,
    deal_amount,
    platform_score,
    mqlw_t0,
    mqlw_t2,
    trim(replace(replace(replace(replace(replace(replace(replace(replace(mqlw_g16_2, '}', ' '), '~', ' '), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ')) AS mqlw_g16,
    trim(replace(replace(replace(replace(replace(replace(replace(replace(mqlw_g17_2, '}', ' '), '~', ' '), char(9), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ')) AS mqlw_g17,
    lower(trim((CASE WHEN instr(mqlw_t1, '@') > 0 THEN replace(mqlw_t1, rtrim(mqlw_t1, replace(mqlw_t1, '@', '')), '') END), ' ' || char(9))) AS mqlw_e1,
    lower(mqlw_t2) AS mqlw_l2,
    lower(mqlw_t3) AS mqlw_l3,
    CAST(mqlw_t4 AS REAL) AS mqlw_n4,
    CAST(mqlw_t5 AS REAL) AS mqlw_n5,
    CASE WHEN mqlw_f6_0 IN ('1', 'yes', 'true', 'y', 't', 'x', '✓', '✔', 'ja', 'oui', 'sí', 'si', 'wahr', 'vrai', 'verdadero') THEN 1 WHEN mqlw_f6_0 IN ('0', 'no', 'false', 'n', 'f', '✗', '✘', 'nein', 'non', 'falsch', 'faux', 'falso') THEN 0 END AS mqlw_b6,
    lower(mqlw_t7) AS mqlw_l7,
    CASE WHEN mqlw_ep9 IS NOT NULL THEN mqlw_ep9 ELSE mqlw_era9 * 146097 + mqlw_yoe9 * 365 + (mqlw_yoe9 / 4) - (mqlw_yoe9 / 100) + ((153 * mqlw_mp9 + 2) / 5) + mqlw_da9 - 1 - 719468 END AS mqlw_d9,
    CASE WHEN mqlw_ep10 IS NOT NULL THEN mqlw_ep10 ELSE mqlw_era10 * 146097 + mqlw_yoe10 * 365 + (mqlw_yoe10 / 4) - (mqlw_yoe10 / 100) + ((153 * mqlw_mp10 + 2) / 5) + mqlw_da10 - 1 - 719468 END AS mqlw_d10,
    CAST(mqlw_t11 AS REAL) AS mqlw_n11,
    CAST(mqlw_t12 AS REAL) AS mqlw_n12,
    CASE WHEN mqlw_ep13 IS NOT NULL THEN mqlw_ep13 ELSE mqlw_era13 * 146097 + mqlw_yoe13 * 365 + (mqlw_yoe13 / 4) - (mqlw_yoe13 / 100) + ((153 * mqlw_mp13 + 2) / 5) + mqlw_da13 - 1 - 719468 END AS mqlw_d13,
    CASE WHEN mqlw_f14_0 IN ('1', 'yes', 'true', 'y', 't', 'x', '✓', '✔', 'ja', 'oui', 'sí', 'si', 'wahr', 'vrai', 'verdadero') THEN 1 WHEN mqlw_f14_0 IN ('0', 'no', 'false', 'n', 'f', '✗', '✘', 'nein', 'non', 'falsch', 'faux', 'falso') THEN 0 END AS mqlw_b14,
    CASE WHEN mqlw_ep15 IS NOT NULL THEN mqlw_ep15 ELSE mqlw_era15 * 146097 + mqlw_yoe15 * 365 + (mqlw_yoe15 / 4) - (mqlw_yoe15 / 100) + ((153 * mqlw_mp15 + 2) / 5) + mqlw_da15 - 1 - 719468 END AS mqlw_d15,
    CASE WHEN mqlw_f18_0 IN ('1', 'yes', 'true', 'y', 't', 'x', '✓', '✔', 'ja', 'oui', 'sí', 'si', 'wahr', 'vrai', 'verdadero') THEN 1 WHEN mqlw_f18_0 IN ('0', 'no', 'false', 'n', 'f', '✗', '✘', 'nein', 'non', 'falsch', 'faux', 'falso') THEN 0 END AS mqlw_b18,
    CASE WHEN lower(mqlw_t19) IN ('1', 'yes', 'true', 'y', 't', 'x', '✓', '✔', 'ja', 'oui', 'sí', 'si', 'wahr', 'vrai', 'verdadero', 'accepted') THEN 1 WHEN lower(mqlw_t19) IN ('0', 'no', 'false', 'n', 'f', '✗', '✘', 'nein', 'non', 'falsch', 'faux', 'falso', 'rejected') THEN 0 END AS mqlw_b19,
    CAST(mqlw_t20 AS REAL) AS mqlw_n20,
    CASE WHEN mqlw_ep21 IS NOT NULL THEN mqlw_ep21 ELSE mqlw_era21 * 146097 + mqlw_yoe21 * 365 + (mqlw_yoe21 / 4) - (mqlw_yoe21 / 100) + ((153 * mqlw_mp21 + 2) / 5) + mqlw_da21 - 1 - 719468 END AS mqlw_d21
  FROM mqlw_date6
  LIMIT -1 OFFSET 0
),
mqlw_latest AS (
  SELECT MAX(mqlw_v) AS mqlw_latest FROM (
    SELECT MAX(mqlw_d13) AS mqlw_v FROM mqlw_value
    UNION ALL
    SELECT MAX(mqlw_d15) AS mqlw_v FROM mqlw_value
  ) AS mqlw_days
),
mqlw_context16 AS (
  SELECT CASE WHEN MAX(CASE WHEN mqlw_g16 IN ('appointment scheduled', 'appointmentscheduled', 'qualified to buy', 'qualifiedtobuy', 'presentation scheduled', 'presentationscheduled', 'decision maker bought in', 'decisionmakerboughtin', 'contract sent', 'contractsent', 'closedwon', 'closedlost', 'prospecting', 'qualification', 'needs analysis', 'value proposition', 'id decision makers', 'perception analysis', 'proposal price quote', 'negotiation review', 'identify decision makers', 'closed lost to competition', 'on hold', 'out sold', 'contact made', 'needs defined', 'demo scheduled', 'proposal made', 'negotiations started', 'qualifizierung', 'bedarfsanalyse', 'angebot preisangebot', 'verhandlung Überprüfung', 'geschlossen und gewonnen', 'geschlossen und verloren', 'abgeschlossen und gewonnen', 'abgeschlossen und verloren', 'prospection', 'analyse des besoins', 'proposition devis', 'négociation révision', 'fermée gagnée', 'fermée perdue', 'prospección', 'calificación', 'análisis de necesidades', 'propuesta presupuesto', 'negociación revisión', 'cerrada ganada', 'cerrada perdida') THEN 1 ELSE 0 END) = 1 THEN 2
              WHEN MAX(CASE WHEN mqlw_g16 IN ('contacted', 'mql', 'unqualified', 'sql', 'subscriber', 'lead', 'marketing qualified lead', 'marketingqualifiedlead', 'sales qualified lead', 'salesqualifiedlead', 'evangelist', 'open deal', 'attempted to contact', 'connected', 'bad timing', 'open not contacted', 'working contacted', 'closed converted', 'closed not converted', 'cannot contact', 'no longer interested', 'not contacted', 'contact in future', 'pre qualified', 'junk lead', 'lost lead', 'not qualified', 'offen nicht kontaktiert', 'in bearbeitung kontaktiert', 'geschlossen konvertiert', 'geschlossen nicht konvertiert', 'ouvert non contacté', 'en cours contacté', 'fermé converti', 'fermé non converti', 'abierto no contactado', 'trabajando contactado', 'cerrado convertido', 'cerrado no convertido') THEN 1 ELSE 0 END) = 1 THEN 1
              ELSE 0 END AS mqlw_ctx16
  FROM mqlw_value
),
mqlw_age AS (
  SELECT
    lead_id,
    email,
    job_title,
    seniority,
    company_size,
    revenue,
    is_partner,
    country,
    created_at,
    as_of,
    signup_date,
    demo_requests,
    webinars,
    webinars_date,
    unsubscribed,
    last_activity_at,
    lifecycle_stage,
    deal_stage,
    sql,
    accepted,
    opportunity,
    won_on,
    deal_amount,
    platform_score,
    mqlw_t0,
    mqlw_t2,
    mqlw_e1,
    mqlw_l2,
    mqlw_l3,
    mqlw_n4,
    mqlw_n5,
    mqlw_b6,
    mqlw_l7,
    mqlw_d10,
    mqlw_n11,
    mqlw_n12,
    mqlw_b14,
    mqlw_b18,
    mqlw_b19,
    mqlw_n20,
    mqlw_d21,
    CASE WHEN COALESCE(mqlw_d9, mqlw_latest) - mqlw_d15 IS NULL THEN NULL WHEN COALESCE(mqlw_d9, mqlw_latest) - mqlw_d15 < 0 THEN 0 ELSE COALESCE(mqlw_d9, mqlw_latest) - mqlw_d15 END AS mqlw_age15,
    CASE WHEN COALESCE(mqlw_d9, mqlw_latest) - mqlw_d13 IS NULL THEN NULL WHEN COALESCE(mqlw_d9, mqlw_latest) - mqlw_d13 < 0 THEN 0 ELSE COALESCE(mqlw_d9, mqlw_latest) - mqlw_d13 END AS mqlw_age13,
    CASE
      WHEN mqlw_g16 = 'new' THEN CASE WHEN mqlw_ctx16 = 1 THEN -1 WHEN mqlw_ctx16 = 2 THEN 2 ELSE -1 END
      WHEN mqlw_g16 = 'open' THEN CASE WHEN mqlw_ctx16 = 1 THEN -1 WHEN mqlw_ctx16 = 2 THEN 2 ELSE -1 END
      WHEN mqlw_g16 = 'inquiry' THEN -1
      WHEN mqlw_g16 = 'nurture' THEN -1
      WHEN mqlw_g16 = 'nurturing' THEN -1
      WHEN mqlw_g16 = 'working' THEN -1
      WHEN mqlw_g16 = 'contacted' THEN -1
      WHEN mqlw_g16 = 'mql' THEN -1
      WHEN mqlw_g16 = 'marketing qualified' THEN -1
      WHEN mqlw_g16 = 'rejected' THEN -1
      WHEN mqlw_g16 = 'disqualified' THEN -1
      WHEN mqlw_g16 = 'unqualified' THEN -1
      WHEN mqlw_g16 = 'recycled' THEN -1
      WHEN mqlw_g16 = 'sal' THEN 0
      WHEN mqlw_g16 = 'accepted' THEN 0
      WHEN mqlw_g16 = 'sales accepted' THEN 0
      WHEN mqlw_g16 = 'sales accepted lead' THEN 0
      WHEN mqlw_g16 = 'sql' THEN 1
      WHEN mqlw_g16 = 'sales qualified' THEN 1
      WHEN mqlw_g16 = 'qualified' THEN CASE WHEN mqlw_ctx16 = 1 THEN 1 WHEN mqlw_ctx16 = 2 THEN 2 ELSE 1 END
      WHEN mqlw_g16 = 'converted' THEN 1
      WHEN mqlw_g16 = 'opportunity' THEN 2
      WHEN mqlw_g16 = 'engaging' THEN 2
      WHEN mqlw_g16 = 'proposal' THEN 2
      WHEN mqlw_g16 = 'negotiation' THEN 2
      WHEN mqlw_g16 = 'won' THEN 3
      WHEN mqlw_g16 = 'lost' THEN CASE WHEN mqlw_ctx16 = 1 THEN -1 WHEN mqlw_ctx16 = 2 THEN 2 ELSE 2 END
      WHEN mqlw_g16 = 'subscriber' THEN -1
      WHEN mqlw_g16 = 'lead' THEN -1
      WHEN mqlw_g16 = 'marketing qualified lead' THEN -1
      WHEN mqlw_g16 = 'marketingqualifiedlead' THEN -1
      WHEN mqlw_g16 = 'sales qualified lead' THEN 1
      WHEN mqlw_g16 = 'salesqualifiedlead' THEN 1
      WHEN mqlw_g16 = 'customer' THEN 3
      WHEN mqlw_g16 = 'evangelist' THEN 3
      WHEN mqlw_g16 = 'other' THEN -1
      WHEN mqlw_g16 = 'in progress' THEN CASE WHEN mqlw_ctx16 = 1 THEN 0 WHEN mqlw_ctx16 = 2 THEN 2 ELSE 0 END
      WHEN mqlw_g16 = 'open deal' THEN 2
      WHEN mqlw_g16 = 'attempted to contact' THEN -1
      WHEN mqlw_g16 = 'connected' THEN -1
      WHEN mqlw_g16 = 'bad timing' THEN -1
      WHEN mqlw_g16 = 'appointment scheduled' THEN 2
      WHEN mqlw_g16 = 'appointmentscheduled' THEN 2
      WHEN mqlw_g16 = 'qualified to buy' THEN 2
      WHEN mqlw_g16 = 'qualifiedtobuy' THEN 2
      WHEN mqlw_g16 = 'presentation scheduled' THEN 2
      WHEN mqlw_g16 = 'presentationscheduled' THEN 2
      WHEN mqlw_g16 = 'decision maker bought in' THEN 2
      WHEN mqlw_g16 = 'decisionmakerboughtin' THEN 2
      WHEN mqlw_g16 = 'contract sent' THEN 2
      WHEN mqlw_g16 = 'contractsent' THEN 2
      WHEN mqlw_g16 = 'closedwon' THEN 3
      WHEN mqlw_g16 = 'closedlost' THEN 2
      WHEN mqlw_g16 = 'open not contacted' THEN -1
      WHEN mqlw_g16 = 'working contacted' THEN -1
      WHEN mqlw_g16 = 'closed converted' THEN 1
      WHEN mqlw_g16 = 'closed not converted' THEN -1
      WHEN mqlw_g16 = 'prospecting' THEN 2
      WHEN mqlw_g16 = 'qualification' THEN 2
      WHEN mqlw_g16 = 'needs analysis' THEN 2
      WHEN mqlw_g16 = 'value proposition' THEN 2
      WHEN mqlw_g16 = 'id decision makers' THEN 2
      WHEN mqlw_g16 = 'perception analysis' THEN 2
      WHEN mqlw_g16 = 'proposal price quote' THEN 2
      WHEN mqlw_g16 = 'negotiation review' THEN 2
      WHEN mqlw_g16 = 'closed won' THEN 3
      WHEN mqlw_g16 = 'closed lost' THEN 2
      WHEN mqlw_g16 = 'identify decision makers' THEN 2
      WHEN mqlw_g16 = 'closed lost to competition' THEN 2
      WHEN mqlw_g16 = 'anonymous' THEN -1
      WHEN mqlw_g16 = 'known' THEN -1
      WHEN mqlw_g16 = 'engaged' THEN -1
      WHEN mqlw_g16 = 'cannot contact' THEN -1
      WHEN mqlw_g16 = 'no longer interested' THEN -1
      WHEN mqlw_g16 = 'canceled' THEN CASE WHEN mqlw_ctx16 = 1 THEN -1 WHEN mqlw_ctx16 = 2 THEN 2 ELSE -1 END
      WHEN mqlw_g16 = 'cancelled' THEN CASE WHEN mqlw_ctx16 = 1 THEN -1 WHEN mqlw_ctx16 = 2 THEN 2 ELSE -1 END
      WHEN mqlw_g16 = 'on hold' THEN 2
      WHEN mqlw_g16 = 'out sold' THEN 2
      WHEN mqlw_g16 = 'not contacted' THEN -1
      WHEN mqlw_g16 = 'contact in future' THEN -1
      WHEN mqlw_g16 = 'pre qualified' THEN -1
      WHEN mqlw_g16 = 'junk lead' THEN -1
      WHEN mqlw_g16 = 'lost lead' THEN -1
      WHEN mqlw_g16 = 'not qualified' THEN -1
      WHEN mqlw_g16 = 'contact made' THEN 2
      WHEN mqlw_g16 = 'needs defined' THEN 2
      WHEN mqlw_g16 = 'demo scheduled' THEN 2
      WHEN mqlw_g16 = 'proposal made' THEN 2
      WHEN mqlw_g16 = 'negotiations started' THEN 2
      WHEN mqlw_g16 = 'interested' THEN -1
      WHEN mqlw_g16 = 'neu' THEN -1
      WHEN mqlw_g16 = 'kontaktiert' THEN -1
      WHEN mqlw_g16 = 'offen' THEN -1
      WHEN mqlw_g16 = 'in bearbeitung' THEN -1
      WHEN mqlw_g16 = 'offener deal' THEN 2
      WHEN mqlw_g16 = 'nicht qualifiziert' THEN -1
      WHEN mqlw_g16 = 'kontaktversuch' THEN -1
      WHEN mqlw_g16 = 'verbunden' THEN -1
      WHEN mqlw_g16 = 'schlechtes timing' THEN -1
      WHEN mqlw_g16 = 'ouvert' THEN -1
      WHEN mqlw_g16 = 'en cours' THEN -1
      WHEN mqlw_g16 = 'transaction ouverte' THEN 2
      WHEN mqlw_g16 = 'non qualifié' THEN -1
      WHEN mqlw_g16 = 'tentative de contact' THEN -1
      WHEN mqlw_g16 = 'connecté' THEN -1
      WHEN mqlw_g16 = 'mauvais timing' THEN -1
      WHEN mqlw_g16 = 'abierto' THEN -1
      WHEN mqlw_g16 = 'en curso' THEN -1
      WHEN mqlw_g16 = 'en progreso' THEN -1
      WHEN mqlw_g16 = 'negocio abierto' THEN 2
      WHEN mqlw_g16 = 'no calificado' THEN -1
      WHEN mqlw_g16 = 'intento de contacto' THEN -1
      WHEN mqlw_g16 = 'conectado' THEN -1
      WHEN mqlw_g16 = 'mal momento' THEN -1
      WHEN mqlw_g16 = 'abonnent' THEN -1
      WHEN mqlw_g16 = 'marketingqualifizierter lead' THEN -1
      WHEN mqlw_g16 = 'marketing qualifizierter lead' THEN -1
      WHEN mqlw_g16 = 'vertriebsqualifizierter lead' THEN 1
      WHEN mqlw_g16 = 'vertriebs qualifizierter lead' THEN 1
      WHEN mqlw_g16 = 'verkaufschance' THEN 2
      WHEN mqlw_g16 = 'kunde' THEN 3
      WHEN mqlw_g16 = 'sonstiges' THEN -1
      WHEN mqlw_g16 = 'qualifiziert' THEN 1
      WHEN mqlw_g16 = 'disqualifiziert' THEN -1
      WHEN mqlw_g16 = 'gewonnen' THEN 3
      WHEN mqlw_g16 = 'verloren' THEN 2
      WHEN mqlw_g16 = 'offen nicht kontaktiert' THEN -1
      WHEN mqlw_g16 = 'in bearbeitung kontaktiert' THEN -1
      WHEN mqlw_g16 = 'geschlossen konvertiert' THEN 1
      WHEN mqlw_g16 = 'geschlossen nicht konvertiert' THEN -1
      WHEN mqlw_g16 = 'qualifizierung' THEN 2
      WHEN mqlw_g16 = 'bedarfsanalyse' THEN 2
      WHEN mqlw_g16 = 'angebot preisangebot' THEN 2
      WHEN mqlw_g16 = 'verhandlung Überprüfung' THEN 2
      WHEN mqlw_g16 = 'geschlossen und gewonnen' THEN 3
      WHEN mqlw_g16 = 'geschlossen und verloren' THEN 2
      WHEN mqlw_g16 = 'abgeschlossen und gewonnen' THEN 3
      WHEN mqlw_g16 = 'abgeschlossen und verloren' THEN 2
      WHEN mqlw_g16 = 'nouveau' THEN -1
      WHEN mqlw_g16 = 'contacté' THEN -1
      WHEN mqlw_g16 = 'abonné' THEN -1
      WHEN mqlw_g16 = 'lead qualifié marketing' THEN -1
      WHEN mqlw_g16 = 'lead qualifié par le marketing' THEN -1
      WHEN mqlw_g16 = 'lead qualifié pour la vente' THEN 1
      WHEN mqlw_g16 = 'lead qualifié par les ventes' THEN 1
      WHEN mqlw_g16 = 'opportunité' THEN 2
      WHEN mqlw_g16 = 'client' THEN 3
      WHEN mqlw_g16 = 'ambassadeur' THEN 3
      WHEN mqlw_g16 = 'autre' THEN -1
      WHEN mqlw_g16 = 'qualifié' THEN 1
      WHEN mqlw_g16 = 'disqualifié' THEN -1
      WHEN mqlw_g16 = 'gagné' THEN 3
      WHEN mqlw_g16 = 'gagnée' THEN 3
      WHEN mqlw_g16 = 'perdu' THEN 2
      WHEN mqlw_g16 = 'perdue' THEN 2
      WHEN mqlw_g16 = 'ouvert non contacté' THEN -1
      WHEN mqlw_g16 = 'en cours contacté' THEN -1
      WHEN mqlw_g16 = 'fermé converti' THEN 1
      WHEN mqlw_g16 = 'fermé non converti' THEN -1
      WHEN mqlw_g16 = 'prospection' THEN 2
      WHEN mqlw_g16 = 'analyse des besoins' THEN 2
      WHEN mqlw_g16 = 'proposition devis' THEN 2
      WHEN mqlw_g16 = 'négociation révision' THEN 2
      WHEN mqlw_g16 = 'fermée gagnée' THEN 3
      WHEN mqlw_g16 = 'fermée perdue' THEN 2
      WHEN mqlw_g16 = 'conclue gagnée' THEN 3
      WHEN mqlw_g16 = 'conclue perdue' THEN 2
      WHEN mqlw_g16 = 'nuevo' THEN -1
      WHEN mqlw_g16 = 'contactado' THEN -1
      WHEN mqlw_g16 = 'suscriptor' THEN -1
      WHEN mqlw_g16 = 'lead calificado para marketing' THEN -1
      WHEN mqlw_g16 = 'lead calificado por marketing' THEN -1
      WHEN mqlw_g16 = 'lead calificado para ventas' THEN 1
      WHEN mqlw_g16 = 'lead calificado por ventas' THEN 1
      WHEN mqlw_g16 = 'oportunidad' THEN 2
      WHEN mqlw_g16 = 'cliente' THEN 3
      WHEN mqlw_g16 = 'promotor' THEN 3
      WHEN mqlw_g16 = 'otro' THEN -1
      WHEN mqlw_g16 = 'calificado' THEN 1
      WHEN mqlw_g16 = 'descalificado' THEN -1
      WHEN mqlw_g16 = 'ganado' THEN 3
      WHEN mqlw_g16 = 'ganada' THEN 3
      WHEN mqlw_g16 = 'perdido' THEN 2
      WHEN mqlw_g16 = 'perdida' THEN 2
      WHEN mqlw_g16 = 'abierto no contactado' THEN -1
      WHEN mqlw_g16 = 'trabajando contactado' THEN -1
      WHEN mqlw_g16 = 'cerrado convertido' THEN 1
      WHEN mqlw_g16 = 'cerrado no convertido' THEN -1
      WHEN mqlw_g16 = 'prospección' THEN 2
      WHEN mqlw_g16 = 'calificación' THEN 2
      WHEN mqlw_g16 = 'análisis de necesidades' THEN 2
      WHEN mqlw_g16 = 'propuesta presupuesto' THEN 2
      WHEN mqlw_g16 = 'negociación revisión' THEN 2
      WHEN mqlw_g16 = 'cerrada ganada' THEN 3
      WHEN mqlw_g16 = 'cerrada perdida' THEN 2
      WHEN mqlw_g16 = 'cerrado ganado' THEN 3
      WHEN mqlw_g16 = 'cerrado perdido' THEN 2
    END AS mqlw_sf16,
    CASE
      WHEN mqlw_g16 = 'new' THEN 0
      WHEN mqlw_g16 = 'open' THEN 0
      WHEN mqlw_g16 = 'inquiry' THEN 0
      WHEN mqlw_g16 = 'nurture' THEN 0
      WHEN mqlw_g16 = 'nurturing' THEN 0
      WHEN mqlw_g16 = 'working' THEN 0
      WHEN mqlw_g16 = 'contacted' THEN 0
      WHEN mqlw_g16 = 'mql' THEN 0
      WHEN mqlw_g16 = 'marketing qualified' THEN 0
      WHEN mqlw_g16 = 'rejected' THEN 1
      WHEN mqlw_g16 = 'disqualified' THEN 1
      WHEN mqlw_g16 = 'unqualified' THEN 1
      WHEN mqlw_g16 = 'recycled' THEN 1
      WHEN mqlw_g16 = 'sal' THEN 0
      WHEN mqlw_g16 = 'accepted' THEN 0
      WHEN mqlw_g16 = 'sales accepted' THEN 0
      WHEN mqlw_g16 = 'sales accepted lead' THEN 0
      WHEN mqlw_g16 = 'sql' THEN 0
      WHEN mqlw_g16 = 'sales qualified' THEN 0
      WHEN mqlw_g16 = 'qualified' THEN 0
      WHEN mqlw_g16 = 'converted' THEN 0
      WHEN mqlw_g16 = 'opportunity' THEN 0
      WHEN mqlw_g16 = 'engaging' THEN 0
      WHEN mqlw_g16 = 'proposal' THEN 0
      WHEN mqlw_g16 = 'negotiation' THEN 0
      WHEN mqlw_g16 = 'won' THEN 1
      WHEN mqlw_g16 = 'lost' THEN CASE WHEN mqlw_ctx16 = 1 THEN 2 WHEN mqlw_ctx16 = 2 THEN 1 ELSE 1 END
      WHEN mqlw_g16 = 'subscriber' THEN 0
      WHEN mqlw_g16 = 'lead' THEN 0
      WHEN mqlw_g16 = 'marketing qualified lead' THEN 0
      WHEN mqlw_g16 = 'marketingqualifiedlead' THEN 0
      WHEN mqlw_g16 = 'sales qualified lead' THEN 0
      WHEN mqlw_g16 = 'salesqualifiedlead' THEN 0
      WHEN mqlw_g16 = 'customer' THEN 1
      WHEN mqlw_g16 = 'evangelist' THEN 1
      WHEN mqlw_g16 = 'other' THEN 0
      WHEN mqlw_g16 = 'in progress' THEN 0
      WHEN mqlw_g16 = 'open deal' THEN 0
      WHEN mqlw_g16 = 'attempted to contact' THEN 0
      WHEN mqlw_g16 = 'connected' THEN 0
      WHEN mqlw_g16 = 'bad timing' THEN 1
      WHEN mqlw_g16 = 'appointment scheduled' THEN 0
      WHEN mqlw_g16 = 'appointmentscheduled' THEN 0
      WHEN mqlw_g16 = 'qualified to buy' THEN 0
      WHEN mqlw_g16 = 'qualifiedtobuy' THEN 0
      WHEN mqlw_g16 = 'presentation scheduled' THEN 0
      WHEN mqlw_g16 = 'presentationscheduled' THEN 0
      WHEN mqlw_g16 = 'decision maker bought in' THEN 0
      WHEN mqlw_g16 = 'decisionmakerboughtin' THEN 0
      WHEN mqlw_g16 = 'contract sent' THEN 0
      WHEN mqlw_g16 = 'contractsent' THEN 0
      WHEN mqlw_g16 = 'closedwon' THEN 1
      WHEN mqlw_g16 = 'closedlost' THEN 1
      WHEN mqlw_g16 = 'open not contacted' THEN 0
      WHEN mqlw_g16 = 'working contacted' THEN 0
      WHEN mqlw_g16 = 'closed converted' THEN 0
      WHEN mqlw_g16 = 'closed not converted' THEN 1
      WHEN mqlw_g16 = 'prospecting' THEN 0
      WHEN mqlw_g16 = 'qualification' THEN 0
      WHEN mqlw_g16 = 'needs analysis' THEN 0
      WHEN mqlw_g16 = 'value proposition' THEN 0
      WHEN mqlw_g16 = 'id decision makers' THEN 0
      WHEN mqlw_g16 = 'perception analysis' THEN 0
      WHEN mqlw_g16 = 'proposal price quote' THEN 0
      WHEN mqlw_g16 = 'negotiation review' THEN 0
      WHEN mqlw_g16 = 'closed won' THEN 1
      WHEN mqlw_g16 = 'closed lost' THEN 1
      WHEN mqlw_g16 = 'identify decision makers' THEN 0
      WHEN mqlw_g16 = 'closed lost to competition' THEN 1
      WHEN mqlw_g16 = 'anonymous' THEN 0
      WHEN mqlw_g16 = 'known' THEN 0
      WHEN mqlw_g16 = 'engaged' THEN 0
      WHEN mqlw_g16 = 'cannot contact' THEN 1
      WHEN mqlw_g16 = 'no longer interested' THEN 1
      WHEN mqlw_g16 = 'canceled' THEN 1
      WHEN mqlw_g16 = 'cancelled' THEN 1
      WHEN mqlw_g16 = 'on hold' THEN 0
      WHEN mqlw_g16 = 'out sold' THEN 1
      WHEN mqlw_g16 = 'not contacted' THEN 0
      WHEN mqlw_g16 = 'contact in future' THEN 0
      WHEN mqlw_g16 = 'pre qualified' THEN 0
      WHEN mqlw_g16 = 'junk lead' THEN 1
      WHEN mqlw_g16 = 'lost lead' THEN 1
      WHEN mqlw_g16 = 'not qualified' THEN 1
      WHEN mqlw_g16 = 'contact made' THEN 0
      WHEN mqlw_g16 = 'needs defined' THEN 0
      WHEN mqlw_g16 = 'demo scheduled' THEN 0
      WHEN mqlw_g16 = 'proposal made' THEN 0
      WHEN mqlw_g16 = 'negotiations started' THEN 0
      WHEN mqlw_g16 = 'interested' THEN 0
      WHEN mqlw_g16 = 'neu' THEN 0
      WHEN mqlw_g16 = 'kontaktiert' THEN 0
      WHEN mqlw_g16 = 'offen' THEN 0
      WHEN mqlw_g16 = 'in bearbeitung' THEN 0
      WHEN mqlw_g16 = 'offener deal' THEN 0
      WHEN mqlw_g16 = 'nicht qualifiziert' THEN 1
      WHEN mqlw_g16 = 'kontaktversuch' THEN 0
      WHEN mqlw_g16 = 'verbunden' THEN 0
      WHEN mqlw_g16 = 'schlechtes timing' THEN 0
      WHEN mqlw_g16 = 'ouvert' THEN 0
      WHEN mqlw_g16 = 'en cours' THEN 0
      WHEN mqlw_g16 = 'transaction ouverte' THEN 0
      WHEN mqlw_g16 = 'non qualifié' THEN 1
      WHEN mqlw_g16 = 'tentative de contact' THEN 0
      WHEN mqlw_g16 = 'connecté' THEN 0
      WHEN mqlw_g16 = 'mauvais timing' THEN 0
      WHEN mqlw_g16 = 'abierto' THEN 0
      WHEN mqlw_g16 = 'en curso' THEN 0
      WHEN mqlw_g16 = 'en progreso' THEN 0
      WHEN mqlw_g16 = 'negocio abierto' THEN 0
      WHEN mqlw_g16 = 'no calificado' THEN 1
      WHEN mqlw_g16 = 'intento de contacto' THEN 0
      WHEN mqlw_g16 = 'conectado' THEN 0
      WHEN mqlw_g16 = 'mal momento' THEN 0
      WHEN mqlw_g16 = 'abonnent' THEN 0
      WHEN mqlw_g16 = 'marketingqualifizierter lead' THEN 0
      WHEN mqlw_g16 = 'marketing qualifizierter lead' THEN 0
      WHEN mqlw_g16 = 'vertriebsqualifizierter lead' THEN 0
      WHEN mqlw_g16 = 'vertriebs qualifizierter lead' THEN 0
      WHEN mqlw_g16 = 'verkaufschance' THEN 0
      WHEN mqlw_g16 = 'kunde' THEN 1
      WHEN mqlw_g16 = 'sonstiges' THEN 0
      WHEN mqlw_g16 = 'qualifiziert' THEN 0
      WHEN mqlw_g16 = 'disqualifiziert' THEN 1
      WHEN mqlw_g16 = 'gewonnen' THEN 1
      WHEN mqlw_g16 = 'verloren' THEN 1
      WHEN mqlw_g16 = 'offen nicht kontaktiert' THEN 0
      WHEN mqlw_g16 = 'in bearbeitung kontaktiert' THEN 0
      WHEN mqlw_g16 = 'geschlossen konvertiert' THEN 0
      WHEN mqlw_g16 = 'geschlossen nicht konvertiert' THEN 1
      WHEN mqlw_g16 = 'qualifizierung' THEN 0
      WHEN mqlw_g16 = 'bedarfsanalyse' THEN 0
      WHEN mqlw_g16 = 'angebot preisangebot' THEN 0
      WHEN mqlw_g16 = 'verhandlung Überprüfung' THEN 0
      WHEN mqlw_g16 = 'geschlossen und gewonnen' THEN 1
      WHEN mqlw_g16 = 'geschlossen und verloren' THEN 1
      WHEN mqlw_g16 = 'abgeschlossen und gewonnen' THEN 1
      WHEN mqlw_g16 = 'abgeschlossen und verloren' THEN 1
      WHEN mqlw_g16 = 'nouveau' THEN 0
      WHEN mqlw_g16 = 'contacté' THEN 0
      WHEN mqlw_g16 = 'abonné' THEN 0
      WHEN mqlw_g16 = 'lead qualifié marketing' THEN 0
      WHEN mqlw_g16 = 'lead qualifié par le marketing' THEN 0
      WHEN mqlw_g16 = 'lead qualifié pour la vente' THEN 0
      WHEN mqlw_g16 = 'lead qualifié par les ventes' THEN 0
      WHEN mqlw_g16 = 'opportunité' THEN 0
      WHEN mqlw_g16 = 'client' THEN 1
      WHEN mqlw_g16 = 'ambassadeur' THEN 1
      WHEN mqlw_g16 = 'autre' THEN 0
      WHEN mqlw_g16 = 'qualifié' THEN 0
      WHEN mqlw_g16 = 'disqualifié' THEN 1
      WHEN mqlw_g16 = 'gagné' THEN 1
      WHEN mqlw_g16 = 'gagnée' THEN 1
      WHEN mqlw_g16 = 'perdu' THEN 1
      WHEN mqlw_g16 = 'perdue' THEN 1
      WHEN mqlw_g16 = 'ouvert non contacté' THEN 0
      WHEN mqlw_g16 = 'en cours contacté' THEN 0
      WHEN mqlw_g16 = 'fermé converti' THEN 0
      WHEN mqlw_g16 = 'fermé non converti' THEN 1
      WHEN mqlw_g16 = 'prospection' THEN 0
      WHEN mqlw_g16 = 'analyse des besoins' THEN 0
      WHEN mqlw_g16 = 'proposition devis' THEN 0
      WHEN mqlw_g16 = 'négociation révision' THEN 0
      WHEN mqlw_g16 = 'fermée gagnée' THEN 1
      WHEN mqlw_g16 = 'fermée perdue' THEN 1
      WHEN mqlw_g16 = 'conclue gagnée' THEN 1
      WHEN mqlw_g16 = 'conclue perdue' THEN 1
      WHEN mqlw_g16 = 'nuevo' THEN 0
      WHEN mqlw_g16 = 'contactado' THEN 0
      WHEN mqlw_g16 = 'suscriptor' THEN 0
      WHEN mqlw_g16 = 'lead calificado para marketing' THEN 0
      WHEN mqlw_g16 = 'lead calificado por marketing' THEN 0
      WHEN mqlw_g16 = 'lead calificado para ventas' THEN 0
      WHEN mqlw_g16 = 'lead calificado por ventas' THEN 0
      WHEN mqlw_g16 = 'oportunidad' THEN 0
      WHEN mqlw_g16 = 'cliente' THEN 1
      WHEN mqlw_g16 = 'promotor' THEN 1
      WHEN mqlw_g16 = 'otro' THEN 0
      WHEN mqlw_g16 = 'calificado' THEN 0
      WHEN mqlw_g16 = 'descalificado' THEN 1
      WHEN mqlw_g16 = 'ganado' THEN 1
      WHEN mqlw_g16 = 'ganada' THEN 1
      WHEN mqlw_g16 = 'perdido' THEN 1
      WHEN mqlw_g16 = 'perdida' THEN 1
      WHEN mqlw_g16 = 'abierto no contactado' THEN 0
      WHEN mqlw_g16 = 'trabajando contactado' THEN 0
      WHEN mqlw_g16 = 'cerrado convertido' THEN 0
      WHEN mqlw_g16 = 'cerrado no convertido' THEN 1
      WHEN mqlw_g16 = 'prospección' THEN 0
      WHEN mqlw_g16 = 'calificación' THEN 0
      WHEN mqlw_g16 = 'análisis de necesidades' THEN 0
      WHEN mqlw_g16 = 'propuesta presupuesto' THEN 0
      WHEN mqlw_g16 = 'negociación revisión' THEN 0
      WHEN mqlw_g16 = 'cerrada ganada' THEN 1
      WHEN mqlw_g16 = 'cerrada perdida' THEN 1
      WHEN mqlw_g16 = 'cerrado ganado' THEN 1
      WHEN mqlw_g16 = 'cerrado perdido' THEN 1
    END AS mqlw_sc16,
    CASE
      WHEN mqlw_g17 = 'new' THEN CASE WHEN 2 = 1 THEN -1 WHEN 2 = 2 THEN 2 ELSE -1 END
      WHEN mqlw_g17 = 'open' THEN CASE WHEN 2 = 1 THEN -1 WHEN 2 = 2 THEN 2 ELSE -1 END
      WHEN mqlw_g17 = 'inquiry' THEN -1
      WHEN mqlw_g17 = 'nurture' THEN -1
      WHEN mqlw_g17 = 'nurturing' THEN -1
      WHEN mqlw_g17 = 'working' THEN -1
      WHEN mqlw_g17 = 'contacted' THEN -1
      WHEN mqlw_g17 = 'mql' THEN -1
      WHEN mqlw_g17 = 'marketing qualified' THEN -1
      WHEN mqlw_g17 = 'rejected' THEN -1
      WHEN mqlw_g17 = 'disqualified' THEN -1
      WHEN mqlw_g17 = 'unqualified' THEN -1
      WHEN mqlw_g17 = 'recycled' THEN -1
      WHEN mqlw_g17 = 'sal' THEN 0
      WHEN mqlw_g17 = 'accepted' THEN 0
      WHEN mqlw_g17 = 'sales accepted' THEN 0
      WHEN mqlw_g17 = 'sales accepted lead' THEN 0
      WHEN mqlw_g17 = 'sql' THEN 1
      WHEN mqlw_g17 = 'sales qualified' THEN 1
      WHEN mqlw_g17 = 'qualified' THEN CASE WHEN 2 = 1 THEN 1 WHEN 2 = 2 THEN 2 ELSE 1 END
      WHEN mqlw_g17 = 'converted' THEN 1
      WHEN mqlw_g17 = 'opportunity' THEN 2
      WHEN mqlw_g17 = 'engaging' THEN 2
      WHEN mqlw_g17 = 'proposal' THEN 2
      WHEN mqlw_g17 = 'negotiation' THEN 2
      WHEN mqlw_g17 = 'won' THEN 3
      WHEN mqlw_g17 = 'lost' THEN CASE WHEN 2 = 1 THEN -1 WHEN 2 = 2 THEN 2 ELSE 2 END
      WHEN mqlw_g17 = 'subscriber' THEN -1
      WHEN mqlw_g17 = 'lead' THEN -1
      WHEN mqlw_g17 = 'marketing qualified lead' THEN -1
      WHEN mqlw_g17 = 'marketingqualifiedlead' THEN -1
      WHEN mqlw_g17 = 'sales qualified lead' THEN 1
      WHEN mqlw_g17 = 'salesqualifiedlead' THEN 1
      WHEN mqlw_g17 = 'customer' THEN 3
      WHEN mqlw_g17 = 'evangelist' THEN 3
      WHEN mqlw_g17 = 'other' THEN -1
      WHEN mqlw_g17 = 'in progress' THEN CASE WHEN 2 = 1 THEN 0 WHEN 2 = 2 THEN 2 ELSE 0 END
      WHEN mqlw_g17 = 'open deal' THEN 2
      WHEN mqlw_g17 = 'attempted to contact' THEN -1
      WHEN mqlw_g17 = 'connected' THEN -1
      WHEN mqlw_g17 = 'bad timing' THEN -1
      WHEN mqlw_g17 = 'appointment scheduled' THEN 2
      WHEN mqlw_g17 = 'appointmentscheduled' THEN 2
      WHEN mqlw_g17 = 'qualified to buy' THEN 2
      WHEN mqlw_g17 = 'qualifiedtobuy' THEN 2
      WHEN mqlw_g17 = 'presentation scheduled' THEN 2
      WHEN mqlw_g17 = 'presentationscheduled' THEN 2
      WHEN mqlw_g17 = 'decision maker bought in' THEN 2
      WHEN mqlw_g17 = 'decisionmakerboughtin' THEN 2
      WHEN mqlw_g17 = 'contract sent' THEN 2
      WHEN mqlw_g17 = 'contractsent' THEN 2
      WHEN mqlw_g17 = 'closedwon' THEN 3
      WHEN mqlw_g17 = 'closedlost' THEN 2
      WHEN mqlw_g17 = 'open not contacted' THEN -1
      WHEN mqlw_g17 = 'working contacted' THEN -1
      WHEN mqlw_g17 = 'closed converted' THEN 1
      WHEN mqlw_g17 = 'closed not converted' THEN -1
      WHEN mqlw_g17 = 'prospecting' THEN 2
      WHEN mqlw_g17 = 'qualification' THEN 2
      WHEN mqlw_g17 = 'needs analysis' THEN 2
      WHEN mqlw_g17 = 'value proposition' THEN 2
      WHEN mqlw_g17 = 'id decision makers' THEN 2
      WHEN mqlw_g17 = 'perception analysis' THEN 2
      WHEN mqlw_g17 = 'proposal price quote' THEN 2
      WHEN mqlw_g17 = 'negotiation review' THEN 2
      WHEN mqlw_g17 = 'closed won' THEN 3
      WHEN mqlw_g17 = 'closed lost' THEN 2
      WHEN mqlw_g17 = 'identify decision makers' THEN 2
      WHEN mqlw_g17 = 'closed lost to competition' THEN 2
      WHEN mqlw_g17 = 'anonymous' THEN -1
      WHEN mqlw_g17 = 'known' THEN -1
      WHEN mqlw_g17 = 'engaged' THEN -1
      WHEN mqlw_g17 = 'cannot contact' THEN -1
      WHEN mqlw_g17 = 'no longer interested' THEN -1
      WHEN mqlw_g17 = 'canceled' THEN CASE WHEN 2 = 1 THEN -1 WHEN 2 = 2 THEN 2 ELSE -1 END
      WHEN mqlw_g17 = 'cancelled' THEN CASE WHEN 2 = 1 THEN -1 WHEN 2 = 2 THEN 2 ELSE -1 END
      WHEN mqlw_g17 = 'on hold' THEN 2
      WHEN mqlw_g17 = 'out sold' THEN 2
      WHEN mqlw_g17 = 'not contacted' THEN -1
      WHEN mqlw_g17 = 'contact in future' THEN -1
      WHEN mqlw_g17 = 'pre qualified' THEN -1
      WHEN mqlw_g17 = 'junk lead' THEN -1
      WHEN mqlw_g17 = 'lost lead' THEN -1
      WHEN mqlw_g17 = 'not qualified' THEN -1
      WHEN mqlw_g17 = 'contact made' THEN 2
      WHEN mqlw_g17 = 'needs defined' THEN 2
      WHEN mqlw_g17 = 'demo scheduled' THEN 2
      WHEN mqlw_g17 = 'proposal made' THEN 2
      WHEN mqlw_g17 = 'negotiations started' THEN 2
      WHEN mqlw_g17 = 'interested' THEN -1
      WHEN mqlw_g17 = 'neu' THEN -1
      WHEN mqlw_g17 = 'kontaktiert' THEN -1
      WHEN mqlw_g17 = 'offen' THEN -1
      WHEN mqlw_g17 = 'in bearbeitung' THEN -1
      WHEN mqlw_g17 = 'offener deal' THEN 2
      WHEN mqlw_g17 = 'nicht qualifiziert' THEN -1
      WHEN mqlw_g17 = 'kontaktversuch' THEN -1
      WHEN mqlw_g17 = 'verbunden' THEN -1
      WHEN mqlw_g17 = 'schlechtes timing' THEN -1
      WHEN mqlw_g17 = 'ouvert' THEN -1
      WHEN mqlw_g17 = 'en cours' THEN -1
      WHEN mqlw_g17 = 'transaction ouverte' THEN 2
      WHEN mqlw_g17 = 'non qualifié' THEN -1
      WHEN mqlw_g17 = 'tentative de contact' THEN -1
      WHEN mqlw_g17 = 'connecté' THEN -1
      WHEN mqlw_g17 = 'mauvais timing' THEN -1
      WHEN mqlw_g17 = 'abierto' THEN -1
      WHEN mqlw_g17 = 'en curso' THEN -1
      WHEN mqlw_g17 = 'en progreso' THEN -1
      WHEN mqlw_g17 = 'negocio abierto' THEN 2
      WHEN mqlw_g17 = 'no calificado' THEN -1
      WHEN mqlw_g17 = 'intento de contacto' THEN -1
      WHEN mqlw_g17 = 'conectado' THEN -1
      WHEN mqlw_g17 = 'mal momento' THEN -1
      WHEN mqlw_g17 = 'abonnent' THEN -1
      WHEN mqlw_g17 = 'marketingqualifizierter lead' THEN -1
      WHEN mqlw_g17 = 'marketing qualifizierter lead' THEN -1
      WHEN mqlw_g17 = 'vertriebsqualifizierter lead' THEN 1
      WHEN mqlw_g17 = 'vertriebs qualifizierter lead' THEN 1
      WHEN mqlw_g17 = 'verkaufschance' THEN 2
      WHEN mqlw_g17 = 'kunde' THEN 3
      WHEN mqlw_g17 = 'sonstiges' THEN -1
      WHEN mqlw_g17 = 'qualifiziert' THEN 1
      WHEN mqlw_g17 = 'disqualifiziert' THEN -1
      WHEN mqlw_g17 = 'gewonnen' THEN 3
      WHEN mqlw_g17 = 'verloren' THEN 2
      WHEN mqlw_g17 = 'offen nicht kontaktiert' THEN -1
      WHEN mqlw_g17 = 'in bearbeitung kontaktiert' THEN -1
      WHEN mqlw_g17 = 'geschlossen konvertiert' THEN 1
      WHEN mqlw_g17 = 'geschlossen nicht konvertiert' THEN -1
      WHEN mqlw_g17 = 'qualifizierung' THEN 2
      WHEN mqlw_g17 = 'bedarfsanalyse' THEN 2
      WHEN mqlw_g17 = 'angebot preisangebot' THEN 2
      WHEN mqlw_g17 = 'verhandlung Überprüfung' THEN 2
      WHEN mqlw_g17 = 'geschlossen und gewonnen' THEN 3
      WHEN mqlw_g17 = 'geschlossen und verloren' THEN 2
      WHEN mqlw_g17 = 'abgeschlossen und gewonnen' THEN 3
      WHEN mqlw_g17 = 'abgeschlossen und verloren' THEN 2
      WHEN mqlw_g17 = 'nouveau' THEN -1
      WHEN mqlw_g17 = 'contacté' THEN -1
      WHEN mqlw_g17 = 'abonné' THEN -1
      WHEN mqlw_g17 = 'lead qualifié marketing' THEN -1
      WHEN mqlw_g17 = 'lead qualifié par le marketing' THEN -1
      WHEN mqlw_g17 = 'lead qualifié pour la vente' THEN 1
      WHEN mqlw_g17 = 'lead qualifié par les ventes' THEN 1
      WHEN mqlw_g17 = 'opportunité' THEN 2
      WHEN mqlw_g17 = 'client' THEN 3
      WHEN mqlw_g17 = 'ambassadeur' THEN 3
      WHEN mqlw_g17 = 'autre' THEN -1
      WHEN mqlw_g17 = 'qualifié' THEN 1
      WHEN mqlw_g17 = 'disqualifié' THEN -1
      WHEN mqlw_g17 = 'gagné' THEN 3
      WHEN mqlw_g17 = 'gagnée' THEN 3
      WHEN mqlw_g17 = 'perdu' THEN 2
      WHEN mqlw_g17 = 'perdue' THEN 2
      WHEN mqlw_g17 = 'ouvert non contacté' THEN -1
      WHEN mqlw_g17 = 'en cours contacté' THEN -1
      WHEN mqlw_g17 = 'fermé converti' THEN 1
      WHEN mqlw_g17 = 'fermé non converti' THEN -1
      WHEN mqlw_g17 = 'prospection' THEN 2
      WHEN mqlw_g17 = 'analyse des besoins' THEN 2
      WHEN mqlw_g17 = 'proposition devis' THEN 2
      WHEN mqlw_g17 = 'négociation révision' THEN 2
      WHEN mqlw_g17 = 'fermée gagnée' THEN 3
      WHEN mqlw_g17 = 'fermée perdue' THEN 2
      WHEN mqlw_g17 = 'conclue gagnée' THEN 3
      WHEN mqlw_g17 = 'conclue perdue' THEN 2
      WHEN mqlw_g17 = 'nuevo' THEN -1
      WHEN mqlw_g17 = 'contactado' THEN -1
      WHEN mqlw_g17 = 'suscriptor' THEN -1
      WHEN mqlw_g17 = 'lead calificado para marketing' THEN -1
      WHEN mqlw_g17 = 'lead calificado por marketing' THEN -1
      WHEN mqlw_g17 = 'lead calificado para ventas' THEN 1
      WHEN mqlw_g17 = 'lead calificado por ventas' THEN 1
      WHEN mqlw_g17 = 'oportunidad' THEN 2
      WHEN mqlw_g17 = 'cliente' THEN 3
      WHEN mqlw_g17 = 'promotor' THEN 3
      WHEN mqlw_g17 = 'otro' THEN -1
      WHEN mqlw_g17 = 'calificado' THEN 1
      WHEN mqlw_g17 = 'descalificado' THEN -1
      WHEN mqlw_g17 = 'ganado' THEN 3
      WHEN mqlw_g17 = 'ganada' THEN 3
      WHEN mqlw_g17 = 'perdido' THEN 2
      WHEN mqlw_g17 = 'perdida' THEN 2
      WHEN mqlw_g17 = 'abierto no contactado' THEN -1
      WHEN mqlw_g17 = 'trabajando contactado' THEN -1
      WHEN mqlw_g17 = 'cerrado convertido' THEN 1
      WHEN mqlw_g17 = 'cerrado no convertido' THEN -1
      WHEN mqlw_g17 = 'prospección' THEN 2
      WHEN mqlw_g17 = 'calificación' THEN 2
      WHEN mqlw_g17 = 'análisis de necesidades' THEN 2
      WHEN mqlw_g17 = 'propuesta presupuesto' THEN 2
      WHEN mqlw_g17 = 'negociación revisión' THEN 2
      WHEN mqlw_g17 = 'cerrada ganada' THEN 3
      WHEN mqlw_g17 = 'cerrada perdida' THEN 2
      WHEN mqlw_g17 = 'cerrado ganado' THEN 3
      WHEN mqlw_g17 = 'cerrado perdido' THEN 2
    END AS mqlw_sf17,
    CASE
      WHEN mqlw_g17 = 'new' THEN 0
      WHEN mqlw_g17 = 'open' THEN 0
      WHEN mqlw_g17 = 'inquiry' THEN 0
      WHEN mqlw_g17 = 'nurture' THEN 0
      WHEN mqlw_g17 = 'nurturing' THEN 0
      WHEN mqlw_g17 = 'working' THEN 0
      WHEN mqlw_g17 = 'contacted' THEN 0
      WHEN mqlw_g17 = 'mql' THEN 0
      WHEN mqlw_g17 = 'marketing qualified' THEN 0
      WHEN mqlw_g17 = 'rejected' THEN 1
      WHEN mqlw_g17 = 'disqualified' THEN 1
      WHEN mqlw_g17 = 'unqualified' THEN 1
      WHEN mqlw_g17 = 'recycled' THEN 1
      WHEN mqlw_g17 = 'sal' THEN 0
      WHEN mqlw_g17 = 'accepted' THEN 0
      WHEN mqlw_g17 = 'sales accepted' THEN 0
      WHEN mqlw_g17 = 'sales accepted lead' THEN 0
      WHEN mqlw_g17 = 'sql' THEN 0
      WHEN mqlw_g17 = 'sales qualified' THEN 0
      WHEN mqlw_g17 = 'qualified' THEN 0
      WHEN mqlw_g17 = 'converted' THEN 0
      WHEN mqlw_g17 = 'opportunity' THEN 0
      WHEN mqlw_g17 = 'engaging' THEN 0
      WHEN mqlw_g17 = 'proposal' THEN 0
      WHEN mqlw_g17 = 'negotiation' THEN 0
      WHEN mqlw_g17 = 'won' THEN 1
      WHEN mqlw_g17 = 'lost' THEN CASE WHEN 2 = 1 THEN 2 WHEN 2 = 2 THEN 1 ELSE 1 END
      WHEN mqlw_g17 = 'subscriber' THEN 0
      WHEN mqlw_g17 = 'lead' THEN 0
      WHEN mqlw_g17 = 'marketing qualified lead' THEN 0
      WHEN mqlw_g17 = 'marketingqualifiedlead' THEN 0
      WHEN mqlw_g17 = 'sales qualified lead' THEN 0
      WHEN mqlw_g17 = 'salesqualifiedlead' THEN 0
      WHEN mqlw_g17 = 'customer' THEN 1
      WHEN mqlw_g17 = 'evangelist' THEN 1
      WHEN mqlw_g17 = 'other' THEN 0
      WHEN mqlw_g17 = 'in progress' THEN 0
      WHEN mqlw_g17 = 'open deal' THEN 0
      WHEN mqlw_g17 = 'attempted to contact' THEN 0
      WHEN mqlw_g17 = 'connected' THEN 0
      WHEN mqlw_g17 = 'bad timing' THEN 1
      WHEN mqlw_g17 = 'appointment scheduled' THEN 0
      WHEN mqlw_g17 = 'appointmentscheduled' THEN 0
      WHEN mqlw_g17 = 'qualified to buy' THEN 0
      WHEN mqlw_g17 = 'qualifiedtobuy' THEN 0
      WHEN mqlw_g17 = 'presentation scheduled' THEN 0
      WHEN mqlw_g17 = 'presentationscheduled' THEN 0
      WHEN mqlw_g17 = 'decision maker bought in' THEN 0
      WHEN mqlw_g17 = 'decisionmakerboughtin' THEN 0
      WHEN mqlw_g17 = 'contract sent' THEN 0
      WHEN mqlw_g17 = 'contractsent' THEN 0
      WHEN mqlw_g17 = 'closedwon' THEN 1
      WHEN mqlw_g17 = 'closedlost' THEN 1
      WHEN mqlw_g17 = 'open not contacted' THEN 0
      WHEN mqlw_g17 = 'working contacted' THEN 0
      WHEN mqlw_g17 = 'closed converted' THEN 0
      WHEN mqlw_g17 = 'closed not converted' THEN 1
      WHEN mqlw_g17 = 'prospecting' THEN 0
      WHEN mqlw_g17 = 'qualification' THEN 0
      WHEN mqlw_g17 = 'needs analysis' THEN 0
      WHEN mqlw_g17 = 'value proposition' THEN 0
      WHEN mqlw_g17 = 'id decision makers' THEN 0
      WHEN mqlw_g17 = 'perception analysis' THEN 0
      WHEN mqlw_g17 = 'proposal price quote' THEN 0
      WHEN mqlw_g17 = 'negotiation review' THEN 0
      WHEN mqlw_g17 = 'closed won' THEN 1
      WHEN mqlw_g17 = 'closed lost' THEN 1
      WHEN mqlw_g17 = 'identify decision makers' THEN 0
      WHEN mqlw_g17 = 'closed lost to competition' THEN 1
      WHEN mqlw_g17 = 'anonymous' THEN 0
      WHEN mqlw_g17 = 'known' THEN 0
      WHEN mqlw_g17 = 'engaged' THEN 0
      WHEN mqlw_g17 = 'cannot contact' THEN 1
      WHEN mqlw_g17 = 'no longer interested' THEN 1
      WHEN mqlw_g17 = 'canceled' THEN 1
      WHEN mqlw_g17 = 'cancelled' THEN 1
      WHEN mqlw_g17 = 'on hold' THEN 0
      WHEN mqlw_g17 = 'out sold' THEN 1
      WHEN mqlw_g17 = 'not contacted' THEN 0
      WHEN mqlw_g17 = 'contact in future' THEN 0
      WHEN mqlw_g17 = 'pre qualified' THEN 0
      WHEN mqlw_g17 = 'junk lead' THEN 1
      WHEN mqlw_g17 = 'lost lead' THEN 1
      WHEN mqlw_g17 = 'not qualified' THEN 1
      WHEN mqlw_g17 = 'contact made' THEN 0
      WHEN mqlw_g17 = 'needs defined' THEN 0
      WHEN mqlw_g17 = 'demo scheduled' THEN 0
      WHEN mqlw_g17 = 'proposal made' THEN 0
      WHEN mqlw_g17 = 'negotiations started' THEN 0
      WHEN mqlw_g17 = 'interested' THEN 0
      WHEN mqlw_g17 = 'neu' THEN 0
      WHEN mqlw_g17 = 'kontaktiert' THEN 0
      WHEN mqlw_g17 = 'offen' THEN 0
      WHEN mqlw_g17 = 'in bearbeitung' THEN 0
      WHEN mqlw_g17 = 'offener deal' THEN 0
      WHEN mqlw_g17 = 'nicht qualifiziert' THEN 1
      WHEN mqlw_g17 = 'kontaktversuch' THEN 0
      WHEN mqlw_g17 = 'verbunden' THEN 0
      WHEN mqlw_g17 = 'schlechtes timing' THEN 0
      WHEN mqlw_g17 = 'ouvert' THEN 0
      WHEN mqlw_g17 = 'en cours' THEN 0
      WHEN mqlw_g17 = 'transaction ouverte' THEN 0
      WHEN mqlw_g17 = 'non qualifié' THEN 1
      WHEN mqlw_g17 = 'tentative de contact' THEN 0
      WHEN mqlw_g17 = 'connecté' THEN 0
      WHEN mqlw_g17 = 'mauvais timing' THEN 0
      WHEN mqlw_g17 = 'abierto' THEN 0
      WHEN mqlw_g17 = 'en curso' THEN 0
      WHEN mqlw_g17 = 'en progreso' THEN 0
      WHEN mqlw_g17 = 'negocio abierto' THEN 0
      WHEN mqlw_g17 = 'no calificado' THEN 1
      WHEN mqlw_g17 = 'intento de contacto' THEN 0
      WHEN mqlw_g17 = 'conectado' THEN 0
      WHEN mqlw_g17 = 'mal momento' THEN 0
      WHEN mqlw_g17 = 'abonnent' THEN 0
      WHEN mqlw_g17 = 'marketingqualifizierter lead' THEN 0
      WHEN mqlw_g17 = 'marketing qualifizierter lead' THEN 0
      WHEN mqlw_g17 = 'vertriebsqualifizierter lead' THEN 0
      WHEN mqlw_g17 = 'vertriebs qualifizierter lead' THEN 0
      WHEN mqlw_g17 = 'verkaufschance' THEN 0
      WHEN mqlw_g17 = 'kunde' THEN 1
      WHEN mqlw_g17 = 'sonstiges' THEN 0
      WHEN mqlw_g17 = 'qualifiziert' THEN 0
      WHEN mqlw_g17 = 'disqualifiziert' THEN 1
      WHEN mqlw_g17 = 'gewonnen' THEN 1
      WHEN mqlw_g17 = 'verloren' THEN 1
      WHEN mqlw_g17 = 'offen nicht kontaktiert' THEN 0
      WHEN mqlw_g17 = 'in bearbeitung kontaktiert' THEN 0
      WHEN mqlw_g17 = 'geschlossen konvertiert' THEN 0
      WHEN mqlw_g17 = 'geschlossen nicht konvertiert' THEN 1
      WHEN mqlw_g17 = 'qualifizierung' THEN 0
      WHEN mqlw_g17 = 'bedarfsanalyse' THEN 0
      WHEN mqlw_g17 = 'angebot preisangebot' THEN 0
      WHEN mqlw_g17 = 'verhandlung Überprüfung' THEN 0
      WHEN mqlw_g17 = 'geschlossen und gewonnen' THEN 1
      WHEN mqlw_g17 = 'geschlossen und verloren' THEN 1
      WHEN mqlw_g17 = 'abgeschlossen und gewonnen' THEN 1
      WHEN mqlw_g17 = 'abgeschlossen und verloren' THEN 1
      WHEN mqlw_g17 = 'nouveau' THEN 0
      WHEN mqlw_g17 = 'contacté' THEN 0
      WHEN mqlw_g17 = 'abonné' THEN 0
      WHEN mqlw_g17 = 'lead qualifié marketing' THEN 0
      WHEN mqlw_g17 = 'lead qualifié par le marketing' THEN 0
      WHEN mqlw_g17 = 'lead qualifié pour la vente' THEN 0
      WHEN mqlw_g17 = 'lead qualifié par les ventes' THEN 0
      WHEN mqlw_g17 = 'opportunité' THEN 0
      WHEN mqlw_g17 = 'client' THEN 1
      WHEN mqlw_g17 = 'ambassadeur' THEN 1
      WHEN mqlw_g17 = 'autre' THEN 0
      WHEN mqlw_g17 = 'qualifié' THEN 0
      WHEN mqlw_g17 = 'disqualifié' THEN 1
      WHEN mqlw_g17 = 'gagné' THEN 1
      WHEN mqlw_g17 = 'gagnée' THEN 1
      WHEN mqlw_g17 = 'perdu' THEN 1
      WHEN mqlw_g17 = 'perdue' THEN 1
      WHEN mqlw_g17 = 'ouvert non contacté' THEN 0
      WHEN mqlw_g17 = 'en cours contacté' THEN 0
      WHEN mqlw_g17 = 'fermé converti' THEN 0
      WHEN mqlw_g17 = 'fermé non converti' THEN 1
      WHEN mqlw_g17 = 'prospection' THEN 0
      WHEN mqlw_g17 = 'analyse des besoins' THEN 0
      WHEN mqlw_g17 = 'proposition devis' THEN 0
      WHEN mqlw_g17 = 'négociation révision' THEN 0
      WHEN mqlw_g17 = 'fermée gagnée' THEN 1
      WHEN mqlw_g17 = 'fermée perdue' THEN 1
      WHEN mqlw_g17 = 'conclue gagnée' THEN 1
      WHEN mqlw_g17 = 'conclue perdue' THEN 1
      WHEN mqlw_g17 = 'nuevo' THEN 0
      WHEN mqlw_g17 = 'contactado' THEN 0
      WHEN mqlw_g17 = 'suscriptor' THEN 0
      WHEN mqlw_g17 = 'lead calificado para marketing' THEN 0
      WHEN mqlw_g17 = 'lead calificado por marketing' THEN 0
      WHEN mqlw_g17 = 'lead calificado para ventas' THEN 0
      WHEN mqlw_g17 = 'lead calificado por ventas' THEN 0
      WHEN mqlw_g17 = 'oportunidad' THEN 0
      WHEN mqlw_g17 = 'cliente' THEN 1
      WHEN mqlw_g17 = 'promotor' THEN 1
      WHEN mqlw_g17 = 'otro' THEN 0
      WHEN mqlw_g17 = 'calificado' THEN 0
      WHEN mqlw_g17 = 'descalificado' THEN 1
      WHEN mqlw_g17 = 'ganado' THEN 1
      WHEN mqlw_g17 = 'ganada' THEN 1
      WHEN mqlw_g17 = 'perdido' THEN 1
      WHEN mqlw_g17 = 'perdida' THEN 1
      WHEN mqlw_g17 = 'abierto no contactado' THEN 0
      WHEN mqlw_g17 = 'trabajando contactado' THEN 0
      WHEN mqlw_g17 = 'cerrado convertido' THEN 0
      WHEN mqlw_g17 = 'cerrado no convertido' THEN 1
      WHEN mqlw_g17 = 'prospección' THEN 0
      WHEN mqlw_g17 = 'calificación' THEN 0
      WHEN mqlw_g17 = 'análisis de necesidades' THEN 0
      WHEN mqlw_g17 = 'propuesta presupuesto' THEN 0
      WHEN mqlw_g17 = 'negociación revisión' THEN 0
      WHEN mqlw_g17 = 'cerrada ganada' THEN 1
      WHEN mqlw_g17 = 'cerrada perdida' THEN 1
      WHEN mqlw_g17 = 'cerrado ganado' THEN 1
      WHEN mqlw_g17 = 'cerrado perdido' THEN 1
    END AS mqlw_sc17
  FROM mqlw_value
  CROSS JOIN mqlw_latest
  CROSS JOIN mqlw_context16
  LIMIT -1 OFFSET 0
),
mqlw_decay1 AS (
  SELECT
    lead_id,
    email,
    job_title,
    seniority,
    company_size,
    revenue,
    is_partner,
    country,
    created_at,
    as_of,
    signup_date,
    demo_requests,
    webinars,
    webinars_date,
    unsubscribed,
    last_activity_at,
    lifecycle_stage,
    deal_stage,
    sql,
    accepted,
    opportunity,
    won_on,
    deal_amount,
    platform_score,
    mqlw_t0,
    mqlw_t2,
    mqlw_e1,
    mqlw_l2,
    mqlw_l3,
    mqlw_n4,
    mqlw_n5,
    mqlw_b6,
    mqlw_l7,
    mqlw_d10,
    mqlw_n11,
    mqlw_n12,
    mqlw_b14,
    mqlw_b18,
    mqlw_b19,
    mqlw_n20,
    mqlw_d21,
    mqlw_sf16,
    mqlw_sc16,
    mqlw_sf17,
    mqlw_sc17,
    CASE WHEN mqlw_age15 IS NULL THEN 100.0 WHEN mqlw_age15 <= 7.0 THEN 100.0 WHEN mqlw_age15 <= 30.0 THEN 80.0 WHEN mqlw_age15 <= 60.0 THEN 60.0 WHEN mqlw_age15 <= 90.0 THEN 33.29999923706055 ELSE 15.0 END AS mqlw_p15,
    CASE WHEN mqlw_age13 IS NULL THEN 100.0 WHEN mqlw_age13 <= 7.0 THEN 100.0 WHEN mqlw_age13 <= 30.0 THEN 80.0 WHEN mqlw_age13 <= 60.0 THEN 60.0 WHEN mqlw_age13 <= 90.0 THEN 33.29999923706055 ELSE 15.0 END AS mqlw_p13
  FROM mqlw_age
  LIMIT -1 OFFSET 0
),
mqlw_points AS (
  SELECT
    lead_id,
    email,
    job_title,
    seniority,
    company_size,
    revenue,
    is_partner,
    country,
    created_at,
    as_of,
    signup_date,
    demo_requests,
    webinars,
    webinars_date,
    unsubscribed,
    last_activity_at,
    lifecycle_stage,
    deal_stage,
    sql,
    accepted,
    opportunity,
    won_on,
    deal_amount,
    platform_score,
    mqlw_t0,
    0 AS mqlw_uns,
    (
      CASE WHEN mqlw_l3 IN ('vp', 'c-level') THEN 2000 ELSE 0 END +
      CASE WHEN mqlw_l3 IN ('manager') THEN 750 ELSE 0 END +
      CASE WHEN mqlw_t2 IS NULL THEN -500 ELSE 0 END +
      CASE WHEN (mqlw_e1 = 'gmail.com' OR (length(mqlw_e1) > 10 AND substr(mqlw_e1, -10) = '.gmail.com') OR mqlw_e1 = 'yahoo.co.uk' OR (length(mqlw_e1) > 12 AND substr(mqlw_e1, -12) = '.yahoo.co.uk') OR mqlw_e1 = 'hotmail.com' OR (length(mqlw_e1) > 12 AND substr(mqlw_e1, -12) = '.hotmail.com')) THEN -1225 ELSE 0 END +
      CASE WHEN (mqlw_e1 = 'acme.com' OR (length(mqlw_e1) > 9 AND substr(mqlw_e1, -9) = '.acme.com')) THEN 300 ELSE 0 END +
      CASE WHEN (mqlw_n4 >= 200.0 AND mqlw_n4 <= 1000.0) THEN 1000 ELSE 0 END +
      CASE WHEN mqlw_n4 IN (1000.0) THEN 100 ELSE 0 END +
      CASE WHEN mqlw_n4 IN (50.0, 12.0) THEN -300 ELSE 0 END +
      CASE WHEN mqlw_n4 IS NULL THEN -100 ELSE 0 END +
      CASE WHEN mqlw_n5 >= 1.0 THEN 268 ELSE 0 END +
      CASE WHEN mqlw_n5 IS NULL THEN -33 ELSE 0 END +
      CASE WHEN mqlw_b6 IN (1) THEN 400 ELSE 0 END +
      CASE WHEN mqlw_b6 IN (0) THEN 100 ELSE 0 END +
      CASE WHEN mqlw_b6 IN (1) THEN 50 ELSE 0 END +
      CASE WHEN mqlw_b6 IS NULL THEN -200 ELSE 0 END +
      CASE WHEN mqlw_l7 IN ('us') THEN 500 ELSE 0 END +
      CASE WHEN mqlw_d10 IN (20151) THEN 600 ELSE 0 END +
      CASE WHEN (mqlw_d10 >= 20089.0 AND mqlw_d10 <= 20454.0) THEN 200 ELSE 0 END +
      CASE WHEN mqlw_d10 IS NULL THEN -400 ELSE 0 END
    ) AS mqlw_fit,
    min(max((30.0 * COALESCE(mqlw_n11, 0)), (-50.0)), 50.0) * mqlw_p15 AS mqlw_y0,
    min(max((12.5 * COALESCE(mqlw_n12, 0)), (-30.0)), 30.0) * mqlw_p13 AS mqlw_y1,
    1.1 * COALESCE(mqlw_n12, 0) * mqlw_p15 AS mqlw_y2,
    (-50.0) * COALESCE(mqlw_b14, 0) * 100.0 AS mqlw_y3,
    (-3.3) * COALESCE(mqlw_b14, 0) * mqlw_p15 AS mqlw_y4,
    CASE
      WHEN (mqlw_e1 = 'rivalsoft.com' OR (length(mqlw_e1) > 14 AND substr(mqlw_e1, -14) = '.rivalsoft.com') OR mqlw_e1 = 'competeco.com' OR (length(mqlw_e1) > 14 AND substr(mqlw_e1, -14) = '.competeco.com')) THEN 'competitor'
      WHEN mqlw_l2 IN ('student') THEN 'student'
      WHEN mqlw_b6 IN (1) THEN 'partner'
    END AS mqlw_disq,
    CASE WHEN mqlw_n11 > 0 OR mqlw_b14 > 0 THEN 1 ELSE 0 END AS mqlw_hand,
    COALESCE(mqlw_b19, CASE WHEN (CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 0 THEN 1 WHEN mqlw_sc16 = 1 THEN 0 ELSE -1 END) = 1 OR (CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 0 THEN 1 WHEN mqlw_sc17 = 1 THEN 0 ELSE -1 END) = -1 THEN CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 0 THEN 1 WHEN mqlw_sc16 = 1 THEN 0 ELSE -1 END ELSE CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 0 THEN 1 WHEN mqlw_sc17 = 1 THEN 0 ELSE -1 END END) AS mqlw_r0,
    COALESCE(mqlw_b18, CASE WHEN (CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 1 THEN 1 WHEN mqlw_sc16 = 1 THEN 0 ELSE -1 END) = 1 OR (CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 1 THEN 1 WHEN mqlw_sc17 = 1 THEN 0 ELSE -1 END) = -1 THEN CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 1 THEN 1 WHEN mqlw_sc16 = 1 THEN 0 ELSE -1 END ELSE CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 1 THEN 1 WHEN mqlw_sc17 = 1 THEN 0 ELSE -1 END END) AS mqlw_r1,
    CASE WHEN mqlw_n20 IS NOT NULL THEN CASE WHEN mqlw_n20 > 0 THEN 1 ELSE 0 END ELSE CASE WHEN (CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 2 THEN 1 WHEN mqlw_sc16 = 1 THEN 0 ELSE -1 END) = 1 OR (CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 2 THEN 1 WHEN mqlw_sc17 = 1 THEN 0 ELSE -1 END) = -1 THEN CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 2 THEN 1 WHEN mqlw_sc16 = 1 THEN 0 ELSE -1 END ELSE CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 2 THEN 1 WHEN mqlw_sc17 = 1 THEN 0 ELSE -1 END END END AS mqlw_r2,
    CASE WHEN (CASE WHEN mqlw_d21 IS NOT NULL THEN 1 WHEN CASE WHEN (CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 3 THEN 1 WHEN mqlw_sc16 >= 1 THEN 0 ELSE -2 END) = 1 OR (CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 3 THEN 1 WHEN mqlw_sc17 >= 1 THEN 0 ELSE -2 END) = -1 OR ((CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 3 THEN 1 WHEN mqlw_sc17 >= 1 THEN 0 ELSE -2 END) = -2 AND (CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 3 THEN 1 WHEN mqlw_sc16 >= 1 THEN 0 ELSE -2 END) <> -1) THEN CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 3 THEN 1 WHEN mqlw_sc16 >= 1 THEN 0 ELSE -2 END ELSE CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 3 THEN 1 WHEN mqlw_sc17 >= 1 THEN 0 ELSE -2 END END = -1 THEN CASE WHEN CASE WHEN mqlw_n20 IS NOT NULL THEN CASE WHEN mqlw_n20 > 0 THEN 1 ELSE 0 END ELSE CASE WHEN (CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 2 THEN 1 WHEN mqlw_sc16 = 1 THEN 0 ELSE -1 END) = 1 OR (CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 2 THEN 1 WHEN mqlw_sc17 = 1 THEN 0 ELSE -1 END) = -1 THEN CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 2 THEN 1 WHEN mqlw_sc16 = 1 THEN 0 ELSE -1 END ELSE CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 2 THEN 1 WHEN mqlw_sc17 = 1 THEN 0 ELSE -1 END END END = -1 THEN -1 ELSE 0 END ELSE CASE WHEN (CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 3 THEN 1 WHEN mqlw_sc16 >= 1 THEN 0 ELSE -2 END) = 1 OR (CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 3 THEN 1 WHEN mqlw_sc17 >= 1 THEN 0 ELSE -2 END) = -1 OR ((CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 3 THEN 1 WHEN mqlw_sc17 >= 1 THEN 0 ELSE -2 END) = -2 AND (CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 3 THEN 1 WHEN mqlw_sc16 >= 1 THEN 0 ELSE -2 END) <> -1) THEN CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 3 THEN 1 WHEN mqlw_sc16 >= 1 THEN 0 ELSE -2 END ELSE CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 3 THEN 1 WHEN mqlw_sc17 >= 1 THEN 0 ELSE -2 END END END) = -2 THEN -1 ELSE CASE WHEN mqlw_d21 IS NOT NULL THEN 1 WHEN CASE WHEN (CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 3 THEN 1 WHEN mqlw_sc16 >= 1 THEN 0 ELSE -2 END) = 1 OR (CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 3 THEN 1 WHEN mqlw_sc17 >= 1 THEN 0 ELSE -2 END) = -1 OR ((CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 3 THEN 1 WHEN mqlw_sc17 >= 1 THEN 0 ELSE -2 END) = -2 AND (CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 3 THEN 1 WHEN mqlw_sc16 >= 1 THEN 0 ELSE -2 END) <> -1) THEN CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 3 THEN 1 WHEN mqlw_sc16 >= 1 THEN 0 ELSE -2 END ELSE CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 3 THEN 1 WHEN mqlw_sc17 >= 1 THEN 0 ELSE -2 END END = -1 THEN CASE WHEN CASE WHEN mqlw_n20 IS NOT NULL THEN CASE WHEN mqlw_n20 > 0 THEN 1 ELSE 0 END ELSE CASE WHEN (CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 2 THEN 1 WHEN mqlw_sc16 = 1 THEN 0 ELSE -1 END) = 1 OR (CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 2 THEN 1 WHEN mqlw_sc17 = 1 THEN 0 ELSE -1 END) = -1 THEN CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 2 THEN 1 WHEN mqlw_sc16 = 1 THEN 0 ELSE -1 END ELSE CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 2 THEN 1 WHEN mqlw_sc17 = 1 THEN 0 ELSE -1 END END END = -1 THEN -1 ELSE 0 END ELSE CASE WHEN (CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 3 THEN 1 WHEN mqlw_sc16 >= 1 THEN 0 ELSE -2 END) = 1 OR (CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 3 THEN 1 WHEN mqlw_sc17 >= 1 THEN 0 ELSE -2 END) = -1 OR ((CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 3 THEN 1 WHEN mqlw_sc17 >= 1 THEN 0 ELSE -2 END) = -2 AND (CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 3 THEN 1 WHEN mqlw_sc16 >= 1 THEN 0 ELSE -2 END) <> -1) THEN CASE WHEN mqlw_sf16 IS NULL THEN -1 WHEN mqlw_sf16 >= 3 THEN 1 WHEN mqlw_sc16 >= 1 THEN 0 ELSE -2 END ELSE CASE WHEN mqlw_sf17 IS NULL THEN -1 WHEN mqlw_sf17 >= 3 THEN 1 WHEN mqlw_sc17 >= 1 THEN 0 ELSE -2 END END END END AS mqlw_r3
  FROM mqlw_decay1
  LIMIT -1 OFFSET 0
),
mqlw_sums AS (
  SELECT
    lead_id,
    email,
    job_title,
    seniority,
    company_size,
    revenue,
    is_partner,
    country,
    created_at,
    as_of,
    signup_date,
    demo_requests,
    webinars,
    webinars_date,
    unsubscribed,
    last_activity_at,
    lifecycle_stage,
    deal_stage,
    sql,
    accepted,
    opportunity,
    won_on,
    deal_amount,
    platform_score,
    mqlw_t0,
    mqlw_uns,
    mqlw_fit,
    mqlw_disq,
    mqlw_hand,
    mqlw_r0,
    mqlw_r1,
    mqlw_r2,
    mqlw_r3,
    (
      (CAST(mqlw_y0 AS INTEGER) + CASE WHEN mqlw_y0 - CAST(mqlw_y0 AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_y0 - CAST(mqlw_y0 AS INTEGER) <= -0.5 THEN -1 ELSE 0 END) +
      (CAST(mqlw_y1 AS INTEGER) + CASE WHEN mqlw_y1 - CAST(mqlw_y1 AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_y1 - CAST(mqlw_y1 AS INTEGER) <= -0.5 THEN -1 ELSE 0 END) +
      (CAST(mqlw_y2 AS INTEGER) + CASE WHEN mqlw_y2 - CAST(mqlw_y2 AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_y2 - CAST(mqlw_y2 AS INTEGER) <= -0.5 THEN -1 ELSE 0 END) +
      (CAST(mqlw_y3 AS INTEGER) + CASE WHEN mqlw_y3 - CAST(mqlw_y3 AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_y3 - CAST(mqlw_y3 AS INTEGER) <= -0.5 THEN -1 ELSE 0 END) +
      (CAST(mqlw_y4 AS INTEGER) + CASE WHEN mqlw_y4 - CAST(mqlw_y4 AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_y4 - CAST(mqlw_y4 AS INTEGER) <= -0.5 THEN -1 ELSE 0 END)
    ) AS mqlw_beh,
    CASE WHEN mqlw_r3 = 1 THEN 3 WHEN mqlw_r2 = 1 THEN 2 WHEN mqlw_r1 = 1 THEN 1 WHEN mqlw_r0 = 1 THEN 0 ELSE -1 END AS mqlw_top
  FROM mqlw_points
  LIMIT -1 OFFSET 0
),
mqlw_total AS (
  SELECT
    lead_id,
    email,
    job_title,
    seniority,
    company_size,
    revenue,
    is_partner,
    country,
    created_at,
    as_of,
    signup_date,
    demo_requests,
    webinars,
    webinars_date,
    unsubscribed,
    last_activity_at,
    lifecycle_stage,
    deal_stage,
    sql,
    accepted,
    opportunity,
    won_on,
    deal_amount,
    platform_score,
    mqlw_t0,
    mqlw_uns,
    mqlw_disq,
    mqlw_hand,
    mqlw_r0,
    mqlw_r1,
    mqlw_r2,
    mqlw_r3,
    mqlw_beh,
    mqlw_top,
    CASE WHEN mqlw_fit >= 3000 THEN 0 WHEN mqlw_fit >= 1501 THEN 1 WHEN mqlw_fit >= 0 THEN 2 ELSE 3 END AS mqlw_grade,
    mqlw_fit + (CASE WHEN mqlw_fit >= 3000 THEN 1.5 WHEN mqlw_fit >= 1501 THEN 1.15 WHEN mqlw_fit >= 0 THEN 1.0 ELSE 0.7 END) * mqlw_beh AS mqlw_ytot,
    CASE WHEN mqlw_top < 0 AND mqlw_r0 = 0 THEN 0 WHEN mqlw_top < 1 AND mqlw_r1 = 0 THEN 1 WHEN mqlw_top < 2 AND mqlw_r2 = 0 THEN 2 WHEN mqlw_top < 3 AND mqlw_r3 = 0 THEN 3 ELSE 4 END AS mqlw_first_no
  FROM mqlw_sums
  LIMIT -1 OFFSET 0
),
mqlw_score AS (
  SELECT
    lead_id,
    email,
    job_title,
    seniority,
    company_size,
    revenue,
    is_partner,
    country,
    created_at,
    as_of,
    signup_date,
    demo_requests,
    webinars,
    webinars_date,
    unsubscribed,
    last_activity_at,
    lifecycle_stage,
    deal_stage,
    sql,
    accepted,
    opportunity,
    won_on,
    deal_amount,
    platform_score,
    mqlw_t0,
    mqlw_disq,
    mqlw_hand,
    mqlw_beh,
    mqlw_grade,
    CASE WHEN mqlw_uns = 1 THEN NULL ELSE (CAST(mqlw_ytot AS INTEGER) + CASE WHEN mqlw_ytot - CAST(mqlw_ytot AS INTEGER) >= 0.5 THEN 1 WHEN mqlw_ytot - CAST(mqlw_ytot AS INTEGER) <= -0.5 THEN -1 ELSE 0 END) END AS mqlw_score_h,
    CASE WHEN mqlw_top >= 0 THEN 1 WHEN mqlw_first_no <= 0 THEN 0 ELSE mqlw_r0 END AS mqlw_o0,
    CASE WHEN mqlw_top >= 1 THEN 1 WHEN mqlw_first_no <= 1 THEN 0 ELSE mqlw_r1 END AS mqlw_o1,
    CASE WHEN mqlw_top >= 2 THEN 1 WHEN mqlw_first_no <= 2 THEN 0 ELSE mqlw_r2 END AS mqlw_o2,
    CASE WHEN mqlw_top >= 3 THEN 1 WHEN mqlw_first_no <= 3 THEN 0 ELSE mqlw_r3 END AS mqlw_o3
  FROM mqlw_total
  LIMIT -1 OFFSET 0
),
mqlw_lead AS (
  SELECT
    lead_id,
    email,
    job_title,
    seniority,
    company_size,
    revenue,
    is_partner,
    country,
    created_at,
    as_of,
    signup_date,
    demo_requests,
    webinars,
    webinars_date,
    unsubscribed,
    last_activity_at,
    lifecycle_stage,
    deal_stage,
    sql,
    accepted,
    opportunity,
    won_on,
    deal_amount,
    platform_score,
    mqlw_t0,
    mqlw_score_h,
    mqlw_o1,
    CASE WHEN mqlw_disq IS NULL AND mqlw_score_h IS NOT NULL AND mqlw_hand = 1 AND mqlw_grade <= 2 THEN 4 ELSE 0 END AS mqlw_hr,
    CASE WHEN mqlw_disq IS NULL AND mqlw_score_h IS NOT NULL AND mqlw_grade <= 1 AND mqlw_beh >= 2050 THEN 2 ELSE 0 END AS mqlw_gb,
    CASE WHEN mqlw_disq IS NULL AND mqlw_score_h >= 2001 THEN 1 ELSE 0 END AS mqlw_sp,
    CASE WHEN mqlw_disq IS NULL THEN 0 ELSE 1 END AS mqlw_dq
  FROM mqlw_score
  LIMIT -1 OFFSET 0
),
mqlw_strata AS (
  SELECT
    mqlw_lead.*,
    ROW_NUMBER() OVER (PARTITION BY floor(mqlw_score_h / 1000.0), mqlw_o1 ORDER BY mqlw_t0) AS mqlw_rank,
    COUNT(*) OVER (PARTITION BY floor(mqlw_score_h / 1000.0), mqlw_o1) AS mqlw_stratum,
    COUNT(*) OVER () AS mqlw_all
  FROM mqlw_lead
),
mqlw_pick AS (
  SELECT
    mqlw_strata.*,
    ceil(mqlw_stratum * 300.0 / mqlw_all) AS mqlw_take
  FROM mqlw_strata
)
SELECT
  lead_id,
  email,
  job_title,
  seniority,
  company_size,
  revenue,
  is_partner,
  country,
  created_at,
  as_of,
  signup_date,
  demo_requests,
  webinars,
  webinars_date,
  unsubscribed,
  last_activity_at,
  lifecycle_stage,
  deal_stage,
  sql,
  accepted,
  opportunity,
  won_on,
  deal_amount,
  platform_score
FROM mqlw_pick
WHERE floor(mqlw_rank * mqlw_take / mqlw_stratum) > floor((mqlw_rank - 1) * mqlw_take / mqlw_stratum)
