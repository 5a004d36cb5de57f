#include "pineal/json/simulation_json.h"

#include <algorithm>

#include "pineal/json/json_reader.h"
#include "pineal/pk/render_common.h"

namespace pineal::codec {
namespace {

using nlohmann::json;

json Quantiles(const pk::Distribution& d, double scale) {
  json j = json::object();
  const char* names[] = {"p5", "p25", "p50", "p75", "p95"};
  for (std::size_t i = 0; i < d.at_percentiles.size() && i < 5; ++i) {
    j[names[i]] = d.at_percentiles[i] * scale;
  }
  j["mean"] = d.mean * scale;
  return j;
}

json Metrics(const pk::SimulationMetrics& m, const pk::SimulationResult& r) {
  const double k = r.display_per_mg_per_l;
  json j = {{"cmax", m.peak.value_mg_per_l * k},
            {"tmax_h", m.peak.time_h},
            {"tmax_clock", pk::FormatClock(m.peak.time_h, r.start_clock_h, true)},
            {"cmax_after_first_dose", m.peak_first_interval.value_mg_per_l * k},
            {"tmax_after_first_dose_h", m.peak_first_interval.time_h},
            {"auc_horizon", m.auc_horizon_mg_h_per_l * k},
            {"auc_last_interval", m.auc_last_interval_mg_h_per_l * k},
            {"last_interval_h", {m.window_begin_h, m.window_end_h}},
            {"first_wake_h", m.first_wake_h},
            {"first_wake_concentration", m.first_wake_mg_per_l * k},
            {"last_wake_h", m.last_wake_h},
            {"last_wake_concentration", m.last_wake_mg_per_l * k},
            {"terminal_half_life_h", m.terminal_half_life_h}};
  if (m.trough) {
    j["trough"] = m.trough->value_mg_per_l * k;
    j["trough_h"] = m.trough->time_h;
  }
  if (m.interval_h) j["interval_h"] = *m.interval_h;
  if (m.accumulation_ratio) j["accumulation_ratio"] = *m.accumulation_ratio;
  if (m.time_to_90_steady_state_h) j["time_to_90_steady_state_h"] = *m.time_to_90_steady_state_h;
  if (m.trough_approach) {
    j["time_to_90_steady_state_trough_h"] = m.trough_approach->time_to_90_h;
    j["trough_accumulation_ratio"] = m.trough_approach->ratio;
  }
  if (m.time_above_threshold_h) j["time_above_threshold_h"] = *m.time_above_threshold_h;
  if (m.peak_to_endogenous_peak) j["cmax_to_endogenous_night_peak"] = *m.peak_to_endogenous_peak;
  if (m.last_wake_to_endogenous_day) {
    j["last_wake_to_endogenous_day_level"] = *m.last_wake_to_endogenous_day;
  }
  return j;
}

}  // namespace

json SimulationJson(const pk::SimulationResult& r, const std::string& title) {
  const double k = r.display_per_mg_per_l;
  const pk::LinearPkParams& p = r.params.typical;
  json out = {{"title", title},
              {"substance", r.substance},
              {"analyte", r.analyte},
              {"formulation", r.formulation},
              {"variant", r.variant},
              {"concentration_unit", r.display_unit},
              {"start_clock", pk::FormatClock(0, r.start_clock_h, false)},
              {"wake_clock", pk::FormatClock(0, r.wake_clock_h, false)},
              {"analyte_mg_per_mg_dose", r.dose_scale}};
  if (r.params.content_mg_per_g) out["content_mg_per_g"] = *r.params.content_mg_per_g;
  json doses = json::array();
  bool dual = false;  // the slow depot's values are shown only where a dose uses it
  for (const auto& d : r.doses) {
    json dose = {{"time_h", d.time_h},
                 {"amount_mg", d.amount_mg},
                 {"taken", d.taken},
                 {"route", pk::RouteName(d.route)},
                 {"duration_h", d.duration_h}};
    if (d.route == pk::Route::kOralDualFirstOrder) {
      dose["fast_fraction"] = d.fast_fraction;
      dual = true;
    }
    doses.push_back(std::move(dose));
  }
  out["doses"] = doses;
  out["typical_parameters"] = {{"compartments", p.compartments},
                               {"cl_l_per_h", p.cl_l_per_h},
                               {"v1_l", p.v1_l},
                               {"q_l_per_h", p.q_l_per_h},
                               {"v2_l", p.v2_l},
                               {"ka_per_h", p.ka_per_h},
                               {"tlag_h", p.tlag_h},
                               {"f_multiplier", p.f}};
  if (dual) out["typical_parameters"]["ka_slow_per_h"] = p.ka_slow_per_h;
  out["exposure_multiplier"] = {{"requested", r.params.exposure_requested},
                                {"applied", r.params.exposure_applied}};
  out["metrics"] = {{"typical", Metrics(r.metrics, r)}};
  if (r.population) {
    const auto& pop = *r.population;
    json pm = {{"subjects", pop.subjects_ok},
               {"excluded_subjects", pop.subjects_failed},
               {"cmax", Quantiles(pop.cmax_mg_per_l, k)},
               {"tmax_h", Quantiles(pop.tmax_h, 1.0)},
               {"trough_last_interval", Quantiles(pop.cmin_window_mg_per_l, k)},
               {"auc_last_interval", Quantiles(pop.auc_window_mg_h_per_l, k)},
               {"first_wake_concentration", Quantiles(pop.probes_mg_per_l.at(0), k)},
               {"last_wake_concentration", Quantiles(pop.probes_mg_per_l.at(1), k)}};
    if (!pop.time_above_h.at_percentiles.empty()) {
      pm["time_above_threshold_h"] = Quantiles(pop.time_above_h, 1.0);
    }
    out["metrics"]["population"] = pm;
  }
  if (r.endogenous_peak_mg_per_l) {
    out["endogenous"] = {{"day_level", r.endogenous_day_mg_per_l.value_or(0) * k},
                         {"night_peak", *r.endogenous_peak_mg_per_l * k},
                         {"age_years", r.endogenous_age_years},
                         {"refs", r.endogenous_refs}};
  }
  json notes = json::array();
  for (const auto& n : r.params.notes) {
    notes.push_back({{"kind", pk::NoteKindName(n.kind)},
                     {"id", n.id},
                     {"message", n.message},
                     {"refs", n.refs}});
  }
  out["notes"] = notes;
  json sens = json::array();
  for (const auto& s : r.sensitivity) {
    sens.push_back({{"variant", s.variant},
                    {"label", s.label},
                    {"refs", s.refs},
                    {"metrics", Metrics(s.metrics, r)}});
  }
  out["sensitivity"] = sens;
  json curve = {{"time_h", json::array()}, {"typical", json::array()}};
  for (std::size_t i = 0; i < r.grid.count; ++i) {
    curve["time_h"].push_back(r.grid.TimeAt(i));
    curve["typical"].push_back(r.typical_mg_per_l[i] * k);
  }
  if (const auto* bands = pk::Bands(r)) {
    const char* names[] = {"p5", "p25", "p50", "p75", "p95"};
    for (std::size_t b = 0; b < 5; ++b) {
      json v = json::array();
      for (double x : (*bands)[b]) v.push_back(x * k);
      curve[names[b]] = v;
    }
  }
  out["curve"] = curve;
  out["references"] = r.model_refs;
  return out;
}

std::string RenderSimulationJson(const pk::SimulationResult& result, const std::string& title) {
  return SimulationJson(result, title).dump(2) + "\n";
}

Status CovariatesFromJson(const json& object, const std::string& field, pk::PatientCovariates* c,
                          std::string* wake_time) {
  if (!object.is_object()) {
    return Status::InvalidArgument("must be a JSON object of the patient's covariates", field);
  }
  JsonReader r(object, field);
  std::optional<double> age, weight;
  std::string sex;
  PINEAL_RETURN_IF_ERROR(r.Get("age_years", &age));
  PINEAL_RETURN_IF_ERROR(r.Get("weight_kg", &weight));
  PINEAL_RETURN_IF_ERROR(r.Get("sex", &sex));
  PINEAL_RETURN_IF_ERROR(r.Get("smoker", &c->smoker));
  PINEAL_RETURN_IF_ERROR(r.Get("fed", &c->fed));
  PINEAL_RETURN_IF_ERROR(r.Get("hepatic_impairment", &c->hepatic_impairment));
  PINEAL_RETURN_IF_ERROR(r.Get("comedications", &c->comedications));
  if (wake_time != nullptr) PINEAL_RETURN_IF_ERROR(r.Get("wake_time", wake_time));
  PINEAL_RETURN_IF_ERROR(r.RejectUnknown());
  if (age) c->age_years = *age;
  if (weight) c->weight_kg = *weight;
  if (!sex.empty()) c->sex = sex;
  return Status::Ok();
}

Result<app::SimulationSpec> SimulationSpecFromJson(const json& body) {
  app::SimulationSpec s;
  JsonReader r(body);
  PINEAL_RETURN_IF_ERROR(r.Get("substance", &s.substance, Need::kRequired));
  PINEAL_RETURN_IF_ERROR(r.Get("dose", &s.dose, Need::kRequired));
  PINEAL_RETURN_IF_ERROR(r.Get("formulation", &s.formulation));
  PINEAL_RETURN_IF_ERROR(r.Get("content", &s.content));
  PINEAL_RETURN_IF_ERROR(r.Get("at", &s.at));
  PINEAL_RETURN_IF_ERROR(r.Get("every", &s.every));
  PINEAL_RETURN_IF_ERROR(r.Get("for", &s.for_duration));
  PINEAL_RETURN_IF_ERROR(r.Get("wake", &s.wake));
  PINEAL_RETURN_IF_ERROR(r.Get("variant", &s.variant));
  PINEAL_RETURN_IF_ERROR(r.Get("threshold", &s.threshold));
  PINEAL_RETURN_IF_ERROR(r.Get("subjects", &s.subjects));
  std::optional<std::int64_t> seed;
  PINEAL_RETURN_IF_ERROR(r.Get("seed", &seed));
  if (seed) {
    if (*seed < 0) return Status::InvalidArgument("must be 0 or more", "seed");
    s.seed = static_cast<std::uint64_t>(*seed);
  }
  if (const json* missed = r.Raw("missed"); missed != nullptr && !missed->is_null()) {
    if (!missed->is_array()) {
      return Status::InvalidArgument("must be a list of dose numbers, e.g. [3, 5]", "missed");
    }
    for (std::size_t i = 0; i < missed->size(); ++i) {
      const json& n = (*missed)[i];
      if (!n.is_number_integer()) {
        return Status::InvalidArgument("must be a dose number (1 for the first dose)",
                                       "missed[" + std::to_string(i) + "]");
      }
      const auto v = n.get<std::int64_t>();
      s.missed.push_back(static_cast<int>(std::clamp<std::int64_t>(v, -1, app::kMaxDoses + 1)));
    }
  }
  if (const json* patient = r.Raw("patient"); patient != nullptr && !patient->is_null()) {
    std::string wake;
    PINEAL_RETURN_IF_ERROR(CovariatesFromJson(*patient, "patient", &s.patient, &wake));
    if (s.wake.empty()) s.wake = wake;
  }
  PINEAL_RETURN_IF_ERROR(r.RejectUnknown());
  return s;
}

json PredictionJson(const app::PatientPrediction& p) {
  json out = SimulationJson(p.result, p.title);
  out["time_zone"] = p.time_zone;
  out["origin"] = FormatInstant(p.origin);
  out["now_h"] = p.now_h;
  out["planned_dose_h"] = p.planned_dose_h;
  out["logged_doses"] = p.logged_doses;
  out["prediction_notes"] = p.notes;
  return out;
}

}  // namespace pineal::codec
