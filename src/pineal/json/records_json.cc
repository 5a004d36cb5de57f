#include "pineal/json/records_json.h"

#include "pineal/json/json_out.h"
#include "pineal/json/json_reader.h"
#include "pineal/json/safety_json.h"
#include "pineal/records/enums.h"

namespace pineal::codec {
namespace {

using nlohmann::json;

template <Dimension D>
json QuantityJson(const Quantity<D>& q) {
  json j(json::value_t::object);
  auto& o = *j.get_ptr<json::object_t*>();
  o.emplace("value", q.value());
  o.emplace("unit", q.unit());
  return j;
}

template <typename T>
json OptJson(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

void AddProvenance(json& j, const records::Provenance& p) {
  j["created_at"] = FormatInstant(p.created_at);
  j["created_by"] = p.created_by;
}

// Reads an enum field by its text name.
template <typename E>
Status GetEnum(JsonReader& r, const char* key, E* out, Need need = Need::kOptional) {
  std::string name;
  if (!r.Has(key) && need == Need::kOptional) {
    r.Raw(key);
    return Status::Ok();
  }
  PINEAL_RETURN_IF_ERROR(r.Get(key, &name, need));
  auto v = records::FromString<E>(name);
  if (!v) {
    return Status::InvalidArgument(
        "'" + name + "' is not allowed; use one of: " + std::string(records::AllowedNames<E>()),
        r.FieldName(key));
  }
  *out = *v;
  return Status::Ok();
}

// An id field that refers to another record: a positive whole number or null.
template <typename IdT>
Status GetId(JsonReader& r, const char* key, std::optional<IdT>* out) {
  std::optional<std::int64_t> v;
  PINEAL_RETURN_IF_ERROR(r.Get(key, &v));
  if (v && *v <= 0) return Status::InvalidArgument("must be a positive id", r.FieldName(key));
  if (v) {
    *out = IdT(*v);
  } else if (r.Has(key) || r.Raw(key) != nullptr) {
    out->reset();
  }
  return Status::Ok();
}

}  // namespace

json ToJson(const records::Patient& p, Instant now) {
  json j = {{"id", p.id.value()},
            {"display_name", p.display_name},
            {"birth_date", OptDate(p.birth_date)},
            {"age_years", nullptr},
            {"sex", records::ToString(p.sex)},
            {"weight", nullptr},
            {"pregnancy", records::ToString(p.pregnancy)},
            {"breastfeeding", p.breastfeeding},
            {"conditions", p.conditions},
            {"smoker", p.smoker},
            {"time_zone", p.time_zone},
            {"notes", p.notes},
            {"version", p.version},
            {"updated_at", FormatInstant(p.updated_at)}};
  if (p.birth_date) j["age_years"] = AgeInYears(*p.birth_date, DateOf(now));
  if (p.weight) {
    j["weight"] = QuantityJson(p.weight->weight);
    j["weight"]["measured_on"] = FormatDate(p.weight->measured_on);
  }
  AddProvenance(j, p.provenance);
  return j;
}

json ToJson(const records::MedicationEntry& m) {
  json j = {{"id", m.id.value()},
            {"patient_id", m.patient_id.value()},
            {"name", m.name},
            {"category", records::ToString(m.category)},
            {"code_system", m.code_system},
            {"code", m.code},
            {"dose", m.dose ? QuantityJson(*m.dose) : json(nullptr)},
            {"schedule", m.schedule},
            {"start_date", OptDate(m.start_date)},
            {"stop_date", OptDate(m.stop_date)},
            {"source", records::ToString(m.source)},
            {"note", m.note}};
  AddProvenance(j, m.provenance);
  return j;
}

json RecordedScreeningJson(const std::vector<records::RecordedFinding>& recorded,
                           const std::vector<records::RecordedOverride>& given) {
  json findings = json::array();
  for (const auto& f : recorded) {
    findings.push_back({{"rule_id", f.rule_id},
                        {"key", f.key},
                        {"kind", f.kind},
                        {"severity", f.severity},
                        {"blocking", f.blocking},
                        {"title", f.title},
                        {"message", f.message},
                        {"mechanism", f.mechanism},
                        {"action", f.action},
                        {"refs", f.refs}});
  }
  json overrides = json::array();
  for (const auto& o : given) {
    overrides.push_back({{"finding_key", o.finding_key},
                         {"rule_id", o.rule_id},
                         {"reason", o.reason},
                         {"decided_by", o.decided_by},
                         {"decided_at", FormatInstant(o.decided_at)}});
  }
  return {{"findings", findings}, {"overrides", overrides}};
}

json ToJson(const kb::NameMatch& m) {
  json matched = nullptr;
  if (m.matched) {
    json codes = json::array();
    for (const kb::Code& c : m.matched->codes) {
      codes.push_back({{"system", c.system},
                       {"code", c.code},
                       {"display", c.display},
                       {"version", c.version},
                       {"confidence", c.confidence},
                       {"note", c.note}});
    }
    matched = {{"id", m.matched->id}, {"name", m.matched->name}, {"codes", codes}};
  }
  json suggestions = json::array();
  for (const kb::Suggestion& s : m.suggestions) {
    suggestions.push_back({{"id", s.id}, {"name", s.name}});
  }
  return {{"text", m.text}, {"matched", matched}, {"suggestions", suggestions}};
}

json ToJson(const records::RegimenVersion& v) {
  json times = json::array();
  for (const auto& t : v.times_of_day) times.push_back(FormatTimeOfDay(t));
  json steps = json::array();
  for (const auto& s : v.titration) {
    steps.push_back({{"after_days", s.after_days}, {"dose", QuantityJson(s.dose)}});
  }
  json j = {{"version", v.version},
            {"status", records::ToString(v.status)},
            {"formulation", v.formulation},
            {"dose", QuantityJson(v.dose)},
            {"times_of_day", times},
            {"frequency", records::ToString(v.frequency)},
            {"indication", v.indication},
            {"start_date", FormatDate(v.start_date)},
            {"end_date", OptDate(v.end_date)},
            {"titration", steps},
            {"content_mg_per_g", OptJson(v.content_mg_per_g)},
            {"reason", v.reason}};
  AddProvenance(j, v.provenance);
  j["screening"] = RecordedScreeningJson(v.findings, v.overrides);
  json cosignatures = json::array();
  for (const auto& c : v.cosignatures) {
    cosignatures.push_back({{"finding_key", c.finding_key},
                            {"reason", c.reason},
                            {"protocol", c.protocol},
                            {"signed_by", c.signed_by},
                            {"signed_at", FormatInstant(c.signed_at)}});
  }
  j["screening"]["cosignatures"] = std::move(cosignatures);
  return j;
}

json ToJson(const records::Regimen& r) {
  json versions = json::array();
  for (const auto& v : r.versions) versions.push_back(ToJson(v));
  return {{"id", r.id.value()},
          {"patient_id", r.patient_id.value()},
          {"substance", r.substance},
          {"status", records::ToString(r.current().status)},
          {"current_version", r.current().version},
          {"current", ToJson(r.current())},
          {"versions", versions}};
}

namespace {

template <typename Out>
void OptInstantField(Out& out, std::string_view key, const std::optional<Instant>& t) {
  out.Key(key);
  if (t) {
    out.String(FormatInstant(*t));
  } else {
    out.Null();
  }
}

template <typename Out>
void OptMassField(Out& out, std::string_view key, const std::optional<Mass>& m) {
  out.Key(key);
  if (!m) return out.Null();
  out.BeginObject();
  StringField(out, "unit", m->unit());
  out.Key("value");
  out.Double(m->value());
  out.EndObject();
}

template <typename Id>
std::optional<std::int64_t> OptId(const std::optional<Id>& id) {
  if (!id) return std::nullopt;
  return id->value();
}

// Keys in sorted order (see json_out.h).
template <typename Out>
void EncodeDoseEvent(Out& out, const records::DoseEvent& e) {
  out.BeginObject();
  OptMassField(out, "amount", e.amount);
  OptIntField(out, "corrects", OptId(e.corrects));
  StringField(out, "created_at", FormatInstant(e.provenance.created_at));
  StringField(out, "created_by", e.provenance.created_by);
  IntField(out, "id", e.id.value());
  StringField(out, "note", e.note);
  IntField(out, "patient_id", e.patient_id.value());
  OptInstantField(out, "planned_at", e.planned_at);
  OptIntField(out, "regimen_id", OptId(e.regimen_id));
  StringField(out, "status", records::ToString(e.status));
  StringField(out, "substance", e.substance);
  OptInstantField(out, "taken_at", e.taken_at);
  out.EndObject();
}

template <typename Out>
void EncodeObservation(Out& out, const records::Observation& o) {
  out.BeginObject();
  StringField(out, "code", o.code);
  out.Key("components");
  out.BeginArray();
  for (const auto& c : o.components) {
    out.BeginObject();
    StringField(out, "code", c.code);
    StringField(out, "text", c.text);
    OptDoubleField(out, "value", c.value);
    out.EndObject();
  }
  out.EndArray();
  OptIntField(out, "corrects", OptId(o.corrects));
  StringField(out, "created_at", FormatInstant(o.provenance.created_at));
  StringField(out, "created_by", o.provenance.created_by);
  IntField(out, "id", o.id.value());
  StringField(out, "interpretation", o.interpretation);
  StringField(out, "kind", records::ToString(o.kind));
  StringField(out, "observed_at", FormatInstant(o.observed_at));
  IntField(out, "patient_id", o.patient_id.value());
  StringField(out, "text", o.text);
  StringField(out, "unit", o.unit);
  OptDoubleField(out, "value", o.value);
  out.EndObject();
}

}  // namespace

json ToJson(const records::DoseEvent& e) {
  JsonTree tree;
  EncodeDoseEvent(tree, e);
  return tree.Take();
}
void WriteJson(JsonText& out, const records::DoseEvent& e) { EncodeDoseEvent(out, e); }

json ToJson(const records::Observation& o) {
  JsonTree tree;
  EncodeObservation(tree, o);
  return tree.Take();
}
void WriteJson(JsonText& out, const records::Observation& o) { EncodeObservation(out, o); }

json ToJson(const app::TimelineEntry& e) {
  json record = std::visit(
      [](const auto& r) -> json {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, app::RegimenChange>) {
          json j = ToJson(r.version);
          j["regimen_id"] = r.regimen_id.value();
          j["substance"] = r.substance;
          return j;
        } else {
          return ToJson(r);
        }
      },
      e.record);
  return {{"at", FormatInstant(e.at)},
          {"kind", app::TimelineKindName(e.kind)},
          {"event", e.event},
          {"record", record}};
}

json ToJson(const store::AuditEvent& e) {
  return {{"id", e.id},
          {"at", FormatInstant(e.at)},
          {"actor", e.actor},
          {"role", e.role},
          {"action", e.action},
          {"patient_id", e.patient_id ? json(e.patient_id->value()) : json(nullptr)},
          {"address", e.address},
          {"outcome", e.outcome},
          {"detail", e.detail},
          {"record_ids", e.record_ids}};
}

Status ApplyPatientJson(const json& body, records::Patient* p, LocalDate today) {
  JsonReader r(body);
  const bool creating = !p->id.valid();
  PINEAL_RETURN_IF_ERROR(
      r.Get("display_name", &p->display_name, creating ? Need::kRequired : Need::kOptional));
  if (r.Has("birth_date") || r.Raw("birth_date") != nullptr) {
    PINEAL_RETURN_IF_ERROR(r.Get("birth_date", &p->birth_date));
  }
  PINEAL_RETURN_IF_ERROR(GetEnum(r, "sex", &p->sex));
  PINEAL_RETURN_IF_ERROR(GetEnum(r, "pregnancy", &p->pregnancy));
  PINEAL_RETURN_IF_ERROR(r.Get("breastfeeding", &p->breastfeeding));
  PINEAL_RETURN_IF_ERROR(r.Get("conditions", &p->conditions));
  PINEAL_RETURN_IF_ERROR(r.Get("smoker", &p->smoker));
  PINEAL_RETURN_IF_ERROR(r.Get("time_zone", &p->time_zone));
  PINEAL_RETURN_IF_ERROR(r.Get("notes", &p->notes));
  if (!creating) PINEAL_RETURN_IF_ERROR(r.Get("version", &p->version, Need::kRequired));
  if (const json* w = r.Raw("weight"); w != nullptr && !w->is_null()) {
    // "70 kg" (measured today) or {"value": 70, "unit": "kg", "measured_on": "2026-11-01"}.
    std::optional<BodyWeight> weight;
    LocalDate measured_on = today;
    if (w->is_object()) {
      JsonReader wr(*w, "weight");
      std::optional<double> value;
      std::string unit;
      PINEAL_RETURN_IF_ERROR(wr.Get("value", &value));
      if (!value) return Status::InvalidArgument("is required", "weight.value");
      PINEAL_RETURN_IF_ERROR(wr.Get("unit", &unit, Need::kRequired));
      PINEAL_RETURN_IF_ERROR(wr.Get("measured_on", &measured_on));
      PINEAL_RETURN_IF_ERROR(wr.RejectUnknown());
      auto q = BodyWeight::Make(*value, unit);
      if (!q.ok()) return Status::InvalidArgument(q.status().message(), "weight");
      weight = *q;
    } else {
      JsonReader whole(body);
      PINEAL_RETURN_IF_ERROR(whole.Get("weight", &weight));
    }
    if (measured_on > today)
      return Status::InvalidArgument("is in the future", "weight.measured_on");
    p->weight = records::WeightRecord{*weight, measured_on};
  }
  return r.RejectUnknown();
}

Status ApplyMedicationJson(const json& body, records::MedicationEntry* m) {
  JsonReader r(body);
  const bool creating = !m->id.valid();
  PINEAL_RETURN_IF_ERROR(r.Get("name", &m->name, creating ? Need::kRequired : Need::kOptional));
  PINEAL_RETURN_IF_ERROR(GetEnum(r, "category", &m->category));
  PINEAL_RETURN_IF_ERROR(r.Get("code_system", &m->code_system));
  PINEAL_RETURN_IF_ERROR(r.Get("code", &m->code));
  if (r.Raw("dose") != nullptr) PINEAL_RETURN_IF_ERROR(r.Get("dose", &m->dose));
  PINEAL_RETURN_IF_ERROR(r.Get("schedule", &m->schedule));
  if (r.Raw("start_date") != nullptr) PINEAL_RETURN_IF_ERROR(r.Get("start_date", &m->start_date));
  if (r.Raw("stop_date") != nullptr) PINEAL_RETURN_IF_ERROR(r.Get("stop_date", &m->stop_date));
  PINEAL_RETURN_IF_ERROR(GetEnum(r, "source", &m->source));
  PINEAL_RETURN_IF_ERROR(r.Get("note", &m->note));
  return r.RejectUnknown();
}

namespace {

// Reads a present field into an optional: absent (or null) leaves it unset.
template <typename T>
Status GetGiven(JsonReader& r, const char* key, std::optional<T>* out, Need need) {
  if (!r.Has(key) && need == Need::kOptional) {
    r.Raw(key);
    return Status::Ok();
  }
  T value{};
  PINEAL_RETURN_IF_ERROR(r.Get(key, &value, need));
  *out = std::move(value);
  return Status::Ok();
}

}  // namespace

Result<app::RegimenVersionChange> RegimenChangeFromJson(const json& body, std::string* substance,
                                                        int* base_version,
                                                        std::vector<safety::Override>* overrides) {
  JsonReader r(body);
  app::RegimenVersionChange c;
  const bool creating = substance != nullptr;
  const Need need = creating ? Need::kRequired : Need::kOptional;
  if (creating) PINEAL_RETURN_IF_ERROR(r.Get("substance", substance, Need::kRequired));
  if (base_version != nullptr) {
    PINEAL_RETURN_IF_ERROR(r.Get("base_version", base_version, Need::kRequired));
  }
  PINEAL_RETURN_IF_ERROR(GetGiven(r, "formulation", &c.formulation, need));
  PINEAL_RETURN_IF_ERROR(GetGiven(r, "dose", &c.dose, need));
  if (r.Has("times_of_day")) {
    std::vector<std::string> times;
    PINEAL_RETURN_IF_ERROR(r.Get("times_of_day", &times));
    c.times_of_day.emplace();
    for (size_t i = 0; i < times.size(); ++i) {
      auto t = ParseTimeOfDay(times[i]);
      if (!t.ok()) {
        return Status::InvalidArgument(t.status().message(),
                                       "times_of_day[" + std::to_string(i) + "]");
      }
      c.times_of_day->push_back(*t);
    }
  } else {
    r.Raw("times_of_day");
  }
  if (r.Has("frequency")) {
    records::Frequency f{};
    PINEAL_RETURN_IF_ERROR(GetEnum(r, "frequency", &f));
    c.frequency = f;
  } else {
    r.Raw("frequency");
  }
  PINEAL_RETURN_IF_ERROR(GetGiven(r, "indication", &c.indication, Need::kOptional));
  PINEAL_RETURN_IF_ERROR(GetGiven(r, "start_date", &c.start_date, need));
  if (r.Raw("end_date") != nullptr) {
    std::optional<LocalDate> end;
    PINEAL_RETURN_IF_ERROR(r.Get("end_date", &end));
    c.end_date = end;
  }
  if (const json* steps = r.Raw("titration"); steps != nullptr && !steps->is_null()) {
    if (!steps->is_array()) {
      return Status::InvalidArgument("must be an array of steps, not " + JsonTypeName(*steps),
                                     "titration");
    }
    c.titration.emplace();
    for (size_t i = 0; i < steps->size(); ++i) {
      const std::string prefix = "titration[" + std::to_string(i) + "]";
      if (!(*steps)[i].is_object()) {
        return Status::InvalidArgument("must be an object", prefix);
      }
      JsonReader sr((*steps)[i], prefix);
      records::TitrationStep step;
      PINEAL_RETURN_IF_ERROR(sr.Get("after_days", &step.after_days, Need::kRequired));
      PINEAL_RETURN_IF_ERROR(sr.Get("dose", &step.dose, Need::kRequired));
      PINEAL_RETURN_IF_ERROR(sr.RejectUnknown());
      c.titration->push_back(step);
    }
  }
  if (r.Raw("content_mg_per_g") != nullptr) {
    std::optional<double> content;
    PINEAL_RETURN_IF_ERROR(r.Get("content_mg_per_g", &content));
    c.content_mg_per_g = content;
  }
  PINEAL_RETURN_IF_ERROR(r.Get("reason", &c.reason));
  if (overrides != nullptr) {
    if (const json* o = r.Raw("overrides"); o != nullptr && !o->is_null()) {
      PINEAL_ASSIGN_OR_RETURN(*overrides, OverridesFromJson(*o));
    }
  }
  PINEAL_RETURN_IF_ERROR(r.RejectUnknown());
  return c;
}

Status ApplyRegimenVersionJson(const json& body, records::RegimenVersion* v, std::string* substance,
                               int* base_version, std::vector<safety::Override>* overrides) {
  PINEAL_ASSIGN_OR_RETURN(app::RegimenVersionChange change,
                          RegimenChangeFromJson(body, substance, base_version, overrides));
  change.ApplyTo(*v);
  return Status::Ok();
}

Status ApplyDoseEventJson(const json& body, records::DoseEvent* e) {
  JsonReader r(body);
  PINEAL_RETURN_IF_ERROR(GetId(r, "regimen_id", &e->regimen_id));
  PINEAL_RETURN_IF_ERROR(
      r.Get("substance", &e->substance, e->regimen_id ? Need::kOptional : Need::kRequired));
  PINEAL_RETURN_IF_ERROR(r.Get("planned_at", &e->planned_at));
  PINEAL_RETURN_IF_ERROR(r.Get("taken_at", &e->taken_at));
  PINEAL_RETURN_IF_ERROR(r.Get("amount", &e->amount));
  PINEAL_RETURN_IF_ERROR(GetEnum(r, "status", &e->status, Need::kRequired));
  PINEAL_RETURN_IF_ERROR(r.Get("note", &e->note));
  PINEAL_RETURN_IF_ERROR(GetId(r, "corrects", &e->corrects));
  return r.RejectUnknown();
}

Status ApplyObservationJson(const json& body, records::Observation* o) {
  JsonReader r(body);
  PINEAL_RETURN_IF_ERROR(GetEnum(r, "kind", &o->kind, Need::kRequired));
  PINEAL_RETURN_IF_ERROR(r.Get("code", &o->code));
  PINEAL_RETURN_IF_ERROR(r.Get("value", &o->value));
  PINEAL_RETURN_IF_ERROR(r.Get("unit", &o->unit));
  PINEAL_RETURN_IF_ERROR(r.Get("text", &o->text));
  PINEAL_RETURN_IF_ERROR(r.Get("observed_at", &o->observed_at, Need::kRequired));
  PINEAL_RETURN_IF_ERROR(GetId(r, "corrects", &o->corrects));
  // [{"code": "onset", "text": "2026-11-20"}, {"code": "ongoing", "value": 1}]
  if (const json* list = r.Raw("components"); list != nullptr && !list->is_null()) {
    if (!list->is_array()) {
      return Status::InvalidArgument("must be a list of {code, value, text}", "components");
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string at = "components[" + std::to_string(i) + "]";
      if (!(*list)[i].is_object()) {
        return Status::InvalidArgument("must be an object {code, value, text}", at);
      }
      JsonReader cr((*list)[i], at);
      records::ObservationComponent c;
      PINEAL_RETURN_IF_ERROR(cr.Get("code", &c.code, Need::kRequired));
      PINEAL_RETURN_IF_ERROR(cr.Get("value", &c.value));
      PINEAL_RETURN_IF_ERROR(cr.Get("text", &c.text));
      PINEAL_RETURN_IF_ERROR(cr.RejectUnknown());
      o->components.push_back(std::move(c));
    }
  }
  return r.RejectUnknown();
}

}  // namespace pineal::codec
