#include "pineal/cli/check_command.h"

#include <algorithm>

#include <memory>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "pineal/app/screening.h"
#include "pineal/core/clock.h"
#include "pineal/core/paths.h"
#include "pineal/json/json_reader.h"
#include "pineal/json/safety_json.h"
#include "pineal/kb/catalog_loader.h"

namespace pineal::cli {
namespace {

// Exit codes: 0 nothing blocks; kCheckExitBlocking (1) at least one finding
// needs a clinician's override; 2 the input or the knowledge base is bad.
constexpr int kCheckExitBlocking = 1;

[[noreturn]] void CheckFail(const std::string& message) {
  std::fprintf(stderr, "pineal check: %s\n", message.c_str());
  throw CLI::RuntimeError(2);
}

// The file's JSON, strictly parsed (a repeated key is an error naming it).
nlohmann::json ReadJsonFile(const std::string& path, const std::string& what) {
  std::ifstream in(path);
  if (!in) CheckFail("cannot open " + what + " file '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  auto j = codec::ParseJson(text.str());
  if (!j.ok()) CheckFail(what + " file '" + path + "': " + FieldMessage(j.status()));
  return std::move(j).value();
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// "Smith A. 2020." without doubled full stops ("et al..", "n.d..").
void AddSentence(std::string& out, const std::string& text) {
  if (text.empty()) return;
  if (!out.empty()) out += " ";
  out += text;
  if (out.back() != '.') out += ".";
}

std::string CitationText(const kb::Reference& r) {
  std::string out;
  AddSentence(out, r.authors);
  AddSentence(out, r.year ? std::to_string(r.year) : std::string("n.d."));
  AddSentence(out, r.title);
  AddSentence(out, r.journal);
  AddSentence(out, r.document);
  if (!r.pmid.empty()) AddSentence(out, "PMID " + r.pmid);
  if (!r.doi.empty()) AddSentence(out, "doi:" + r.doi);
  AddSentence(out, r.pmc);
  return out;
}

struct Options {
  std::string patient_file;
  std::string regimen_file;
  std::string format = "text";
  std::string knowledge_dir;
  std::string now;
};

void Run(const Options& o) {
  nlohmann::json patient_json = ReadJsonFile(o.patient_file, "patient");
  auto fail = [&](const std::string& file, const Status& st) {
    CheckFail("file '" + file + "': " + FieldMessage(st));
  };
  // The patient file may carry its regimens and screening time beside the
  // snapshot's fields; every other key must be a snapshot field.
  std::vector<safety::ProposedRegimen> regimens;
  std::string now_text = o.now;
  if (patient_json.is_object()) {
    if (auto it = patient_json.find("regimens"); it != patient_json.end()) {
      auto r = codec::RegimensFromJson(*it);
      if (!r.ok()) fail(o.patient_file, r.status());
      regimens = std::move(r).value();
      patient_json.erase(it);
    }
    if (auto it = patient_json.find("now"); it != patient_json.end()) {
      if (!it->is_string())
        fail(o.patient_file, Status::InvalidArgument("must be an ISO 8601 time", "now"));
      if (now_text.empty()) now_text = it->get<std::string>();
      patient_json.erase(it);
    }
  }
  auto patient = codec::PatientFromJson(patient_json);
  if (!patient.ok()) fail(o.patient_file, patient.status());
  if (!o.regimen_file.empty()) {
    auto r = codec::RegimensFromJson(ReadJsonFile(o.regimen_file, "regimen"), "regimen");
    if (!r.ok()) fail(o.regimen_file, r.status());
    for (auto& x : std::move(r).value()) regimens.push_back(std::move(x));
  }
  std::unique_ptr<Clock> clock = std::make_unique<SystemClock>();
  if (!now_text.empty()) {
    auto t = ParseInstant(now_text);
    if (!t.ok()) CheckFail("--now: " + t.status().message());
    clock = std::make_unique<FixedClock>(*t);
  }
  const std::string dir = o.knowledge_dir.empty() ? KnowledgeDir() : o.knowledge_dir;
  auto catalog = kb::LoadCatalog(dir);
  if (!catalog.ok()) CheckFail(catalog.status().message());
  // The patient file's regimens come first, then the regimen file's.
  auto screened = app::ScreenStandalone(*catalog, *patient, regimens, *clock, "regimens");
  if (!screened.ok()) CheckFail(FieldMessage(screened.status()));
  const std::vector<safety::Finding>& findings = *screened;
  if (o.format == "json") {
    std::cout << codec::ScreeningToJson(findings, *catalog).dump(2) << "\n";
  } else {
    std::cout << RenderFindingsText(*catalog, findings);
  }
  std::cout.flush();
  // A script must not read a blocked regimen as a clean one.
  const bool blocked = std::any_of(findings.begin(), findings.end(),
                                   [](const safety::Finding& f) { return f.blocking(); });
  if (blocked) throw CLI::RuntimeError(kCheckExitBlocking);
}

}  // namespace

std::string RenderFindingsText(const kb::Catalog& catalog,
                               const std::vector<safety::Finding>& findings) {
  std::ostringstream out;
  const auto top = safety::TopSeverity(findings);
  std::size_t blocking = 0;
  for (const auto& f : findings) blocking += f.blocking() ? 1 : 0;
  out << "Safety screening: " << findings.size()
      << (findings.size() == 1 ? " finding" : " findings");
  if (top) out << ", highest severity " << kb::SeverityName(*top);
  out << "; " << blocking << " blocking (need a clinician override with a reason)\n";
  if (findings.empty()) {
    out << "\nNo interactions, contraindications or dose concerns were found in the knowledge "
           "base.\n";
    return out.str();
  }
  std::map<std::string, int> ref_numbers;
  std::vector<std::string> ref_order;
  auto number = [&](const std::string& id) {
    auto [it, inserted] = ref_numbers.emplace(id, static_cast<int>(ref_order.size()) + 1);
    if (inserted) ref_order.push_back(id);
    return it->second;
  };
  std::optional<kb::Severity> group;
  for (const auto& f : findings) {
    if (!group || *group != f.severity) {
      group = f.severity;
      std::size_t count = 0;
      for (const auto& g : findings) count += g.severity == f.severity ? 1 : 0;
      out << "\n" << Upper(kb::SeverityName(f.severity)) << " (" << count << ")\n";
    }
    out << "  " << (f.blocking() ? "[BLOCKS] " : "") << f.title << "\n";
    out << "    " << safety::FindingKindLabel(f.kind) << " | rule " << f.rule_id;
    if (f.likelihood) out << " | likelihood " << kb::LikelihoodName(*f.likelihood);
    if (f.evidence) out << " | evidence " << kb::EvidenceLevelName(*f.evidence);
    out << "\n    " << f.message << "\n";
    if (!f.mechanism.empty()) out << "    Mechanism: " << f.mechanism << "\n";
    out << "    Action: " << f.action << "\n";
    if (!f.refs.empty()) {
      out << "    References:";
      for (const auto& r : f.refs) out << " [" << number(r) << "]";
      out << "\n";
    }
    if (f.blocking()) out << "    Override key: " << f.key << "\n";
  }
  if (!ref_order.empty()) {
    out << "\nReferences\n";
    for (std::size_t i = 0; i < ref_order.size(); ++i) {
      const kb::Reference* r = catalog.FindReference(ref_order[i]);
      out << "  [" << i + 1 << "] " << ref_order[i] << ": "
          << (r ? CitationText(*r) : std::string("(not in the knowledge base)")) << "\n";
    }
  }
  return out.str();
}

void RegisterCheckCommand(CLI::App& root) {
  auto options = std::make_shared<Options>();
  CLI::App* cmd = root.add_subcommand(
      "check",
      "Screen a patient's regimens against the knowledge base (dose, interactions, "
      "contraindications, combinations)");
  cmd->add_option("--patient", options->patient_file,
                  "Patient snapshot JSON (see knowledge/README.md)")
      ->required();
  cmd->add_option("--regimen", options->regimen_file,
                  "Proposed regimen JSON: one object or a list");
  cmd->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("--knowledge", options->knowledge_dir,
                  "Knowledge directory (default: $PINEAL_KNOWLEDGE_DIR or the source tree's)");
  cmd->add_option("--now", options->now,
                  "Screening time, e.g. 2026-03-01T08:00:00Z (default: the patient's \"now\" or "
                  "the current time)");
  cmd->footer(
      "Exit status: 0 when no finding blocks; 1 when at least one finding blocks (major or "
      "contraindicated: it needs a clinician's override with a reason); 2 when an input file or "
      "the knowledge base is bad.");
  cmd->callback([options] { Run(*options); });
}

}  // namespace pineal::cli
