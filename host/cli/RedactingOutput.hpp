// The CLI's standard output and error, redacted line by line (redact_text) on their way out: every
// command's tables, JSON and messages (`pricefeed plugins` quoting a plugin's refusal, `jobs` showing
// a stored error_message, `quality` a source's reason) pass one gate, so no command can forget it.
#pragma once

#include <memory>
#include <ostream>
#include <streambuf>

namespace pricefeed::host {

class RedactingOutput {
 public:
  // Sends what is written to `stream` through redaction, into the buffer `stream` had, until this
  // is destroyed. A line is redacted whole when its '\n' arrives, so a secret written in pieces is
  // still seen whole; an unfinished last line is redacted and written at destruction.
  explicit RedactingOutput(std::ostream& stream);
  ~RedactingOutput();
  RedactingOutput(const RedactingOutput&) = delete;
  RedactingOutput& operator=(const RedactingOutput&) = delete;

 private:
  class LineBuffer;
  std::ostream& stream_;
  std::unique_ptr<LineBuffer> buffer_;
  std::streambuf* original_;
};

}  // namespace pricefeed::host
