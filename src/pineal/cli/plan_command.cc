#include "pineal/cli/plan_command.h"

#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pineal/circadian/jetlag_planner.h"
#include "pineal/circadian/plan_format.h"
#include "pineal/circadian/rota_planner.h"
#include "pineal/cli/circadian_command.h"
#include "pineal/core/quantity.h"

namespace pineal::cli {
namespace {

using circadian::PlanDay;
using nlohmann::json;

Status Bad(const std::string& option, const std::string& what) {
  return Status::InvalidArgument(option + ": " + what, option);
}

Result<TimeOfDay> Clock(const std::string& option, const std::string& text) {
  auto t = ParseTimeOfDay(text);
  if (!t.ok()) return Bad(option, t.status().message() + " (expected HH:MM)");
  return *t;
}

// "2026-12-01 18:00" (or with 'T') in `zone`.
Result<Instant> LocalDateTimeIn(const std::string& option, const std::string& text,
                                const std::string& zone) {
  const size_t sep = text.find_first_of(" T");
  if (sep == std::string::npos) {
    return Bad(option, "'" + text + "' is not a local date and time like \"2026-12-01 18:00\"");
  }
  auto date = ParseDate(text.substr(0, sep));
  if (!date.ok()) return Bad(option, date.status().message());
  PINEAL_ASSIGN_OR_RETURN(TimeOfDay t, Clock(option, text.substr(sep + 1)));
  auto at = FromLocal(*date, t, zone);
  if (!at.ok()) return Bad(option, at.status().message());
  return *at;
}

Status FillOptions(const PlanCommonOptions& c, circadian::PlanOptions& o, TimeOfDay& bed,
                   TimeOfDay& wake) {
  const size_t dash = c.sleep.find('-');
  if (dash == std::string::npos) return Bad("--sleep", "expected BED-WAKE like 23:00-07:00");
  PINEAL_ASSIGN_OR_RETURN(bed, Clock("--sleep", c.sleep.substr(0, dash)));
  PINEAL_ASSIGN_OR_RETURN(wake, Clock("--sleep", c.sleep.substr(dash + 1)));
  PINEAL_ASSIGN_OR_RETURN(o.earliest_bedtime, Clock("--earliest-bed", c.earliest_bed));
  PINEAL_ASSIGN_OR_RETURN(o.latest_waketime, Clock("--latest-wake", c.latest_wake));
  o.allow_melatonin = !c.no_melatonin;
  o.allow_bright_light = !c.no_light;
  o.allow_melatonin_in_sleep = c.melatonin_in_sleep;
  o.max_melatonin_days = c.melatonin_days;
  o.light = {c.indoor_lux, c.bright_lux, c.dim_lux};
  o.dose_options_mg.clear();
  std::stringstream ss(c.doses);
  for (std::string item; std::getline(ss, item, ',');) {
    auto m = Mass::Parse(item);
    if (!m.ok()) return Bad("--doses", m.status().message());
    o.dose_options_mg.push_back(m->base());
  }
  PINEAL_ASSIGN_OR_RETURN(o.limits, LoadJetLagLimits());
  return Status::Ok();
}

Status CheckFormat(const std::string& f, bool svg) {
  if (f == "text" || f == "json" || f == "ics" || (svg && f == "svg")) return Status::Ok();
  return Bad("--format", "'" + f +
                             (svg ? "' not allowed; use text, json, ics or svg"
                                  : "' not allowed; use text, json or ics"));
}

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

std::string JetLagJson(const circadian::JetLagPlan& p) {
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
           {"cross_check", Optional(p.days_to_reentrain_cross_check)}}},
         {"model", {{"id", p.model_id}, {"refs", p.model_refs}}},
         {"cross_check_model", p.cross_check_model_id},
         {"candidates_evaluated", p.candidates_evaluated},
         {"days", Days(p.days)},
         {"notes", p.notes}};
  return j.dump(2) + "\n";
}

std::string RotaJson(const circadian::RotaPlan& p) {
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
  return j.dump(2) + "\n";
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

void AddCommon(CLI::App* cmd, PlanCommonOptions& o, bool svg) {
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
  cmd->add_option("--format", o.format, svg ? "text, json, ics or svg" : "text, json or ics")
      ->capture_default_str();
  cmd->add_option("--output", o.output, "Write to this file instead of stdout");
}

}  // namespace

Result<circadian::JetLagRequest> MakeJetLagRequest(const JetLagCommandOptions& o) {
  circadian::JetLagRequest r;
  if (o.from.empty() || o.to.empty()) return Bad("--from/--to", "both zones are required");
  PINEAL_RETURN_IF_ERROR(ValidateTimeZone(o.from).WithFieldPrefix("--from"));
  PINEAL_RETURN_IF_ERROR(ValidateTimeZone(o.to).WithFieldPrefix("--to"));
  PINEAL_ASSIGN_OR_RETURN(Instant depart, LocalDateTimeIn("--depart", o.depart, o.from));
  PINEAL_ASSIGN_OR_RETURN(Instant arrive, LocalDateTimeIn("--arrive", o.arrive, o.to));
  r.legs.push_back({o.from, o.to, depart, arrive});
  PINEAL_RETURN_IF_ERROR(FillOptions(o.common, r.options, r.habitual_bedtime, r.habitual_waketime));
  if (!o.dlmo.empty()) {
    PINEAL_ASSIGN_OR_RETURN(TimeOfDay dlmo, Clock("--dlmo", o.dlmo));
    r.measured_dlmo = dlmo;
  }
  r.max_pre_days = o.pre_days;
  r.days_after_arrival = o.days;
  PINEAL_ASSIGN_OR_RETURN(r.model, LoadCircadianModel(o.common.model));
  if (!o.cross_check.empty() && o.cross_check != "none") {
    PINEAL_ASSIGN_OR_RETURN(r.cross_check, LoadCircadianModel(o.cross_check));
  }
  return r;
}

Result<std::string> RunJetLagCommand(const JetLagCommandOptions& o, Instant now) {
  PINEAL_RETURN_IF_ERROR(CheckFormat(o.common.format, true));
  PINEAL_ASSIGN_OR_RETURN(circadian::JetLagRequest r, MakeJetLagRequest(o));
  PINEAL_ASSIGN_OR_RETURN(circadian::JetLagPlan plan, circadian::PlanJetLag(r));
  const std::string& f = o.common.format;
  if (f == "json") return JetLagJson(plan);
  if (f == "ics") return circadian::FormatJetLagIcs(plan, now);
  if (f == "svg") return circadian::FormatJetLagSvg(plan);
  return circadian::FormatJetLagText(plan);
}

Result<std::string> RunShiftCommand(const ShiftCommandOptions& o, Instant now) {
  PINEAL_RETURN_IF_ERROR(CheckFormat(o.common.format, false));
  if (o.rota_file.empty()) return Bad("--rota", "a rota file is required");
  std::ifstream in(o.rota_file);
  if (!in) return Bad("--rota", "cannot read " + o.rota_file);
  std::stringstream text;
  text << in.rdbuf();
  circadian::RotaRequest r;
  PINEAL_ASSIGN_OR_RETURN(r.shifts, circadian::ParseRotaCsv(text.str()));
  r.zone = o.zone;
  r.commute_h = o.commute_h;
  PINEAL_RETURN_IF_ERROR(FillOptions(o.common, r.options, r.habitual_bedtime, r.habitual_waketime));
  PINEAL_ASSIGN_OR_RETURN(r.model, LoadCircadianModel(o.common.model));
  PINEAL_ASSIGN_OR_RETURN(circadian::RotaPlan plan, circadian::PlanRota(r));
  if (o.common.format == "json") return RotaJson(plan);
  if (o.common.format == "ics") return circadian::FormatPlanIcs(plan.days, "shift rota", now);
  return circadian::FormatRotaText(plan);
}

void RegisterPlanCommand(CLI::App& root) {
  CLI::App* cmd = root.add_subcommand("plan", "Circadian plans: jet lag and shift work");
  cmd->require_subcommand(1);
  auto j = std::make_shared<JetLagCommandOptions>();
  CLI::App* jet = cmd->add_subcommand("jetlag", "Plan light, sleep and melatonin for a flight");
  jet->add_option("--from", j->from, "Origin time zone (IANA, e.g. America/New_York)")->required();
  jet->add_option("--to", j->to, "Destination time zone (IANA, e.g. Europe/Paris)")->required();
  jet->add_option("--depart", j->depart, "Departure, local at origin: \"2026-12-01 18:00\"")
      ->required();
  jet->add_option("--arrive", j->arrive, "Arrival, local at destination")->required();
  jet->add_option("--dlmo", j->dlmo, "Measured DLMO at home (HH:MM), if known");
  jet->add_option("--pre-days", j->pre_days, "Adjustment days before departure, at most")
      ->capture_default_str();
  jet->add_option("--days", j->days, "Days shown after arrival")->capture_default_str();
  jet->add_option("--cross-check", j->cross_check, "Light-only model run on the plan, or none")
      ->capture_default_str();
  AddCommon(jet, j->common, true);
  jet->callback([j]() {
    auto out = RunJetLagCommand(
        *j, std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    if (!out.ok()) {
      std::fprintf(stderr, "pineal plan jetlag: %s\n", out.status().message().c_str());
      throw CLI::RuntimeError(2);
    }
    Emit(*out, j->common.output, "plan jetlag");
  });
  auto s = std::make_shared<ShiftCommandOptions>();
  CLI::App* shift =
      cmd->add_subcommand("shift", "Plan sleep, light and melatonin for a shift rota");
  shift->add_option("--rota", s->rota_file, "CSV: date,HH:MM-HH:MM or date,off per row")
      ->required();
  shift->add_option("--zone", s->zone, "Time zone of the rota (IANA)")->required();
  shift->add_option("--commute", s->commute_h, "Hours between work and bed")->capture_default_str();
  AddCommon(shift, s->common, false);
  shift->callback([s]() {
    auto out = RunShiftCommand(
        *s, std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    if (!out.ok()) {
      std::fprintf(stderr, "pineal plan shift: %s\n", out.status().message().c_str());
      throw CLI::RuntimeError(2);
    }
    Emit(*out, s->common.output, "plan shift");
  });
}

}  // namespace pineal::cli
