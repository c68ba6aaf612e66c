#include "engine/graphql/parser.hpp"

#include <utility>

#include "engine/graphql/lexer.hpp"

namespace ward::engine::graphql {

std::string_view to_code(ParseErrorReason reason) {
    switch (reason) {
        case ParseErrorReason::kSyntax:
            return "syntax-error";
        case ParseErrorReason::kUnexpectedEof:
            return "unexpected-eof";
        case ParseErrorReason::kUnexpectedCharacter:
            return "unexpected-character";
        case ParseErrorReason::kUnterminatedString:
            return "unterminated-string";
        case ParseErrorReason::kBadEscape:
            return "bad-escape";
        case ParseErrorReason::kInvalidNumber:
            return "invalid-number";
        case ParseErrorReason::kTooLarge:
            return "document-too-large";
        case ParseErrorReason::kTooManyTokens:
            return "too-many-tokens";
        case ParseErrorReason::kTooDeep:
            return "too-deep";
    }
    return "syntax-error";
}

namespace {

bool is_type_system_keyword(std::string_view s) {
    return s == "schema" || s == "scalar" || s == "type" || s == "interface" || s == "union" ||
           s == "enum" || s == "input" || s == "directive" || s == "extend";
}

// The parser keeps one token of lookahead and a sticky first error: after a failure every
// function returns immediately with an empty node, and parse() reports the error.
class Parser {
  public:
    Parser(std::string_view source, const ParseLimits& limits) : lexer_(source), limits_(limits) {
        advance();
    }

    bool failed() const { return failed_; }
    ParseError take_error() { return std::move(error_); }

    std::vector<ast::Definition> document() {
        std::vector<ast::Definition> defs;
        if (tok_.kind == TokenKind::kEof && !failed_) {
            unexpected();
            return defs;
        }
        while (!failed_ && tok_.kind != TokenKind::kEof) {
            defs.push_back(definition());
        }
        return defs;
    }

    ast::Value value_only(bool is_const) {
        ast::Value v = value(is_const);
        if (!failed_ && tok_.kind != TokenKind::kEof) unexpected();
        return v;
    }

    TypeRef type_only() {
        ast::NodeLocation loc;
        TypeRef t = type_ref(loc);
        if (!failed_ && tok_.kind != TokenKind::kEof) unexpected();
        return t;
    }

  private:
    void fail(ParseErrorReason reason, SourceLocation loc, std::string message) {
        if (failed_) return;
        failed_ = true;
        error_.reason = reason;
        error_.location = loc;
        error_.message = std::move(message);
    }

    void advance() {
        if (failed_) return;
        tok_ = lexer_.next();
        if (tok_.kind == TokenKind::kError) {
            ParseErrorReason reason = ParseErrorReason::kSyntax;
            switch (tok_.error) {
                case LexError::kUnexpectedCharacter:
                    reason = ParseErrorReason::kUnexpectedCharacter;
                    break;
                case LexError::kUnterminatedString:
                    reason = ParseErrorReason::kUnterminatedString;
                    break;
                case LexError::kBadEscape:
                    reason = ParseErrorReason::kBadEscape;
                    break;
                case LexError::kInvalidNumber:
                    reason = ParseErrorReason::kInvalidNumber;
                    break;
                case LexError::kNone:
                    break;
            }
            fail(reason, tok_.loc, "Syntax Error: " + tok_.value);
            return;
        }
        if (tok_.kind != TokenKind::kEof && ++tokens_ > limits_.max_tokens) {
            fail(ParseErrorReason::kTooManyTokens, tok_.loc,
                 "Syntax Error: Document contains more than " + std::to_string(limits_.max_tokens) +
                     " tokens. Parsing aborted.");
        }
    }

    std::string describe(const Token& t) const {
        if (t.kind == TokenKind::kEof) return "<EOF>";
        if (t.kind == TokenKind::kName) return "Name \"" + std::string(t.text) + "\"";
        if (t.kind == TokenKind::kInt || t.kind == TokenKind::kFloat ||
            t.kind == TokenKind::kString || t.kind == TokenKind::kBlockString) {
            return std::string(to_string(t.kind)) + " \"" + std::string(t.text) + "\"";
        }
        return std::string(to_string(t.kind));
    }

    void unexpected() {
        fail(tok_.kind == TokenKind::kEof ? ParseErrorReason::kUnexpectedEof
                                          : ParseErrorReason::kSyntax,
             tok_.loc, "Syntax Error: Unexpected " + describe(tok_) + ".");
    }

    void expected(std::string_view what) {
        fail(tok_.kind == TokenKind::kEof ? ParseErrorReason::kUnexpectedEof
                                          : ParseErrorReason::kSyntax,
             tok_.loc,
             "Syntax Error: Expected " + std::string(what) + ", found " + describe(tok_) + ".");
    }

    bool peek(TokenKind kind) const { return !failed_ && tok_.kind == kind; }
    bool peek_keyword(std::string_view kw) const {
        return peek(TokenKind::kName) && tok_.text == kw;
    }

    bool expect(TokenKind kind) {
        if (failed_) return false;
        if (tok_.kind != kind) {
            expected(to_string(kind));
            return false;
        }
        advance();
        return !failed_;
    }

    bool skip(TokenKind kind) {
        if (peek(kind)) {
            advance();
            return true;
        }
        return false;
    }

    std::string_view name() {
        if (failed_) return {};
        if (tok_.kind != TokenKind::kName) {
            expected("Name");
            return {};
        }
        std::string_view n = tok_.text;
        advance();
        return n;
    }

    ast::NodeLocation here() const {
        ast::NodeLocation loc;
        loc.line = tok_.loc.line;
        loc.column = tok_.loc.column;
        return loc;
    }

    // Depth accounting shared by selection sets, values and list types.
    bool enter() {
        if (++depth_ > limits_.max_depth) {
            fail(ParseErrorReason::kTooDeep, tok_.loc,
                 "Syntax Error: Document nesting exceeds the limit of " +
                     std::to_string(limits_.max_depth) + " levels.");
            return false;
        }
        return true;
    }
    void leave() { --depth_; }

    ast::Definition definition() {
        if (peek(TokenKind::kBraceL)) {
            ast::OperationDefinition op;
            op.loc = here();
            op.shorthand = true;
            op.selection_set = selection_set();
            return op;
        }
        if (peek(TokenKind::kString) || peek(TokenKind::kBlockString)) {
            // A description only precedes type system definitions.
            return type_system_definition();
        }
        if (peek(TokenKind::kName)) {
            const std::string_view kw = tok_.text;
            if (kw == "query" || kw == "mutation" || kw == "subscription") {
                return operation_definition();
            }
            if (kw == "fragment") return fragment_definition();
            if (is_type_system_keyword(kw)) return type_system_definition();
        }
        unexpected();
        return ast::OperationDefinition{};
    }

    ast::OperationDefinition operation_definition() {
        ast::OperationDefinition op;
        op.loc = here();
        if (tok_.text == "mutation") {
            op.operation = ast::OperationType::kMutation;
        } else if (tok_.text == "subscription") {
            op.operation = ast::OperationType::kSubscription;
        }
        advance();
        if (peek(TokenKind::kName)) op.name = name();
        if (peek(TokenKind::kParenL)) {
            advance();
            do {
                op.variables.push_back(variable_definition());
            } while (!failed_ && !peek(TokenKind::kParenR));
            expect(TokenKind::kParenR);
        }
        op.directives = directives(false);
        op.selection_set = selection_set();
        return op;
    }

    ast::VariableDefinition variable_definition() {
        ast::VariableDefinition var;
        var.loc = here();
        if (!expect(TokenKind::kDollar)) return var;
        var.name = name();
        expect(TokenKind::kColon);
        var.type = type_ref(var.type_loc);
        if (skip(TokenKind::kEquals)) var.default_value = value(true);
        var.directives = directives(true);
        return var;
    }

    TypeRef type_ref(ast::NodeLocation& loc) {
        loc = here();
        TypeRef t;
        if (peek(TokenKind::kBracketL)) {
            if (!enter()) return t;
            advance();
            ast::NodeLocation inner_loc;
            TypeRef inner = type_ref(inner_loc);
            expect(TokenKind::kBracketR);
            leave();
            if (failed_) return t;
            if (!inner.wrap_list(t)) {
                fail(ParseErrorReason::kTooDeep, loc, "Syntax Error: Type is nested too deeply.");
                return t;
            }
        } else {
            if (failed_) return t;
            t = TypeRef(name());
        }
        if (skip(TokenKind::kBang)) {
            TypeRef nn;
            if (!t.wrap_non_null(nn)) {
                fail(ParseErrorReason::kTooDeep, loc, "Syntax Error: Type is nested too deeply.");
                return t;
            }
            t = nn;
        }
        return t;
    }

    std::vector<ast::Directive> directives(bool is_const) {
        std::vector<ast::Directive> out;
        while (peek(TokenKind::kAt)) {
            ast::Directive d;
            d.loc = here();
            advance();
            d.name = name();
            d.arguments = arguments(is_const);
            out.push_back(std::move(d));
        }
        return out;
    }

    std::vector<ast::Argument> arguments(bool is_const) {
        std::vector<ast::Argument> out;
        if (!peek(TokenKind::kParenL)) return out;
        advance();
        do {
            ast::Argument a;
            a.loc = here();
            a.name = name();
            expect(TokenKind::kColon);
            a.value = value(is_const);
            out.push_back(std::move(a));
        } while (!failed_ && !peek(TokenKind::kParenR));
        expect(TokenKind::kParenR);
        return out;
    }

    ast::SelectionSet selection_set() {
        ast::SelectionSet set;
        set.loc = here();
        if (!expect(TokenKind::kBraceL)) return set;
        if (!enter()) return set;
        do {
            set.selections.push_back(selection());
        } while (!failed_ && !peek(TokenKind::kBraceR));
        expect(TokenKind::kBraceR);
        leave();
        return set;
    }

    ast::Selection selection() {
        if (peek(TokenKind::kSpread)) {
            const ast::NodeLocation loc = here();
            advance();
            if (peek(TokenKind::kName) && tok_.text != "on") {
                ast::FragmentSpread spread;
                spread.loc = loc;
                spread.name = name();
                spread.directives = directives(false);
                return spread;
            }
            ast::InlineFragment frag;
            frag.loc = loc;
            if (peek_keyword("on")) {
                advance();
                frag.type_condition = name();
            }
            frag.directives = directives(false);
            frag.selection_set = selection_set();
            return frag;
        }
        ast::Field field;
        field.loc = here();
        std::string_view first = name();
        if (skip(TokenKind::kColon)) {
            field.alias = first;
            field.name = name();
        } else {
            field.name = first;
        }
        field.arguments = arguments(false);
        field.directives = directives(false);
        if (peek(TokenKind::kBraceL)) field.selection_set = selection_set();
        return field;
    }

    ast::FragmentDefinition fragment_definition() {
        ast::FragmentDefinition frag;
        frag.loc = here();
        advance();
        if (peek_keyword("on")) {
            expected("a fragment name");  // `fragment on on T` is not allowed (§2.8)
            return frag;
        }
        frag.name = name();
        if (!peek_keyword("on")) {
            expected("\"on\"");
            return frag;
        }
        advance();
        frag.type_condition_loc = here();
        frag.type_condition = name();
        frag.directives = directives(false);
        frag.selection_set = selection_set();
        return frag;
    }

    // Type system definitions are skipped token by token (they are never executed) and kept as a
    // marker so that validation can reject them with their name (§5.1.1).
    ast::TypeSystemDefinition type_system_definition() {
        ast::TypeSystemDefinition def;
        def.loc = here();
        if (peek(TokenKind::kString) || peek(TokenKind::kBlockString)) advance();
        if (!peek(TokenKind::kName) || !is_type_system_keyword(tok_.text)) {
            unexpected();
            return def;
        }
        def.keyword = tok_.text;
        advance();
        if (def.keyword == "extend" && peek(TokenKind::kName)) advance();
        if (def.keyword == "directive" && skip(TokenKind::kAt)) {
            def.name = name();
        } else if (peek(TokenKind::kName) && def.keyword != "schema") {
            def.name = name();
        }
        const bool braced =
            def.keyword != "scalar" && def.keyword != "union" && def.keyword != "directive";
        int nesting = 0;
        while (!failed_ && tok_.kind != TokenKind::kEof) {
            const TokenKind k = tok_.kind;
            if (nesting == 0) {
                if (k == TokenKind::kName &&
                    (tok_.text == "query" || tok_.text == "mutation" ||
                     tok_.text == "subscription" || tok_.text == "fragment" ||
                     is_type_system_keyword(tok_.text))) {
                    break;
                }
                if (k == TokenKind::kBraceL && !braced) break;
                if ((k == TokenKind::kString || k == TokenKind::kBlockString) && braced) break;
            }
            if (k == TokenKind::kBraceL || k == TokenKind::kParenL || k == TokenKind::kBracketL) {
                if (!enter()) return def;
                ++nesting;
            } else if (k == TokenKind::kBraceR || k == TokenKind::kParenR ||
                       k == TokenKind::kBracketR) {
                if (nesting == 0) {
                    unexpected();
                    return def;
                }
                leave();
                --nesting;
                if (nesting == 0 && k == TokenKind::kBraceR && braced) {
                    advance();
                    return def;
                }
            }
            advance();
        }
        if (nesting != 0 && !failed_) unexpected();
        return def;
    }

    ast::Value value(bool is_const) {
        ast::Value v;
        v.loc = here();
        if (failed_) return v;
        switch (tok_.kind) {
            case TokenKind::kBracketL: {
                if (!enter()) return v;
                advance();
                ast::ListValue list;
                while (!failed_ && !peek(TokenKind::kBracketR)) {
                    if (tok_.kind == TokenKind::kEof) {
                        unexpected();
                        break;
                    }
                    list.values.push_back(value(is_const));
                }
                expect(TokenKind::kBracketR);
                leave();
                v.kind = std::move(list);
                return v;
            }
            case TokenKind::kBraceL: {
                if (!enter()) return v;
                advance();
                ast::ObjectValue obj;
                while (!failed_ && !peek(TokenKind::kBraceR)) {
                    ast::ObjectField f;
                    f.loc = here();
                    f.name = name();
                    expect(TokenKind::kColon);
                    f.value = value(is_const);
                    obj.fields.push_back(std::move(f));
                }
                expect(TokenKind::kBraceR);
                leave();
                v.kind = std::move(obj);
                return v;
            }
            case TokenKind::kInt:
                v.kind = ast::IntValue{tok_.text};
                advance();
                return v;
            case TokenKind::kFloat:
                v.kind = ast::FloatValue{tok_.text};
                advance();
                return v;
            case TokenKind::kString:
            case TokenKind::kBlockString:
                v.kind =
                    ast::StringValue{std::move(tok_.value), tok_.kind == TokenKind::kBlockString};
                advance();
                return v;
            case TokenKind::kName:
                if (tok_.text == "true" || tok_.text == "false") {
                    v.kind = ast::BooleanValue{tok_.text == "true"};
                } else if (tok_.text == "null") {
                    v.kind = ast::NullValue{};
                } else {
                    v.kind = ast::EnumValue{tok_.text};
                }
                advance();
                return v;
            case TokenKind::kDollar:
                if (!is_const) {
                    advance();
                    v.kind = ast::VariableRef{name()};
                    return v;
                }
                fail(ParseErrorReason::kSyntax, tok_.loc,
                     "Syntax Error: Unexpected variable \"$\" in constant value.");
                return v;
            default:
                unexpected();
                return v;
        }
    }

    Lexer lexer_;
    const ParseLimits& limits_;
    Token tok_;
    std::size_t tokens_ = 0;
    std::size_t depth_ = 0;
    bool failed_ = false;
    ParseError error_;
};

}  // namespace

core::Result<ast::Document, ParseError> parse(std::string_view source, const ParseLimits& limits) {
    if (source.size() > limits.max_bytes) {
        return ParseError{
            ParseErrorReason::kTooLarge,
            "Syntax Error: Document is larger than " + std::to_string(limits.max_bytes) + " bytes.",
            {1, 1}};
    }
    ast::Document doc;
    auto owned = std::make_shared<const std::string>(source);
    Parser parser(*owned, limits);
    doc.definitions = parser.document();
    if (parser.failed()) return parser.take_error();
    doc.source = std::move(owned);
    return doc;
}

core::Result<ast::Value, ParseError> parse_value(std::string_view source, bool is_const,
                                                 const ParseLimits& limits) {
    if (source.size() > limits.max_bytes) {
        return ParseError{ParseErrorReason::kTooLarge, "Syntax Error: Value is too large.", {1, 1}};
    }
    Parser parser(source, limits);
    ast::Value v = parser.value_only(is_const);
    if (parser.failed()) return parser.take_error();
    return v;
}

core::Result<TypeRef, ParseError> parse_type(std::string_view source) {
    ParseLimits limits;
    Parser parser(source, limits);
    TypeRef t = parser.type_only();
    if (parser.failed()) return parser.take_error();
    return t;
}

}  // namespace ward::engine::graphql
