// pineal monitor: a patient's monitoring loop from the command line — latest
// scores with their bands, open alerts, review dates, adherence and
// titration proposals; --propose asks the protocol for the next step (stored
// as a proposal awaiting a clinician's decision, never applied).
#include <cstdio>
#include <map>

#include "pineal/app/pineal_app.h"
#include "pineal/cli/commands.h"
#include "pineal/json/monitoring_json.h"
#include "pineal/store/open_store.h"

namespace pineal::cli {
namespace {

using nlohmann::json;

struct Options {
  DbOptions db;
  std::int64_t patient = 0;
  std::int64_t propose = 0;  // regimen id
  std::string format = "text";
};

std::string Percent(const std::optional<double>& p) {
  if (!p) return "-";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", *p);
  return buf;
}

void PrintText(const records::Patient& patient, const std::vector<records::Observation>& scores,
               const std::vector<store::AlertRecord>& alerts, const app::PatientReviews& reviews,
               const app::PatientQuestionnaires& questionnaires,
               const app::AdherenceAnswer& adherence,
               const std::vector<app::StoredProposal>& proposals) {
  std::printf("%s (patient %s, %s)\n\n", patient.display_name.c_str(),
              patient.id.ToString().c_str(), patient.time_zone.c_str());
  std::printf("Latest scores\n");
  std::map<std::string, const records::Observation*> latest;
  for (const auto& o : scores) {
    if (o.kind != records::ObservationKind::kInstrument) continue;
    auto& slot = latest[o.code];
    if (slot == nullptr || slot->observed_at <= o.observed_at) slot = &o;
  }
  if (latest.empty()) std::printf("  none\n");
  for (const auto& [code, o] : latest) {
    std::printf("  %-9s %5.0f  %-22s %s\n", code.c_str(), o->value.value_or(0),
                o->interpretation.c_str(), FormatInstant(o->observed_at).c_str());
  }
  std::printf("\nAlerts not yet resolved\n");
  int shown = 0;
  for (const auto& a : alerts) {
    if (a.status() == "resolved") continue;
    ++shown;
    std::printf("  [%s] %s (%s, alert %lld)\n    %s\n", a.severity.c_str(), a.title.c_str(),
                a.status().c_str(), static_cast<long long>(a.id), a.message.c_str());
  }
  if (shown == 0) std::printf("  none\n");
  std::printf("\nReviews\n");
  shown = 0;
  for (const auto& r : reviews.regimens) {
    for (const auto& d : r.schedule.due) {
      ++shown;
      std::printf(
          "  %s  %-10s regimen %s  %s%s\n", FormatDate(d.date).c_str(), r.substance.c_str(),
          r.regimen_id.ToString().c_str(), d.reason.c_str(),
          d.overdue ? (" - OVERDUE by " + std::to_string(d.days_overdue) + " days").c_str() : "");
    }
    for (const auto& n : r.schedule.notes)
      std::printf("  %s: %s\n", r.substance.c_str(), n.c_str());
  }
  if (shown == 0) std::printf("  none planned\n");
  std::printf("\nQuestionnaires\n");
  for (const auto& [due, def] : questionnaires.items) {
    std::string state = monitor::DueStateName(due.state);
    if (due.state == monitor::DueState::kOverdue) {
      state +=
          " by " + std::to_string(due.days_overdue) + (due.days_overdue == 1 ? " day" : " days");
    }
    std::printf("  %s  %-7s %-20s %s\n", FormatDate(due.date).c_str(), def->code.c_str(),
                state.c_str(), due.reason.c_str());
  }
  for (const auto& n : questionnaires.notes) std::printf("  %s\n", n.c_str());
  if (questionnaires.items.empty() && questionnaires.notes.empty()) std::printf("  none\n");
  const auto& t = adherence.report.total;
  std::printf(
      "\nAdherence %s to %s\n  %d of %d planned doses taken (%s; %d late, %d missed, "
      "%d skipped, %d extra, %d above the planned amount); threshold %.0f%%\n",
      FormatInstant(adherence.from).c_str(), FormatInstant(adherence.to).c_str(), t.taken,
      t.planned, Percent(t.percent_taken()).c_str(), t.taken_late, t.missed, t.skipped, t.extra,
      t.above_planned, adherence.threshold_percent);
  std::printf("\nTitration proposals\n");
  if (proposals.empty()) std::printf("  none\n");
  for (const auto& sp : proposals) {
    const auto& p = sp.proposal;
    const std::string status =
        sp.record.decision ? (sp.record.decision->decision == "approve" ? "approved" : "rejected")
                           : "awaiting a clinician's decision";
    std::printf("  proposal %lld, regimen %s v%d: %s %s -> %s per dose (%s)%s\n",
                static_cast<long long>(sp.record.id), p.regimen_id.ToString().c_str(),
                p.regimen_version, std::string(monitor::TitrationActionName(p.action)).c_str(),
                p.current_dose.ToString().c_str(), p.dose.ToString().c_str(), status.c_str(),
                p.urgent ? " URGENT" : "");
    std::printf("    protocol: %s\n", p.protocol_title.c_str());
    for (const auto& why : p.reasons) std::printf("    - %s\n", why.c_str());
    if (p.explicit_option) {
      std::printf("    (%s only as an explicit clinician decision)\n",
                  p.explicit_option->ToString().c_str());
    }
  }
}

}  // namespace

void RegisterMonitorCommand(CLI::App& root) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = root.add_subcommand(
      "monitor",
      "A patient's scores, alerts, reviews, questionnaires due, adherence and titration proposals");
  AddDbOption(*cmd, o->db);
  cmd->add_option("--patient", o->patient, "Patient id")->required()->check(CLI::PositiveNumber);
  cmd->add_option("--propose", o->propose,
                  "Ask the titration protocol for this regimen's next step (stored as a proposal "
                  "awaiting a decision)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--format", o->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->callback([o]() {
    auto store = store::OpenStore(o->db.location);
    if (!store.ok()) Fail(store.status().message());
    auto knowledge = app::LoadKnowledge();
    if (!knowledge.ok()) Fail(knowledge.status().message());
    SystemClock clock;
    app::PinealApp app(**store, clock, (*knowledge)->View());
    app::Actor actor;
    actor.name = "cli";
    const PatientId id(o->patient);
    auto patient = app.patients().GetPatient(actor, id);
    if (!patient.ok()) Fail(patient.status().message());
    if (o->propose > 0) {
      auto p = app.monitoring().ProposeTitration(actor, id, RegimenId(o->propose));
      if (!p.ok()) Fail(p.status().message());
    }
    auto observations = app::AllPages([&](const app::PageRequest& page) {
      return app.patients().ListObservations(actor, id, {}, false, page);
    });
    auto alerts = app::AllPages([&](const app::PageRequest& page) {
      return app.monitoring().ListAlerts(actor, id, "", page);
    });
    auto reviews = app.monitoring().Reviews(actor, id);
    auto questionnaires = app.monitoring().Questionnaires(actor, id);
    auto adherence = app.monitoring().Adherence(actor, id, {});
    auto proposals = app.monitoring().ListProposals(actor, id);
    for (const Status& st : {observations.status(), alerts.status(), reviews.status(),
                             questionnaires.status(), adherence.status(), proposals.status()}) {
      if (!st.ok()) Fail(st.message());
    }
    if (o->format == "json") {
      json out{{"patient_id", o->patient},
               {"alerts", json::array()},
               {"reviews", codec::PatientReviewsJson(*reviews)},
               {"questionnaires", codec::PatientQuestionnairesJson(*questionnaires)},
               {"adherence", codec::AdherenceJson(*adherence)},
               {"proposals", json::array()}};
      for (const auto& a : *alerts) out["alerts"].push_back(codec::AlertJson(a));
      for (const auto& p : *proposals) out["proposals"].push_back(codec::ProposalJson(p));
      std::printf("%s\n", out.dump(2).c_str());
      return;
    }
    PrintText(*patient, *observations, *alerts, *reviews, *questionnaires, *adherence, *proposals);
  });
}

}  // namespace pineal::cli
