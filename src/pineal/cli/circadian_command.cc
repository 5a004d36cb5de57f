#include "pineal/cli/circadian_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "pineal/circadian/phase.h"
#include "pineal/circadian/prc.h"
#include "pineal/app/circadian_phase.h"
#include "pineal/core/quantity.h"
#include "pineal/json/circadian_json.h"
#include "pineal/kb/circadian_params.h"

namespace pineal::cli {
namespace {

std::string RenderPrc(const app::PrcResult& prc, const std::string& format) {
  const auto& curve = prc.curve;
  const std::string& title = prc.title;
  const std::string& axis = prc.relative_to;
  const circadian::Model& m = prc.model;
  const circadian::PrcExtremes e = circadian::Extremes(curve);
  if (format == "json") return codec::PrcJson(prc).dump(2) + "\n";
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

Result<const kb::CircadianCatalog*> CircadianCatalog() {
  static const Result<kb::CircadianCatalog>* catalog =
      new Result<kb::CircadianCatalog>(kb::LoadDefaultCircadianCatalog());
  if (!catalog->ok()) return catalog->status();
  return &catalog->value();
}

Result<std::string> RunPrcCommand(const PrcCommandOptions& o) {
  if (o.format != "text" && o.format != "json" && o.format != "csv") {
    return Status::InvalidArgument("--format must be text, json or csv", "format");
  }
  PINEAL_ASSIGN_OR_RETURN(const kb::CircadianCatalog* catalog, CircadianCatalog());
  app::PrcSpec spec = o.spec;
  spec.style.prefix = "--";
  PINEAL_ASSIGN_OR_RETURN(app::PrcResult prc, app::ComputePrc(*catalog, spec));
  return RenderPrc(prc, o.format);
}

Result<std::string> RunPhaseCommand(const PhaseCommandOptions& o) {
  if (o.format != "text" && o.format != "json") {
    return Status::InvalidArgument("--format must be text or json", "format");
  }
  std::ifstream in(o.light_csv);
  if (!in) return Status::InvalidArgument("--light-csv: cannot read " + o.light_csv, "light_csv");
  std::stringstream text;
  text << in.rdbuf();
  PINEAL_ASSIGN_OR_RETURN(const kb::CircadianCatalog* catalog, CircadianCatalog());
  PINEAL_ASSIGN_OR_RETURN(
      app::PhaseEstimate estimate,
      app::EstimatePhase(*catalog, {text.str(), o.zone, o.sleep, o.model, app::FieldStyle{"--"}}));
  if (o.format == "json") return codec::PhaseEstimateJson(estimate).dump(2) + "\n";
  std::string out = fmt::format(
      "Body clock from measured light ({}, {}), started entrained to "
      "sleep {}\n\n{:<12} {:>7} {:>7}\n",
      estimate.zone, estimate.model_id, o.sleep, "date", "DLMO", "CBTmin");
  for (const auto& d : estimate.days) {
    out += fmt::format("{:<12} {:>7} {:>7}\n", FormatDate(d.date), d.dlmo, d.cbtmin);
  }
  return out;
}

void RegisterCircadianCommand(CLI::App& root) {
  CLI::App* cmd = root.add_subcommand("circadian", "Circadian models: phase-response curves");
  cmd->require_subcommand(1);
  auto o = std::make_shared<PrcCommandOptions>();
  CLI::App* prc =
      cmd->add_subcommand("prc", "The model's phase-response curve to melatonin or light");
  prc->add_option("--dose", o->spec.dose, "Melatonin dose, e.g. \"3 mg\" (melatonin PRC)");
  prc->add_flag("--light", o->spec.light, "Light PRC instead (6.7 h, 10,000 lux)");
  prc->add_option("--formulation", o->spec.formulation, "ir or pr")->capture_default_str();
  prc->add_option("--model", o->spec.model,
                  "Parameter set (default stowe2025 / fjk1999 for light)");
  prc->add_option("--step", o->spec.step_h, "Spacing of stimulus times, h")->capture_default_str();
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
