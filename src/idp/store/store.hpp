// idp::store::Store: every IdP object in the database (SQLite by default, PostgreSQL for several
// processes), keyed by Casdoor's (owner, name), with Casdoor's list queries, the token lookups and
// atomic redemptions the OAuth endpoints need, browser sessions and sign-in throttles. Nothing is
// held only in memory, so several processes over one database behave as one.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "core/result.hpp"
#include "idp/model/application.hpp"
#include "idp/model/cert.hpp"
#include "idp/model/group.hpp"
#include "idp/model/organization.hpp"
#include "idp/model/permission.hpp"
#include "idp/model/role.hpp"
#include "idp/model/session.hpp"
#include "idp/model/token.hpp"
#include "idp/model/user.hpp"
#include "sql/database.hpp"

namespace ward::idp::store {

namespace detail {
class TokenWriter;
}

template <typename T>
using Task = sql::Task<T>;

// The model types the generic operations accept (each has its own table).
template <typename T>
concept StoredObject = std::is_same_v<T, model::Organization> ||
    std::is_same_v<T, model::Application> || std::is_same_v<T, model::User> ||
    std::is_same_v<T, model::Role> || std::is_same_v<T, model::Permission> ||
    std::is_same_v<T, model::Group> || std::is_same_v<T, model::Cert> ||
    std::is_same_v<T, model::Token> || std::is_same_v<T, model::Session>;

// Casdoor's list parameters (casdoor.md §4.2). Field names are validated with
// model::column_for_field; values are always bound parameters.
struct ListQuery {
    std::string owner;            // empty: every owner
    bool or_admin_owner = false;  // also rows owned by "admin" (get-certs?owner=X)
    std::string organization;     // exact `organization` column (applications, tokens); empty: any
    std::string group;            // users only: members of this "org/group"; empty: any
    std::string field;            // with `value`: `CAST(column AS TEXT) LIKE %value%`
    std::string value;
    std::string sort_field;  // empty: created_time
    std::string sort_order;  // "ascend" | "descend" | "" (descend)
    // Pagination applies only when both are set (Casdoor): page is 1-based.
    std::optional<std::int64_t> page;
    std::optional<std::int64_t> page_size;
};

template <typename T>
struct Page {
    std::vector<T> items;
    std::int64_t total = 0;  // rows matching the filters, before pagination
};

// A browser sign-in (the `casdoor_session_id` cookie). Only the SHA-256 of the cookie value is
// stored (C11), so a database leak does not leak live sessions.
struct BrowserSession {
    std::string id_hash;          // lowercase hex SHA-256 of the cookie value
    std::string organization;     // the user's org
    std::string user;             // bare user name
    std::string application;      // bare app name the user signed in through; may be empty
    std::int64_t created_at = 0;  // unix seconds
    std::int64_t expires_at = 0;  // unix seconds
    // Empty when fully signed in. Otherwise the user passed the password step and still owes an
    // MFA step: an opaque text (JSON) owned by the sign-in flow; callers must not treat the
    // session as authenticated while it is set.
    std::string pending_mfa;
};

struct NewSession {
    std::string organization;
    std::string user;
    std::string application;
    std::int64_t lifetime_seconds = 0;  // > 0
    std::string pending_mfa;
};

struct CreatedSession {
    std::string cookie_value;  // the random session id: goes to the cookie only, never stored
    BrowserSession session;
};

// Extra bookkeeping stored with a token row beside its model fields (refresh families, C9).
struct TokenIssue {
    // The refresh-token family: every rotation keeps it. Empty: a new family (the token's name).
    std::string family;
    // When the refresh token stops working (unix seconds); 0: with the access token
    // (createdTime + expiresIn), as Casdoor's refreshExpireInHours = 0.
    std::int64_t refresh_expires_at = 0;
};

// Change marks: counters the database itself bumps (triggers) on every committed write to these
// tables, whoever writes (this process, another `ward` process on the same database, an operator
// with SQL). A cache keeps what it read with the marks it read them under and reuses it while the
// marks are unchanged, so one small query replaces reading and parsing the rows. -1: unknown.
struct ChangeMarks {
    std::int64_t application = -1;
    std::int64_t cert = -1;
    std::int64_t organization = -1;
};

// Stable error codes (core::Error::code()) returned by the Store:
//   "not-found"            kNotFound: no such object / token / session
//   "already-exists"       kAlreadyExists: the (owner, name) or another unique key is taken
//   "invalid-field"        kInvalidArgument: a field/sortField/columns name not in the model
//   "invalid-argument"     kInvalidArgument: bad sortOrder, page < 1, pageSize < 1, empty key
//   "code-used"            kConflict: the authorization code was already redeemed
//   "code-expired"         kPermissionDenied: the authorization code is past codeExpireIn
//   "token-revoked"        kPermissionDenied: expiresIn is 0 (logout / revocation)
//   "refresh-token-expired" kPermissionDenied
//   "refresh-token-reused" kPermissionDenied: a rotated refresh token came back; its whole
//                          family was revoked (C9)
//   "session-expired"      kNotFound: the session existed but expired (it is deleted)
//   "database-error"       kInternal / kUnavailable: anything else from the database (the
//                          message carries the DbError's)
class Store {
  public:
    Store(std::shared_ptr<sql::Database> db, std::shared_ptr<core::Clock> clock,
          std::shared_ptr<core::Random> random);

    // Creates or upgrades the IdP's tables (component "idp"). Idempotent; safe when several
    // processes start at once. Errors: "database-error".
    Task<core::Status> migrate();

    sql::Database& database() { return *db_; }
    std::shared_ptr<sql::Database> database_ptr() const { return db_; }
    core::Clock& clock() const { return *clock_; }
    core::Random& random() const { return *random_; }
    // Casdoor's timestamp for "now" (core::format_casdoor_time of the clock).
    std::string now_text() const;

    // ---- generic CRUD, T one of the StoredObject types ----

    // Errors: "not-found".
    template <StoredObject T>
    Task<core::Result<T>> get(std::string_view owner, std::string_view name);

    // Errors: "invalid-field", "invalid-argument" (see ListQuery).
    template <StoredObject T>
    Task<core::Result<Page<T>>> list(const ListQuery& query);

    // Inserts `obj`; an empty createdTime is set to now. Errors: "invalid-argument" (empty owner
    // or name), "already-exists" (owner/name, an application's clientId, a user's id).
    template <StoredObject T>
    Task<core::Status> add(const T& obj);

    // As add(), inside the caller's transaction (first start uses it). Errors: as add(); after a
    // failure the transaction is aborted.
    template <StoredObject T>
    Task<core::Status> add(sql::Transaction& tx, const T& obj);

    // Replaces the row (owner, name) with `obj`; a rename happens when obj's owner/name differ.
    // With `columns` (JSON keys or column names, as update-user?columns=), only those columns are
    // written. Errors: "not-found", "already-exists" (rename onto a taken key), "invalid-field".
    template <StoredObject T>
    Task<core::Status> update(std::string_view owner, std::string_view name, const T& obj,
                              std::span<const std::string> columns = {});

    // Deletes the row. Errors: "not-found".
    template <StoredObject T>
    Task<core::Status> remove(std::string_view owner, std::string_view name);

    // Number of rows (the same filters as list, without pagination).
    template <StoredObject T>
    Task<core::Result<std::int64_t>> count(const ListQuery& query);

    // ---- change marks ----

    // The current marks, in one query (read them BEFORE the rows a cache keeps, so a row is never
    // older than its marks). Errors: "database-error".
    Task<core::Result<ChangeMarks>> change_marks();
    // Bumped after every add/update/remove through this Store object: lets a cache that rechecks
    // the marks only now and then notice this process's own writes at once.
    std::uint64_t local_writes() const { return local_writes_.load(std::memory_order_acquire); }
    // The marks as change_marks() read them at most `max_age` ago, or read now when they are
    // older or when this Store has written since: another process's write is seen within
    // `max_age`, this process's own at once. When they have only aged, one call reads them again
    // and concurrent calls answer with the last read meanwhile. For hot paths that would
    // otherwise query the marks on every request (the token endpoint's client lookup, the JWKS).
    // Errors: "database-error".
    Task<core::Result<ChangeMarks>> recent_change_marks(std::chrono::milliseconds max_age);

    // ---- lookups ----

    // Errors: "not-found".
    Task<core::Result<model::Application>> application_by_client_id(std::string_view client_id);
    // By the UUID `id` field (JWT sub). Errors: "not-found".
    Task<core::Result<model::User>> user_by_id(std::string_view uuid);
    // Within `organization`: by name, then email, then phone (Casdoor's login lookup).
    // Errors: "not-found".
    Task<core::Result<model::User>> user_by_login(std::string_view organization,
                                                  std::string_view login);
    // The user with roles and permissions filled (direct, by group, ancestors; Casdoor §1.5/1.6).
    Task<core::Result<model::User>> user_with_authz(std::string_view organization,
                                                    std::string_view name);
    // Fills user.roles / user.permissions from the org's roles and permissions.
    Task<core::Status> fill_authz(model::User& user);

    // The row holding exactly this access token. A token minted here names its row in its
    // "jti" claim ("admin/<name>") and is found by primary key; any other (one added through
    // the API) by its SHA-256, which such rows keep indexed. Errors: "not-found".
    Task<core::Result<model::Token>> token_by_access_token(std::string_view access_token);
    // By the lowercase hex SHA-256 of the refresh token. Errors: "not-found".
    Task<core::Result<model::Token>> token_by_refresh_hash(std::string_view hash);
    Task<core::Result<model::Token>> token_by_code(std::string_view code);

    // ---- tokens ----

    // Inserts a token row with its family data. The refresh token itself is never stored:
    // token.refresh_token is written as "" (only refresh_token_hash is kept, C11); the access
    // token and its hash are stored as Casdoor does. Errors: as add().
    Task<core::Status> add_token(const model::Token& token, const TokenIssue& issue = {});

    // Redeems an authorization code in ONE atomic step (C12): marks it used and returns the row,
    // so of several concurrent redemptions exactly one succeeds. `now_unix` is compared with
    // codeExpireIn. A non-empty `refresh_token_hash` replaces the row's refreshTokenHash in the
    // same step (the refresh token made at redemption). Errors: "not-found" (no such code),
    // "code-used", "code-expired".
    Task<core::Result<model::Token>> redeem_code(std::string_view code, std::int64_t now_unix,
                                                 std::string_view refresh_token_hash);

    // Refresh-token rotation with reuse detection (C9), in one transaction: the row holding
    // `refresh_hash` is retired (marked rotated, expiresIn = 0, so its access token stops working
    // as Casdoor deletes it) and `replacement` is inserted into the same family. Returns the
    // retired row. Errors: "not-found", "token-revoked", "refresh-token-expired",
    // "refresh-token-reused" (the presented token had been rotated already: the whole family is
    // revoked), "already-exists" (replacement's name/hashes collide).
    Task<core::Result<model::Token>> rotate_refresh_token(std::string_view refresh_hash,
                                                          const model::Token& replacement,
                                                          std::int64_t refresh_expires_at,
                                                          std::int64_t now_unix);

    // The refresh expiry of a row (TokenIssue::refresh_expires_at, or access expiry when 0),
    // unix seconds. Errors: "not-found".
    Task<core::Result<std::int64_t>> refresh_expires_at(std::string_view owner,
                                                        std::string_view name);

    // Sets expiresIn = 0 (Casdoor's logout/revocation). Errors: "not-found".
    Task<core::Status> revoke_token(std::string_view owner, std::string_view name);
    // Revokes every token of a family; returns how many rows changed.
    Task<core::Result<std::int64_t>> revoke_token_family(std::string_view family);
    // Revokes every live token of a user in an application (empty application: all apps).
    Task<core::Result<std::int64_t>> revoke_user_tokens(std::string_view organization,
                                                        std::string_view user,
                                                        std::string_view application = {});

    // ---- browser sessions ----

    // Creates a session with a fresh 256-bit id and lists it in the user's Session row (what
    // get-sessions shows, as Casdoor adds one on every sign-in). Errors: "invalid-argument"
    // (empty user/org, lifetime <= 0), "database-error".
    Task<core::Result<CreatedSession>> create_session(const NewSession& session);
    // Looks up the cookie value. Errors: "not-found", "session-expired" (and it is deleted).
    Task<core::Result<BrowserSession>> find_session(std::string_view cookie_value);
    // Replaces pending_mfa (e.g. cleared once MFA passes). Errors: "not-found".
    Task<core::Status> set_session_pending_mfa(std::string_view cookie_value,
                                               std::string_view pending_mfa);
    // Also removes it from the Session row. Deleting a missing session is not an error (logout
    // is idempotent).
    Task<core::Status> delete_session(std::string_view cookie_value);
    // Deletes every session of a user; returns how many.
    Task<core::Result<std::int64_t>> delete_user_sessions(std::string_view organization,
                                                          std::string_view user);
    // Deletes expired sessions; returns how many.
    Task<core::Result<std::int64_t>> purge_expired_sessions();

    // ---- sign-in failures (Casdoor §5.2 per user; C8 per address) ----

    // Atomically increments signinWrongTimes and stamps lastSigninWrongTime = now; returns the
    // new count. Errors: "not-found".
    Task<core::Result<std::int64_t>> record_signin_failure(std::string_view organization,
                                                           std::string_view user);
    // Sets signinWrongTimes = 0 and lastSigninWrongTime = "". Errors: "not-found".
    Task<core::Status> reset_signin_failures(std::string_view organization, std::string_view user);

    // Per-address throttle over a fixed window: counts a failure from `address` and returns the
    // failures in the current window (a window starts with the first failure after the previous
    // one ended).
    Task<core::Result<std::int64_t>> record_address_failure(std::string_view address,
                                                            std::int64_t window_seconds);
    // Failures from `address` in its current window (0 when none or the window ended).
    Task<core::Result<std::int64_t>> address_failures(std::string_view address,
                                                      std::int64_t window_seconds);
    // Forgets an address (after a successful sign-in).
    Task<core::Status> reset_address_failures(std::string_view address);

  private:
    // Keeps the Casdoor Session row (owner = organization, name = user) listing the user's
    // browser sessions (casdoor.md §1.10, what get-sessions and the Sessions page show): adds or
    // removes `id_hash` (the SHA-256 of the cookie, never the cookie itself, which is a bearer
    // credential) and records the application last signed in to.
    Task<core::Status> note_session_id(const std::string& organization, const std::string& user,
                                       const std::string& application, const std::string& id_hash,
                                       bool present);

    std::shared_ptr<sql::Database> db_;
    std::shared_ptr<core::Clock> clock_;
    std::shared_ptr<core::Random> random_;
    std::atomic<std::uint64_t> local_writes_{0};
    std::shared_ptr<detail::TokenWriter> tokens_;  // group commit of add_token

    struct RecentMarks {
        ChangeMarks marks;
        std::chrono::system_clock::time_point read_at;
        std::uint64_t local_writes = 0;  // local_writes() just before the read
        bool valid = false;
        bool refreshing = false;  // a call is reading the aged marks again
    };
    std::mutex recent_mu_;
    RecentMarks recent_;
};

// Lowercase hex SHA-256: how token strings and session ids are keyed (Casdoor's *Hash fields).
std::string sha256_hex(std::string_view text);

// Parses Casdoor's RFC 3339 timestamps ("2024-11-28T12:20:45+07:00", "...Z", fractional
// seconds allowed) to unix seconds; nullopt when malformed.
std::optional<std::int64_t> parse_casdoor_time(std::string_view text);

// A token's access expiry: createdTime + expiresIn (unix seconds); nullopt when createdTime is
// malformed.
std::optional<std::int64_t> token_expires_at(const model::Token& token);

// Casdoor §5.2 lockout: minutes the user must still wait (rounded up, >= 1) when
// signinWrongTimes >= limit and fewer than `frozen_minutes` passed since lastSigninWrongTime;
// nullopt when sign-in may proceed (a caller then resets an elapsed counter on success). `limit`
// and `frozen_minutes` <= 0 take Casdoor's defaults 5 and 15.
std::optional<std::int64_t> lockout_minutes_left(const model::User& user, std::int64_t limit,
                                                 std::int64_t frozen_minutes,
                                                 std::int64_t now_unix);

}  // namespace ward::idp::store
