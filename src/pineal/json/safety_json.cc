#include "pineal/json/safety_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include "pineal/json/json_reader.h"
#include "pineal/records/enums.h"

namespace pineal::codec {
namespace {

std::string Index(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

Status NotAnObject(const std::string& field, const nlohmann::json& j) {
  return Status::InvalidArgument("must be an object, not " + JsonTypeName(j), field);
}

Status NotAList(const std::string& field, const nlohmann::json& j) {
  return Status::InvalidArgument("must be a list, not " + JsonTypeName(j), field);
}

// A required text field that must not be empty.
Status GetName(JsonReader& r, const char* key, std::string* out) {
  PINEAL_RETURN_IF_ERROR(r.Get(key, out, Need::kRequired));
  if (out->empty()) return Status::InvalidArgument("is required", r.FieldName(key));
  return Status::Ok();
}

Result<safety::EntryKind> EntryKindFromText(const std::string& kind, const std::string& field) {
  if (kind == "medicine") return safety::EntryKind::kMedicine;
  if (kind == "supplement") return safety::EntryKind::kSupplement;
  if (kind == "exposure") return safety::EntryKind::kExposure;
  if (kind == "therapy") return safety::EntryKind::kTherapy;
  return Status::InvalidArgument(
      "must be medicine, supplement, exposure or therapy, not '" + kind + "'", field);
}

Result<safety::Sex> SexFromText(const std::string& sex) {
  if (auto s = records::FromString<records::Sex>(sex)) return *s;
  return Status::InvalidArgument("must be one of " +
                                     std::string(records::AllowedNames<records::Sex>()) +
                                     ", not '" + sex + "'",
                                 "sex");
}

// "Luvox 50 mg" or {"name", "dose", "frequency", "kind"}.
Result<safety::MedicationEntry> MedicationFromJson(const nlohmann::json& j,
                                                   const std::string& path) {
  safety::MedicationEntry m;
  if (j.is_string()) {
    m.name = j.get<std::string>();
    if (m.name.empty()) return Status::InvalidArgument("must not be empty", path);
    return m;
  }
  if (!j.is_object()) {
    return Status::InvalidArgument("must be a name or an object, not " + JsonTypeName(j), path);
  }
  JsonReader r(j, path);
  PINEAL_RETURN_IF_ERROR(GetName(r, "name", &m.name));
  PINEAL_RETURN_IF_ERROR(r.Get("dose", &m.dose_text));
  PINEAL_RETURN_IF_ERROR(r.Get("frequency", &m.frequency));
  std::string kind;
  PINEAL_RETURN_IF_ERROR(r.Get("kind", &kind));
  if (!kind.empty()) {
    PINEAL_ASSIGN_OR_RETURN(m.kind, EntryKindFromText(kind, r.FieldName("kind")));
  }
  PINEAL_RETURN_IF_ERROR(r.RejectUnknown());
  return m;
}

// {"substance", "amount", "taken_at"}.
Result<safety::DoseEventEntry> RecentDoseFromJson(const nlohmann::json& j,
                                                  const std::string& path) {
  if (!j.is_object()) return NotAnObject(path, j);
  JsonReader r(j, path);
  safety::DoseEventEntry e;
  PINEAL_RETURN_IF_ERROR(GetName(r, "substance", &e.substance));
  std::optional<Mass> amount;
  PINEAL_RETURN_IF_ERROR(r.Get("amount", &amount));
  if (amount) e.amount = *amount;
  PINEAL_RETURN_IF_ERROR(r.Get("taken_at", &e.taken_at, Need::kRequired));
  PINEAL_RETURN_IF_ERROR(r.RejectUnknown());
  return e;
}

// Reads an optional list, decoding each item with `item`.
template <typename T, typename F>
Status GetList(JsonReader& r, const char* key, std::vector<T>* out, F item) {
  const nlohmann::json* list = r.Raw(key);
  if (list == nullptr || list->is_null()) return Status::Ok();
  const std::string field = r.FieldName(key);
  if (!list->is_array()) return NotAList(field, *list);
  for (std::size_t i = 0; i < list->size(); ++i) {
    PINEAL_ASSIGN_OR_RETURN(T value, item((*list)[i], Index(field, i)));
    out->push_back(std::move(value));
  }
  return Status::Ok();
}

}  // namespace

Result<safety::ProposedRegimen> RegimenFromJson(const nlohmann::json& j, const std::string& path) {
  if (!j.is_object()) return NotAnObject(path.empty() ? "regimen" : path, j);
  JsonReader r(j, path);
  safety::ProposedRegimen out;
  PINEAL_RETURN_IF_ERROR(GetName(r, "substance", &out.substance));
  PINEAL_RETURN_IF_ERROR(r.Get("dose", &out.dose, Need::kRequired));
  PINEAL_RETURN_IF_ERROR(r.Get("formulation", &out.formulation));
  std::optional<double> per_day;
  PINEAL_RETURN_IF_ERROR(r.Get("doses_per_day", &per_day));
  if (per_day && (*per_day <= 0 || *per_day > 24)) {
    return Status::InvalidArgument("must be above 0 and at most 24", r.FieldName("doses_per_day"));
  }
  out.doses_per_day = per_day.value_or(1.0);
  PINEAL_RETURN_IF_ERROR(r.Get("indication", &out.indication));
  PINEAL_RETURN_IF_ERROR(r.Get("content_mg_per_g", &out.content_mg_per_g));
  if (out.content_mg_per_g && *out.content_mg_per_g <= 0) {
    return Status::InvalidArgument("must be above 0 (mg mitragynine per g of product)",
                                   r.FieldName("content_mg_per_g"));
  }
  std::optional<double> days;
  PINEAL_RETURN_IF_ERROR(r.Get("duration_days", &days));
  if (days) {
    // Checked before the cast: converting an out-of-range double is undefined.
    if (*days < 1 || *days > 3650 || *days != std::floor(*days)) {
      return Status::InvalidArgument("must be a whole number of days from 1 to 3650",
                                     r.FieldName("duration_days"));
    }
    out.duration_days = static_cast<int>(*days);
  }
  PINEAL_RETURN_IF_ERROR(r.Get("label", &out.label));
  PINEAL_RETURN_IF_ERROR(r.RejectUnknown());
  return out;
}

Result<std::vector<safety::ProposedRegimen>> RegimensFromJson(const nlohmann::json& j,
                                                              const std::string& path) {
  std::vector<safety::ProposedRegimen> out;
  if (j.is_object()) {
    PINEAL_ASSIGN_OR_RETURN(auto r, RegimenFromJson(j, path));
    out.push_back(std::move(r));
    return out;
  }
  if (!j.is_array()) {
    return Status::InvalidArgument("must be an object or a list of objects, not " + JsonTypeName(j),
                                   path);
  }
  for (std::size_t i = 0; i < j.size(); ++i) {
    PINEAL_ASSIGN_OR_RETURN(auto r, RegimenFromJson(j[i], Index(path, i)));
    out.push_back(std::move(r));
  }
  return out;
}

Result<safety::PatientSnapshot> PatientFromJson(const nlohmann::json& j) {
  if (!j.is_object()) return NotAnObject("patient", j);
  JsonReader r(j);
  safety::PatientSnapshot p;
  PINEAL_RETURN_IF_ERROR(r.Get("age_years", &p.age_years));
  if (p.age_years && (*p.age_years < 0 || *p.age_years > 130)) {
    return Status::InvalidArgument("must be between 0 and 130", "age_years");
  }
  PINEAL_RETURN_IF_ERROR(r.Get("weight_kg", &p.weight_kg));
  if (p.weight_kg && (*p.weight_kg <= 0 || *p.weight_kg > 500)) {
    return Status::InvalidArgument("must be above 0 and at most 500", "weight_kg");
  }
  std::string sex;
  PINEAL_RETURN_IF_ERROR(r.Get("sex", &sex));
  if (!sex.empty()) {
    PINEAL_ASSIGN_OR_RETURN(p.sex, SexFromText(sex));
  }
  // true, false or "unknown"; not given is not recorded (unknown).
  if (const nlohmann::json* pregnant = r.Raw("pregnant");
      pregnant == nullptr || pregnant->is_null() || *pregnant == "unknown") {
    p.pregnancy_unknown = true;
  } else if (pregnant->is_boolean()) {
    p.pregnant = pregnant->get<bool>();
  } else {
    return Status::InvalidArgument("must be true, false or \"unknown\"", "pregnant");
  }
  PINEAL_RETURN_IF_ERROR(r.Get("breastfeeding", &p.breastfeeding));
  PINEAL_RETURN_IF_ERROR(r.Get("smoker", &p.smoker));
  PINEAL_RETURN_IF_ERROR(r.Get("conditions", &p.conditions));
  PINEAL_RETURN_IF_ERROR(GetList(r, "medications", &p.medications, MedicationFromJson));
  PINEAL_RETURN_IF_ERROR(GetList(r, "recent_doses", &p.recent_doses, RecentDoseFromJson));
  PINEAL_RETURN_IF_ERROR(r.RejectUnknown());
  return p;
}

Result<std::vector<safety::Override>> OverridesFromJson(const nlohmann::json& j) {
  std::vector<safety::Override> out;
  if (!j.is_array()) return NotAList("overrides", j);
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string path = Index("overrides", i);
    if (!j[i].is_object()) return NotAnObject(path, j[i]);
    JsonReader r(j[i], path);
    safety::Override o;
    PINEAL_RETURN_IF_ERROR(r.Get("finding_key", &o.finding_key));
    PINEAL_RETURN_IF_ERROR(r.Get("reason", &o.reason));
    PINEAL_RETURN_IF_ERROR(r.RejectUnknown());
    out.push_back(std::move(o));
  }
  return out;
}

nlohmann::json ReferenceToJson(const kb::Reference& r) {
  nlohmann::json j = {{"id", r.id}, {"authors", r.authors}, {"title", r.title}};
  j["year"] = r.year == 0 ? nlohmann::json() : nlohmann::json(r.year);
  for (auto [key, value] : {std::pair{"journal", &r.journal},
                            {"document", &r.document},
                            {"pmid", &r.pmid},
                            {"doi", &r.doi},
                            {"pmc", &r.pmc},
                            {"confidence", &r.confidence},
                            {"note", &r.note}}) {
    if (!value->empty()) j[key] = *value;
  }
  return j;
}

nlohmann::json FindingToJson(const safety::Finding& f) {
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
nlohmann::json ScreeningToJson(const std::vector<safety::Finding>& findings,
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
  return {{"top_severity",
           top ? nlohmann::json(std::string(kb::SeverityName(*top))) : nlohmann::json()},
          {"blocking", blocking},
          {"findings", std::move(list)},
          {"references", std::move(refs)}};
}

nlohmann::json OverrideEvaluationToJson(const safety::OverrideEvaluation& e) {
  nlohmann::json unresolved = nlohmann::json::array();
  for (const auto& f : e.unresolved) unresolved.push_back(FindingToJson(f));
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& s : e.problems)
    problems.push_back({{"field", s.field()}, {"message", s.message()}});
  nlohmann::json overridden = nlohmann::json::array();
  for (const auto& a : e.applied) overridden.push_back(a.finding_key);
  return {{"ok", e.ok()},
          {"unresolved", std::move(unresolved)},
          {"overridden", std::move(overridden)},
          {"problems", std::move(problems)}};
}

// Everything the knowledge base says about one substance (for `pineal kb show`
// and GET /api/v1/kb/substances/{name}).
nlohmann::json SubstanceToJson(const kb::Catalog& catalog, kb::SubstanceIndex s) {
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
        list.push_back(
            {{"from", b.from_text},
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
    bands.push_back(
        {{"id", table.id},
         {"formulations", table.formulations},
         {"indications", inds},
         {"populations", pops},
         {"age_min_years",
          table.age_min_years ? nlohmann::json(*table.age_min_years) : nlohmann::json()},
         {"age_below_years",
          table.age_below_years ? nlohmann::json(*table.age_below_years) : nlohmann::json()},
         {"basis", table.basis == kb::DoseBasis::kProduct ? "product" : "mitragynine"},
         {"per_dose", scale_json(table.per_dose)},
         {"per_day", scale_json(table.per_day)},
         {"refs", table.refs}});
    add_refs(table.refs);
  }
  nlohmann::json contra = nlohmann::json::array();
  for (std::uint32_t c : catalog.ContraindicationsFor(s)) {
    const auto& ci = catalog.contraindications()[c];
    contra.push_back({{"id", ci.id},
                      {"condition", ci.condition},
                      {"severity", std::string(kb::SeverityName(ci.severity))},
                      {"evidence", std::string(kb::EvidenceLevelName(ci.evidence))},
                      {"title", ci.title},
                      {"message", ci.message},
                      {"action", ci.action},
                      {"refs", ci.refs}});
    add_refs(ci.refs);
  }
  nlohmann::json interactions = nlohmann::json::array();
  for (const kb::Interaction* ix : catalog.InteractionsInvolving(s)) {
    interactions.push_back({{"id", ix->id},
                            {"a", ix->a},
                            {"b", ix->b},
                            {"severity", std::string(kb::SeverityName(ix->severity))},
                            {"likelihood", std::string(kb::LikelihoodName(ix->likelihood))},
                            {"evidence", std::string(kb::EvidenceLevelName(ix->evidence))},
                            {"title", ix->title},
                            {"mechanism", ix->mechanism},
                            {"consequence", ix->consequence},
                            {"action", ix->action},
                            {"refs", ix->refs}});
    add_refs(ix->refs);
  }
  nlohmann::json combos = nlohmann::json::array();
  for (const kb::CombinationRule* c : catalog.CombinationsInvolving(s)) {
    combos.push_back({{"id", c->id},
                      {"title", c->title},
                      {"severity", std::string(kb::SeverityName(c->severity))},
                      {"consequence", c->consequence},
                      {"action", c->action},
                      {"refs", c->refs}});
    add_refs(c->refs);
  }
  nlohmann::json references = nlohmann::json::array();
  for (const auto& id : refs) {
    if (const kb::Reference* r = catalog.FindReference(id))
      references.push_back(ReferenceToJson(*r));
  }
  nlohmann::json j = {{"id", sub.id},
                      {"name", sub.name},
                      {"kind", sub.kind},
                      {"synonyms", sub.synonyms},
                      {"brands", sub.brands},
                      {"codes", codes},
                      {"classes", classes},
                      {"formulations", formulations},
                      {"dose_bands", bands},
                      {"contraindications", contra},
                      {"interactions", interactions},
                      {"combinations", combos},
                      {"references", references}};
  if (!sub.note.empty()) j["note"] = sub.note;
  if (sub.potency) {
    nlohmann::json pot = {{"content_of", sub.potency->content_of}};
    if (sub.potency->default_content_mg_per_g)
      pot["default_content_mg_per_g"] = *sub.potency->default_content_mg_per_g;
    if (sub.potency->content_low_mg_per_g)
      pot["content_low_mg_per_g"] = *sub.potency->content_low_mg_per_g;
    if (sub.potency->content_high_mg_per_g)
      pot["content_high_mg_per_g"] = *sub.potency->content_high_mg_per_g;
    if (sub.potency->unknown) {
      pot["unknown_rule"] = sub.potency->unknown->rule_id;
      pot["unknown_when"] = sub.potency->unknown->always ? "always" : "content_missing";
    }
    j["potency"] = std::move(pot);
  }
  return j;
}

}  // namespace pineal::codec
