#include "pineal/cli/circadian_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pineal/circadian/entrain.h"
#include "pineal/circadian/light_csv.h"
#include "pineal/circadian/phase.h"
#include "pineal/circadian/plan_format.h"
#include "pineal/circadian/prc.h"
#include "pineal/circadian/simulate.h"
#include "pineal/core/quantity.h"
#include "pineal/kb/circadian_params.h"

namespace pineal::cli {
namespace {

Result<const kb::CircadianCatalog*> Catalog() {
  static const Result<kb::CircadianCatalog>* catalog =
      new Result<kb::CircadianCatalog>(kb::LoadDefaultCircadianCatalog());
  if (!catalog->ok()) return catalog->status();
  return &catalog->value();
}

std::string RenderPrc(const std::vector<circadian::PrcPoint>& curve, const std::string& title,
                      const std::string& axis, const circadian::Model& m,
                      const std::string& format) {
  const circadian::PrcExtremes e = circadian::Extremes(curve);
  if (format == "json") {
    nlohmann::json j;
    j["title"] = title;
    j["stimulus_relative_to"] = axis;
    j["model"] = {{"id", m.id}, {"refs", m.refs}};
    j["max_advance"] = {{"stimulus_h", e.max_advance.stimulus_h},
                        {"shift_h", e.max_advance.shift_h}};
    j["max_delay"] = {{"stimulus_h", e.max_delay.stimulus_h}, {"shift_h", e.max_delay.shift_h}};
    for (const auto& p : curve)
      j["points"].push_back({{"stimulus_h", p.stimulus_h}, {"shift_h", p.shift_h}});
    return j.dump(2) + "\n";
  }
  if (format == "csv") {
    std::string out = "stimulus_h,shift_h\n";
    for (const auto& p : curve) out += fmt::format("{:g},{:.3f}\n", p.stimulus_h, p.shift_h);
    return out;
  }
  std::string out = fmt::format(
      "{}\nModel: {} ({})\nShift > 0 = advance (h); stimulus time "
      "relative to {} (h)\n\n",
      title, m.id, fmt::join(m.refs, ", "), axis);
  for (const auto& p : curve) {
    const int bar = static_cast<int>(std::lround(std::abs(p.shift_h) * 10));
    out += fmt::format("{:+6.1f}  {:+6.2f}  {:>30}|{}\n", p.stimulus_h, p.shift_h,
                       p.shift_h < 0 ? std::string(std::min(bar, 30), '#') : "",
                       p.shift_h > 0 ? std::string(std::min(bar, 30), '#') : "");
  }
  out += fmt::format(
      "\nLargest advance {:+.2f} h at {:+.1f} h; largest delay {:+.2f} h at {:+.1f} h\n",
      e.max_advance.shift_h, e.max_advance.stimulus_h, e.max_delay.shift_h, e.max_delay.stimulus_h);
  return out;
}

}  // namespace

Result<circadian::Model> LoadCircadianModel(std::string_view id) {
  PINEAL_ASSIGN_OR_RETURN(const kb::CircadianCatalog* c, Catalog());
  const kb::CircadianParameterSet* set = c->FindSet(id);
  if (set == nullptr) {
    std::string known;
    for (const auto& s : c->parameter_sets) known += (known.empty() ? "" : ", ") + s.id;
    return Status::InvalidArgument(
        "unknown circadian model '" + std::string(id) + "'; known: " + known, "model");
  }
  PINEAL_ASSIGN_OR_RETURN(circadian::ModelKind kind, circadian::ParseModelKind(set->equations));
  return circadian::MakeModel(set->id, set->title, kind, set->Values(), set->refs);
}

Result<circadian::JetLagDoseLimits> LoadJetLagLimits() {
  PINEAL_ASSIGN_OR_RETURN(const kb::CircadianCatalog* c, Catalog());
  const kb::JetLagMelatoninLimits& l = c->jetlag_limits;
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

Result<std::string> RunPrcCommand(const PrcCommandOptions& o) {
  if (o.format != "text" && o.format != "json" && o.format != "csv") {
    return Status::InvalidArgument("--format must be text, json or csv", "format");
  }
  if (o.light == !o.dose.empty()) {
    return Status::InvalidArgument("give either --dose (melatonin PRC) or --light", "dose");
  }
  if (!(o.step_h >= 0.25 && o.step_h <= 6)) {
    return Status::InvalidArgument("--step must be 0.25-6 h", "step");
  }
  const std::string id = !o.model.empty() ? o.model : (o.light ? "fjk1999" : "stowe2025");
  PINEAL_ASSIGN_OR_RETURN(circadian::Model model, LoadCircadianModel(id));
  if (o.light) {
    circadian::LightPrcProtocol p;
    p.step_h = o.step_h;
    PINEAL_ASSIGN_OR_RETURN(auto curve, circadian::LightPrc(model, p));
    return RenderPrc(curve, "Light PRC: 6.7 h of 10,000 lux in dim light (Khalsa 2003 protocol)",
                     "CBTmin", model, o.format);
  }
  auto dose = Mass::Parse(o.dose);
  if (!dose.ok()) return Status::InvalidArgument("--dose: " + dose.status().message(), "dose");
  PINEAL_ASSIGN_OR_RETURN(circadian::Formulation f, circadian::ParseFormulation(o.formulation));
  circadian::MelatoninPrcProtocol p;
  p.dose_mg = dose->base();
  p.formulation = f;
  p.step_h = o.step_h;
  PINEAL_ASSIGN_OR_RETURN(auto curve, circadian::MelatoninPrc(model, p));
  return RenderPrc(curve,
                   fmt::format("Melatonin PRC: {} {} a day for 3 days (Burgess 2008/2010 protocol, "
                               "placebo subtracted)",
                               dose->ToString(), circadian::FormulationName(f)),
                   "baseline DLMO", model, o.format);
}

Result<std::string> RunPhaseCommand(const PhaseCommandOptions& o) {
  if (o.format != "text" && o.format != "json") {
    return Status::InvalidArgument("--format must be text or json", "format");
  }
  PINEAL_RETURN_IF_ERROR(ValidateTimeZone(o.zone).WithFieldPrefix("--zone"));
  const size_t dash = o.sleep.find('-');
  auto bed = ParseTimeOfDay(o.sleep.substr(0, dash));
  auto wake = ParseTimeOfDay(dash == std::string::npos ? "" : o.sleep.substr(dash + 1));
  if (!bed.ok() || !wake.ok()) {
    return Status::InvalidArgument("--sleep: expected BED-WAKE like 23:00-07:00", "sleep");
  }
  std::ifstream in(o.light_csv);
  if (!in) return Status::InvalidArgument("--light-csv: cannot read " + o.light_csv, "light_csv");
  std::stringstream text;
  text << in.rdbuf();
  // Model time 0: local midnight before the first sample.
  PINEAL_ASSIGN_OR_RETURN(auto probe, circadian::ParseLuxCsv(text.str(), Instant{}));
  const Instant first =
      Instant{} + std::chrono::seconds(std::llround(probe.steps()[0].start_h * 3600.0));
  PINEAL_ASSIGN_OR_RETURN(LocalDateTime first_local, ToLocal(first, o.zone));
  PINEAL_ASSIGN_OR_RETURN(Instant t0, FromLocal(first_local.date, TimeOfDay{0}, o.zone));
  PINEAL_ASSIGN_OR_RETURN(auto light, circadian::ParseLuxCsv(text.str(), t0));
  PINEAL_ASSIGN_OR_RETURN(circadian::Model model, LoadCircadianModel(o.model));
  const circadian::SleepWakePattern habit{wake->minutes / 60.0, bed->minutes / 60.0, 250.0, 0.0};
  PINEAL_ASSIGN_OR_RETURN(circadian::StateVector y0, circadian::EntrainedState(model, habit));
  const double end = light.steps().back().start_h;
  PINEAL_ASSIGN_OR_RETURN(auto r, circadian::Simulate(model, y0, 0.0, end, light));
  auto clock = [&](double h) {
    return circadian::LocalClock(t0 + std::chrono::seconds(std::llround(h * 3600)), o.zone);
  };
  nlohmann::json days = nlohmann::json::array();
  std::string out = fmt::format(
      "Body clock from measured light ({}, {}), started entrained to "
      "sleep {}\n\n{:<12} {:>7} {:>7}\n",
      o.zone, model.id, o.sleep, "date", "DLMO", "CBTmin");
  for (double c : r.markers.cbtmin_h) {
    const auto dlmo = circadian::Nearest(r.markers.dlmo_h, c - 7.0);
    auto date = ToLocal(t0 + std::chrono::seconds(std::llround(c * 3600)), o.zone);
    if (!date.ok() || !dlmo) continue;
    out += fmt::format("{:<12} {:>7} {:>7}\n", FormatDate(date->date), clock(*dlmo), clock(c));
    days.push_back(
        {{"date", FormatDate(date->date)}, {"dlmo", clock(*dlmo)}, {"cbtmin", clock(c)}});
  }
  if (o.format == "json") {
    return nlohmann::json{{"zone", o.zone}, {"model", model.id}, {"days", days}}.dump(2) + "\n";
  }
  return out;
}

void RegisterCircadianCommand(CLI::App& root) {
  CLI::App* cmd = root.add_subcommand("circadian", "Circadian models: phase-response curves");
  cmd->require_subcommand(1);
  auto o = std::make_shared<PrcCommandOptions>();
  CLI::App* prc =
      cmd->add_subcommand("prc", "The model's phase-response curve to melatonin or light");
  prc->add_option("--dose", o->dose, "Melatonin dose, e.g. \"3 mg\" (melatonin PRC)");
  prc->add_flag("--light", o->light, "Light PRC instead (6.7 h, 10,000 lux)");
  prc->add_option("--formulation", o->formulation, "ir or pr")->capture_default_str();
  prc->add_option("--model", o->model, "Parameter set (default stowe2025 / fjk1999 for light)");
  prc->add_option("--step", o->step_h, "Spacing of stimulus times, h")->capture_default_str();
  prc->add_option("--format", o->format, "text, json or csv")->capture_default_str();
  auto ph = std::make_shared<PhaseCommandOptions>();
  CLI::App* phase = cmd->add_subcommand("phase", "Body clock from measured (wearable) light");
  phase->add_option("--light-csv", ph->light_csv, "CSV rows time,lux (ISO instants)")->required();
  phase->add_option("--zone", ph->zone, "Time zone of the person (IANA)")->required();
  phase->add_option("--sleep", ph->sleep, "Habitual sleep BED-WAKE (starting phase)")
      ->capture_default_str();
  phase->add_option("--model", ph->model, "Parameter set")->capture_default_str();
  phase->add_option("--format", ph->format, "text or json")->capture_default_str();
  phase->callback([ph]() {
    auto out = RunPhaseCommand(*ph);
    if (!out.ok()) {
      std::fprintf(stderr, "pineal circadian phase: %s\n", out.status().message().c_str());
      throw CLI::RuntimeError(2);
    }
    std::fputs(out->c_str(), stdout);
  });
  prc->callback([o]() {
    auto out = RunPrcCommand(*o);
    if (!out.ok()) {
      std::fprintf(stderr, "pineal circadian prc: %s\n", out.status().message().c_str());
      throw CLI::RuntimeError(2);
    }
    std::fputs(out->c_str(), stdout);
  });
}

}  // namespace pineal::cli
