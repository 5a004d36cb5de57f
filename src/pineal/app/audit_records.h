// The "kind:id" names an audit entry gives the records an action read or
// wrote ("dose_event:12", "patient:3"). AuditedWrite names what its write
// returns through these overloads; a result with no record of its own (a
// count) names none.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pineal/records/dose_event.h"
#include "pineal/records/medication.h"
#include "pineal/records/observation.h"
#include "pineal/records/patient.h"
#include "pineal/records/regimen.h"
#include "pineal/store/account_records.h"
#include "pineal/store/circadian_plan_record.h"
#include "pineal/app/page.h"
#include "pineal/store/monitoring_records.h"
#include "pineal/store/store.h"

namespace pineal::app {

struct StoredProposal;
struct RecordedResponse;
struct ApiTokenGrant;

std::string AuditRecordId(std::string_view kind, std::int64_t id);

std::vector<std::string> AuditRecordIds(const records::Patient& p);
std::vector<std::string> AuditRecordIds(const records::MedicationEntry& m);
std::vector<std::string> AuditRecordIds(const records::Regimen& r);
std::vector<std::string> AuditRecordIds(const records::DoseEvent& e);
std::vector<std::string> AuditRecordIds(const records::Observation& o);
std::vector<std::string> AuditRecordIds(const store::AlertRecord& a);
std::vector<std::string> AuditRecordIds(const store::CircadianPlanRecord& p);
std::vector<std::string> AuditRecordIds(const store::ReviewAction& r);
std::vector<std::string> AuditRecordIds(const store::User& u);
std::vector<std::string> AuditRecordIds(const store::CalendarFeed& f);
std::vector<std::string> AuditRecordIds(const StoredProposal& p);
std::vector<std::string> AuditRecordIds(const RecordedResponse& r);
std::vector<std::string> AuditRecordIds(const ApiTokenGrant& t);
inline std::vector<std::string> AuditRecordIds(int /*count*/) { return {}; }

// The names of every record of a list (a page read).
template <typename T>
std::vector<std::string> AuditRecordIdsOfAll(const std::vector<T>& list) {
  std::vector<std::string> out;
  out.reserve(list.size());
  for (const auto& x : list) {
    for (auto& id : AuditRecordIds(x)) out.push_back(std::move(id));
  }
  return out;
}

template <typename T>
std::vector<std::string> AuditRecordIds(const std::vector<T>& list) {
  return AuditRecordIdsOfAll(list);
}
template <typename T>
std::vector<std::string> AuditRecordIds(const store::Page<T>& page) {
  return AuditRecordIdsOfAll(page.items);
}
template <typename T>
std::vector<std::string> AuditRecordIds(const PageOf<T>& page) {
  return AuditRecordIdsOfAll(page.items);
}

}  // namespace pineal::app
