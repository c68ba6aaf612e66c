// A compact, stable text form of a QueryPlan for tests, golden files and debug logs. With
// `sources` false every slot prints as $N only, so two plans that would give the same SQL print
// the same (the literal-vs-variable rule of STYLE.md §3.7 rule 8).
#pragma once

#include <string>

#include "engine/plan/ir.hpp"

namespace ward::engine::plan {

// Never fails. Slots print as $N (index) and, with `sources`, as $N=<literal|var|session>.
std::string dump(const QueryPlan& plan, bool sources = true);
std::string dump(const Filter& filter, const QueryPlan& plan, bool sources = true);

}  // namespace ward::engine::plan
