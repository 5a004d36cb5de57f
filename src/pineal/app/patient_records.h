// Use cases, patients and records: the patient's details, their medicines,
// and what they log (dose events, observations, questionnaire answers), read
// back as lists and as one timeline.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "pineal/app/alert_refresh.h"
#include "pineal/app/page.h"
#include "pineal/app/responses.h"
#include "pineal/app/timeline.h"
#include "pineal/app/use_case_base.h"

namespace pineal::app {

class PatientRecords : public UseCaseBase {
 public:
  // Check-in writes re-evaluate the alert rules through `alerts`.
  PatientRecords(store::Store& store, const Clock& clock, Knowledge knowledge, AlertRefresh& alerts)
      : UseCaseBase(store, clock, knowledge), alerts_(alerts) {}

  // Patients.
  Result<records::Patient> CreatePatient(const Actor& actor, records::Patient draft);
  Result<records::Patient> GetPatient(const Actor& actor, PatientId id);
  // `changes.version` must be the version the caller read (409 otherwise).
  Result<records::Patient> UpdatePatient(const Actor& actor, records::Patient changes);
  Result<store::Page<records::Patient>> ListPatients(const Actor& actor, store::PatientQuery query);

  // Medicines, supplements and therapies.
  Result<records::MedicationEntry> AddMedication(const Actor& actor, PatientId patient,
                                                 records::MedicationEntry draft);
  Result<records::MedicationEntry> UpdateMedication(const Actor& actor, PatientId patient,
                                                    records::MedicationEntry changes);
  Result<std::vector<records::MedicationEntry>> ListMedications(const Actor& actor,
                                                                PatientId patient);

  // Dose events and observations: appended, corrected by new entries.
  Result<records::DoseEvent> RecordDoseEvent(const Actor& actor, PatientId patient,
                                             records::DoseEvent draft);
  // Lists are paged (page.h): oldest first, resuming after the cursor.
  Result<PageOf<records::DoseEvent>> ListDoseEvents(const Actor& actor, PatientId patient,
                                                    const store::TimeRange& range,
                                                    bool with_superseded,
                                                    const PageRequest& page = {});
  Result<records::Observation> RecordObservation(const Actor& actor, PatientId patient,
                                                 records::Observation draft);
  // An instrument response: scored (unknown items, disallowed answers and too
  // many missing answers are refused) and stored as an instrument observation.
  Result<RecordedResponse> RecordResponse(const Actor& actor, PatientId patient,
                                          ResponseDraft draft);
  Result<PageOf<records::Observation>> ListObservations(const Actor& actor, PatientId patient,
                                                        const store::TimeRange& range,
                                                        bool with_superseded,
                                                        const PageRequest& page = {});

  // What the catalogue makes of what was recorded, for the record's response:
  // each condition (in order) and a medicine or supplement, matched to a
  // catalogue entry with its codes, or unmatched with the closest entries.
  // Free text stays allowed; unmatched is the flag. A therapy is not screened,
  // so it is not matched (nullopt); without a catalogue: empty and nullopt.
  std::vector<kb::NameMatch> MatchConditions(const records::Patient& patient) const;
  std::optional<kb::NameMatch> MatchMedication(const records::MedicationEntry& medication) const;

  // The timeline, paged by (time, kind, id) across kinds.
  Result<PageOf<TimelineEntry>> Timeline(const Actor& actor, PatientId patient,
                                         const TimelineQuery& query, const PageRequest& page = {});

 private:
  // One page of an append-only list (`list`: its cursor's name): checks the
  // input and the caller, reads rows with `fetch`, cuts the page with cursors
  // from `when`, and audits the read as `action`.
  template <typename T, typename Fetch, typename When>
  Result<PageOf<T>> PageEvents(const Actor& actor, PatientId patient, const store::TimeRange& range,
                               bool with_superseded, const PageRequest& page, std::string_view list,
                               std::string_view action, Fetch fetch, When when);

  AlertRefresh& alerts_;
};

}  // namespace pineal::app
