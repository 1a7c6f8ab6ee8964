-- A schema-3 project (CRC-32 checksums, every column as its in-memory array), as written by
-- MQL Workbench before schema 4 (commit 1bca198) from tests/test-project.c's build_dataset () fixture
-- with version 1 (threshold 50), the scenario "Sales proposal" and one export; dumped with sqlite3 .dump.
-- tests/test-project.c loads it and opens it.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE migrations (version INTEGER PRIMARY KEY, applied TEXT NOT NULL, description TEXT NOT NULL);
INSERT INTO migrations VALUES(1,'2026-12-05 13:48:42','Project store: dataset columns, mapping, model versions, scenarios, sign-offs, export log');
INSERT INTO migrations VALUES(2,'2026-12-05 13:48:42','Trusted approver cards (key signatures)');
INSERT INTO migrations VALUES(3,'2026-12-05 13:48:42','Integrity: a CRC-32 of every column, outcome, model version, sign-off and scenario');
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
INSERT INTO meta VALUES('n_rows','8');
INSERT INTO meta VALUES('source_name','fixture.csv');
INSERT INTO meta VALUES('source_sha256','0000000000000000000000000000000000000000000000000000000000000abc');
INSERT INTO meta VALUES('mapping',NULL);
INSERT INTO meta VALUES('created','2026-12-05T13:48:42Z');
INSERT INTO meta VALUES('months',NULL);
INSERT INTO meta VALUES('written_by','MQL Workbench 0.1.0');
INSERT INTO meta VALUES('revision','21d09991-58e9-4f8b-8253-731a9e7eb806');
CREATE TABLE columns (position INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, type TEXT NOT NULL,  role TEXT NOT NULL, stage TEXT, activity TEXT, n_rows INTEGER NOT NULL, dict_count INTEGER,  data BLOB NOT NULL, dict BLOB, data_crc INTEGER, dict_crc INTEGER);
INSERT INTO columns VALUES(0,'lead_id','categorical','lead_id',NULL,NULL,8,8,X'0000000001000000020000000300000004000000050000000600000007000000',X'4c31004c32004c33004c34004c35004c36004c37004c3800',2030511068,3058699949);
INSERT INTO columns VALUES(1,'score','decimal','score',NULL,NULL,8,NULL,X'00000000000024400000000000003440000000000080414000000000008046400000000000804b400000000000004e400000000000c052400000000000805640',NULL,1964693764,NULL);
INSERT INTO columns VALUES(2,'seniority','categorical','fit',NULL,NULL,8,3,X'00000000ffffffff01000000000000000200000001000000ffffffff00000000',X'5650004d616e61676572004469726563746f7200',1635315974,145359891);
INSERT INTO columns VALUES(3,'company_size','integer','fit',NULL,NULL,8,NULL,X'0000000000004940000000000000f87f00000000000069400000000000408f400000000000c07240000000000000f87f000000000088b3400000000000406f40',NULL,1084740013,NULL);
INSERT INTO columns VALUES(4,'demo_requested','boolean','fit',NULL,NULL,8,NULL,X'0001ff0001000100',NULL,2251696437,NULL);
INSERT INTO columns VALUES(5,'created_at','date','created_at',NULL,NULL,8,NULL,X'b44e0000b54e0000b64e000000000080b84e0000b94e0000ba4e0000d24e0000',NULL,3364063039,NULL);
CREATE TABLE outcomes (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, data BLOB NOT NULL, crc INTEGER);
INSERT INTO outcomes VALUES(1,'sql',X'000001000100ff01',4074874445);
INSERT INTO outcomes VALUES(3,'won',X'000000000100ff00',1320830334);
INSERT INTO outcomes VALUES(5,'created_days',X'b44e0000b54e0000b64e000000000080b84e0000b94e0000ba4e0000d24e0000',3364063039);
CREATE TABLE problems (id INTEGER PRIMARY KEY, level INTEGER, line INTEGER, column_name TEXT, message TEXT);
INSERT INTO problems VALUES(1,1,4,'created_at','no date');
CREATE TABLE versions (number INTEGER PRIMARY KEY, model TEXT NOT NULL, created TEXT NOT NULL,  author TEXT NOT NULL, comment TEXT NOT NULL, crc INTEGER);
INSERT INTO versions VALUES(1,'{"format":"mql-workbench-model","version":1,"name":"Platform score","description":"","score_column":"score","fit":[],"behaviour":[],"decay":{"kind":"none"},"grades":{"enabled":false,"a":40,"b":25,"c":10,"multipliers":{"A":1,"B":1,"C":1,"D":1}},"paths":{"score":true,"grade_behaviour":{"enabled":false,"min_grade":"B","behaviour_min":50},"hand_raiser":{"enabled":false,"activities":[],"min_grade":"B"}},"disqualifiers":[],"threshold":50,"capacity_per_month":10}','2026-12-05T13:48:42Z','Maria','first cut',553288305);
CREATE TABLE signoffs (version INTEGER PRIMARY KEY REFERENCES versions (number),  document TEXT NOT NULL, digest TEXT NOT NULL, crc INTEGER);
CREATE TABLE scenarios (position INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, model TEXT NOT NULL,  comment TEXT NOT NULL, updated TEXT NOT NULL, crc INTEGER);
INSERT INTO scenarios VALUES(0,'Sales proposal','{"format":"mql-workbench-model","version":1,"name":"Platform score","description":"","score_column":"score","fit":[],"behaviour":[],"decay":{"kind":"none"},"grades":{"enabled":false,"a":40,"b":25,"c":10,"multipliers":{"A":1,"B":1,"C":1,"D":1}},"paths":{"score":true,"grade_behaviour":{"enabled":false,"min_grade":"B","behaviour_min":50},"hand_raiser":{"enabled":false,"activities":[],"min_grade":"B"}},"disqualifiers":[],"threshold":50,"capacity_per_month":10}','higher line','2026-12-05T13:48:42Z',553288305);
CREATE TABLE exports (id INTEGER PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL, path TEXT NOT NULL,  sha256 TEXT NOT NULL, version INTEGER NOT NULL);
INSERT INTO exports VALUES(0,'2026-12-05T13:48:42Z','buckets','/tmp/b.csv','abc',1);
CREATE TABLE trusted_cards (position INTEGER PRIMARY KEY, card TEXT NOT NULL);
COMMIT;
PRAGMA application_id = 1297173591;
PRAGMA user_version = 3;
