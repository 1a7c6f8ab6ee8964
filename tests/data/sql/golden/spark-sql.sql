-- MQL Workbench: model "Every operator on every column type", threshold 20.005
-- Spark SQL query (sql) over leads: every lead's score: lead_id, score, grade, mql, path, disqualified
WITH src AS (
  SELECT * FROM leads
),
mqlw_text AS (
  SELECT
    NULLIF(trim(BOTH ' \t' FROM CAST(lead_id AS STRING)), '') AS mqlw_u0,
    NULLIF(trim(BOTH ' \t' FROM CAST(email AS STRING)), '') AS mqlw_u1,
    NULLIF(trim(BOTH ' \t' FROM CAST(job_title AS STRING)), '') AS mqlw_u2,
    NULLIF(trim(BOTH ' \t' FROM CAST(seniority AS STRING)), '') AS mqlw_u3,
    NULLIF(trim(BOTH ' \t' FROM CAST(company_size AS STRING)), '') AS mqlw_u4,
    NULLIF(trim(BOTH ' \t' FROM CAST(revenue AS STRING)), '') AS mqlw_u5,
    NULLIF(trim(BOTH ' \t' FROM CAST(is_partner AS STRING)), '') AS mqlw_u6,
    NULLIF(trim(BOTH ' \t' FROM CAST(country AS STRING)), '') AS mqlw_u7,
    NULLIF(trim(BOTH ' \t' FROM CAST(as_of AS STRING)), '') AS mqlw_u9,
    NULLIF(trim(BOTH ' \t' FROM CAST(signup_date AS STRING)), '') AS mqlw_u10,
    NULLIF(trim(BOTH ' \t' FROM CAST(demo_requests AS STRING)), '') AS mqlw_u11,
    NULLIF(trim(BOTH ' \t' FROM CAST(webinars AS STRING)), '') AS mqlw_u12,
    NULLIF(trim(BOTH ' \t' FROM CAST(webinars_date AS STRING)), '') AS mqlw_u13,
    NULLIF(trim(BOTH ' \t' FROM CAST(unsubscribed AS STRING)), '') AS mqlw_u14,
    NULLIF(trim(BOTH ' \t' FROM CAST(last_activity_at AS STRING)), '') AS mqlw_u15
  FROM src
),
mqlw_clean AS (
  SELECT
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(BOTH ' \t-_.()[]<>?*"\'' FROM mqlw_u0)), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(BOTH '0-/.: T' FROM mqlw_u0) = '' AND length(mqlw_u0) - length(replace(mqlw_u0, '0', '')) >= 8 AND replace(mqlw_u0, '0', '') <> '' AND length(mqlw_u0) < 32) THEN NULL ELSE mqlw_u0 END AS mqlw_t0,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(BOTH ' \t-_.()[]<>?*"\'' FROM mqlw_u1)), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(BOTH '0-/.: T' FROM mqlw_u1) = '' AND length(mqlw_u1) - length(replace(mqlw_u1, '0', '')) >= 8 AND replace(mqlw_u1, '0', '') <> '' AND length(mqlw_u1) < 32) THEN NULL ELSE mqlw_u1 END AS mqlw_t1,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(BOTH ' \t-_.()[]<>?*"\'' FROM mqlw_u2)), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(BOTH '0-/.: T' FROM mqlw_u2) = '' AND length(mqlw_u2) - length(replace(mqlw_u2, '0', '')) >= 8 AND replace(mqlw_u2, '0', '') <> '' AND length(mqlw_u2) < 32) THEN NULL ELSE mqlw_u2 END AS mqlw_t2,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(BOTH ' \t-_.()[]<>?*"\'' FROM mqlw_u3)), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(BOTH '0-/.: T' FROM mqlw_u3) = '' AND length(mqlw_u3) - length(replace(mqlw_u3, '0', '')) >= 8 AND replace(mqlw_u3, '0', '') <> '' AND length(mqlw_u3) < 32) THEN NULL ELSE mqlw_u3 END AS mqlw_t3,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(BOTH ' \t-_.()[]<>?*"\'' FROM mqlw_u4)), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(BOTH '0-/.: T' FROM mqlw_u4) = '' AND length(mqlw_u4) - length(replace(mqlw_u4, '0', '')) >= 8 AND replace(mqlw_u4, '0', '') <> '' AND length(mqlw_u4) < 32) THEN NULL ELSE mqlw_u4 END AS mqlw_t4,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(BOTH ' \t-_.()[]<>?*"\'' FROM mqlw_u5)), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(BOTH '0-/.: T' FROM mqlw_u5) = '' AND length(mqlw_u5) - length(replace(mqlw_u5, '0', '')) >= 8 AND replace(mqlw_u5, '0', '') <> '' AND length(mqlw_u5) < 32) THEN NULL ELSE mqlw_u5 END AS mqlw_t5,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(BOTH ' \t-_.()[]<>?*"\'' FROM mqlw_u6)), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(BOTH '0-/.: T' FROM mqlw_u6) = '' AND length(mqlw_u6) - length(replace(mqlw_u6, '0', '')) >= 8 AND replace(mqlw_u6, '0', '') <> '' AND length(mqlw_u6) < 32) THEN NULL ELSE mqlw_u6 END AS mqlw_t6,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(BOTH ' \t-_.()[]<>?*"\'' FROM mqlw_u7)), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(BOTH '0-/.: T' FROM mqlw_u7) = '' AND length(mqlw_u7) - length(replace(mqlw_u7, '0', '')) >= 8 AND replace(mqlw_u7, '0', '') <> '' AND length(mqlw_u7) < 32) THEN NULL ELSE mqlw_u7 END AS mqlw_t7,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(BOTH ' \t-_.()[]<>?*"\'' FROM mqlw_u9)), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(BOTH '0-/.: T' FROM mqlw_u9) = '' AND length(mqlw_u9) - length(replace(mqlw_u9, '0', '')) >= 8 AND replace(mqlw_u9, '0', '') <> '' AND length(mqlw_u9) < 32) THEN NULL ELSE mqlw_u9 END AS mqlw_t9,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(BOTH ' \t-_.()[]<>?*"\'' FROM mqlw_u10)), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(BOTH '0-/.: T' FROM mqlw_u10) = '' AND length(mqlw_u10) - length(replace(mqlw_u10, '0', '')) >= 8 AND replace(mqlw_u10, '0', '') <> '' AND length(mqlw_u10) < 32) THEN NULL ELSE mqlw_u10 END AS mqlw_t10,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(BOTH ' \t-_.()[]<>?*"\'' FROM mqlw_u11)), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(BOTH '0-/.: T' FROM mqlw_u11) = '' AND length(mqlw_u11) - length(replace(mqlw_u11, '0', '')) >= 8 AND replace(mqlw_u11, '0', '') <> '' AND length(mqlw_u11) < 32) THEN NULL ELSE mqlw_u11 END AS mqlw_t11,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(BOTH ' \t-_.()[]<>?*"\'' FROM mqlw_u12)), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(BOTH '0-/.: T' FROM mqlw_u12) = '' AND length(mqlw_u12) - length(replace(mqlw_u12, '0', '')) >= 8 AND replace(mqlw_u12, '0', '') <> '' AND length(mqlw_u12) < 32) THEN NULL ELSE mqlw_u12 END AS mqlw_t12,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(BOTH ' \t-_.()[]<>?*"\'' FROM mqlw_u13)), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(BOTH '0-/.: T' FROM mqlw_u13) = '' AND length(mqlw_u13) - length(replace(mqlw_u13, '0', '')) >= 8 AND replace(mqlw_u13, '0', '') <> '' AND length(mqlw_u13) < 32) THEN NULL ELSE mqlw_u13 END AS mqlw_t13,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(BOTH ' \t-_.()[]<>?*"\'' FROM mqlw_u14)), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(BOTH '0-/.: T' FROM mqlw_u14) = '' AND length(mqlw_u14) - length(replace(mqlw_u14, '0', '')) >= 8 AND replace(mqlw_u14, '0', '') <> '' AND length(mqlw_u14) < 32) THEN NULL ELSE mqlw_u14 END AS mqlw_t14,
    CASE WHEN replace(replace(replace(replace(replace(lower(trim(BOTH ' \t-_.()[]<>?*"\'' FROM mqlw_u15)), '\t', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') IN ('select', 'please select', 'select one', 'choose one', 'none', 'n/a', '#n/a', 'null', 'nil', 'nan', 'not provided', 'not available', 'not applicable', 'not specified', 'blank', 'empty', 'unknown', 'undefined', 'no value', '', 'not set', 'keine', 'keine angabe', 'aucun', 'aucune', 'ninguno', 'ninguna', 'k.a', 'k. a', 'n/v', 'nicht angegeben', 'sin especificar', 'no especificado', '#nv', '#value!', '#wert!', '#valeur!', '#¡valor!', '#ref!', '#bezug!', '#¡ref!', '#div/0!', '#¡div/0!', '#num!', '#zahl!', '#nombre!', '#¡num!', '#name', '#nom', '#¿nombre', '#null!', '#nul!', '#¡nulo!') OR (trim(BOTH '0-/.: T' FROM mqlw_u15) = '' AND length(mqlw_u15) - length(replace(mqlw_u15, '0', '')) >= 8 AND replace(mqlw_u15, '0', '') <> '' AND length(mqlw_u15) < 32) THEN NULL ELSE mqlw_u15 END AS mqlw_t15
  FROM mqlw_text
),
mqlw_date1 AS (
  SELECT
    mqlw_t0,
    mqlw_t1,
    mqlw_t2,
    mqlw_t3,
    mqlw_t4,
    mqlw_t5,
    mqlw_t6,
    mqlw_t7,
    mqlw_t9,
    mqlw_t10,
    mqlw_t11,
    mqlw_t12,
    mqlw_t13,
    mqlw_t14,
    mqlw_t15,
    CASE WHEN substr(mqlw_t9, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t9, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t9, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t9, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t9, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t9, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k9,
    CASE WHEN length(mqlw_t9) IN (10, 12, 13) AND trim(BOTH '0123456789' FROM mqlw_t9) = '' THEN CASE WHEN length(mqlw_t9) = 10 THEN try_cast(mqlw_t9 AS BIGINT) ELSE (try_cast(mqlw_t9 AS BIGINT) DIV 1000) END END AS mqlw_es9,
    CASE WHEN substr(mqlw_t10, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t10, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t10, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t10, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t10, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t10, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k10,
    CASE WHEN length(mqlw_t10) IN (10, 12, 13) AND trim(BOTH '0123456789' FROM mqlw_t10) = '' THEN CASE WHEN length(mqlw_t10) = 10 THEN try_cast(mqlw_t10 AS BIGINT) ELSE (try_cast(mqlw_t10 AS BIGINT) DIV 1000) END END AS mqlw_es10,
    CASE WHEN substr(mqlw_t13, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t13, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t13, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t13, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t13, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t13, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k13,
    CASE WHEN length(mqlw_t13) IN (10, 12, 13) AND trim(BOTH '0123456789' FROM mqlw_t13) = '' THEN CASE WHEN length(mqlw_t13) = 10 THEN try_cast(mqlw_t13 AS BIGINT) ELSE (try_cast(mqlw_t13 AS BIGINT) DIV 1000) END END AS mqlw_es13,
    CASE WHEN substr(mqlw_t15, 1, 1) BETWEEN '0' AND '9' AND substr(mqlw_t15, 2, 1) BETWEEN '0' AND '9' AND substr(mqlw_t15, 3, 1) BETWEEN '0' AND '9' AND substr(mqlw_t15, 4, 1) BETWEEN '0' AND '9' AND substr(mqlw_t15, 5, 1) = '-' THEN 5 WHEN substr(mqlw_t15, 2, 1) BETWEEN '0' AND '9' THEN 3 ELSE 2 END AS mqlw_k15,
    CASE WHEN length(mqlw_t15) IN (10, 12, 13) AND trim(BOTH '0123456789' FROM mqlw_t15) = '' THEN CASE WHEN length(mqlw_t15) = 10 THEN try_cast(mqlw_t15 AS BIGINT) ELSE (try_cast(mqlw_t15 AS BIGINT) DIV 1000) END END AS mqlw_es15
  FROM mqlw_clean
),
mqlw_date2 AS (
  SELECT
    mqlw_t0,
    mqlw_t1,
    mqlw_t2,
    mqlw_t3,
    mqlw_t4,
    mqlw_t5,
    mqlw_t6,
    mqlw_t7,
    mqlw_t9,
    mqlw_t10,
    mqlw_t11,
    mqlw_t12,
    mqlw_t13,
    mqlw_t14,
    mqlw_t15,
    mqlw_k9,
    mqlw_k10,
    mqlw_k13,
    mqlw_k15,
    substr(mqlw_t9, mqlw_k9, 1) AS mqlw_s9,
    try_cast(substr(mqlw_t9, 1, mqlw_k9 - 1) AS BIGINT) AS mqlw_a9,
    CASE WHEN substr(mqlw_t9, mqlw_k9 + 2, 1) = substr(mqlw_t9, mqlw_k9, 1) THEN mqlw_k9 + 2 ELSE mqlw_k9 + 3 END AS mqlw_j9,
    CASE WHEN mqlw_es9 >= 946684800 AND mqlw_es9 < 4102444800 THEN (mqlw_es9 DIV 86400) END AS mqlw_ep9,
    substr(mqlw_t10, mqlw_k10, 1) AS mqlw_s10,
    try_cast(substr(mqlw_t10, 1, mqlw_k10 - 1) AS BIGINT) AS mqlw_a10,
    CASE WHEN substr(mqlw_t10, mqlw_k10 + 2, 1) = substr(mqlw_t10, mqlw_k10, 1) THEN mqlw_k10 + 2 ELSE mqlw_k10 + 3 END AS mqlw_j10,
    CASE WHEN mqlw_es10 >= 946684800 AND mqlw_es10 < 4102444800 THEN (mqlw_es10 DIV 86400) END AS mqlw_ep10,
    substr(mqlw_t13, mqlw_k13, 1) AS mqlw_s13,
    try_cast(substr(mqlw_t13, 1, mqlw_k13 - 1) AS BIGINT) AS mqlw_a13,
    CASE WHEN substr(mqlw_t13, mqlw_k13 + 2, 1) = substr(mqlw_t13, mqlw_k13, 1) THEN mqlw_k13 + 2 ELSE mqlw_k13 + 3 END AS mqlw_j13,
    CASE WHEN mqlw_es13 >= 946684800 AND mqlw_es13 < 4102444800 THEN (mqlw_es13 DIV 86400) END AS mqlw_ep13,
    substr(mqlw_t15, mqlw_k15, 1) AS mqlw_s15,
    try_cast(substr(mqlw_t15, 1, mqlw_k15 - 1) AS BIGINT) AS mqlw_a15,
    CASE WHEN substr(mqlw_t15, mqlw_k15 + 2, 1) = substr(mqlw_t15, mqlw_k15, 1) THEN mqlw_k15 + 2 ELSE mqlw_k15 + 3 END AS mqlw_j15,
    CASE WHEN mqlw_es15 >= 946684800 AND mqlw_es15 < 4102444800 THEN (mqlw_es15 DIV 86400) END AS mqlw_ep15
  FROM mqlw_date1
),
mqlw_date3 AS (
  SELECT
    mqlw_t0,
    mqlw_t1,
    mqlw_t2,
    mqlw_t3,
    mqlw_t4,
    mqlw_t5,
    mqlw_t6,
    mqlw_t7,
    mqlw_t11,
    mqlw_t12,
    mqlw_t14,
    mqlw_k9,
    mqlw_k10,
    mqlw_k13,
    mqlw_k15,
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
    try_cast(substr(mqlw_t9, mqlw_k9 + 1, mqlw_j9 - mqlw_k9 - 1) AS BIGINT) AS mqlw_bb9,
    CASE WHEN mqlw_k9 = 5 THEN try_cast(substr(mqlw_t9, mqlw_j9 + 1, CASE WHEN substr(mqlw_t9, mqlw_j9 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END) AS BIGINT) ELSE try_cast(substr(mqlw_t9, mqlw_j9 + 1, 4) AS BIGINT) END AS mqlw_c9,
    try_cast(substr(mqlw_t10, mqlw_k10 + 1, mqlw_j10 - mqlw_k10 - 1) AS BIGINT) AS mqlw_bb10,
    CASE WHEN mqlw_k10 = 5 THEN try_cast(substr(mqlw_t10, mqlw_j10 + 1, CASE WHEN substr(mqlw_t10, mqlw_j10 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END) AS BIGINT) ELSE try_cast(substr(mqlw_t10, mqlw_j10 + 1, 4) AS BIGINT) END AS mqlw_c10,
    try_cast(substr(mqlw_t13, mqlw_k13 + 1, mqlw_j13 - mqlw_k13 - 1) AS BIGINT) AS mqlw_bb13,
    CASE WHEN mqlw_k13 = 5 THEN try_cast(substr(mqlw_t13, mqlw_j13 + 1, CASE WHEN substr(mqlw_t13, mqlw_j13 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END) AS BIGINT) ELSE try_cast(substr(mqlw_t13, mqlw_j13 + 1, 4) AS BIGINT) END AS mqlw_c13,
    try_cast(substr(mqlw_t15, mqlw_k15 + 1, mqlw_j15 - mqlw_k15 - 1) AS BIGINT) AS mqlw_bb15,
    CASE WHEN mqlw_k15 = 5 THEN try_cast(substr(mqlw_t15, mqlw_j15 + 1, CASE WHEN substr(mqlw_t15, mqlw_j15 + 2, 1) BETWEEN '0' AND '9' THEN 2 ELSE 1 END) AS BIGINT) ELSE try_cast(substr(mqlw_t15, mqlw_j15 + 1, 4) AS BIGINT) END AS mqlw_c15
  FROM mqlw_date2
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
mqlw_date4 AS (
  SELECT
    mqlw_t0,
    mqlw_t1,
    mqlw_t2,
    mqlw_t3,
    mqlw_t4,
    mqlw_t5,
    mqlw_t6,
    mqlw_t7,
    mqlw_t11,
    mqlw_t12,
    mqlw_t14,
    mqlw_ep9,
    mqlw_ep10,
    mqlw_ep13,
    mqlw_ep15,
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
    CASE WHEN mqlw_k15 = 5 THEN mqlw_c15 WHEN (mqlw_s15 <> '/' OR mqlw_a15 > 12 OR (mqlw_bb15 <= 12 AND mqlw_dmy15 = 1)) THEN mqlw_a15 ELSE mqlw_bb15 END AS mqlw_da15
  FROM mqlw_date3
  CROSS JOIN mqlw_dateorder9
  CROSS JOIN mqlw_dateorder10
  CROSS JOIN mqlw_dateorder13
  CROSS JOIN mqlw_dateorder15
),
mqlw_date5 AS (
  SELECT
    mqlw_t0,
    mqlw_t1,
    mqlw_t2,
    mqlw_t3,
    mqlw_t4,
    mqlw_t5,
    mqlw_t6,
    mqlw_t7,
    mqlw_t11,
    mqlw_t12,
    mqlw_t14,
    mqlw_ep9,
    mqlw_ep10,
    mqlw_ep13,
    mqlw_ep15,
    mqlw_da9,
    mqlw_da10,
    mqlw_da13,
    mqlw_da15,
    mqlw_y9 - CASE WHEN mqlw_mo9 <= 2 THEN 1 ELSE 0 END AS mqlw_yy9,
    mqlw_mo9 + CASE WHEN mqlw_mo9 > 2 THEN -3 ELSE 9 END AS mqlw_mp9,
    mqlw_y10 - CASE WHEN mqlw_mo10 <= 2 THEN 1 ELSE 0 END AS mqlw_yy10,
    mqlw_mo10 + CASE WHEN mqlw_mo10 > 2 THEN -3 ELSE 9 END AS mqlw_mp10,
    mqlw_y13 - CASE WHEN mqlw_mo13 <= 2 THEN 1 ELSE 0 END AS mqlw_yy13,
    mqlw_mo13 + CASE WHEN mqlw_mo13 > 2 THEN -3 ELSE 9 END AS mqlw_mp13,
    mqlw_y15 - CASE WHEN mqlw_mo15 <= 2 THEN 1 ELSE 0 END AS mqlw_yy15,
    mqlw_mo15 + CASE WHEN mqlw_mo15 > 2 THEN -3 ELSE 9 END AS mqlw_mp15
  FROM mqlw_date4
),
mqlw_date6 AS (
  SELECT
    mqlw_t0,
    mqlw_t1,
    mqlw_t2,
    mqlw_t3,
    mqlw_t4,
    mqlw_t5,
    mqlw_t6,
    mqlw_t7,
    mqlw_t11,
    mqlw_t12,
    mqlw_t14,
    mqlw_ep9,
    mqlw_ep10,
    mqlw_ep13,
    mqlw_ep15,
    mqlw_da9,
    mqlw_da10,
    mqlw_da13,
    mqlw_da15,
    mqlw_mp9,
    mqlw_mp10,
    mqlw_mp13,
    mqlw_mp15,
    (mqlw_yy9 DIV 400) AS mqlw_era9,
    mqlw_yy9 - (mqlw_yy9 DIV 400) * 400 AS mqlw_yoe9,
    (mqlw_yy10 DIV 400) AS mqlw_era10,
    mqlw_yy10 - (mqlw_yy10 DIV 400) * 400 AS mqlw_yoe10,
    (mqlw_yy13 DIV 400) AS mqlw_era13,
    mqlw_yy13 - (mqlw_yy13 DIV 400) * 400 AS mqlw_yoe13,
    (mqlw_yy15 DIV 400) AS mqlw_era15,
    mqlw_yy15 - (mqlw_yy15 DIV 400) * 400 AS mqlw_yoe15
  FROM mqlw_date5
),
mqlw_value AS (
  SELECT
    mqlw_t0,
    mqlw_t2,
    lower(trim(BOTH ' \t' FROM (CASE WHEN instr(mqlw_t1, '@') > 0 THEN regexp_extract(mqlw_t1, '@([^@]*)$', 1) END))) AS mqlw_e1,
    lower(mqlw_t2) AS mqlw_l2,
    lower(mqlw_t3) AS mqlw_l3,
    try_cast(mqlw_t4 AS DOUBLE) AS mqlw_n4,
    try_cast(mqlw_t5 AS DOUBLE) AS mqlw_n5,
    CASE WHEN lower(mqlw_t6) IN ('1', 'yes', 'true', 'y', 't', 'x', '✓', '✔', 'ja', 'oui', 'sí', 'si', 'wahr', 'vrai', 'verdadero') THEN 1 WHEN lower(mqlw_t6) IN ('0', 'no', 'false', 'n', 'f', '✗', '✘', 'nein', 'non', 'falsch', 'faux', 'falso') THEN 0 END AS mqlw_b6,
    lower(mqlw_t7) AS mqlw_l7,
    CASE WHEN mqlw_ep9 IS NOT NULL THEN mqlw_ep9 ELSE mqlw_era9 * 146097 + mqlw_yoe9 * 365 + (mqlw_yoe9 DIV 4) - (mqlw_yoe9 DIV 100) + ((153 * mqlw_mp9 + 2) DIV 5) + mqlw_da9 - 1 - 719468 END AS mqlw_d9,
    CASE WHEN mqlw_ep10 IS NOT NULL THEN mqlw_ep10 ELSE mqlw_era10 * 146097 + mqlw_yoe10 * 365 + (mqlw_yoe10 DIV 4) - (mqlw_yoe10 DIV 100) + ((153 * mqlw_mp10 + 2) DIV 5) + mqlw_da10 - 1 - 719468 END AS mqlw_d10,
    try_cast(mqlw_t11 AS DOUBLE) AS mqlw_n11,
    try_cast(mqlw_t12 AS DOUBLE) AS mqlw_n12,
    CASE WHEN mqlw_ep13 IS NOT NULL THEN mqlw_ep13 ELSE mqlw_era13 * 146097 + mqlw_yoe13 * 365 + (mqlw_yoe13 DIV 4) - (mqlw_yoe13 DIV 100) + ((153 * mqlw_mp13 + 2) DIV 5) + mqlw_da13 - 1 - 719468 END AS mqlw_d13,
    CASE WHEN lower(mqlw_t14) IN ('1', 'yes', 'true', 'y', 't', 'x', '✓', '✔', 'ja', 'oui', 'sí', 'si', 'wahr', 'vrai', 'verdadero') THEN 1 WHEN lower(mqlw_t14) IN ('0', 'no', 'false', 'n', 'f', '✗', '✘', 'nein', 'non', 'falsch', 'faux', 'falso') THEN 0 END AS mqlw_b14,
    CASE WHEN mqlw_ep15 IS NOT NULL THEN mqlw_ep15 ELSE mqlw_era15 * 146097 + mqlw_yoe15 * 365 + (mqlw_yoe15 DIV 4) - (mqlw_yoe15 DIV 100) + ((153 * mqlw_mp15 + 2) DIV 5) + mqlw_da15 - 1 - 719468 END AS mqlw_d15
  FROM mqlw_date6
),
mqlw_latest AS (
  SELECT MAX(mqlw_v) AS mqlw_latest FROM (
    SELECT MAX(mqlw_d13) AS mqlw_v FROM mqlw_value
    UNION ALL
    SELECT MAX(mqlw_d15) AS mqlw_v FROM mqlw_value
  ) AS mqlw_days
),
mqlw_age AS (
  SELECT
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
    CASE WHEN COALESCE(mqlw_d9, mqlw_latest) - mqlw_d15 IS NULL THEN NULL WHEN COALESCE(mqlw_d9, mqlw_latest) - mqlw_d15 < 0 THEN 0 ELSE COALESCE(mqlw_d9, mqlw_latest) - mqlw_d15 END AS mqlw_age15,
    CASE WHEN COALESCE(mqlw_d9, mqlw_latest) - mqlw_d13 IS NULL THEN NULL WHEN COALESCE(mqlw_d9, mqlw_latest) - mqlw_d13 < 0 THEN 0 ELSE COALESCE(mqlw_d9, mqlw_latest) - mqlw_d13 END AS mqlw_age13
  FROM mqlw_value
  CROSS JOIN mqlw_latest
),
mqlw_decay1 AS (
  SELECT
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
    CASE WHEN mqlw_age15 IS NULL THEN 100.0D WHEN mqlw_age15 <= 7.0D THEN 100.0D WHEN mqlw_age15 <= 30.0D THEN 80.0D WHEN mqlw_age15 <= 60.0D THEN 60.0D WHEN mqlw_age15 <= 90.0D THEN 33.29999923706055D ELSE 15.0D END AS mqlw_p15,
    CASE WHEN mqlw_age13 IS NULL THEN 100.0D WHEN mqlw_age13 <= 7.0D THEN 100.0D WHEN mqlw_age13 <= 30.0D THEN 80.0D WHEN mqlw_age13 <= 60.0D THEN 60.0D WHEN mqlw_age13 <= 90.0D THEN 33.29999923706055D ELSE 15.0D END AS mqlw_p13
  FROM mqlw_age
),
mqlw_points AS (
  SELECT
    mqlw_t0,
    0 AS mqlw_uns,
    (
      CASE WHEN mqlw_l3 IN ('vp', 'c-level') THEN 2000 ELSE 0 END +
      CASE WHEN mqlw_l3 IN ('manager') THEN 750 ELSE 0 END +
      CASE WHEN mqlw_t2 IS NULL THEN -500 ELSE 0 END +
      CASE WHEN (mqlw_e1 = 'gmail.com' OR (length(mqlw_e1) > 10 AND right(mqlw_e1, 10) = '.gmail.com') OR mqlw_e1 = 'yahoo.co.uk' OR (length(mqlw_e1) > 12 AND right(mqlw_e1, 12) = '.yahoo.co.uk') OR mqlw_e1 = 'hotmail.com' OR (length(mqlw_e1) > 12 AND right(mqlw_e1, 12) = '.hotmail.com')) THEN -1225 ELSE 0 END +
      CASE WHEN (mqlw_e1 = 'acme.com' OR (length(mqlw_e1) > 9 AND right(mqlw_e1, 9) = '.acme.com')) THEN 300 ELSE 0 END +
      CASE WHEN (mqlw_n4 >= 200.0D AND mqlw_n4 <= 1000.0D) THEN 1000 ELSE 0 END +
      CASE WHEN mqlw_n4 IN (1000.0D) THEN 100 ELSE 0 END +
      CASE WHEN mqlw_n4 IN (50.0D, 12.0D) THEN -300 ELSE 0 END +
      CASE WHEN mqlw_n4 IS NULL THEN -100 ELSE 0 END +
      CASE WHEN mqlw_n5 >= 1.0D THEN 268 ELSE 0 END +
      CASE WHEN mqlw_n5 IS NULL THEN -33 ELSE 0 END +
      CASE WHEN mqlw_b6 IN (1) THEN 400 ELSE 0 END +
      CASE WHEN mqlw_b6 IN (0) THEN 100 ELSE 0 END +
      CASE WHEN mqlw_b6 IN (1) THEN 50 ELSE 0 END +
      CASE WHEN mqlw_b6 IS NULL THEN -200 ELSE 0 END +
      CASE WHEN mqlw_l7 IN ('us') THEN 500 ELSE 0 END +
      CASE WHEN mqlw_d10 IN (20151) THEN 600 ELSE 0 END +
      CASE WHEN (mqlw_d10 >= 20089.0D AND mqlw_d10 <= 20454.0D) THEN 200 ELSE 0 END +
      CASE WHEN mqlw_d10 IS NULL THEN -400 ELSE 0 END
    ) AS mqlw_fit,
    least(greatest((30.0D * COALESCE(mqlw_n11, 0)), (-50.0D)), 50.0D) * mqlw_p15 AS mqlw_y0,
    least(greatest((12.5D * COALESCE(mqlw_n12, 0)), (-30.0D)), 30.0D) * mqlw_p13 AS mqlw_y1,
    1.1D * COALESCE(mqlw_n12, 0) * mqlw_p15 AS mqlw_y2,
    (-50.0D) * COALESCE(mqlw_b14, 0) * 100.0D AS mqlw_y3,
    (-3.3D) * COALESCE(mqlw_b14, 0) * mqlw_p15 AS mqlw_y4,
    CASE
      WHEN (mqlw_e1 = 'rivalsoft.com' OR (length(mqlw_e1) > 14 AND right(mqlw_e1, 14) = '.rivalsoft.com') OR mqlw_e1 = 'competeco.com' OR (length(mqlw_e1) > 14 AND right(mqlw_e1, 14) = '.competeco.com')) THEN 'competitor'
      WHEN mqlw_l2 IN ('student') THEN 'student'
      WHEN mqlw_b6 IN (1) THEN 'partner'
    END AS mqlw_disq,
    CASE WHEN mqlw_n11 > 0 OR mqlw_b14 > 0 THEN 1 ELSE 0 END AS mqlw_hand
  FROM mqlw_decay1
),
mqlw_sums AS (
  SELECT
    mqlw_t0,
    mqlw_uns,
    mqlw_fit,
    mqlw_disq,
    mqlw_hand,
    (
      (CAST(mqlw_y0 AS BIGINT) + CASE WHEN mqlw_y0 - CAST(mqlw_y0 AS BIGINT) >= 0.5 THEN 1 WHEN mqlw_y0 - CAST(mqlw_y0 AS BIGINT) <= -0.5 THEN -1 ELSE 0 END) +
      (CAST(mqlw_y1 AS BIGINT) + CASE WHEN mqlw_y1 - CAST(mqlw_y1 AS BIGINT) >= 0.5 THEN 1 WHEN mqlw_y1 - CAST(mqlw_y1 AS BIGINT) <= -0.5 THEN -1 ELSE 0 END) +
      (CAST(mqlw_y2 AS BIGINT) + CASE WHEN mqlw_y2 - CAST(mqlw_y2 AS BIGINT) >= 0.5 THEN 1 WHEN mqlw_y2 - CAST(mqlw_y2 AS BIGINT) <= -0.5 THEN -1 ELSE 0 END) +
      (CAST(mqlw_y3 AS BIGINT) + CASE WHEN mqlw_y3 - CAST(mqlw_y3 AS BIGINT) >= 0.5 THEN 1 WHEN mqlw_y3 - CAST(mqlw_y3 AS BIGINT) <= -0.5 THEN -1 ELSE 0 END) +
      (CAST(mqlw_y4 AS BIGINT) + CASE WHEN mqlw_y4 - CAST(mqlw_y4 AS BIGINT) >= 0.5 THEN 1 WHEN mqlw_y4 - CAST(mqlw_y4 AS BIGINT) <= -0.5 THEN -1 ELSE 0 END)
    ) AS mqlw_beh
  FROM mqlw_points
),
mqlw_total AS (
  SELECT
    mqlw_t0,
    mqlw_uns,
    mqlw_disq,
    mqlw_hand,
    mqlw_beh,
    CASE WHEN mqlw_fit >= 3000 THEN 0 WHEN mqlw_fit >= 1501 THEN 1 WHEN mqlw_fit >= 0 THEN 2 ELSE 3 END AS mqlw_grade,
    mqlw_fit + (CASE WHEN mqlw_fit >= 3000 THEN 1.5D WHEN mqlw_fit >= 1501 THEN 1.15D WHEN mqlw_fit >= 0 THEN 1.0D ELSE 0.7D END) * mqlw_beh AS mqlw_ytot
  FROM mqlw_sums
),
mqlw_score AS (
  SELECT
    mqlw_t0,
    mqlw_disq,
    mqlw_hand,
    mqlw_beh,
    mqlw_grade,
    CASE WHEN mqlw_uns = 1 THEN NULL ELSE (CAST(mqlw_ytot AS BIGINT) + CASE WHEN mqlw_ytot - CAST(mqlw_ytot AS BIGINT) >= 0.5 THEN 1 WHEN mqlw_ytot - CAST(mqlw_ytot AS BIGINT) <= -0.5 THEN -1 ELSE 0 END) END AS mqlw_score_h
  FROM mqlw_total
),
mqlw_lead AS (
  SELECT
    mqlw_t0,
    mqlw_disq,
    mqlw_grade,
    mqlw_score_h,
    CASE WHEN mqlw_disq IS NULL AND mqlw_score_h IS NOT NULL AND mqlw_hand = 1 AND mqlw_grade <= 2 THEN 4 ELSE 0 END AS mqlw_hr,
    CASE WHEN mqlw_disq IS NULL AND mqlw_score_h IS NOT NULL AND mqlw_grade <= 1 AND mqlw_beh >= 2050 THEN 2 ELSE 0 END AS mqlw_gb,
    CASE WHEN mqlw_disq IS NULL AND mqlw_score_h >= 2001 THEN 1 ELSE 0 END AS mqlw_sp,
    CASE WHEN mqlw_disq IS NULL THEN 0 ELSE 1 END AS mqlw_dq
  FROM mqlw_score
)
SELECT
  mqlw_t0 AS lead_id,
  mqlw_score_h / 100.0D AS score,
  CASE mqlw_grade WHEN 0 THEN 'A' WHEN 1 THEN 'B' WHEN 2 THEN 'C' ELSE 'D' END AS grade,
  CASE WHEN mqlw_sp + mqlw_gb + mqlw_hr > 0 THEN 1 ELSE 0 END AS mql,
  CASE mqlw_sp + mqlw_gb + mqlw_hr
    WHEN 1 THEN 'score'
    WHEN 2 THEN 'grade_behaviour'
    WHEN 3 THEN 'score+grade_behaviour'
    WHEN 4 THEN 'hand_raiser'
    WHEN 5 THEN 'score+hand_raiser'
    WHEN 6 THEN 'grade_behaviour+hand_raiser'
    WHEN 7 THEN 'score+grade_behaviour+hand_raiser'
  END AS path,
  mqlw_disq AS disqualified
FROM mqlw_lead
