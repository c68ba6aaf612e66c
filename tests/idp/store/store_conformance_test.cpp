// Store behaviour that must hold on both dialects (compiled twice: SQLite and PostgreSQL).
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>

#include "core/encoding.hpp"
#include "core/json.hpp"
#include "idp/model/role_expansion.hpp"
#include "idp/store/detail/schema.hpp"
#include "idp/store/store_fixture.hpp"
#include "sql/migrate.hpp"

namespace ward::idp::store {
namespace {

using testing::StoreTest;

#ifdef WARD_IDP_STORE_PG
#define STORE_SUITE StorePg
#else
#define STORE_SUITE StoreSqlite
#endif

class STORE_SUITE : public StoreTest {
  protected:
    model::User user(std::string org, std::string name, std::string created = "") {
        model::User u;
        u.owner = std::move(org);
        u.name = std::move(name);
        u.id = core::uuid_v4(*random_);
        u.created_time = std::move(created);
        return u;
    }
    model::Token token(std::string name, std::string code, std::int64_t expires_in = 3600) {
        model::Token t;
        t.name = std::move(name);
        t.created_time = store_->now_text();
        t.application = "app";
        t.organization = "org";
        t.user = "alice";
        t.code = std::move(code);
        t.code_expire_in = clock_->unix_seconds() + 300;
        t.access_token = "at-" + t.name;
        t.access_token_hash = sha256_hex(t.access_token);
        t.refresh_token = "rt-" + t.name;
        t.refresh_token_hash = sha256_hex(t.refresh_token);
        t.expires_in = expires_in;
        return t;
    }
};

TEST_F(STORE_SUITE, UserRoundTripKeepsEveryKindOfField) {
    auto u = user("org", "alice");
    u.email = "alice@example.com";
    u.is_admin = true;
    u.score = 42;
    u.balance = 1.5;
    u.groups = {"org/g1", "org/g2"};
    u.properties = {{"k", "v"}};
    u.addresses = core::json::parse("[{\"city\":\"x\"}]");
    ASSERT_TRUE(run(store_->add(u)));
    auto got = run(store_->get<model::User>("org", "alice"));
    ASSERT_TRUE(got) << got.error().to_string();
    EXPECT_EQ(got->email, "alice@example.com");
    EXPECT_TRUE(got->is_admin);
    EXPECT_EQ(got->score, 42);
    EXPECT_DOUBLE_EQ(got->balance, 1.5);
    EXPECT_EQ(got->groups, (std::vector<std::string>{"org/g1", "org/g2"}));
    EXPECT_EQ(got->properties.at("k"), "v");
    EXPECT_EQ(core::to_json(got->addresses), "[{\"city\":\"x\"}]");
    EXPECT_EQ(got->created_time, "2023-11-14T22:13:20+00:00");  // filled from the clock
}

TEST_F(STORE_SUITE, CrudOfEveryType) {
    model::Organization org;
    org.owner = "admin";
    org.name = "org";
    ASSERT_TRUE(run(store_->add(org)));
    model::Application app;
    app.name = "app";
    app.organization = "org";
    app.client_id = "cid";
    ASSERT_TRUE(run(store_->add(app)));
    model::Role role;
    role.owner = "org";
    role.name = "r";
    ASSERT_TRUE(run(store_->add(role)));
    model::Permission perm;
    perm.owner = "org";
    perm.name = "p";
    ASSERT_TRUE(run(store_->add(perm)));
    model::Group group;
    group.owner = "org";
    group.name = "g";
    ASSERT_TRUE(run(store_->add(group)));
    model::Cert cert;
    cert.name = "c";
    ASSERT_TRUE(run(store_->add(cert)));
    model::Session session;
    session.owner = "org";
    session.name = "alice";
    session.application = "app";
    session.session_id = {"s1"};
    ASSERT_TRUE(run(store_->add(session)));
    ASSERT_TRUE(run(store_->add(token("t1", "c1"))));

    EXPECT_TRUE(run(store_->get<model::Organization>("admin", "org")));
    EXPECT_EQ(run(store_->get<model::Application>("admin", "app"))->client_id, "cid");
    EXPECT_TRUE(run(store_->get<model::Role>("org", "r")));
    EXPECT_TRUE(run(store_->get<model::Permission>("org", "p")));
    EXPECT_TRUE(run(store_->get<model::Group>("org", "g")));
    EXPECT_EQ(run(store_->get<model::Cert>("admin", "c"))->scope, "JWT");
    EXPECT_EQ(run(store_->get<model::Session>("org", "alice"))->session_id,
              std::vector<std::string>{"s1"});
    auto tok = run(store_->get<model::Token>("admin", "t1"));
    ASSERT_TRUE(tok);
    EXPECT_EQ(tok->refresh_token, "") << "refresh tokens are stored only as hashes (C11)";
    EXPECT_EQ(tok->refresh_token_hash, sha256_hex("rt-t1"));

    tok->refresh_token = "plaintext-refresh";
    ASSERT_TRUE(run(store_->update("admin", "t1", *tok)));
    EXPECT_EQ(run(store_->get<model::Token>("admin", "t1"))->refresh_token, "");

    role.display_name = "Role R";
    ASSERT_TRUE(run(store_->update("org", "r", role)));
    EXPECT_EQ(run(store_->get<model::Role>("org", "r"))->display_name, "Role R");
    ASSERT_TRUE(run(store_->remove<model::Role>("org", "r")));
    auto gone = run(store_->get<model::Role>("org", "r"));
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.error().code(), "not-found");
    EXPECT_EQ(run(store_->remove<model::Role>("org", "r")).error().code(), "not-found");
    EXPECT_EQ(run(store_->update("org", "r", role)).error().code(), "not-found");
}

TEST_F(STORE_SUITE, RenameAndColumnUpdate) {
    auto u = user("org", "alice");
    u.email = "a@x";
    ASSERT_TRUE(run(store_->add(u)));
    auto renamed = u;
    renamed.name = "alicia";
    ASSERT_TRUE(run(store_->update("org", "alice", renamed)));
    EXPECT_FALSE(run(store_->get<model::User>("org", "alice")));
    ASSERT_TRUE(run(store_->get<model::User>("org", "alicia")));

    auto partial = renamed;
    partial.email = "new@x";
    partial.display_name = "ignored";
    std::vector<std::string> cols{"email"};
    ASSERT_TRUE(run(store_->update("org", "alicia", partial, cols)));
    auto got = run(store_->get<model::User>("org", "alicia"));
    EXPECT_EQ(got->email, "new@x");
    EXPECT_EQ(got->display_name, "");
    std::vector<std::string> bad{"email; DROP TABLE \"user\""};
    EXPECT_EQ(run(store_->update("org", "alicia", partial, bad)).error().code(), "invalid-field");
    std::vector<std::string> computed{"roles"};
    EXPECT_EQ(run(store_->update("org", "alicia", partial, computed)).error().code(),
              "invalid-field");
}

TEST_F(STORE_SUITE, UniqueViolationsAreAlreadyExists) {
    auto u = user("org", "alice");
    ASSERT_TRUE(run(store_->add(u)));
    auto again = run(store_->add(u));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code(), "already-exists");
    auto same_uuid = user("org", "bob");
    same_uuid.id = u.id;
    EXPECT_EQ(run(store_->add(same_uuid)).error().code(), "already-exists");

    model::Application a;
    a.name = "a";
    a.client_id = "same";
    model::Application b = a;
    b.name = "b";
    ASSERT_TRUE(run(store_->add(a)));
    EXPECT_EQ(run(store_->add(b)).error().code(), "already-exists");
    // Rename onto a taken key.
    auto bob = user("org", "bob");
    ASSERT_TRUE(run(store_->add(bob)));
    auto onto = bob;
    onto.name = "alice";
    EXPECT_EQ(run(store_->update("org", "bob", onto)).error().code(), "already-exists");
    model::User empty;
    EXPECT_EQ(run(store_->add(empty)).error().code(), "invalid-argument");
}

TEST_F(STORE_SUITE, ListFiltersSortsAndPages) {
    for (int i = 0; i < 7; ++i) {
        auto u = user("org", "user" + std::to_string(i),
                      "2024-01-0" + std::to_string(i + 1) + "T00:00:00+00:00");
        u.email = i % 2 ? "odd" + std::to_string(i) + "@x" : "even@y";
        ASSERT_TRUE(run(store_->add(u)));
    }
    ASSERT_TRUE(run(store_->add(user("other", "zed"))));

    ListQuery q;
    q.owner = "org";
    auto all = run(store_->list<model::User>(q));
    ASSERT_TRUE(all);
    ASSERT_EQ(all->items.size(), 7u);
    EXPECT_EQ(all->items.front().name, "user6") << "default: created_time descending";
    EXPECT_EQ(all->total, 7);

    q.field = "email";
    q.value = "odd";
    auto odd = run(store_->list<model::User>(q));
    ASSERT_TRUE(odd);
    EXPECT_EQ(odd->items.size(), 3u);

    q.field = "";
    q.sort_field = "name";
    q.sort_order = "ascend";
    q.page = 2;
    q.page_size = 3;
    auto page = run(store_->list<model::User>(q));
    ASSERT_TRUE(page);
    ASSERT_EQ(page->items.size(), 3u);
    EXPECT_EQ(page->items[0].name, "user3");
    EXPECT_EQ(page->total, 7);
    q.page = 3;
    EXPECT_EQ(run(store_->list<model::User>(q))->items.size(), 1u);
    q.page = 0;
    EXPECT_EQ(run(store_->list<model::User>(q)).error().code(), "invalid-argument");
    q.page = 1;
    q.page_size = -1;
    EXPECT_EQ(run(store_->list<model::User>(q)).error().code(), "invalid-argument");

    ListQuery everyone;
    EXPECT_EQ(run(store_->list<model::User>(everyone))->items.size(), 8u);
    EXPECT_EQ(*run(store_->count<model::User>(everyone)), 8);
}

TEST_F(STORE_SUITE, InjectionInFieldValueAndSortStaysOut) {
    ASSERT_TRUE(run(store_->add(user("org", "alice"))));
    ListQuery q;
    q.owner = "org";
    q.field = "name'; DROP TABLE \"user\";--";
    q.value = "x";
    EXPECT_EQ(run(store_->list<model::User>(q)).error().code(), "invalid-field");
    q.field = "name";
    q.value = "'; DROP TABLE \"user\";--";
    auto none = run(store_->list<model::User>(q));
    ASSERT_TRUE(none) << none.error().to_string();
    EXPECT_TRUE(none->items.empty());
    q.value = "";
    q.sort_field = "created_time DESC; DELETE FROM \"user\"";
    EXPECT_EQ(run(store_->list<model::User>(q)).error().code(), "invalid-field");
    q.sort_field = "roles";  // computed, not a column
    EXPECT_EQ(run(store_->list<model::User>(q)).error().code(), "invalid-field");
    q.sort_field = "name";
    q.sort_order = "asc; DROP TABLE x";
    EXPECT_EQ(run(store_->list<model::User>(q)).error().code(), "invalid-argument");
    q.owner = "org' OR '1'='1";
    q.sort_order = "";
    EXPECT_TRUE(run(store_->list<model::User>(q))->items.empty());
    EXPECT_TRUE(run(store_->get<model::User>("org", "alice"))) << "the table survived";
    ListQuery by_org;
    by_org.organization = "x";
    EXPECT_EQ(run(store_->list<model::User>(by_org)).error().code(), "invalid-field");
}

TEST_F(STORE_SUITE, GroupFilterAndAdminOwner) {
    auto a = user("org", "a");
    a.groups = {"org/dev"};
    auto b = user("org", "b");
    b.groups = {"org/dev_ops"};
    ASSERT_TRUE(run(store_->add(a)));
    ASSERT_TRUE(run(store_->add(b)));
    ListQuery q;
    q.group = "org/dev";
    auto r = run(store_->list<model::User>(q));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->items.size(), 1u);
    EXPECT_EQ(r->items[0].name, "a");

    model::Cert global;
    global.name = "g";
    model::Cert own;
    own.owner = "org";
    own.name = "o";
    model::Cert other;
    other.owner = "other";
    other.name = "x";
    for (const auto& c : {global, own, other}) ASSERT_TRUE(run(store_->add(c)));
    ListQuery certs;
    certs.owner = "org";
    certs.or_admin_owner = true;
    EXPECT_EQ(run(store_->list<model::Cert>(certs))->items.size(), 2u);
}

TEST_F(STORE_SUITE, Lookups) {
    auto u = user("org", "alice");
    u.email = "alice@example.com";
    u.phone = "555";
    ASSERT_TRUE(run(store_->add(u)));
    EXPECT_EQ(run(store_->user_by_login("org", "alice"))->name, "alice");
    EXPECT_EQ(run(store_->user_by_login("org", "alice@example.com"))->name, "alice");
    EXPECT_EQ(run(store_->user_by_login("org", "555"))->name, "alice");
    auto missing = run(store_->user_by_login("org", "bob"));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().message(), "The user: org/bob doesn't exist");
    EXPECT_FALSE(run(store_->user_by_login("other", "alice")));
    EXPECT_FALSE(run(store_->user_by_login("org", "")));
    EXPECT_EQ(run(store_->user_by_id(u.id))->name, "alice");
    EXPECT_FALSE(run(store_->user_by_id("")));

    model::Application app;
    app.name = "app";
    app.client_id = "abc";
    ASSERT_TRUE(run(store_->add(app)));
    EXPECT_EQ(run(store_->application_by_client_id("abc"))->name, "app");
    EXPECT_EQ(run(store_->application_by_client_id("nope")).error().code(), "not-found");
    EXPECT_EQ(run(store_->application_by_client_id("")).error().code(), "not-found");

    ASSERT_TRUE(run(store_->add(token("t1", "code1"))));
    EXPECT_EQ(run(store_->token_by_access_token("at-t1"))->name, "t1");
    EXPECT_EQ(run(store_->token_by_refresh_hash(sha256_hex("rt-t1")))->name, "t1");
    EXPECT_EQ(run(store_->token_by_code("code1"))->name, "t1");
    EXPECT_EQ(run(store_->token_by_access_token("nope")).error().message(),
              "Access token doesn't exist in database");
}

// A JWS-shaped token whose payload is `claims` (header and signature do not matter here).
std::string token_with_claims(std::string_view claims) {
    return "eyJhbGciOiJFUzI1NiJ9." + core::base64url_encode(claims) + ".c2ln";
}

TEST_F(STORE_SUITE, MintedTokensAreFoundByTheirJtiWithoutAStoredHash) {
    // As the token endpoint writes them: no access-token hash, the jti names the row.
    auto minted = token("0190a1b2-0000-7000-8000-000000000001", "");
    minted.access_token =
        token_with_claims(R"({"sub":"org/alice","jti":"admin/)" + minted.name + R"("})");
    minted.access_token_hash.clear();
    ASSERT_TRUE(run(store_->add_token(minted, TokenIssue{})));

    auto found = run(store_->token_by_access_token(minted.access_token));
    ASSERT_TRUE(found);
    EXPECT_EQ(found->name, minted.name);
    // Reads still show the hash, as Casdoor's token rows do.
    EXPECT_EQ(found->access_token_hash, sha256_hex(minted.access_token));
    EXPECT_EQ(run(store_->get<model::Token>("admin", minted.name))->access_token_hash,
              sha256_hex(minted.access_token));

    // A token naming that row in its jti but holding other text finds nothing: the row must hold
    // exactly the presented token.
    auto forged =
        token_with_claims(R"({"sub":"org/mallory","jti":"admin/)" + minted.name + R"("})");
    EXPECT_EQ(run(store_->token_by_access_token(forged)).error().code(), "not-found");
    // Payloads that are not JSON, have no or a foreign jti, or are not base64url: not found.
    for (const std::string& bad :
         {token_with_claims("not json"), token_with_claims(R"({"jti":7})"),
          token_with_claims(R"({"jti":"admin/"})"), token_with_claims(R"({"jti":"org/x"})"),
          std::string("a.%%%.b"), std::string("..")}) {
        EXPECT_EQ(run(store_->token_by_access_token(bad)).error().code(), "not-found") << bad;
    }
    EXPECT_EQ(run(store_->token_by_access_token("")).error().code(), "not-found");

    // A token added through the API with any text, and a JWT whose jti names another row, are
    // found by their hash.
    auto added = token("added", "");
    added.access_token = token_with_claims(R"({"jti":"admin/somewhere-else"})");
    added.access_token_hash = sha256_hex(added.access_token);
    ASSERT_TRUE(run(store_->add(added)));
    EXPECT_EQ(run(store_->token_by_access_token(added.access_token))->name, "added");
}

#ifndef WARD_IDP_STORE_PG
// A data folder made before version 4 of the schema: its token rows keep their hashes, and after
// the upgrade (partial indexes) every one is still found, by code, refresh hash and access token.
TEST_F(STORE_SUITE, TokensWrittenBeforeTheUpgradeAreFoundAfterIt) {
    auto db = sql::Database::open("sqlite::memory:", io_.get_executor());
    ASSERT_TRUE(db) << db.error().to_string();
    const auto all = detail::migrations();
    ASSERT_GE(all.size(), 4u);
    const std::vector<sql::Migration> before(all.begin(), all.begin() + 3);
    ASSERT_TRUE(run(sql::migrate(**db, "idp", before)));
    Store old(*db, clock_, random_);
    ASSERT_TRUE(run(old.add(token("old-plain", "c-old"))));
    auto minted = token("0190a1b2-0000-7000-8000-000000000002", "");
    minted.access_token = token_with_claims(R"({"jti":"admin/)" + minted.name + R"("})");
    minted.access_token_hash = sha256_hex(minted.access_token);  // as rows were written then
    ASSERT_TRUE(run(old.add_token(minted, TokenIssue{})));

    ASSERT_TRUE(run(old.migrate()));
    EXPECT_EQ(*run(sql::schema_version(**db, "idp")), static_cast<std::int64_t>(all.size()));
    EXPECT_EQ(run(old.token_by_access_token("at-old-plain"))->name, "old-plain");
    EXPECT_EQ(run(old.token_by_refresh_hash(sha256_hex("rt-old-plain")))->name, "old-plain");
    EXPECT_EQ(run(old.token_by_code("c-old"))->name, "old-plain");
    EXPECT_EQ(run(old.token_by_access_token(minted.access_token))->name, minted.name);
    EXPECT_EQ(run(old.token_by_refresh_hash(sha256_hex("rt-" + minted.name)))->name, minted.name);
}
#endif

TEST_F(STORE_SUITE, RolesExpandWithAncestors) {
    auto u = user("org", "alice");
    u.groups = {"org/dev"};
    ASSERT_TRUE(run(store_->add(u)));
    model::Role direct;
    direct.owner = "org";
    direct.name = "direct";
    direct.users = {"org/alice"};
    model::Role by_group;
    by_group.owner = "org";
    by_group.name = "bygroup";
    by_group.groups = {"org/dev"};
    model::Role parent;
    parent.owner = "org";
    parent.name = "parent";
    parent.roles = {"org/direct"};
    model::Role unrelated;
    unrelated.owner = "org";
    unrelated.name = "unrelated";
    for (const auto& r : {direct, by_group, parent, unrelated}) ASSERT_TRUE(run(store_->add(r)));
    model::Permission p;
    p.owner = "org";
    p.name = "perm";
    p.roles = {"org/parent"};
    ASSERT_TRUE(run(store_->add(p)));
    auto got = run(store_->user_with_authz("org", "alice"));
    ASSERT_TRUE(got);
    auto names = model::role_names(got->roles);
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"bygroup", "direct", "parent"}));
    EXPECT_EQ(model::permission_names(got->permissions), std::vector<std::string>{"perm"});
}

TEST_F(STORE_SUITE, CodeRedemptionIsAtomic) {
    ASSERT_TRUE(run(store_->add(token("t1", "thecode"))));
    constexpr int kRacers = 16;
    int wins = 0;
    int used = 0;
    int other = 0;
    std::string winner_hash;
    for (int i = 0; i < kRacers; ++i) {
        boost::asio::co_spawn(
            io_,
            [&, i]() -> sql::Task<void> {
                std::string code = "thecode";
                std::int64_t now = clock_->unix_seconds();
                std::string refresh_hash = sha256_hex("refresh-of-racer-" + std::to_string(i));
                auto r = co_await store_->redeem_code(code, now, refresh_hash);
                if (r) {
                    ++wins;
                    winner_hash = refresh_hash;
                } else if (r.error().code() == "code-used") {
                    ++used;
                } else {
                    ++other;
                }
            },
            boost::asio::detached);
    }
    io_.restart();
    io_.run();
    EXPECT_EQ(wins, 1);
    EXPECT_EQ(used, kRacers - 1);
    EXPECT_EQ(other, 0);
    auto row = run(store_->token_by_code("thecode"));
    ASSERT_TRUE(row);
    EXPECT_TRUE(row->code_is_used);
    // Only the winner's refresh token is recorded.
    EXPECT_EQ(row->refresh_token_hash, winner_hash);
}

TEST_F(STORE_SUITE, CodeRedemptionErrors) {
    ASSERT_TRUE(run(store_->add(token("t1", "c1"))));
    const std::string fresh = sha256_hex("fresh-refresh");
    EXPECT_EQ(run(store_->redeem_code("missing", clock_->unix_seconds(), "")).error().code(),
              "not-found");
    EXPECT_EQ(run(store_->redeem_code("", clock_->unix_seconds(), "")).error().code(), "not-found");
    EXPECT_EQ(run(store_->redeem_code("c1", clock_->unix_seconds() + 301, fresh)).error().code(),
              "code-expired");
    // A refused redemption changes nothing.
    EXPECT_EQ(run(store_->token_by_code("c1"))->refresh_token_hash, sha256_hex("rt-t1"));
    auto ok = run(store_->redeem_code("c1", clock_->unix_seconds(), ""));
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->name, "t1");
    // Without a new refresh token the stored hash stays.
    EXPECT_EQ(ok->refresh_token_hash, sha256_hex("rt-t1"));
    EXPECT_EQ(run(store_->redeem_code("c1", clock_->unix_seconds(), fresh)).error().code(),
              "code-used");
}

TEST_F(STORE_SUITE, RefreshRotationAndReuseRevokesFamily) {
    ASSERT_TRUE(run(store_->add_token(token("t1", "c1"), {})));
    auto now = clock_->unix_seconds();
    auto old = run(store_->rotate_refresh_token(sha256_hex("rt-t1"), token("t2", "c2"), 0, now));
    ASSERT_TRUE(old) << old.error().to_string();
    EXPECT_EQ(old->name, "t1");
    EXPECT_EQ(run(store_->get<model::Token>("admin", "t1"))->expires_in, 0);
    auto newer = run(store_->rotate_refresh_token(sha256_hex("rt-t2"), token("t3", "c3"), 0, now));
    ASSERT_TRUE(newer);
    EXPECT_EQ(run(store_->get<model::Token>("admin", "t3"))->expires_in, 3600);

    // An attacker replays t1's refresh token: the whole family dies.
    auto replay = run(store_->rotate_refresh_token(sha256_hex("rt-t1"), token("t4", "c4"), 0, now));
    ASSERT_FALSE(replay);
    EXPECT_EQ(replay.error().code(), "refresh-token-reused");
    EXPECT_EQ(run(store_->get<model::Token>("admin", "t3"))->expires_in, 0);
    EXPECT_FALSE(run(store_->get<model::Token>("admin", "t4")));
    auto after = run(store_->rotate_refresh_token(sha256_hex("rt-t3"), token("t5", "c5"), 0, now));
    EXPECT_EQ(after.error().code(), "token-revoked");
    EXPECT_EQ(run(store_->rotate_refresh_token(sha256_hex("unknown"), token("t6", "c6"), 0, now))
                  .error()
                  .code(),
              "not-found");
}

TEST_F(STORE_SUITE, RefreshExpiryAndFamilies) {
    auto now = clock_->unix_seconds();
    ASSERT_TRUE(run(store_->add_token(token("a", "ca", 60), {"", now + 1000})));
    ASSERT_TRUE(run(store_->add_token(token("b", "cb", 60), {})));
    EXPECT_EQ(*run(store_->refresh_expires_at("admin", "a")), now + 1000);
    EXPECT_EQ(*run(store_->refresh_expires_at("admin", "b")), now + 60);
    auto late =
        run(store_->rotate_refresh_token(sha256_hex("rt-b"), token("b2", "cb2"), 0, now + 61));
    EXPECT_EQ(late.error().code(), "refresh-token-expired");
    EXPECT_TRUE(
        run(store_->rotate_refresh_token(sha256_hex("rt-a"), token("a2", "ca2"), 0, now + 500)));
    EXPECT_EQ(*run(store_->revoke_token_family("a")), 1);  // a2 (a was retired already)
    ASSERT_TRUE(run(store_->revoke_token("admin", "b")));
    EXPECT_EQ(run(store_->revoke_token("admin", "zz")).error().code(), "not-found");
    ASSERT_TRUE(run(store_->add_token(token("c", "cc"), {})));
    EXPECT_EQ(*run(store_->revoke_user_tokens("org", "alice", "app")), 1);
    EXPECT_EQ(*run(store_->revoke_user_tokens("org", "alice")), 0);
}

TEST_F(STORE_SUITE, ConcurrentRotationsLetOnlyOneWin) {
    ASSERT_TRUE(run(store_->add_token(token("t1", "c1"), {})));
    int wins = 0;
    int reused = 0;
    for (int i = 0; i < 8; ++i) {
        boost::asio::co_spawn(
            io_,
            [&, i]() -> sql::Task<void> {
                std::string hash = sha256_hex("rt-t1");
                model::Token next = token("n" + std::to_string(i), "cn" + std::to_string(i));
                std::int64_t now = clock_->unix_seconds();
                auto r = co_await store_->rotate_refresh_token(hash, next, 0, now);
                if (r)
                    ++wins;
                else if (r.error().code() == "refresh-token-reused")
                    ++reused;
            },
            boost::asio::detached);
    }
    io_.restart();
    io_.run();
    EXPECT_EQ(wins, 1);
    EXPECT_EQ(reused, 7);
}

TEST_F(STORE_SUITE, BrowserSessions) {
    NewSession n{"org", "alice", "app", 3600, ""};
    auto created = run(store_->create_session(n));
    ASSERT_TRUE(created);
    EXPECT_GE(created->cookie_value.size(), 43u);
    EXPECT_EQ(created->session.id_hash, sha256_hex(created->cookie_value));
    auto found = run(store_->find_session(created->cookie_value));
    ASSERT_TRUE(found);
    EXPECT_EQ(found->user, "alice");
    EXPECT_EQ(found->expires_at, clock_->unix_seconds() + 3600);
    // The raw id is not in the database.
    auto raw = run(db_->query("SELECT COUNT(*) FROM browser_session WHERE id_hash = $1",
                              {created->cookie_value}));
    EXPECT_EQ(*raw->row(0).get<std::int64_t>(0), 0);

    ASSERT_TRUE(run(store_->set_session_pending_mfa(created->cookie_value, "{\"mfa\":1}")));
    EXPECT_EQ(run(store_->find_session(created->cookie_value))->pending_mfa, "{\"mfa\":1}");
    EXPECT_EQ(run(store_->set_session_pending_mfa("nope", "")).error().code(), "not-found");

    clock_->advance(std::chrono::seconds(3600));
    EXPECT_EQ(run(store_->find_session(created->cookie_value)).error().code(), "session-expired");
    EXPECT_EQ(run(store_->find_session(created->cookie_value)).error().code(), "not-found");

    auto s2 = run(store_->create_session(n));
    auto s3 = run(store_->create_session(n));
    ASSERT_TRUE(s2 && s3);
    EXPECT_NE(s2->cookie_value, s3->cookie_value);
    ASSERT_TRUE(run(store_->delete_session(s2->cookie_value)));
    ASSERT_TRUE(run(store_->delete_session(s2->cookie_value)));  // idempotent
    EXPECT_FALSE(run(store_->find_session(s2->cookie_value)));
    EXPECT_EQ(*run(store_->delete_user_sessions("org", "alice")), 1);
    EXPECT_EQ(run(store_->find_session("")).error().code(), "not-found");
    EXPECT_EQ(run(store_->create_session({"", "a", "", 10, ""})).error().code(),
              "invalid-argument");
    EXPECT_EQ(run(store_->create_session({"o", "a", "", 0, ""})).error().code(),
              "invalid-argument");
    ASSERT_TRUE(run(store_->create_session({"o", "a", "", 5, ""})));
    clock_->advance(std::chrono::seconds(10));
    EXPECT_EQ(*run(store_->purge_expired_sessions()), 1);
}

// Casdoor adds a Session row on every sign-in (casdoor.md §1.10); get-sessions showed none.
// The row lists the hashes of the live browser sessions, never the cookie values.
TEST_F(STORE_SUITE, SessionRowListsTheBrowserSessions) {
    auto a = run(store_->create_session({"org", "alice", "app1", 3600, ""}));
    auto b = run(store_->create_session({"org", "alice", "app2", 3600, ""}));
    ASSERT_TRUE(a && b);
    auto row = run(store_->get<model::Session>("org", "alice"));
    ASSERT_TRUE(row);
    EXPECT_EQ(row->application, "app2");
    EXPECT_FALSE(row->created_time.empty());
    EXPECT_EQ(row->session_id, (std::vector<std::string>{a->session.id_hash, b->session.id_hash}));
    ASSERT_TRUE(run(store_->delete_session(a->cookie_value)));
    EXPECT_EQ(run(store_->get<model::Session>("org", "alice"))->session_id,
              (std::vector<std::string>{b->session.id_hash}));
    EXPECT_EQ(*run(store_->delete_user_sessions("org", "alice")), 1);
    EXPECT_EQ(run(store_->get<model::Session>("org", "alice")).error().code(), "not-found");
}

TEST_F(STORE_SUITE, SigninFailureCountersAndLockout) {
    ASSERT_TRUE(run(store_->add(user("org", "alice"))));
    for (int i = 1; i <= 5; ++i) {
        EXPECT_EQ(*run(store_->record_signin_failure("org", "alice")), i);
    }
    auto u = run(store_->get<model::User>("org", "alice"));
    EXPECT_EQ(u->signin_wrong_times, 5);
    auto now = clock_->unix_seconds();
    EXPECT_EQ(lockout_minutes_left(*u, 5, 15, now), 15);
    EXPECT_EQ(lockout_minutes_left(*u, 0, 0, now + 14 * 60 + 1), 1);
    EXPECT_EQ(lockout_minutes_left(*u, 5, 15, now + 15 * 60), std::nullopt);
    EXPECT_EQ(lockout_minutes_left(*u, 6, 15, now), std::nullopt);
    ASSERT_TRUE(run(store_->reset_signin_failures("org", "alice")));
    EXPECT_EQ(run(store_->get<model::User>("org", "alice"))->signin_wrong_times, 0);
    EXPECT_EQ(run(store_->record_signin_failure("org", "bob")).error().code(), "not-found");
    EXPECT_EQ(run(store_->reset_signin_failures("org", "bob")).error().code(), "not-found");
}

TEST_F(STORE_SUITE, AddressThrottleWindow) {
    EXPECT_EQ(*run(store_->address_failures("10.0.0.1", 60)), 0);
    EXPECT_EQ(*run(store_->record_address_failure("10.0.0.1", 60)), 1);
    EXPECT_EQ(*run(store_->record_address_failure("10.0.0.1", 60)), 2);
    EXPECT_EQ(*run(store_->record_address_failure("10.0.0.2", 60)), 1);
    EXPECT_EQ(*run(store_->address_failures("10.0.0.1", 60)), 2);
    clock_->advance(std::chrono::seconds(60));
    EXPECT_EQ(*run(store_->address_failures("10.0.0.1", 60)), 0);
    EXPECT_EQ(*run(store_->record_address_failure("10.0.0.1", 60)), 1) << "a new window";
    ASSERT_TRUE(run(store_->reset_address_failures("10.0.0.1")));
    EXPECT_EQ(*run(store_->address_failures("10.0.0.1", 60)), 0);
}

TEST_F(STORE_SUITE, MigrateIsIdempotent) {
    ASSERT_TRUE(run(store_->add(user("org", "alice"))));
    ASSERT_TRUE(run(store_->migrate()));
    EXPECT_TRUE(run(store_->get<model::User>("org", "alice")));
}

TEST_F(STORE_SUITE, ChangeMarksMoveWithEveryWriteOfTheirTable) {
    auto before = run(store_->change_marks());
    ASSERT_TRUE(before) << before.error().message();
    EXPECT_GE(before->application, 0);
    EXPECT_GE(before->cert, 0);
    EXPECT_GE(before->organization, 0);
    const auto local_before = store_->local_writes();

    model::Cert cert;
    cert.owner = "admin";
    cert.name = "c1";
    ASSERT_TRUE(run(store_->add(cert)));
    auto after_add = run(store_->change_marks());
    ASSERT_TRUE(after_add);
    EXPECT_GT(after_add->cert, before->cert);
    EXPECT_EQ(after_add->application, before->application);
    EXPECT_EQ(after_add->organization, before->organization);
    EXPECT_GT(store_->local_writes(), local_before);

    // Another process on the same database (its own Store) sees this one's writes and the
    // database bumps the marks for its writes too.
    Store other(db_, clock_, random_);
    cert.display_name = "renamed";
    ASSERT_TRUE(run(other.update("admin", "c1", cert)));
    auto after_update = run(store_->change_marks());
    ASSERT_TRUE(after_update);
    EXPECT_GT(after_update->cert, after_add->cert);

    model::Application app;
    app.owner = "admin";
    app.name = "a1";
    app.client_id = "cid";
    ASSERT_TRUE(run(other.add(app)));
    model::Organization org;
    org.owner = "admin";
    org.name = "o1";
    ASSERT_TRUE(run(other.add(org)));
    ASSERT_TRUE(run(other.remove<model::Cert>("admin", "c1")));
    auto last = run(store_->change_marks());
    ASSERT_TRUE(last);
    EXPECT_GT(last->cert, after_update->cert);
    EXPECT_GT(last->application, after_update->application);
    EXPECT_GT(last->organization, after_update->organization);

    // Tokens and users do not move them.
    ASSERT_TRUE(run(store_->add(token("t1", "c1"))));
    ASSERT_TRUE(run(store_->add(user("org", "bob"))));
    auto unchanged = run(store_->change_marks());
    ASSERT_TRUE(unchanged);
    EXPECT_EQ(unchanged->cert, last->cert);
    EXPECT_EQ(unchanged->application, last->application);
    EXPECT_EQ(unchanged->organization, last->organization);
}

TEST_F(STORE_SUITE, RecentChangeMarksSeeOtherProcessesWithinTheirAgeAndOwnWritesAtOnce) {
    constexpr std::chrono::milliseconds kAge{1000};
    auto first = run(store_->recent_change_marks(kAge));
    ASSERT_TRUE(first) << first.error().message();

    // Another process (its own Store on the same database) adds an application: within the
    // age this process still answers the marks it read, after it the new ones.
    Store other(db_, clock_, random_);
    model::Application app;
    app.owner = "admin";
    app.name = "a1";
    app.client_id = "cid";
    ASSERT_TRUE(run(other.add(app)));
    auto cached = run(store_->recent_change_marks(kAge));
    ASSERT_TRUE(cached);
    EXPECT_EQ(cached->application, first->application);
    clock_->advance(std::chrono::milliseconds(999));
    EXPECT_EQ(run(store_->recent_change_marks(kAge))->application, first->application);
    clock_->advance(std::chrono::milliseconds(1));
    auto aged = run(store_->recent_change_marks(kAge));
    ASSERT_TRUE(aged);
    EXPECT_GT(aged->application, first->application);

    // This process's own write is seen at once, without waiting for the age.
    model::Cert cert;
    cert.owner = "admin";
    cert.name = "c1";
    ASSERT_TRUE(run(store_->add(cert)));
    auto own = run(store_->recent_change_marks(kAge));
    ASSERT_TRUE(own);
    EXPECT_GT(own->cert, aged->cert);
    EXPECT_EQ(own->cert, run(store_->change_marks())->cert);

    // A clock that went back is not trusted: the marks are read again.
    ASSERT_TRUE(run(other.remove<model::Application>("admin", "a1")));
    clock_->advance(std::chrono::milliseconds(-5000));
    auto back = run(store_->recent_change_marks(kAge));
    ASSERT_TRUE(back);
    EXPECT_GT(back->application, aged->application);

    // Marks that have only aged are read again by one call; a call while that read is under way
    // answers with the last read instead of reading too.
    app.name = "a2";
    ASSERT_TRUE(run(other.add(app)));
    clock_->advance(kAge);
    std::optional<core::Result<ChangeMarks>> reader;
    std::optional<core::Result<ChangeMarks>> meanwhile;
    boost::asio::co_spawn(
        io_, [&]() -> sql::Task<void> { reader = co_await store_->recent_change_marks(kAge); },
        boost::asio::detached);
    boost::asio::co_spawn(
        io_, [&]() -> sql::Task<void> { meanwhile = co_await store_->recent_change_marks(kAge); },
        boost::asio::detached);
    io_.restart();
    io_.run();
    ASSERT_TRUE(reader && *reader && meanwhile && *meanwhile);
    EXPECT_GT((*reader)->application, back->application);
    EXPECT_EQ((*meanwhile)->application, back->application);
    EXPECT_EQ(run(store_->recent_change_marks(kAge))->application, (*reader)->application);
}

TEST_F(STORE_SUITE, ConcurrentTokenInsertsAreAllStoredWithTheirOwnAnswers) {
    ASSERT_TRUE(run(store_->add(token("taken", "c-taken"))));
    constexpr int kWriters = 40;
    int ok = 0;
    int duplicate = 0;
    int other = 0;
    for (int i = 0; i < kWriters; ++i) {
        boost::asio::co_spawn(
            io_,
            [&, i]() -> sql::Task<void> {
                // Writer 7 reuses a taken name: only its insert may fail, inside a batch.
                const std::string name = i == 7 ? "taken" : "t" + std::to_string(i);
                model::Token row = token(name, "code-" + std::to_string(i));
                const TokenIssue issue;
                auto r = co_await store_->add_token(row, issue);
                if (r) {
                    ++ok;
                } else if (r.error().code() == "already-exists") {
                    ++duplicate;
                } else {
                    ++other;
                }
            },
            boost::asio::detached);
    }
    io_.restart();
    io_.run();
    EXPECT_EQ(ok, kWriters - 1);
    EXPECT_EQ(duplicate, 1);
    EXPECT_EQ(other, 0);
    for (int i = 0; i < kWriters; ++i) {
        if (i == 7) continue;
        auto row = run(store_->token_by_access_token("at-t" + std::to_string(i)));
        ASSERT_TRUE(row) << i;
        EXPECT_EQ(row->code, "code-" + std::to_string(i));
        EXPECT_TRUE(row->refresh_token.empty());  // C11 holds for batched rows too
    }
    EXPECT_EQ(run(store_->token_by_code("c-taken"))->name, "taken");
}

}  // namespace
}  // namespace ward::idp::store
