#include "engine/graphql/printer.hpp"

namespace ward::engine::graphql {

namespace {

class Printer {
  public:
    std::string out;

    void value(const ast::Value& v) {
        std::visit(
            [&](const auto& k) {
                using K = std::decay_t<decltype(k)>;
                if constexpr (std::is_same_v<K, ast::NullValue>) {
                    out += "null";
                } else if constexpr (std::is_same_v<K, ast::IntValue> ||
                                     std::is_same_v<K, ast::FloatValue>) {
                    out += k.text;
                } else if constexpr (std::is_same_v<K, ast::StringValue>) {
                    out += print_string(k.value);
                } else if constexpr (std::is_same_v<K, ast::BooleanValue>) {
                    out += k.value ? "true" : "false";
                } else if constexpr (std::is_same_v<K, ast::EnumValue>) {
                    out += k.name;
                } else if constexpr (std::is_same_v<K, ast::VariableRef>) {
                    out += '$';
                    out += k.name;
                } else if constexpr (std::is_same_v<K, ast::ListValue>) {
                    out += '[';
                    for (std::size_t i = 0; i < k.values.size(); ++i) {
                        if (i) out += ", ";
                        value(k.values[i]);
                    }
                    out += ']';
                } else if constexpr (std::is_same_v<K, ast::ObjectValue>) {
                    out += '{';
                    for (std::size_t i = 0; i < k.fields.size(); ++i) {
                        if (i) out += ", ";
                        out += k.fields[i].name;
                        out += ": ";
                        value(k.fields[i].value);
                    }
                    out += '}';
                }
            },
            v.kind);
    }

    void arguments(const std::vector<ast::Argument>& args) {
        if (args.empty()) return;
        out += '(';
        for (std::size_t i = 0; i < args.size(); ++i) {
            if (i) out += ", ";
            out += args[i].name;
            out += ": ";
            value(args[i].value);
        }
        out += ')';
    }

    void directives(const std::vector<ast::Directive>& dirs) {
        for (const auto& d : dirs) {
            out += " @";
            out += d.name;
            arguments(d.arguments);
        }
    }

    void indent(int level) { out.append(static_cast<std::size_t>(level) * 2, ' '); }

    void selection_set(const ast::SelectionSet& set, int level) {
        out += "{\n";
        for (const auto& sel : set.selections) {
            indent(level + 1);
            std::visit(
                [&](const auto& s) {
                    using S = std::decay_t<decltype(s)>;
                    if constexpr (std::is_same_v<S, ast::Field>) {
                        if (!s.alias.empty()) {
                            out += s.alias;
                            out += ": ";
                        }
                        out += s.name;
                        arguments(s.arguments);
                        directives(s.directives);
                        if (!s.selection_set.empty()) {
                            out += ' ';
                            selection_set(s.selection_set, level + 1);
                        }
                    } else if constexpr (std::is_same_v<S, ast::FragmentSpread>) {
                        out += "...";
                        out += s.name;
                        directives(s.directives);
                    } else {
                        out += "...";
                        if (!s.type_condition.empty()) {
                            out += " on ";
                            out += s.type_condition;
                        }
                        directives(s.directives);
                        out += ' ';
                        selection_set(s.selection_set, level + 1);
                    }
                },
                sel);
            out += '\n';
        }
        indent(level);
        out += '}';
    }

    void definition(const ast::Definition& def) {
        std::visit(
            [&](const auto& d) {
                using D = std::decay_t<decltype(d)>;
                if constexpr (std::is_same_v<D, ast::OperationDefinition>) {
                    const bool bare = d.operation == ast::OperationType::kQuery && d.name.empty() &&
                                      d.variables.empty() && d.directives.empty();
                    if (!bare) {
                        out += ast::to_string(d.operation);
                        if (!d.name.empty()) {
                            out += ' ';
                            out += d.name;
                        }
                        if (!d.variables.empty()) {
                            out += '(';
                            for (std::size_t i = 0; i < d.variables.size(); ++i) {
                                const auto& var = d.variables[i];
                                if (i) out += ", ";
                                out += '$';
                                out += var.name;
                                out += ": ";
                                out += var.type.to_string();
                                if (var.default_value) {
                                    out += " = ";
                                    value(*var.default_value);
                                }
                                directives(var.directives);
                            }
                            out += ')';
                        }
                        directives(d.directives);
                        out += ' ';
                    }
                    selection_set(d.selection_set, 0);
                } else if constexpr (std::is_same_v<D, ast::FragmentDefinition>) {
                    out += "fragment ";
                    out += d.name;
                    out += " on ";
                    out += d.type_condition;
                    directives(d.directives);
                    out += ' ';
                    selection_set(d.selection_set, 0);
                } else {
                    // Only a marker survives parsing; print a form that parses back to it.
                    const bool braced =
                        d.keyword != "scalar" && d.keyword != "union" && d.keyword != "directive";
                    out += d.keyword;
                    if (d.keyword == "extend") out += " type";
                    if (!d.name.empty()) {
                        out += d.keyword == "directive" ? " @" : " ";
                        out += d.name;
                    }
                    if (d.keyword == "directive") out += " on FIELD";
                    if (braced) out += " {}";
                }
            },
            def);
    }
};

}  // namespace

std::string print_string(std::string_view s) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default:
                if (u < 0x20 || u == 0x7F) {
                    out += "\\u00";
                    out += kHex[u >> 4];
                    out += kHex[u & 15];
                } else {
                    out += c;
                }
        }
    }
    out += '"';
    return out;
}

std::string print(const ast::Document& doc) {
    Printer p;
    for (std::size_t i = 0; i < doc.definitions.size(); ++i) {
        if (i) p.out += "\n\n";
        p.definition(doc.definitions[i]);
    }
    p.out += '\n';
    return std::move(p.out);
}

std::string print(const ast::Value& value) {
    Printer p;
    p.value(value);
    return std::move(p.out);
}

std::string print(const ast::SelectionSet& set) {
    Printer p;
    p.selection_set(set, 0);
    return std::move(p.out);
}

}  // namespace ward::engine::graphql
