// redirect_uri validation with Ward's departure C4 (RFC 9700 §2.1, RFC 6749 §3.1.2): a requested
// URI must equal a registered one exactly, except that for a registered loopback URI (http on
// 127.0.0.0/8, [::1] or localhost) only the port may differ (RFC 8252 §7.3), and a registered
// entry written as a fully anchored regex (^...$) matches when the whole URI matches it.
// Casdoor's looser rules (any localhost, subdomains, prefixes) are deliberately not implemented.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ward::idp::oauth {

// Requested URIs longer than this are refused without looking further.
inline constexpr std::size_t kMaxRedirectUriLength = 2048;

// True when `requested` is allowed by one of `registered`. A requested URI is never allowed when
// it is not an absolute URI, has a fragment, uses a javascript:/data:/vbscript: scheme, or is
// longer than kMaxRedirectUriLength. Registered regex entries that do not compile are skipped.
bool redirect_uri_allowed(std::string_view requested, std::span<const std::string> registered);

// The same as a Status. Failure: invalid_request with Casdoor's message
// "Redirect URI: <uri> doesn't exist in the allowed Redirect URI list" (the URI cut to 256
// characters).
core::Status check_redirect_uri(std::string_view requested,
                                std::span<const std::string> registered);

}  // namespace ward::idp::oauth
