#include "pineal/store/sqlite/sqlite_rows.h"

#include <stdexcept>

#include "pineal/records/enums.h"

namespace pineal::store::sqlite {
namespace {

// Stored values were validated on the way in; failing to read one back means
// the file was changed behind pineal's back.
[[noreturn]] void Corrupt(const char* column, const std::string& value) {
  throw std::runtime_error(std::string("stored value of ") + column + " is unreadable: " + value);
}

}  // namespace

void BindText(SQLite::Statement& s, const char* name, const std::string& v) { s.bind(name, v); }

void BindInstant(SQLite::Statement& s, const char* name, Instant t) {
  s.bind(name, FormatInstant(t));
}

void BindOptInstant(SQLite::Statement& s, const char* name, const std::optional<Instant>& t) {
  if (t) {
    s.bind(name, FormatInstant(*t));
  } else {
    s.bind(name);
  }
}

void BindDate(SQLite::Statement& s, const char* name, LocalDate d) { s.bind(name, FormatDate(d)); }

void BindOptDate(SQLite::Statement& s, const char* name, const std::optional<LocalDate>& d) {
  if (d) {
    s.bind(name, FormatDate(*d));
  } else {
    s.bind(name);
  }
}

void BindOptMass(SQLite::Statement& s, const char* prefix, const std::optional<Mass>& m) {
  std::string value = std::string(":") + prefix + "_value";
  std::string unit = std::string(":") + prefix + "_unit";
  if (m) {
    s.bind(value, m->value());
    s.bind(unit, m->unit());
  } else {
    s.bind(value);
    s.bind(unit);
  }
}

// Each reader by name finds the column's position and reads by position; a
// loop over many rows finds the positions once (DoseEventColumns …).
std::string ColText(SQLite::Statement& s, int column) { return s.getColumn(column).getString(); }
std::string ColText(SQLite::Statement& s, const char* column) {
  return ColText(s, s.getColumnIndex(column));
}

records::Provenance ColProvenance(SQLite::Statement& s, int created_at, int created_by) {
  return {ColInstant(s, created_at), ColText(s, created_by)};
}
records::Provenance ColProvenance(SQLite::Statement& s) {
  return ColProvenance(s, s.getColumnIndex("created_at"), s.getColumnIndex("created_by"));
}

Instant ColInstant(SQLite::Statement& s, int column) {
  std::string text = ColText(s, column);
  auto t = ParseInstant(text);
  if (!t.ok()) Corrupt(s.getColumnName(column), text);
  return *t;
}
Instant ColInstant(SQLite::Statement& s, const char* column) {
  return ColInstant(s, s.getColumnIndex(column));
}

std::optional<Instant> ColOptInstant(SQLite::Statement& s, int column) {
  if (s.isColumnNull(column)) return std::nullopt;
  return ColInstant(s, column);
}
std::optional<Instant> ColOptInstant(SQLite::Statement& s, const char* column) {
  return ColOptInstant(s, s.getColumnIndex(column));
}

LocalDate ColDate(SQLite::Statement& s, const char* column) {
  std::string text = ColText(s, column);
  auto d = ParseDate(text);
  if (!d.ok()) Corrupt(column, text);
  return *d;
}

std::optional<LocalDate> ColOptDate(SQLite::Statement& s, const char* column) {
  if (s.isColumnNull(s.getColumnIndex(column))) return std::nullopt;
  return ColDate(s, column);
}

std::optional<Mass> ColOptMass(SQLite::Statement& s, int value, int unit) {
  if (s.isColumnNull(value)) return std::nullopt;
  auto m = Mass::Make(s.getColumn(value).getDouble(), ColText(s, unit));
  if (!m.ok()) Corrupt(s.getColumnName(value), m.status().message());
  return *m;
}
std::optional<Mass> ColOptMass(SQLite::Statement& s, const char* prefix) {
  const std::string value = std::string(prefix) + "_value";
  const std::string unit = std::string(prefix) + "_unit";
  return ColOptMass(s, s.getColumnIndex(value.c_str()), s.getColumnIndex(unit.c_str()));
}

Mass ColMass(SQLite::Statement& s, const char* prefix) {
  auto m = ColOptMass(s, prefix);
  if (!m) Corrupt(prefix, "NULL");
  return *m;
}

std::optional<std::int64_t> ColOptInt(SQLite::Statement& s, int column) {
  if (s.isColumnNull(column)) return std::nullopt;
  return s.getColumn(column).getInt64();
}
std::optional<std::int64_t> ColOptInt(SQLite::Statement& s, const char* column) {
  return ColOptInt(s, s.getColumnIndex(column));
}

template <typename E>
E ColEnum(SQLite::Statement& s, int column) {
  std::string text = ColText(s, column);
  auto v = records::FromString<E>(text);
  if (!v) Corrupt(s.getColumnName(column), text);
  return *v;
}
template <typename E>
E ColEnum(SQLite::Statement& s, const char* column) {
  return ColEnum<E>(s, s.getColumnIndex(column));
}

template records::Sex ColEnum<records::Sex>(SQLite::Statement&, const char*);
template records::PregnancyStatus ColEnum<records::PregnancyStatus>(SQLite::Statement&,
                                                                    const char*);
template records::MedicationCategory ColEnum<records::MedicationCategory>(SQLite::Statement&,
                                                                          const char*);
template records::MedicationSource ColEnum<records::MedicationSource>(SQLite::Statement&,
                                                                      const char*);
template records::RegimenStatus ColEnum<records::RegimenStatus>(SQLite::Statement&, const char*);
template records::Frequency ColEnum<records::Frequency>(SQLite::Statement&, const char*);
template records::DoseStatus ColEnum<records::DoseStatus>(SQLite::Statement&, const char*);
template records::DoseStatus ColEnum<records::DoseStatus>(SQLite::Statement&, int);
template records::ObservationKind ColEnum<records::ObservationKind>(SQLite::Statement&,
                                                                    const char*);
template records::ObservationKind ColEnum<records::ObservationKind>(SQLite::Statement&, int);

std::string Placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ",?";
  return out;
}

void BindIds(SQLite::Statement& s, const std::vector<std::int64_t>& ids) {
  for (std::size_t i = 0; i < ids.size(); ++i) s.bind(static_cast<int>(i) + 1, ids[i]);
}

}  // namespace pineal::store::sqlite
