#include "idp/oauth/redirect_uri.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <algorithm>
#include <cctype>
#include <regex>

#include "idp/oauth/errors.hpp"

namespace ward::idp::oauth {
namespace {

namespace urls = boost::urls;

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

bool is_loopback_host(const urls::url_view& u) {
    switch (u.host_type()) {
        case urls::host_type::ipv4:
            return (u.host_ipv4_address().to_uint() >> 24) == 127;
        case urls::host_type::ipv6:
            return u.host_ipv6_address().is_loopback();
        case urls::host_type::name:
            return iequals(u.encoded_host(), "localhost");
        default:
            return false;
    }
}

// The requested URI must be a plain absolute URI before any rule is tried.
bool acceptable_request(std::string_view requested, urls::url_view& out) {
    if (requested.empty() || requested.size() > kMaxRedirectUriLength) return false;
    auto parsed = urls::parse_uri(requested);
    if (!parsed) return false;
    out = *parsed;
    if (out.has_fragment()) return false;  // RFC 6749 §3.1.2
    for (std::string_view bad : {"javascript", "data", "vbscript"}) {
        if (iequals(out.scheme(), bad)) return false;
    }
    return true;
}

// RFC 8252 §7.3: the same URI, except for the port.
bool loopback_match(const urls::url_view& requested, std::string_view registered) {
    auto reg = urls::parse_uri(registered);
    if (!reg || !is_loopback_host(*reg) || !iequals(reg->scheme(), "http")) return false;
    if (!iequals(requested.scheme(), reg->scheme())) return false;
    if (requested.has_userinfo() || reg->has_userinfo()) return false;
    if (requested.host_type() != reg->host_type()) return false;
    if (!iequals(requested.encoded_host(), reg->encoded_host())) return false;
    if (requested.encoded_path() != reg->encoded_path()) return false;
    if (requested.has_query() != reg->has_query()) return false;
    if (requested.encoded_query() != reg->encoded_query()) return false;
    return !reg->has_fragment();
}

bool regex_match_whole(std::string_view requested, const urls::url_view& parsed,
                       const std::string& pattern) {
    if (pattern.size() < 2 || pattern.front() != '^' || pattern.back() != '$') return false;
    // A regex cannot tell a host from userinfo; "https://app.example.com@evil.com" is never meant.
    if (parsed.has_userinfo()) return false;
    try {
        std::regex re(pattern, std::regex::ECMAScript);
        return std::regex_match(requested.begin(), requested.end(), re);
    } catch (const std::regex_error&) {
        // A bad pattern (or one too complex to run) matches nothing.
        return false;
    }
}

}  // namespace

bool redirect_uri_allowed(std::string_view requested, std::span<const std::string> registered) {
    urls::url_view parsed;
    if (!acceptable_request(requested, parsed)) return false;
    for (const auto& entry : registered) {
        if (entry.empty()) continue;
        if (entry == requested) return true;
        if (loopback_match(parsed, entry)) return true;
        if (regex_match_whole(requested, parsed, entry)) return true;
    }
    return false;
}

core::Status check_redirect_uri(std::string_view requested,
                                std::span<const std::string> registered) {
    if (redirect_uri_allowed(requested, registered)) return core::ok();
    return make_error(OAuthError::kInvalidRequest,
                      "Redirect URI: " + std::string(requested.substr(0, 256)) +
                          " doesn't exist in the allowed Redirect URI list");
}

}  // namespace ward::idp::oauth
