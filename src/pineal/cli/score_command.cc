#include "pineal/cli/score_command.h"

#include <fmt/format.h>

#include <cstdio>
#include <iomanip>
#include <memory>
#include <sstream>

#include "pineal/core/paths.h"
#include "pineal/core/text.h"
#include "pineal/core/time.h"
#include "pineal/json/instrument_json.h"
#include "pineal/kb/instrument_catalog.h"
#include "pineal/app/responses.h"
#include "pineal/monitor/instrument_scoring.h"
#include "pineal/monitor/sleep_diary.h"

namespace pineal::cli {
namespace {

Status Bad(const std::string& message) { return Status::InvalidArgument(message); }

// "Kroenke K, Spitzer RL, Williams JB (2001). [title]. J Gen Intern Med 16:606-613. PMID 11556941"
std::string ReferenceText(const kb::InstrumentCatalog& c, const std::string& id) {
  const kb::Reference* r = c.FindReference(id);
  if (r == nullptr) return id;
  std::string out = r->authors + " (" + (r->year ? std::to_string(r->year) : "n.d.") + ").";
  if (!r->title.empty()) out += " " + r->title + ".";
  const std::string& where = r->journal.empty() ? r->document : r->journal;
  if (!where.empty()) out += " " + where + ".";
  if (!r->pmid.empty()) out += " PMID " + r->pmid + ".";
  if (!r->doi.empty()) out += " doi:" + r->doi + ".";
  return out;
}

void AppendReferences(std::ostringstream& out, const kb::InstrumentCatalog& c,
                      const std::vector<std::string>& refs) {
  for (const auto& id : refs) out << "Reference: " << ReferenceText(c, id) << "\n";
}

std::string ListText(const kb::InstrumentCatalog& c) {
  std::ostringstream out;
  out << std::left << std::setw(12) << "id" << std::setw(10) << "code" << std::setw(7) << "items"
      << std::setw(8) << "range" << std::setw(11) << "respondent"
      << "name\n";
  for (const auto& d : c.instruments) {
    out << std::setw(12) << d.id << std::setw(10) << d.code << std::setw(7) << d.items.size()
        << std::setw(8) << (std::to_string(d.min_total) + "-" + std::to_string(d.max_total))
        << std::setw(11) << kb::RespondentName(d.respondent) << d.name << "\n";
  }
  if (c.sleep_diary) {
    out << std::setw(12) << c.sleep_diary->id << std::setw(10) << c.sleep_diary->code
        << std::setw(7) << "diary" << std::setw(8) << "-" << std::setw(11) << "self"
        << c.sleep_diary->name << "\n";
  }
  return out.str();
}

std::string ListJson(const kb::InstrumentCatalog& c) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& d : c.instruments) list.push_back(codec::InstrumentDefToJson(d));
  nlohmann::json j = {{"instruments", std::move(list)}};
  if (c.sleep_diary) {
    j["sleep_diary"] = {{"id", c.sleep_diary->id},
                        {"code", c.sleep_diary->code},
                        {"name", c.sleep_diary->name},
                        {"refs", c.sleep_diary->refs}};
  }
  return j.dump(2) + "\n";
}

std::string ScoreText(const monitor::InstrumentScore& s, const kb::InstrumentDef& def,
                      const kb::InstrumentCatalog& c) {
  std::ostringstream out;
  out << def.code << "  " << def.name << "\n";
  out << "Total: " << s.total << " (range " << s.min_total << "-" << s.max_total;
  if (s.prorated) out << "; prorated from " << s.raw_sum << " over " << s.answered << " items";
  out << ")\n";
  if (s.band) {
    out << "Band: " << s.band->label << " (" << s.band->from << "-" << s.band->to << "; severity "
        << kb::SeverityLevelName(s.band->severity) << ")\n";
  } else {
    out << "Band: none" << (def.no_bands_note.empty() ? "" : " (" + def.no_bands_note + ")")
        << "\n";
  }
  for (const auto& sub : s.subscores) out << "Subscore " << sub.label << ": " << sub.total << "\n";
  out << "Answered: " << s.answered << " of " << def.items.size();
  if (s.missing > 0)
    out << " (missing: " << fmt::format("{}", fmt::join(s.missing_items, ", ")) << ")";
  out << "\n";
  if (s.flags.empty()) out << "Flags: none\n";
  for (const auto& f : s.flags) {
    std::string level = f.level;
    for (char& ch : level) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    out << "Flag " << level << ": " << f.message << " [" << f.item_id << " = " << f.value << "]\n";
  }
  AppendReferences(out, c, def.refs);
  return out.str();
}

Result<std::string> ScoreInstrumentCommand(const ScoreOptions& o, const kb::InstrumentCatalog& c,
                                           const kb::InstrumentDef& def) {
  for (const auto& [given, name] : {std::pair{!o.bed.empty(), "--bed"},
                                    {!o.tried.empty(), "--tried"},
                                    {!o.wake.empty(), "--wake"},
                                    {!o.up.empty(), "--up"},
                                    {o.sol_min.has_value(), "--sol"},
                                    {o.waso_min.has_value(), "--waso"},
                                    {o.awakenings.has_value(), "--awakenings"},
                                    {o.quality.has_value(), "--quality"}}) {
    if (given) return Bad(std::string(name) + " belongs to sleep-diary, not to " + def.code);
  }
  if (!o.answers_given) {
    return Bad(def.code + " needs --answers: " + std::to_string(def.items.size()) +
               " values in item order (\"1,2,0,...\") or by item (\"" + def.items.front().id +
               "=2,...\")");
  }
  PINEAL_ASSIGN_OR_RETURN(auto score, app::ScoreStandalone(def, o.answers));
  if (o.format == "json") return codec::InstrumentScoreToJson(score, def).dump(2) + "\n";
  return ScoreText(score, def, c);
}

Result<TimeOfDay> ClockOption(const std::string& text, const char* name) {
  if (text.empty()) return Bad(std::string("sleep-diary needs ") + name + " HH:MM");
  auto t = ParseTimeOfDay(text);
  if (!t.ok()) return Bad(std::string(name) + ": " + t.status().message());
  return t;
}

std::string Minutes(int m) {
  return std::to_string(m) + " min (" + std::to_string(m / 60) + " h " + std::to_string(m % 60) +
         " min)";
}

Result<std::string> SleepDiaryCommand(const ScoreOptions& o, const kb::InstrumentCatalog& c) {
  const kb::SleepDiaryDef& def = *c.sleep_diary;
  if (o.answers_given)
    return Bad("--answers is for instruments; sleep-diary takes --bed, --tried, ...");
  monitor::SleepDiaryEntry e;
  PINEAL_ASSIGN_OR_RETURN(e.into_bed, ClockOption(o.bed, "--bed"));
  PINEAL_ASSIGN_OR_RETURN(e.tried_to_sleep, ClockOption(o.tried, "--tried"));
  PINEAL_ASSIGN_OR_RETURN(e.final_awakening, ClockOption(o.wake, "--wake"));
  PINEAL_ASSIGN_OR_RETURN(e.out_of_bed, ClockOption(o.up, "--up"));
  if (!o.sol_min) return Bad("sleep-diary needs --sol MINUTES (minutes to fall asleep)");
  if (!o.waso_min) return Bad("sleep-diary needs --waso MINUTES (minutes awake after sleep onset)");
  e.sleep_onset_latency_min = *o.sol_min;
  e.wake_after_sleep_onset_min = *o.waso_min;
  e.awakenings = o.awakenings;
  e.quality = o.quality;
  PINEAL_ASSIGN_OR_RETURN(auto night, app::DeriveNightStandalone(def, e));
  if (o.format == "json") return codec::SleepNightToJson(night, def).dump(2) + "\n";
  std::ostringstream out;
  out << def.name << ": one night" << (night.crosses_midnight ? " (crossing midnight)" : "")
      << "\n";
  out << "Time in bed: " << Minutes(night.time_in_bed_min) << "\n"
      << "Total sleep time: " << Minutes(night.total_sleep_time_min) << "\n"
      << "Sleep-onset latency: " << night.sleep_onset_latency_min << " min\n"
      << "Wake after sleep onset: " << night.wake_after_sleep_onset_min << " min\n"
      << "Sleep efficiency: " << std::fixed << std::setprecision(1) << night.sleep_efficiency_pct
      << "%\n";
  if (night.awakenings) out << "Awakenings: " << *night.awakenings << "\n";
  if (night.quality) out << "Quality: " << *night.quality << " (1 very poor - 5 very good)\n";
  if (night.flags.empty()) out << "Flags: none (no disturbed-sleep threshold crossed)\n";
  for (const auto& f : night.flags) out << "Flag: " << f.label << "\n";
  AppendReferences(out, c, def.refs);
  return out.str();
}

}  // namespace

Result<std::string> RunScore(const ScoreOptions& o) {
  if (o.format != "text" && o.format != "json") {
    return Bad("--format is '" + o.format + "'; allowed: text, json");
  }
  const std::string root = o.knowledge_dir.empty() ? KnowledgeDir() : o.knowledge_dir;
  PINEAL_ASSIGN_OR_RETURN(auto catalog,
                          kb::LoadInstruments(std::filesystem::path(root) / "instruments"));
  if (o.list) {
    if (!o.instrument.empty()) return Bad("--list takes no instrument");
    return o.format == "json" ? ListJson(catalog) : ListText(catalog);
  }
  if (o.instrument.empty()) return Bad("name an instrument (see pineal score --list)");
  if (const kb::InstrumentDef* def = catalog.Find(o.instrument)) {
    return ScoreInstrumentCommand(o, catalog, *def);
  }
  if (catalog.sleep_diary) {
    const std::string lower = AsciiLower(o.instrument);
    const std::string code = AsciiLower(catalog.sleep_diary->code);
    if (lower == catalog.sleep_diary->id || lower == code) return SleepDiaryCommand(o, catalog);
  }
  std::vector<std::string> ids;
  for (const auto& d : catalog.instruments) ids.push_back(d.id);
  if (catalog.sleep_diary) ids.push_back(catalog.sleep_diary->id);
  return Status::NotFound("no instrument '" + o.instrument +
                          "'; known: " + fmt::format("{}", fmt::join(ids, ", ")));
}

void RegisterScoreCommand(CLI::App& root) {
  auto o = std::make_shared<ScoreOptions>();
  CLI::App* cmd =
      root.add_subcommand("score", "Score a monitoring instrument or a sleep-diary night");
  cmd->add_option("instrument", o->instrument,
                  "instrument id or code (isi, PHQ-9, cows, sleep-diary)");
  cmd->add_option_function<std::string>(
      "--answers",
      [o](const std::string& v) {
        o->answers = v;
        o->answers_given = true;
      },
      "answers in item order \"1,2,0,3\" (empty field = unanswered) or by item "
      "\"item1=2,item9=0\"");
  cmd->add_flag("--list", o->list, "list the instruments");
  cmd->add_option("--format", o->format, "text or json")->capture_default_str();
  cmd->add_option("--knowledge", o->knowledge_dir,
                  "knowledge directory (default: the built-in one)");
  cmd->add_option("--bed", o->bed, "sleep diary: time got into bed, HH:MM");
  cmd->add_option("--tried", o->tried, "sleep diary: time tried to sleep, HH:MM");
  cmd->add_option("--wake", o->wake, "sleep diary: time of final awakening, HH:MM");
  cmd->add_option("--up", o->up, "sleep diary: time got out of bed, HH:MM");
  cmd->add_option_function<int>(
      "--sol", [o](const int& v) { o->sol_min = v; }, "sleep diary: minutes to fall asleep");
  cmd->add_option_function<int>(
      "--waso", [o](const int& v) { o->waso_min = v; },
      "sleep diary: minutes awake after sleep onset");
  cmd->add_option_function<int>(
      "--awakenings", [o](const int& v) { o->awakenings = v; },
      "sleep diary: number of awakenings");
  cmd->add_option_function<int>(
      "--quality", [o](const int& v) { o->quality = v; },
      "sleep diary: sleep quality, 1 very poor to 5 very good");
  cmd->callback([o]() {
    auto out = RunScore(*o);
    if (!out.ok()) {
      std::fprintf(stderr, "pineal score: %s\n", out.status().message().c_str());
      throw CLI::RuntimeError(2);
    }
    std::fwrite(out->data(), 1, out->size(), stdout);
  });
}

}  // namespace pineal::cli
