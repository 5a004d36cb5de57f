// Private to the SQLite store: binding and reading typed values.
#pragma once

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <optional>
#include <string>
#include <vector>

#include "pineal/core/quantity.h"
#include "pineal/core/time.h"
#include "pineal/records/provenance.h"

namespace pineal::store::sqlite {

void BindText(SQLite::Statement& s, const char* name, const std::string& v);
void BindInstant(SQLite::Statement& s, const char* name, Instant t);
void BindOptInstant(SQLite::Statement& s, const char* name, const std::optional<Instant>& t);
void BindDate(SQLite::Statement& s, const char* name, LocalDate d);
void BindOptDate(SQLite::Statement& s, const char* name, const std::optional<LocalDate>& d);
// A mass as the value and unit it was entered with (":<prefix>_value", ":<prefix>_unit").
void BindOptMass(SQLite::Statement& s, const char* prefix, const std::optional<Mass>& m);

// Each reader takes a column's name or, in loops over many rows, its
// position (found once with getColumnIndex).
Instant ColInstant(SQLite::Statement& s, const char* column);
Instant ColInstant(SQLite::Statement& s, int column);
std::optional<Instant> ColOptInstant(SQLite::Statement& s, const char* column);
std::optional<Instant> ColOptInstant(SQLite::Statement& s, int column);
LocalDate ColDate(SQLite::Statement& s, const char* column);
std::optional<LocalDate> ColOptDate(SQLite::Statement& s, const char* column);
std::optional<Mass> ColOptMass(SQLite::Statement& s, const char* prefix);
std::optional<Mass> ColOptMass(SQLite::Statement& s, int value, int unit);
Mass ColMass(SQLite::Statement& s, const char* prefix);
std::string ColText(SQLite::Statement& s, const char* column);
std::string ColText(SQLite::Statement& s, int column);
std::optional<std::int64_t> ColOptInt(SQLite::Statement& s, const char* column);
std::optional<std::int64_t> ColOptInt(SQLite::Statement& s, int column);
// The created_at and created_by columns every record table has.
records::Provenance ColProvenance(SQLite::Statement& s);
records::Provenance ColProvenance(SQLite::Statement& s, int created_at, int created_by);

// "?,?,?" for an IN list of `n` values, bound from 1 by BindIds. (SQLite
// runs "IN (?)" as an equality; a list in a subquery would build a
// temporary table on every run.)
std::string Placeholders(std::size_t n);
void BindIds(SQLite::Statement& s, const std::vector<std::int64_t>& ids);

// Enum columns hold the record enums' text names; a bad name is corruption.
template <typename E>
E ColEnum(SQLite::Statement& s, const char* column);
template <typename E>
E ColEnum(SQLite::Statement& s, int column);

}  // namespace pineal::store::sqlite
