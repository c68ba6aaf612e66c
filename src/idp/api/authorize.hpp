// Casdoor's authorization rules for the admin API (casdoor.md §4.4), as pure functions over an
// identified server::Caller: built-in users and applications are global admins, isAdmin users
// administer their own organization only, everyone else may act on their own user record, and
// the built-in objects cannot be deleted or renamed. Handlers ask these and answer "Unauthorized
// operation" on a no.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "idp/model/fields.hpp"
#include "idp/model/user.hpp"
#include "idp/server/caller.hpp"

namespace ward::idp::api {

// Whether the caller administers `organization`. The pseudo-organization "admin" (global certs,
// tokens and applications without an organization) is administered by global admins only.
bool administers(const server::Caller& caller, std::string_view organization);

// Whether the caller is the user owner/name.
bool is_self(const server::Caller& caller, std::string_view owner, std::string_view name);

// The organization a list request may read: a global admin gets `requested` as is ("" = every
// organization); an org admin gets their own organization when `requested` is "" or theirs.
// Failure: kPermissionDenied for anyone else, or an org admin asking for another organization.
core::Result<std::string> confine_to_organization(const server::Caller& caller,
                                                  std::string_view requested);

// Built-in objects that must survive: organization built-in, application app-built-in, cert
// cert-built-in and user built-in/admin (casdoor.md §1.11). Deleting them, renaming them or
// moving them to another owner is refused.
bool is_builtin_object(model::ObjectKind kind, std::string_view owner, std::string_view name);

// A user editing their own record (not an admin of its organization) may change profile fields
// only. Failure: kPermissionDenied when `incoming` differs from `stored` in any field that grants
// or reflects privilege (owner, name, id, type, isAdmin, isForbidden, isDeleted, groups, score,
// ranking, balance, signup and sign-in bookkeeping, MFA and credential fields).
core::Status check_self_update(const model::User& stored, const model::User& incoming);

}  // namespace ward::idp::api
