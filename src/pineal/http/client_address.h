// Who is asking: the peer's address, or the client named by a trusted proxy.
#pragma once

#include <string>
#include <vector>

namespace pineal::http {

// When `peer` is one of `trusted_proxies`, the right-most address of
// `forwarded_for` (an X-Forwarded-For value) that is not itself a trusted
// proxy; otherwise `peer`, and the header is ignored (anyone can send it).
std::string ClientAddress(const std::string& peer, const std::string& forwarded_for,
                          const std::vector<std::string>& trusted_proxies);

}  // namespace pineal::http
