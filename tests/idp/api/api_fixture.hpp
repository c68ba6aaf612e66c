// An in-process IdP admin API for tests: a Store over SQLite (or PostgreSQL), first-start objects
// plus two more organizations (acme, globex) with admins, users, roles, an application and bearer
// tokens; an http::Server on a free port with register_routes; and a blocking client that speaks
// Casdoor's envelope. Time is a ManualClock and randomness a SeededRandom.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "core/encoding.hpp"
#include "core/json.hpp"
#include "http/client.hpp"
#include "idp/api/routes.hpp"
#include "idp/idp_fixture.hpp"
#include "idp/server/bootstrap.hpp"
#include "idp/store/store.hpp"
#include "sql/test_support.hpp"

namespace ward::idp::api::test {

namespace json = core::json;

inline constexpr std::string_view kAdminPassword = "Admin-pass-1";
inline constexpr std::string_view kUserPassword = "user-pass-1";
inline constexpr std::string_view kAppClientId = "acmeclientid00000001";
inline constexpr std::string_view kAppClientSecret = "acmesecret0000000000000000000000000000001";

// How a request authenticates.
struct Auth {
    std::string bearer;
    std::string basic_id;
    std::string basic_secret;
    std::string cookie;  // casdoor_session_id value
    std::string origin;  // Origin header
};

struct MultipartField {
    std::string name;
    std::string value;
};

class ApiServer : public idp::test::IdpServer {
  public:
    explicit ApiServer(sql::testing::Backend backend) : IdpServer(backend, 1234, &register_routes) {
        if (!started()) return;
        seed();
        ready_ = true;
    }

    bool ready() const { return ready_; }

    // A live bearer token for org/user (an access-token row as the token endpoint stores it).
    std::string token_for(const std::string& org, const std::string& user) {
        model::Token t;
        t.name = core::uuid_v4(*random_);
        t.created_time = store_->now_text();
        t.application = "acme-app";
        t.organization = org;
        t.user = user;
        t.access_token = "tok-" + org + "-" + user + "-" + t.name;
        t.access_token_hash = store::sha256_hex(t.access_token);
        t.expires_in = 3600;
        auto added = await(store_->add_token(t));
        EXPECT_TRUE(added) << (added ? "" : added.error().to_string());
        return t.access_token;
    }

    std::string session_for(const std::string& org, const std::string& user) {
        store::NewSession s{org, user, "acme-app", 3600, ""};
        auto created = await(store_->create_session(s));
        EXPECT_TRUE(created) << (created ? "" : created.error().to_string());
        return created ? created->cookie_value : std::string();
    }

    // ---- requests; every reply must be HTTP 200 with the envelope ----

    json::object get(std::string_view target, const Auth& auth = {}) {
        return send("GET", target, {}, "", auth);
    }
    json::object post_json(std::string_view target, std::string_view body, const Auth& auth = {}) {
        return send("POST", target, "application/json", std::string(body), auth);
    }
    json::object post_multipart(std::string_view target, const std::vector<MultipartField>& fields,
                                const Auth& auth = {}) {
        std::string body;
        for (const auto& f : fields) {
            body += "--WardBoundary\r\nContent-Disposition: form-data; name=\"" + f.name +
                    "\"\r\n\r\n" + f.value + "\r\n";
        }
        body += "--WardBoundary--\r\n";
        return send("POST", target, "multipart/form-data; boundary=WardBoundary", body, auth);
    }

    // Admin reads for checking that nothing changed.
    Auth admin() { return Auth{.bearer = admin_token_}; }
    Auth acme_admin() { return Auth{.bearer = alice_token_}; }
    Auth acme_user() { return Auth{.bearer = bob_token_}; }
    Auth globex_admin() { return Auth{.bearer = dave_token_}; }
    Auth app_credentials() {
        return Auth{.basic_id = std::string(kAppClientId),
                    .basic_secret = std::string(kAppClientSecret)};
    }

    // The stored user, straight from the store (the API never shows hashes).
    model::User stored_user(const std::string& org, const std::string& name) {
        auto u = await(store_->get<model::User>(org, name));
        EXPECT_TRUE(u) << org << "/" << name << ": " << (u ? "" : u.error().to_string());
        return u ? *u : model::User{};
    }
    bool user_exists(const std::string& org, const std::string& name) {
        return await(store_->get<model::User>(org, name)).has_value();
    }
    // Every row of every admin-API table, serialized in a stable order: a refused request must
    // leave it byte-for-byte the same.
    std::string snapshot() {
        std::string out;
        snapshot_kind<model::Organization>("organization", out);
        snapshot_kind<model::Application>("application", out);
        snapshot_kind<model::User>("user", out);
        snapshot_kind<model::Role>("role", out);
        snapshot_kind<model::Permission>("permission", out);
        snapshot_kind<model::Group>("group", out);
        snapshot_kind<model::Cert>("cert", out);
        snapshot_kind<model::Token>("token", out);
        snapshot_kind<model::Session>("session", out);
        return out;
    }

    std::int64_t count_users(const std::string& org) {
        store::ListQuery q;
        q.owner = org;
        auto n = await(store_->count<model::User>(q));
        EXPECT_TRUE(n);
        return n ? *n : -1;
    }

  private:
    template <typename T>
    void snapshot_kind(std::string_view kind, std::string& out) {
        store::ListQuery q;
        q.sort_field = "name";
        q.sort_order = "ascend";
        auto page = await(store_->list<T>(q));
        EXPECT_TRUE(page) << kind << ": " << (page ? "" : page.error().to_string());
        if (!page) return;
        std::vector<std::string> rows;
        for (const auto& item : page->items) rows.push_back(core::to_json(model::to_json(item)));
        // Names repeat across owners (and tokens share created times): sort the text itself.
        std::sort(rows.begin(), rows.end());
        out += std::string(kind) + "\n";
        for (auto& r : rows) out += r + "\n";
    }

    json::object send(std::string method, std::string_view target, std::string content_type,
                      std::string body, const Auth& auth) {
        http::ClientRequest request;
        request.method = std::move(method);
        request.url = origin() + std::string(target);
        if (!content_type.empty()) request.headers.add("Content-Type", content_type);
        if (!auth.bearer.empty()) request.headers.add("Authorization", "Bearer " + auth.bearer);
        if (!auth.basic_id.empty()) {
            request.headers.add(
                "Authorization",
                "Basic " + core::base64_encode(auth.basic_id + ":" + auth.basic_secret));
        }
        if (!auth.cookie.empty()) {
            request.headers.add("Cookie", "casdoor_session_id=" + auth.cookie);
        }
        if (!auth.origin.empty()) request.headers.add("Origin", auth.origin);
        request.body = std::move(body);
        auto response = client_.perform(request);
        if (!response) {
            ADD_FAILURE() << response.error().to_string();
            return {};
        }
        EXPECT_EQ(response->status, 200u) << target << ": " << response->body;
        auto parsed = core::parse_json(response->body);
        if (!parsed || !parsed->is_object()) {
            ADD_FAILURE() << "not an envelope: " << response->body;
            return {};
        }
        auto o = parsed->get_object();
        for (const char* key : {"status", "msg", "sub", "name", "data", "data2", "data3"}) {
            EXPECT_TRUE(o.contains(key)) << "envelope lacks " << key << ": " << response->body;
        }
        return o;
    }

    template <typename T>
    void must_add(const T& obj) {
        auto added = await(store_->add<T>(obj));
        ASSERT_TRUE(added) << added.error().to_string();
    }

    model::User make_user(std::string org, std::string name, bool is_admin) {
        model::User u;
        u.owner = std::move(org);
        u.name = std::move(name);
        u.id = core::uuid_v4(*random_);
        u.created_time = store_->now_text();
        u.display_name = u.name;
        u.email = u.name + "@example.com";
        u.is_admin = is_admin;
        // "plain" keeps seeding fast; the organizations' own types are tested through add-user.
        u.password = std::string(kUserPassword);
        u.password_type = "plain";
        return u;
    }

    void seed() {
        auto migrated = await(store_->migrate());
        ASSERT_TRUE(migrated) << migrated.error().to_string();
        auto boot = await(server::bootstrap(*store_, std::string(kAdminPassword)));
        ASSERT_TRUE(boot) << boot.error().to_string();

        for (const char* name : {"acme", "globex"}) {
            model::Organization org;
            org.name = name;
            org.display_name = std::string(name) + " Inc.";
            org.password_type = "salt";
            org.password_options = {"AtLeast6"};
            org.master_password = "master-secret";
            org.created_time = store_->now_text();
            must_add(org);
        }
        must_add(make_user("acme", "alice", true));
        must_add(make_user("acme", "bob", false));
        must_add(make_user("acme", "carol", false));
        must_add(make_user("globex", "dave", true));
        must_add(make_user("globex", "erin", false));

        model::Application app;
        app.name = "acme-app";
        app.display_name = "Acme App";
        app.organization = "acme";
        app.client_id = std::string(kAppClientId);
        app.client_secret = std::string(kAppClientSecret);
        app.redirect_uris = {"http://localhost:9000/callback"};
        app.created_time = store_->now_text();
        must_add(app);

        model::Role role;
        role.owner = "acme";
        role.name = "editor";
        role.users = {"acme/bob"};
        role.created_time = store_->now_text();
        must_add(role);
        model::Permission perm;
        perm.owner = "acme";
        perm.name = "edit-docs";
        perm.roles = {"acme/editor"};
        perm.actions = {"Write"};
        perm.created_time = store_->now_text();
        must_add(perm);

        admin_token_ = token_for("built-in", "admin");
        alice_token_ = token_for("acme", "alice");
        bob_token_ = token_for("acme", "bob");
        dave_token_ = token_for("globex", "dave");
    }

    bool ready_ = false;
    std::string admin_token_, alice_token_, bob_token_, dave_token_;
};

inline std::string str(const json::value& v) {
    return v.is_string() ? std::string(v.get_string()) : core::to_json(v);
}

}  // namespace ward::idp::api::test
