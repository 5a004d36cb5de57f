// Where pineal finds its knowledge base at run time.
#pragma once

#include <string>

namespace pineal {

// $PINEAL_KNOWLEDGE_DIR if set, else the knowledge/ folder of the source tree
// the binary was built from.
std::string KnowledgeDir();

}  // namespace pineal
