#include "pineal/kb/protocol.h"

namespace pineal::kb {

const Protocol* ProtocolSet::Find(const std::string& id) const {
  for (const Protocol& p : protocols) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

std::string_view ProtocolKindName(ProtocolKind kind) {
  switch (kind) {
    case ProtocolKind::kLadder: return "ladder";
    case ProtocolKind::kTaper: return "taper";
  }
  return "?";
}

std::string_view CautionEffectName(CautionEffect e) {
  switch (e) {
    case CautionEffect::kNoIncrease: return "no_increase";
    case CautionEffect::kRefer: return "refer";
  }
  return "?";
}

}  // namespace pineal::kb
