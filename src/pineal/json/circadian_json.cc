#include "pineal/json/circadian_json.h"

#include <cmath>

#include "pineal/circadian/plan_format.h"
#include "pineal/json/json_reader.h"
#include "pineal/json/safety_json.h"

namespace pineal::codec {
namespace {

using circadian::PlanDay;
using nlohmann::json;

json When(Instant t, const std::string& zone) {
  return {{"utc", FormatInstant(t)}, {"local", circadian::LocalClock(t, zone)}};
}

json Span(const circadian::Interval& i, const std::string& zone) {
  return {{"start", When(i.start, zone)}, {"end", When(i.end, zone)}};
}

json Phase(const circadian::DayPhase& p, const std::string& zone) {
  json j{{"error_h", p.error_h}};
  if (p.cbtmin) j["cbtmin"] = When(*p.cbtmin, zone);
  if (p.dlmo) j["dlmo"] = When(*p.dlmo, zone);
  return j;
}

json Days(const std::vector<PlanDay>& days) {
  json out = json::array();
  for (const PlanDay& d : days) {
    json j{{"day", d.day},
           {"date", FormatDate(d.date)},
           {"zone", d.zone},
           {"travel", d.travel},
           {"awake", Span(d.wake, d.zone)},
           {"seek_light", json::array()},
           {"avoid_light", json::array()},
           {"with_plan", Phase(d.with_plan, d.zone)},
           {"without_plan", Phase(d.without_plan, d.zone)}};
    if (d.sleep) j["sleep"] = Span(*d.sleep, d.zone);
    for (const auto& s : d.seek_light) j["seek_light"].push_back(Span(s, d.zone));
    for (const auto& s : d.avoid_light) j["avoid_light"].push_back(Span(s, d.zone));
    if (d.melatonin) {
      j["melatonin"] = {{"time", When(d.melatonin->time, d.zone)},
                        {"dose_mg", d.melatonin->dose_mg}};
    }
    if (d.cross_check_error_h) j["cross_check_error_h"] = *d.cross_check_error_h;
    out.push_back(std::move(j));
  }
  return out;
}

json Optional(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }

Status ReadCommon(JsonReader& r, app::PlanCommonSpec& c) {
  PINEAL_RETURN_IF_ERROR(r.Get("sleep", &c.sleep));
  PINEAL_RETURN_IF_ERROR(r.Get("earliest_bed", &c.earliest_bed));
  PINEAL_RETURN_IF_ERROR(r.Get("latest_wake", &c.latest_wake));
  PINEAL_RETURN_IF_ERROR(r.Get("doses", &c.doses));
  PINEAL_RETURN_IF_ERROR(r.Get("melatonin_days", &c.melatonin_days));
  PINEAL_RETURN_IF_ERROR(r.Get("no_melatonin", &c.no_melatonin));
  PINEAL_RETURN_IF_ERROR(r.Get("no_light", &c.no_light));
  PINEAL_RETURN_IF_ERROR(r.Get("melatonin_in_sleep", &c.melatonin_in_sleep));
  for (auto [key, out] : {std::pair{"indoor_lux", &c.indoor_lux},
                          {"bright_lux", &c.bright_lux},
                          {"dim_lux", &c.dim_lux}}) {
    std::optional<double> v;
    PINEAL_RETURN_IF_ERROR(r.Get(key, &v));
    if (v) *out = *v;
  }
  PINEAL_RETURN_IF_ERROR(r.Get("model", &c.model));
  return Status::Ok();
}

}  // namespace

json JetLagPlanJson(const circadian::JetLagPlan& p) {
  const circadian::Strategy& s = p.strategy;
  json legs = json::array();
  for (const auto& l : p.legs) {
    legs.push_back({{"from", l.from_zone},
                    {"to", l.to_zone},
                    {"depart", When(l.depart, l.from_zone)},
                    {"arrive", When(l.arrive, l.to_zone)}});
  }
  json j{{"origin", p.origin_zone},
         {"destination", p.destination_zone},
         {"legs", legs},
         {"zone_shift_h", p.zone_shift_h},
         {"strategy",
          {{"direction", circadian::ShiftDirectionName(s.direction)},
           {"pre_days", s.pre_days},
           {"pre_shift_h_per_day", s.pre_shift_h_per_day},
           {"bright_light_h", s.bright_light_h},
           {"dose_mg", s.dose_mg},
           {"dose_before_dlmo_h", s.dose_before_dlmo_h}}},
         {"days_to_reentrain",
          {{"with_plan", Optional(p.days_to_reentrain_with_plan)},
           {"without_plan", Optional(p.days_to_reentrain_without_plan)},
           {"without_plan_model", p.model_id},
           {"field_rule", std::round(p.days_to_reentrain_field_rule * 10) / 10},
           {"cross_check", Optional(p.days_to_reentrain_cross_check)}}},
         {"model", {{"id", p.model_id}, {"refs", p.model_refs}}},
         {"cross_check_model", p.cross_check_model_id},
         {"candidates_evaluated", p.candidates_evaluated},
         {"days", Days(p.days)},
         {"notes", p.notes}};
  return j;
}

json RotaPlanJson(const circadian::RotaPlan& p) {
  json j{{"zone", p.zone},
         {"bright_light_h", p.bright_light_h},
         {"dose_mg", p.dose_mg},
         {"misaligned_days",
          {{"with_plan", p.misaligned_days_with_plan},
           {"without_plan", p.misaligned_days_without_plan}}},
         {"model", {{"id", p.model_id}, {"refs", p.model_refs}}},
         {"candidates_evaluated", p.candidates_evaluated},
         {"days", Days(p.days)},
         {"notes", p.notes}};
  return j;
}

json PhaseEstimateJson(const app::PhaseEstimate& estimate) {
  json days = json::array();
  for (const auto& d : estimate.days) {
    days.push_back({{"date", FormatDate(d.date)}, {"dlmo", d.dlmo}, {"cbtmin", d.cbtmin}});
  }
  return {{"zone", estimate.zone}, {"model", estimate.model_id}, {"days", days}};
}

json PrcJson(const app::PrcResult& prc) {
  const circadian::PrcExtremes e = circadian::Extremes(prc.curve);
  json j;
  j["title"] = prc.title;
  j["stimulus_relative_to"] = prc.relative_to;
  j["model"] = {{"id", prc.model.id}, {"refs", prc.model.refs}};
  j["max_advance"] = {{"stimulus_h", e.max_advance.stimulus_h}, {"shift_h", e.max_advance.shift_h}};
  j["max_delay"] = {{"stimulus_h", e.max_delay.stimulus_h}, {"shift_h", e.max_delay.shift_h}};
  j["points"] = json::array();
  for (const auto& p : prc.curve) {
    j["points"].push_back({{"stimulus_h", p.stimulus_h}, {"shift_h", p.shift_h}});
  }
  return j;
}

Result<app::JetLagSpec> JetLagSpecFromJson(const json& body, bool origin_required) {
  app::JetLagSpec s;
  JsonReader r(body);
  PINEAL_RETURN_IF_ERROR(
      r.Get("from", &s.from, origin_required ? Need::kRequired : Need::kOptional));
  PINEAL_RETURN_IF_ERROR(r.Get("to", &s.to, Need::kRequired));
  PINEAL_RETURN_IF_ERROR(r.Get("depart", &s.depart, Need::kRequired));
  PINEAL_RETURN_IF_ERROR(r.Get("arrive", &s.arrive, Need::kRequired));
  PINEAL_RETURN_IF_ERROR(r.Get("dlmo", &s.dlmo));
  PINEAL_RETURN_IF_ERROR(r.Get("pre_days", &s.pre_days));
  PINEAL_RETURN_IF_ERROR(r.Get("days", &s.days));
  PINEAL_RETURN_IF_ERROR(r.Get("cross_check", &s.cross_check));
  PINEAL_RETURN_IF_ERROR(ReadCommon(r, s.common));
  PINEAL_RETURN_IF_ERROR(r.RejectUnknown());
  return s;
}

Result<app::ShiftSpec> ShiftSpecFromJson(const json& body, bool zone_required) {
  app::ShiftSpec s;
  JsonReader r(body);
  PINEAL_RETURN_IF_ERROR(r.Get("rota", &s.rota_csv, Need::kRequired));
  PINEAL_RETURN_IF_ERROR(r.Get("zone", &s.zone, zone_required ? Need::kRequired : Need::kOptional));
  std::optional<double> commute;
  PINEAL_RETURN_IF_ERROR(r.Get("commute_h", &commute));
  if (commute) s.commute_h = *commute;
  PINEAL_RETURN_IF_ERROR(ReadCommon(r, s.common));
  PINEAL_RETURN_IF_ERROR(r.RejectUnknown());
  return s;
}

Result<app::PatientPlanRequest> PatientPlanRequestFromJson(const json& body,
                                                           std::string_view kind) {
  if (!body.is_object()) return Status::InvalidArgument("must be a JSON object", "body");
  app::PatientPlanRequest out;
  json request = body;
  if (auto t = request.find("title"); t != request.end()) {
    if (!t->is_string()) return Status::InvalidArgument("must be a string", "title");
    out.title = t->get<std::string>();
    request.erase(t);
  }
  if (auto o = request.find("overrides"); o != request.end()) {
    if (!o->is_null()) {
      PINEAL_ASSIGN_OR_RETURN(out.overrides, OverridesFromJson(*o));
    }
    request.erase(o);
  }
  if (kind == "jetlag") {
    PINEAL_ASSIGN_OR_RETURN(out.spec, JetLagSpecFromJson(request, false));
  } else {
    PINEAL_ASSIGN_OR_RETURN(out.spec, ShiftSpecFromJson(request, false));
  }
  out.request_json = request.dump();
  return out;
}

app::PlanEncoders PlanDocumentEncoders() {
  return {[](const circadian::JetLagPlan& p) { return JetLagPlanJson(p).dump(); },
          [](const circadian::RotaPlan& p) { return RotaPlanJson(p).dump(); }};
}

}  // namespace pineal::codec
