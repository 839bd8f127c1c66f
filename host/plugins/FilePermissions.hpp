// The host refuses code that someone other than its owner could have replaced.
#pragma once

#include <filesystem>

namespace pricefeed::host {

// Throws PluginRefused when the file or its directory is writable by others (o+w).
void check_not_writable_by_others(const std::filesystem::path& file);

}  // namespace pricefeed::host
