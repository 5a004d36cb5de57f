// The record names of audit entries (see audit_records.h).
#include "pineal/app/audit_records.h"

#include "pineal/app/account_types.h"
#include "pineal/app/monitoring_types.h"
#include "pineal/app/responses.h"

namespace pineal::app {

std::string AuditRecordId(std::string_view kind, std::int64_t id) {
  return std::string(kind) + ":" + std::to_string(id);
}

std::vector<std::string> AuditRecordIds(const records::Patient& p) {
  return {AuditRecordId("patient", p.id.value())};
}
std::vector<std::string> AuditRecordIds(const records::MedicationEntry& m) {
  return {AuditRecordId("medication", m.id.value())};
}
std::vector<std::string> AuditRecordIds(const records::Regimen& r) {
  return {AuditRecordId("regimen", r.id.value())};
}
std::vector<std::string> AuditRecordIds(const records::DoseEvent& e) {
  return {AuditRecordId("dose_event", e.id.value())};
}
std::vector<std::string> AuditRecordIds(const records::Observation& o) {
  return {AuditRecordId("observation", o.id.value())};
}
std::vector<std::string> AuditRecordIds(const store::AlertRecord& a) {
  return {AuditRecordId("alert", a.id)};
}
std::vector<std::string> AuditRecordIds(const store::CircadianPlanRecord& p) {
  return {AuditRecordId("circadian_plan", p.id)};
}
std::vector<std::string> AuditRecordIds(const store::ReviewAction& r) {
  return {AuditRecordId("review_action", r.id)};
}
std::vector<std::string> AuditRecordIds(const store::User& u) {
  return {AuditRecordId("user", u.id.value())};
}
std::vector<std::string> AuditRecordIds(const store::CalendarFeed& f) {
  return {AuditRecordId("calendar_feed", f.id)};
}
std::vector<std::string> AuditRecordIds(const StoredProposal& p) {
  return {AuditRecordId("titration_proposal", p.record.id)};
}
std::vector<std::string> AuditRecordIds(const RecordedResponse& r) {
  return AuditRecordIds(r.observation);
}
std::vector<std::string> AuditRecordIds(const ApiTokenGrant& t) {
  return {AuditRecordId("session", t.id)};
}

}  // namespace pineal::app
