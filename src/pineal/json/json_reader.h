// Strict reading of JSON request bodies: wrong types, unknown fields and bad
// values become InvalidArgument with the field's path, never exceptions.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pineal/core/quantity.h"
#include "pineal/core/result.h"
#include "pineal/core/time.h"

namespace pineal::codec {

inline constexpr size_t kMaxJsonDepth = 32;

// Parses JSON text strictly: a key given twice in one object is an error
// naming its path ("regimens[0].dose"), as is nesting deeper than
// kMaxJsonDepth.
Result<nlohmann::json> ParseJson(std::string_view text);
// The same, for a request body that must be one JSON object.
Result<nlohmann::json> ParseJsonObject(std::string_view body);

enum class Need { kOptional, kRequired };

class JsonReader {
 public:
  // `prefix` names the object in error fields ("titration[2]").
  explicit JsonReader(const nlohmann::json& object, std::string prefix = {});

  // Each Get leaves `out` untouched when the field is absent (or null, for
  // optionals, which then become nullopt) and fails when it is required.
  Status Get(const char* key, std::string* out, Need need = Need::kOptional);
  Status Get(const char* key, bool* out, Need need = Need::kOptional);
  Status Get(const char* key, int* out, Need need = Need::kOptional);
  Status Get(const char* key, std::optional<double>* out);
  Status Get(const char* key, std::optional<std::int64_t>* out);
  Status Get(const char* key, std::optional<Instant>* out, Need need = Need::kOptional);
  Status Get(const char* key, Instant* out, Need need = Need::kOptional);
  Status Get(const char* key, std::optional<LocalDate>* out);
  Status Get(const char* key, LocalDate* out, Need need = Need::kOptional);
  Status Get(const char* key, std::vector<std::string>* out);
  // A quantity as "3 mg" or {"value": 3, "unit": "mg"}.
  template <Dimension D>
  Status Get(const char* key, std::optional<Quantity<D>>* out, Need need = Need::kOptional);
  template <Dimension D>
  Status Get(const char* key, Quantity<D>* out, Need need = Need::kOptional);

  // Marks a key as understood without reading it (handled by the caller).
  const nlohmann::json* Raw(const char* key);
  bool Has(const char* key) const;

  // Fails on the first field that no Get or Raw asked for.
  Status RejectUnknown() const;

  std::string FieldName(const char* key) const;

 private:
  const nlohmann::json* Find(const char* key, Need need, Status* missing);

  const nlohmann::json& object_;
  std::string prefix_;
  std::set<std::string> seen_;
};

std::string JsonTypeName(const nlohmann::json& j);

// A date as "YYYY-MM-DD", or null.
nlohmann::json OptDate(const std::optional<LocalDate>& date);

}  // namespace pineal::codec
