// The demo clinic: five patients whose regimens show what pineal watches for
// (an older adult on prolonged-release melatonin, kratom for pain with a
// gabapentinoid, shift work on an oestrogen contraceptive, and a high-dose
// research regimen next to fluvoxamine) and a month of check-ins that the
// monitoring loop turns into alerts, a review date and a titration proposal.
#include "pineal/app/demo_clinic.h"

#include <cmath>

#include "pineal/app/demo_parts.h"

namespace pineal::app {

records::Patient MakePatient(std::string name, LocalDate birth, records::Sex sex, double kg,
                             std::vector<std::string> conditions, bool smoker, std::string zone,
                             LocalDate today) {
  records::Patient p;
  p.display_name = std::move(name);
  p.birth_date = birth;
  p.sex = sex;
  p.weight = records::WeightRecord{*BodyWeight::Make(kg, "kg"), today};
  p.pregnancy = sex == records::Sex::kMale ? records::PregnancyStatus::kNotApplicable
                                           : records::PregnancyStatus::kNotPregnant;
  p.conditions = std::move(conditions);
  p.smoker = smoker;
  p.time_zone = std::move(zone);
  return p;
}

records::RegimenVersion Plan(std::string formulation, Mass dose, std::vector<std::string> times,
                             std::string indication, LocalDate start, std::string reason) {
  records::RegimenVersion v;
  v.formulation = std::move(formulation);
  v.dose = dose;
  for (const auto& t : times) v.times_of_day.push_back(*ParseTimeOfDay(t));
  v.indication = std::move(indication);
  v.start_date = start;
  v.reason = std::move(reason);
  return v;
}

namespace {

using records::DoseStatus;
using records::ObservationKind;

constexpr int kLogDays = 14;

// Demo accounts. Their passwords are printed for the demo and are not secret.
constexpr const char* kDemoClinician = "dr.demo";
constexpr const char* kDemoClinicianPassword = "demo-clinician-pass";
constexpr const char* kDemoAdmin = "admin.demo";
constexpr const char* kDemoAdminPassword = "demo-admin-password";
constexpr const char* kDemoPatientPassword = "demo-patient-pass";

Mass Mg(double v) { return *Mass::Make(v, "mg"); }
Mass G(double v) { return *Mass::Make(v, "g"); }

struct DemoPatient {
  records::Patient patient;
  std::vector<records::MedicationEntry> medications;
  std::string substance;
  records::RegimenVersion regimen;
  // Nightly observations: code, unit, kind, value at day 0 and its daily drift.
  struct Series {
    ObservationKind kind;
    std::string code, unit;
    double start, per_day;
    int every_days;
    TimeOfDay at;
  };
  std::vector<Series> series;
};

records::MedicationEntry Med(std::string name, records::MedicationCategory cat,
                             std::optional<Mass> dose, std::string schedule,
                             records::MedicationSource source, std::string code_system = {},
                             std::string code = {}) {
  records::MedicationEntry m;
  m.name = std::move(name);
  m.category = cat;
  m.dose = dose;
  m.schedule = std::move(schedule);
  m.source = source;
  m.code_system = std::move(code_system);
  m.code = std::move(code);
  return m;
}

std::vector<DemoPatient> DemoPatients(LocalDate today) {
  using std::chrono::days;
  using std::chrono::year;
  const LocalDate start = std::chrono::sys_days(today) - days(kLogDays);
  auto born = [&](int years_ago, unsigned month, unsigned day) {
    return LocalDate{year(static_cast<int>(today.year()) - years_ago), std::chrono::month(month),
                     std::chrono::day(day)};
  };
  const std::string rxnorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
  using records::MedicationCategory;
  using records::MedicationSource;
  std::vector<DemoPatient> out;

  DemoPatient margaret;
  margaret.patient = MakePatient("Margaret H.", born(72, 3, 14), records::Sex::kFemale, 61,
                                 {"insomnia", "hypertension"}, false, "Europe/London", today);
  margaret.medications = {Med("nifedipine", MedicationCategory::kMedicine, Mg(30), "once daily",
                              MedicationSource::kPrescribed, rxnorm, "7417")};
  margaret.substance = "melatonin";
  margaret.regimen = Plan("pr", Mg(2), {"21:30"}, "insomnia", start,
                          "Insomnia at 72 y; prolonged-release 2 mg 1-2 h before bed, <=13 weeks");
  margaret.series = {
      {ObservationKind::kSleepDiary, "sleep_efficiency", "%", 74, 0.6, 1, {7 * 60 + 30}},
      {ObservationKind::kInstrument, "ISI", "{score}", 19, -0.5, 7, {9 * 60}},
      {ObservationKind::kVital, "heart_rate", "/min", 71, 0.0, 7, {9 * 60}}};
  out.push_back(std::move(margaret));

  DemoPatient daniel;
  daniel.patient = MakePatient("Daniel R.", born(41, 9, 2), records::Sex::kMale, 84,
                               {"chronic pain", "opioid use disorder in remission"}, true,
                               "America/New_York", today);
  daniel.medications = {Med("gabapentin", MedicationCategory::kMedicine, Mg(300),
                            "three times daily", MedicationSource::kSelfReported, rxnorm, "25480"),
                        Med("acupuncture", MedicationCategory::kTherapy, std::nullopt, "weekly",
                            MedicationSource::kSelfReported)};
  daniel.substance = "kratom";
  daniel.regimen = Plan("powder", G(2), {"08:00", "14:00", "20:00"}, "pain", start,
                        "Self-directed kratom use recorded under supervision; taper planned");
  daniel.series = {{ObservationKind::kInstrument, "pain_nrs", "{score}", 6, -0.1, 1, {20 * 60}},
                   {ObservationKind::kInstrument, "COWS", "{score}", 9, -0.3, 3, {9 * 60}}};
  out.push_back(std::move(daniel));

  DemoPatient aisha;
  aisha.patient = MakePatient("Aisha K.", born(29, 6, 21), records::Sex::kFemale, 58,
                              {"shift work disorder"}, false, "Europe/Berlin", today);
  aisha.medications = {Med("ethinylestradiol/levonorgestrel", MedicationCategory::kMedicine,
                           std::nullopt, "once daily", MedicationSource::kPrescribed)};
  aisha.substance = "melatonin";
  aisha.regimen =
      Plan("ir", Mg(3), {"08:30"}, "shift work", start, "Daytime sleep after night shifts");
  aisha.series = {{ObservationKind::kInstrument, "KSS", "{score}", 7, -0.1, 1, {22 * 60}},
                  {ObservationKind::kSleepDiary, "total_sleep_time", "min", 330, 4, 1, {16 * 60}}};
  out.push_back(std::move(aisha));

  DemoPatient robert;
  robert.patient =
      MakePatient("Robert S.", born(58, 11, 30), records::Sex::kMale, 90,
                  {"chronic fatigue syndrome", "depression"}, false, "Europe/Paris", today);
  robert.medications = {Med("fluvoxamine", MedicationCategory::kMedicine, Mg(100), "once daily",
                            MedicationSource::kPrescribed, rxnorm, "42355"),
                        Med("magnesium", MedicationCategory::kSupplement, Mg(300), "nightly",
                            MedicationSource::kSelfReported)};
  robert.substance = "melatonin";
  robert.regimen = Plan("ir", Mg(20), {"22:00"}, "chronic fatigue", start,
                        "High-dose regimen the patient started himself; under review");
  robert.series = {{ObservationKind::kSideEffect, "next_morning_grogginess", "", 2, 0, 5, {8 * 60}},
                   {ObservationKind::kSleepDiary, "sleep_efficiency", "%", 80, 0.2, 1, {8 * 60}}};
  out.push_back(std::move(robert));
  return out;
}

}  // namespace

std::vector<DemoLogin> DemoLogins() {
  return {{kDemoClinician, kDemoClinicianPassword, "clinician"},
          {kDemoAdmin, kDemoAdminPassword, "admin"},
          {"margaret", kDemoPatientPassword, "patient"}};
}

Result<DemoSummary> LoadDemoClinic(PinealApp& app, const Actor& actor, store::Store& store) {
  DemoSummary summary;
  const Instant now = app.clock().Now();
  const LocalDate today = DateOf(now);
  Status st = store.InTransaction([&]() -> Status {
    PINEAL_ASSIGN_OR_RETURN(auto existing, store.ListPatients(store::PatientQuery{}));
    if (existing.total > 0) {
      return Status::FailedPrecondition("the database already holds " +
                                        std::to_string(existing.total) +
                                        " patients; the demo clinic loads only into an empty one");
    }
    PINEAL_ASSIGN_OR_RETURN(
        store::User clinician,
        app.accounts().CreateUser(
            actor, NewUser{kDemoClinician, "Dr Demo", store::UserRole::kClinician, std::nullopt,
                           kDemoClinicianPassword}));
    PINEAL_RETURN_IF_ERROR(
        app.accounts()
            .CreateUser(actor, NewUser{kDemoAdmin, "Demo administrator", store::UserRole::kAdmin,
                                       std::nullopt, kDemoAdminPassword})
            .status());
    summary.logins = DemoLogins();
    int index = 0;
    for (DemoPatient& d : DemoPatients(today)) {
      ++index;
      PINEAL_ASSIGN_OR_RETURN(records::Patient p, app.patients().CreatePatient(actor, d.patient));
      ++summary.patients;
      PINEAL_RETURN_IF_ERROR(app.accounts().AddToCareTeam(actor, p.id, clinician.username));
      // One patient account, for the check-in.
      if (index == 1) {
        PINEAL_RETURN_IF_ERROR(
            app.accounts()
                .CreateUser(actor, NewUser{"margaret", p.display_name, store::UserRole::kPatient,
                                           p.id, kDemoPatientPassword})
                .status());
      }
      for (auto& m : d.medications) {
        PINEAL_RETURN_IF_ERROR(app.patients().AddMedication(actor, p.id, m).status());
        ++summary.medications;
      }
      // Regimens the patients already take are recorded as they are; what
      // screening blocks is overridden with the reason a clinician would give.
      PINEAL_ASSIGN_OR_RETURN(
          ScreeningReport screened,
          app.regimens().ScreenProposal(actor, p.id, d.substance, d.regimen, std::nullopt));
      std::vector<safety::Override> overrides;
      for (const auto& f : screened.findings) {
        if (f.blocking()) {
          overrides.push_back({f.key,
                               "Demo clinic: recorded as the patient already takes it; "
                               "reviewed at the next visit"});
        }
      }
      ScreeningReport report;
      PINEAL_ASSIGN_OR_RETURN(
          records::Regimen r,
          app.regimens().CreateRegimen(actor, p.id, RegimenDraft{d.substance, d.regimen}, overrides,
                                       &report));
      ++summary.regimens;
      for (int day = 0; day < kLogDays; ++day) {
        const LocalDate date = std::chrono::sys_days(d.regimen.start_date) + std::chrono::days(day);
        for (size_t k = 0; k < d.regimen.times_of_day.size(); ++k) {
          PINEAL_ASSIGN_OR_RETURN(Instant planned,
                                  FromLocal(date, d.regimen.times_of_day[k], p.time_zone));
          if (planned > now) continue;
          records::DoseEvent e;
          e.regimen_id = r.id;
          e.planned_at = planned;
          // About one dose in nine is missed; the rest are a few minutes late.
          if ((day * 7 + static_cast<int>(k) * 3 + index) % 9 == 0) {
            e.status = DoseStatus::kSkipped;
            e.note = "forgot";
          } else {
            e.taken_at = planned + std::chrono::minutes((day * 13 + index * 5) % 40);
            e.amount = d.regimen.dose;
          }
          // A dose due now but taken "late" would be taken in the future.
          if (e.taken_at && *e.taken_at > now) continue;
          PINEAL_RETURN_IF_ERROR(app.patients().RecordDoseEvent(actor, p.id, e).status());
          ++summary.dose_events;
        }
        for (const auto& s : d.series) {
          if (day % s.every_days != 0) continue;
          PINEAL_ASSIGN_OR_RETURN(Instant at, FromLocal(date, s.at, p.time_zone));
          if (at > now) continue;
          records::Observation o;
          o.kind = s.kind;
          o.code = s.code;
          o.unit = s.unit;
          o.value = std::round(s.start + s.per_day * day);
          o.observed_at = at;
          PINEAL_RETURN_IF_ERROR(app.patients().RecordObservation(actor, p.id, o).status());
          ++summary.observations;
        }
      }
    }
    return LoadDemoMonth(app, actor, clinician.username, summary);
  });
  if (!st.ok()) return st;
  return summary;
}

}  // namespace pineal::app
