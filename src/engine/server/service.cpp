#include "engine/server/service.hpp"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <system_error>

#include "core/encoding.hpp"
#include "core/json.hpp"
#include "core/log.hpp"
#include "engine/catalog/catalog_view.hpp"
#include "engine/catalog/reader.hpp"
#include "engine/exec/bind.hpp"
#include "engine/exec/executor.hpp"
#include "engine/graphql/execution.hpp"
#include "engine/graphql/introspection.hpp"
#include "engine/graphql/parser.hpp"
#include "engine/metadata/commands.hpp"
#include "engine/plan/plan.hpp"
#include "http/cors.hpp"
#include "jose/digest.hpp"

namespace ward::engine::server {

namespace json = core::json;

struct Service::ParsedQuery {
    graphql::ast::Document document;
    std::string hash;  // hex SHA-256 of the query text (the plan cache's key)
    // The @skip/@include variables: the collected fields, and so the plan, depend on them.
    std::vector<std::string> shape_variables;
};

struct Service::GraphqlRequest {
    std::string query;
    std::string operation_name;
    json::object variables;
};

namespace {

constexpr std::string_view kGraphqlResponseType = "application/graphql-response+json";
constexpr unsigned kUnsupportedMediaType = 415;

core::Error as_error(const sql::DbError& e) { return static_cast<const core::Error&>(e); }

// The media type of a Content-Type value, without parameters, lower-cased ("" when absent).
std::string media_type(std::string_view content_type) {
    std::string_view type = content_type.substr(0, content_type.find(';'));
    while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
    std::string out(type);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Whether a GraphQL POST body sent with this Content-Type is read. The body is always JSON:
// application/json is the GraphQL-over-HTTP spec's type; application/x-www-form-urlencoded is
// what `curl -d` sends, which Hasura reads as JSON and its (and Ward's) curl examples rely on.
// No Content-Type, or any other type (a fetch() of a string body without one sends text/plain),
// is refused: the GraphQL-over-HTTP spec's "SHOULD reject … with the appropriate 4xx" (§ Media
// Types), answered 415 Unsupported Media Type.
bool readable_graphql_body(std::optional<std::string_view> content_type) {
    if (!content_type) return false;
    const std::string type = media_type(*content_type);
    return type == "application/json" || type == "application/x-www-form-urlencoded";
}

metadata::SourceKind kind_of_url(std::string_view url) {
    return url.starts_with("sqlite:") ? metadata::SourceKind::kSqlite
                                      : metadata::SourceKind::kPostgres;
}

// The metadata of a fresh install: the default source, nothing tracked (what Hasura writes
// when HASURA_GRAPHQL_DATABASE_URL is set).
metadata::Metadata default_metadata(metadata::SourceKind kind) {
    metadata::Metadata m;
    metadata::Source s;
    s.name = std::string(metadata::kDefaultSource);
    s.kind = kind;
    s.configuration =
        core::parse_json(R"({"connection_info":{"database_url":{"from_env":)"
                         R"("HASURA_GRAPHQL_DATABASE_URL"},"isolation_level":"read-committed",)"
                         R"("pool_settings":{"connection_lifetime":600,"idle_timeout":180,)"
                         R"("max_connections":50,"retries":1},"use_prepared_statements":true}})")
            .value();
    m.sources.push_back(std::move(s));
    return m;
}

EngineError from_auth(const auth::AuthError& e) {
    EngineError out = EngineError::from_wire(e.wire_code(), e.message);
    out.status = static_cast<unsigned>(e.http_status());
    return out;
}

http::Response rest_error(const EngineError& e, bool with_internal = false) {
    return http::Response::json(e.http_status(), core::to_json(e.to_rest_json(with_internal)));
}

http::Response metadata_error(const metadata::MetadataError& e) {
    return http::Response::json(static_cast<unsigned>(metadata::http_status(e.code)),
                                core::to_json(e.to_json()));
}

http::Headers headers_of(const http::Request& request) {
    http::Headers headers;
    for (const auto& field : request.message()) {
        headers.add(std::string(field.name_string()), std::string(field.value()));
    }
    return headers;
}

std::string response_path(const std::vector<std::string>& keys) {
    std::string path = "$";
    for (const auto& k : keys) path += ".selectionSet." + k;
    return path;
}

// The text between the n-th pair of double quotes of `message` (0-based), or "".
std::string quoted_part(std::string_view message, int n) {
    std::size_t pos = 0;
    for (int i = 0; i <= n; ++i) {
        auto open = message.find('"', pos);
        if (open == std::string_view::npos) return {};
        auto close = message.find('"', open + 1);
        if (close == std::string_view::npos) return {};
        if (i == n) return std::string(message.substr(open + 1, close - open - 1));
        pos = close + 1;
    }
    return {};
}

}  // namespace

EngineError validation_error(const graphql::GraphQLError& error) {
    std::string message = error.message;
    // Hasura words an unknown output field and an unknown input object field alike.
    const bool unknown_input_field =
        error.rule == graphql::ValidationRule::kValuesOfCorrectType &&
        error.message.starts_with("Field \"") &&
        error.message.find("\" is not defined by type \"") != std::string::npos;
    if (error.rule == graphql::ValidationRule::kFieldsOnCorrectType || unknown_input_field) {
        message = "field '" + quoted_part(error.message, 0) + "' not found in type: '" +
                  quoted_part(error.message, 1) + "'";
    }
    // A role whose schema has no mutation (subscription) root: Hasura's wording, at $.
    if (error.rule == graphql::ValidationRule::kKnownOperationTypes) {
        const bool subscription = error.message.find("subscription") != std::string::npos;
        return EngineError::make(ErrorCode::kValidationFailed,
                                 subscription ? "no subscriptions exist" : "no mutations exist");
    }
    return EngineError::make(ErrorCode::kValidationFailed, std::move(message),
                             response_path(error.path));
}

std::string idp_origin_from_jwk_url(std::string_view url) {
    const auto scheme = url.find("://");
    if (scheme == std::string_view::npos) return {};
    // An IdP under a path prefix keeps it: the key set is at <IdP>/.well-known/jwks.
    if (const auto well_known = url.find("/.well-known/", scheme + 3);
        well_known != std::string_view::npos) {
        return std::string(url.substr(0, well_known));
    }
    return std::string(url.substr(0, url.find('/', scheme + 3)));
}

std::string login_page(const http::Request& request, std::string_view idp_origin) {
    auto code = request.query_param("code");
    auto state = request.query_param("state");
    auto error = request.query_param("error");
    std::string body =
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ward Engine: "
        "login redirect</title></head><body>\n<h1>Signed in at the identity provider</h1>\n";
    if (error) {
        body += "<p>The identity provider reported an error: <code>" + html_escape(*error) +
                "</code></p>\n";
    } else if (code) {
        body += "<p>The identity provider redirected here with an authorization code:</p>\n";
        body += "<p>code: <code>" + html_escape(*code) + "</code></p>\n";
        if (state) body += "<p>state: <code>" + html_escape(*state) + "</code></p>\n";
    } else {
        body +=
            "<p>This page is the redirect target of the seed tutorial "
            "(http://localhost:8080/login); it received no authorization code.</p>\n";
    }
    const std::string idp =
        idp_origin.empty() ? "&lt;identity provider&gt;" : html_escape(idp_origin);
    body +=
        "<h2>Getting a token for the GraphQL API</h2>\n<p>The engine does not exchange the code "
        "itself. Either copy an access token from the identity provider's <b>Tokens</b> page, "
        "or exchange the code at the identity provider:</p>\n<pre>curl -X POST " +
        idp +
        "/api/login/oauth/access_token \\\n  -d grant_type=authorization_code "
        "-d client_id=&lt;client id&gt; -d client_secret=&lt;client secret&gt; \\\n  -d "
        "code=" +
        html_escape(code.value_or("<code>")) +
        "</pre>\n<p>Then send it to the engine as <code>Authorization: Bearer "
        "&lt;access_token&gt;</code> on <code>POST /v1/graphql</code>.</p>\n</body></html>\n";
    return body;
}

// ---- construction and state ----

Service::Service(Settings settings, boost::asio::any_io_executor executor)
    : settings_(std::move(settings)),
      executor_(std::move(executor)),
      plans_(settings_.plan_cache_size) {}

Service::~Service() = default;

sql::Task<core::Result<std::shared_ptr<Service>>> Service::create(
    Settings settings, boost::asio::any_io_executor executor, ServiceOptions options) {
    auto config = auth::resolve_auth_config(settings.auth);
    if (!config) co_return config.error();
    if (settings.idp_origin.empty() && !config->jwt_secrets.empty()) {
        settings.idp_origin = idp_origin_from_jwk_url(config->jwt_secrets.front().jwk_url);
    }

    std::error_code ec;
    if (settings.database_url.empty() || settings.metadata_database_url.empty()) {
        std::filesystem::create_directories(settings.data_dir, ec);
        if (ec) {
            co_return core::Error::io("cannot create the data folder " + settings.data_dir + ": " +
                                      ec.message());
        }
    }
    if (settings.database_url.empty()) {
        settings.database_url =
            "sqlite:" + (std::filesystem::path(settings.data_dir) / "data.db").string();
    }
    if (settings.metadata_database_url.empty()) {
        settings.metadata_database_url =
            "sqlite:" + (std::filesystem::path(settings.data_dir) / "metadata.db").string();
    }

    std::shared_ptr<Service> svc(new Service(std::move(settings), executor));
    auth::AuthenticatorOptions auth_options;
    auth_options.clock = options.clock ? options.clock : core::system_clock();
    auth_options.client = options.client;
    auth_options.key_sources = std::move(options.key_sources);
    svc->authenticator_ =
        std::make_unique<auth::Authenticator>(std::move(*config), std::move(auth_options));

    auto source = sql::Database::open(svc->settings_.database_url, executor);
    if (!source) co_return as_error(source.error());
    svc->source_db_ = std::move(*source);
    if (svc->settings_.metadata_database_url == svc->settings_.database_url) {
        svc->metadata_db_ = svc->source_db_;
    } else {
        auto mdb = sql::Database::open(svc->settings_.metadata_database_url, executor);
        if (!mdb) co_return as_error(mdb.error());
        svc->metadata_db_ = std::move(*mdb);
    }
    auto store = co_await MetadataStore::open(svc->metadata_db_);
    if (!store) co_return store.error();
    svc->store_ = std::move(*store);

    auto stored = co_await svc->store_->load();
    if (!stored) co_return stored.error();
    if (!*stored) {
        auto initial = default_metadata(kind_of_url(svc->settings_.database_url));
        auto saved = co_await svc->store_->save(core::to_json(metadata::emit_metadata(initial)), 0);
        // A conflict means another process wrote first; its metadata is loaded below.
        if (!saved && !saved.error().is(core::ErrorKind::kConflict)) co_return saved.error();
    }
    auto loaded = co_await svc->reload();
    if (!loaded) co_return loaded.error();
    co_return svc;
}

std::shared_ptr<const State> Service::state() const {
    std::lock_guard lock(mu_);
    return state_;
}

sql::Task<core::Result<catalog::Catalogs>> Service::read_catalogs() {
    auto cat = co_await catalog::read_catalog(*source_db_);
    if (!cat) co_return cat.error();
    catalog::Catalogs out;
    out.emplace(std::string(metadata::kDefaultSource),
                std::make_shared<const catalog::Catalog>(std::move(*cat)));
    co_return out;
}

core::Status Service::publish(std::int64_t version, metadata::Metadata md,
                              catalog::Catalogs catalogs) {
    auto next = std::make_shared<State>();
    next->resource_version = version;
    next->generation = ++generation_;
    auto built = schema::build_snapshot(md, catalogs);
    if (built) {
        next->schemas = std::move(*built);
    } else {
        core::log().error("schema-build", json::object{{"error", built.error().to_string()}});
    }
    catalog::CatalogsView view(catalogs);
    next->inconsistent_objects = metadata::find_inconsistencies(md, &view).size();
    next->metadata = std::move(md);
    next->catalogs = std::move(catalogs);
    std::lock_guard lock(mu_);
    // Never go back to an older version (a slow poll racing a local write).
    if (state_ && state_->resource_version > version) return core::ok();
    state_ = std::move(next);
    // Plans of older generations can no longer be found (the key holds the generation);
    // dropping them frees their memory at once.
    plans_.clear();
    return core::ok();
}

sql::Task<core::Status> Service::reload() {
    auto stored = co_await store_->load();
    if (!stored) co_return stored.error();
    if (!*stored) co_return core::Error::internal("the metadata store is empty");
    auto parsed_json = core::parse_json((*stored)->metadata);
    if (!parsed_json) co_return parsed_json.error();
    auto md = metadata::parse_metadata(*parsed_json);
    if (!md) {
        co_return core::Error::internal("stored metadata does not parse: " + md.error().message);
    }
    auto catalogs = co_await read_catalogs();
    if (!catalogs) co_return catalogs.error();
    co_return publish((*stored)->resource_version, std::move(*md), std::move(*catalogs));
}

sql::Task<core::Status> Service::sync_once() {
    auto version = co_await store_->current_version();
    if (!version) co_return version.error();
    auto st = state();
    if (st && st->resource_version == *version) co_return core::ok();
    co_return co_await reload();
}

void Service::start_sync() {
    std::lock_guard lock(mu_);
    if (timer_ || stopped_) return;
    timer_ = std::make_shared<boost::asio::steady_timer>(executor_);
    boost::asio::co_spawn(executor_,
                          poll_loop(weak_from_this(), timer_, settings_.schema_sync_poll_interval),
                          boost::asio::detached);
}

void Service::stop() {
    std::shared_ptr<boost::asio::steady_timer> timer;
    {
        std::lock_guard lock(mu_);
        stopped_ = true;
        timer = timer_;
    }
    if (timer) boost::asio::post(timer->get_executor(), [timer] { timer->cancel(); });
}

sql::Task<void> Service::poll_loop(std::weak_ptr<Service> weak,
                                   std::shared_ptr<boost::asio::steady_timer> timer,
                                   std::chrono::milliseconds interval) {
    for (;;) {
        timer->expires_after(interval);
        boost::system::error_code ec;
        co_await timer->async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
        auto self = weak.lock();
        if (!self) co_return;
        {
            std::lock_guard lock(self->mu_);
            if (self->stopped_) co_return;
        }
        auto synced = co_await self->sync_once();
        if (!synced) {
            core::log().warn("schema-sync", json::object{{"error", synced.error().to_string()}});
        }
    }
}

// ---- shared request steps ----

namespace {

// Whether `origin` ("http://host:port") names the server the request was sent to (its Host).
bool is_own_origin(std::string_view origin, std::optional<std::string_view> host) {
    const auto scheme = origin.find("://");
    if (!host || scheme == std::string_view::npos) return false;
    std::string_view authority = origin.substr(scheme + 3);
    if (authority.size() != host->size()) return false;
    return std::equal(authority.begin(), authority.end(), host->begin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) ==
               std::tolower(static_cast<unsigned char>(b));
    });
}

// H3 lets the JWT come from a cookie, which a browser also attaches to requests that other sites
// make: an HTML form's POST (application/x-www-form-urlencoded, multipart/form-data,
// text/plain), a link or image (GET). A request may use its cookies only when it is a POST sent
// as application/json. A page of another site can still send that through a CORS preflight,
// which the default CORS setting ("*") allows, so a browser request (it carries Origin) must
// also come from the engine's own origin or one listed in `origins`. Returns why the request may
// not use its cookies (the end of the message after "the JWT was read from a cookie"), or
// nullopt when it may.
std::optional<std::string> cookie_use_refusal(const http::Request& request,
                                              const std::vector<std::string>& origins) {
    if (auto origin = request.header("origin");
        origin && !is_own_origin(*origin, request.header("host"))) {
        http::CorsConfig listed;
        listed.allowed_origins = origins;
        std::erase(listed.allowed_origins, "*");
        if (!http::cors_origin_allowed(listed, *origin)) {
            return ", which is accepted only from the engine's own origin or one listed in "
                   "HASURA_GRAPHQL_CORS_DOMAIN (this request came from \"" +
                   std::string(*origin) + "\")";
        }
    }
    constexpr std::string_view kRule =
        ", which is accepted only on a POST request with Content-Type: application/json";
    if (request.method() != http::Method::kPost) {
        return std::string(kRule) + " (this request is a " +
               std::string(http::to_string(request.method())) + ")";
    }
    auto type = request.header("content-type");
    if (!type || media_type(*type) != "application/json") {
        return std::string(kRule) + (type ? " (this request sent \"" + std::string(*type) + "\")"
                                          : std::string(" (this request sent none)"));
    }
    return std::nullopt;
}

// A session whose JWT came from a cookie, on a request that may not use its cookies.
std::optional<auth::AuthError> cookie_request_refusal(const auth::Session& session,
                                                      const http::Request& request,
                                                      const std::vector<std::string>& origins) {
    if (!session.token_from_cookie) return std::nullopt;
    auto refusal = cookie_use_refusal(request, origins);
    if (!refusal) return std::nullopt;
    return auth::AuthError::make(auth::AuthErrorCode::kCookieRequestRefused,
                                 "the JWT was read from a cookie" + *refusal);
}

}  // namespace

sql::Task<auth::Result<auth::Session>> Service::authenticate(const http::Request& request) {
    http::Headers headers = headers_of(request);
    // The auth webhook would treat the cookies as the browser's session just as the JWT cookie
    // place does, so it sees them only on requests that H3's rule lets use their cookies;
    // otherwise a form or link on another site could act as the signed-in user.
    if (authenticator_->config().mode == auth::AuthMode::kWebhook &&
        cookie_use_refusal(request, settings_.cookie_origins)) {
        headers.erase("Cookie");
    }
    std::string_view body = request.body();
    auto session = co_await authenticator_->authenticate(headers, body);
    if (session) {
        if (auto refused = cookie_request_refusal(*session, request, settings_.cookie_origins)) {
            co_return *refused;
        }
    }
    co_return session;
}

bool Service::show_internal(const auth::Session* session) const {
    return settings_.dev_mode ||
           (session && session->is_admin() && settings_.admin_internal_errors);
}

std::shared_ptr<const Service::ParsedQuery> Service::parse_cached(const std::string& text) {
    {
        std::lock_guard lock(cache_mu_);
        if (auto it = query_cache_.find(text); it != query_cache_.end()) return it->second;
    }
    auto doc = graphql::parse(text);
    if (!doc) return nullptr;
    auto parsed = std::make_shared<ParsedQuery>();
    parsed->hash = core::hex_encode(jose::sha256(text));
    for (auto name : graphql::shape_variables(*doc)) parsed->shape_variables.emplace_back(name);
    parsed->document = std::move(*doc);
    std::lock_guard lock(cache_mu_);
    if (settings_.query_cache_size == 0) return parsed;
    // A full cache starts over: cheaper than LRU bookkeeping on the hot path.
    if (query_cache_.size() >= settings_.query_cache_size) query_cache_.clear();
    query_cache_.emplace(text, parsed);
    return parsed;
}

// ---- /v1/metadata ----

sql::Task<core::Result<Service::AdminRequest, EngineError>> Service::admin_request(
    const http::Request& request) {
    auto session = co_await authenticate(request);
    if (!session) co_return from_auth(session.error());
    if (!session->is_admin()) {
        co_return EngineError::make(ErrorCode::kAccessDenied, "restricted access : admin only",
                                    "$.args");
    }
    auto body = core::parse_json(request.body());
    if (!body) co_return EngineError::make(ErrorCode::kInvalidJson, body.error().message());
    co_return AdminRequest{std::move(*session), std::move(*body)};
}

sql::Task<http::Response> Service::handle_metadata(http::Request& request) {
    auto admin = co_await admin_request(request);
    if (!admin) co_return rest_error(admin.error());
    auto command = metadata::parse_command(admin->body);
    if (!command) co_return metadata_error(command.error());

    // Another process may have written since our last poll: catch up first, so commands apply
    // to the metadata the store holds (one cheap version read).
    if (!std::holds_alternative<metadata::ReloadMetadata>(command->args)) {
        auto synced = co_await sync_once();
        if (!synced) {
            co_return rest_error(
                EngineError::make(ErrorCode::kUnexpected, synced.error().message()));
        }
    } else {
        auto reloaded = co_await reload();
        if (!reloaded) {
            co_return rest_error(
                EngineError::make(ErrorCode::kUnexpected, reloaded.error().message()));
        }
    }
    // Optimistic concurrency: a write that loses the race re-reads and tries again, unless the
    // client pinned a resource_version (then the loss is the client's 409).
    for (int attempt = 0; attempt < 5; ++attempt) {
        auto st = state();
        auto version_ok = metadata::check_resource_version(*command, st->resource_version);
        if (!version_ok) co_return metadata_error(version_ok.error());
        if (std::holds_alternative<metadata::ExportMetadata>(command->args)) {
            co_return http::Response::json(
                200, core::to_json(metadata::export_response(st->metadata, command->version,
                                                             st->resource_version)));
        }
        catalog::CatalogsView view(st->catalogs);
        auto applied = metadata::apply_command(st->metadata, *command, &view);
        if (!applied) co_return metadata_error(applied.error());
        if (command->is_read_only()) {
            co_return http::Response::json(200, core::to_json(applied->response));
        }
        std::string text = core::to_json(metadata::emit_metadata(applied->metadata));
        auto saved = co_await store_->save(std::move(text), st->resource_version);
        if (!saved) {
            if (!saved.error().is(core::ErrorKind::kConflict)) {
                co_return rest_error(
                    EngineError::make(ErrorCode::kUnexpected, saved.error().message()));
            }
            auto reloaded = co_await reload();
            if (!reloaded) {
                co_return rest_error(
                    EngineError::make(ErrorCode::kUnexpected, reloaded.error().message()));
            }
            continue;
        }
        auto published = publish(*saved, std::move(applied->metadata), st->catalogs);
        (void)published;
        co_return http::Response::json(200, core::to_json(applied->response));
    }
    co_return rest_error(
        EngineError::make(ErrorCode::kConflict, "metadata is being changed concurrently; retry"));
}

// ---- /v2/query ----

sql::Task<http::Response> Service::handle_query(http::Request& request) {
    auto admin = co_await admin_request(request);
    if (!admin) co_return rest_error(admin.error());
    const json::value* body = &admin->body;
    if (!body->is_object()) {
        co_return rest_error(EngineError::make(
            ErrorCode::kParseFailed, "expected Object, but encountered " +
                                         std::string(body->is_array() ? "Array" : "a scalar")));
    }
    const auto& obj = body->as_object();
    auto type = core::get_string(obj, "type");
    if (!type) {
        co_return rest_error(
            EngineError::make(ErrorCode::kParseFailed, "key \"type\" not found", "$"));
    }
    if (*type != "run_sql") {
        co_return rest_error(EngineError::make(
            ErrorCode::kNotSupported, "unknown query type: " + std::string(*type), "$.type"));
    }
    const json::object* args = core::get_object(obj, "args");
    if (!args) {
        co_return rest_error(
            EngineError::make(ErrorCode::kParseFailed, "key \"args\" not found", "$"));
    }
    auto sql_text = core::get_string(*args, "sql");
    if (!sql_text) {
        co_return rest_error(
            EngineError::make(ErrorCode::kParseFailed, "key \"sql\" not found", "$.args"));
    }
    auto source = core::get_string(*args, "source").value_or(metadata::kDefaultSource);
    if (source != metadata::kDefaultSource) {
        co_return rest_error(EngineError::make(
            ErrorCode::kNotExists,
            "source with name \"" + std::string(source) + "\" does not exist", "$.args"));
    }
    const bool read_only = core::get_bool(*args, "read_only").value_or(false);
    std::string statement(*sql_text);

    auto rs = co_await source_db_->execute_script(statement);
    if (!rs) {
        const sql::DbError& e = rs.error();
        json::object err;
        err["description"] = e.detail().empty() ? json::value(nullptr) : json::value(e.detail());
        err["exec_status"] = "FatalError";
        err["hint"] = nullptr;
        err["message"] = e.message();
        err["status_code"] = e.sqlstate();
        json::object internal;
        internal["arguments"] = json::array();
        internal["error"] = std::move(err);
        internal["prepared"] = false;
        internal["statement"] = statement;
        EngineError out =
            EngineError::make(ErrorCode::kPostgresError, "query execution failed", "$");
        out.internal = json::value(std::move(internal));
        co_return rest_error(out, true);
    }

    json::object result;
    if (rs->returns_rows()) {
        json::array rows;
        json::array header;
        for (const auto& c : rs->columns()) header.emplace_back(c);
        rows.push_back(std::move(header));
        for (const auto row : *rs) {
            json::array cells;
            for (std::size_t i = 0; i < row.size(); ++i) {
                auto text = row.value(i).to_text();
                if (text) {
                    cells.emplace_back(*text);
                } else {
                    cells.emplace_back(nullptr);
                }
            }
            rows.push_back(std::move(cells));
        }
        result["result_type"] = "TuplesOk";
        result["result"] = std::move(rows);
    } else {
        result["result_type"] = "CommandOk";
        result["result"] = nullptr;
    }
    if (!read_only) {
        // DDL must be visible at once (a CREATE TABLE is trackable by the next request).
        auto catalogs = co_await read_catalogs();
        if (catalogs) {
            auto st = state();
            (void)publish(st->resource_version, st->metadata, std::move(*catalogs));
        } else {
            core::log().warn("catalog-refresh",
                             json::object{{"error", catalogs.error().to_string()}});
        }
    }
    co_return http::Response::json(200, core::to_json(result));
}

// ---- /v1/graphql ----

namespace {

// Reads {query, variables?, operationName?}. Errors: parse-failed with Hasura's wording.
core::Result<void, EngineError> read_graphql_request(const json::value& v, std::string& query,
                                                     std::string& operation_name,
                                                     json::object& variables) {
    if (!v.is_object()) {
        return EngineError::make(ErrorCode::kParseFailed,
                                 "expected Object, but encountered a non-object");
    }
    const auto& obj = v.as_object();
    const json::value* q = core::find(obj, "query");
    if (!q) return EngineError::make(ErrorCode::kParseFailed, "key \"query\" not found");
    if (!q->is_string()) {
        return EngineError::make(ErrorCode::kParseFailed, "expected String for \"query\"",
                                 "$.query");
    }
    query = std::string(q->as_string());
    if (const json::value* vars = core::find(obj, "variables"); vars && !vars->is_null()) {
        if (!vars->is_object()) {
            return EngineError::make(ErrorCode::kParseFailed, "expected Object for \"variables\"",
                                     "$.variables");
        }
        variables = vars->as_object();
    }
    if (const json::value* op = core::find(obj, "operationName"); op && !op->is_null()) {
        if (!op->is_string()) {
            return EngineError::make(ErrorCode::kParseFailed,
                                     "expected String for \"operationName\"", "$.operationName");
        }
        operation_name = std::string(op->as_string());
    }
    return {};
}

}  // namespace

namespace {

EngineError prepare_error(const graphql::GraphQLError& e) {
    return EngineError::make(ErrorCode::kValidationFailed, e.message, response_path(e.path));
}

// Variables as part of a plan cache key: each name with its value as the request sent it (the
// coerced value is a function of it), hashed so a large value does not bloat the key.
std::string variables_key(const std::vector<std::string>& names, const json::object& variables) {
    if (names.empty()) return {};
    std::string text;
    for (const auto& name : names) {
        core::append_json_string(text, name);
        text += '=';
        const json::value* v = core::find(variables, name);
        text += v != nullptr ? core::to_json(*v) : std::string("-");
        text += ';';
    }
    return core::hex_encode(jose::sha256(text));
}

// What /v1/graphql refuses by operation kind, whether the plan was cached or not: over GET only
// queries; subscriptions never (they need a WebSocket). nullopt: the operation may run.
std::optional<EngineError> refused_over_http(plan::OperationKind kind, bool is_get) {
    if (is_get && kind != plan::OperationKind::kQuery) {
        return EngineError::make(ErrorCode::kMethodNotAllowed, "only queries are allowed over GET");
    }
    if (kind == plan::OperationKind::kSubscription) {
        return EngineError::make(
            ErrorCode::kUnexpectedPayload,
            "subscriptions are not supported over HTTP, use websockets instead");
    }
    return std::nullopt;
}

}  // namespace

sqlgen::DialectKind Service::source_dialect() const {
    return source_db_->dialect() == sql::Dialect::kPostgres ? sqlgen::DialectKind::kPostgres
                                                            : sqlgen::DialectKind::kSqlite;
}

sqlgen::CompileOptions Service::compile_options() const {
    sqlgen::CompileOptions options;
    options.stringify_numeric = settings_.stringify_numeric_types;
    return options;
}

std::shared_ptr<const CompiledOperation> Service::find_plan(const exec::PlanKey& key,
                                                            const json::object& variables) {
    auto found = plans_.find(key);
    if (!found || found->plan.value_variables.empty()) return found;
    // The plan's shape follows some variables' values (a whole `where: $w`): it serves only
    // requests with the same values; others look under the key extended with theirs.
    std::string values = variables_key(found->plan.value_variables, variables);
    if (values == found->value_key) return found;
    exec::PlanKey extended = key;
    extended.query_hash += "#" + values;
    return plans_.find(extended);
}

void Service::store_plan(const exec::PlanKey& key, const json::object& variables,
                         std::shared_ptr<const CompiledOperation> compiled) {
    if (!compiled->plan.value_variables.empty()) {
        exec::PlanKey extended = key;
        extended.query_hash += "#" + compiled->value_key;
        plans_.insert(extended, compiled);
    }
    plans_.insert(key, std::move(compiled));
}

sql::Task<std::string> Service::run_graphql(const GraphqlRequest& request,
                                            const auth::Session& session,
                                            std::vector<EngineError>& errors, bool is_get) {
    auto st = state();
    if (!st || !st->schemas) {
        errors.push_back(EngineError::make(ErrorCode::kUnexpected, "the schema is not available"));
        co_return std::string();
    }
    const bool backend_only = session.backend_only;
    auto role_schema = st->schemas->for_role_or_empty(session.role, backend_only);
    const graphql::Schema& schema = role_schema->graphql();

    auto parsed = parse_cached(request.query);
    if (!parsed) {
        errors.push_back(EngineError::make(ErrorCode::kValidationFailed,
                                           "not a valid graphql query", "$.query"));
        co_return std::string();
    }

    // A cached plan was validated against this very schema (the key holds its generation), so
    // a hit skips validation, planning and compiling; only the variables are coerced.
    exec::PlanKey key;
    key.role = backend_only ? session.role + "\x1f" + "backend-only" : session.role;
    key.query_hash = parsed->hash + ":" + std::to_string(st->generation);
    if (!parsed->shape_variables.empty()) {
        key.query_hash += ":" + variables_key(parsed->shape_variables, request.variables);
    }
    key.operation_name = request.operation_name;
    std::shared_ptr<const CompiledOperation> compiled = find_plan(key, request.variables);

    std::optional<graphql::PreparedOperation> prepared;
    json::object coerced;
    // Collects the fields and coerces the variables; false once the error is recorded.
    auto prepare = [&] {
        auto op = graphql::prepare_operation(schema, parsed->document, request.operation_name,
                                             request.variables);
        if (!op) {
            errors.push_back(prepare_error(op.error().front()));
            return false;
        }
        prepared = std::move(*op);
        return true;
    };
    if (!compiled) {
        auto invalid = graphql::validate(schema, parsed->document);
        if (!invalid.empty()) {
            errors.push_back(validation_error(invalid.front()));
            co_return std::string();
        }
        if (!prepare()) co_return std::string();
        if (auto refused =
                refused_over_http(plan::operation_kind(prepared->operation->operation), is_get)) {
            errors.push_back(std::move(*refused));
            co_return std::string();
        }
        bool introspection_only = true;
        for (const auto& field : prepared->fields) {
            if (!graphql::is_introspection_field(field)) introspection_only = false;
        }
        if (introspection_only) co_return graphql::execute_introspection(schema, *prepared);

        auto built =
            compile_operation(*role_schema, *prepared, source_dialect(), compile_options());
        if (!built) {
            errors.push_back(std::move(built).error());
            co_return std::string();
        }
        built->value_key = variables_key(built->plan.value_variables, request.variables);
        compiled = std::make_shared<const CompiledOperation>(std::move(*built));
        store_plan(key, request.variables, compiled);
    } else {
        if (auto refused = refused_over_http(compiled->kind, is_get)) {
            errors.push_back(std::move(*refused));
            co_return std::string();
        }
        if (compiled->has_introspection) {
            // The introspection fields are written from the collected fields.
            if (!prepare()) co_return std::string();
        } else {
            auto op = graphql::select_operation(parsed->document, request.operation_name);
            if (!op) {
                errors.push_back(prepare_error(op.error()));
                co_return std::string();
            }
            auto vars = graphql::coerce_variable_values(schema, **op, request.variables);
            if (!vars) {
                errors.push_back(prepare_error(vars.error().front()));
                co_return std::string();
            }
            coerced = std::move(*vars);
        }
    }

    const json::object& variables = prepared ? prepared->variables : coerced;
    auto slots = bind_slots(compiled->plan, variables, session_variables(session));
    if (!slots) {
        errors.push_back(std::move(slots).error());
        co_return std::string();
    }
    std::string data;
    if (compiled->statement) {
        exec::ExecOptions options;
        if (compiled->kind == plan::OperationKind::kMutation) {
            options.session_json = core::to_json(session.variables_json());
        }
        const sqlgen::SqlStatement& statement = *compiled->statement;
        auto result = co_await exec::execute(*source_db_, statement, *slots, options);
        if (!result) {
            errors.push_back(from_exec_error(result.error(), &statement, *slots));
            co_return std::string();
        }
        data = std::move(*result);
        if (statement.dialect == sqlgen::DialectKind::kPostgres) compact_json(data);
    }
    auto body = response_body(*compiled, data, schema, prepared ? &*prepared : nullptr);
    if (!body) {
        errors.push_back(std::move(body).error());
        co_return std::string();
    }
    co_return std::move(*body);
}

sql::Task<http::Response> Service::handle_graphql(http::Request& request) {
    const bool alpha = request.path().starts_with("/v1alpha1/");
    const bool is_get = request.method() == http::Method::kGet;
    const bool spec_status =
        request.header("accept").value_or("").find(kGraphqlResponseType) != std::string_view::npos;
    auto respond = [&](unsigned status, std::string body) {
        http::Response r = http::Response::json(status, std::move(body));
        if (spec_status)
            r.set_header("Content-Type", "application/graphql-response+json; charset=utf-8");
        return r;
    };
    auto error_status = [&](const EngineError& e) -> unsigned {
        if (alpha || spec_status) return e.http_status() == 404 ? 400 : e.http_status();
        return 200;
    };

    // The request(s): a JSON object, a JSON array (a batch), or GET query parameters.
    std::vector<json::value> items;
    bool batch = false;
    if (is_get) {
        json::object obj;
        if (auto q = request.query_param("query")) obj["query"] = *q;
        if (auto op = request.query_param("operationName")) obj["operationName"] = *op;
        if (auto vars = request.query_param("variables"); vars && !vars->empty()) {
            auto parsed = core::parse_json(*vars);
            if (!parsed) {
                EngineError e = EngineError::make(ErrorCode::kInvalidJson, parsed.error().message(),
                                                  "$.variables");
                co_return respond(error_status(e), graphql_errors_body({e}));
            }
            obj["variables"] = std::move(*parsed);
        }
        items.emplace_back(std::move(obj));
    } else {
        // A request that is not a well-formed GraphQL-over-HTTP request (no JSON body, or a body
        // of another media type) gets the spec's 4xx whatever the client accepts: only answers
        // to well-formed requests keep Hasura's 200 (H4), and no Hasura client sends these.
        if (auto type = request.header("content-type"); !readable_graphql_body(type)) {
            EngineError e = EngineError::make(
                ErrorCode::kBadRequest,
                type ? "unsupported Content-Type \"" + std::string(*type) +
                           "\": the request body must be JSON sent as application/json"
                     : std::string("missing Content-Type: the request body must be JSON sent as "
                                   "application/json"));
            co_return respond(kUnsupportedMediaType, graphql_errors_body({e}));
        }
        auto body = core::parse_json(request.body());
        if (!body) {
            EngineError e = EngineError::make(ErrorCode::kInvalidJson, body.error().message());
            co_return respond(400, graphql_errors_body({e}));
        }
        if (body->is_array()) {
            batch = true;
            for (auto& v : body->as_array()) items.push_back(std::move(v));
        } else {
            items.push_back(std::move(*body));
        }
    }

    auto session = co_await authenticate(request);
    if (!session) {
        EngineError e = from_auth(session.error());
        co_return respond(error_status(e), graphql_errors_body({e}));
    }
    const bool internal = show_internal(&*session);

    std::vector<std::string> bodies;
    unsigned status = 200;
    for (const auto& item : items) {
        GraphqlRequest gr;
        std::vector<EngineError> errors;
        auto read = read_graphql_request(item, gr.query, gr.operation_name, gr.variables);
        std::string data;
        if (!read) {
            errors.push_back(read.error());
        } else {
            data = co_await run_graphql(gr, *session, errors, is_get);
        }
        if (!errors.empty()) {
            if (!batch) status = error_status(errors.front());
            bodies.push_back(graphql_errors_body(errors, internal));
        } else {
            bodies.push_back(std::move(data));
        }
    }
    if (!batch) co_return respond(status, std::move(bodies.front()));
    std::string out = "[";
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        if (i) out += ',';
        out += bodies[i];
    }
    out += ']';
    co_return respond(200, std::move(out));
}

namespace {

// The session an explain request describes: `user` holds the headers of the request being
// explained ({"x-hasura-role": "user", "x-hasura-user-id": "1"}); no role means admin.
core::Result<auth::Session, EngineError> explain_session(const json::object& body) {
    auth::Session session;
    session.role = std::string(auth::kAdminRole);
    session.method = auth::AuthMethod::kAdminSecret;
    const json::value* user = core::find(body, "user");
    if (user == nullptr || user->is_null()) return session;
    if (!user->is_object()) {
        return EngineError::make(ErrorCode::kParseFailed, "expected Object for \"user\"", "$.user");
    }
    for (const auto& kv : user->as_object()) {
        if (!auth::is_hasura_name(kv.key())) continue;
        if (!kv.value().is_string()) {
            return EngineError::make(ErrorCode::kParseFailed,
                                     "expected String for \"" + std::string(kv.key()) + "\"",
                                     "$.user");
        }
        std::string name = auth::to_lower_ascii(kv.key());
        if (name == auth::kRoleHeader) session.role = std::string(kv.value().as_string());
        session.variables[name] = kv.value();
    }
    session.variables[std::string(auth::kRoleHeader)] = json::value(session.role);
    return session;
}

// EXPLAIN's output as lines: PostgreSQL's text plan, or SQLite's EXPLAIN QUERY PLAN details
// indented by depth.
std::vector<std::string> plan_lines(const sql::ResultSet& rs, bool postgres) {
    std::vector<std::string> lines;
    std::map<std::int64_t, std::size_t> depth_of;
    for (const auto row : rs) {
        if (postgres) {
            lines.push_back(row.value(0).to_text().value_or(""));
            continue;
        }
        if (row.size() < 4) continue;
        const auto id = row.value(0).to_text().value_or("0");
        const auto parent = row.value(1).to_text().value_or("0");
        std::size_t depth = 0;
        std::int64_t parent_id = std::atoll(parent.c_str());
        if (auto it = depth_of.find(parent_id); it != depth_of.end()) depth = it->second + 1;
        depth_of[std::atoll(id.c_str())] = depth;
        lines.push_back(std::string(depth * 2, ' ') + row.value(3).to_text().value_or(""));
    }
    return lines;
}

}  // namespace

sql::Task<http::Response> Service::handle_explain(http::Request& request) {
    auto admin = co_await admin_request(request);
    if (!admin) co_return rest_error(admin.error());
    const bool internal = show_internal(&admin->session);
    const json::value* body = &admin->body;
    if (!body->is_object()) {
        co_return rest_error(EngineError::make(ErrorCode::kParseFailed,
                                               "expected Object, but encountered a non-object"));
    }
    const json::object& obj = body->as_object();
    const json::value* query = core::find(obj, "query");
    if (query == nullptr) {
        co_return rest_error(
            EngineError::make(ErrorCode::kParseFailed, "key \"query\" not found", "$"));
    }
    GraphqlRequest gr;
    auto read = read_graphql_request(*query, gr.query, gr.operation_name, gr.variables);
    if (!read) {
        EngineError e = read.error();
        if (e.path.starts_with("$")) e.path = "$.query" + e.path.substr(1);
        co_return rest_error(e);
    }
    auto session = explain_session(obj);
    if (!session) co_return rest_error(session.error());

    auto st = state();
    if (!st || !st->schemas) {
        co_return rest_error(
            EngineError::make(ErrorCode::kUnexpected, "the schema is not available"));
    }
    auto role_schema = st->schemas->for_role_or_empty(session->role);
    const graphql::Schema& schema = role_schema->graphql();
    auto doc = graphql::parse(gr.query);
    if (!doc) {
        co_return rest_error(EngineError::make(ErrorCode::kValidationFailed,
                                               "not a valid graphql query", "$.query"));
    }
    auto invalid = graphql::validate(schema, *doc);
    if (!invalid.empty()) co_return rest_error(validation_error(invalid.front()));
    auto prepared = graphql::prepare_operation(schema, *doc, gr.operation_name, gr.variables);
    if (!prepared) co_return rest_error(prepare_error(prepared.error().front()));
    if (prepared->operation->operation == graphql::ast::OperationType::kMutation) {
        co_return rest_error(
            EngineError::make(ErrorCode::kInvalidParams, "only queries can be explained"));
    }
    auto planned = plan::plan_operation(*role_schema, *prepared);
    if (!planned) {
        co_return rest_error(EngineError::from_wire(planned.error().code, planned.error().message,
                                                    planned.error().path));
    }
    const metadata::SessionVariables session_vars = session_variables(*session);
    auto slots = bind_slots(*planned, prepared->variables, session_vars);
    if (!slots) co_return rest_error(slots.error());

    const bool postgres = source_dialect() == sqlgen::DialectKind::kPostgres;
    const std::string prefix = postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ";
    const sqlgen::Dialect& dialect = sqlgen::dialect_for(source_dialect());
    const bool subscription =
        prepared->operation->operation == graphql::ast::OperationType::kSubscription;

    // Hasura explains each root field's statement; a subscription is one multiplexed
    // statement, so it is explained whole.
    std::vector<std::pair<std::string, plan::QueryPlan>> parts;
    if (subscription) {
        parts.emplace_back(std::string(), *planned);
    } else {
        for (const auto& field : planned->fields) {
            plan::QueryPlan one;
            one.kind = planned->kind;
            one.params = planned->params;
            one.value_variables = planned->value_variables;
            one.fields.push_back(field);
            parts.emplace_back(field.key, std::move(one));
        }
    }
    json::array out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::string& key = parts[i].first;
        const plan::QueryPlan& part = parts[i].second;
        json::object entry;
        if (!subscription) entry["field"] = key;
        const bool sql_backed =
            !part.fields.empty() &&
            std::none_of(part.fields.begin(), part.fields.end(), [](const auto& f) {
                return std::holds_alternative<plan::Introspection>(f.node) ||
                       std::holds_alternative<plan::TypenameField>(f.node);
            });
        if (!sql_backed) {
            entry["sql"] = nullptr;
            entry["plan"] = nullptr;
            out.push_back(std::move(entry));
            continue;
        }
        auto statement = sqlgen::compile(part, dialect, compile_options());
        if (!statement) {
            const bool unsupported = statement.error().code() == "not-supported";
            co_return rest_error(
                EngineError::make(unsupported ? ErrorCode::kNotSupported : ErrorCode::kUnexpected,
                                  statement.error().message()));
        }
        const sqlgen::SqlStep& step = statement->steps.front();
        auto params = exec::bind_step(step, *slots);
        if (!params) {
            co_return rest_error(from_exec_error(params.error(), &*statement, *slots), internal);
        }
        const std::string explain_text = prefix + step.text;
        const sql::Params& bound = *params;
        auto rs = co_await source_db_->query(explain_text, bound);
        if (!rs) {
            exec::ExecError mapped = exec::map_db_error(rs.error());
            co_return rest_error(from_exec_error(mapped, &*statement, *slots), internal);
        }
        json::array lines;
        for (auto& line : plan_lines(*rs, postgres)) lines.emplace_back(line);
        entry["sql"] = step.text;
        entry["plan"] = std::move(lines);
        if (subscription) {
            json::object variables;
            variables["synthetic"] = json::array();
            variables["query"] = prepared->variables;
            variables["session"] = session->variables_json();
            entry["variables"] = std::move(variables);
            co_return http::Response::json(200, core::to_json(entry));
        }
        out.push_back(std::move(entry));
    }
    co_return http::Response::json(200, core::to_json(out));
}

// ---- routes ----

void Service::register_routes(http::Router& router) {
    // Handlers hold the Service strongly: the router lives no longer than the server.
    auto self = shared_from_this();
    router.post("/v1/metadata", [self](http::Request& r) { return self->handle_metadata(r); });
    router.post("/v2/query", [self](http::Request& r) { return self->handle_query(r); });
    for (std::string_view path : {"/v1/graphql", "/v1alpha1/graphql"}) {
        router.post(path, [self](http::Request& r) { return self->handle_graphql(r); });
        router.get(path, [self](http::Request& r) { return self->handle_graphql(r); });
    }
    router.post("/v1/graphql/explain",
                [self](http::Request& r) { return self->handle_explain(r); });
    router.get("/v1/version", [self](http::Request&) -> sql::Task<http::Response> {
        json::object out;
        out["version"] = self->settings_.version;
        out["server_type"] = "ce";
        co_return http::Response::json(200, core::to_json(out));
    });
    for (std::string_view path : {"/healthz", "/hasura/healthz"}) {
        router.get(path, [self](http::Request&) -> sql::Task<http::Response> {
            auto st = self->state();
            if (!st || !st->schemas) co_return http::Response::text(500, "ERROR");
            if (st->inconsistent_objects > 0) {
                co_return http::Response::text(200, "WARN: inconsistent objects in schema");
            }
            co_return http::Response::text(200, "OK");
        });
    }
    router.get("/login", [self](http::Request& r) -> sql::Task<http::Response> {
        co_return http::Response::html(200, login_page(r, self->settings_.idp_origin));
    });
    router.set_fallback([](http::Request&) -> sql::Task<http::Response> {
        co_return http::Response::json(
            404, R"({"path":"$","error":"resource does not exist","code":"not-found"})");
    });
}

}  // namespace ward::engine::server
