// Follow-up review actions and titration proposals with their decisions:
// append-only rows (a proposal's decision is a row of its own, at most one).
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "pineal/store/sqlite/connection.h"
#include "pineal/store/sqlite/sqlite_guard.h"
#include "pineal/store/sqlite/sqlite_rows.h"

namespace pineal::store {
namespace {

using namespace sqlite;  // NOLINT: private row helpers

ReviewAction ReadReviewAction(SQLite::Statement& q) {
  ReviewAction r;
  r.id = q.getColumn("id").getInt64();
  r.patient_id = PatientId(q.getColumn("patient_id").getInt64());
  r.regimen_id = RegimenId(q.getColumn("regimen_id").getInt64());
  r.due = ColDate(q, "due");
  r.action = ColText(q, "action");
  r.date = ColOptDate(q, "on_date");
  r.note = ColText(q, "note");
  r.provenance = ColProvenance(q);
  return r;
}

constexpr const char* kProposalSelect =
    "SELECT p.*, d.decision, d.reason, d.regimen_version AS decided_version, d.decided_at, "
    "d.decided_by FROM titration_proposals p LEFT JOIN titration_decisions d ON "
    "d.proposal_id = p.id";

ProposalRecord ReadProposal(SQLite::Statement& q) {
  ProposalRecord p;
  p.id = q.getColumn("id").getInt64();
  p.patient_id = PatientId(q.getColumn("patient_id").getInt64());
  p.regimen_id = RegimenId(q.getColumn("regimen_id").getInt64());
  p.regimen_version = q.getColumn("regimen_version").getInt();
  p.action = ColText(q, "action");
  p.proposal_json = ColText(q, "proposal_json");
  p.provenance = ColProvenance(q);
  if (!q.getColumn("decision").isNull()) {
    ProposalDecision d;
    d.decision = ColText(q, "decision");
    d.reason = ColText(q, "reason");
    if (auto v = ColOptInt(q, "decided_version")) d.regimen_version = static_cast<int>(*v);
    d.at = ColInstant(q, "decided_at");
    d.by = ColText(q, "decided_by");
    p.decision = std::move(d);
  }
  return p;
}

}  // namespace

Result<std::int64_t> SqliteStore::InsertReviewAction(const ReviewAction& r) {
  return Guarded("insert review action", [&]() -> Result<std::int64_t> {
    PINEAL_RETURN_IF_ERROR(ExistsForPatient("regimens", r.regimen_id.value(), r.patient_id)
                               .WithFieldPrefix("regimen_id"));
    Query ins(*db_,
              "INSERT INTO review_actions(patient_id, regimen_id, due, action, on_date, "
              "note, created_at, created_by) VALUES (:p, :r, :due, :a, :d, :n, :ca, "
              ":cb)");
    ins.bind(":p", r.patient_id.value());
    ins.bind(":r", r.regimen_id.value());
    BindDate(ins, ":due", r.due);
    BindText(ins, ":a", r.action);
    BindOptDate(ins, ":d", r.date);
    BindText(ins, ":n", r.note);
    BindInstant(ins, ":ca", r.provenance.created_at);
    BindText(ins, ":cb", r.provenance.created_by);
    ins.exec();
    return db_->getLastInsertRowid();
  });
}

Result<std::vector<ReviewAction>> SqliteStore::ListReviewActions(PatientId patient) {
  return Guarded("list review actions", [&]() -> Result<std::vector<ReviewAction>> {
    Query q(*db_, "SELECT * FROM review_actions WHERE patient_id = ? ORDER BY id");
    q.bind(1, patient.value());
    std::vector<ReviewAction> out;
    while (q.executeStep()) out.push_back(ReadReviewAction(q));
    return out;
  });
}

Result<std::int64_t> SqliteStore::InsertProposal(const ProposalRecord& p) {
  return Guarded("insert titration proposal", [&]() -> Result<std::int64_t> {
    PINEAL_RETURN_IF_ERROR(ExistsForPatient("regimens", p.regimen_id.value(), p.patient_id)
                               .WithFieldPrefix("regimen_id"));
    Query ins(*db_,
              "INSERT INTO titration_proposals(patient_id, regimen_id, regimen_version, "
              "action, proposal_json, created_at, created_by) VALUES (:p, :r, :v, :a, "
              ":j, :ca, :cb)");
    ins.bind(":p", p.patient_id.value());
    ins.bind(":r", p.regimen_id.value());
    ins.bind(":v", p.regimen_version);
    BindText(ins, ":a", p.action);
    BindText(ins, ":j", p.proposal_json);
    BindInstant(ins, ":ca", p.provenance.created_at);
    BindText(ins, ":cb", p.provenance.created_by);
    ins.exec();
    return db_->getLastInsertRowid();
  });
}

Result<ProposalRecord> SqliteStore::GetProposal(PatientId patient, std::int64_t id) {
  return Guarded("read titration proposal", [&]() -> Result<ProposalRecord> {
    Query q(*db_, std::string(kProposalSelect) + " WHERE p.id = ? AND p.patient_id = ?");
    q.bind(1, id);
    q.bind(2, patient.value());
    if (!q.executeStep()) {
      return Status::NotFound("titration proposal " + std::to_string(id) + " not found");
    }
    return ReadProposal(q);
  });
}

Result<std::vector<ProposalRecord>> SqliteStore::ListProposals(PatientId patient) {
  return Guarded("list titration proposals", [&]() -> Result<std::vector<ProposalRecord>> {
    Query q(*db_, std::string(kProposalSelect) + " WHERE p.patient_id = ? ORDER BY p.id DESC");
    q.bind(1, patient.value());
    std::vector<ProposalRecord> out;
    while (q.executeStep()) out.push_back(ReadProposal(q));
    return out;
  });
}

Status SqliteStore::DecideProposal(std::int64_t proposal_id, const ProposalDecision& d) {
  return Guarded("decide titration proposal", [&]() -> Status {
    Query ins(*db_,
              "INSERT INTO titration_decisions(proposal_id, decision, reason, "
              "regimen_version, decided_at, decided_by) VALUES (:p, :d, :r, :v, :at, "
              ":by)");
    ins.bind(":p", proposal_id);
    BindText(ins, ":d", d.decision);
    BindText(ins, ":r", d.reason);
    if (d.regimen_version) {
      ins.bind(":v", *d.regimen_version);
    } else {
      ins.bind(":v");
    }
    BindInstant(ins, ":at", d.at);
    BindText(ins, ":by", d.by);
    ins.exec();
    return Status::Ok();
  });
}

}  // namespace pineal::store
