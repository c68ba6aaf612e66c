#include "idp/api/routes.hpp"

#include <boost/asio/awaitable.hpp>
#include <string>
#include <type_traits>
#include <vector>

#include "core/encoding.hpp"
#include "idp/api/authorize.hpp"
#include "idp/api/envelope.hpp"
#include "idp/api/params.hpp"
#include "idp/api/password_policy.hpp"
#include "idp/api/totp.hpp"
#include "idp/model/masking.hpp"
#include "idp/password/password.hpp"
#include "idp/server/caller.hpp"
#include "jose/key.hpp"
#include "jose/x509.hpp"

namespace ward::idp::api {
namespace {

namespace json = core::json;
using model::ObjectKind;
using server::Caller;
using CtxPtr = std::shared_ptr<server::Context>;
using Reply = boost::asio::awaitable<http::Response>;

http::Response reply(const Envelope& e) { return to_response(e); }
http::Response fail(const core::Error& e) { return reply(Envelope::from_error(e)); }
http::Response fail(std::string msg) { return reply(Envelope::failure(std::move(msg))); }
http::Response unauthorized() { return reply(Envelope::unauthorized()); }

// identify_caller's errors carry Casdoor's wording ("Access token doesn't exist in database",
// "Unauthorized operation: ..."); only database failures are hidden.
http::Response fail_identify(const core::Error& e) {
    if (e.is(core::ErrorKind::kUnauthenticated) || e.is(core::ErrorKind::kPermissionDenied)) {
        return fail(e.message());
    }
    return fail(e);
}

bool is_not_found(const core::Error& e) { return e.is(core::ErrorKind::kNotFound); }
bool is_duplicate(const core::Error& e) { return e.is(core::ErrorKind::kAlreadyExists); }

std::vector<std::string> split_columns(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        auto comma = text.find(',');
        auto part = text.substr(0, comma);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
        if (!part.empty()) out.emplace_back(part);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return out;
}

void keep_if_masked(std::string& incoming, const std::string& stored) {
    if (model::is_masked(incoming)) incoming = stored;
}

// ---- per-type rules ------------------------------------------------------------------------

model::Viewer viewer(bool admin) {
    return admin ? model::Viewer::kAdmin : model::Viewer::kNonAdmin;
}

template <typename T>
struct Traits;

template <>
struct Traits<model::Organization> {
    static constexpr ObjectKind kKind = ObjectKind::kOrganization;
    static std::string org_of(const model::Organization& o) { return o.name; }
    static std::string org_of_id(const model::ObjectId& id) { return id.name; }
    static json::value present(model::Organization o, bool admin) {
        return model::to_json(model::mask_organization(std::move(o), viewer(admin)));
    }
    // Members read their own organization (masked).
    static bool member_may_read(const Caller& c, const model::Organization& o) {
        return c.user && c.user->owner == o.name;
    }
    static void merge(const model::Organization& stored, model::Organization& in) {
        in.owner = std::string(model::kAdminOwner);
        keep_if_masked(in.master_password, stored.master_password);
        keep_if_masked(in.default_password, stored.default_password);
        keep_if_masked(in.master_verification_code, stored.master_verification_code);
        keep_if_masked(in.password_salt, stored.password_salt);
        keep_if_masked(in.password_obfuscator_key, stored.password_obfuscator_key);
    }
};

template <>
struct Traits<model::Application> {
    static constexpr ObjectKind kKind = ObjectKind::kApplication;
    static std::string org_of(const model::Application& a) { return a.organization; }
    // Applications are owned by "admin": a missing one gives away no organization.
    static std::string org_of_id(const model::ObjectId&) { return std::string(model::kAdminOwner); }
    static json::value present(model::Application a, bool admin) {
        return model::to_json(model::mask_application(std::move(a), viewer(admin)));
    }
    // get-application is public (casdoor.md §4.4); secrets are masked.
    static bool member_may_read(const Caller&, const model::Application&) { return true; }
    static void merge(const model::Application& stored, model::Application& in) {
        in.owner = std::string(model::kAdminOwner);
        keep_if_masked(in.client_secret, stored.client_secret);
        keep_if_masked(in.client_cert, stored.client_cert);
        keep_if_masked(in.cert, stored.cert);
        keep_if_masked(in.registration_access_token, stored.registration_access_token);
        keep_if_masked(in.ip_whitelist, stored.ip_whitelist);
        keep_if_masked(in.backchannel_logout_uri, stored.backchannel_logout_uri);
    }
};

template <>
struct Traits<model::User> {
    static constexpr ObjectKind kKind = ObjectKind::kUser;
    static std::string org_of(const model::User& u) { return u.owner; }
    static std::string org_of_id(const model::ObjectId& id) { return id.owner; }
    // The password is "***" for every reader (never the hash).
    static json::value present(model::User u, bool admin) {
        return model::to_json(model::mask_user(std::move(u), viewer(admin)));
    }
    static bool member_may_read(const Caller& c, const model::User& u) {
        return is_self(c, u.owner, u.name);
    }
    // Passwords change only through set-password; MFA secrets only through the MFA endpoints.
    static void merge(const model::User& stored, model::User& in) {
        in.password = stored.password;
        in.password_salt = stored.password_salt;
        in.password_type = stored.password_type;
        in.last_change_password_time = stored.last_change_password_time;
        in.totp_secret = stored.totp_secret;
        in.recovery_codes = stored.recovery_codes;
        keep_if_masked(in.access_secret, stored.access_secret);
        if (in.id.empty()) in.id = stored.id;
        in.roles.clear();
        in.permissions.clear();
    }
};

template <typename T>
struct OrgOwnedTraits {
    static std::string org_of(const T& o) { return o.owner; }
    static std::string org_of_id(const model::ObjectId& id) { return id.owner; }
    static json::value present(T o, bool) { return model::to_json(o); }
    static bool member_may_read(const Caller&, const T&) { return false; }
    static void merge(const T&, T&) {}
};

template <>
struct Traits<model::Role> : OrgOwnedTraits<model::Role> {
    static constexpr ObjectKind kKind = ObjectKind::kRole;
};
template <>
struct Traits<model::Permission> : OrgOwnedTraits<model::Permission> {
    static constexpr ObjectKind kKind = ObjectKind::kPermission;
};
template <>
struct Traits<model::Group> : OrgOwnedTraits<model::Group> {
    static constexpr ObjectKind kKind = ObjectKind::kGroup;
};
template <>
struct Traits<model::Session> : OrgOwnedTraits<model::Session> {
    static constexpr ObjectKind kKind = ObjectKind::kSession;
};

template <>
struct Traits<model::Cert> {
    static constexpr ObjectKind kKind = ObjectKind::kCert;
    // Global certs belong to "admin", which only global admins administer.
    static std::string org_of(const model::Cert& c) { return c.owner; }
    static std::string org_of_id(const model::ObjectId& id) { return id.owner; }
    static json::value present(model::Cert c, bool admin) {
        return model::to_json(model::mask_cert(std::move(c), viewer(admin)));
    }
    // Org admins see the global certs they can pick for their applications, without keys.
    static bool member_may_read(const Caller& c, const model::Cert& cert) {
        return cert.owner == model::kAdminOwner && c.is_org_admin;
    }
    static void merge(const model::Cert& stored, model::Cert& in) {
        keep_if_masked(in.private_key, stored.private_key);
        keep_if_masked(in.access_secret, stored.access_secret);
    }
};

template <>
struct Traits<model::Token> {
    static constexpr ObjectKind kKind = ObjectKind::kToken;
    static std::string org_of(const model::Token& t) { return t.organization; }
    static std::string org_of_id(const model::ObjectId&) { return std::string(model::kAdminOwner); }
    static json::value present(model::Token t, bool) { return model::to_json(t); }
    static bool member_may_read(const Caller&, const model::Token&) { return false; }
    static void merge(const model::Token& stored, model::Token& in) {
        in.owner = std::string(model::kAdminOwner);
        // Refresh tokens are never stored in clear (C11); keep the stored hash.
        in.refresh_token.clear();
        if (in.refresh_token_hash.empty()) in.refresh_token_hash = stored.refresh_token_hash;
        if (in.access_token != stored.access_token) {
            in.access_token_hash =
                in.access_token.empty() ? std::string() : store::sha256_hex(in.access_token);
        }
    }
};

// ---- shared steps --------------------------------------------------------------------------

template <typename T>
json::value present_in_list(T obj, bool admin) {
    auto v = Traits<T>::present(std::move(obj), admin);
    // Lists carry no password at all, not even the mask.
    if constexpr (std::is_same_v<T, model::User>) v.as_object()["password"] = "";
    return v;
}

// The list scope for a type: which owner / organization the caller may list.
template <typename T>
core::Status scope_list(const Caller& caller, const ListParams& params, store::ListQuery& query) {
    if constexpr (std::is_same_v<T, model::Application> || std::is_same_v<T, model::Token>) {
        WARD_TRY(query.organization, confine_to_organization(caller, params.organization));
    } else if constexpr (std::is_same_v<T, model::Cert>) {
        if (caller.is_global_admin) {
            query.owner = params.owner;
            query.or_admin_owner = !params.owner.empty() && params.owner != model::kAdminOwner;
        } else {
            std::string_view wanted = params.owner == model::kAdminOwner
                                          ? std::string_view()
                                          : std::string_view(params.owner);
            WARD_TRY(query.owner, confine_to_organization(caller, wanted));
            query.or_admin_owner = true;
        }
    } else {
        WARD_TRY(query.owner, confine_to_organization(caller, params.owner));
    }
    return core::ok();
}

store::ListQuery to_query(const ListParams& params) {
    store::ListQuery q;
    q.field = params.filter_column;
    q.value = params.filter_value;
    q.sort_field = params.sort_column;
    q.sort_order = params.sort_order == SortOrder::kAscend ? "ascend" : "descend";
    q.page = params.page;
    q.page_size = params.page_size;
    return q;
}

boost::asio::awaitable<core::Result<Caller>> identify(const CtxPtr& ctx, http::Request& req) {
    co_return co_await server::identify_caller(*ctx, req);
}

// ---- generic handlers ----------------------------------------------------------------------

// A list reply: the presented items, and the total in data2 only when the request paginated
// (Casdoor leaves data2 null otherwise).
template <typename T, typename Present>
http::Response list_reply(store::Page<T> page, const ListParams& params, Present present) {
    json::array items;
    items.reserve(page.items.size());
    for (auto& obj : page.items) items.emplace_back(present(std::move(obj)));
    json::value total = params.paginated() ? json::value(page.total) : json::value(nullptr);
    return reply(Envelope::success(std::move(items), std::move(total)));
}

template <typename T>
Reply handle_list(CtxPtr ctx, http::Request& req) {
    auto caller = co_await identify(ctx, req);
    if (!caller) co_return fail_identify(caller.error());
    auto params = parse_list_params(req, Traits<T>::kKind);
    if (!params) co_return fail(params.error());
    auto query = to_query(*params);
    if (auto scoped = scope_list<T>(*caller, *params, query); !scoped) co_return unauthorized();
    if constexpr (std::is_same_v<T, model::User>) {
        std::string group(req.query_param("groupName").value_or(""));
        if (!group.empty() && group.find('/') == std::string::npos && !query.owner.empty()) {
            group = model::format_id(query.owner, group);
        }
        query.group = std::move(group);
    }
    auto page = co_await ctx->store().list<T>(query);
    if (!page) co_return fail(page.error());
    // The lambdas stay outside the co_return expression (the g++ 12 coroutine bug).
    auto present = [&](T obj) {
        bool admin = administers(*caller, Traits<T>::org_of(obj));
        return present_in_list(std::move(obj), admin);
    };
    co_return list_reply(std::move(*page), *params, present);
}

// Shows one stored object to the caller, or refuses.
template <typename T>
http::Response show(const Caller& caller, T obj) {
    bool admin = administers(caller, Traits<T>::org_of(obj));
    if (!admin && !Traits<T>::member_may_read(caller, obj)) return unauthorized();
    return reply(Envelope::success(Traits<T>::present(std::move(obj), admin)));
}

template <typename T>
Reply handle_get(CtxPtr ctx, http::Request& req) {
    auto caller = co_await identify(ctx, req);
    if (!caller) co_return fail_identify(caller.error());
    auto id = parse_id_param(req);
    if (!id) co_return fail(id.error());
    auto obj = co_await ctx->store().get<T>(id->owner, id->name);
    if (!obj) {
        if (!is_not_found(obj.error())) co_return fail(obj.error());
        // Casdoor answers a missing object with data null; only to someone who could see it.
        bool may_know = administers(*caller, Traits<T>::org_of_id(*id));
        if constexpr (std::is_same_v<T, model::Application>) may_know = true;
        co_return may_know ? reply(Envelope::success()) : unauthorized();
    }
    if constexpr (std::is_same_v<T, model::User>) {
        if (auto filled = co_await ctx->store().fill_authz(*obj); !filled) {
            co_return fail(filled.error());
        }
    }
    co_return show(*caller, std::move(*obj));
}

// Overlays the body's keys on the stored object, so a partial body changes only what it names.
template <typename T>
core::Result<T> overlay(const T& stored, const json::object& body) {
    auto merged = model::to_json(stored);
    for (const auto& [key, value] : body) merged[key] = value;
    return model::from_json<T>(merged);
}

template <typename T>
boost::asio::awaitable<core::Status> prepare_add(const CtxPtr& ctx, const Caller& caller, T& obj);

template <typename T>
boost::asio::awaitable<core::Status> insert(const CtxPtr& ctx, const T& obj) {
    if constexpr (std::is_same_v<T, model::Token>) {
        co_return co_await ctx->store().add_token(obj);
    } else {
        co_return co_await ctx->store().add<T>(obj);
    }
}

template <typename T>
Reply handle_add(CtxPtr ctx, http::Request& req) {
    auto caller = co_await identify(ctx, req);
    if (!caller) co_return fail_identify(caller.error());
    auto body = parse_json_object(req);
    if (!body) co_return fail(body.error());
    auto obj = model::from_json<T>(*body);
    if (!obj) co_return fail(obj.error());
    if constexpr (std::is_same_v<T, model::Organization> || std::is_same_v<T, model::Application> ||
                  std::is_same_v<T, model::Token>) {
        obj->owner = std::string(model::kAdminOwner);
    }
    bool allowed = administers(*caller, Traits<T>::org_of(*obj));
    if constexpr (std::is_same_v<T, model::Organization>) allowed = caller->is_global_admin;
    if (!allowed) co_return unauthorized();
    if (obj->created_time.empty()) obj->created_time = ctx->store().now_text();
    if (auto prepared = co_await prepare_add<T>(ctx, *caller, *obj); !prepared) {
        co_return fail(prepared.error());
    }
    auto added = co_await insert<T>(ctx, *obj);
    if (!added) {
        if (is_duplicate(added.error())) co_return reply(Envelope::affected(false));
        co_return fail(added.error());
    }
    co_return reply(Envelope::affected(true));
}

template <typename T>
core::Status validate_update(const T&, const T&) {
    return core::ok();
}

template <typename T>
Reply handle_update(CtxPtr ctx, http::Request& req) {
    auto caller = co_await identify(ctx, req);
    if (!caller) co_return fail_identify(caller.error());
    core::Result<model::ObjectId> id = parse_id_param(req);
    if constexpr (std::is_same_v<T, model::User>) {
        // update-user?userId=<uuid>&owner=<org> (casdoor.md §4.2).
        if (!req.query_param("id") && req.query_param("userId")) {
            auto by_id = co_await ctx->store().user_by_id(req.query_param("userId").value_or(""));
            if (!by_id) {
                if (!is_not_found(by_id.error())) co_return fail(by_id.error());
                co_return administers(*caller, req.query_param("owner").value_or(""))
                    ? reply(Envelope::affected(false))
                    : unauthorized();
            }
            id = model::ObjectId{by_id->owner, by_id->name};
        }
    }
    if (!id) co_return fail(id.error());
    auto body = parse_json_object(req);
    if (!body) co_return fail(body.error());

    auto stored = co_await ctx->store().get<T>(id->owner, id->name);
    if (!stored) {
        if (!is_not_found(stored.error())) co_return fail(stored.error());
        co_return administers(*caller, Traits<T>::org_of_id(*id)) ? reply(Envelope::affected(false))
                                                                  : unauthorized();
    }
    auto incoming = overlay(*stored, *body);
    if (!incoming) co_return fail(incoming.error());
    Traits<T>::merge(*stored, *incoming);

    bool admin = administers(*caller, Traits<T>::org_of(*stored)) &&
                 administers(*caller, Traits<T>::org_of(*incoming));
    if (!admin) {
        bool self_ok = false;
        if constexpr (std::is_same_v<T, model::User>) {
            self_ok = is_self(*caller, stored->owner, stored->name) &&
                      check_self_update(*stored, *incoming).has_value();
        }
        if (!self_ok) co_return unauthorized();
    }
    bool moved = incoming->owner != stored->owner || incoming->name != stored->name;
    if (moved && is_builtin_object(Traits<T>::kKind, stored->owner, stored->name)) {
        co_return unauthorized();
    }
    if (auto valid = validate_update(*stored, *incoming); !valid) co_return fail(valid.error());

    auto columns = split_columns(req.query_param("columns").value_or(""));
    auto updated = co_await ctx->store().update<T>(id->owner, id->name, *incoming, columns);
    if (!updated) {
        if (is_not_found(updated.error()) || is_duplicate(updated.error())) {
            co_return reply(Envelope::affected(false));
        }
        co_return fail(updated.error());
    }
    co_return reply(Envelope::affected(true));
}

template <typename T>
Reply handle_delete(CtxPtr ctx, http::Request& req) {
    auto caller = co_await identify(ctx, req);
    if (!caller) co_return fail_identify(caller.error());
    auto body = parse_json_object(req);
    if (!body) co_return fail(body.error());
    auto named = model::from_json<T>(*body);
    if (!named) co_return fail(named.error());
    if (named->name.empty()) co_return fail("The name of the object to delete is missing");

    auto stored = co_await ctx->store().get<T>(named->owner, named->name);
    if (!stored) {
        if (!is_not_found(stored.error())) co_return fail(stored.error());
        co_return administers(*caller, Traits<T>::org_of(*named)) ? reply(Envelope::affected(false))
                                                                  : unauthorized();
    }
    bool allowed = administers(*caller, Traits<T>::org_of(*stored));
    if constexpr (std::is_same_v<T, model::Organization>) allowed = caller->is_global_admin;
    if (!allowed || is_builtin_object(Traits<T>::kKind, stored->owner, stored->name)) {
        co_return unauthorized();
    }
    auto removed = co_await ctx->store().remove<T>(stored->owner, stored->name);
    if (!removed) {
        if (is_not_found(removed.error())) co_return reply(Envelope::affected(false));
        co_return fail(removed.error());
    }
    co_return reply(Envelope::affected(true));
}

// ---- per-type preparation of new objects ---------------------------------------------------

template <typename T>
boost::asio::awaitable<core::Status> prepare_add(const CtxPtr&, const Caller&, T&) {
    co_return core::ok();
}

template <>
boost::asio::awaitable<core::Status> prepare_add<model::Application>(const CtxPtr& ctx,
                                                                     const Caller&,
                                                                     model::Application& app) {
    if (app.client_id.empty()) app.client_id = model::generate_client_id(ctx->random());
    if (app.client_secret.empty()) app.client_secret = model::generate_client_secret(ctx->random());
    app.organization_obj = nullptr;
    app.cert_public_key.clear();
    co_return core::ok();
}

template <>
boost::asio::awaitable<core::Status> prepare_add<model::Token>(const CtxPtr& ctx, const Caller&,
                                                               model::Token& token) {
    if (token.name.empty()) token.name = core::uuid_v4(ctx->random());
    if (!token.access_token.empty())
        token.access_token_hash = store::sha256_hex(token.access_token);
    if (!token.refresh_token.empty()) {
        token.refresh_token_hash = store::sha256_hex(token.refresh_token);
        token.refresh_token.clear();
    }
    co_return core::ok();
}

// Casdoor generates the key pair of a cert added without one (casdoor.md §1.8); a given pair
// must parse and fit the algorithm.
core::Status fill_cert_keys(server::Context& ctx, model::Cert& cert) {
    if (!cert.certificate.empty() || !cert.private_key.empty()) {
        if (cert.type != "x509") return core::ok();
        auto parsed = server::SigningKeyCache::parse(cert);
        if (!parsed) return parsed.error();
        return core::ok();
    }
    if (cert.type != "x509") return core::ok();
    std::string alg = model::normalized_crypto_algorithm(cert);
    core::Result<jose::Key> key = core::Error::invalid_argument(
        "Unsupported crypto algorithm: " + cert.crypto_algorithm, "invalid-cert");
    if (alg.starts_with("RS") || alg.starts_with("PS")) {
        key = jose::Key::generate_rsa(static_cast<int>(cert.bit_size));
    } else if (alg == "ES256") {
        key = jose::Key::generate_ec("P-256");
    } else if (alg == "ES384") {
        key = jose::Key::generate_ec("P-384");
    } else if (alg == "ES512") {
        key = jose::Key::generate_ec("P-521");
    }
    if (!key) return key.error();
    jose::SelfSignedOptions options;
    options.common_name = cert.name;
    options.organization = cert.owner;
    options.validity_years = static_cast<int>(cert.expire_in_years);
    options.not_before_unix = ctx.clock().unix_seconds();
    options.serial = 123456;
    WARD_TRY(auto certificate, jose::self_signed_certificate(*key, options));
    WARD_TRY(cert.private_key, key->private_pem());
    cert.certificate = certificate.pem();
    return core::ok();
}

template <>
boost::asio::awaitable<core::Status> prepare_add<model::Cert>(const CtxPtr& ctx, const Caller&,
                                                              model::Cert& cert) {
    if (cert.name.empty()) {
        co_return core::Error::invalid_argument("The cert name cannot be empty");
    }
    co_return fill_cert_keys(*ctx, cert);
}

template <>
core::Status validate_update<model::Cert>(const model::Cert& stored, const model::Cert& in) {
    bool keys_changed =
        in.certificate != stored.certificate || in.private_key != stored.private_key;
    if (keys_changed && in.type == "x509" && !in.certificate.empty() && !in.private_key.empty()) {
        auto parsed = server::SigningKeyCache::parse(in);
        if (!parsed) return parsed.error();
    }
    return core::ok();
}

boost::asio::awaitable<core::Result<model::Organization>> organization_of(const CtxPtr& ctx,
                                                                          std::string org_name) {
    auto org = co_await ctx->store().get<model::Organization>(model::kAdminOwner, org_name);
    if (!org && is_not_found(org.error())) {
        co_return core::Error::not_found("The organization: " + org_name + " does not exist");
    }
    co_return org;
}

core::Status hash_new_password(server::Context& ctx, const model::Organization& org,
                               model::User& user) {
    WARD_TRY(auto type, password::parse_password_type(org.password_type));
    WARD_TRY(auto hashed,
             password::hash_password(user.password, type, ctx.random(), org.password_salt));
    user.password = std::move(hashed.hash);
    user.password_salt = std::move(hashed.salt);
    user.password_type = std::string(password::to_string(type));
    return core::ok();
}

template <>
boost::asio::awaitable<core::Status> prepare_add<model::User>(const CtxPtr& ctx,
                                                              const Caller& caller,
                                                              model::User& user) {
    auto org = co_await organization_of(ctx, user.owner);
    if (!org) co_return org.error();
    if (user.owner == model::kBuiltInOrganization && !org->has_privilege_consent) {
        co_return core::Error::invalid_argument(
            "adding a new user to the 'built-in' organization is currently disabled. Please "
            "note: all users in the 'built-in' organization are global administrators. To add "
            "one anyway, enable 'Has privilege consent' in the organization's settings.",
            "privilege-consent-required");
    }
    if (user.id.empty()) user.id = core::uuid_v4(ctx->random());
    // Casdoor's defaultPassword replaces the UI's draft password "123".
    if (user.password == "123" && !org->default_password.empty()) {
        user.password = org->default_password;
    }
    if (user.password.empty()) {
        user.password_salt.clear();
        user.password_type.clear();
    } else if (auto hashed = hash_new_password(*ctx, *org, user); !hashed) {
        co_return hashed.error();
    }
    if (user.register_type.empty()) user.register_type = "Add User";
    if (user.register_source.empty()) user.register_source = caller.subject;
    user.roles.clear();
    user.permissions.clear();
    co_return core::ok();
}

// ---- special reads -------------------------------------------------------------------------

// get-organizations: global admins list every organization; anyone else signed in gets their
// own one.
Reply handle_get_organizations(CtxPtr ctx, http::Request& req) {
    auto caller = co_await identify(ctx, req);
    if (!caller) co_return fail_identify(caller.error());
    if (caller->is_global_admin) co_return co_await handle_list<model::Organization>(ctx, req);
    if (!caller->user) co_return unauthorized();
    auto params = parse_list_params(req, ObjectKind::kOrganization);
    if (!params) co_return fail(params.error());
    auto org =
        co_await ctx->store().get<model::Organization>(model::kAdminOwner, caller->user->owner);
    if (!org) co_return fail(org.error());
    json::array items;
    items.emplace_back(Traits<model::Organization>::present(
        std::move(*org), administers(*caller, caller->user->owner)));
    json::value total = params->paginated() ? json::value(1) : json::value(nullptr);
    co_return reply(Envelope::success(std::move(items), std::move(total)));
}

// get-organization-applications?organization=: public, masked (the login page lists them).
Reply handle_get_organization_applications(CtxPtr ctx, http::Request& req) {
    auto caller = co_await identify(ctx, req);
    if (!caller) co_return fail_identify(caller.error());
    std::string organization(req.query_param("organization").value_or(""));
    if (organization.empty()) co_return fail("Missing parameter: organization");
    auto params = parse_list_params(req, ObjectKind::kApplication);
    if (!params) co_return fail(params.error());
    auto query = to_query(*params);
    query.organization = organization;
    auto page = co_await ctx->store().list<model::Application>(query);
    if (!page) co_return fail(page.error());
    const bool admin = administers(*caller, organization);
    auto present = [admin](model::Application app) {
        return Traits<model::Application>::present(std::move(app), admin);
    };
    co_return list_reply(std::move(*page), *params, present);
}

Reply handle_get_global_users(CtxPtr ctx, http::Request& req) {
    auto caller = co_await identify(ctx, req);
    if (!caller) co_return fail_identify(caller.error());
    if (!caller->is_global_admin) co_return unauthorized();
    co_return co_await handle_list<model::User>(ctx, req);
}

Reply handle_get_global_certs(CtxPtr ctx, http::Request& req) {
    auto caller = co_await identify(ctx, req);
    if (!caller) co_return fail_identify(caller.error());
    if (!caller->is_global_admin) co_return unauthorized();
    auto params = parse_list_params(req, ObjectKind::kCert);
    if (!params) co_return fail(params.error());
    auto query = to_query(*params);
    query.owner = std::string(model::kAdminOwner);
    auto page = co_await ctx->store().list<model::Cert>(query);
    if (!page) co_return fail(page.error());
    auto present = [](model::Cert cert) {
        return Traits<model::Cert>::present(std::move(cert), true);
    };
    co_return list_reply(std::move(*page), *params, present);
}

// get-user?id= | ?userId=<uuid> | ?owner=&email= | ?owner=&phone=.
Reply handle_get_user(CtxPtr ctx, http::Request& req) {
    if (req.query_param("id")) co_return co_await handle_get<model::User>(ctx, req);
    auto caller = co_await identify(ctx, req);
    if (!caller) co_return fail_identify(caller.error());
    std::string owner(req.query_param("owner").value_or(""));
    core::Result<model::User> user = core::Error::not_found("no user");
    if (auto user_id = req.query_param("userId")) {
        user = co_await ctx->store().user_by_id(*user_id);
    } else {
        std::string field = req.query_param("email") ? "email" : "phone";
        std::string value(req.query_param(field).value_or(""));
        if (value.empty() || owner.empty()) {
            co_return fail(parse_id_param(req).error());
        }
        store::ListQuery query;
        query.owner = owner;
        query.field = field;
        query.value = value;
        auto page = co_await ctx->store().list<model::User>(query);
        if (!page) co_return fail(page.error());
        for (auto& u : page->items) {
            if ((field == "email" ? u.email : u.phone) == value) {
                user = std::move(u);
                break;
            }
        }
    }
    if (!user) {
        if (!is_not_found(user.error())) co_return fail(user.error());
        co_return administers(*caller, owner) ? reply(Envelope::success()) : unauthorized();
    }
    if (auto filled = co_await ctx->store().fill_authz(*user); !filled) {
        co_return fail(filled.error());
    }
    co_return show(*caller, std::move(*user));
}

Reply handle_get_user_count(CtxPtr ctx, http::Request& req) {
    auto caller = co_await identify(ctx, req);
    if (!caller) co_return fail_identify(caller.error());
    store::ListQuery query;
    auto owner = confine_to_organization(*caller, req.query_param("owner").value_or(""));
    if (!owner) co_return unauthorized();
    query.owner = *owner;
    auto online = req.query_param("isOnline").value_or("");
    if (online == "1" || online == "0") {
        query.field = "is_online";
        // The store filters on the column's text form: 0/1 in SQLite, false/true in PostgreSQL.
        const bool pg = ctx->store().database().dialect() == sql::Dialect::kPostgres;
        query.value = pg ? (online == "1" ? "true" : "false") : std::string(online);
    }
    auto count = co_await ctx->store().count<model::User>(query);
    if (!count) co_return fail(count.error());
    co_return reply(Envelope::success(*count));
}

// get-session?sessionPkId=<org>/<user>[/<application>] (or id=<org>/<user>).
Reply handle_get_session(CtxPtr ctx, http::Request& req) {
    if (!req.query_param("sessionPkId")) co_return co_await handle_get<model::Session>(ctx, req);
    auto caller = co_await identify(ctx, req);
    if (!caller) co_return fail_identify(caller.error());
    std::string pk(req.query_param("sessionPkId").value_or(""));
    std::string application;
    if (auto first = pk.find('/'); first != std::string::npos) {
        if (auto second = pk.find('/', first + 1); second != std::string::npos) {
            application = pk.substr(second + 1);
            pk.resize(second);
        }
    }
    auto id = model::parse_id(pk);
    if (!id) co_return fail(id.error());
    if (!administers(*caller, id->owner)) co_return unauthorized();
    auto session = co_await ctx->store().get<model::Session>(id->owner, id->name);
    if (!session) {
        if (is_not_found(session.error())) co_return reply(Envelope::success());
        co_return fail(session.error());
    }
    if (!application.empty() && session->application != application) {
        co_return reply(Envelope::success());
    }
    co_return reply(Envelope::success(model::to_json(*session)));
}

// get-account: the signed-in user with roles and permissions as objects (C1) and no secrets;
// data2 is the organization.
Reply handle_get_account(CtxPtr ctx, http::Request& req) {
    auto caller = co_await identify(ctx, req);
    if (!caller) co_return fail_identify(caller.error());
    if (caller->kind != server::CallerKind::kUser || !caller->user) {
        co_return fail(std::string(kPleaseLogin));
    }
    const auto& me = *caller->user;
    auto user = co_await ctx->store().user_with_authz(me.owner, me.name);
    if (!user) co_return fail(user.error());
    auto org = co_await ctx->store().get<model::Organization>(model::kAdminOwner, me.owner);
    if (!org) co_return fail(org.error());

    auto masked = model::mask_user(std::move(*user), model::Viewer::kNonAdmin);
    if (caller->token) masked.access_token = caller->token->access_token;
    Envelope e = Envelope::success(
        model::to_json(masked),
        Traits<model::Organization>::present(std::move(*org), administers(*caller, me.owner)));
    e.sub = masked.id;
    e.name = masked.name;
    co_return reply(e);
}

// ---- set-password (multipart, casdoor.md §4.3) ---------------------------------------------

Reply handle_set_password(CtxPtr ctx, http::Request& req) {
    auto caller = co_await identify(ctx, req);
    if (!caller) co_return fail_identify(caller.error());
    if (caller->is_anonymous()) co_return fail(std::string(kPleaseLogin));
    auto form = FormFields::from_request(req);
    if (!form) co_return fail(form.error());
    std::string owner = form->get("userOwner");
    std::string name = form->get("userName");
    std::string old_password = form->get("oldPassword");
    std::string new_password = form->get("newPassword");
    if (owner.empty() || name.empty()) co_return fail("Missing parameter: userOwner or userName");

    bool admin = administers(*caller, owner);
    if (!admin && !is_self(*caller, owner, name)) co_return unauthorized();
    auto user = co_await ctx->store().get<model::User>(owner, name);
    if (!user) {
        if (is_not_found(user.error())) {
            co_return fail("The user: " + model::format_id(owner, name) + " doesn't exist");
        }
        co_return fail(user.error());
    }
    auto org = co_await organization_of(ctx, owner);
    if (!org) co_return fail(org.error());

    password::StoredPassword stored{user->password_type.empty()
                                        ? std::string_view(org->password_type)
                                        : std::string_view(user->password_type),
                                    user->password, user->password_salt, org->password_salt};
    // Admins may omit the old password; anyone else must prove it (CVE-2023-34927 class).
    if (!admin || !old_password.empty()) {
        if (old_password.empty()) co_return fail("The old password is required");
        auto ok = password::verify_password(old_password, stored);
        if (!ok || !*ok) co_return fail("The old password is wrong");
    }
    if (auto v = check_no_spaces(new_password); !v) co_return fail(v.error());
    if (auto v = check_password_options(new_password, org->password_options); !v) {
        co_return fail(v.error());
    }
    if (auto same = password::verify_password(new_password, stored); same && *same) {
        co_return fail("The new password must be different from your current password");
    }
    user->password = new_password;
    if (auto hashed = hash_new_password(*ctx, *org, *user); !hashed) co_return fail(hashed.error());
    user->last_change_password_time = ctx->store().now_text();
    user->need_update_password = false;
    static const std::vector<std::string> kColumns = {
        "password", "passwordSalt", "passwordType", "lastChangePasswordTime", "needUpdatePassword"};
    auto updated = co_await ctx->store().update<model::User>(owner, name, *user, kColumns);
    if (!updated) co_return fail(updated.error());
    co_return reply(Envelope::success());
}

// ---- MFA setup (casdoor.md §5.3): initiate -> verify -> enable ------------------------------

struct MfaTarget {
    model::User user;
    std::string issuer;
};

// The user the MFA call is about (form owner/name, default the caller), if the caller may act on
// them. Returns an error reply in `refusal` otherwise.
boost::asio::awaitable<core::Result<MfaTarget>> mfa_target(const CtxPtr& ctx, const Caller& caller,
                                                           const FormFields& form) {
    std::string owner = form.get("owner");
    std::string name = form.get("name");
    if (caller.is_anonymous()) co_return core::Error::unauthenticated(std::string(kPleaseLogin));
    if (owner.empty() && name.empty() && caller.user) {
        owner = caller.user->owner;
        name = caller.user->name;
    }
    if (!administers(caller, owner) && !is_self(caller, owner, name)) {
        co_return core::Error::permission_denied(std::string(kUnauthorized));
    }
    auto mfa_type = form.get("mfaType");
    if (mfa_type != "app") {
        co_return core::Error::invalid_argument("Invalid multi-factor authentication type: " +
                                                mfa_type);
    }
    auto user = co_await ctx->store().get<model::User>(owner, name);
    if (!user) {
        if (is_not_found(user.error())) {
            co_return core::Error::not_found("The user: " + model::format_id(owner, name) +
                                             " doesn't exist");
        }
        co_return user.error();
    }
    std::string issuer = "Casdoor";
    if (caller.application && !caller.application->display_name.empty()) {
        issuer = caller.application->display_name;
    }
    co_return MfaTarget{std::move(*user), std::move(issuer)};
}

http::Response fail_mfa(const core::Error& e) {
    if (e.is(core::ErrorKind::kUnauthenticated)) return fail(e.message());
    return fail(e);
}

Reply handle_mfa_initiate(CtxPtr ctx, http::Request& req) {
    auto caller = co_await identify(ctx, req);
    if (!caller) co_return fail_identify(caller.error());
    auto form = FormFields::from_request(req);
    if (!form) co_return fail(form.error());
    auto target = co_await mfa_target(ctx, *caller, *form);
    if (!target) co_return fail_mfa(target.error());
    auto secret = totp::generate_secret(ctx->random());
    json::array codes;
    for (auto& code : totp::generate_recovery_codes(ctx->random())) codes.emplace_back(code);
    json::object props;
    props["enabled"] = false;
    props["isPreferred"] = false;
    props["mfaType"] = "app";
    props["secret"] = secret;
    props["url"] = totp::otpauth_url(target->issuer, target->user.name, secret);
    props["recoveryCodes"] = std::move(codes);
    co_return reply(Envelope::success(std::move(props)));
}

Reply handle_mfa_verify(CtxPtr ctx, http::Request& req) {
    auto caller = co_await identify(ctx, req);
    if (!caller) co_return fail_identify(caller.error());
    auto form = FormFields::from_request(req);
    if (!form) co_return fail(form.error());
    auto target = co_await mfa_target(ctx, *caller, *form);
    if (!target) co_return fail_mfa(target.error());
    auto ok = totp::verify(form->get("secret"), form->get("passcode"), ctx->clock().unix_seconds());
    if (!ok) co_return fail(ok.error());
    if (!*ok) co_return fail("totp passcode error");
    co_return reply(Envelope::success());
}

Reply handle_mfa_enable(CtxPtr ctx, http::Request& req) {
    auto caller = co_await identify(ctx, req);
    if (!caller) co_return fail_identify(caller.error());
    auto form = FormFields::from_request(req);
    if (!form) co_return fail(form.error());
    auto target = co_await mfa_target(ctx, *caller, *form);
    if (!target) co_return fail_mfa(target.error());
    auto secret = form->get("secret");
    auto now = ctx->clock().unix_seconds();
    if (auto code = totp::code_at(secret, now); !code) co_return fail(code.error());
    if (form->has("passcode")) {
        auto ok = totp::verify(secret, form->get("passcode"), now);
        if (!ok || !*ok) co_return fail("totp passcode error");
    }
    // FormData sends an array as "a,b,c".
    auto codes = split_columns(form->get("recoveryCodes"));
    if (codes.empty()) co_return fail("Missing parameter: recoveryCodes");
    auto& user = target->user;
    user.totp_secret = secret;
    user.recovery_codes = std::move(codes);
    user.preferred_mfa_type = "app";
    static const std::vector<std::string> kColumns = {"totpSecret", "recoveryCodes",
                                                      "preferredMfaType"};
    auto updated = co_await ctx->store().update<model::User>(user.owner, user.name, user, kColumns);
    if (!updated) co_return fail(updated.error());
    co_return reply(Envelope::affected(true));
}

Reply handle_delete_mfa(CtxPtr ctx, http::Request& req) {
    auto caller = co_await identify(ctx, req);
    if (!caller) co_return fail_identify(caller.error());
    auto form = FormFields::from_request(req);
    if (!form) co_return fail(form.error());
    std::string owner = form->get("owner");
    std::string name = form->get("name");
    if (caller->is_anonymous()) co_return fail(std::string(kPleaseLogin));
    if (!administers(*caller, owner) && !is_self(*caller, owner, name)) co_return unauthorized();
    auto user = co_await ctx->store().get<model::User>(owner, name);
    if (!user) {
        if (is_not_found(user.error())) co_return reply(Envelope::affected(false));
        co_return fail(user.error());
    }
    user->totp_secret.clear();
    user->recovery_codes.clear();
    user->preferred_mfa_type.clear();
    static const std::vector<std::string> kColumns = {"totpSecret", "recoveryCodes",
                                                      "preferredMfaType"};
    auto updated = co_await ctx->store().update<model::User>(owner, name, *user, kColumns);
    if (!updated) co_return fail(updated.error());
    co_return reply(Envelope::affected(true));
}

// ---- registration --------------------------------------------------------------------------

using HandlerFn = Reply (*)(CtxPtr, http::Request&);

void route(http::Router& router, http::Method method, std::string_view path, HandlerFn fn,
           const CtxPtr& ctx) {
    router.add(method, path, [fn, ctx](http::Request& req) { return fn(ctx, req); });
}

template <typename T>
void crud(http::Router& router, const CtxPtr& ctx, std::string_view plural,
          std::string_view singular) {
    std::string p(plural), s(singular);
    route(router, http::Method::kGet, "/api/get-" + p, &handle_list<T>, ctx);
    route(router, http::Method::kGet, "/api/get-" + s, &handle_get<T>, ctx);
    route(router, http::Method::kPost, "/api/add-" + s, &handle_add<T>, ctx);
    route(router, http::Method::kPost, "/api/update-" + s, &handle_update<T>, ctx);
    route(router, http::Method::kPost, "/api/delete-" + s, &handle_delete<T>, ctx);
}

}  // namespace

void register_routes(http::Router& router, std::shared_ptr<server::Context> ctx) {
    using http::Method;
    route(router, Method::kGet, "/api/get-organizations", &handle_get_organizations, ctx);
    route(router, Method::kGet, "/api/get-organization", &handle_get<model::Organization>, ctx);
    route(router, Method::kPost, "/api/add-organization", &handle_add<model::Organization>, ctx);
    route(router, Method::kPost, "/api/update-organization", &handle_update<model::Organization>,
          ctx);
    route(router, Method::kPost, "/api/delete-organization", &handle_delete<model::Organization>,
          ctx);

    crud<model::Application>(router, ctx, "applications", "application");
    route(router, Method::kGet, "/api/get-organization-applications",
          &handle_get_organization_applications, ctx);

    route(router, Method::kGet, "/api/get-users", &handle_list<model::User>, ctx);
    route(router, Method::kGet, "/api/get-global-users", &handle_get_global_users, ctx);
    route(router, Method::kGet, "/api/get-user", &handle_get_user, ctx);
    route(router, Method::kGet, "/api/get-user-count", &handle_get_user_count, ctx);
    route(router, Method::kPost, "/api/add-user", &handle_add<model::User>, ctx);
    route(router, Method::kPost, "/api/update-user", &handle_update<model::User>, ctx);
    route(router, Method::kPost, "/api/delete-user", &handle_delete<model::User>, ctx);

    crud<model::Role>(router, ctx, "roles", "role");
    crud<model::Permission>(router, ctx, "permissions", "permission");
    crud<model::Group>(router, ctx, "groups", "group");
    crud<model::Cert>(router, ctx, "certs", "cert");
    route(router, Method::kGet, "/api/get-global-certs", &handle_get_global_certs, ctx);
    crud<model::Token>(router, ctx, "tokens", "token");

    route(router, Method::kGet, "/api/get-sessions", &handle_list<model::Session>, ctx);
    route(router, Method::kGet, "/api/get-session", &handle_get_session, ctx);
    route(router, Method::kPost, "/api/add-session", &handle_add<model::Session>, ctx);
    route(router, Method::kPost, "/api/update-session", &handle_update<model::Session>, ctx);
    route(router, Method::kPost, "/api/delete-session", &handle_delete<model::Session>, ctx);

    route(router, Method::kPost, "/api/set-password", &handle_set_password, ctx);
    route(router, Method::kGet, "/api/get-account", &handle_get_account, ctx);

    route(router, Method::kPost, "/api/mfa/setup/initiate", &handle_mfa_initiate, ctx);
    route(router, Method::kPost, "/api/mfa/setup/verify", &handle_mfa_verify, ctx);
    route(router, Method::kPost, "/api/mfa/setup/enable", &handle_mfa_enable, ctx);
    route(router, Method::kPost, "/api/delete-mfa", &handle_delete_mfa, ctx);
}

}  // namespace ward::idp::api
