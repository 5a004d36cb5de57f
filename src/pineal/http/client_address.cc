#include "pineal/http/client_address.h"

#include <algorithm>

#include "pineal/core/text.h"

namespace pineal::http {
namespace {

bool IsTrustedProxy(const std::string& address, const std::vector<std::string>& trusted) {
  return std::find(trusted.begin(), trusted.end(), address) != trusted.end();
}

}  // namespace

std::string ClientAddress(const std::string& peer, const std::string& forwarded_for,
                          const std::vector<std::string>& trusted_proxies) {
  if (!IsTrustedProxy(peer, trusted_proxies)) return peer;
  // Each proxy appends the address it received from; read from the right and
  // stop at the first hop no trusted proxy vouches for.
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    const size_t comma = rest.rfind(',');
    const std::string_view hop =
        TrimBlanks(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    if (hop.empty()) continue;
    std::string address(hop);
    if (!IsTrustedProxy(address, trusted_proxies)) return address;
  }
  return peer;  // only trusted proxies on the path (or no header)
}

}  // namespace pineal::http
