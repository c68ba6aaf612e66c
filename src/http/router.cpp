#include "http/router.hpp"

#include "core/assert.hpp"

namespace ward::http {

namespace {

// Splits "/a/b/c" into its segments; "/" gives none. A trailing '/' yields an empty segment, so
// "/a/" and "/a" are different paths.
template <typename F>
void for_each_segment(std::string_view path, F&& f) {
    if (path.size() <= 1) return;
    path.remove_prefix(1);
    for (;;) {
        std::size_t slash = path.find('/');
        if (!f(path.substr(0, slash))) return;
        if (slash == std::string_view::npos) return;
        path.remove_prefix(slash + 1);
    }
}

}  // namespace

Router::Pattern Router::compile(std::string_view text) {
    WARD_INVARIANT(!text.empty() && text.front() == '/', "route pattern must start with '/'");
    Pattern p;
    p.text = std::string(text);
    std::vector<std::string> segments;
    for_each_segment(text, [&](std::string_view seg) {
        segments.emplace_back(seg);
        return true;
    });
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const auto& seg = segments[i];
        if (seg == "*") {
            WARD_INVARIANT(i + 1 == segments.size(), "'*' must be the last segment");
            p.wildcard = true;
            continue;
        }
        WARD_INVARIANT(seg != ":", "':' needs a parameter name");
        WARD_INVARIANT(seg.find('*') == std::string::npos, "'*' must be a whole segment");
    }
    if (p.wildcard) segments.pop_back();
    p.segments = std::move(segments);
    return p;
}

bool Router::match_pattern(const Pattern& pattern, std::string_view path, Params* params) {
    std::size_t i = 0;
    bool ok = true;
    std::string_view rest;
    std::string_view remaining = path;
    std::size_t consumed = 0;
    for_each_segment(path, [&](std::string_view seg) {
        if (i == pattern.segments.size()) {
            if (!pattern.wildcard) {
                ok = false;
                return false;
            }
            // The rest of the path, from this segment on.
            rest = remaining.substr(consumed + 1);
            return false;
        }
        const std::string& want = pattern.segments[i];
        if (!want.empty() && want.front() == ':') {
            if (seg.empty()) {
                ok = false;
                return false;
            }
            if (params) params->add(want.substr(1), std::string(seg));
        } else if (want != seg) {
            ok = false;
            return false;
        }
        consumed += seg.size() + 1;
        ++i;
        return true;
    });
    if (!ok || i < pattern.segments.size()) {
        if (params) params->clear();
        return false;
    }
    if (pattern.wildcard && params) params->add("*", std::string(rest));
    return true;
}

void Router::add(Method method, std::string_view pattern, Handler handler) {
    WARD_INVARIANT(method != Method::kOther, "routes need a known method");
    WARD_INVARIANT(static_cast<bool>(handler), "empty handler");
    Pattern compiled = compile(pattern);
    bool literal = !compiled.wildcard;
    for (const auto& seg : compiled.segments) {
        if (!seg.empty() && seg.front() == ':') literal = false;
    }
    Entry* entry = nullptr;
    if (literal) {
        auto [it, inserted] = exact_.try_emplace(compiled.text);
        if (inserted) it->second.pattern = compiled;
        entry = &it->second;
    } else {
        for (auto& e : patterns_) {
            if (e.pattern.text == compiled.text) entry = &e;
        }
        if (!entry) {
            patterns_.push_back(Entry{compiled, {}});
            entry = &patterns_.back();
        }
    }
    for (const auto& m : entry->methods) {
        WARD_INVARIANT(m.method != method, "duplicate route");
    }
    entry->methods.push_back(MethodHandler{method, std::move(handler)});
}

void Router::add_websocket(std::string_view pattern, std::vector<std::string> subprotocols,
                           WebSocketHandler handler) {
    WARD_INVARIANT(static_cast<bool>(handler), "empty websocket handler");
    websockets_.push_back(
        WsEntry{compile(pattern), WebSocketRoute{std::move(subprotocols), std::move(handler)}});
}

RouteMatch Router::pick(const Entry& entry, Method method, Params params) {
    RouteMatch result;
    const MethodHandler* get = nullptr;
    for (const auto& m : entry.methods) {
        if (m.method == method) {
            result.kind = RouteMatch::Kind::kFound;
            result.handler = &m.handler;
            result.params = std::move(params);
            return result;
        }
        if (m.method == Method::kGet) get = &m;
    }
    if (method == Method::kHead && get) {
        result.kind = RouteMatch::Kind::kFound;
        result.handler = &get->handler;
        result.params = std::move(params);
        return result;
    }
    result.kind = RouteMatch::Kind::kMethodNotAllowed;
    for (const auto& m : entry.methods) {
        if (!result.allow.empty()) result.allow += ", ";
        result.allow += to_string(m.method);
        if (m.method == Method::kGet) result.allow += ", HEAD";
    }
    return result;
}

RouteMatch Router::match(Method method, std::string_view path) const {
    if (auto it = exact_.find(path); it != exact_.end()) {
        return pick(it->second, method, {});
    }
    for (const auto& entry : patterns_) {
        Params params;
        if (match_pattern(entry.pattern, path, &params)) {
            return pick(entry, method, std::move(params));
        }
    }
    RouteMatch result;
    if (fallback_) {
        result.kind = RouteMatch::Kind::kFound;
        result.handler = &fallback_;
    }
    return result;
}

const WebSocketRoute* Router::match_websocket(std::string_view path, Params& params) const {
    for (const auto& entry : websockets_) {
        if (match_pattern(entry.pattern, path, &params)) return &entry.route;
    }
    return nullptr;
}

}  // namespace ward::http
