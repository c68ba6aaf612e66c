#include "engine/graphql/introspection.hpp"

#include "core/json.hpp"
#include "engine/graphql/printer.hpp"

namespace ward::engine::graphql {

namespace {

struct TypeView {
    const TypeDef* def = nullptr;  // the named type
    TypeRef ref;                   // with wrappers
};

class Writer {
  public:
    Writer(const Schema& s, std::string& out) : s_(s), out_(out) {}

    void string_or_null(std::string_view v) {
        if (v.empty()) {
            out_ += "null";
        } else {
            core::append_json_string(out_, v);
        }
    }
    void str(std::string_view v) { core::append_json_string(out_, v); }
    void boolean(bool b) { out_ += b ? "true" : "false"; }

    bool include_deprecated(const CollectedField& f) {
        const auto* v = core::find(f.arguments, "includeDeprecated");
        return v != nullptr && v->is_bool() && v->get_bool();
    }

    template <typename Fn>
    void object(const std::vector<CollectedField>& fields, std::string_view type_name, Fn&& fn) {
        out_ += '{';
        bool first = true;
        for (const CollectedField& f : fields) {
            if (!first) out_ += ',';
            first = false;
            str(f.response_key);
            out_ += ':';
            const std::string_view name = f.definition->name;
            if (name == "__typename") {
                str(type_name);
            } else {
                fn(f, name);
            }
        }
        out_ += '}';
    }

    template <typename T, typename Fn>
    void list(const std::vector<T>& items, Fn&& fn) {
        out_ += '[';
        bool first = true;
        for (const auto& item : items) {
            if (!first) out_ += ',';
            first = false;
            fn(item);
        }
        out_ += ']';
    }

    void schema(const CollectedField& cf) {
        object(cf.selections, "__Schema", [&](const CollectedField& f, std::string_view n) {
            if (n == "description") {
                string_or_null(s_.description());
            } else if (n == "types") {
                out_ += '[';
                bool first = true;
                for (const TypeDef& t : s_.types()) {
                    if (!first) out_ += ',';
                    first = false;
                    type(f, TypeView{&t, TypeRef(t.name)});
                }
                out_ += ']';
            } else if (n == "queryType") {
                named_or_null(f, s_.query_type());
            } else if (n == "mutationType") {
                named_or_null(f, s_.mutation_type());
            } else if (n == "subscriptionType") {
                named_or_null(f, s_.subscription_type());
            } else if (n == "directives") {
                out_ += '[';
                bool first = true;
                for (const DirectiveDef& d : s_.directives()) {
                    if (!first) out_ += ',';
                    first = false;
                    directive(f, d);
                }
                out_ += ']';
            } else {
                out_ += "null";
            }
        });
    }

    void named_or_null(const CollectedField& f, const TypeDef* t) {
        if (t == nullptr) {
            out_ += "null";
        } else {
            type(f, TypeView{t, TypeRef(t->name)});
        }
    }

    void type_list(const CollectedField& f, const std::vector<const TypeDef*>& types) {
        list(types, [&](const TypeDef* t) { type(f, TypeView{t, TypeRef(t->name)}); });
    }

    void type(const CollectedField& cf, TypeView view) {
        const TypeDef* def = view.def;
        const bool wrapped = !view.ref.is_named();
        object(cf.selections, "__Type", [&](const CollectedField& f, std::string_view n) {
            const bool deprecated_too = include_deprecated(f);
            if (n == "kind") {
                if (view.ref.is_non_null()) {
                    str("NON_NULL");
                } else if (view.ref.is_list()) {
                    str("LIST");
                } else {
                    str(to_string(def->kind));
                }
            } else if (n == "name") {
                wrapped ? void(out_ += "null") : str(def->name);
            } else if (n == "description") {
                wrapped ? void(out_ += "null") : string_or_null(def->description);
            } else if (n == "specifiedByURL" || n == "specifiedByUrl") {
                wrapped || def->kind != TypeKind::kScalar ? void(out_ += "null")
                                                          : string_or_null(def->specified_by_url);
            } else if (n == "fields") {
                if (wrapped ||
                    (def->kind != TypeKind::kObject && def->kind != TypeKind::kInterface)) {
                    out_ += "null";
                    return;
                }
                out_ += '[';
                bool first = true;
                for (const FieldDef& fd : def->fields) {
                    if (fd.deprecated && !deprecated_too) continue;
                    if (!first) out_ += ',';
                    first = false;
                    field(f, fd);
                }
                out_ += ']';
            } else if (n == "interfaces") {
                if (wrapped ||
                    (def->kind != TypeKind::kObject && def->kind != TypeKind::kInterface)) {
                    out_ += "null";
                    return;
                }
                type_list(f, def->interfaces);
            } else if (n == "possibleTypes") {
                if (wrapped || !def->is_abstract()) {
                    out_ += "null";
                    return;
                }
                type_list(f, def->possible_types);
            } else if (n == "enumValues") {
                if (wrapped || def->kind != TypeKind::kEnum) {
                    out_ += "null";
                    return;
                }
                out_ += '[';
                bool first = true;
                for (const EnumValueDef& v : def->enum_values) {
                    if (v.deprecated && !deprecated_too) continue;
                    if (!first) out_ += ',';
                    first = false;
                    enum_value(f, v);
                }
                out_ += ']';
            } else if (n == "inputFields") {
                if (wrapped || def->kind != TypeKind::kInputObject) {
                    out_ += "null";
                    return;
                }
                input_values(f, def->input_fields, deprecated_too);
            } else if (n == "ofType") {
                if (!wrapped) {
                    out_ += "null";
                    return;
                }
                type(f, TypeView{def, view.ref.of_type()});
            } else {
                out_ += "null";
            }
        });
    }

    void type_of(const CollectedField& f, TypeRef ref) {
        const TypeDef* def = s_.find_type(ref.name());
        if (def == nullptr) {
            out_ += "null";  // cannot happen in a built schema
            return;
        }
        type(f, TypeView{def, ref});
    }

    void field(const CollectedField& cf, const FieldDef& fd) {
        object(cf.selections, "__Field", [&](const CollectedField& f, std::string_view n) {
            if (n == "name") {
                str(fd.name);
            } else if (n == "description") {
                string_or_null(fd.description);
            } else if (n == "args") {
                input_values(f, fd.args, include_deprecated(f));
            } else if (n == "type") {
                type_of(f, fd.type);
            } else if (n == "isDeprecated") {
                boolean(fd.deprecated);
            } else if (n == "deprecationReason") {
                fd.deprecated ? string_or_null(fd.deprecation_reason) : void(out_ += "null");
            } else {
                out_ += "null";
            }
        });
    }

    void input_values(const CollectedField& f, const std::vector<InputValueDef>& values,
                      bool deprecated_too) {
        out_ += '[';
        bool first = true;
        for (const InputValueDef& v : values) {
            if (v.deprecated && !deprecated_too) continue;
            if (!first) out_ += ',';
            first = false;
            input_value(f, v);
        }
        out_ += ']';
    }

    void input_value(const CollectedField& cf, const InputValueDef& v) {
        object(cf.selections, "__InputValue", [&](const CollectedField& f, std::string_view n) {
            if (n == "name") {
                str(v.name);
            } else if (n == "description") {
                string_or_null(v.description);
            } else if (n == "type") {
                type_of(f, v.type);
            } else if (n == "defaultValue") {
                v.default_value ? str(print(*v.default_value)) : void(out_ += "null");
            } else if (n == "isDeprecated") {
                boolean(v.deprecated);
            } else if (n == "deprecationReason") {
                v.deprecated ? string_or_null(v.deprecation_reason) : void(out_ += "null");
            } else {
                out_ += "null";
            }
        });
    }

    void enum_value(const CollectedField& cf, const EnumValueDef& v) {
        object(cf.selections, "__EnumValue", [&](const CollectedField&, std::string_view n) {
            if (n == "name") {
                str(v.name);
            } else if (n == "description") {
                string_or_null(v.description);
            } else if (n == "isDeprecated") {
                boolean(v.deprecated);
            } else if (n == "deprecationReason") {
                v.deprecated ? string_or_null(v.deprecation_reason) : void(out_ += "null");
            } else {
                out_ += "null";
            }
        });
    }

    void directive(const CollectedField& cf, const DirectiveDef& d) {
        object(cf.selections, "__Directive", [&](const CollectedField& f, std::string_view n) {
            if (n == "name") {
                str(d.name);
            } else if (n == "description") {
                string_or_null(d.description);
            } else if (n == "isRepeatable") {
                boolean(d.repeatable);
            } else if (n == "locations") {
                out_ += '[';
                bool first = true;
                for (int i = 0; i < kDirectiveLocationCount; ++i) {
                    if (!d.allows(static_cast<DirectiveLocation>(i))) continue;
                    if (!first) out_ += ',';
                    first = false;
                    str(to_string(static_cast<DirectiveLocation>(i)));
                }
                out_ += ']';
            } else if (n == "args") {
                input_values(f, d.args, include_deprecated(f));
            } else {
                out_ += "null";
            }
        });
    }

  private:
    const Schema& s_;
    std::string& out_;
};

}  // namespace

bool is_introspection_field(const CollectedField& field) {
    const std::string_view n = field.definition ? field.definition->name : std::string_view();
    return n == "__schema" || n == "__type" || n == "__typename";
}

void write_introspection_field(const Schema& schema, const CollectedField& field,
                               std::string& out) {
    Writer w(schema, out);
    const std::string_view n = field.definition ? field.definition->name : std::string_view();
    if (n == "__typename") {
        w.str(field.parent_type ? field.parent_type->name : std::string_view("Query"));
    } else if (n == "__schema") {
        w.schema(field);
    } else if (n == "__type") {
        const auto name = core::get_string(field.arguments, "name");
        const TypeDef* t = name ? schema.find_type(*name) : nullptr;
        w.named_or_null(field, t);
    } else {
        out += "null";
    }
}

std::string execute_introspection(const Schema& schema, const PreparedOperation& op) {
    std::string out = "{\"data\":{";
    bool first = true;
    for (const CollectedField& f : op.fields) {
        if (!first) out += ',';
        first = false;
        core::append_json_string(out, f.response_key);
        out += ':';
        if (is_introspection_field(f)) {
            write_introspection_field(schema, f, out);
        } else {
            out += "null";
        }
    }
    out += "}}";
    return out;
}

}  // namespace ward::engine::graphql
