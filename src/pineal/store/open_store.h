// Opens the store named by a location: a SQLite file path (the default), or
// a postgresql:// URL once that implementation exists.
#pragma once

#include <memory>
#include <string>

#include "pineal/store/store.h"

namespace pineal::store {

// Opens and migrates.
Result<std::unique_ptr<Store>> OpenStore(const std::string& location);

}  // namespace pineal::store
