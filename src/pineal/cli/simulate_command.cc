#include "pineal/cli/simulate_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pineal/app/pineal_app.h"
#include "pineal/app/simulation_spec.h"
#include "pineal/json/json_reader.h"
#include "pineal/json/simulation_json.h"
#include "pineal/core/quantity.h"
#include "pineal/core/time.h"
#include "pineal/kb/pk_model_loader.h"
#include "pineal/store/open_store.h"

namespace pineal::cli {
namespace {

[[noreturn]] void SimulateFail(const std::string& message) {
  std::fprintf(stderr, "pineal simulate: %s\n", message.c_str());
  throw CLI::RuntimeError(2);
}

Status Bad(const std::string& option, const std::string& what) {
  return Status::InvalidArgument(option + ": " + what, option);
}

Status ReadPatient(const std::string& path, app::SimulationSpec& spec) {
  std::ifstream in(path);
  if (!in) return Bad("--patient", "cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  auto parsed = codec::ParseJson(text.str());
  if (!parsed.ok()) return Bad("--patient", path + ": " + FieldMessage(parsed.status()));
  const nlohmann::json& j = *parsed;
  std::string wake;
  Status st = codec::CovariatesFromJson(j, "", &spec.patient, &wake);
  if (!st.ok()) return Bad("--patient", path + ": '" + st.field() + "' " + st.message());
  if (spec.wake.empty()) spec.wake = wake;
  return Status::Ok();
}

bool IsPatientId(const std::string& text) {
  return !text.empty() && text.size() <= 18 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// --patient 12: the covariates of patient 12 in the database, as of today
// (age, weight, sex, smoking, current medicines, hepatic impairment).
Status ReadPatientRecord(const std::string& id_text, const std::string& db,
                         app::SimulationSpec& spec, std::string* name) {
  const bool url = db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
  if (!url && !std::filesystem::exists(db)) {
    return Bad("--db", "no database at " + db + "; give --db with the clinic's database");
  }
  PINEAL_ASSIGN_OR_RETURN(auto store, store::OpenStore(db));
  PINEAL_ASSIGN_OR_RETURN(auto knowledge, app::LoadKnowledge());
  SystemClock clock;
  app::PinealApp app(*store, clock, knowledge->View());
  app::Actor actor;
  actor.name = "cli";
  const PatientId id(std::stoll(id_text));
  auto patient = app.patients().GetPatient(actor, id);
  if (patient.status().code() == StatusCode::kNotFound) {
    return Bad("--patient", "no patient " + id_text + " in " + db);
  }
  PINEAL_RETURN_IF_ERROR(patient.status());
  PINEAL_ASSIGN_OR_RETURN(spec.patient, app.modelling().PatientCovariates(actor, id));
  *name = patient->display_name;
  return Status::Ok();
}

Status ReadMissed(const std::string& text, std::vector<int>& missed) {
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    try {
      std::size_t used = 0;
      missed.push_back(std::stoi(item, &used));
      if (item.find_first_not_of(' ', used) != std::string::npos) throw std::invalid_argument(item);
    } catch (const std::exception&) {
      return Bad("--missed", "'" + item + "' is not a dose number");
    }
  }
  return Status::Ok();
}

Result<app::SimulationSpec> SpecOf(const SimulateOptions& o, std::string* patient_name) {
  app::SimulationSpec s;
  s.field_prefix = "--";
  s.substance = o.substance;
  s.dose = o.dose;
  s.formulation = o.formulation;
  s.content = o.content;
  s.at = o.at;
  s.every = o.every;
  s.for_duration = o.for_duration;
  s.wake = o.wake;
  s.variant = o.variant;
  s.threshold = o.threshold;
  s.subjects = o.subjects;
  s.seed = o.seed;
  s.threads = o.threads;
  if (!o.missed.empty()) PINEAL_RETURN_IF_ERROR(ReadMissed(o.missed, s.missed));
  if (IsPatientId(o.patient)) {
    PINEAL_RETURN_IF_ERROR(ReadPatientRecord(o.patient, o.db, s, patient_name));
  } else if (!o.patient.empty()) {
    PINEAL_RETURN_IF_ERROR(ReadPatient(o.patient, s));
  }
  return s;
}

}  // namespace

Result<std::string> RunSimulate(const SimulateOptions& o) {
  static const char* kFormats[] = {"text", "json", "csv", "svg"};
  if (std::none_of(std::begin(kFormats), std::end(kFormats),
                   [&](const char* f) { return o.format == f; })) {
    return Bad("--format", "'" + o.format + "' is not one of text, json, csv, svg");
  }
  std::string title, patient_name;
  PINEAL_ASSIGN_OR_RETURN(app::SimulationSpec spec, SpecOf(o, &patient_name));
  PINEAL_ASSIGN_OR_RETURN(kb::PkCatalog catalog, kb::LoadDefaultPkCatalog());
  std::function<void(double)> progress;
  if (o.progress && o.subjects >= 2000 && isatty(STDERR_FILENO) == 1) {
    progress = [](double f) {
      const int filled = static_cast<int>(f * 30);
      std::fprintf(stderr, "\rsimulating [%s%s] %3d%%", std::string(filled, '#').c_str(),
                   std::string(30 - filled, '.').c_str(), static_cast<int>(f * 100));
      if (f >= 1.0) std::fprintf(stderr, "\n");
      std::fflush(stderr);
    };
  }
  PINEAL_ASSIGN_OR_RETURN(pk::SimulationResult result,
                          app::SimulateStandalone(catalog, spec, std::move(progress), &title));
  if (!patient_name.empty()) title = patient_name + ": " + title;
  if (o.format == "json") return codec::RenderSimulationJson(result, title);
  return app::RenderSimulation(result, o.format, title);
}

void RegisterSimulateCommand(CLI::App& root) {
  auto o = std::make_shared<SimulateOptions>();
  CLI::App* cmd = root.add_subcommand(
      "simulate", "Predict plasma concentrations for a regimen (typical patient and population)");
  cmd->add_option("--substance", o->substance, "melatonin or kratom")->required();
  cmd->add_option("--dose", o->dose,
                  "amount per dose, e.g. \"3 mg\"; for kratom the mass of leaf, e.g. \"2 g\"")
      ->required();
  cmd->add_option("--formulation", o->formulation,
                  "melatonin: ir (default), pr or surge_sustained; kratom: leaf");
  cmd->add_option("--content", o->content,
                  "kratom: mitragynine content of the product, e.g. \"15 mg/g\" or \"1.5%\"");
  cmd->add_option("--at", o->at, "clock time of the first dose")->capture_default_str();
  cmd->add_option("--every", o->every, "dosing interval, e.g. 24h or 8h (default: one dose)");
  cmd->add_option("--for", o->for_duration, "regimen length with --every, e.g. 14d (default 14d)");
  cmd->add_option("--missed", o->missed, "dose numbers not taken, e.g. \"3,5\"");
  cmd->add_option("--patient", o->patient,
                  "a patient id (the record in --db gives the covariates), or a JSON file: "
                  "age_years, sex, weight_kg, smoker, comedications, hepatic_impairment, fed, "
                  "wake_time");
  cmd->add_option("--db", o->db, "the database a patient id is read from")->capture_default_str();
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
    if (!out.ok()) SimulateFail(out.status().message());
    if (o->output.empty()) {
      std::fwrite(out->data(), 1, out->size(), stdout);
      return;
    }
    std::ofstream file(o->output, std::ios::binary);
    file << *out;
    if (!file) SimulateFail("cannot write " + o->output);
  });
}

}  // namespace pineal::cli
