#include "pineal/cli/simulate_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pineal/cli/simulate_render.h"
#include "pineal/core/quantity.h"
#include "pineal/core/time.h"
#include "pineal/kb/pk_model_loader.h"
#include "pineal/pk/render_csv.h"
#include "pineal/pk/render_svg.h"
#include "pineal/pk/render_text.h"
#include "pineal/pk/simulate.h"

namespace pineal::cli {
namespace {

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "pineal simulate: %s\n", message.c_str());
  throw CLI::RuntimeError(2);
}

Status Bad(const std::string& option, const std::string& what) {
  return Status::InvalidArgument(option + ": " + what, option);
}

double ClockHours(TimeOfDay t) { return t.minutes / 60.0; }

// "15 mg/g", "15mg/g" or "1.5 %" (of the leaf mass).
Result<double> ParseContent(const std::string& text) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    return Bad("--content",
               "'" + text + "' is not a number with a unit; e.g. \"15 mg/g\" or \"1.5%\"");
  }
  std::string unit = text.substr(used);
  unit.erase(0, unit.find_first_not_of(' '));
  if (unit == "mg/g") return value;
  if (unit == "%") return value * 10.0;
  return Bad("--content", "unit '" + unit + "' not allowed; use mg/g or % (e.g. \"15 mg/g\")");
}

Result<double> ParseHours(const std::string& option, const std::string& text) {
  auto d = Duration::Parse(text);
  if (!d.ok()) return Bad(option, d.status().message());
  if (!(d->base() > 0)) return Bad(option, "must be longer than 0");
  return d->base();
}

template <typename T>
Status Read(const nlohmann::json& j, const char* key, T& out, const char* expected) {
  if (!j.contains(key)) return Status::Ok();
  try {
    out = j.at(key).get<T>();
  } catch (const nlohmann::json::exception&) {
    return Bad("--patient", std::string("'") + key + "' must be " + expected);
  }
  return Status::Ok();
}

// {"age_years": 70, "sex": "female", "weight_kg": 60, "smoker": false,
//  "comedications": ["fluvoxamine"], "hepatic_impairment": false, "fed": false,
//  "wake_time": "07:00"}
Status ReadPatient(const std::string& path, pk::PatientCovariates& p, std::string& wake) {
  std::ifstream in(path);
  if (!in) return Bad("--patient", "cannot read " + path);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    return Bad("--patient", path + " is not valid JSON: " + e.what());
  }
  if (!j.is_object()) return Bad("--patient", path + " must hold a JSON object");
  static const char* kKeys[] = {"age_years",          "sex", "weight_kg", "smoker", "comedications",
                                "hepatic_impairment", "fed", "wake_time"};
  for (const auto& [key, value] : j.items()) {
    if (std::none_of(std::begin(kKeys), std::end(kKeys), [&](const char* k) { return key == k; })) {
      return Bad("--patient", "unknown field '" + key +
                                  "'; allowed: age_years, sex, weight_kg, "
                                  "smoker, comedications, hepatic_impairment, fed, wake_time");
    }
  }
  double age = -1, weight = -1;
  std::string sex;
  PINEAL_RETURN_IF_ERROR(Read(j, "age_years", age, "a number"));
  PINEAL_RETURN_IF_ERROR(Read(j, "weight_kg", weight, "a number (kg)"));
  PINEAL_RETURN_IF_ERROR(Read(j, "sex", sex, "\"female\", \"male\" or \"other\""));
  PINEAL_RETURN_IF_ERROR(Read(j, "smoker", p.smoker, "true or false"));
  PINEAL_RETURN_IF_ERROR(Read(j, "fed", p.fed, "true or false"));
  PINEAL_RETURN_IF_ERROR(Read(j, "hepatic_impairment", p.hepatic_impairment, "true or false"));
  PINEAL_RETURN_IF_ERROR(Read(j, "comedications", p.comedications, "a list of names"));
  PINEAL_RETURN_IF_ERROR(Read(j, "wake_time", wake, "a clock time such as \"07:00\""));
  if (j.contains("age_years")) p.age_years = age;
  if (j.contains("weight_kg")) p.weight_kg = weight;
  if (!sex.empty()) p.sex = sex;
  return Status::Ok();
}

Status ReadMissed(const std::string& text, std::vector<pk::DoseEvent>& doses) {
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    int n = 0;
    try {
      std::size_t used = 0;
      n = std::stoi(item, &used);
      if (item.find_first_not_of(' ', used) != std::string::npos) throw std::invalid_argument(item);
    } catch (const std::exception&) {
      return Bad("--missed", "'" + item + "' is not a dose number");
    }
    if (n < 1 || n > static_cast<int>(doses.size())) {
      return Bad("--missed", fmt::format("dose {} does not exist; the regimen has doses 1 to {}", n,
                                         doses.size()));
    }
    doses[n - 1].taken = false;
  }
  return Status::Ok();
}

Result<pk::SimulationRequest> BuildRequest(const SimulateOptions& o, std::string& title) {
  pk::SimulationRequest r;
  r.substance = o.substance;
  r.formulation = o.formulation;
  r.variant = o.variant;
  auto dose = Mass::Parse(o.dose);
  if (!dose.ok()) return Bad("--dose", dose.status().message());
  auto at = ParseTimeOfDay(o.at);
  if (!at.ok()) return Bad("--at", at.status().message());
  r.start_clock_h = ClockHours(*at);
  std::string wake = o.wake;
  if (!o.patient_file.empty()) PINEAL_RETURN_IF_ERROR(ReadPatient(o.patient_file, r.patient, wake));
  if (!wake.empty()) {
    auto w = ParseTimeOfDay(wake);
    if (!w.ok()) return Bad("--wake", w.status().message());
    r.wake_clock_h = ClockHours(*w);
  }
  if (!o.content.empty()) {
    PINEAL_ASSIGN_OR_RETURN(double content, ParseContent(o.content));
    r.content_mg_per_g = content;
  }
  if (!o.threshold.empty()) {
    auto c = Concentration::Parse(o.threshold);
    if (!c.ok()) return Bad("--threshold", c.status().message());
    r.threshold_mg_per_l = c->base();
  }
  int count = 1;
  double every = 24.0;
  if (!o.every.empty()) {
    PINEAL_ASSIGN_OR_RETURN(every, ParseHours("--every", o.every));
    double span = 14 * 24.0;
    if (!o.for_duration.empty()) {
      PINEAL_ASSIGN_OR_RETURN(span, ParseHours("--for", o.for_duration));
    }
    const double n = std::floor(span / every - 1e-9) + 1;
    if (n > 5000) return Bad("--for", "more than 5,000 doses; shorten the regimen");
    count = static_cast<int>(n);
  } else if (!o.for_duration.empty()) {
    return Bad("--for", "needs --every (how often the dose is taken)");
  }
  r.doses = pk::RegularDoses(0.0, every, count, dose->base());
  if (!o.missed.empty()) PINEAL_RETURN_IF_ERROR(ReadMissed(o.missed, r.doses));
  r.subjects = o.subjects;
  r.seed = o.seed;
  r.threads = o.threads;
  title = fmt::format("{} {}{} at {}", o.substance, dose->ToString(),
                      o.formulation.empty() ? "" : " " + o.formulation, FormatTimeOfDay(*at));
  if (count > 1) title += fmt::format(", every {} x {} doses", o.every, count);
  if (r.patient.age_years) title += fmt::format(", age {:g}", *r.patient.age_years);
  if (r.patient.sex) title += ", " + *r.patient.sex;
  return r;
}

}  // namespace

Result<std::string> RunSimulate(const SimulateOptions& o) {
  static const char* kFormats[] = {"text", "json", "csv", "svg"};
  if (std::none_of(std::begin(kFormats), std::end(kFormats),
                   [&](const char* f) { return o.format == f; })) {
    return Bad("--format", "'" + o.format + "' is not one of text, json, csv, svg");
  }
  std::string title;
  PINEAL_ASSIGN_OR_RETURN(pk::SimulationRequest request, BuildRequest(o, title));
  PINEAL_ASSIGN_OR_RETURN(kb::PkCatalog catalog, kb::LoadDefaultPkCatalog());
  const bool bar = o.progress && o.subjects >= 2000 && isatty(STDERR_FILENO) == 1;
  if (bar) {
    request.progress = [](double f) {
      const int filled = static_cast<int>(f * 30);
      std::fprintf(stderr, "\rsimulating [%s%s] %3d%%", std::string(filled, '#').c_str(),
                   std::string(30 - filled, '.').c_str(), static_cast<int>(f * 100));
      if (f >= 1.0) std::fprintf(stderr, "\n");
      std::fflush(stderr);
    };
  }
  PINEAL_ASSIGN_OR_RETURN(pk::SimulationResult result, pk::Simulate(catalog, request));
  pk::RenderOptions ro;
  ro.title = title;
  if (o.format == "json") return RenderSimulationJson(result, title);
  if (o.format == "csv") return pk::RenderCsv(result);
  if (o.format == "svg") return pk::RenderSvg(result, ro);
  return pk::RenderText(result, ro);
}

void RegisterSimulateCommand(CLI::App& root) {
  auto o = std::make_shared<SimulateOptions>();
  CLI::App* cmd = root.add_subcommand(
      "simulate", "Predict plasma concentrations for a regimen (typical patient and population)");
  cmd->add_option("--substance", o->substance, "melatonin or kratom")->required();
  cmd->add_option("--dose", o->dose,
                  "amount per dose, e.g. \"3 mg\"; for kratom the mass of leaf, e.g. \"2 g\"")
      ->required();
  cmd->add_option("--formulation", o->formulation, "melatonin: ir (default) or pr; kratom: leaf");
  cmd->add_option("--content", o->content,
                  "kratom: mitragynine content of the product, e.g. \"15 mg/g\" or \"1.5%\"");
  cmd->add_option("--at", o->at, "clock time of the first dose")->capture_default_str();
  cmd->add_option("--every", o->every, "dosing interval, e.g. 24h or 8h (default: one dose)");
  cmd->add_option("--for", o->for_duration, "regimen length with --every, e.g. 14d (default 14d)");
  cmd->add_option("--missed", o->missed, "dose numbers not taken, e.g. \"3,5\"");
  cmd->add_option("--patient", o->patient_file,
                  "JSON file: age_years, sex, weight_kg, smoker, comedications, "
                  "hepatic_impairment, fed, wake_time");
  cmd->add_option("--wake", o->wake, "wake time for the next-morning residual (default 07:00)");
  cmd->add_option("--variant", o->variant, "alternative parameter set of the model");
  cmd->add_option("--threshold", o->threshold, "report time above, e.g. \"1000 pg/mL\"");
  cmd->add_option("--subjects", o->subjects, "simulated population size (0: typical only)")
      ->capture_default_str();
  cmd->add_option("--seed", o->seed, "random seed of the population")->capture_default_str();
  cmd->add_option("--threads", o->threads, "threads for the population (0: all)");
  cmd->add_option("--format", o->format, "text, json, csv or svg")->capture_default_str();
  cmd->add_option("-o,--output", o->output, "write to this file instead of standard output");
  cmd->callback([o]() {
    auto out = RunSimulate(*o);
    if (!out.ok()) Fail(out.status().message());
    if (o->output.empty()) {
      std::fwrite(out->data(), 1, out->size(), stdout);
      return;
    }
    std::ofstream file(o->output, std::ios::binary);
    file << *out;
    if (!file) Fail("cannot write " + o->output);
  });
}

}  // namespace pineal::cli
