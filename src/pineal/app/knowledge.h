// What the use cases know from knowledge/: the safety catalog, the population
// PK models and the circadian parameter sets. Loaded once and validated; the
// server refuses to start when any part fails to load.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "pineal/core/result.h"
#include "pineal/kb/catalog.h"
#include "pineal/kb/circadian_params.h"
#include "pineal/kb/instrument_catalog.h"
#include "pineal/kb/pk_model.h"
#include "pineal/kb/protocol.h"
#include "pineal/kb/rules_loader.h"

namespace pineal::app {

// Borrowed views; a missing part disables the use cases that need it (they
// answer Unavailable).
struct Knowledge {
  const kb::Catalog* safety = nullptr;
  const kb::PkCatalog* pk = nullptr;
  const kb::CircadianCatalog* circadian = nullptr;
  const kb::InstrumentCatalog* instruments = nullptr;
  const kb::MonitoringRules* rules = nullptr;
  const kb::ProtocolSet* protocols = nullptr;
};

// Owns every catalog of the knowledge base.
struct LoadedKnowledge {
  LoadedKnowledge(kb::Catalog s, kb::PkCatalog p, kb::CircadianCatalog c, kb::InstrumentCatalog i,
                  kb::MonitoringRules r, kb::ProtocolSet t)
      : safety(std::move(s)),
        pk(std::move(p)),
        circadian(std::move(c)),
        instruments(std::move(i)),
        rules(std::move(r)),
        protocols(std::move(t)) {}
  kb::Catalog safety;
  kb::PkCatalog pk;
  kb::CircadianCatalog circadian;
  kb::InstrumentCatalog instruments;
  kb::MonitoringRules rules;
  kb::ProtocolSet protocols;

  Knowledge View() const { return {&safety, &pk, &circadian, &instruments, &rules, &protocols}; }
};

// Loads knowledge/ (KnowledgeDir(), or `root` when given); the Status names
// the part that failed.
Result<std::unique_ptr<LoadedKnowledge>> LoadKnowledge(const std::string& root = {});

}  // namespace pineal::app
