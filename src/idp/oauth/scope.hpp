// OAuth scope strings (RFC 6749 §3.3): parsing into tokens, joining, membership, and checking a
// request against an application's declared scopes (casdoor.md §2.10). Pure.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "idp/model/application.hpp"

namespace ward::idp::oauth {

inline constexpr std::size_t kMaxScopeLength = 4096;

// Splits on spaces into scope tokens, dropping repeats (first occurrence kept). An empty or
// all-space string gives no tokens. Failure: invalid_scope when a token has a character outside
// RFC 6749's NQCHAR set (%x21 / %x23-5B / %x5D-7E) or the string exceeds kMaxScopeLength.
core::Result<std::vector<std::string>> parse_scope(std::string_view scope);

// Tokens joined with single spaces.
std::string join_scope(std::span<const std::string> tokens);

// True when `item` is one of the tokens of `scope`, split on spaces and commas (JWT-Standard and
// userinfo decide claims this way; a whole-token test, not Casdoor's substring test, so that
// "noemail" does not grant "email").
bool scope_contains(std::string_view scope, std::string_view item);

// When the application declares scopes, every requested token must be one of them by name, or
// match a declared name written as a fully anchored regex (^...$). With no declared scopes any
// scope is accepted. Failure: invalid_scope "Invalid scope".
core::Status check_scope_allowed(std::span<const std::string> requested,
                                 std::span<const model::ScopeItem> declared);

}  // namespace ward::idp::oauth
