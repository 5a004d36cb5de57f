#include "pineal/cli/plan_command.h"

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>

#include "pineal/app/circadian_plans.h"
#include "pineal/cli/circadian_command.h"
#include "pineal/json/circadian_json.h"
#include "pineal/core/clock.h"
#include "pineal/core/quantity.h"

namespace pineal::cli {
namespace {

Status CheckFormat(const std::string& f, bool svg) {
  if (f == "text" || f == "json" || f == "ics" || (svg && f == "svg")) return Status::Ok();
  return Status::InvalidArgument("--format: '" + f +
                                     (svg ? "' not allowed; use text, json, ics or svg"
                                          : "' not allowed; use text, json or ics"),
                                 "--format");
}

void Emit(const std::string& text, const std::string& output, const char* command) {
  if (output.empty()) {
    std::fputs(text.c_str(), stdout);
    return;
  }
  std::ofstream f(output, std::ios::binary);
  f << text;
  if (!f) {
    std::fprintf(stderr, "pineal %s: cannot write %s\n", command, output.c_str());
    throw CLI::RuntimeError(2);
  }
}

void AddCommon(CLI::App* cmd, app::PlanCommonSpec& o, PlanOutputOptions& out, bool svg) {
  cmd->add_option("--sleep", o.sleep, "Habitual sleep, local BED-WAKE")->capture_default_str();
  cmd->add_option("--earliest-bed", o.earliest_bed, "Never propose bed before (local)")
      ->capture_default_str();
  cmd->add_option("--latest-wake", o.latest_wake, "Never propose waking after (local)")
      ->capture_default_str();
  cmd->add_option("--doses", o.doses, "Melatonin doses the plan may choose from")
      ->capture_default_str();
  cmd->add_option("--melatonin-days", o.melatonin_days, "At most this many days of melatonin")
      ->capture_default_str();
  cmd->add_flag("--no-melatonin", o.no_melatonin, "Plan without melatonin");
  cmd->add_flag("--no-light", o.no_light, "Plan without bright-light windows");
  cmd->add_flag("--melatonin-in-sleep", o.melatonin_in_sleep,
                "Allow a pill inside the planned sleep window (e.g. on waking at night)");
  cmd->add_option("--indoor-lux", o.indoor_lux, "Typical waking light")->capture_default_str();
  cmd->add_option("--bright-lux", o.bright_lux, "Light when seeking light")->capture_default_str();
  cmd->add_option("--dim-lux", o.dim_lux, "Light when avoiding light")->capture_default_str();
  cmd->add_option("--model", o.model, "Planning model (parameter set)")->capture_default_str();
  cmd->add_option("--format", out.format, svg ? "text, json, ics or svg" : "text, json or ics")
      ->capture_default_str();
  cmd->add_option("--output", out.output, "Write to this file instead of stdout");
}

}  // namespace

Result<std::string> RunJetLagCommand(const JetLagCommandOptions& o, Instant now) {
  PINEAL_RETURN_IF_ERROR(CheckFormat(o.out.format, true));
  PINEAL_ASSIGN_OR_RETURN(const kb::CircadianCatalog* catalog, CircadianCatalog());
  app::JetLagSpec spec = o.spec;
  spec.style.prefix = "--";
  PINEAL_ASSIGN_OR_RETURN(circadian::JetLagPlan plan, app::PlanTrip(*catalog, spec));
  if (o.out.format == "json") return codec::JetLagPlanJson(plan).dump(2) + "\n";
  return app::RenderTrip(plan, o.out.format, now);
}

Result<std::string> RunShiftCommand(const ShiftCommandOptions& o, Instant now) {
  PINEAL_RETURN_IF_ERROR(CheckFormat(o.out.format, false));
  if (o.rota_file.empty())
    return Status::InvalidArgument("--rota: a rota file is required", "--rota");
  std::ifstream in(o.rota_file);
  if (!in) return Status::InvalidArgument("--rota: cannot read " + o.rota_file, "--rota");
  std::stringstream text;
  text << in.rdbuf();
  PINEAL_ASSIGN_OR_RETURN(const kb::CircadianCatalog* catalog, CircadianCatalog());
  app::ShiftSpec spec = o.spec;
  spec.rota_csv = text.str();
  spec.style.prefix = "--";
  PINEAL_ASSIGN_OR_RETURN(circadian::RotaPlan plan, app::PlanShifts(*catalog, spec));
  if (o.out.format == "json") return codec::RotaPlanJson(plan).dump(2) + "\n";
  return app::RenderShifts(plan, o.out.format, now);
}

void RegisterPlanCommand(CLI::App& root) {
  CLI::App* cmd = root.add_subcommand("plan", "Circadian plans: jet lag and shift work");
  cmd->require_subcommand(1);
  auto j = std::make_shared<JetLagCommandOptions>();
  CLI::App* jet = cmd->add_subcommand("jetlag", "Plan light, sleep and melatonin for a flight");
  jet->add_option("--from", j->spec.from, "Origin time zone (IANA, e.g. America/New_York)")
      ->required();
  jet->add_option("--to", j->spec.to, "Destination time zone (IANA, e.g. Europe/Paris)")
      ->required();
  jet->add_option("--depart", j->spec.depart, "Departure, local at origin: \"2026-12-01 18:00\"")
      ->required();
  jet->add_option("--arrive", j->spec.arrive, "Arrival, local at destination")->required();
  jet->add_option("--dlmo", j->spec.dlmo, "Measured DLMO at home (HH:MM), if known");
  jet->add_option("--pre-days", j->spec.pre_days, "Adjustment days before departure, at most")
      ->capture_default_str();
  jet->add_option("--days", j->spec.days, "Days shown after arrival")->capture_default_str();
  jet->add_option("--cross-check", j->spec.cross_check, "Light-only model run on the plan, or none")
      ->capture_default_str();
  AddCommon(jet, j->spec.common, j->out, true);
  jet->callback([j]() {
    auto out = RunJetLagCommand(*j, SystemClock().Now());
    if (!out.ok()) {
      std::fprintf(stderr, "pineal plan jetlag: %s\n", out.status().message().c_str());
      throw CLI::RuntimeError(2);
    }
    Emit(*out, j->out.output, "plan jetlag");
  });
  auto s = std::make_shared<ShiftCommandOptions>();
  CLI::App* shift =
      cmd->add_subcommand("shift", "Plan sleep, light and melatonin for a shift rota");
  shift->add_option("--rota", s->rota_file, "CSV: date,HH:MM-HH:MM or date,off per row")
      ->required();
  shift->add_option("--zone", s->spec.zone, "Time zone of the rota (IANA)")->required();
  shift->add_option("--commute,--commute-h", s->spec.commute_h, "Hours between work and bed")
      ->capture_default_str();
  AddCommon(shift, s->spec.common, s->out, false);
  shift->callback([s]() {
    auto out = RunShiftCommand(*s, SystemClock().Now());
    if (!out.ok()) {
      std::fprintf(stderr, "pineal plan shift: %s\n", out.status().message().c_str());
      throw CLI::RuntimeError(2);
    }
    Emit(*out, s->out.output, "plan shift");
  });
}

}  // namespace pineal::cli
