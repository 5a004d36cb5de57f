// Private to the SQLite store: the recorded screening (findings and
// overrides) that regimen versions and circadian plans both keep, in tables
// of the same columns.
#pragma once

#include <SQLiteCpp/Statement.h>

#include "pineal/records/regimen.h"

namespace pineal::store::sqlite {

// Binds :rule, :key, :kind, :sev, :b, :t, :m, :mech, :a, :refs.
void BindFinding(SQLite::Statement& s, const records::RecordedFinding& f);
// Binds :key, :rule, :reason, :by, :at.
void BindOverride(SQLite::Statement& s, const records::RecordedOverride& o);

// Reads a row of a findings table (rule_id, finding_key, kind, severity, ...).
records::RecordedFinding ColFinding(SQLite::Statement& s);
// Reads a row of an overrides table (finding_key, rule_id, reason, decided_by, decided_at).
records::RecordedOverride ColOverride(SQLite::Statement& s);

}  // namespace pineal::store::sqlite
