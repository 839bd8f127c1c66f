#include "host/cli/JobsCommand.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>

#include <sys/ioctl.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "host/cli/AgeText.hpp"
#include "host/cli/TextTable.hpp"
#include "host/db/Database.hpp"
#include "host/queue/QueuedJob.hpp"

namespace pricefeed::host {
namespace {

// The terminal's width when standard output is one, else $COLUMNS, else 160 (a pipe into less or a
// file: wide enough to read, short enough not to wrap most windows). The error column is cut to it.
std::size_t terminal_width() {
  winsize size{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 40)
    return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    const long value = std::strtol(columns, nullptr, 10);
    if (value >= 40) return static_cast<std::size_t>(value);
  }
  return 160;
}

// One line, at most `width` characters: newlines become spaces and a cut ends in "...".
std::string one_line(std::string text, std::size_t width) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  if (text.size() <= width) return text;
  if (width <= 3) return text.substr(0, width);
  std::size_t cut = width - 3;
  // Never split a UTF-8 sequence: back up to the start of a character.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  return text.substr(0, cut) + "...";
}

// When the job runs next, as an operator asks it: "due", "in 4m", "leased 2m by host:42".
std::string next_text(const QueuedJob& job) {
  switch (job.status) {
    case JobStatus::pending:
    case JobStatus::rate_limited:
      if (job.seconds_until_retry && *job.seconds_until_retry > 0)
        return "in " + age_text(*job.seconds_until_retry);
      return "due";
    case JobStatus::in_progress:
      if (job.seconds_until_lease_ends && *job.seconds_until_lease_ends < 0) return "lease expired";
      return "by " + job.locked_by.value_or("?");
    case JobStatus::completed:
    case JobStatus::failed:
      return "-";
  }
  return "-";
}

nlohmann::json optional_json(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json job_json(const QueuedJob& job) {
  nlohmann::json exhausted = nlohmann::json::parse(job.exhausted_sources_json, nullptr, false);
  if (exhausted.is_discarded()) exhausted = job.exhausted_sources_json;
  return {{"id", job.id},
          {"asset_id", job.asset_id},
          {"symbol", job.symbol},
          {"asset_class", job.asset_class},
          {"resolution", job.resolution},
          {"start_date", job.start_date},
          {"end_date", job.end_date},
          {"status", std::string(to_string(job.status))},
          {"attempts", job.attempts},
          {"max_attempts", job.max_attempts},
          {"source", optional_json(job.source)},
          {"retry_after", optional_json(job.retry_after)},
          {"locked_by", optional_json(job.locked_by)},
          {"locked_until", optional_json(job.locked_until)},
          {"error_message", optional_json(job.error_message)},
          {"exhausted_sources", exhausted},
          {"created_at", job.created_at},
          {"updated_at", job.updated_at},
          {"completed_at", optional_json(job.completed_at)}};
}

void print_table(const std::vector<QueuedJob>& jobs) {
  const std::vector<std::string> header = {"ID",    "ASSET",  "RES",  "RANGE",   "STATUS",
                                           "TRIES", "SOURCE", "NEXT", "UPDATED", "ERROR"};
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> width(header.size() - 1, 0);
  for (std::size_t i = 0; i + 1 < header.size(); ++i)
    width[i] = header[i].size();
  for (const QueuedJob& job : jobs) {
    std::vector<std::string> row = {std::to_string(job.id),
                                    job.symbol + " " + job.asset_class,
                                    job.resolution,
                                    job.start_date + ".." + job.end_date,
                                    std::string(to_string(job.status)),
                                    std::to_string(job.attempts) + "/" + std::to_string(job.max_attempts),
                                    job.source.value_or("-"),
                                    next_text(job),
                                    job.updated_at};
    for (std::size_t i = 0; i < row.size(); ++i)
      width[i] = std::max(width[i], row[i].size());
    // A completed job's last error is history; failed and waiting ones show why.
    row.push_back(job.status == JobStatus::completed ? "" : job.error_message.value_or(""));
    rows.push_back(std::move(row));
  }
  // TextTable pads each column to its widest cell plus two spaces; what remains is the error's.
  std::size_t used = 0;
  for (const std::size_t w : width)
    used += w + 2;
  const std::size_t error_width =
      std::max<std::size_t>(24, terminal_width() > used ? terminal_width() - used : 0);
  TextTable table(header);
  for (auto& row : rows) {
    row.back() = one_line(row.back(), error_width);
    table.add(std::move(row));
  }
  table.print(std::cout);
}

}  // namespace

int run_jobs_command(const GlobalOptions& options, const JobsArguments& arguments) {
  std::optional<JobStatus> status;
  if (!arguments.status.empty()) status = parse_job_status(arguments.status);
  Config config = load_command_config(options);
  auto connection = open_database_connection(config.database.url);
  pqxx::read_transaction tx(*connection, "jobs");
  const std::vector<QueuedJob> jobs = list_queued_jobs(tx, status, arguments.limit);

  if (arguments.json) {
    nlohmann::json array = nlohmann::json::array();
    for (const QueuedJob& job : jobs)
      array.push_back(job_json(job));
    std::cout << array.dump(2) << "\n";
    return 0;
  }

  if (jobs.empty()) {
    std::cout << "no " << (status ? std::string(to_string(*status)) + " " : std::string()) << "jobs\n";
  } else {
    print_table(jobs);
  }
  const auto counts = count_queued_jobs_by_status(tx);
  std::int64_t total = 0;
  std::string footer;
  for (const auto& [job_status, count] : counts) {
    total += count;
    footer += (footer.empty() ? "" : ", ") + std::to_string(count) + " " + std::string(to_string(job_status));
  }
  std::cout << total << " jobs: " << footer;
  if (jobs.size() == static_cast<std::size_t>(arguments.limit))
    std::cout << " (showing the newest " << jobs.size() << "; --limit N for more)";
  std::cout << "\n";
  return 0;
}

}  // namespace pricefeed::host
