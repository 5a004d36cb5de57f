// Property: in a screening input (the patient snapshot and the proposed
// regimens of `pineal check` and POST /screen), any key that is not one of
// the allowed names, at any level, is an error naming that key's path, never
// a screening result.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "pineal/json/safety_json.h"

namespace pineal::codec {
namespace {

using nlohmann::json;

json FullSnapshot() {
  return json::parse(R"({"age_years": 45, "weight_kg": 70, "sex": "female", "pregnant": false,
    "breastfeeding": false, "smoker": true, "conditions": ["epilepsy"],
    "medications": [{"name": "kratom powder", "dose": "3 g", "frequency": "daily",
                     "kind": "supplement"}],
    "recent_doses": [{"substance": "melatonin", "amount": "3 mg",
                      "taken_at": "2026-03-01T22:00:00Z"}]})");
}

json FullRegimens() {
  return json::parse(R"([{"substance": "melatonin", "dose": "3 mg", "formulation": "pr",
    "doses_per_day": 2, "duration_days": 14, "label": "night", "indication": "insomnia"}])");
}

// A key near `key`: one letter dropped, doubled, changed, or a suffix added.
rc::Gen<std::string> NearKey(const std::string& key) {
  return rc::gen::mapcat(rc::gen::inRange<std::size_t>(0, key.size()), [key](std::size_t at) {
    return rc::gen::mapcat(rc::gen::inRange('a', static_cast<char>('z' + 1)), [key, at](char c) {
      return rc::gen::element(key.substr(0, at) + key.substr(at + 1),        // dropped
                              key.substr(0, at) + key[at] + key.substr(at),  // doubled
                              key.substr(0, at) + c + key.substr(at + 1),    // changed
                              key + "_" + std::string(1, c), std::string("x") + key);
    });
  });
}

// The objects of `j` that the decoder reads keys from, with their paths.
void ObjectsOf(json& j, const std::string& path, std::vector<std::pair<json*, std::string>>& out) {
  if (j.is_object()) {
    out.emplace_back(&j, path);
    for (auto& [k, v] : j.items()) {
      if (v.is_array() || v.is_object()) ObjectsOf(v, path.empty() ? k : path + "." + k, out);
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      ObjectsOf(j[i], path + "[" + std::to_string(i) + "]", out);
    }
  }
}

// Renames one key of one object of `input` to a near miss that no object at
// that level allows, and checks the decoder names it.
template <typename Decode>
void MisspeltKeyIsNamed(json input, const std::string& root, Decode decode) {
  std::vector<std::pair<json*, std::string>> objects;
  ObjectsOf(input, root, objects);
  const auto& [object, path] = *rc::gen::elementOf(objects);
  std::vector<std::string> keys;
  for (const auto& [k, v] : object->items()) keys.push_back(k);
  const std::string key = *rc::gen::elementOf(keys);
  const std::string typo = *NearKey(key);
  std::set<std::string> allowed(keys.begin(), keys.end());
  RC_PRE(!allowed.contains(typo) && !typo.empty());
  json value = (*object)[key];
  object->erase(key);
  (*object)[typo] = value;
  const Status st = decode(input);
  RC_ASSERT(st.code() == StatusCode::kInvalidArgument);
  const std::string field = path.empty() ? typo : path + "." + typo;
  // A required key that went missing may be reported first; either names a key
  // of this object, never a result.
  RC_ASSERT(st.field() == field || st.field() == (path.empty() ? key : path + "." + key));
}

RC_GTEST_PROP(ScreeningInputKeys, AMisspeltSnapshotKeyIsAnErrorNamingIt, ()) {
  MisspeltKeyIsNamed(FullSnapshot(), "", [](const json& j) { return PatientFromJson(j).status(); });
}

RC_GTEST_PROP(ScreeningInputKeys, AMisspeltRegimenKeyIsAnErrorNamingIt, ()) {
  MisspeltKeyIsNamed(FullRegimens(), "regimens",
                     [](const json& j) { return RegimensFromJson(j).status(); });
}

TEST(ScreeningInputKeys, TheFullInputsAreValid) {
  EXPECT_TRUE(PatientFromJson(FullSnapshot()).ok());
  EXPECT_TRUE(RegimensFromJson(FullRegimens()).ok());
}

}  // namespace
}  // namespace pineal::codec
