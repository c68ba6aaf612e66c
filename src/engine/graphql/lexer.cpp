#include "engine/graphql/lexer.hpp"

#include <vector>

namespace ward::engine::graphql {

namespace {

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_continue(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

bool is_surrogate_high(std::uint32_t cp) { return cp >= 0xD800 && cp <= 0xDBFF; }
bool is_surrogate_low(std::uint32_t cp) { return cp >= 0xDC00 && cp <= 0xDFFF; }

}  // namespace

std::string_view to_string(TokenKind kind) {
    switch (kind) {
        case TokenKind::kEof:
            return "<EOF>";
        case TokenKind::kBang:
            return "\"!\"";
        case TokenKind::kDollar:
            return "\"$\"";
        case TokenKind::kAmp:
            return "\"&\"";
        case TokenKind::kParenL:
            return "\"(\"";
        case TokenKind::kParenR:
            return "\")\"";
        case TokenKind::kSpread:
            return "\"...\"";
        case TokenKind::kColon:
            return "\":\"";
        case TokenKind::kEquals:
            return "\"=\"";
        case TokenKind::kAt:
            return "\"@\"";
        case TokenKind::kBracketL:
            return "\"[\"";
        case TokenKind::kBracketR:
            return "\"]\"";
        case TokenKind::kBraceL:
            return "\"{\"";
        case TokenKind::kPipe:
            return "\"|\"";
        case TokenKind::kBraceR:
            return "\"}\"";
        case TokenKind::kName:
            return "Name";
        case TokenKind::kInt:
            return "Int";
        case TokenKind::kFloat:
            return "Float";
        case TokenKind::kString:
            return "String";
        case TokenKind::kBlockString:
            return "BlockString";
        case TokenKind::kError:
            return "<error>";
    }
    return "<unknown>";
}

SourceLocation Lexer::location_of(std::size_t offset) const {
    return {line_, static_cast<std::uint32_t>(offset - line_start_ + 1)};
}

Token Lexer::make(TokenKind kind, std::size_t start, std::size_t end) const {
    Token t;
    t.kind = kind;
    t.text = src_.substr(start, end - start);
    t.loc = location_of(start);
    return t;
}

Token Lexer::error(LexError reason, std::size_t at, std::string message) const {
    Token t;
    t.kind = TokenKind::kError;
    t.error = reason;
    t.value = std::move(message);
    t.loc = location_of(at);
    return t;
}

void Lexer::skip_ignored() {
    while (pos_ < src_.size()) {
        const char c = src_[pos_];
        if (c == ' ' || c == '\t' || c == ',') {
            ++pos_;
        } else if (c == '\n') {
            ++pos_;
            ++line_;
            line_start_ = pos_;
        } else if (c == '\r') {
            ++pos_;
            if (pos_ < src_.size() && src_[pos_] == '\n') ++pos_;
            ++line_;
            line_start_ = pos_;
        } else if (c == '#') {
            while (pos_ < src_.size() && src_[pos_] != '\n' && src_[pos_] != '\r') ++pos_;
        } else if (src_.compare(pos_, 3, "\xEF\xBB\xBF") == 0) {
            pos_ += 3;  // UnicodeBOM
        } else {
            return;
        }
    }
}

Token Lexer::next() {
    skip_ignored();
    if (pos_ >= src_.size()) return make(TokenKind::kEof, pos_, pos_);
    const std::size_t start = pos_;
    const char c = src_[pos_];
    auto punct = [&](TokenKind kind, std::size_t len) {
        pos_ += len;
        return make(kind, start, pos_);
    };
    switch (c) {
        case '!':
            return punct(TokenKind::kBang, 1);
        case '$':
            return punct(TokenKind::kDollar, 1);
        case '&':
            return punct(TokenKind::kAmp, 1);
        case '(':
            return punct(TokenKind::kParenL, 1);
        case ')':
            return punct(TokenKind::kParenR, 1);
        case ':':
            return punct(TokenKind::kColon, 1);
        case '=':
            return punct(TokenKind::kEquals, 1);
        case '@':
            return punct(TokenKind::kAt, 1);
        case '[':
            return punct(TokenKind::kBracketL, 1);
        case ']':
            return punct(TokenKind::kBracketR, 1);
        case '{':
            return punct(TokenKind::kBraceL, 1);
        case '|':
            return punct(TokenKind::kPipe, 1);
        case '}':
            return punct(TokenKind::kBraceR, 1);
        case '.':
            if (src_.compare(pos_, 3, "...") == 0) return punct(TokenKind::kSpread, 3);
            return error(LexError::kUnexpectedCharacter, start,
                         "Unexpected character: \".\"; did you mean \"...\"?");
        case '"':
            if (src_.compare(pos_, 3, "\"\"\"") == 0) return read_block_string(start);
            return read_string(start);
        default:
            break;
    }
    if (is_name_start(c)) {
        ++pos_;
        while (pos_ < src_.size() && is_name_continue(src_[pos_])) ++pos_;
        return make(TokenKind::kName, start, pos_);
    }
    if (c == '-' || is_digit(c)) return read_number(start);
    std::string shown;
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) {
        static const char* kHex = "0123456789ABCDEF";
        const auto u = static_cast<unsigned char>(c);
        shown = std::string("U+00") + kHex[u >> 4] + kHex[u & 15];
    } else {
        shown = std::string("\"") + c + "\"";
    }
    return error(LexError::kUnexpectedCharacter, start, "Unexpected character: " + shown + ".");
}

// §2.9.1 IntValue / §2.9.2 FloatValue.
Token Lexer::read_number(std::size_t start) {
    bool is_float = false;
    if (src_[pos_] == '-') ++pos_;
    if (pos_ >= src_.size() || !is_digit(src_[pos_])) {
        return error(LexError::kInvalidNumber, pos_, "Invalid number, expected digit after \"-\".");
    }
    if (src_[pos_] == '0') {
        ++pos_;
        if (pos_ < src_.size() && is_digit(src_[pos_])) {
            return error(LexError::kInvalidNumber, pos_,
                         "Invalid number, unexpected digit after 0.");
        }
    } else {
        while (pos_ < src_.size() && is_digit(src_[pos_])) ++pos_;
    }
    if (pos_ < src_.size() && src_[pos_] == '.') {
        is_float = true;
        ++pos_;
        if (pos_ >= src_.size() || !is_digit(src_[pos_])) {
            return error(LexError::kInvalidNumber, pos_,
                         "Invalid number, expected digit after \".\".");
        }
        while (pos_ < src_.size() && is_digit(src_[pos_])) ++pos_;
    }
    if (pos_ < src_.size() && (src_[pos_] == 'e' || src_[pos_] == 'E')) {
        is_float = true;
        ++pos_;
        if (pos_ < src_.size() && (src_[pos_] == '+' || src_[pos_] == '-')) ++pos_;
        if (pos_ >= src_.size() || !is_digit(src_[pos_])) {
            return error(LexError::kInvalidNumber, pos_,
                         "Invalid number, expected digit in exponent.");
        }
        while (pos_ < src_.size() && is_digit(src_[pos_])) ++pos_;
    }
    // A number may not be directly followed by a name start or '.' (§2.9.1 lookahead).
    if (pos_ < src_.size() && (is_name_start(src_[pos_]) || src_[pos_] == '.')) {
        return error(LexError::kInvalidNumber, pos_,
                     std::string("Invalid number, unexpected character \"") + src_[pos_] +
                         "\" after number.");
    }
    return make(is_float ? TokenKind::kFloat : TokenKind::kInt, start, pos_);
}

// §2.9.4 StringValue (single-line form), with \uXXXX and \u{...} escapes.
Token Lexer::read_string(std::size_t start) {
    ++pos_;  // opening quote
    std::string value;
    std::size_t chunk = pos_;
    while (pos_ < src_.size()) {
        const char c = src_[pos_];
        if (c == '"') {
            value.append(src_.substr(chunk, pos_ - chunk));
            ++pos_;
            Token t = make(TokenKind::kString, start, pos_);
            t.value = std::move(value);
            return t;
        }
        if (c == '\n' || c == '\r') break;
        if (c == '\\') {
            value.append(src_.substr(chunk, pos_ - chunk));
            const std::size_t esc = pos_;
            if (pos_ + 1 >= src_.size()) break;
            const char e = src_[pos_ + 1];
            pos_ += 2;
            switch (e) {
                case '"':
                    value.push_back('"');
                    break;
                case '\\':
                    value.push_back('\\');
                    break;
                case '/':
                    value.push_back('/');
                    break;
                case 'b':
                    value.push_back('\b');
                    break;
                case 'f':
                    value.push_back('\f');
                    break;
                case 'n':
                    value.push_back('\n');
                    break;
                case 'r':
                    value.push_back('\r');
                    break;
                case 't':
                    value.push_back('\t');
                    break;
                case 'u': {
                    auto read_code = [&](std::uint32_t& cp) -> bool {
                        cp = 0;
                        if (pos_ < src_.size() && src_[pos_] == '{') {
                            ++pos_;
                            std::size_t digits = 0;
                            while (pos_ < src_.size() && src_[pos_] != '}') {
                                const int h = hex_value(src_[pos_]);
                                if (h < 0 || ++digits > 8) return false;
                                cp = cp * 16 + static_cast<std::uint32_t>(h);
                                if (cp > 0x10FFFF) return false;
                                ++pos_;
                            }
                            if (pos_ >= src_.size() || digits == 0) return false;
                            ++pos_;
                            return true;
                        }
                        for (int i = 0; i < 4; ++i) {
                            if (pos_ >= src_.size()) return false;
                            const int h = hex_value(src_[pos_]);
                            if (h < 0) return false;
                            cp = cp * 16 + static_cast<std::uint32_t>(h);
                            ++pos_;
                        }
                        return true;
                    };
                    std::uint32_t cp = 0;
                    bool ok = read_code(cp);
                    if (ok && is_surrogate_high(cp)) {
                        // Only a following \u low surrogate completes the pair.
                        std::uint32_t low = 0;
                        ok = src_.compare(pos_, 2, "\\u") == 0;
                        if (ok) {
                            pos_ += 2;
                            ok = read_code(low) && is_surrogate_low(low);
                        }
                        if (ok) cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    } else if (ok && is_surrogate_low(cp)) {
                        ok = false;
                    }
                    if (!ok) {
                        std::size_t end = pos_;
                        while (end < src_.size() && end < esc + 12 && src_[end] != '"') ++end;
                        return error(LexError::kBadEscape, esc,
                                     "Invalid Unicode escape sequence: \"" +
                                         std::string(src_.substr(esc, end - esc)) + "\".");
                    }
                    append_utf8(value, cp);
                    break;
                }
                default:
                    return error(
                        LexError::kBadEscape, esc,
                        "Invalid character escape sequence: \"\\" + std::string(1, e) + "\".");
            }
            chunk = pos_;
            continue;
        }
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
            return error(LexError::kUnexpectedCharacter, pos_, "Invalid character within String.");
        }
        ++pos_;
    }
    return error(LexError::kUnterminatedString, pos_, "Unterminated string.");
}

Token Lexer::read_block_string(std::size_t start) {
    pos_ += 3;
    std::string raw;
    std::size_t chunk = pos_;
    const std::uint32_t start_line = line_;
    const std::size_t start_line_start = line_start_;
    while (pos_ < src_.size()) {
        const char c = src_[pos_];
        if (c == '"' && src_.compare(pos_, 3, "\"\"\"") == 0) {
            raw.append(src_.substr(chunk, pos_ - chunk));
            pos_ += 3;
            Token t;
            t.kind = TokenKind::kBlockString;
            t.text = src_.substr(start, pos_ - start);
            t.loc = {start_line, static_cast<std::uint32_t>(start - start_line_start + 1)};
            t.value = block_string_value(raw);
            return t;
        }
        if (c == '\\' && src_.compare(pos_, 4, "\\\"\"\"") == 0) {
            raw.append(src_.substr(chunk, pos_ - chunk));
            raw.append("\"\"\"");
            pos_ += 4;
            chunk = pos_;
            continue;
        }
        if (c == '\n' || c == '\r') {
            ++pos_;
            if (c == '\r' && pos_ < src_.size() && src_[pos_] == '\n') ++pos_;
            ++line_;
            line_start_ = pos_;
            continue;
        }
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
            return error(LexError::kUnexpectedCharacter, pos_, "Invalid character within String.");
        }
        ++pos_;
    }
    return error(LexError::kUnterminatedString, pos_, "Unterminated string.");
}

std::string block_string_value(std::string_view raw) {
    // Split on \r\n, \n or \r.
    std::vector<std::string_view> lines;
    std::size_t begin = 0;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\n' || raw[i] == '\r') {
            lines.push_back(raw.substr(begin, i - begin));
            if (raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
            begin = i + 1;
        }
    }
    lines.push_back(raw.substr(begin));
    auto indent_of = [](std::string_view line) {
        std::size_t n = 0;
        while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
        return n;
    };
    std::size_t common = std::string_view::npos;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const std::size_t ind = indent_of(lines[i]);
        if (ind < lines[i].size() && ind < common) common = ind;
    }
    if (common != std::string_view::npos) {
        for (std::size_t i = 1; i < lines.size(); ++i) {
            lines[i].remove_prefix(std::min(common, lines[i].size()));
        }
    }
    std::size_t first = 0;
    std::size_t last = lines.size();
    while (first < last && indent_of(lines[first]) == lines[first].size()) ++first;
    while (last > first && indent_of(lines[last - 1]) == lines[last - 1].size()) --last;
    std::string out;
    for (std::size_t i = first; i < last; ++i) {
        if (i > first) out.push_back('\n');
        out.append(lines[i]);
    }
    return out;
}

}  // namespace ward::engine::graphql
