#include "pineal/core/paths.h"

#include <cstdlib>

namespace pineal {

std::string KnowledgeDir() {
  if (const char* dir = std::getenv("PINEAL_KNOWLEDGE_DIR"); dir != nullptr && *dir != '\0') {
    return dir;
  }
  return PINEAL_DEFAULT_KNOWLEDGE_DIR;
}

}  // namespace pineal
