#include "engine/auth/json_path.hpp"

#include <string>

namespace ward::engine::auth {

namespace {

core::Error path_error(std::string what, std::size_t pos) {
    return core::Error::invalid_argument(what + " at position " + std::to_string(pos),
                                         "invalid-json-path");
}

}  // namespace

core::Result<JsonPath> JsonPath::parse(std::string_view text) {
    JsonPath path;
    path.text_ = std::string(text);
    std::size_t i = 0;
    if (text.empty() || text[0] != '$') return path_error("expecting '$'", 0);
    ++i;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '.') {
            ++i;
            const std::size_t start = i;
            while (i < text.size() && text[i] != '.' && text[i] != '[' && text[i] != ']' &&
                   text[i] != '\'' && text[i] != '"') {
                ++i;
            }
            if (i == start) return path_error("expecting a key after '.'", start);
            path.steps_.emplace_back(std::string(text.substr(start, i - start)));
        } else if (c == '[') {
            ++i;
            if (i >= text.size()) return path_error("unterminated '['", i);
            if (text[i] == '\'' || text[i] == '"') {
                const char quote = text[i++];
                const std::size_t start = i;
                while (i < text.size() && text[i] != quote) ++i;
                if (i >= text.size()) return path_error("unterminated quoted key", start);
                std::string key(text.substr(start, i - start));
                ++i;  // closing quote
                if (i >= text.size() || text[i] != ']') return path_error("expecting ']'", i);
                ++i;
                path.steps_.emplace_back(std::move(key));
            } else {
                const std::size_t start = i;
                std::size_t index = 0;
                while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
                    if (i - start >= 9) return path_error("index too large", start);
                    index = index * 10 + static_cast<std::size_t>(text[i] - '0');
                    ++i;
                }
                if (i == start) return path_error("expecting an index or a quoted key", start);
                if (i >= text.size() || text[i] != ']') return path_error("expecting ']'", i);
                ++i;
                path.steps_.emplace_back(index);
            }
        } else {
            return path_error(std::string("unexpected character '") + c + "'", i);
        }
    }
    return path;
}

const core::json::value* JsonPath::find(const core::json::value& root) const {
    const core::json::value* cur = &root;
    for (const Step& step : steps_) {
        if (const auto* key = std::get_if<std::string>(&step)) {
            const auto* obj = cur->if_object();
            if (obj == nullptr) return nullptr;
            cur = obj->if_contains(*key);
        } else {
            const auto* arr = cur->if_array();
            const std::size_t index = std::get<std::size_t>(step);
            if (arr == nullptr || index >= arr->size()) return nullptr;
            cur = &(*arr)[index];
        }
        if (cur == nullptr) return nullptr;
    }
    return cur;
}

}  // namespace ward::engine::auth
