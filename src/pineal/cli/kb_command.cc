#include "pineal/cli/kb_command.h"

#include <cstdio>
#include <iostream>
#include <sstream>

#include "pineal/json/safety_json.h"
#include "pineal/core/paths.h"
#include "pineal/kb/catalog_loader.h"
#include "pineal/kb/names.h"

namespace pineal::cli {
namespace {

[[noreturn]] void KbFail(const std::string& message) {
  std::fprintf(stderr, "pineal kb: %s\n", message.c_str());
  throw CLI::RuntimeError(2);
}

std::string JoinText(const std::vector<std::string>& v, std::string_view sep = ", ") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

std::string ScaleText(const kb::BandScale& scale) {
  std::vector<std::string> parts;
  for (const auto& b : scale.bands) {
    std::string range = b.from == 0.0 && b.to ? "up to " + b.to_text
                        : b.to                ? b.from_text + " to " + b.to_text
                                              : "above " + b.from_text;
    std::string part = range + " " + std::string(kb::BandLevelLabel(b.level));
    if (b.severity) part += " (" + std::string(kb::SeverityName(*b.severity)) + ")";
    parts.push_back(part);
  }
  return JoinText(parts, "; ");
}

struct ShowOptions {
  std::string name;
  std::string format = "text";
  std::string knowledge_dir;
};

kb::Catalog LoadOrFail(const std::string& dir_option) {
  const std::string dir = dir_option.empty() ? KnowledgeDir() : dir_option;
  auto catalog = kb::LoadCatalog(dir);
  if (!catalog.ok()) KbFail(catalog.status().message());
  return std::move(catalog).value();
}

void Show(const ShowOptions& o) {
  const kb::Catalog catalog = LoadOrFail(o.knowledge_dir);
  if (auto s = catalog.ResolveSubstance(o.name)) {
    if (o.format == "json") {
      std::cout << codec::SubstanceToJson(catalog, *s).dump(2) << "\n";
    } else {
      std::cout << RenderSubstanceText(catalog, *s);
    }
    return;
  }
  if (auto c = catalog.ClassIndexOf(kb::NormalizeName(o.name))) {
    const kb::SubstanceClass& cls = catalog.substance_class(*c);
    std::vector<std::string> members;
    for (auto m : catalog.MembersOf(*c)) members.push_back(catalog.substance(m).name);
    if (o.format == "json") {
      std::cout << nlohmann::json{{"id", cls.id},
                                  {"name", cls.name},
                                  {"description", cls.description},
                                  {"members", members},
                                  {"includes", cls.includes},
                                  {"refs", cls.refs}}
                       .dump(2)
                << "\n";
    } else {
      std::cout << cls.name << "  (class " << cls.id << ")\n"
                << cls.description << "\nMembers: " << JoinText(members)
                << "\nReferences: " << JoinText(cls.refs) << "\n";
    }
    return;
  }
  std::vector<std::string> similar;
  const std::string needle = kb::NormalizeName(o.name);
  for (const auto& sub : catalog.substances()) {
    if (!needle.empty() &&
        kb::NormalizeName(sub.name).find(needle.substr(0, 4)) != std::string::npos) {
      similar.push_back(sub.name);
    }
  }
  KbFail("no substance or class named '" + o.name + "' in the knowledge base" +
         (similar.empty() ? std::string() : " (similar: " + JoinText(similar) + ")"));
}

void Lint(const std::string& dir_option) {
  const std::string dir = dir_option.empty() ? KnowledgeDir() : dir_option;
  const kb::LintReport report = kb::LintKnowledgeDir(dir);
  const std::string summary = std::to_string(report.error_count()) + " error(s), " +
                              std::to_string(report.warning_count()) + " warning(s) in " + dir;
  if (!report.ok()) {
    std::fprintf(stderr, "%s", report.ToString().c_str());
    KbFail("lint failed: " + summary);
  }
  std::cout << report.ToString();
  auto catalog = kb::LoadCatalog(dir);
  if (!catalog.ok()) KbFail(catalog.status().message());
  std::size_t bands = 0;
  for (const auto& t : catalog->band_tables()) {
    bands +=
        (t.per_dose ? t.per_dose->bands.size() : 0) + (t.per_day ? t.per_day->bands.size() : 0);
  }
  std::cout << "ok: " << summary << "\n"
            << "  " << catalog->substances().size() << " substances, " << catalog->classes().size()
            << " classes, " << catalog->conditions().size() << " conditions, "
            << catalog->contraindications().size() << " contraindications, "
            << catalog->interactions().size() << " interactions, " << catalog->combinations().size()
            << " combination rules, " << catalog->band_tables().size() << " dose-band tables ("
            << bands << " bands), " << catalog->regimen_rules().size() << " regimen rules, "
            << catalog->references().size() << " references\n";
}

}  // namespace

std::string RenderSubstanceText(const kb::Catalog& catalog, kb::SubstanceIndex s) {
  const kb::Substance& sub = catalog.substance(s);
  std::ostringstream out;
  out << sub.name << "  (id " << sub.id << ", " << sub.kind << ")\n";
  std::vector<std::string> codes;
  for (const auto& c : sub.codes) codes.push_back(c.system + " " + c.code);
  out << "Codes: " << JoinText(codes, "; ") << "\n";
  if (!sub.synonyms.empty()) out << "Synonyms: " << JoinText(sub.synonyms) << "\n";
  if (!sub.brands.empty()) out << "Brands: " << JoinText(sub.brands) << "\n";
  std::vector<std::string> classes;
  for (auto c : catalog.ClassesOf(s)) classes.push_back(catalog.substance_class(c).id);
  if (!classes.empty()) out << "Classes: " << JoinText(classes) << "\n";
  std::vector<std::string> forms;
  for (const auto& f : sub.formulations) forms.push_back(f.id);
  if (!forms.empty())
    out << "Formulations: " << JoinText(forms) << " (default " << sub.default_formulation << ")\n";
  if (sub.potency) {
    out << "Potency: content of " << sub.potency->content_of;
    if (sub.potency->default_content_mg_per_g) {
      out << ", assumed " << *sub.potency->default_content_mg_per_g << " mg/g";
    }
    if (sub.potency->content_low_mg_per_g && sub.potency->content_high_mg_per_g) {
      out << " (range " << *sub.potency->content_low_mg_per_g << "-"
          << *sub.potency->content_high_mg_per_g << " mg/g)";
    }
    if (sub.potency->unknown) out << "; unknown-potency rule " << sub.potency->unknown->rule_id;
    out << "\n";
  }
  if (!sub.note.empty()) out << "Note: " << sub.note << "\n";
  if (!catalog.BandTablesFor(s).empty()) {
    out << "\nDose bands\n";
    for (std::uint32_t t : catalog.BandTablesFor(s)) {
      const kb::BandTable& table = catalog.band_tables()[t];
      std::vector<std::string> pops;
      for (auto p : table.populations) pops.emplace_back(kb::PopulationName(p));
      out << "  " << table.id << ": " << JoinText(pops);
      if (table.age_min_years || table.age_below_years) {
        out << " aged " << table.age_min_years.value_or(0) << " to "
            << (table.age_below_years
                    ? "under " + std::to_string(static_cast<int>(*table.age_below_years))
                    : std::string("any"));
      }
      if (!table.formulations.empty()) out << "; " << JoinText(table.formulations);
      if (!table.indications.empty()) {
        std::vector<std::string> inds;
        for (auto i : table.indications) inds.emplace_back(kb::IndicationLabel(i));
        out << "; for " << JoinText(inds);
      }
      if (table.basis == kb::DoseBasis::kMitragynine) out << "; amounts of mitragynine";
      out << "\n";
      if (table.per_dose) out << "    per dose: " << ScaleText(*table.per_dose) << "\n";
      if (table.per_day) out << "    per day:  " << ScaleText(*table.per_day) << "\n";
    }
  }
  if (!catalog.ContraindicationsFor(s).empty()) {
    out << "\nContraindications and cautions\n";
    for (std::uint32_t c : catalog.ContraindicationsFor(s)) {
      const auto& ci = catalog.contraindications()[c];
      out << "  [" << kb::SeverityName(ci.severity) << "] " << ci.id << ": " << ci.message << " ("
          << JoinText(ci.refs) << ")\n";
    }
  }
  const auto interactions = catalog.InteractionsInvolving(s);
  if (!interactions.empty()) {
    out << "\nInteractions\n";
    for (const auto* ix : interactions) {
      const std::string other = catalog.Matches(s, ix->a) ? ix->b : ix->a;
      out << "  [" << kb::SeverityName(ix->severity) << ", " << kb::LikelihoodName(ix->likelihood)
          << ", evidence " << kb::EvidenceLevelName(ix->evidence) << "] " << ix->id << " with "
          << other << ": " << ix->consequence << " (" << JoinText(ix->refs) << ")\n";
    }
  }
  const auto combos = catalog.CombinationsInvolving(s);
  if (!combos.empty()) {
    out << "\nCombination rules\n";
    for (const auto* c : combos) {
      out << "  [" << kb::SeverityName(c->severity) << "] " << c->id << ": " << c->title << "\n";
    }
  }
  return out.str();
}

void RegisterKbCommand(CLI::App& root) {
  CLI::App* kb_cmd = root.add_subcommand("kb", "Browse and check the knowledge base");
  kb_cmd->require_subcommand(1);

  auto show = std::make_shared<ShowOptions>();
  CLI::App* show_cmd =
      kb_cmd->add_subcommand("show", "Show a substance (name, synonym or brand) or class");
  show_cmd->add_option("substance", show->name, "Substance name, synonym, brand or class id")
      ->required();
  show_cmd->add_option("--format", show->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  show_cmd->add_option("--knowledge", show->knowledge_dir, "Knowledge directory");
  show_cmd->callback([show] { Show(*show); });

  auto dir = std::make_shared<std::string>();
  CLI::App* lint_cmd =
      kb_cmd->add_subcommand("lint", "Check a knowledge directory; exit code 2 when it has errors");
  lint_cmd->add_option("dir", *dir, "Knowledge directory (default: the configured one)");
  lint_cmd->callback([dir] { Lint(*dir); });
}

}  // namespace pineal::cli
