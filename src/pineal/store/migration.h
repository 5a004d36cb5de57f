// A numbered schema migration, embedded in the binary at build time from
// migrations/<engine>/NNNN_name.sql.
#pragma once

#include <span>
#include <string_view>

namespace pineal::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

// In version order.
std::span<const Migration> SqliteMigrations();

}  // namespace pineal::store
