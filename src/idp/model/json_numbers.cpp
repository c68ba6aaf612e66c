#include "idp/model/json_numbers.hpp"

#include <cmath>
#include <cstdint>

namespace ward::idp::model {

void integral_doubles_as_integers(core::json::value& value) {
    if (value.is_double()) {
        const double d = value.get_double();
        // -2^63 and 2^63 are exact doubles; NaN fails every comparison.
        if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && d == std::trunc(d)) {
            value = static_cast<std::int64_t>(d);
        }
    } else if (value.is_object()) {
        integral_doubles_as_integers(value.get_object());
    } else if (value.is_array()) {
        for (auto& item : value.get_array()) integral_doubles_as_integers(item);
    }
}

void integral_doubles_as_integers(core::json::object& object) {
    for (auto& entry : object) integral_doubles_as_integers(entry.value());
}

}  // namespace ward::idp::model
