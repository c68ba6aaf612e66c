// GraphQL lexer (spec §2.1): turns source text into tokens on demand. Used by the parser; public so
// that tests and tools can tokenize. Never throws: a malformed token becomes a kError token whose
// `value` is the message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/graphql/ast.hpp"

namespace ward::engine::graphql {

enum class TokenKind : std::uint8_t {
    kEof,
    kBang,
    kDollar,
    kAmp,
    kParenL,
    kParenR,
    kSpread,
    kColon,
    kEquals,
    kAt,
    kBracketL,
    kBracketR,
    kBraceL,
    kPipe,
    kBraceR,
    kName,
    kInt,
    kFloat,
    kString,
    kBlockString,
    kError,
};

std::string_view to_string(TokenKind kind);

// Why a token could not be read.
enum class LexError : std::uint8_t {
    kNone,
    kUnexpectedCharacter,
    kUnterminatedString,
    kBadEscape,
    kInvalidNumber,
};

struct Token {
    TokenKind kind = TokenKind::kEof;
    std::string_view text;  // the raw source of the token
    std::string value;      // decoded contents of strings; the message of kError tokens
    SourceLocation loc;
    LexError error = LexError::kNone;
};

class Lexer {
  public:
    // `source` must outlive the lexer and every token's `text`.
    explicit Lexer(std::string_view source) : src_(source) {}

    // The next token; kEof at the end, forever. Ignored tokens (whitespace, commas, comments, a
    // byte order mark) are skipped.
    Token next();

  private:
    void skip_ignored();
    Token make(TokenKind kind, std::size_t start, std::size_t end) const;
    Token error(LexError reason, std::size_t at, std::string message) const;
    Token read_number(std::size_t start);
    Token read_string(std::size_t start);
    Token read_block_string(std::size_t start);
    SourceLocation location_of(std::size_t offset) const;

    std::string_view src_;
    std::size_t pos_ = 0;
    std::uint32_t line_ = 1;
    std::size_t line_start_ = 0;
};

// The spec's BlockStringValue(rawValue) (§2.9.4): common indentation and blank first/last lines
// removed. `raw` is the text between the triple quotes with \""" already unescaped.
std::string block_string_value(std::string_view raw);

}  // namespace ward::engine::graphql
