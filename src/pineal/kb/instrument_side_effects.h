// Side effects a patient can report (knowledge/instruments/side_effects.yaml),
// the substances each is reported with, and the CTCAE v5.0 grades.
#pragma once

#include <string>
#include <vector>

namespace pineal::kb {

struct SideEffectSource {
  std::string substance;  // knowledge/substances.yaml id: "melatonin", "kratom"
  std::vector<std::string> refs;
};

struct SideEffectDef {
  std::string id;  // observation code: "headache", "palpitations", "other"
  std::string label;
  bool free_text = false;  // "other": the patient describes it
  std::vector<SideEffectSource> reported_with;
  std::string note;
  std::vector<std::string> refs;  // sources of the note, if any
};

struct SideEffectGrade {
  int grade = 0;   // 1..5
  std::string id;  // "mild"
  std::string label;
};

struct SideEffectList {
  std::string grading_system;  // "CTCAE v5.0"
  std::vector<std::string> grading_refs;
  std::vector<SideEffectGrade> grades;  // 1..5 in order
  std::vector<SideEffectDef> effects;
  std::string source_file;

  const SideEffectDef* Find(std::string_view id) const;
  const SideEffectGrade* Grade(int grade) const;
};

}  // namespace pineal::kb
