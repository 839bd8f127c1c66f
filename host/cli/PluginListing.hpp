// The tables `pricefeed plugins` and `pricefeed check-config` both print: the plugin files found, each
// source's state, and the [routing] links.
#pragma once

#include <string>
#include <vector>

#include "host/cli/RoutingCheck.hpp"
#include "host/cli/TextTable.hpp"
#include "host/plugins/PluginScanner.hpp"
#include "host/plugins/SourceRegistry.hpp"

namespace pricefeed::host {

// One row per file: its name, version, ABI, classes and capabilities when loaded, else why refused.
TextTable plugin_files_table(const std::vector<PluginFileReport>& plugins);

// "yes", or "no (defaults)" for a source created for a plugin no table names.
std::string configured_cell(const SourceSpec& spec);
// "ready", or "not started: <why>".
std::string source_status_cell(const SourceReport& report);

// Each link as a row: ready, or why it cannot serve. Those that cannot are also logged as warnings.
TextTable routing_table(const std::vector<RoutingLink>& links);

}  // namespace pricefeed::host
