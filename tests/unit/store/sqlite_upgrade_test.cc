// Upgrading a database made before migration 0009, which rebuilds
// regimen_versions to allow the 'pending' status: every version and the
// rows that point at it (steps, findings, overrides) survive, the foreign
// keys hold, and the table is append-only again.
#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include "pineal/store/migration.h"
#include "pineal/store/sqlite/sqlite_store.h"
#include "tests/support/temp_dir.h"

namespace pineal::store {
namespace {

// A file at schema 8 with one patient whose regimen has two versions, the
// second with a titration step, a finding and an override.
void MakeSchema8Database(const std::string& path) {
  SQLite::Database raw(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  raw.exec("PRAGMA foreign_keys=ON");
  raw.exec(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at TEXT NOT NULL)");
  for (const Migration& m : SqliteMigrations()) {
    if (m.version > 8) break;
    raw.exec(std::string(m.sql));
    SQLite::Statement ins(raw,
                          "INSERT INTO schema_migrations VALUES (?, ?, '2026-11-01T00:00:00Z')");
    ins.bind(1, m.version);
    ins.bind(2, std::string(m.name));
    ins.exec();
  }
  raw.exec(R"sql(
    INSERT INTO patients (id, display_name, sex, pregnancy, breastfeeding, smoker, time_zone,
      version, created_at, created_by, updated_at)
      VALUES (1, 'Ada L.', 'female', 'not_pregnant', 0, 0, 'Europe/Paris', 1,
              '2026-11-01T08:00:00Z', 'dr.a', '2026-11-01T08:00:00Z');
    INSERT INTO regimens (id, patient_id, substance, created_at, created_by)
      VALUES (7, 1, 'melatonin', '2026-11-01T08:00:00Z', 'dr.a');
    INSERT INTO regimen_versions (regimen_id, version, status, formulation, dose_value, dose_unit,
      times_of_day, frequency, indication, start_date, reason, created_at, created_by)
      VALUES (7, 1, 'active', 'ir', 1, 'mg', '22:00', 'daily', 'insomnia', '2026-11-01', '',
              '2026-11-01T08:00:00Z', 'dr.a'),
             (7, 2, 'active', 'ir', 2, 'mg', '22:00', 'daily', 'insomnia', '2026-11-08',
              'no effect', '2026-11-08T08:00:00Z', 'dr.a');
    INSERT INTO titration_steps VALUES (7, 2, 0, 7, 3, 'mg');
    INSERT INTO regimen_findings (regimen_id, version, position, rule_id, finding_key, kind,
      severity, blocking, title, message)
      VALUES (7, 2, 0, 'ix.melatonin.fluvoxamine', 'k1', 'interaction', 'major', 1, 't', 'm');
    INSERT INTO regimen_overrides VALUES (7, 2, 'k1', 'ix.melatonin.fluvoxamine',
      'tapering, reviewed', 'dr.a', '2026-11-08T08:00:00Z');
  )sql");
}

TEST(SqliteUpgrade, RebuildingRegimenVersionsKeepsEveryRowAndItsChildren) {
  pineal::testing::TempDir dir;
  const std::string path = dir.File("old.db");
  MakeSchema8Database(path);

  auto store = SqliteStore::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE((*store)->Migrate().ok());
  EXPECT_EQ(*(*store)->PragmaForTest("foreign_keys"), "1");  // on again after migrating

  auto regimen = (*store)->GetRegimen(PatientId(1), RegimenId(7));
  ASSERT_TRUE(regimen.ok()) << regimen.status().ToString();
  ASSERT_EQ(regimen->versions.size(), 2u);
  const records::RegimenVersion& v2 = regimen->versions[1];
  EXPECT_EQ(v2.reason, "no effect");
  ASSERT_EQ(v2.titration.size(), 1u);
  EXPECT_EQ(v2.titration[0].after_days, 7);
  ASSERT_EQ(v2.findings.size(), 1u);
  EXPECT_EQ(v2.findings[0].rule_id, "ix.melatonin.fluvoxamine");
  ASSERT_EQ(v2.overrides.size(), 1u);
  EXPECT_EQ(v2.overrides[0].reason, "tapering, reviewed");

  SQLite::Database raw(path, SQLite::OPEN_READWRITE);
  raw.exec("PRAGMA foreign_keys=ON");
  SQLite::Statement check(raw, "PRAGMA foreign_key_check");
  EXPECT_FALSE(check.executeStep())
      << "a foreign key broke in table " << check.getColumn(0).getString();
  // Append-only as before, and the new status is allowed.
  EXPECT_THROW(raw.exec("UPDATE regimen_versions SET reason = 'x'"), SQLite::Exception);
  EXPECT_THROW(raw.exec("DELETE FROM regimen_versions"), SQLite::Exception);
  EXPECT_NO_THROW(raw.exec(
      "INSERT INTO regimen_versions (regimen_id, version, status, formulation, dose_value, "
      "dose_unit, times_of_day, frequency, start_date, created_at, created_by) VALUES (7, 3, "
      "'pending', 'ir', 5, 'mg', '22:00', 'daily', '2026-11-15', '2026-11-15T08:00:00Z', 'dr.a')"));
  EXPECT_THROW(raw.exec("INSERT INTO regimen_versions (regimen_id, version, status, formulation, "
                        "dose_value, dose_unit, times_of_day, frequency, start_date, created_at, "
                        "created_by) VALUES (7, 4, 'paused', 'ir', 5, 'mg', '22:00', 'daily', "
                        "'2026-11-15', '2026-11-15T08:00:00Z', 'dr.a')"),
               SQLite::Exception);
}

}  // namespace
}  // namespace pineal::store
