// Casdoor's number form on the wire: Go's encoding/json writes an integral float as an integer
// (`"expireInHours":168`), where Boost.JSON's shortest form is `1.68E2` (and `0E0` for zero).
// The model keeps doubles as doubles (the store derives column types from them); the IdP's JSON
// output passes through integral_doubles_as_integers just before it is written.
#pragma once

#include "core/json.hpp"

namespace ward::idp::model {

// Replaces, in `value` and everything nested in it, each double that is integral and inside the
// int64 range by that integer. Other doubles (1.5, 3E-4, NaN) are left as they are.
void integral_doubles_as_integers(core::json::value& value);
void integral_doubles_as_integers(core::json::object& object);

}  // namespace ward::idp::model
