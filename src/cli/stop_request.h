#pragma once
// Ctrl+C (SIGINT) or SIGTERM during long work: the command is asked to stop, the use case stops
// where it safely can, and the command still reports what was done — with --json, in its one
// document — instead of the process dying without a word.
#include <atomic>

namespace sanaq::cli {

class StopRequest {
public:
    StopRequest();    // takes SIGINT and SIGTERM for as long as it lives
    ~StopRequest();   // gives them back to the default (the process ends on the next one)
    StopRequest(const StopRequest&) = delete;
    StopRequest& operator=(const StopRequest&) = delete;

    bool requested() const;
    /// For use cases that poll a flag of their own (upstream send).
    std::atomic<bool>& flag();
};

}  // namespace sanaq::cli
