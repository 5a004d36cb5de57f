#include "pineal/app/circadian_plans.h"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

#include "pineal/circadian/jetlag_planner.h"
#include "pineal/circadian/plan_format.h"
#include "pineal/circadian/rota_planner.h"
#include "pineal/core/quantity.h"
#include "pineal/core/time.h"

namespace pineal::app {
namespace {

Status Bad(const FieldStyle& s, std::string_view field, const std::string& what) {
  const std::string name = s.Name(field);
  return Status::InvalidArgument(name + ": " + what, name);
}

Result<TimeOfDay> ClockTime(const FieldStyle& s, std::string_view field, const std::string& text) {
  auto t = ParseTimeOfDay(text);
  if (!t.ok()) return Bad(s, field, t.status().message() + " (expected HH:MM)");
  return *t;
}

// "2026-12-01 18:00" (or with 'T') in `zone`.
Result<Instant> LocalDateTimeIn(const FieldStyle& s, std::string_view field,
                                const std::string& text, const std::string& zone) {
  const size_t sep = text.find_first_of(" T");
  if (sep == std::string::npos) {
    return Bad(s, field, "'" + text + "' is not a local date and time like \"2026-12-01 18:00\"");
  }
  auto date = ParseDate(text.substr(0, sep));
  if (!date.ok()) return Bad(s, field, date.status().message());
  PINEAL_ASSIGN_OR_RETURN(TimeOfDay t, ClockTime(s, field, text.substr(sep + 1)));
  auto at = FromLocal(*date, t, zone);
  if (!at.ok()) return Bad(s, field, at.status().message());
  return *at;
}

Status FillOptions(const kb::CircadianCatalog& catalog, const PlanCommonSpec& c,
                   const FieldStyle& s, circadian::PlanOptions& o, TimeOfDay& bed,
                   TimeOfDay& wake) {
  PINEAL_RETURN_IF_ERROR(ParseSleep(s, c.sleep, bed, wake));
  PINEAL_ASSIGN_OR_RETURN(o.earliest_bedtime, ClockTime(s, "earliest_bed", c.earliest_bed));
  PINEAL_ASSIGN_OR_RETURN(o.latest_waketime, ClockTime(s, "latest_wake", c.latest_wake));
  if (c.melatonin_days < 0) return Bad(s, "melatonin_days", "must be 0 or more");
  for (auto [field, lux] : {std::pair{"indoor_lux", c.indoor_lux},
                            {"bright_lux", c.bright_lux},
                            {"dim_lux", c.dim_lux}}) {
    if (!(lux >= 0 && lux <= 200000)) return Bad(s, field, "must be 0 to 200,000 lux");
  }
  o.allow_melatonin = !c.no_melatonin;
  o.allow_bright_light = !c.no_light;
  o.allow_melatonin_in_sleep = c.melatonin_in_sleep;
  o.max_melatonin_days = c.melatonin_days;
  o.light = {c.indoor_lux, c.bright_lux, c.dim_lux};
  o.dose_options_mg.clear();
  std::stringstream ss(c.doses);
  for (std::string item; std::getline(ss, item, ',');) {
    auto m = Mass::Parse(item);
    if (!m.ok()) return Bad(s, "doses", m.status().message());
    o.dose_options_mg.push_back(m->base());
  }
  PINEAL_ASSIGN_OR_RETURN(o.limits, JetLagLimits(catalog));
  return Status::Ok();
}

}  // namespace

Status CheckZone(const FieldStyle& s, std::string_view field, const std::string& zone) {
  if (zone.empty()) return Bad(s, field, "is required: an IANA time zone such as Europe/Paris");
  Status st = ValidateTimeZone(zone);
  if (!st.ok()) return Bad(s, field, st.message());
  return Status::Ok();
}

Status ParseSleep(const FieldStyle& s, const std::string& sleep, TimeOfDay& bed, TimeOfDay& wake) {
  const size_t dash = sleep.find('-');
  if (dash == std::string::npos) return Bad(s, "sleep", "expected BED-WAKE like 23:00-07:00");
  PINEAL_ASSIGN_OR_RETURN(bed, ClockTime(s, "sleep", sleep.substr(0, dash)));
  PINEAL_ASSIGN_OR_RETURN(wake, ClockTime(s, "sleep", sleep.substr(dash + 1)));
  return Status::Ok();
}

std::string FieldStyle::Name(std::string_view field) const {
  std::string name(field);
  if (!prefix.empty()) std::replace(name.begin(), name.end(), '_', '-');
  return prefix + name;
}

Result<circadian::Model> CircadianModel(const kb::CircadianCatalog& c, std::string_view id) {
  const kb::CircadianParameterSet* set = c.FindSet(id);
  if (set == nullptr) {
    std::string known;
    for (const auto& s : c.parameter_sets) known += (known.empty() ? "" : ", ") + s.id;
    return Status::InvalidArgument(
        "unknown circadian model '" + std::string(id) + "'; known: " + known, "model");
  }
  PINEAL_ASSIGN_OR_RETURN(circadian::ModelKind kind, circadian::ParseModelKind(set->equations));
  return circadian::MakeModel(set->id, set->title, kind, set->Values(), set->refs);
}

Result<circadian::JetLagDoseLimits> JetLagLimits(const kb::CircadianCatalog& c) {
  const kb::JetLagMelatoninLimits& l = c.jetlag_limits;
  circadian::JetLagDoseLimits out;
  out.min_dose_mg = l.min_dose_mg.value;
  out.max_dose_mg = l.max_dose_mg.value;
  out.max_days_per_course = static_cast<int>(l.max_days_per_course.value);
  for (const auto* p : {&l.min_dose_mg, &l.max_dose_mg, &l.max_days_per_course}) {
    for (const std::string& r : p->refs) {
      if (std::find(out.refs.begin(), out.refs.end(), r) == out.refs.end()) out.refs.push_back(r);
    }
  }
  return out;
}

Result<circadian::JetLagRequest> MakeJetLagRequest(const kb::CircadianCatalog& catalog,
                                                   const JetLagSpec& o) {
  const FieldStyle& s = o.style;
  circadian::JetLagRequest r;
  PINEAL_RETURN_IF_ERROR(CheckZone(s, "from", o.from));
  PINEAL_RETURN_IF_ERROR(CheckZone(s, "to", o.to));
  PINEAL_ASSIGN_OR_RETURN(Instant depart, LocalDateTimeIn(s, "depart", o.depart, o.from));
  PINEAL_ASSIGN_OR_RETURN(Instant arrive, LocalDateTimeIn(s, "arrive", o.arrive, o.to));
  if (arrive <= depart) return Bad(s, "arrive", "must be after the departure");
  if (arrive - depart > std::chrono::hours(48)) {
    return Bad(s, "arrive", "a single flight of more than 48 hours; check the dates and zones");
  }
  r.legs.push_back({o.from, o.to, depart, arrive});
  PINEAL_RETURN_IF_ERROR(
      FillOptions(catalog, o.common, s, r.options, r.habitual_bedtime, r.habitual_waketime));
  if (!o.dlmo.empty()) {
    PINEAL_ASSIGN_OR_RETURN(TimeOfDay dlmo, ClockTime(s, "dlmo", o.dlmo));
    r.measured_dlmo = dlmo;
  }
  if (o.pre_days < 0 || o.pre_days > 7) return Bad(s, "pre_days", "must be 0 to 7");
  if (o.days < 1 || o.days > 30) return Bad(s, "days", "must be 1 to 30");
  r.max_pre_days = o.pre_days;
  r.days_after_arrival = o.days;
  auto model = CircadianModel(catalog, o.common.model);
  if (!model.ok()) return Bad(s, "model", model.status().message());
  r.model = *model;
  if (!o.cross_check.empty() && o.cross_check != "none") {
    auto cross = CircadianModel(catalog, o.cross_check);
    if (!cross.ok()) return Bad(s, "cross_check", cross.status().message());
    r.cross_check = *cross;
  }
  return r;
}

Result<circadian::RotaRequest> MakeRotaRequest(const kb::CircadianCatalog& catalog,
                                               const ShiftSpec& o) {
  const FieldStyle& s = o.style;
  circadian::RotaRequest r;
  if (o.rota_csv.empty())
    return Bad(s, "rota", "is required: rows of date,HH:MM-HH:MM or date,off");
  auto shifts = circadian::ParseRotaCsv(o.rota_csv);
  if (!shifts.ok()) return Bad(s, "rota", shifts.status().message());
  r.shifts = *shifts;
  PINEAL_RETURN_IF_ERROR(CheckZone(s, "zone", o.zone));
  r.zone = o.zone;
  if (!(o.commute_h >= 0 && o.commute_h <= 4)) return Bad(s, "commute_h", "must be 0 to 4 hours");
  r.commute_h = o.commute_h;
  PINEAL_RETURN_IF_ERROR(
      FillOptions(catalog, o.common, s, r.options, r.habitual_bedtime, r.habitual_waketime));
  auto model = CircadianModel(catalog, o.common.model);
  if (!model.ok()) return Bad(s, "model", model.status().message());
  r.model = *model;
  return r;
}

Result<PrcResult> ComputePrc(const kb::CircadianCatalog& catalog, const PrcSpec& o) {
  const FieldStyle& s = o.style;
  if (o.light == !o.dose.empty()) {
    return Bad(s, "dose",
               "give either " + s.Name("dose") + " (melatonin PRC) or " + s.Name("light"));
  }
  if (!(o.step_h >= 0.25 && o.step_h <= 6)) return Bad(s, "step", "must be 0.25-6 h");
  const std::string id = !o.model.empty() ? o.model : (o.light ? "fjk1999" : "stowe2025");
  auto model = CircadianModel(catalog, id);
  if (!model.ok()) return Bad(s, "model", model.status().message());
  PrcResult out;
  out.model = *model;
  if (o.light) {
    circadian::LightPrcProtocol p;
    p.step_h = o.step_h;
    PINEAL_ASSIGN_OR_RETURN(out.curve, circadian::LightPrc(out.model, p));
    out.title = "Light PRC: 6.7 h of 10,000 lux in dim light (Khalsa 2003 protocol)";
    out.relative_to = "CBTmin";
    return out;
  }
  auto dose = Mass::Parse(o.dose);
  if (!dose.ok()) return Bad(s, "dose", dose.status().message());
  auto f = circadian::ParseFormulation(o.formulation);
  if (!f.ok()) return Bad(s, "formulation", f.status().message());
  circadian::MelatoninPrcProtocol p;
  p.dose_mg = dose->base();
  p.formulation = *f;
  p.step_h = o.step_h;
  PINEAL_ASSIGN_OR_RETURN(out.curve, circadian::MelatoninPrc(out.model, p));
  out.title = fmt::format(
      "Melatonin PRC: {} {} a day for 3 days (Burgess 2008/2010 protocol, placebo subtracted)",
      dose->ToString(), circadian::FormulationName(*f));
  out.relative_to = "baseline DLMO";
  return out;
}

Result<circadian::JetLagPlan> PlanTrip(const kb::CircadianCatalog& catalog,
                                       const JetLagSpec& spec) {
  PINEAL_ASSIGN_OR_RETURN(circadian::JetLagRequest request, MakeJetLagRequest(catalog, spec));
  return circadian::PlanJetLag(request);
}

Result<circadian::RotaPlan> PlanShifts(const kb::CircadianCatalog& catalog, const ShiftSpec& spec) {
  PINEAL_ASSIGN_OR_RETURN(circadian::RotaRequest request, MakeRotaRequest(catalog, spec));
  return circadian::PlanRota(request);
}

Result<std::string> RenderTrip(const circadian::JetLagPlan& plan, std::string_view format,
                               Instant now) {
  if (format == "text") return circadian::FormatJetLagText(plan);
  if (format == "ics") return circadian::FormatJetLagIcs(plan, now);
  if (format == "svg") return circadian::FormatJetLagSvg(plan);
  return Status::InvalidArgument("'" + std::string(format) + "' is not one of text, ics, svg",
                                 "format");
}

Result<std::string> RenderShifts(const circadian::RotaPlan& plan, std::string_view format,
                                 Instant now) {
  if (format == "text") return circadian::FormatRotaText(plan);
  if (format == "ics") return circadian::FormatPlanIcs(plan.days, "shift rota", now);
  return Status::InvalidArgument("'" + std::string(format) + "' is not one of text, ics", "format");
}

}  // namespace pineal::app
