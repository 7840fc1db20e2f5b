#pragma once
// Milestones of a start, for the cold-start benchmark (tests/ui/bench_cold_start.cpp). Off unless
// the environment says SANAQ_STARTUP_TIMING=1; then each milestone goes to stderr, once per
// process, as "sanaq-startup <name> <CLOCK_MONOTONIC seconds>" so a launcher can put them on its
// own clock. Nothing a user sees.
namespace sanaq::ui {

/// Prints the milestone if timing is on and `name` has not been printed yet. Any thread.
void startup_milestone(const char* name);

/// Prints the milestone the next time the event loop runs out of work (UI thread): what the
/// window shown meanwhile needs to answer the user has been done by then.
void startup_milestone_when_idle(const char* name);

}  // namespace sanaq::ui
