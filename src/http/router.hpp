// http::Router: maps (method, path) to a coroutine handler. Patterns are literal segments,
// ":name" segments (one segment, captured) and a trailing "*" (the rest, captured as "*").
// Immutable once the server starts, so lookups from many threads need no lock.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/websocket.hpp"

namespace ward::http {

// A handler that throws gets a 500 for that request only; the server keeps running.
using Handler = std::function<boost::asio::awaitable<Response>(Request&)>;
// Runs for the life of one WebSocket connection.
using WebSocketHandler = std::function<boost::asio::awaitable<void>(Request&, WebSocket&)>;

struct RouteMatch {
    enum class Kind { kFound, kNotFound, kMethodNotAllowed };
    Kind kind = Kind::kNotFound;
    const Handler* handler = nullptr;  // set when kFound (the fallback handler counts)
    std::string allow;                 // "GET, POST" when kMethodNotAllowed
    Params params;                     // captured path parameters when kFound
};

struct WebSocketRoute {
    std::vector<std::string> subprotocols;  // in order of preference
    WebSocketHandler handler;
};

class Router {
  public:
    // Registers a handler. A HEAD request uses the GET handler when no HEAD handler exists (the
    // server drops the body). Broken patterns (not starting with '/', '*' not last, an empty
    // ":") and duplicate (method, pattern) pairs are programming errors: WARD_INVARIANT.
    void add(Method method, std::string_view pattern, Handler handler);
    void get(std::string_view pattern, Handler handler) {
        add(Method::kGet, pattern, std::move(handler));
    }
    void post(std::string_view pattern, Handler handler) {
        add(Method::kPost, pattern, std::move(handler));
    }
    // A WebSocket endpoint; an upgrade request to this path is handed to `handler`. A plain
    // (non-upgrade) request to the same path falls through to the HTTP routes.
    void add_websocket(std::string_view pattern, std::vector<std::string> subprotocols,
                       WebSocketHandler handler);
    // Called for any path no route matches (e.g. static files, SPA fallback); without one the
    // server answers 404. Not used for 405s.
    void set_fallback(Handler handler) { fallback_ = std::move(handler); }

    // Exact routes win over patterns; patterns are tried in registration order.
    RouteMatch match(Method method, std::string_view path) const;
    // The WebSocket route for `path`, filling `params`, or nullptr.
    const WebSocketRoute* match_websocket(std::string_view path, Params& params) const;

  private:
    struct MethodHandler {
        Method method;
        Handler handler;
    };
    struct Pattern {
        std::string text;
        std::vector<std::string> segments;  // ":x" for params; trailing "*" for the rest
        bool wildcard = false;
    };
    struct Entry {
        Pattern pattern;
        std::vector<MethodHandler> methods;
    };
    struct WsEntry {
        Pattern pattern;
        WebSocketRoute route;
    };

    static Pattern compile(std::string_view text);
    static bool match_pattern(const Pattern& pattern, std::string_view path, Params* params);
    static RouteMatch pick(const Entry& entry, Method method, Params params);

    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    std::unordered_map<std::string, Entry, Hash, std::equal_to<>> exact_;
    std::vector<Entry> patterns_;
    std::vector<WsEntry> websockets_;
    Handler fallback_;
};

}  // namespace ward::http
