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

std::string ColText(SQLite::Statement& s, const char* column) {
  return s.getColumn(column).getString();
}

records::Provenance ColProvenance(SQLite::Statement& s) {
  return {ColInstant(s, "created_at"), ColText(s, "created_by")};
}

Instant ColInstant(SQLite::Statement& s, const char* column) {
  std::string text = ColText(s, column);
  auto t = ParseInstant(text);
  if (!t.ok()) Corrupt(column, text);
  return *t;
}

std::optional<Instant> ColOptInstant(SQLite::Statement& s, const char* column) {
  if (s.getColumn(column).isNull()) return std::nullopt;
  return ColInstant(s, column);
}

LocalDate ColDate(SQLite::Statement& s, const char* column) {
  std::string text = ColText(s, column);
  auto d = ParseDate(text);
  if (!d.ok()) Corrupt(column, text);
  return *d;
}

std::optional<LocalDate> ColOptDate(SQLite::Statement& s, const char* column) {
  if (s.getColumn(column).isNull()) return std::nullopt;
  return ColDate(s, column);
}

std::optional<Mass> ColOptMass(SQLite::Statement& s, const char* prefix) {
  std::string value = std::string(prefix) + "_value";
  std::string unit = std::string(prefix) + "_unit";
  if (s.getColumn(value.c_str()).isNull()) return std::nullopt;
  auto m = Mass::Make(s.getColumn(value.c_str()).getDouble(), ColText(s, unit.c_str()));
  if (!m.ok()) Corrupt(prefix, m.status().message());
  return *m;
}

Mass ColMass(SQLite::Statement& s, const char* prefix) {
  auto m = ColOptMass(s, prefix);
  if (!m) Corrupt(prefix, "NULL");
  return *m;
}

std::optional<std::int64_t> ColOptInt(SQLite::Statement& s, const char* column) {
  if (s.getColumn(column).isNull()) return std::nullopt;
  return s.getColumn(column).getInt64();
}

template <typename E>
E ColEnum(SQLite::Statement& s, const char* column) {
  std::string text = ColText(s, column);
  auto v = records::FromString<E>(text);
  if (!v) Corrupt(column, text);
  return *v;
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
template records::ObservationKind ColEnum<records::ObservationKind>(SQLite::Statement&,
                                                                    const char*);

std::string Placeholders(std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ",?";
  return out;
}

void BindIds(SQLite::Statement& s, const std::vector<std::int64_t>& ids) {
  for (std::size_t i = 0; i < ids.size(); ++i) s.bind(static_cast<int>(i) + 1, ids[i]);
}

}  // namespace pineal::store::sqlite
