#pragma once
// Where the coverage and outbox counts on a screen come from, in words: counted now (nothing to
// say), or the department's summary as of when — what an administrator of a workspace with
// per-role keys sees, whose role does not open the census records (db/README.md, "Department
// summaries").
#include <wx/datetime.h>
#include <wx/string.h>

#include <string>

#include "core/domain/counts_source.h"

namespace sanaq::ui {

/// A stored UTC time in the workstation's time: "12:40" on `now`'s day, else "03.10.2026 12:40";
/// the text itself when it does not parse.
wxString as_of_time_text(const std::string& iso_utc, const wxDateTime& now);
/// For a tile: "" when counted now; "As of 12:40"; or that nobody has stored the counts yet.
wxString counts_as_of_text(const CountsSource& source, const wxDateTime& now = wxDateTime::Now());
/// For a screen: that the counts are the department's summary and as of when; "" when counted now.
wxString counts_source_note(const CountsSource& source, const wxDateTime& now = wxDateTime::Now());

}  // namespace sanaq::ui
