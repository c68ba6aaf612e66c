#include "idp/oauth/scope.hpp"

#include <algorithm>
#include <regex>

#include "idp/oauth/errors.hpp"

namespace ward::idp::oauth {
namespace {

bool is_nqchar(char c) {
    auto u = static_cast<unsigned char>(c);
    return u == 0x21 || (u >= 0x23 && u <= 0x5B) || (u >= 0x5D && u <= 0x7E);
}

bool anchored_regex_match(const std::string& pattern, const std::string& token) {
    if (pattern.size() < 2 || pattern.front() != '^' || pattern.back() != '$') return false;
    try {
        return std::regex_match(token, std::regex(pattern, std::regex::ECMAScript));
    } catch (const std::regex_error&) {
        return false;
    }
}

}  // namespace

core::Result<std::vector<std::string>> parse_scope(std::string_view scope) {
    if (scope.size() > kMaxScopeLength) {
        return make_error(OAuthError::kInvalidScope, "the scope is too long");
    }
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < scope.size()) {
        if (scope[i] == ' ') {
            ++i;
            continue;
        }
        std::size_t end = scope.find(' ', i);
        if (end == std::string_view::npos) end = scope.size();
        std::string_view token = scope.substr(i, end - i);
        if (!std::all_of(token.begin(), token.end(), is_nqchar)) {
            return make_error(OAuthError::kInvalidScope,
                              "the scope contains a character RFC 6749 does not allow");
        }
        if (std::find(out.begin(), out.end(), token) == out.end()) out.emplace_back(token);
        i = end;
    }
    return out;
}

std::string join_scope(std::span<const std::string> tokens) {
    std::string out;
    for (const auto& t : tokens) {
        if (!out.empty()) out.push_back(' ');
        out += t;
    }
    return out;
}

bool scope_contains(std::string_view scope, std::string_view item) {
    if (item.empty()) return false;
    std::size_t i = 0;
    while (i <= scope.size()) {
        std::size_t end = scope.find_first_of(" ,", i);
        if (end == std::string_view::npos) end = scope.size();
        if (scope.substr(i, end - i) == item) return true;
        i = end + 1;
    }
    return false;
}

core::Status check_scope_allowed(std::span<const std::string> requested,
                                 std::span<const model::ScopeItem> declared) {
    if (declared.empty()) return core::ok();
    for (const auto& token : requested) {
        bool ok = std::any_of(declared.begin(), declared.end(), [&](const model::ScopeItem& s) {
            return s.name == token || anchored_regex_match(s.name, token);
        });
        if (!ok) return make_error(OAuthError::kInvalidScope, "Invalid scope");
    }
    return core::ok();
}

}  // namespace ward::idp::oauth
