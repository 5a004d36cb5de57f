// JSON <-> safety types, shared by the API and the check/kb commands.
//
// Patient snapshot (all fields optional except where noted):
//   {"age_years": 45, "weight_kg": 70, "sex": "female|male|other|unknown",
//    "pregnant": false, "breastfeeding": false, "smoker": false,
//    "conditions": ["epilepsy", "liver disease"],
//    "medications": ["Luvox 50 mg",
//                    {"name": "kratom powder", "dose": "3 g", "frequency": "daily",
//                     "kind": "medicine|supplement|exposure|therapy"}],
//    "recent_doses": [{"substance": "melatonin", "amount": "3 mg",
//                      "taken_at": "2026-03-01T22:00:00Z"}],
//    "regimens": [<regimen>, ...],            (optional, same as --regimen)
//    "now": "2026-03-02T08:00:00Z"}           (optional screening time)
// Regimen (one object, or a list; "substance" and "dose" required):
//   {"substance": "melatonin", "formulation": "ir", "dose": "3 mg",
//    "doses_per_day": 1, "indication": "insomnia", "content_mg_per_g": 15,
//    "duration_days": 5, "label": "regimen 12"}
// Overrides: [{"finding_key": "<key or rule id>", "reason": "at least 10 characters"}]
// Errors are InvalidArgument with field() set to the JSON path ("medications[2].dose").
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pineal/core/quantity.h"
#include "pineal/core/result.h"
#include "pineal/core/time.h"
#include "pineal/kb/catalog.h"
#include "pineal/safety/finding.h"
#include "pineal/safety/overrides.h"
#include "pineal/safety/patient_snapshot.h"

namespace pineal::http {

namespace safety_json_detail {

inline Status Bad(const std::string& field, const std::string& what) {
  return Status::InvalidArgument(field + ": " + what, field);
}

inline Result<std::optional<std::string>> OptText(const nlohmann::json& j, const std::string& key,
                                                  const std::string& path) {
  if (!j.contains(key) || j.at(key).is_null()) return std::optional<std::string>();
  if (!j.at(key).is_string()) return Bad(path + key, "must be text");
  return std::optional<std::string>(j.at(key).get<std::string>());
}

inline Result<std::optional<double>> OptNumber(const nlohmann::json& j, const std::string& key,
                                               const std::string& path) {
  if (!j.contains(key) || j.at(key).is_null()) return std::optional<double>();
  if (!j.at(key).is_number()) return Bad(path + key, "must be a number");
  return std::optional<double>(j.at(key).get<double>());
}

inline Result<bool> OptBool(const nlohmann::json& j, const std::string& key,
                            const std::string& path) {
  if (!j.contains(key) || j.at(key).is_null()) return false;
  if (!j.at(key).is_boolean()) return Bad(path + key, "must be true or false");
  return j.at(key).get<bool>();
}

inline Result<Mass> MassField(const nlohmann::json& j, const std::string& key,
                              const std::string& path) {
  PINEAL_ASSIGN_OR_RETURN(auto text, OptText(j, key, path));
  if (!text) return Bad(path + key, "is required, e.g. \"3 mg\"");
  auto m = Mass::Parse(*text);
  if (!m.ok()) return Bad(path + key, m.status().message());
  return *m;
}

}  // namespace safety_json_detail

inline Result<safety::ProposedRegimen> RegimenFromJson(const nlohmann::json& j,
                                                       const std::string& path = "") {
  using namespace safety_json_detail;
  if (!j.is_object()) return Bad(path.empty() ? "regimen" : path, "must be an object");
  const std::string p = path.empty() ? "" : path + ".";
  safety::ProposedRegimen r;
  PINEAL_ASSIGN_OR_RETURN(auto substance, OptText(j, "substance", p));
  if (!substance || substance->empty()) return Bad(p + "substance", "is required");
  r.substance = *substance;
  PINEAL_ASSIGN_OR_RETURN(r.dose, MassField(j, "dose", p));
  PINEAL_ASSIGN_OR_RETURN(auto formulation, OptText(j, "formulation", p));
  r.formulation = formulation.value_or("");
  PINEAL_ASSIGN_OR_RETURN(auto per_day, OptNumber(j, "doses_per_day", p));
  r.doses_per_day = per_day.value_or(1.0);
  PINEAL_ASSIGN_OR_RETURN(auto indication, OptText(j, "indication", p));
  r.indication = indication.value_or("");
  PINEAL_ASSIGN_OR_RETURN(r.content_mg_per_g, OptNumber(j, "content_mg_per_g", p));
  if (r.content_mg_per_g && *r.content_mg_per_g <= 0) {
    return Bad(p + "content_mg_per_g", "must be above 0 (mg mitragynine per g of product)");
  }
  PINEAL_ASSIGN_OR_RETURN(auto days, OptNumber(j, "duration_days", p));
  if (days) {
    // Checked before the cast: converting an out-of-range double is undefined.
    if (*days < 1 || *days > 3650 || *days != std::floor(*days)) {
      return Bad(p + "duration_days", "must be a whole number of days from 1 to 3650");
    }
    r.duration_days = static_cast<int>(*days);
  }
  PINEAL_ASSIGN_OR_RETURN(auto label, OptText(j, "label", p));
  r.label = label.value_or("");
  return r;
}

// One regimen object or a list of them.
inline Result<std::vector<safety::ProposedRegimen>> RegimensFromJson(const nlohmann::json& j,
                                                                     const std::string& path = "regimens") {
  std::vector<safety::ProposedRegimen> out;
  if (j.is_object()) {
    PINEAL_ASSIGN_OR_RETURN(auto r, RegimenFromJson(j, path));
    out.push_back(std::move(r));
    return out;
  }
  if (!j.is_array()) return safety_json_detail::Bad(path, "must be an object or a list of objects");
  for (std::size_t i = 0; i < j.size(); ++i) {
    PINEAL_ASSIGN_OR_RETURN(auto r, RegimenFromJson(j[i], path + "[" + std::to_string(i) + "]"));
    out.push_back(std::move(r));
  }
  return out;
}

inline Result<safety::PatientSnapshot> PatientFromJson(const nlohmann::json& j) {
  using namespace safety_json_detail;
  if (!j.is_object()) return Bad("patient", "must be a JSON object");
  safety::PatientSnapshot p;
  PINEAL_ASSIGN_OR_RETURN(p.age_years, OptNumber(j, "age_years", ""));
  if (p.age_years && (*p.age_years < 0 || *p.age_years > 130)) {
    return Bad("age_years", "must be between 0 and 130");
  }
  PINEAL_ASSIGN_OR_RETURN(p.weight_kg, OptNumber(j, "weight_kg", ""));
  if (p.weight_kg && (*p.weight_kg <= 0 || *p.weight_kg > 500)) {
    return Bad("weight_kg", "must be above 0 and at most 500");
  }
  PINEAL_ASSIGN_OR_RETURN(auto sex, OptText(j, "sex", ""));
  if (sex) {
    if (*sex == "female") p.sex = safety::Sex::kFemale;
    else if (*sex == "male") p.sex = safety::Sex::kMale;
    else if (*sex == "other") p.sex = safety::Sex::kOther;
    else if (*sex == "unknown") p.sex = safety::Sex::kUnknown;
    else return Bad("sex", "must be female, male, other or unknown");
  }
  PINEAL_ASSIGN_OR_RETURN(p.pregnant, OptBool(j, "pregnant", ""));
  PINEAL_ASSIGN_OR_RETURN(p.breastfeeding, OptBool(j, "breastfeeding", ""));
  PINEAL_ASSIGN_OR_RETURN(p.smoker, OptBool(j, "smoker", ""));
  if (j.contains("conditions")) {
    const auto& c = j.at("conditions");
    if (!c.is_array()) return Bad("conditions", "must be a list of text");
    for (std::size_t i = 0; i < c.size(); ++i) {
      if (!c[i].is_string()) return Bad("conditions[" + std::to_string(i) + "]", "must be text");
      p.conditions.push_back(c[i].get<std::string>());
    }
  }
  if (j.contains("medications")) {
    const auto& meds = j.at("medications");
    if (!meds.is_array()) return Bad("medications", "must be a list");
    for (std::size_t i = 0; i < meds.size(); ++i) {
      const std::string path = "medications[" + std::to_string(i) + "].";
      safety::MedicationEntry m;
      if (meds[i].is_string()) {
        m.name = meds[i].get<std::string>();
      } else if (meds[i].is_object()) {
        PINEAL_ASSIGN_OR_RETURN(auto name, OptText(meds[i], "name", path));
        if (!name || name->empty()) return Bad(path + "name", "is required");
        m.name = *name;
        PINEAL_ASSIGN_OR_RETURN(auto dose, OptText(meds[i], "dose", path));
        m.dose_text = dose.value_or("");
        PINEAL_ASSIGN_OR_RETURN(auto freq, OptText(meds[i], "frequency", path));
        m.frequency = freq.value_or("");
        PINEAL_ASSIGN_OR_RETURN(auto kind, OptText(meds[i], "kind", path));
        if (kind) {
          if (*kind == "medicine") m.kind = safety::EntryKind::kMedicine;
          else if (*kind == "supplement") m.kind = safety::EntryKind::kSupplement;
          else if (*kind == "exposure") m.kind = safety::EntryKind::kExposure;
          else if (*kind == "therapy") m.kind = safety::EntryKind::kTherapy;
          else return Bad(path + "kind", "must be medicine, supplement, exposure or therapy");
        }
      } else {
        return Bad("medications[" + std::to_string(i) + "]", "must be a name or an object");
      }
      p.medications.push_back(std::move(m));
    }
  }
  if (j.contains("recent_doses")) {
    const auto& doses = j.at("recent_doses");
    if (!doses.is_array()) return Bad("recent_doses", "must be a list");
    for (std::size_t i = 0; i < doses.size(); ++i) {
      const std::string path = "recent_doses[" + std::to_string(i) + "].";
      if (!doses[i].is_object()) return Bad(path + "", "must be an object");
      safety::DoseEventEntry e;
      PINEAL_ASSIGN_OR_RETURN(auto substance, OptText(doses[i], "substance", path));
      if (!substance || substance->empty()) return Bad(path + "substance", "is required");
      e.substance = *substance;
      if (doses[i].contains("amount")) {
        PINEAL_ASSIGN_OR_RETURN(Mass amount, MassField(doses[i], "amount", path));
        e.amount = amount;
      }
      PINEAL_ASSIGN_OR_RETURN(auto at, OptText(doses[i], "taken_at", path));
      if (!at) return Bad(path + "taken_at", "is required (ISO time with offset)");
      auto t = ParseInstant(*at);
      if (!t.ok()) return Bad(path + "taken_at", t.status().message());
      e.taken_at = *t;
      p.recent_doses.push_back(std::move(e));
    }
  }
  return p;
}

inline Result<std::vector<safety::Override>> OverridesFromJson(const nlohmann::json& j) {
  using namespace safety_json_detail;
  std::vector<safety::Override> out;
  if (!j.is_array()) return Bad("overrides", "must be a list");
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string path = "overrides[" + std::to_string(i) + "].";
    if (!j[i].is_object()) return Bad("overrides[" + std::to_string(i) + "]", "must be an object");
    PINEAL_ASSIGN_OR_RETURN(auto key, OptText(j[i], "finding_key", path));
    PINEAL_ASSIGN_OR_RETURN(auto reason, OptText(j[i], "reason", path));
    out.push_back({key.value_or(""), reason.value_or("")});
  }
  return out;
}

inline nlohmann::json ReferenceToJson(const kb::Reference& r) {
  nlohmann::json j = {{"id", r.id}, {"authors", r.authors}, {"title", r.title}};
  j["year"] = r.year == 0 ? nlohmann::json() : nlohmann::json(r.year);
  for (auto [key, value] : {std::pair{"journal", &r.journal}, {"document", &r.document},
                            {"pmid", &r.pmid}, {"doi", &r.doi}, {"pmc", &r.pmc},
                            {"confidence", &r.confidence}, {"note", &r.note}}) {
    if (!value->empty()) j[key] = *value;
  }
  return j;
}

inline nlohmann::json FindingToJson(const safety::Finding& f) {
  nlohmann::json j = {
      {"rule_id", f.rule_id},
      {"key", f.key},
      {"kind", std::string(safety::FindingKindName(f.kind))},
      {"severity", std::string(kb::SeverityName(f.severity))},
      {"blocking", f.blocking()},
      {"involves_proposed", f.involves_proposed},
      {"title", f.title},
      {"message", f.message},
      {"mechanism", f.mechanism},
      {"action", f.action},
      {"refs", f.refs},
      {"substances", f.substances},
  };
  j["likelihood"] = f.likelihood ? nlohmann::json(std::string(kb::LikelihoodName(*f.likelihood)))
                                 : nlohmann::json();
  j["evidence"] = f.evidence ? nlohmann::json(std::string(kb::EvidenceLevelName(*f.evidence)))
                             : nlohmann::json();
  return j;
}

// {"top_severity", "blocking", "findings": [...], "references": {id: {...}}}
inline nlohmann::json ScreeningToJson(const std::vector<safety::Finding>& findings,
                                      const kb::Catalog& catalog) {
  nlohmann::json list = nlohmann::json::array();
  nlohmann::json refs = nlohmann::json::object();
  bool blocking = false;
  for (const auto& f : findings) {
    list.push_back(FindingToJson(f));
    blocking = blocking || f.blocking();
    for (const auto& id : f.refs) {
      if (const kb::Reference* r = catalog.FindReference(id)) refs[id] = ReferenceToJson(*r);
    }
  }
  const auto top = safety::TopSeverity(findings);
  return {{"top_severity", top ? nlohmann::json(std::string(kb::SeverityName(*top))) : nlohmann::json()},
          {"blocking", blocking},
          {"findings", std::move(list)},
          {"references", std::move(refs)}};
}

inline nlohmann::json OverrideEvaluationToJson(const safety::OverrideEvaluation& e) {
  nlohmann::json unresolved = nlohmann::json::array();
  for (const auto& f : e.unresolved) unresolved.push_back(FindingToJson(f));
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& s : e.problems) problems.push_back({{"field", s.field()}, {"message", s.message()}});
  return {{"ok", e.ok()}, {"unresolved", std::move(unresolved)},
          {"overridden", e.overridden}, {"problems", std::move(problems)}};
}

}  // namespace pineal::http

namespace pineal::http {

// Everything the knowledge base says about one substance (for `pineal kb show`
// and GET /api/v1/kb/substances/{name}).
inline nlohmann::json SubstanceToJson(const kb::Catalog& catalog, kb::SubstanceIndex s) {
  const kb::Substance& sub = catalog.substance(s);
  nlohmann::json codes = nlohmann::json::array();
  for (const auto& c : sub.codes) codes.push_back({{"system", c.system}, {"code", c.code}});
  nlohmann::json classes = nlohmann::json::array();
  for (kb::ClassIndex c : catalog.ClassesOf(s)) classes.push_back(catalog.substance_class(c).id);
  nlohmann::json formulations = nlohmann::json::array();
  for (const auto& f : sub.formulations) formulations.push_back({{"id", f.id}, {"names", f.names}});
  std::vector<std::string> refs = sub.refs;
  auto add_refs = [&](const std::vector<std::string>& more) {
    for (const auto& r : more) {
      if (std::find(refs.begin(), refs.end(), r) == refs.end()) refs.push_back(r);
    }
  };
  nlohmann::json bands = nlohmann::json::array();
  for (std::uint32_t t : catalog.BandTablesFor(s)) {
    const kb::BandTable& table = catalog.band_tables()[t];
    auto scale_json = [](const std::optional<kb::BandScale>& scale) {
      if (!scale) return nlohmann::json();
      nlohmann::json list = nlohmann::json::array();
      for (const auto& b : scale->bands) {
        list.push_back({{"from", b.from_text},
                        {"to", b.to ? nlohmann::json(b.to_text) : nlohmann::json()},
                        {"level", std::string(kb::BandLevelName(b.level))},
                        {"severity", b.severity ? nlohmann::json(std::string(kb::SeverityName(*b.severity)))
                                                : nlohmann::json()},
                        {"note", b.note},
                        {"refs", b.refs}});
      }
      return nlohmann::json{{"unit", scale->unit == kb::BandUnit::kMass ? "mass" : "mass_per_kg"},
                            {"bands", std::move(list)}};
    };
    nlohmann::json pops = nlohmann::json::array();
    for (auto p : table.populations) pops.push_back(std::string(kb::PopulationName(p)));
    nlohmann::json inds = nlohmann::json::array();
    for (auto i : table.indications) inds.push_back(std::string(kb::IndicationName(i)));
    bands.push_back({{"id", table.id},
                     {"formulations", table.formulations},
                     {"indications", inds},
                     {"populations", pops},
                     {"age_min_years", table.age_min_years ? nlohmann::json(*table.age_min_years) : nlohmann::json()},
                     {"age_below_years", table.age_below_years ? nlohmann::json(*table.age_below_years) : nlohmann::json()},
                     {"basis", table.basis == kb::DoseBasis::kProduct ? "product" : "mitragynine"},
                     {"per_dose", scale_json(table.per_dose)},
                     {"per_day", scale_json(table.per_day)},
                     {"refs", table.refs}});
    add_refs(table.refs);
  }
  nlohmann::json contra = nlohmann::json::array();
  for (std::uint32_t c : catalog.ContraindicationsFor(s)) {
    const auto& ci = catalog.contraindications()[c];
    contra.push_back({{"id", ci.id}, {"condition", ci.condition},
                      {"severity", std::string(kb::SeverityName(ci.severity))},
                      {"evidence", std::string(kb::EvidenceLevelName(ci.evidence))},
                      {"title", ci.title}, {"message", ci.message}, {"action", ci.action},
                      {"refs", ci.refs}});
    add_refs(ci.refs);
  }
  nlohmann::json interactions = nlohmann::json::array();
  for (const kb::Interaction* ix : catalog.InteractionsInvolving(s)) {
    interactions.push_back({{"id", ix->id}, {"a", ix->a}, {"b", ix->b},
                            {"severity", std::string(kb::SeverityName(ix->severity))},
                            {"likelihood", std::string(kb::LikelihoodName(ix->likelihood))},
                            {"evidence", std::string(kb::EvidenceLevelName(ix->evidence))},
                            {"title", ix->title}, {"mechanism", ix->mechanism},
                            {"consequence", ix->consequence}, {"action", ix->action},
                            {"refs", ix->refs}});
    add_refs(ix->refs);
  }
  nlohmann::json combos = nlohmann::json::array();
  for (const kb::CombinationRule* c : catalog.CombinationsInvolving(s)) {
    combos.push_back({{"id", c->id}, {"title", c->title},
                      {"severity", std::string(kb::SeverityName(c->severity))},
                      {"consequence", c->consequence}, {"action", c->action}, {"refs", c->refs}});
    add_refs(c->refs);
  }
  nlohmann::json references = nlohmann::json::array();
  for (const auto& id : refs) {
    if (const kb::Reference* r = catalog.FindReference(id)) references.push_back(ReferenceToJson(*r));
  }
  nlohmann::json j = {{"id", sub.id}, {"name", sub.name}, {"kind", sub.kind},
                      {"synonyms", sub.synonyms}, {"brands", sub.brands}, {"codes", codes},
                      {"classes", classes}, {"formulations", formulations},
                      {"dose_bands", bands}, {"contraindications", contra},
                      {"interactions", interactions}, {"combinations", combos},
                      {"references", references}};
  if (!sub.note.empty()) j["note"] = sub.note;
  if (sub.potency) {
    nlohmann::json pot = {{"content_of", sub.potency->content_of}};
    if (sub.potency->default_content_mg_per_g) pot["default_content_mg_per_g"] = *sub.potency->default_content_mg_per_g;
    if (sub.potency->content_low_mg_per_g) pot["content_low_mg_per_g"] = *sub.potency->content_low_mg_per_g;
    if (sub.potency->content_high_mg_per_g) pot["content_high_mg_per_g"] = *sub.potency->content_high_mg_per_g;
    if (sub.potency->unknown) {
      pot["unknown_rule"] = sub.potency->unknown->rule_id;
      pot["unknown_when"] = sub.potency->unknown->always ? "always" : "content_missing";
    }
    j["potency"] = std::move(pot);
  }
  return j;
}

}  // namespace pineal::http
