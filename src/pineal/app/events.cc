// Use cases: dose events and observations (append-only, corrected by new entries).
#include "pineal/app/patient_records.h"
#include "pineal/app/screening.h"

namespace pineal::app {
namespace {

Status CheckRange(const store::TimeRange& range) {
  if (range.from && range.to && *range.to <= *range.from) {
    return Status::InvalidArgument("must be after 'from'", "to");
  }
  return Status::Ok();
}

// The store query of one page (one row more than asked, to tell whether
// another page follows), after checking the caller's input.
Result<store::EventPageQuery> EventPage(const store::TimeRange& range, bool with_superseded,
                                        const PageRequest& page, std::string_view list) {
  PINEAL_RETURN_IF_ERROR(CheckRange(range));
  PINEAL_RETURN_IF_ERROR(CheckPageLimit(page.limit));
  PINEAL_ASSIGN_OR_RETURN(auto after, DecodeTimeKeyCursor(list, page.cursor));
  store::EventPageQuery q;
  q.range = range;
  q.with_superseded = with_superseded;
  q.after = after;
  q.limit = page.limit + 1;
  return q;
}

}  // namespace

Result<records::DoseEvent> PatientRecords::RecordDoseEvent(const Actor& actor, PatientId patient,
                                                           records::DoseEvent draft) {
  auto result = AuditedWrite<records::DoseEvent>(
      actor, "dose_event.create", patient, [&]() -> Result<records::DoseEvent> {
        PINEAL_RETURN_IF_ERROR(CheckCanCheckIn(actor, patient));
        if (draft.regimen_id) {
          auto regimen = store_.GetRegimen(patient, *draft.regimen_id);
          if (!regimen.ok()) {
            return Status::InvalidArgument("names no regimen of this patient", "regimen_id");
          }
          // A dose of a regimen is a dose of its substance.
          if (draft.substance.empty()) draft.substance = regimen->substance;
        }
        PINEAL_RETURN_IF_ERROR(records::ValidateDoseEvent(draft));
        if (draft.amount && knowledge_.safety != nullptr) {
          PINEAL_RETURN_IF_ERROR(
              CheckPlausibleDose(*knowledge_.safety, draft.substance, *draft.amount, "amount"));
        }
        PINEAL_ASSIGN_OR_RETURN(records::Patient person, store_.GetPatient(patient));
        if (draft.taken_at) {
          PINEAL_RETURN_IF_ERROR(CheckEventTime(person, *draft.taken_at, "taken_at"));
        }
        if (draft.planned_at) {
          // A planned time may lie ahead; it cannot precede the patient's birth.
          PINEAL_RETURN_IF_ERROR(CheckNotBeforeBirth(person, *draft.planned_at, "planned_at"));
        }
        draft.patient_id = patient;
        draft.provenance = NewProvenance(actor);
        PINEAL_ASSIGN_OR_RETURN(DoseEventId id, store_.InsertDoseEvent(draft));
        alerts_.RefreshAlertsWithinWrite(patient);
        return store_.GetDoseEvent(patient, id);
      });
  return result;
}

template <typename T, typename Fetch, typename When>
Result<PageOf<T>> PatientRecords::PageEvents(const Actor& actor, PatientId patient,
                                             const store::TimeRange& range, bool with_superseded,
                                             const PageRequest& page, std::string_view list,
                                             std::string_view action, Fetch fetch, When when) {
  return AuditedRead<PageOf<T>>(actor, action, patient, [&]() -> Result<PageOf<T>> {
    PINEAL_ASSIGN_OR_RETURN(auto query, EventPage(range, with_superseded, page, list));
    PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
    query.patient = patient;
    PINEAL_ASSIGN_OR_RETURN(std::vector<T> rows, fetch(query));
    return TakePage(std::move(rows), page.limit, [&](const T& row) {
      return EncodeTimeKeyCursor(list, {when(row), row.id.value()});
    });
  });
}

Result<PageOf<records::DoseEvent>> PatientRecords::ListDoseEvents(const Actor& actor,
                                                                  PatientId patient,
                                                                  const store::TimeRange& range,
                                                                  bool with_superseded,
                                                                  const PageRequest& page) {
  return PageEvents<records::DoseEvent>(
      actor, patient, range, with_superseded, page, "dose_events", "dose_event.list",
      [&](const store::EventPageQuery& q) { return store_.PageDoseEvents(q); },
      [](const records::DoseEvent& e) { return e.when(); });
}

Result<records::Observation> PatientRecords::RecordObservation(const Actor& actor,
                                                               PatientId patient,
                                                               records::Observation draft) {
  auto result = AuditedWrite<records::Observation>(
      actor, "observation.create", patient, [&]() -> Result<records::Observation> {
        PINEAL_RETURN_IF_ERROR(CheckCanCheckIn(actor, patient));
        PINEAL_RETURN_IF_ERROR(records::ValidateObservation(draft));
        if (knowledge_.safety != nullptr) {
          PINEAL_RETURN_IF_ERROR(CheckPlausibleObservation(*knowledge_.safety, draft));
        }
        // A score of a known instrument must be possible, and carries its band.
        const kb::InstrumentDef* def = nullptr;
        if (draft.kind == records::ObservationKind::kInstrument &&
            knowledge_.instruments != nullptr) {
          def = knowledge_.instruments->Find(draft.code);
        }
        if (def != nullptr) {
          const double v = *draft.value;
          if (v != static_cast<int>(v) || v < def->min_total || v > def->max_total) {
            return Status::InvalidArgument(draft.code + " scores are whole numbers from " +
                                               std::to_string(def->min_total) + " to " +
                                               std::to_string(def->max_total),
                                           "value");
          }
          const kb::ScoreBand* band = def->BandFor(static_cast<int>(v));
          draft.interpretation = band != nullptr ? band->id : "";
        }
        PINEAL_ASSIGN_OR_RETURN(records::Patient person, store_.GetPatient(patient));
        PINEAL_RETURN_IF_ERROR(CheckEventTime(person, draft.observed_at, "observed_at"));
        draft.patient_id = patient;
        draft.provenance = NewProvenance(actor);
        PINEAL_ASSIGN_OR_RETURN(ObservationId id, store_.InsertObservation(draft));
        alerts_.RefreshAlertsWithinWrite(patient);
        return store_.GetObservation(patient, id);
      });
  return result;
}

Result<PageOf<records::Observation>> PatientRecords::ListObservations(const Actor& actor,
                                                                      PatientId patient,
                                                                      const store::TimeRange& range,
                                                                      bool with_superseded,
                                                                      const PageRequest& page) {
  return PageEvents<records::Observation>(
      actor, patient, range, with_superseded, page, "observations", "observation.list",
      [&](const store::EventPageQuery& q) { return store_.PageObservations(q); },
      [](const records::Observation& o) { return o.observed_at; });
}

}  // namespace pineal::app
