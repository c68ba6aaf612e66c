// An in-process IdP for the OAuth/OIDC tests: a Store over SQLite (or PostgreSQL) seeded by first
// start plus organization acme with users and applications, an http::Server on a free port with
// oidc::register_routes, and a blocking raw HTTP client. Time is a ManualClock and randomness a
// SeededRandom.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "core/encoding.hpp"
#include "core/json.hpp"
#include "http/client.hpp"
#include "idp/idp_fixture.hpp"
#include "idp/oidc/routes.hpp"
#include "idp/server/bootstrap.hpp"
#include "idp/store/store.hpp"
#include "sql/test_support.hpp"

namespace ward::idp::oidc::test {

inline constexpr std::string_view kPassword = "alice-pass-1";
inline constexpr std::string_view kClientId = "shopclientid00000001";
inline constexpr std::string_view kClientSecret = "shopsecret000000000000000000000000000001";
inline constexpr std::string_view kPwClientId = "pwclientid0000000001";
inline constexpr std::string_view kPwClientSecret = "pwsecret00000000000000000000000000000001";
inline constexpr std::string_view kRedirect = "https://app.example.com/cb";
inline constexpr std::string_view kTotpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

struct Reply {
    unsigned status = 0;
    http::Headers headers;
    std::string body;
    core::json::object json() const {
        auto parsed = core::parse_json(body);
        if (!parsed || !parsed->is_object()) return {};
        return parsed->get_object();
    }
    std::string str(std::string_view key) const {
        return std::string(core::get_string(json(), key).value_or(""));
    }
};

class OidcServer : public idp::test::IdpServer {
  public:
    explicit OidcServer(sql::testing::Backend backend) : IdpServer(backend, 99, &register_routes) {
        if (!started()) return;
        seed();
        ready_ = !::testing::Test::HasFatalFailure();
    }

    bool ready() const { return ready_; }
    // The shared ManualClock, for a second Store acting as another process.
    std::shared_ptr<core::ManualClock> clock_ptr() const { return clock_; }

    Reply send(std::string method, std::string_view target, std::string body = {},
               std::string content_type = {}, http::Headers headers = {}) const {
        http::ClientRequest request;
        request.method = std::move(method);
        request.url = origin() + std::string(target);
        request.headers = std::move(headers);
        if (!content_type.empty()) request.headers.set("Content-Type", content_type);
        request.body = std::move(body);
        auto response = client_.perform(request);
        if (!response) {
            ADD_FAILURE() << response.error().to_string();
            return {};
        }
        return Reply{response->status, response->headers, response->body};
    }
    Reply get(std::string_view target, http::Headers headers = {}) const {
        return send("GET", target, {}, {}, std::move(headers));
    }
    Reply post_form(std::string_view target, std::string body, http::Headers headers = {}) const {
        return send("POST", target, std::move(body), "application/x-www-form-urlencoded",
                    std::move(headers));
    }

  private:
    template <typename T>
    void must_add(const T& obj) {
        auto added = await(store_->add<T>(obj));
        ASSERT_TRUE(added) << added.error().to_string();
    }

    model::User make_user(std::string name) {
        model::User u;
        u.owner = "acme";
        u.name = std::move(name);
        u.id = core::uuid_v4(*random_);
        u.created_time = store_->now_text();
        u.display_name = u.name;
        u.email = u.name + "@example.com";
        u.password = std::string(kPassword);
        u.password_type = "plain";
        return u;
    }

    void seed() {
        auto migrated = await(store_->migrate());
        ASSERT_TRUE(migrated) << migrated.error().to_string();
        auto boot = await(server::bootstrap(*store_, std::string("Admin-pass-1")));
        ASSERT_TRUE(boot) << boot.error().to_string();
        model::Organization org;
        org.name = "acme";
        org.display_name = "Acme Inc.";
        org.password_type = "plain";
        org.created_time = store_->now_text();
        must_add(org);
        must_add(make_user("alice"));
        auto mfa = make_user("mallory");
        mfa.totp_secret = std::string(kTotpSecret);
        mfa.preferred_mfa_type = "app";
        mfa.recovery_codes = {"aaaa-bbbb-cccc"};
        must_add(mfa);
        model::Role role;
        role.owner = "acme";
        role.name = "editor";
        role.users = {"acme/alice"};
        role.created_time = store_->now_text();
        must_add(role);

        model::Application shop;
        shop.name = "shop";
        shop.display_name = "Shop <Online>";
        shop.organization = "acme";
        shop.client_id = std::string(kClientId);
        shop.client_secret = std::string(kClientSecret);
        shop.redirect_uris = {std::string(kRedirect)};
        shop.grant_types = {"authorization_code", "refresh_token", "client_credentials"};
        shop.expire_in_hours = 1;
        shop.created_time = store_->now_text();
        must_add(shop);

        model::Application pw = shop;
        pw.name = "pwapp";
        pw.display_name = "Password App";
        pw.client_id = std::string(kPwClientId);
        pw.client_secret = std::string(kPwClientSecret);
        pw.grant_types = {"authorization_code", "refresh_token", "password"};
        must_add(pw);
    }

    bool ready_ = false;
};

// The PKCE pair used by the tests.
inline constexpr std::string_view kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

// Query for an authorization request of app shop with PKCE S256.
inline std::string authorize_query(std::string_view redirect = kRedirect,
                                   std::string_view state = "st-1") {
    return "client_id=" + std::string(kClientId) +
           "&response_type=code&redirect_uri=" + core::url_encode(redirect) +
           "&scope=" + core::url_encode("openid profile email") +
           "&state=" + core::url_encode(state) + "&nonce=n-42&code_challenge=" +
           "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
}

// The value of `name` in the query of a Location URL.
inline std::string location_param(std::string_view location, std::string_view name) {
    auto q = location.find('?');
    if (q == std::string_view::npos) return {};
    auto params = http::parse_urlencoded(location.substr(q + 1));
    if (!params) return {};
    return std::string(params->get_or(name, {}));
}

}  // namespace ward::idp::oidc::test
