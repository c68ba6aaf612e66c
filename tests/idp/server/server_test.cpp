// First start, the signing-key cache, issuer derivation, caller identification (§4.4, C10)
// and the session cookie; compiled for SQLite and (WARD_IDP_STORE_PG) PostgreSQL.
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <filesystem>

#include "core/encoding.hpp"
#include "idp/password/password.hpp"
#include "idp/server/bootstrap.hpp"
#include "idp/server/caller.hpp"
#include "idp/server/context.hpp"
#include "idp/server/service.hpp"
#include "idp/store/store_fixture.hpp"
#include "jose/key.hpp"
#include "jose/x509.hpp"

namespace ward::idp::server {
namespace {

#ifdef WARD_IDP_STORE_PG
#define SERVER_SUITE ServerPg
#else
#define SERVER_SUITE ServerSqlite
#endif

bool is_lower_hex(const std::string& s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

class SERVER_SUITE : public store::testing::StoreTest {
  protected:
    void SetUp() override {
        StoreTest::SetUp();
        if (HasFatalFailure()) return;
        Settings settings;
        ctx_ = std::make_shared<Context>(store_, clock_, random_, settings);
    }

    http::Request request(http::Method method, std::string target, http::Headers headers = {}) {
        if (!headers.get("Host")) headers.add("Host", "id.example.com");
        return std::move(http::Request::make(method, target, headers)).value();
    }

    core::Result<Caller> identify(const http::Request& r) { return run(identify_caller(*ctx_, r)); }

    // A user and a live access token for them.
    std::string user_with_token(std::string name, std::int64_t expires_in = 3600,
                                std::string grant = "") {
        model::User u;
        u.owner = "org";
        u.name = name;
        u.id = core::uuid_v4(*random_);
        EXPECT_TRUE(run(store_->add(u)));
        model::Token t;
        t.name = "tok-" + name;
        t.application = "app";
        t.organization = "org";
        t.user = name;
        t.grant_type = grant;
        t.access_token = "access-" + name;
        t.access_token_hash = store::sha256_hex(t.access_token);
        t.expires_in = expires_in;
        EXPECT_TRUE(run(store_->add(t)));
        return t.access_token;
    }

    void add_app(std::string name, std::string client_id, std::string secret,
                 std::vector<std::string> redirects = {}) {
        model::Application app;
        app.name = std::move(name);
        app.organization = "org";
        app.client_id = std::move(client_id);
        app.client_secret = std::move(secret);
        app.redirect_uris = std::move(redirects);
        ASSERT_TRUE(run(store_->add(app)));
    }

    std::string session_for(std::string user, std::string pending = "") {
        auto s = run(store_->create_session({"org", std::move(user), "app", 3600, pending}));
        EXPECT_TRUE(s);
        return s->cookie_value;
    }

    std::shared_ptr<Context> ctx_;
};

// ---- first start ----

TEST_F(SERVER_SUITE, BootstrapCreatesBuiltInObjects) {
    auto r = run(bootstrap(*store_, std::string("s3cret-pass")));
    ASSERT_TRUE(r) << r.error().to_string();
    EXPECT_TRUE(r->created);
    EXPECT_FALSE(r->generated_admin_password.has_value());

    auto org = run(store_->get<model::Organization>("admin", "built-in"));
    ASSERT_TRUE(org);
    EXPECT_EQ(org->password_type, "argon2id");
    EXPECT_EQ(org->display_name, "Built-in Organization");

    auto app = run(store_->get<model::Application>("admin", "app-built-in"));
    ASSERT_TRUE(app);
    EXPECT_EQ(app->organization, "built-in");
    EXPECT_EQ(app->cert, "cert-built-in");
    EXPECT_EQ(app->client_id.size(), 20u);
    EXPECT_TRUE(is_lower_hex(app->client_id));
    EXPECT_EQ(app->client_secret.size(), 40u);
    EXPECT_TRUE(is_lower_hex(app->client_secret));
    EXPECT_EQ(app->grant_types, model::default_grant_types());
    EXPECT_TRUE(app->redirect_uris.empty());

    auto cert = run(store_->get<model::Cert>("admin", "cert-built-in"));
    ASSERT_TRUE(cert);
    EXPECT_EQ(cert->crypto_algorithm, "RS256");
    EXPECT_EQ(cert->bit_size, 2048);
    EXPECT_EQ(cert->expire_in_years, 20);
    auto x509 = jose::Certificate::from_pem(cert->certificate);
    ASSERT_TRUE(x509);
    EXPECT_TRUE(x509->is_self_signed());
    EXPECT_EQ(x509->subject_common_name(), "cert-built-in");
    EXPECT_EQ(x509->not_after_unix() - x509->not_before_unix() > 19LL * 365 * 86400, true);
    auto key = jose::Key::from_pem(cert->private_key);
    ASSERT_TRUE(key);
    EXPECT_EQ(key->bits(), 2048);

    auto admin = run(store_->get<model::User>("built-in", "admin"));
    ASSERT_TRUE(admin);
    EXPECT_TRUE(admin->is_admin);
    EXPECT_TRUE(core::is_uuid(admin->id));
    EXPECT_NE(admin->password, "s3cret-pass");
    auto ok = password::verify_password(
        "s3cret-pass", {admin->password_type, admin->password, admin->password_salt, ""});
    ASSERT_TRUE(ok);
    EXPECT_TRUE(*ok);
}

TEST_F(SERVER_SUITE, BootstrapIsIdempotentAndKeepsThePassword) {
    auto first = run(bootstrap(*store_, std::nullopt));
    ASSERT_TRUE(first);
    ASSERT_TRUE(first->created);
    ASSERT_TRUE(first->generated_admin_password.has_value());
    EXPECT_GE(first->generated_admin_password->size(), 16u);
    auto before = run(store_->get<model::User>("built-in", "admin"));
    auto cert_before = run(store_->get<model::Cert>("admin", "cert-built-in"));

    auto second = run(bootstrap(*store_, std::string("another")));
    ASSERT_TRUE(second);
    EXPECT_FALSE(second->created);
    EXPECT_FALSE(second->generated_admin_password.has_value());
    auto after = run(store_->get<model::User>("built-in", "admin"));
    EXPECT_EQ(after->password, before->password);
    EXPECT_EQ(run(store_->get<model::Cert>("admin", "cert-built-in"))->private_key,
              cert_before->private_key);
    auto ok = password::verify_password(
        *first->generated_admin_password,
        {after->password_type, after->password, after->password_salt, ""});
    EXPECT_TRUE(ok && *ok);
    EXPECT_EQ(run(bootstrap(*store_, std::string(""))).error().code(), "invalid-argument");
}

TEST_F(SERVER_SUITE, ConcurrentBootstrapsCreateOnce) {
#ifdef WARD_IDP_STORE_PG
    // A second process: its own pool on the same schema.
    std::string url = std::getenv("WARD_TEST_PG_DSN");
    url += (url.find('?') == std::string::npos ? "?" : "&");
    url += "options=-csearch_path%3D" + schema_;
    auto db2 = sql::Database::open(url, io_.get_executor());
    ASSERT_TRUE(db2);
    auto other = std::make_shared<store::Store>(*db2, clock_, random_);
#else
    auto other = store_;
#endif
    int created = 0;
    int failed = 0;
    for (auto* s : {store_.get(), other.get()}) {
        boost::asio::co_spawn(
            io_,
            [&, s]() -> sql::Task<void> {
                std::optional<std::string> pw = std::string("pw-123456");
                auto r = co_await bootstrap(*s, pw);
                if (!r) {
                    ++failed;
                    ADD_FAILURE() << r.error().to_string();
                } else if (r->created) {
                    ++created;
                }
            },
            boost::asio::detached);
    }
    io_.restart();
    io_.run();
    EXPECT_EQ(created, 1);
    EXPECT_EQ(failed, 0);
    store::ListQuery all;
    EXPECT_EQ(*run(store_->count<model::User>(all)), 1);
    EXPECT_EQ(*run(store_->count<model::Cert>(all)), 1);
}

// ---- signing keys ----

TEST_F(SERVER_SUITE, SigningKeyCacheFollowsTheCertRow) {
    ASSERT_TRUE(run(bootstrap(*store_, std::string("pw-123456"))));
    auto k1 = run(ctx_->keys().get("", "cert-built-in"));
    ASSERT_TRUE(k1) << k1.error().to_string();
    EXPECT_EQ(k1->public_jwk.kid, "cert-built-in");
    EXPECT_EQ(k1->algorithm, jose::Algorithm::kRS256);
    EXPECT_EQ(k1->public_jwk.x5c.size(), 1u);
    EXPECT_FALSE(k1->public_jwk.x5t_s256.empty());
    EXPECT_TRUE(k1->private_key.can_sign());

    // Rotate the key in the database: the next get() sees it.
    auto cert = *run(store_->get<model::Cert>("admin", "cert-built-in"));
    auto fresh = jose::Key::generate_rsa(2048);
    ASSERT_TRUE(fresh);
    cert.private_key = *fresh->private_pem();
    cert.certificate = "";
    ASSERT_TRUE(run(store_->update("admin", "cert-built-in", cert)));
    auto k2 = run(ctx_->keys().get("admin", "cert-built-in"));
    ASSERT_TRUE(k2);
    EXPECT_TRUE(k2->private_key.same_key(*fresh));
    EXPECT_FALSE(k2->certificate.has_value());

    EXPECT_EQ(run(ctx_->keys().get("admin", "missing")).error().message(),
              "The cert \"missing\" does not exist");
    cert.private_key = "-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n";
    ASSERT_TRUE(run(store_->update("admin", "cert-built-in", cert)));
    EXPECT_EQ(run(ctx_->keys().get("admin", "cert-built-in")).error().code(), "invalid-cert");
    cert.private_key = *fresh->private_pem();
    cert.crypto_algorithm = "ES256";  // an RSA key cannot sign ES256
    EXPECT_EQ(SigningKeyCache::parse(cert).error().code(), "invalid-cert");
    cert.crypto_algorithm = "none";
    EXPECT_EQ(SigningKeyCache::parse(cert).error().code(), "invalid-cert");
    cert.private_key = "";
    EXPECT_EQ(SigningKeyCache::parse(cert).error().code(), "invalid-cert");
}

TEST_F(SERVER_SUITE, CachesFollowTheChangeMarksOfEveryProcess) {
    ASSERT_TRUE(run(bootstrap(*store_, std::string("pw-123456"))));
    auto built_in = *run(store_->get<model::Application>("admin", "app-built-in"));
    auto c1 = run(ctx_->clients().get(built_in.client_id));
    ASSERT_TRUE(c1) << c1.error().to_string();
    EXPECT_EQ(c1->app->client_secret, built_in.client_secret);
    auto c2 = run(ctx_->clients().get(built_in.client_id));
    ASSERT_TRUE(c2);
    EXPECT_EQ(c2->app, c1->app);  // unchanged marks: the same cached object
    EXPECT_EQ(run(ctx_->clients().get("no-such-client")).error().code(), "not-found");

    // Another process (its own Store on the same database) changes the secret: lookups here
    // answer with the new one once the marks they rely on are ClientCache::kMarksMaxAge old.
    store::Store other(db_, clock_, random_);
    built_in.client_secret = "rotated-secret";
    ASSERT_TRUE(run(other.update("admin", "app-built-in", built_in)));
    auto stale = run(ctx_->clients().get(built_in.client_id));
    ASSERT_TRUE(stale);
    EXPECT_EQ(stale->app, c1->app) << "within the marks' age: no query";
    clock_->advance(ClientCache::kMarksMaxAge);
    auto c3 = run(ctx_->clients().get(built_in.client_id));
    ASSERT_TRUE(c3);
    EXPECT_EQ(c3->app->client_secret, "rotated-secret");
    EXPECT_GT(c3->marks.application, c1->marks.application);

    // ... and deletes the application: it is gone here too.
    ASSERT_TRUE(run(other.remove<model::Application>("admin", "app-built-in")));
    clock_->advance(ClientCache::kMarksMaxAge);
    EXPECT_EQ(run(ctx_->clients().get(built_in.client_id)).error().code(), "not-found");

    // A change made through this process's own Store is seen at once.
    built_in.client_secret = "own-secret";
    ASSERT_TRUE(run(store_->add(built_in)));
    auto own = run(ctx_->clients().get(built_in.client_id));
    ASSERT_TRUE(own) << own.error().to_string();
    EXPECT_EQ(own->app->client_secret, "own-secret");

    // Keys looked up with the marks come from the cache until another process rotates the cert.
    auto marks = *run(store_->change_marks());
    auto k1 = run(ctx_->keys().get("", "cert-built-in", &marks));
    ASSERT_TRUE(k1);
    auto cert = *run(store_->get<model::Cert>("admin", "cert-built-in"));
    auto fresh = jose::Key::generate_ec("P-256");
    ASSERT_TRUE(fresh);
    cert.private_key = *fresh->private_pem();
    cert.certificate = "";
    cert.crypto_algorithm = "ES256";
    ASSERT_TRUE(run(other.update("admin", "cert-built-in", cert)));
    auto newer = *run(store_->change_marks());
    EXPECT_GT(newer.cert, marks.cert);
    auto k2 = run(ctx_->keys().get("", "cert-built-in", &newer));
    ASSERT_TRUE(k2) << k2.error().to_string();
    EXPECT_TRUE(k2->private_key.same_key(*fresh));
    EXPECT_EQ(k2->algorithm, jose::Algorithm::kES256);
}

// ---- issuer ----

TEST_F(SERVER_SUITE, IssuerFromSettingsOrRequest) {
    EXPECT_EQ(ctx_->issuer_for(request(http::Method::kGet, "/")), "http://id.example.com");
    http::Headers fwd;
    fwd.add("Host", "internal:8000");
    fwd.add("X-Forwarded-Proto", "https, http");
    EXPECT_EQ(ctx_->issuer_for(request(http::Method::kGet, "/", fwd)), "https://internal:8000");
    http::Headers evil;
    evil.add("Host", "evil.com/\r\nx");
    EXPECT_EQ(ctx_->issuer_for(request(http::Method::kGet, "/", evil)), "http://localhost");
    Settings fixed;
    fixed.origin = "https://id.example.org";
    Context c(store_, clock_, random_, fixed);
    EXPECT_EQ(c.issuer_for(request(http::Method::kGet, "/", fwd)), "https://id.example.org");
    EXPECT_TRUE(c.is_secure(request(http::Method::kGet, "/")));
    // Behind a proxy under a prefix, the issuer carries the prefix whatever the request says.
    Settings prefixed;
    prefixed.origin = "https://proxy.example/ward/idp";
    Context p(store_, clock_, random_, prefixed);
    EXPECT_EQ(p.issuer_for(request(http::Method::kGet, "/", fwd)),
              "https://proxy.example/ward/idp");
    EXPECT_TRUE(p.is_secure(request(http::Method::kGet, "/")));
    // The pages under the prefix send Origin: https://proxy.example (an origin has no path).
    EXPECT_TRUE(run(origin_allowed(p, request(http::Method::kPost, "/"), "https://proxy.example")));
    EXPECT_FALSE(run(origin_allowed(p, request(http::Method::kPost, "/"), "https://evil.example")));
}

TEST(ServerOrigin, Normalizes) {
    EXPECT_EQ(normalize_origin("HTTPS://A.Example:443/x?y"), "https://a.example");
    EXPECT_EQ(normalize_origin("http://localhost:3000/callback"), "http://localhost:3000");
    EXPECT_EQ(normalize_origin("http://[::1]:80"), "http://[::1]");
    for (std::string_view bad : {"", "null", "ftp://a", "http://", "http://u@a", "javascript:x",
                                 "http://a b", "http://:80"}) {
        EXPECT_EQ(normalize_origin(bad), std::nullopt) << bad;
    }
}

TEST(ServerOrigin, PublicUrlKeepsAPathPrefix) {
    EXPECT_EQ(normalize_public_url("HTTPS://A.Example:443"), "https://a.example");
    EXPECT_EQ(normalize_public_url("http://a:8000/"), "http://a:8000");
    EXPECT_EQ(normalize_public_url("http://a:8000///"), "http://a:8000");
    EXPECT_EQ(normalize_public_url("http://A/Ward/IdP/"), "http://a/Ward/IdP");
    EXPECT_EQ(normalize_public_url("http://[::1]:80/p"), "http://[::1]/p");
    EXPECT_EQ(normalize_public_url("https://a/x%2Fy/~z-1.2_3"), "https://a/x%2Fy/~z-1.2_3");
    for (std::string_view bad : {"",
                                 "a/x",
                                 "ftp://a/x",
                                 "http:///x",
                                 "http://u@a/x",
                                 "http://a/x?",
                                 "http://a/x?y=1",
                                 "http://a/#f",
                                 "http://a//x",
                                 "http://a/x//y",
                                 "http://a/./x",
                                 "http://a/x/..",
                                 "http://a/x y",
                                 "http://a/x\"",
                                 "http://a/x'",
                                 "http://a/<x>",
                                 "http://a/%",
                                 "http://a/%4",
                                 "http://a/%4g",
                                 "http://a/x\\y"}) {
        EXPECT_EQ(normalize_public_url(bad), std::nullopt) << bad;
    }
}

TEST(ServerSettings, FromEnvironment) {
    auto env = [](std::map<std::string, std::string> m) {
        return [m](std::string_view k) -> std::optional<std::string> {
            auto it = m.find(std::string(k));
            if (it == m.end()) return std::nullopt;
            return it->second;
        };
    };
    auto s = settings_from_env(env({{"WARD_IDP_ORIGIN", "https://ID.example.com/"},
                                    {"WARD_ADMIN_PASSWORD", "pw"},
                                    {"WARD_DATA_DIR", "/d"}}));
    ASSERT_TRUE(s);
    EXPECT_EQ(s->origin, "https://id.example.com");
    EXPECT_EQ(s->admin_password, "pw");
    EXPECT_EQ(s->data_dir, "/d");
    EXPECT_FALSE(settings_from_env(env({{"WARD_IDP_ORIGIN", "id.example.com"}})));
    // A path prefix (the IdP behind a reverse proxy under /ward/idp/) is kept, normalized.
    auto prefixed =
        settings_from_env(env({{"WARD_IDP_ORIGIN", "HTTPS://Proxy.example:443/ward/idp/"}}));
    ASSERT_TRUE(prefixed) << prefixed.error().to_string();
    EXPECT_EQ(prefixed->origin, "https://proxy.example/ward/idp");
    for (std::string bad : {"https://a/path?x=1", "https://a/path#f", "https://u:p@a/x",
                            "ftp://a/x", "https://a//x", "https://a/x/../y", "https://a/x y",
                            "https://a/%zz", "https://a/<script>", "https://a/\"x"}) {
        auto r = settings_from_env(env({{"WARD_IDP_ORIGIN", bad}}));
        ASSERT_FALSE(r) << bad;
        EXPECT_EQ(r.error().code(), "invalid-argument");
        EXPECT_NE(r.error().message().find("WARD_IDP_ORIGIN must be http(s)://host[:port]"),
                  std::string::npos)
            << r.error().message();
        EXPECT_NE(r.error().message().find(bad), std::string::npos) << r.error().message();
    }
    EXPECT_FALSE(settings_from_env(env({{"WARD_ADMIN_PASSWORD", ""}})));
    auto none = settings_from_env(env({}));
    ASSERT_TRUE(none);
    EXPECT_EQ(none->origin, "");
    EXPECT_FALSE(none->admin_password.has_value());
}

// ---- callers ----

TEST_F(SERVER_SUITE, AnonymousWithoutCredentials) {
    auto c = identify(request(http::Method::kGet, "/api/get-account"));
    ASSERT_TRUE(c);
    EXPECT_TRUE(c->is_anonymous());
    EXPECT_FALSE(c->is_global_admin);
}

TEST_F(SERVER_SUITE, AccessTokenFromEachPlace) {
    std::string token = user_with_token("alice");
    for (std::string target : {"/api/x?accessToken=" + token, "/api/x?access_token=" + token}) {
        auto c = identify(request(http::Method::kGet, target));
        ASSERT_TRUE(c) << c.error().to_string();
        EXPECT_EQ(c->subject, "org/alice");
        EXPECT_EQ(c->source, CallerSource::kAccessToken);
    }
    for (std::string scheme : {"Bearer ", "DPoP "}) {
        http::Headers h;
        h.add("Authorization", scheme + token);
        auto c = identify(request(http::Method::kPost, "/api/x", h));
        ASSERT_TRUE(c) << scheme;
        EXPECT_EQ(c->kind, CallerKind::kUser);
        EXPECT_FALSE(c->is_global_admin);
        EXPECT_FALSE(c->is_org_admin);
        ASSERT_TRUE(c->token.has_value());
    }
}

TEST_F(SERVER_SUITE, BadAccessTokens) {
    auto missing = identify(request(http::Method::kGet, "/api/x?accessToken=nope"));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code(), "token-not-found");
    EXPECT_EQ(missing.error().message(), "Access token doesn't exist in database");

    std::string token = user_with_token("bob", 60);
    clock_->advance(std::chrono::seconds(60));
    auto expired = identify(request(http::Method::kGet, "/api/x?accessToken=" + token));
    ASSERT_FALSE(expired);
    EXPECT_EQ(expired.error().code(), "token-expired");
    EXPECT_EQ(expired.error().message(),
              "Access token has expired, expireTime = 2023-11-14T22:14:20+00:00");

    std::string revoked = user_with_token("carol");
    ASSERT_TRUE(run(store_->revoke_token("admin", "tok-carol")));
    EXPECT_EQ(identify(request(http::Method::kGet, "/api/x?accessToken=" + revoked)).error().code(),
              "token-expired");

    std::string forbidden = user_with_token("dave");
    auto dave = *run(store_->get<model::User>("org", "dave"));
    dave.is_forbidden = true;
    ASSERT_TRUE(run(store_->update("org", "dave", dave)));
    EXPECT_EQ(
        identify(request(http::Method::kGet, "/api/x?accessToken=" + forbidden)).error().code(),
        "user-inactive");

    std::string orphan = user_with_token("erin");
    ASSERT_TRUE(run(store_->remove<model::User>("org", "erin")));
    EXPECT_EQ(
        identify(request(http::Method::kGet, "/api/x?accessToken=" + orphan)).error().message(),
        "The user: org/erin doesn't exist");
}

TEST_F(SERVER_SUITE, AdminFlags) {
    std::string token = user_with_token("boss");
    auto boss = *run(store_->get<model::User>("org", "boss"));
    boss.is_admin = true;
    ASSERT_TRUE(run(store_->update("org", "boss", boss)));
    auto c = identify(request(http::Method::kGet, "/api/x?accessToken=" + token));
    ASSERT_TRUE(c);
    EXPECT_TRUE(c->is_org_admin);
    EXPECT_FALSE(c->is_global_admin);
    EXPECT_TRUE(c->is_admin_of("org"));
    EXPECT_FALSE(c->is_admin_of("other"));

    ASSERT_TRUE(run(bootstrap(*store_, std::string("pw-123456"))));
    model::Token t;
    t.name = "admin-tok";
    t.organization = "built-in";
    t.user = "admin";
    t.application = "app-built-in";
    t.access_token = "admin-access";
    t.access_token_hash = store::sha256_hex(t.access_token);
    t.expires_in = 100;
    ASSERT_TRUE(run(store_->add(t)));
    auto admin = identify(request(http::Method::kGet, "/api/x?accessToken=admin-access"));
    ASSERT_TRUE(admin);
    EXPECT_TRUE(admin->is_global_admin);
    EXPECT_TRUE(admin->is_admin_of("anything"));
    ASSERT_TRUE(admin->application.has_value());
    EXPECT_EQ(admin->application->name, "app-built-in");
}

TEST_F(SERVER_SUITE, ClientCredentialsTokenActsAsApplication) {
    add_app("svc", "svc-id", "svc-secret");
    model::Token t;
    t.name = "cc";
    t.application = "svc";
    t.organization = "org";
    t.user = "svc";
    t.grant_type = "client_credentials";
    t.access_token = "cc-access";
    t.access_token_hash = store::sha256_hex(t.access_token);
    t.expires_in = 100;
    ASSERT_TRUE(run(store_->add(t)));
    auto c = identify(request(http::Method::kGet, "/api/x?access_token=cc-access"));
    ASSERT_TRUE(c) << c.error().to_string();
    EXPECT_EQ(c->kind, CallerKind::kApplication);
    EXPECT_EQ(c->subject, "app/svc");
    EXPECT_TRUE(c->is_global_admin);
}

TEST_F(SERVER_SUITE, ClientIdAndSecret) {
    add_app("svc", "svc-id", "svc-secret");
    http::Headers basic;
    basic.add("Authorization", "Basic " + core::base64_encode("svc-id:svc-secret"));
    auto c = identify(request(http::Method::kPost, "/api/x", basic));
    ASSERT_TRUE(c) << c.error().to_string();
    EXPECT_EQ(c->subject, "app/svc");
    EXPECT_EQ(c->source, CallerSource::kClientCredentials);

    http::Headers wrong;
    wrong.add("Authorization", "Basic " + core::base64_encode("svc-id:nope"));
    EXPECT_EQ(identify(request(http::Method::kGet, "/api/x", wrong)).error().code(),
              "invalid-client");

    http::Headers proxy;  // reverse-proxy basic auth with an unknown id is ignored
    proxy.add("Authorization", "Basic " + core::base64_encode("joe:pw"));
    auto anon = identify(request(http::Method::kGet, "/api/x", proxy));
    ASSERT_TRUE(anon);
    EXPECT_TRUE(anon->is_anonymous());
    http::Headers garbage;
    garbage.add("Authorization", "Basic !!!");
    EXPECT_TRUE(identify(request(http::Method::kGet, "/api/x", garbage))->is_anonymous());

    auto q =
        identify(request(http::Method::kGet, "/api/x?clientId=svc-id&clientSecret=svc-secret"));
    ASSERT_TRUE(q);
    EXPECT_EQ(q->subject, "app/svc");
    EXPECT_EQ(identify(request(http::Method::kGet, "/api/x?clientId=svc-id&clientSecret=x"))
                  .error()
                  .code(),
              "invalid-client");
    EXPECT_EQ(
        identify(request(http::Method::kGet, "/api/x?clientId=zz&clientSecret=x")).error().code(),
        "invalid-client");
}

TEST_F(SERVER_SUITE, SessionCookieAndOriginCheck) {
    add_app("app", "web-id", "web-secret", {"https://app.example.net/callback"});
    user_with_token("alice");
    std::string cookie = session_for("alice");
    auto with = [&](http::Method m, std::vector<std::pair<std::string, std::string>> extra) {
        http::Headers h;
        h.add("Cookie", "other=1; casdoor_session_id=" + cookie);
        for (auto& [k, v] : extra) h.add(k, v);
        return identify(request(m, "/api/update-user", h));
    };
    auto get = with(http::Method::kGet, {});
    ASSERT_TRUE(get) << get.error().to_string();
    EXPECT_EQ(get->subject, "org/alice");
    EXPECT_EQ(get->source, CallerSource::kSessionCookie);
    EXPECT_EQ(get->session_cookie, cookie);
    ASSERT_TRUE(get->application.has_value());

    // C10: writes authenticated only by the cookie need a trusted Origin.
    EXPECT_EQ(with(http::Method::kPost, {}).error().code(), "origin-not-allowed");
    EXPECT_EQ(with(http::Method::kPost, {{"Origin", "https://evil.example"}}).error().code(),
              "origin-not-allowed");
    EXPECT_EQ(with(http::Method::kDelete, {{"Origin", "null"}}).error().code(),
              "origin-not-allowed");
    EXPECT_EQ(
        with(http::Method::kPost, {{"Origin", "https://app.example.net.evil.com"}}).error().code(),
        "origin-not-allowed");
    EXPECT_TRUE(with(http::Method::kPost, {{"Origin", "http://id.example.com"}}));
    EXPECT_TRUE(with(http::Method::kPut, {{"Origin", "https://app.example.net"}}));
    EXPECT_TRUE(with(http::Method::kPost, {{"Referer", "http://id.example.com/users/x"}}));

    // Tokens are not cookies: no Origin needed.
    http::Headers bearer;
    bearer.add("Authorization", "Bearer access-alice");
    EXPECT_TRUE(identify(request(http::Method::kPost, "/api/x", bearer)));
}

TEST_F(SERVER_SUITE, UnusableSessionsAreAnonymous) {
    user_with_token("alice");
    std::string pending = session_for("alice", "{\"step\":\"totp\"}");
    http::Headers h;
    h.add("Cookie", "casdoor_session_id=" + pending);
    EXPECT_TRUE(identify(request(http::Method::kGet, "/", h))->is_anonymous());

    http::Headers unknown;
    unknown.add("Cookie", "casdoor_session_id=forged");
    EXPECT_TRUE(identify(request(http::Method::kGet, "/", unknown))->is_anonymous());

    std::string cookie = session_for("alice");
    clock_->advance(std::chrono::hours(2));
    http::Headers expired;
    expired.add("Cookie", "casdoor_session_id=" + cookie);
    EXPECT_TRUE(identify(request(http::Method::kGet, "/", expired))->is_anonymous());
}

TEST_F(SERVER_SUITE, SessionCookieAttributes) {
    auto created = run(store_->create_session({"org", "alice", "app", 600, ""}));
    ASSERT_TRUE(created);
    http::Response plain;
    set_session_cookie(*ctx_, request(http::Method::kPost, "/api/login"), plain, *created);
    std::string header(*plain.header("Set-Cookie"));
    EXPECT_NE(header.find("casdoor_session_id=" + created->cookie_value), std::string::npos);
    EXPECT_NE(header.find("HttpOnly"), std::string::npos);
    EXPECT_NE(header.find("SameSite=Lax"), std::string::npos);
    EXPECT_NE(header.find("Max-Age=600"), std::string::npos);
    EXPECT_EQ(header.find("Secure"), std::string::npos);

    http::Headers tls;
    tls.add("X-Forwarded-Proto", "https");
    http::Response secure;
    set_session_cookie(*ctx_, request(http::Method::kPost, "/api/login", tls), secure, *created);
    EXPECT_NE(std::string(*secure.header("Set-Cookie")).find("Secure"), std::string::npos);

    http::Response cleared;
    clear_session_cookie(*ctx_, request(http::Method::kPost, "/api/logout"), cleared);
    EXPECT_NE(std::string(*cleared.header("Set-Cookie")).find("Max-Age=0"), std::string::npos);
}

}  // namespace
}  // namespace ward::idp::server
